/**
 * What families needs to know of link-ups (issue 13). Link-ups stand above families (a link-up
 * names two families), so families cannot ask their service: it declares this port, and the
 * link-ups feature implements and provides it (`FAMILY_LINK_UPS`). Every read is set-based (one
 * query, whatever the number of families); "live" is a link-up that holds a place (active or paused).
 * Each read joins the transaction open in the async context (TransactionContext); a caller holding
 * a `manager` makes it ambient with `within`.
 */
export interface FamilyLinkUps {
  /** Live link-ups of a family, as its Seeking or its Sharing family. */
  countLive(familyId: string): Promise<number>;
  /** Live link-ups held by each of these Sharing families (a family without one is absent). */
  liveCountsOfSharingFamilies(familyIds: readonly string[]): Promise<ReadonlyMap<string, number>>;
  /** Which of these Seeking families have a live link-up. */
  seekingFamiliesWithLiveLinkUps(familyIds: readonly string[]): Promise<ReadonlySet<string>>;
  /** The live link-ups of these Sharing families, ordered by id. */
  liveLinkUpsOfSharingFamilies(
    familyIds: readonly string[],
  ): Promise<{ linkUpId: string; sharingFamilyId: string; coachId: string }[]>;
  /** Whether the coach coaches (or coached) a link-up of the family: the coach then sees the family. */
  coachesLinkUpOf(coachId: string, familyId: string): Promise<boolean>;
  /** Both families of every link-up (any status) the coach coaches: the families it sees that way. */
  familiesOfLinkUpsCoachedBy(coachId: string): Promise<string[]>;
}

/** The injection token of `FamilyLinkUps`, provided by the link-ups feature. */
export const FAMILY_LINK_UPS = 'FamilyLinkUps';
