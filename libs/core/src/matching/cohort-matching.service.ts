import { matchCohort, MatchingInputError, type CohortResult } from '@app/domain';
import { Injectable } from '@nestjs/common';
import type { Caller } from '../access';
import { assertSiteInScope } from '../access';
import { CommonErrors, DomainError } from '../errors';
import { FamilyMatchCandidates, rowToMatchCandidate, toMatchSeeker } from '../families';
import { ProgrammeSettingsService } from '../settings';
import { SitesService } from '../sites';
import { MatchExclusionsService } from './match-exclusions.service';
import { matchContextOf } from './match-suggestions.service';
import { calendarDateIn, Clock } from '../clock';

export interface CohortInput {
  readonly siteId: string;
  /** Only these waiting Seeking families (default: every waiting one in the caller's scope). */
  readonly seekingFamilyIds?: readonly string[];
  /** Overrides the programme's fairness bonus per week waited (fit is 0..1). */
  readonly fairnessPerWeekWaiting?: number;
  /** Overrides the weeks after which waiting earns no more bonus. */
  readonly fairnessMaxWeeks?: number;
}

export interface CohortView extends CohortResult {
  readonly siteId: string;
  readonly settingsVersion: number;
  readonly fairnessPerWeekWaiting: number;
  readonly fairnessMaxWeeks: number;
  /** Preferred display names of every family the result names (staff only). */
  readonly displayNames: Readonly<Record<string, string>>;
}

/**
 * Cohort matching (DESIGN §4.2): the exact best assignment of a site's waiting Seeking families to
 * its Sharing families' spare places. A proposal for coaches; nothing is written.
 */
@Injectable()
export class CohortMatchingService {
  constructor(
    private readonly candidates: FamilyMatchCandidates,
    private readonly exclusions: MatchExclusionsService,
    private readonly settings: ProgrammeSettingsService,
    private readonly sites: SitesService,
    private readonly clock: Clock,
  ) {}

  async proposeCohort(caller: Caller, input: CohortInput, now = this.clock.now()): Promise<CohortView> {
    assertSiteInScope(caller.actor, input.siteId);
    // An admin may name any site: one that does not exist is a 404, not an empty proposal.
    if (!(await this.sites.siteExists(input.siteId))) throw CommonErrors.notFound('Site');
    const { settings, version } = await this.settings.readSettings();
    const waiting = await this.candidates.listWaitingSeekingFamilies(
      caller.actor,
      input.siteId,
      input.seekingFamilyIds,
    );
    const [rows, rules] = await Promise.all([
      this.candidates.loadMatchCandidates(input.siteId),
      this.exclusions.exclusionRulesFor(waiting.map((f) => f.id)),
    ]);
    const overrides = {
      ...(input.fairnessPerWeekWaiting === undefined
        ? {}
        : { cohortFairnessPerWeekWaiting: input.fairnessPerWeekWaiting }),
      ...(input.fairnessMaxWeeks === undefined ? {} : { cohortFairnessMaxWeeks: input.fairnessMaxWeeks }),
    };
    const today = calendarDateIn(now, await this.sites.timeZoneOf(input.siteId));
    const context = matchContextOf(settings, rules, today, overrides);
    let result: CohortResult;
    try {
      result = matchCohort(waiting.map(toMatchSeeker), rows.map(rowToMatchCandidate), context);
    } catch (error) {
      // The overrides come from the caller: input the matcher refuses is the caller's to fix.
      if (error instanceof MatchingInputError) {
        throw new DomainError('MATCH.INVALID_INPUT', 'invalid', 'The matching options are not valid.', {
          problems: error.problems,
        });
      }
      throw error;
    }
    const displayNames: Record<string, string> = {};
    for (const family of waiting) displayNames[family.id] = family.displayName;
    for (const row of rows) displayNames[row.id] = row.display_name;
    return {
      ...result,
      siteId: input.siteId,
      settingsVersion: version,
      fairnessPerWeekWaiting: context.settings!.cohortFairnessPerWeekWaiting,
      fairnessMaxWeeks: context.settings!.cohortFairnessMaxWeeks,
      displayNames,
    };
  }
}
