import { createTestDatabase, type TestDatabase } from '@app/testing';
import {
  Column,
  DataSource,
  Entity,
  PrimaryGeneratedColumn,
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
} from 'typeorm';
import { TransactionContext, TransactionRolledBackError } from './transaction-context';

/** A table of this test's own, in a database of its own: the context needs nothing of the schema. */
@Entity({ name: 'probes' })
class Probe {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  label: string;
}

describe('TransactionContext: one transaction per async context, joined by nested runs (issue 13)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let tx: TransactionContext;

  const write = (label: string) => tx.repository(Probe).insert({ label });
  /** The labels committed, read on a connection of the pool outside any transaction of the test. */
  const committed = async (): Promise<string[]> =>
    (await dataSource.query<{ label: string }[]>('SELECT label FROM probes ORDER BY label')).map(
      (r) => r.label,
    );
  const failure = new Error('boom');

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    dataSource = new DataSource({ type: 'postgres', url: database.url, entities: [Probe], poolSize: 4 });
    await dataSource.initialize();
    await dataSource.query(
      'CREATE TABLE probes (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), label text NOT NULL)',
    );
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });
  beforeEach(async () => {
    tx = new TransactionContext(dataSource);
    await dataSource.query('TRUNCATE probes');
  });

  it('commits what a run wrote when it resolves', async () => {
    await tx.run(async () => {
      await write('a');
      await tx.manager.query('INSERT INTO probes (label) VALUES ($1)', ['b']);
    });
    expect(await committed()).toEqual(['a', 'b']);
  });

  it('joins a nested run to the open transaction: the outer failing rolls back what the inner one wrote', async () => {
    const managers: unknown[] = [];
    await expect(
      tx.run(async () => {
        managers.push(tx.manager);
        await write('outer');
        await tx.run(async () => {
          managers.push(tx.manager);
          await write('inner');
        });
        expect(await tx.manager.count(Probe)).toBe(2);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(managers[1]).toBe(managers[0]);
    expect(await committed()).toEqual([]);
  });

  it('rolls back every write of the transaction when it fails, by manager, repository or SQL', async () => {
    await expect(
      tx.run(async () => {
        await write('repository');
        await tx.manager.insert(Probe, { label: 'manager' });
        await tx.manager.query('INSERT INTO probes (label) VALUES ($1)', ['sql']);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await committed()).toEqual([]);
  });

  it('rolls back all of it when a nested run fails, even if its error is caught', async () => {
    await expect(
      tx.run(async () => {
        await write('outer');
        await tx
          .run(async () => {
            await write('inner');
            throw failure;
          })
          .catch(() => undefined);
        await write('after');
      }),
    ).rejects.toBeInstanceOf(TransactionRolledBackError);
    expect(await committed()).toEqual([]);
  });

  it('rolls back, and runs no after-commit work, when a statement failed in it and its error was caught', async () => {
    const after = jest.fn(() => Promise.resolve());
    await expect(
      tx.run(async () => {
        await write('before');
        await tx.afterCommit(after);
        // PostgreSQL aborts the transaction here; its COMMIT would roll back without an error.
        await tx.manager.query('SELECT 1 / 0').catch(() => undefined);
      }),
    ).rejects.toBeInstanceOf(TransactionRolledBackError);
    expect(after).not.toHaveBeenCalled();
    expect(await committed()).toEqual([]);

    // The same within a lent manager: its owner is told to roll back rather than "commit".
    await expect(
      dataSource.transaction((manager) =>
        tx.within(manager, async () => {
          await write('lent');
          await tx.manager.query('SELECT 1 / 0').catch(() => undefined);
        }),
      ),
    ).rejects.toBeInstanceOf(TransactionRolledBackError);
    expect(await committed()).toEqual([]);
  });

  it('opens a transaction of its own with runApart, even inside a run: it commits though the run then fails', async () => {
    const managers: unknown[] = [];
    await expect(
      tx.run(async () => {
        managers.push(tx.manager);
        await write('outer');
        await tx.runApart(async () => {
          managers.push(tx.manager);
          await write('apart');
        });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(managers[1]).not.toBe(managers[0]);
    expect(await committed()).toEqual(['apart']);
  });

  it('takes back only a nested run when it fails, in a savepoint: the run catches the error, carries on and commits', async () => {
    const managers: unknown[] = [];
    await tx.run(async () => {
      managers.push(tx.manager);
      await write('outer');
      await tx.runNested(async () => {
        managers.push(tx.manager);
        await write('kept');
      });
      // Rejected by its own error.
      await expect(
        tx.runNested(async () => {
          await write('thrown');
          throw failure;
        }),
      ).rejects.toBe(failure);
      // A statement failed in it and its error was caught: PostgreSQL aborted the transaction up to the
      // savepoint, not before it.
      await expect(
        tx.runNested(async () => {
          await write('aborted');
          await tx.manager.query('SELECT 1 / 0').catch(() => undefined);
        }),
      ).rejects.toBeInstanceOf(TransactionRolledBackError);
      // A use case joined inside it failed, and its error was caught there.
      await expect(
        tx.runNested(async () => {
          await tx
            .run(async () => {
              await write('joined');
              throw failure;
            })
            .catch(() => undefined);
        }),
      ).rejects.toBeInstanceOf(TransactionRolledBackError);
      await write('after');
    });
    expect(managers[1]).toBe(managers[0]);
    expect(await committed()).toEqual(['after', 'kept', 'outer']);
  });

  it('takes no savepoint in a transaction already aborted: the run rolls back all of it, nothing is written outside it', async () => {
    await expect(
      tx.run(async () => {
        await write('before');
        await tx.manager.query('SELECT 1 / 0').catch(() => undefined);
        await expect(tx.runNested(() => write('nested'))).rejects.toBeInstanceOf(TransactionRolledBackError);
        // Still the aborted transaction: refused by the server, not written on its own.
        await write('after').catch(() => undefined);
      }),
    ).rejects.toBeInstanceOf(TransactionRolledBackError);
    await expect(
      dataSource.transaction((manager) =>
        tx.within(manager, async () => {
          await write('owner');
          await tx.run(() => Promise.reject(failure)).catch(() => undefined);
          await tx.runNested(() => write('nested')).catch(() => undefined);
          await write('after');
        }),
      ),
    ).rejects.toBeInstanceOf(TransactionRolledBackError);
    expect(await committed()).toEqual([]);
  });

  it('leaves a run failing by its own error with all of it, nested runs too', async () => {
    await expect(
      tx.run(async () => {
        await tx.runNested(() => write('nested'));
        await write('outer');
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await committed()).toEqual([]);
  });

  it('runs a nested run’s after-commit work after the outermost commit, and drops it with the savepoint', async () => {
    const done: string[] = [];
    const after = (label: string) => tx.afterCommit(() => Promise.resolve(void done.push(label)));
    await tx.run(async () => {
      await tx.runNested(() => after('kept'));
      await tx
        .runNested(async () => {
          await after('dropped');
          throw failure;
        })
        .catch(() => undefined);
      expect(done).toEqual([]);
    });
    expect(done).toEqual(['kept']);
  });

  it('opens a transaction of its own with runNested outside a run', async () => {
    expect(
      await tx.runNested(async () => {
        expect(tx.transaction).toBeDefined();
        await write('alone');
        return 'done';
      }),
    ).toBe('done');
    await expect(
      tx.runNested(async () => {
        await write('lost');
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await committed()).toEqual(['alone']);
  });

  it('takes a savepoint of a lent manager’s transaction too, and refuses after-commit work in it', async () => {
    await dataSource.transaction((manager) =>
      tx.within(manager, async () => {
        await write('owner');
        await tx
          .runNested(async () => {
            await write('nested');
            await tx.manager.query('SELECT 1 / 0');
          })
          .catch(() => undefined);
        await expect(tx.runNested(() => tx.afterCommit(() => Promise.resolve()))).rejects.toThrow(
          /afterCommit inside within/,
        );
      }),
    );
    expect(await committed()).toEqual(['owner']);
  });

  it('reads one snapshot in a read-only runApart, and refuses a write in it', async () => {
    await write('before');
    const seen = await tx.runApart(
      async () => {
        const first = await tx.manager.count(Probe);
        // Committed meanwhile by another connection: not in this snapshot.
        await dataSource.query('INSERT INTO probes (label) VALUES ($1)', ['meanwhile']);
        return [first, await tx.manager.count(Probe)];
      },
      { readOnlySnapshot: true },
    );
    expect(seen).toEqual([1, 1]);
    await expect(tx.runApart(() => write('refused'), { readOnlySnapshot: true })).rejects.toThrow(
      /read-only transaction/,
    );
    expect(await committed()).toEqual(['before', 'meanwhile']);
  });

  it('writes autocommit outside a run, on the data source’s manager', async () => {
    expect(tx.transaction).toBeUndefined();
    expect(tx.manager).toBe(dataSource.manager);
    await write('alone');
    // A run that fails afterwards does not take it back: it was never in a transaction.
    await expect(tx.run(() => Promise.reject(failure))).rejects.toBe(failure);
    expect(await committed()).toEqual(['alone']);
  });

  it('keeps two concurrent runs apart: each writes in its own transaction', async () => {
    // Two meeting points: both have written before either reads, and both have read before either
    // ends (else the committing run could commit first, and the other, reading committed rows, would
    // see its row too).
    const meetingPoint = () => {
      let arrived = 0;
      let allHere!: () => void;
      const here = new Promise<void>((resolve) => (allHere = resolve));
      return () => {
        arrived += 1;
        if (arrived === 2) allHere();
        return here;
      };
    };
    const bothWritten = meetingPoint();
    const bothRead = meetingPoint();
    const transactionIds: string[] = [];
    const work = (label: string, fail: boolean) =>
      tx.run(async () => {
        await write(label);
        // Both transactions are open here at once before either finishes.
        await bothWritten();
        transactionIds.push((await tx.manager.query<{ id: string }[]>('SELECT txid_current() AS id'))[0].id);
        const seen = (await tx.manager.find(Probe)).map((p) => p.label);
        await bothRead();
        expect(seen).toEqual([label]);
        if (fail) throw failure;
      });
    const [failed, succeeded] = await Promise.allSettled([work('fails', true), work('commits', false)]);
    expect(failed).toEqual({ status: 'rejected', reason: failure });
    expect(succeeded.status).toBe('fulfilled');
    expect(new Set(transactionIds).size).toBe(2);
    expect(await committed()).toEqual(['commits']);
  });

  it('runs work after the outermost commit, seeing the committed rows, and never after a rollback', async () => {
    const seen: string[][] = [];
    const after = () => tx.afterCommit(async () => void seen.push(await committed()));
    await tx.run(async () => {
      await write('outer');
      await tx.run(async () => {
        await write('inner');
        await after();
      });
      await write('last');
      expect(seen).toEqual([]);
    });
    expect(seen).toEqual([['inner', 'last', 'outer']]);

    await expect(
      tx.run(async () => {
        await write('lost');
        await after();
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(seen).toHaveLength(1);

    // Outside a transaction there is nothing to wait for.
    await after();
    expect(seen).toHaveLength(2);
  });

  it('refuses work after commit within a manager it does not commit', async () => {
    await dataSource.transaction((manager) =>
      tx.within(manager, () =>
        expect(tx.afterCommit(() => Promise.resolve())).rejects.toThrow(/afterCommit inside within/),
      ),
    );
  });

  it('makes an explicit manager the ambient one with within: a run inside joins that transaction', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await tx.within(manager, async () => {
          expect(tx.manager).toBe(manager);
          expect(tx.transaction).toBe(manager);
          await tx.run(() => write('joined'));
        });
        expect(tx.transaction).toBeUndefined();
        expect(await manager.count(Probe)).toBe(1);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await committed()).toEqual([]);
  });

  it('rolls back the owner’s transaction when a run joined within its manager failed, though caught', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.getRepository(Probe).insert({ label: 'owner' });
        await tx.within(manager, () =>
          tx
            .run(async () => {
              await write('joined');
              throw failure;
            })
            .catch(() => undefined),
        );
      }),
    ).rejects.toBeInstanceOf(TransactionRolledBackError);
    expect(await committed()).toEqual([]);
  });

  it('runs outside a transaction within a manager that is in none (the data source’s)', async () => {
    await tx
      .run(async () => {
        await tx.within(dataSource.manager, async () => {
          expect(tx.transaction).toBeUndefined();
          await write('autocommit');
        });
        throw failure;
      })
      .catch(() => undefined);
    expect(await committed()).toEqual(['autocommit']);
  });

  describe('queryPrepared: a fixed statement prepared once per connection (issue 17)', () => {
    const insert =
      'INSERT INTO probes (id, label) VALUES (coalesce($1, gen_random_uuid()), $2) RETURNING label';
    /** The named statements of the connection the open transaction holds. */
    const prepared = () =>
      tx.manager.query<{ name: string; statement: string }[]>(
        'SELECT name, statement FROM pg_prepared_statements ORDER BY name',
      );

    it('runs in the open transaction, parsed once there, and rolls back with it', async () => {
      await expect(
        tx.run(async () => {
          expect(await tx.queryPrepared(insert, [null, 'a'])).toEqual([{ label: 'a' }]);
          expect(await tx.queryPrepared(insert, [null, 'b'])).toEqual([{ label: 'b' }]);
          expect(await tx.queryPrepared('SELECT count(*)::int AS n FROM probes', [])).toEqual([{ n: 2 }]);
          const statements = await prepared();
          expect(statements.map((s) => s.statement).sort()).toEqual(
            [insert, 'SELECT count(*)::int AS n FROM probes'].sort(),
          );
          expect(statements.every((s) => /^fl_[0-9a-f]{32}$/.test(s.name))).toBe(true);
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await committed()).toEqual([]);
    });

    it('writes autocommit outside a run, on a connection of the pool given back after', async () => {
      // More statements than the pool's four connections: each one's connection was given back.
      const labels = ['a', 'b', 'c', 'd', 'e', 'f'];
      for (const label of labels) expect(await tx.queryPrepared(insert, [null, label])).toEqual([{ label }]);
      expect(await committed()).toEqual(labels);
    });

    it('fails as `query` does: a QueryFailedError with the driver’s code, and the run is rolled back though caught', async () => {
      const id = '00000000-0000-4000-8000-000000000001';
      await tx.queryPrepared(insert, [id, 'first']);
      const duplicate = await tx.queryPrepared(insert, [id, 'second']).catch((error: unknown) => error);
      expect(duplicate).toBeInstanceOf(QueryFailedError);
      expect((duplicate as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe(
        '23505',
      );
      await expect(
        tx.run(async () => {
          await tx.queryPrepared(insert, [null, 'lost']);
          await tx.queryPrepared(insert, [id, 'third']).catch(() => undefined);
        }),
      ).rejects.toBeInstanceOf(TransactionRolledBackError);
      expect(await committed()).toEqual(['first']);
    });

    it('names 64 distinct statements at most: the next ones run unnamed, with the same rows', async () => {
      await tx.run(async () => {
        for (let n = 0; n < 66; n++)
          expect(await tx.queryPrepared(`SELECT $1::int + ${n} AS v`, [1])).toEqual([{ v: n + 1 }]);
        // (The pooled connection may hold earlier tests' statements too.)
        const named = (await prepared()).filter((s) => s.statement.startsWith('SELECT $1::int + '));
        expect(named).toHaveLength(64);
        expect(named.some((s) => s.statement.includes('+ 64 AS'))).toBe(false);
      });
    });

    it('refuses a statement left running after its run ended: it joins no other transaction', async () => {
      let go!: () => void;
      const released = new Promise<void>((resolve) => (go = resolve));
      let late: Promise<unknown> = Promise.resolve();
      await expect(
        tx.run(() => {
          // Still running when the run fails: the async context keeps the ended run's manager.
          late = released.then(() => tx.queryPrepared(insert, [null, 'late']));
          return Promise.reject(failure);
        }),
      ).rejects.toBe(failure);
      go();
      await expect(late).rejects.toBeInstanceOf(QueryRunnerAlreadyReleasedError);
      await tx.runApart(() => write('other'));
      expect(await committed()).toEqual(['other']);
    });

    it('parses a statement again when the server has dropped it (DEALLOCATE on the connection)', async () => {
      // One connection, so every statement below meets the one whose named statement was dropped.
      const single = new DataSource({ type: 'postgres', url: database.url, entities: [Probe], poolSize: 1 });
      await single.initialize();
      try {
        const alone = new TransactionContext(single);
        expect(await alone.queryPrepared(insert, [null, 'a'])).toEqual([{ label: 'a' }]);
        await single.query('DEALLOCATE ALL');
        // Outside a run: forgotten and parsed again at once.
        expect(await alone.queryPrepared(insert, [null, 'b'])).toEqual([{ label: 'b' }]);
        await single.query('DEALLOCATE ALL');
        // In a run the failure aborts the transaction, so that run fails; the next one parses it again.
        await expect(alone.run(() => alone.queryPrepared(insert, [null, 'lost']))).rejects.toBeInstanceOf(
          QueryFailedError,
        );
        expect(await alone.run(() => alone.queryPrepared(insert, [null, 'c']))).toEqual([{ label: 'c' }]);
      } finally {
        await single.destroy();
      }
      expect(await committed()).toEqual(['a', 'b', 'c']);
    });
  });
});
