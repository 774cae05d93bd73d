import {
  CandidateIndex,
  HARD_CONSTRAINT_KEYS,
  suggestMatchesFromIndex,
  type MatchCandidate,
  type ConstraintFailure,
  type HardConstraintKey,
  type MatchContext,
  type MatchExclusion as MatchExclusionRule,
  type LinkUpStage,
  type MatchSuggestion,
  type ProgrammeSettings,
} from '@app/domain';
import { Injectable } from '@nestjs/common';
import type { Caller } from '../access';
import {
  FamiliesService,
  FamilyMatchCandidates,
  FamilyWriteStamp,
  rowToMatchCandidate,
  toMatchSeeker,
  type MatchCandidateRow,
} from '../families';
import { LinkUpsService } from '../link-ups';
import { ProgrammeSettingsService } from '../settings';
import { MatchExclusionsService } from './match-exclusions.service';
import { MatchingErrors } from './matching.errors';
import { calendarDateIn, Clock } from '../clock';
import { SitesService } from '../sites';

export interface SuggestionOptions {
  readonly limit?: number;
  /** Show pairs the family declined before (a coach overriding the decline). */
  readonly includeDeclined?: boolean;
  /** How many excluded candidates to list (all are counted). */
  readonly excludedLimit?: number;
}

export interface RankedSuggestion extends MatchSuggestion {
  readonly displayName: string;
  readonly suburb: string | null;
  /** The family declined this pair before; shown only when a coach asked to include declined pairs. */
  readonly previouslyDeclined: boolean;
  /** The pair's latest earlier link-up (see `previousLinkUps`), or null when they were never linked. */
  readonly previousLinkUpId: string | null;
}

/** A closed link-up of the Seeking family, shown with a re-match (DESIGN §4.1). */
export interface PreviousLinkUp {
  readonly linkUpId: string;
  readonly sharingFamilyId: string;
  readonly sharingFamilyName: string;
  readonly status: 'completed' | 'ended_early';
  /** The furthest stage it reached. */
  readonly stageReached: LinkUpStage;
  /** Whole weeks from its start to its end. */
  readonly weeks: number;
  /** The closure reason (completed) or end-early reason code. */
  readonly reason: string | null;
  readonly startedAt: Date;
  readonly endedAt: Date | null;
  /** Whether the pair is excluded from suggestions now (an exclusion is live). */
  readonly pairExcluded: boolean;
}

export interface ExcludedSuggestion {
  readonly sharingFamilyId: string;
  readonly displayName: string;
  readonly failures: readonly ConstraintFailure[];
}

export interface SuggestionsView {
  readonly seekingFamilyId: string;
  readonly today: string;
  readonly plannedEndDate: string;
  readonly settingsVersion: number;
  readonly candidateCount: number;
  readonly eligibleCount: number;
  readonly suggestions: readonly RankedSuggestion[];
  readonly excludedCount: number;
  /** How many candidates failed each hard constraint (one candidate may fail several). */
  readonly excludedByConstraint: Partial<Record<HardConstraintKey, number>>;
  /** The first `excludedLimit` excluded candidates, with why not. */
  readonly excluded: readonly ExcludedSuggestion[];
  /** The Seeking family's earlier link-ups, newest first: a re-match carries its history. */
  readonly previousLinkUps: readonly PreviousLinkUp[];
}

const WEEK_MS = 7 * 86_400_000;

/** The matching engine's inputs besides the families: today, settings, exclusions, labels. */
export function matchContextOf(
  settings: ProgrammeSettings,
  exclusions: readonly MatchExclusionRule[],
  today: string,
  overrides: Partial<ProgrammeSettings['matching']> = {},
): MatchContext {
  return {
    today,
    settings: { ...settings.matching, ...overrides },
    exclusions,
    vocabularies: settings.vocabularies,
  };
}

/**
 * How long a site's candidates are reused by suggestions (ms). Safe: suggestions are advice, and
 * an offer and a choice re-check every candidate under the family locks; family writes of this
 * process drop the cache at once.
 */
export const SUGGESTION_CANDIDATES_TTL_MS = 5_000;

/** Seeking statuses suggestions are refused for: the family is linked or has left. */
const NOT_WAITING = new Set(['linked', 'completed', 'withdrawn']);

/** A site's candidates as loaded, indexed by hard constraint for the engine, and by id. */
interface LoadedCandidates {
  readonly index: CandidateIndex;
  readonly byId: ReadonlyMap<string, MatchCandidateRow>;
}

interface SiteCandidates {
  readonly loadedAt: number;
  /** FamilyWriteStamp.current() when the load started. */
  readonly stamp: number;
  readonly rows: Promise<LoadedCandidates>;
}

/** Ranked Sharing families for one Seeking family, with explanations and the excluded ones (DESIGN §4.2). */
@Injectable()
export class MatchSuggestionsService {
  private readonly candidatesBySite = new Map<string, SiteCandidates>();

  constructor(
    private readonly families: FamiliesService,
    private readonly candidates: FamilyMatchCandidates,
    private readonly familyWrites: FamilyWriteStamp,
    private readonly exclusions: MatchExclusionsService,
    private readonly settings: ProgrammeSettingsService,
    private readonly linkUps: LinkUpsService,
    private readonly sites: SitesService,
    private readonly clock: Clock,
  ) {}

  /** The site's candidates, from the short-lived cache when no family was written since. */
  private siteCandidates(siteId: string, nowMs: number): Promise<LoadedCandidates> {
    const stamp = this.familyWrites.current();
    const cached = this.candidatesBySite.get(siteId);
    if (
      cached !== undefined &&
      cached.stamp === stamp &&
      nowMs - cached.loadedAt >= 0 &&
      nowMs - cached.loadedAt < SUGGESTION_CANDIDATES_TTL_MS
    ) {
      return cached.rows;
    }
    // Indexed once per load: each request then scores only the site's eligible candidates.
    const rows = this.candidates.loadMatchCandidates(siteId).then((loaded): LoadedCandidates => ({
      index: new CandidateIndex(loaded.map((row): MatchCandidate => rowToMatchCandidate(row))),
      byId: new Map(loaded.map((row) => [row.id, row])),
    }));
    const entry: SiteCandidates = { loadedAt: nowMs, stamp, rows };
    this.candidatesBySite.set(siteId, entry);
    rows.catch(() => {
      if (this.candidatesBySite.get(siteId) === entry) this.candidatesBySite.delete(siteId);
    });
    return rows;
  }

  async suggestSharingFamilies(
    caller: Caller,
    seekingFamilyId: string,
    options: SuggestionOptions = {},
    now = this.clock.now(),
  ): Promise<SuggestionsView> {
    const seeking = await this.families.getFamilyInScope(caller.actor, seekingFamilyId);
    if (seeking.kind !== 'seeking') throw MatchingErrors.notASeekingFamily(seeking.id);
    if (NOT_WAITING.has(seeking.status))
      throw MatchingErrors.seekingFamilyNotWaitingForSuggestions(seeking.id, seeking.status);
    const [{ settings, version }, { index, byId }, rules, closed, timeZone] = await Promise.all([
      this.settings.readSettings(),
      this.siteCandidates(seeking.siteId, Date.now()), // duration: the cache's age
      this.exclusions.exclusionRulesFor([seeking.id]),
      this.linkUps.closedLinkUpsOfSeekingFamily(seeking.id),
      this.sites.timeZoneOf(seeking.siteId),
    ]);
    const names = await this.linkUps.withNames(closed.map((c) => c.linkUp));
    const excludedPairs = new Set(rules.map((r) => r.sharingFamilyId));
    const previousLinkUps: PreviousLinkUp[] = closed.map(({ linkUp, stageReached }, index) => ({
      linkUpId: linkUp.id,
      sharingFamilyId: linkUp.sharingFamilyId,
      sharingFamilyName: names[index]?.sharingFamilyName ?? '',
      status: linkUp.status === 'completed' ? 'completed' : 'ended_early',
      stageReached,
      weeks: Math.max(
        0,
        Math.floor(((linkUp.endedAt ?? now).getTime() - linkUp.startedAt.getTime()) / WEEK_MS),
      ),
      reason: linkUp.closureReason,
      startedAt: linkUp.startedAt,
      endedAt: linkUp.endedAt,
      pairExcluded: excludedPairs.has(linkUp.sharingFamilyId),
    }));
    const declined = new Set(rules.filter((r) => r.reason === 'declined').map((r) => r.sharingFamilyId));
    const applied =
      options.includeDeclined === true
        ? rules.map((r) => (r.reason === 'declined' ? { ...r, overridden: true } : r))
        : rules;
    const result = suggestMatchesFromIndex(
      toMatchSeeker(seeking),
      index,
      matchContextOf(settings, applied, calendarDateIn(now, timeZone)),
      {
        limit: options.limit ?? settings.matching.suggestionLimit,
        // Reasons are worded only for the excluded candidates returned.
        excludedLimit: options.excludedLimit ?? 50,
      },
    );
    const ordered = Object.fromEntries(
      HARD_CONSTRAINT_KEYS.filter((k) => result.excludedByConstraint[k] !== undefined).map((k) => [
        k,
        result.excludedByConstraint[k],
      ]),
    ) as Partial<Record<HardConstraintKey, number>>;
    return {
      seekingFamilyId: seeking.id,
      today: result.today,
      plannedEndDate: result.plannedEndDate,
      settingsVersion: version,
      candidateCount: result.candidateCount,
      eligibleCount: result.eligibleCount,
      suggestions: result.suggestions.map((s) => ({
        ...s,
        displayName: byId.get(s.sharingFamilyId)?.display_name ?? '',
        suburb: byId.get(s.sharingFamilyId)?.suburb ?? null,
        previouslyDeclined: declined.has(s.sharingFamilyId),
        previousLinkUpId:
          previousLinkUps.find((p) => p.sharingFamilyId === s.sharingFamilyId)?.linkUpId ?? null,
      })),
      excludedCount: result.excludedCount,
      excludedByConstraint: ordered,
      excluded: result.excluded.map((e) => ({
        sharingFamilyId: e.sharingFamilyId,
        displayName: byId.get(e.sharingFamilyId)?.display_name ?? '',
        failures: e.failures,
      })),
      previousLinkUps,
    };
  }
}
