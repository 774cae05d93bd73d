import { Injectable } from '@nestjs/common';
import type { Actor } from '../access';
import { Clock } from '../clock';
import { TransactionContext } from '../transaction';
import { AuditEvent } from './audit-event.entity';

/**
 * Safe detail values: codes, ids, counts, flags and lists of field names. Never a name, contact or
 * note: the type cannot stop a caller passing one, so keep details to things the code itself names.
 */
export type AuditDetailValue = string | number | boolean | null | readonly string[];
export type AuditDetails = Readonly<Record<string, AuditDetailValue>>;

export interface AuditRecord {
  readonly actor: Actor | null;
  readonly requestId: string | null;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string | null;
  readonly details?: AuditDetails;
}

export interface AuditQuery {
  readonly actorId?: string;
  readonly action?: string;
  readonly entityType?: string;
  readonly entityId?: string;
  readonly from?: Date;
  readonly to?: Date;
  readonly limit: number;
  readonly offset: number;
}

export interface AuditPage {
  readonly items: AuditEvent[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

const ACTION_SHAPE = /^[a-z][a-z_]*\.[a-z][a-z_]*$/;

/** The only writer of the audit log. There is no update or delete here, by design. */
@Injectable()
export class AuditService {
  constructor(
    private readonly transactions: TransactionContext,
    private readonly clock: Clock,
  ) {}

  /** The log's rows, in the transaction open in this async context (or on their own outside one). */
  private get events() {
    return this.transactions.repository(AuditEvent);
  }

  /**
   * Appends one event in the transaction open in this async context (TransactionContext), so the
   * change and its audit line commit (or roll back) together; outside one, on its own.
   */
  async record(event: AuditRecord): Promise<void> {
    if (!ACTION_SHAPE.test(event.action))
      throw new Error(`Audit action "${event.action}" is not <entity>.<verb>`);
    const repository = this.events;
    await repository.insert(
      repository.create({
        actorId: event.actor?.id ?? null,
        actorRole: event.actor?.role ?? null,
        action: event.action,
        entityType: event.entityType,
        entityId: event.entityId,
        requestId: event.requestId,
        details:
          event.details === undefined
            ? null
            : (JSON.parse(JSON.stringify(event.details)) as AuditEvent['details']),
      }),
    );
  }

  /**
   * Appends many events without an actor (the system's own work, e.g. a check-ins sweep) in one
   * `INSERT … SELECT` inside the caller's transaction.
   */
  async recordSystemEvents(events: readonly Omit<AuditRecord, 'actor' | 'requestId'>[]): Promise<void> {
    if (events.length === 0) return;
    for (const event of events) {
      if (!ACTION_SHAPE.test(event.action))
        throw new Error(`Audit action "${event.action}" is not <entity>.<verb>`);
    }
    await this.transactions.manager.query(
      // The time of each line is the clock's, as for every other write (not PostgreSQL's now()).
      `INSERT INTO audit_events (occurred_at, actor_id, actor_role, action, entity_type, entity_id, request_id, details)
       SELECT $2, NULL, NULL, e.action, e.entity_type, e.entity_id, NULL, e.details
         FROM jsonb_to_recordset($1::jsonb) AS e(action text, entity_type text, entity_id text, details jsonb)`,
      [
        JSON.stringify(
          events.map((event) => ({
            action: event.action,
            entity_type: event.entityType,
            entity_id: event.entityId,
            details: event.details ?? null,
          })),
        ),
        this.clock.now(),
      ],
    );
  }

  /**
   * An `INSERT INTO audit_events … SELECT … FROM <source>`, for a data-modifying CTE of the caller's
   * statement: one line per row of `source` (a CTE of that statement with an `id` column, the entity
   * id), so the line is written in the same statement as the change it describes, exactly when the
   * change is (issue 17: a write and its audit line in one round trip, without `BEGIN`/`COMMIT`). Its
   * parameters are appended to `params`; the time is the clock's, as for `record`.
   */
  lineForEachSql(source: string, event: Omit<AuditRecord, 'entityId'>, params: unknown[]): string {
    if (!ACTION_SHAPE.test(event.action))
      throw new Error(`Audit action "${event.action}" is not <entity>.<verb>`);
    const $ = (value: unknown): string => `$${params.push(value)}`;
    const details = event.details === undefined ? null : JSON.stringify(event.details);
    return `INSERT INTO audit_events (occurred_at, actor_id, actor_role, action, entity_type, entity_id, request_id, details)
       SELECT ${$(this.clock.now())}::timestamptz, ${$(event.actor?.id ?? null)}::uuid,
              ${$(event.actor?.role ?? null)}::varchar, ${$(event.action)}::varchar,
              ${$(event.entityType)}::varchar, ${source}.id::varchar, ${$(event.requestId)}::varchar,
              ${$(details)}::jsonb
         FROM ${source}`;
  }

  /** Newest first. */
  async listEvents(query: AuditQuery): Promise<AuditPage> {
    const builder = this.events.createQueryBuilder('e');
    if (query.actorId !== undefined) builder.andWhere('e.actor_id = :actorId', { actorId: query.actorId });
    if (query.action !== undefined) builder.andWhere('e.action = :action', { action: query.action });
    if (query.entityType !== undefined)
      builder.andWhere('e.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId !== undefined)
      builder.andWhere('e.entity_id = :entityId', { entityId: query.entityId });
    if (query.from !== undefined) builder.andWhere('e.occurred_at >= :from', { from: query.from });
    if (query.to !== undefined) builder.andWhere('e.occurred_at < :to', { to: query.to });
    const [items, total] = await builder
      .orderBy('e.occurred_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(query.limit)
      .offset(query.offset)
      .getManyAndCount();
    return { items, total, limit: query.limit, offset: query.offset };
  }
}
