import {
  callerOf,
  makeApprovedSharingFamily,
  makeMatchProposal,
  makeSeekingFamily,
  makeSite,
  makeUser,
  waitFor,
} from '@app/testing';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import type { Caller } from '../access';
import type { Family } from '../families';
import { TransactionContext } from '../transaction';
import type { User } from '../users';
import { MatchExclusionsService } from './match-exclusions.service';
import { MatchProposalsService } from './match-proposals.service';

/** Matching takes its transaction from the TransactionContext, not a `manager` (issue 13). */
describe('matching in the transaction of the async context', () => {
  let t: TestApp;
  let coach: User;
  let proposals: MatchProposalsService;
  let exclusions: MatchExclusionsService;
  let transactions: TransactionContext;
  const failure = new Error('boom');

  /** The Seeking family's proposals, live exclusions, link-ups and status, and the request's audit lines. */
  const written = async (caller: Caller, seeking: Family): Promise<Record<string, number | string>> => {
    const [row] = await t.app.get(DataSource).query<Record<string, number | string>[]>(
      `SELECT (SELECT count(*)::int FROM match_proposals WHERE seeking_family_id = $1 AND status <> 'withdrawn') AS proposals,
              (SELECT count(*)::int FROM match_exclusions WHERE seeking_family_id = $1 AND overridden_at IS NULL) AS exclusions,
              (SELECT count(*)::int FROM link_ups WHERE seeking_family_id = $1) AS "linkUps",
              (SELECT status::text FROM families WHERE id = $1) AS status,
              (SELECT count(*)::int FROM audit_events WHERE request_id = $2) AS audit`,
      [seeking.id, caller.requestId],
    );
    return row;
  };

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    const site = await makeSite(t.app);
    coach = await makeUser(t.app, { role: 'coach', siteId: site.id });
    proposals = t.app.get(MatchProposalsService);
    exclusions = t.app.get(MatchExclusionsService);
    transactions = t.app.get(TransactionContext);
  });
  afterAll(() => t.close());

  it('offers a shortlist in the run it is called in: the run failing takes back the proposal, the move to choosing and the audit lines', async () => {
    const seeking = await makeSeekingFamily(t.app, coach, {}, 'intake');
    const sharing = await makeApprovedSharingFamily(t.app, coach);
    const caller = callerOf(coach);
    const before = { proposals: 0, exclusions: 0, linkUps: 0, status: 'intake', audit: 0 };
    await expect(
      transactions.run(async () => {
        await proposals.proposeShortlist(caller, {
          seekingFamilyId: seeking.id,
          sharingFamilyIds: [sharing.id],
        });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await written(caller, seeking)).toEqual(before);
  });

  it('records a choice in the run it is called in: the run failing takes back the link-up, the decision and its audit lines', async () => {
    const seeking = await makeSeekingFamily(t.app, coach);
    const sharing = await makeApprovedSharingFamily(t.app, coach);
    const proposal = await makeMatchProposal(t.app, coach, seeking, [sharing]);
    const caller = callerOf(coach);
    await expect(
      transactions.run(async () => {
        const decided = await proposals.recordDecision(caller, proposal.id, {
          decision: 'chose',
          version: proposal.version,
          sharingFamilyId: sharing.id,
          sharingFamilyAccepted: true,
        });
        expect(decided.status).toBe('chosen');
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await written(caller, seeking)).toEqual({
      proposals: 1,
      exclusions: 0,
      linkUps: 0,
      status: 'choosing',
      audit: 0,
    });
    expect((await proposals.getProposal(caller, proposal.id)).status).toBe('open');
  });

  it('records a declined shortlist and an exclusion in runs that fail: neither exclusion stays', async () => {
    const seeking = await makeSeekingFamily(t.app, coach);
    const sharing = await makeApprovedSharingFamily(t.app, coach);
    const proposal = await makeMatchProposal(t.app, coach, seeking, [sharing]);
    const caller = callerOf(coach);
    await expect(
      transactions.run(async () => {
        await proposals.recordDecision(caller, proposal.id, {
          decision: 'declined',
          version: proposal.version,
        });
        throw failure;
      }),
    ).rejects.toBe(failure);
    await expect(
      transactions.run(async () => {
        await exclusions.recordExclusion(caller, seeking.id, {
          sharingFamilyId: sharing.id,
          reason: 'known_to_each_other',
        });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await written(caller, seeking)).toMatchObject({ exclusions: 0, audit: 0 });
  });

  it('loses the race for a declined pair to another transaction without losing its own: the next pair is recorded and commits', async () => {
    const seeking = await makeSeekingFamily(t.app, coach);
    const [raced, free] = [
      await makeApprovedSharingFamily(t.app, coach),
      await makeApprovedSharingFamily(t.app, coach),
    ];
    const proposal = await makeMatchProposal(t.app, coach, seeking, [raced, free]);
    const caller = callerOf(coach);
    const dataSource = t.app.get(DataSource);
    // Another transaction excludes the first pair and holds its row uncommitted: the decline does not
    // see it, and its insert waits on the unique index, then fails once that transaction commits.
    const other = dataSource.createQueryRunner();
    await other.connect();
    let declining: Promise<number> | undefined;
    try {
      await other.startTransaction();
      await other.query(
        `INSERT INTO match_exclusions (seeking_family_id, sharing_family_id, reason, created_by)
         VALUES ($1, $2, 'known_to_each_other', $3)`,
        [seeking.id, raced.id, coach.id],
      );
      declining = transactions.run(() =>
        exclusions.recordDeclinedPairs(caller, seeking.id, [raced.id, free.id], proposal.id),
      );
      // Handled at once: a decline that ends early (a failure) stops the wait and is reported below,
      // not as an unhandled rejection.
      let ended = false;
      declining.then(
        () => (ended = true),
        () => (ended = true),
      );
      await waitFor(
        async () => {
          if (ended) return true;
          const [row] = await dataSource.query<{ n: number }[]>(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock'
                AND wait_event = 'transactionid' AND query LIKE 'INSERT INTO "match_exclusions"%'`,
          );
          return row.n > 0 ? true : undefined;
        },
        { what: 'the decline to wait on the other transaction', timeoutMs: 20_000 },
      );
      await other.commitTransaction();
    } finally {
      if (other.isTransactionActive) await other.rollbackTransaction();
      await other.release();
    }
    expect(await declining).toBe(1);
    const live = await dataSource.query<{ sharing_family_id: string; reason: string }[]>(
      `SELECT sharing_family_id, reason FROM match_exclusions
        WHERE seeking_family_id = $1 AND overridden_at IS NULL ORDER BY reason`,
      [seeking.id],
    );
    expect(live).toEqual([
      { sharing_family_id: free.id, reason: 'declined' },
      { sharing_family_id: raced.id, reason: 'known_to_each_other' },
    ]);
  });

  it('commits a declined shortlist outside any run in a transaction of its own', async () => {
    const seeking = await makeSeekingFamily(t.app, coach);
    const sharing = await makeApprovedSharingFamily(t.app, coach);
    const proposal = await makeMatchProposal(t.app, coach, seeking, [sharing]);
    const caller = callerOf(coach);
    await proposals.recordDecision(caller, proposal.id, { decision: 'declined', version: proposal.version });
    expect(await written(caller, seeking)).toMatchObject({ proposals: 1, exclusions: 1, audit: 2 });
  });
});
