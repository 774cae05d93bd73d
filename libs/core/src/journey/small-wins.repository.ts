import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../transaction';
import { SmallWin } from './small-win.entity';

/** The statements a small win's insert is conditional on, each adding its parameters to `params`. */
export interface SmallWinInsertParts {
  /** Selects the link-up's id while it is unchanged (no row once it changed). */
  readonly linkUp: (params: unknown[]) => string;
  /** Inserts an audit line for each row of the CTE `win`. */
  readonly audit: (params: unknown[]) => string;
}

/**
 * The small wins' rows, read and written in the transaction open in this async context (autocommit
 * outside one): no method takes a `manager`.
 */
@Injectable()
export class SmallWinsRepository {
  constructor(private readonly transactions: TransactionContext) {}

  private get wins() {
    return this.transactions.repository(SmallWin);
  }

  /** A small win not yet written. */
  build(win: Omit<SmallWin, 'id' | 'createdAt'>): SmallWin {
    return this.wins.create(win);
  }

  /**
   * Inserts the win, stamped `createdAt`, and its audit line in one statement, from the link-up row
   * `parts.linkUp` selects: the new row's id and time, or null when it selected none (nothing written).
   */
  async insertIfLinkUpUnchanged(
    win: SmallWin,
    createdAt: Date,
    parts: SmallWinInsertParts,
  ): Promise<{ id: string; created_at: Date } | null> {
    const params: unknown[] = [];
    const $ = (value: unknown): string => `$${params.push(value)}`;
    // One fixed text whatever the values: prepared once per connection (issue 17).
    const rows = await this.transactions.queryPrepared<{ id: string; created_at: Date }>(
      `WITH link_up AS (${parts.linkUp(params)}),
            win AS (
              INSERT INTO small_wins
                (link_up_id, family_id, goal_id, text, occurred_on, visibility, recorded_by, recorded_by_role, created_at)
              SELECT link_up.id, ${$(win.familyId)}::uuid, ${$(win.goalId)}::uuid, ${$(win.text)},
                     ${$(win.occurredOn)}::date, ${$(win.visibility)}, ${$(win.recordedBy)}::uuid,
                     ${$(win.recordedByRole)}, ${$(createdAt)}::timestamptz
                FROM link_up
              RETURNING id, created_at),
            audit AS (${parts.audit(params)})
       SELECT id, created_at FROM win`,
      params,
    );
    return rows[0] ?? null;
  }

  /** A link-up's small wins, newest first. */
  listOfLinkUp(linkUpId: string): Promise<SmallWin[]> {
    return this.wins.find({ where: { linkUpId }, order: { occurredOn: 'DESC', createdAt: 'DESC' } });
  }

  countOfLinkUp(linkUpId: string): Promise<number> {
    return this.wins.countBy({ linkUpId });
  }

  /** The small wins of each link-up that has any, in one read. */
  countsOf(linkUpIds: readonly string[]): Promise<{ id: string; wins: number }[]> {
    return this.transactions.manager.query<{ id: string; wins: number }[]>(
      `SELECT link_up_id AS id, count(*)::int AS wins FROM small_wins
        WHERE link_up_id = ANY($1::uuid[]) GROUP BY link_up_id`,
      [[...linkUpIds]],
    );
  }
}
