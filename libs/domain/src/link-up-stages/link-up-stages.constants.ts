/** Vocabulary of a link-up's stages and statuses (DESIGN §1, §4.3), shared by every layer. */

/** The three stages, in programme order. */
export const LINK_UP_STAGES = ['relationship_building', 'doing_with', 'doing_without'] as const;
export type LinkUpStage = (typeof LINK_UP_STAGES)[number];

/** Every link-up starts in this stage. */
export const INITIAL_LINK_UP_STAGE: LinkUpStage = 'relationship_building';
/** A link-up can only be completed from this stage. */
export const FINAL_LINK_UP_STAGE: LinkUpStage = 'doing_without';

export const LINK_UP_STATUSES = ['active', 'paused', 'completed', 'ended_early'] as const;
export type LinkUpStatus = (typeof LINK_UP_STATUSES)[number];

/** Statuses from which nothing moves any more. */
export const CLOSED_LINK_UP_STATUSES = ['completed', 'ended_early'] as const;
export type ClosedLinkUpStatus = (typeof CLOSED_LINK_UP_STATUSES)[number];

/** Why a link-up ended before completion (DESIGN §4.3). `other` needs a note. */
export const END_EARLY_REASONS = [
  'family_withdrew',
  'moved_away',
  'safety_concern',
  'not_a_good_fit',
  'sharing_family_unavailable',
  'other',
] as const;
export type EndEarlyReason = (typeof END_EARLY_REASONS)[number];

/** Plain-language stage names for messages shown to coaches. */
export const LINK_UP_STAGE_LABELS: Readonly<Record<LinkUpStage, string>> = Object.freeze({
  relationship_building: 'relationship building',
  doing_with: 'doing with',
  doing_without: 'doing without',
});

export function isLinkUpStage(value: unknown): value is LinkUpStage {
  return typeof value === 'string' && (LINK_UP_STAGES as readonly string[]).includes(value);
}

export function isLinkUpStatus(value: unknown): value is LinkUpStatus {
  return typeof value === 'string' && (LINK_UP_STATUSES as readonly string[]).includes(value);
}

export function isClosedLinkUpStatus(status: LinkUpStatus): status is ClosedLinkUpStatus {
  return (CLOSED_LINK_UP_STATUSES as readonly string[]).includes(status);
}

export function isEndEarlyReason(value: unknown): value is EndEarlyReason {
  return typeof value === 'string' && (END_EARLY_REASONS as readonly string[]).includes(value);
}

/** Position of a stage in programme order (0 for relationship building). */
export function stageIndex(stage: LinkUpStage): number {
  return LINK_UP_STAGES.indexOf(stage);
}

/** The stage after `stage`, or null from the final stage. */
export function nextStage(stage: LinkUpStage): LinkUpStage | null {
  return LINK_UP_STAGES[stageIndex(stage) + 1] ?? null;
}

/** The stage before `stage`, or null from the initial stage. */
export function previousStage(stage: LinkUpStage): LinkUpStage | null {
  const index = stageIndex(stage);
  return index === 0 ? null : LINK_UP_STAGES[index - 1];
}
