import type { Caller } from '../access';

/** A pair whose link-up ended for a reason about the pair itself (`afterLinkUp.excludePairWhenEndedFor`). */
export interface PairEndedBadly {
  readonly seekingFamilyId: string;
  readonly sharingFamilyId: string;
  readonly linkUpId: string;
  readonly at: Date;
}

/**
 * What a family's changes ask of matching (issue 13). Matching stands above families, so families
 * cannot call its services: it declares this port, and the matching feature implements and provides
 * it (`FAMILY_MATCHING`). Each write runs in the caller's transaction (the one open in this async
 * context, TransactionContext), which holds the family's row lock, so a failure leaves neither the
 * family's change nor matching's.
 */
export interface FamilyMatching {
  /**
   * A Seeking family stops waiting: its open shortlists (offered, or awaiting the Sharing family's
   * answer) are withdrawn. Returns the ids withdrawn, sorted.
   */
  withdrawOpenProposals(seekingFamilyId: string): Promise<string[]>;
  /**
   * The pair is never suggested again (`ended_badly`, audited); a live `declined` exclusion gives way
   * to it, any other live one already keeps the pair apart.
   */
  excludePairEndedBadly(caller: Caller, pair: PairEndedBadly): Promise<void>;
}

/** The injection token of `FamilyMatching`, provided by the matching feature. */
export const FAMILY_MATCHING = 'FamilyMatching';
