import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import {
  DataSource,
  type EntityManager,
  type EntityTarget,
  type ObjectLiteral,
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  type Repository,
} from 'typeorm';

/** The transaction of one async context, and whether work inside it has failed. */
interface Ambient {
  readonly manager: EntityManager;
  /** Set when a joined run failed: the run that opened the transaction rolls it back, even if the error was caught. */
  failed: boolean;
  /** Work to do once the transaction commits; null for a manager made ambient by `within` (its owner commits). */
  readonly afterCommit: (() => Promise<unknown>)[] | null;
}

/** node-postgres's client, as far as the aborted-transaction check reads it. */
interface PgClientStatus {
  /** False from a statement's start until the server's "ready" message after its answer. */
  readonly readyForQuery?: boolean;
  /** The server's transaction status from that message: 'I' idle, 'T' in a transaction, 'E' aborted. */
  getTransactionStatus?(): string | null;
}

/** node-postgres's client, as far as a named statement needs it. */
interface PgClientQuery {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
  /** The names node-postgres believes the server holds for this connection, with their texts. */
  readonly connection?: { readonly parsedStatements?: Record<string, string> };
}

/**
 * When the server answers that a named statement does not exist (SQLSTATE 26000), node-postgres still
 * believes it parsed and would send the name alone on every later call on that connection: forgets it.
 * Whether the error was that one.
 */
function forgetDroppedStatement(client: PgClientQuery, name: string, error: unknown): boolean {
  if ((error as { code?: unknown } | null)?.code !== '26000') return false;
  const parsed = client.connection?.parsedStatements;
  if (parsed !== undefined) delete parsed[name];
  return true;
}

/**
 * How many distinct statements `queryPrepared` names: each is prepared on every pooled connection that
 * runs it and stays there while the connection lives, so only fixed statements belong there. Beyond
 * this (a caller building its text from values, by mistake), statements run unnamed, as `query` does.
 */
const MAX_PREPARED_STATEMENTS = 64;

/** How long the check waits for the server's "ready" message after a failed statement's error. */
const READY_WAIT_TURNS = 5_000;

/**
 * Whether PostgreSQL has aborted the transaction: a statement in it failed and its error was caught.
 * Its COMMIT would then roll back without an error, so the run must not report success (nor run its
 * after-commit work). Read from node-postgres's client, which tracks the server's transaction status.
 * A statement's error can reach its caller before the server's "ready" message that carries the new
 * status (they may arrive in separate packets), so the check first waits for that message.
 */
async function isAborted(manager: EntityManager): Promise<boolean> {
  if (manager.queryRunner?.connection.driver.options.type !== 'postgres') return false;
  const client = (manager.queryRunner as { databaseConnection?: PgClientStatus }).databaseConnection;
  if (client?.getTransactionStatus === undefined) return false;
  for (let turn = 0; client.readyForQuery === false && turn < READY_WAIT_TURNS; turn++)
    await new Promise((resolve) => setTimeout(resolve, turn < 10 ? 0 : 1));
  return client.getTransactionStatus() === 'E';
}

/** Thrown by the outermost run when a joined run failed and its error was caught on the way out. */
export class TransactionRolledBackError extends Error {
  constructor() {
    super('The transaction was rolled back: work joined to it failed, though its error was caught.');
    this.name = 'TransactionRolledBackError';
  }
}

/**
 * The transaction a request or a job is in, carried by the async context instead of a `manager`
 * parameter (docs/decisions/0006). `run(work)` opens a transaction, or joins the one already open in
 * this async context: nested runs share one transaction, and a failure in any of them rolls back all
 * of it. Services read and write through `manager` or `repository(Entity)`, which are the open
 * transaction's, or the data source's (autocommit) outside one.
 *
 * While features still thread `manager` by hand, `within(manager, work)` makes a manager a caller
 * received the ambient one for `work`, so a converted service called from unconverted code joins
 * the caller's transaction; `transaction` hands the ambient one on to callees not yet converted.
 */
@Injectable()
export class TransactionContext {
  private readonly ambient = new AsyncLocalStorage<Ambient>();
  /** The name of each statement `queryPrepared` ran, by its text. */
  private readonly preparedNames = new Map<string, string>();
  /** Names the savepoints runNested takes (unique within any transaction of this context). */
  private savepoints = 0;

  constructor(private readonly dataSource: DataSource) {}

  /** The open transaction's manager, or the data source's outside one. */
  get manager(): EntityManager {
    return this.ambient.getStore()?.manager ?? this.dataSource.manager;
  }

  /** The open transaction's manager, or undefined outside one: for callees still taking `manager?`. */
  get transaction(): EntityManager | undefined {
    return this.ambient.getStore()?.manager;
  }

  /**
   * Runs one fixed statement (its text the same every time; only `values` vary) as a named prepared
   * statement on the open transaction's connection, or on a pooled connection outside one (autocommit),
   * as `manager.query` would: PostgreSQL parses and plans it once per connection instead of on every
   * call (issue 17, the hot paths). The rows; a failure is TypeORM's `QueryFailedError`, as from `query`.
   * The name is derived from the text, so two texts never share one. Not logged by TypeORM's logger.
   */
  async queryPrepared<T>(text: string, values: readonly unknown[]): Promise<T[]> {
    const manager = this.manager;
    const name = this.preparedName(text);
    if (name === null || manager.connection.driver.options.type !== 'postgres')
      return manager.query<T[]>(text, [...values]);
    // A run that has ended (work left running after its run failed) keeps its released runner, whose
    // client may now be another request's: refused, as `query` refuses it.
    if (manager.queryRunner?.isReleased === true) throw new QueryRunnerAlreadyReleasedError();
    // Outside a transaction the data source's manager has no runner: take a connection as `query` does.
    const runner = manager.queryRunner ?? this.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as PgClientQuery;
      try {
        return (await client.query({ name, text, values: [...values] })).rows as T[];
      } catch (error) {
        if (!forgetDroppedStatement(client, name, error))
          throw new QueryFailedError(text, [...values], error as Error);
        // The server no longer holds it (DEALLOCATE or DISCARD on the connection, a value the driver
        // could not send): forgotten, so it is parsed again next time. Outside a transaction, now.
        if (manager.queryRunner !== undefined) throw new QueryFailedError(text, [...values], error as Error);
        try {
          return (await client.query({ name, text, values: [...values] })).rows as T[];
        } catch (again) {
          throw new QueryFailedError(text, [...values], again as Error);
        }
      }
    } finally {
      if (manager.queryRunner === undefined) await runner.release();
    }
  }

  private preparedName(text: string): string | null {
    const known = this.preparedNames.get(text);
    if (known !== undefined) return known;
    if (this.preparedNames.size >= MAX_PREPARED_STATEMENTS) return null;
    const name = `fl_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
    this.preparedNames.set(text, name);
    return name;
  }

  /** The entity's repository on `manager`. */
  repository<Entity extends ObjectLiteral>(entity: EntityTarget<Entity>): Repository<Entity> {
    return this.manager.getRepository(entity);
  }

  /**
   * Runs `work` in a transaction: the one open in this async context if any (committed or rolled
   * back by the run that opened it), else a new one, committed when `work` resolves and rolled back
   * when it rejects or when a run joined to it failed.
   */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const open = this.ambient.getStore();
    if (open !== undefined) {
      try {
        return await work();
      } catch (error) {
        open.failed = true;
        throw error;
      }
    }
    return this.runApart(work);
  }

  /**
   * Runs `work` so that its failure takes back only its own writes: inside a run, in a savepoint of the
   * open transaction (nested propagation); outside one, in a transaction of its own, as `run`. When
   * `work` rejects (or a run joined inside it failed, though caught, or a statement in it failed), the
   * transaction is rolled back to the savepoint, its after-commit work is dropped, and it rejects;
   * the enclosing run is not marked failed and may carry on and commit, having caught the error. When
   * it resolves, the savepoint is released and its after-commit work waits for the outermost commit.
   * For an attempt a caller may catch and carry on from inside a run (the demo's held check-ins);
   * not for steps running side by side in one transaction (savepoints nest, they do not interleave).
   */
  async runNested<T>(work: () => Promise<T>): Promise<T> {
    const open = this.ambient.getStore();
    if (open === undefined) return this.runApart(work);
    // A transaction already doomed (a joined run failed, or a statement failed and was caught) takes no
    // savepoint: PostgreSQL would refuse it, and the run that opened it rolls all of it back.
    if (open.failed || (await isAborted(open.manager))) {
      open.failed = true;
      throw new TransactionRolledBackError();
    }
    // The savepoint's statements are the context's own, not TypeORM's nested transaction: that one, when
    // its SAVEPOINT fails, rolls back the whole outer transaction and leaves the query runner in
    // autocommit, so the run's later writes would commit one by one.
    const savepoint = `fl_nested_${++this.savepoints}`;
    await this.savepointStatement(open, `SAVEPOINT ${savepoint}`);
    const afterCommit = open.afterCommit === null ? null : [];
    const nested: Ambient = { manager: open.manager, failed: false, afterCommit };
    let value: T;
    try {
      value = await this.ambient.run(nested, work);
      if (nested.failed || (await isAborted(open.manager))) throw new TransactionRolledBackError();
    } catch (error) {
      // Back to the savepoint, which ends the abort; if that fails, the whole run is rolled back.
      await this.savepointStatement(open, `ROLLBACK TO SAVEPOINT ${savepoint}`).catch(() => undefined);
      await this.savepointStatement(open, `RELEASE SAVEPOINT ${savepoint}`).catch(() => undefined);
      throw error;
    }
    await this.savepointStatement(open, `RELEASE SAVEPOINT ${savepoint}`);
    if (afterCommit !== null) open.afterCommit?.push(...afterCommit);
    return value;
  }

  /** A savepoint statement on the open transaction; its failure dooms the transaction. */
  private async savepointStatement(open: Ambient, sql: string): Promise<void> {
    try {
      await open.manager.query(sql);
    } catch (error) {
      open.failed = true;
      throw error;
    }
  }

  /**
   * Runs `work` in a transaction of its own, even inside a run: committed when `work` resolves, rolled
   * back when it rejects, whatever the enclosing run does afterwards. For batches that must commit one
   * by one and may run side by side (the check-ins sweep's lanes), never for a use case a caller may
   * compose: that is `run`. With `readOnlySnapshot`, a read-only REPEATABLE READ transaction: every
   * read of `work` sees one snapshot (the evaluator reports), and a write in it fails.
   */
  async runApart<T>(work: () => Promise<T>, options: { readOnlySnapshot?: boolean } = {}): Promise<T> {
    const afterCommit: (() => Promise<unknown>)[] = [];
    const inTransaction = async (manager: EntityManager): Promise<T> => {
      if (options.readOnlySnapshot === true) await manager.query('SET TRANSACTION READ ONLY');
      const opened: Ambient = { manager, failed: false, afterCommit };
      const result = await this.ambient.run(opened, work);
      if (opened.failed || (await isAborted(manager))) throw new TransactionRolledBackError();
      return result;
    };
    // The server's default isolation unless a snapshot is asked for: naming one costs a statement more.
    const committed =
      options.readOnlySnapshot === true
        ? await this.dataSource.transaction('REPEATABLE READ', inTransaction)
        : await this.dataSource.transaction(inTransaction);
    // Committed: the work runs outside the transaction, in the order it was asked for.
    for (const next of afterCommit) await next();
    return committed;
  }

  /**
   * Runs `work` once the open transaction has committed, before the run that opened it resolves
   * (never if it rolls back); outside a transaction, now. For queue work after the writes it
   * announces ("commit, then enqueue"), which must wait for the outermost commit when runs join.
   * Its error rejects that run, though the transaction has committed: make it best effort.
   */
  async afterCommit(work: () => Promise<unknown>): Promise<void> {
    const open = this.ambient.getStore();
    if (open === undefined) {
      await work();
      return;
    }
    if (open.afterCommit === null)
      throw new Error(
        'afterCommit inside within(manager): the manager’s owner commits; enqueue after it does.',
      );
    open.afterCommit.push(work);
  }

  /**
   * Runs `work` with `manager` as the ambient transaction (the migration bridge: a caller that still
   * threads a manager hands it to converted services). Runs joined to it share that transaction,
   * which its owner commits or rolls back: when one of them failed and its error was caught, `within`
   * rejects with `TransactionRolledBackError`, so the owner rolls back rather than commit half the
   * work. A manager outside a transaction (the data source's) makes `work` run outside one.
   */
  async within<T>(manager: EntityManager | undefined, work: () => Promise<T>): Promise<T> {
    if (manager?.queryRunner?.isTransactionActive !== true) return this.ambient.exit(work);
    const lent: Ambient = { manager, failed: false, afterCommit: null };
    const result = await this.ambient.run(lent, work);
    if (lent.failed || (await isAborted(manager))) throw new TransactionRolledBackError();
    return result;
  }
}
