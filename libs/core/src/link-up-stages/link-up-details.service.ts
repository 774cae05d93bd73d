import {
  computeStageDurations,
  evaluateStageGuards,
  nextStage,
  type GuardedTarget,
  type GuardResult,
  type JourneyViewer,
  type StageDurations,
} from '@app/domain';
import { Injectable } from '@nestjs/common';
import type { Caller } from '../access';
import { LinkUpFeedbackService, type FeedbackLines } from '../feedback';
import {
  GetTogether,
  GetTogethersService,
  GoalsService,
  type GoalWithRatings,
  JourneyViewers,
  SmallWin,
  SmallWinsService,
} from '../journey';
import { ProgrammeSettingsService } from '../settings';
import type { LinkUpEvent, LinkUpSummary } from '../link-ups';
import { coachChangesIn, timelineFromHistory, LinkUpsService } from '../link-ups';
import { LinkUpStagesService } from './link-up-stages.service';
import { Clock } from '../clock';

/** The guards of the next move forward and whether each is met, so a coach sees what is missing. */
export interface NextMove {
  readonly target: GuardedTarget;
  readonly guards: readonly GuardResult[];
}

/** Everything `GET /api/link-ups/:id` shows, already cut to what the viewer may see. */
export interface LinkUpDetails {
  readonly summary: LinkUpSummary;
  readonly viewer: JourneyViewer;
  readonly history: readonly LinkUpEvent[];
  /** Staff only (empty for family users): who made each history entry, by user id. */
  readonly actorNames: ReadonlyMap<string, string>;
  readonly durations: StageDurations;
  readonly coachChanges: number;
  /** Staff only; null for family users and for link-ups that are paused or closed. */
  readonly nextMove: NextMove | null;
  readonly goals: readonly GoalWithRatings[];
  readonly smallWins: readonly SmallWin[];
  readonly getTogethers: readonly GetTogether[];
  /** The three viewpoints over time (a family: its own line; words to staff only). */
  readonly feedback: FeedbackLines;
}

/** The read model of one link-up: stage history, active weeks per stage, the journey so far. */
@Injectable()
export class LinkUpDetailsService {
  constructor(
    private readonly linkUps: LinkUpsService,
    private readonly stages: LinkUpStagesService,
    private readonly viewers: JourneyViewers,
    private readonly goals: GoalsService,
    private readonly smallWins: SmallWinsService,
    private readonly getTogethers: GetTogethersService,
    private readonly settings: ProgrammeSettingsService,
    private readonly feedback: LinkUpFeedbackService,
    private readonly clock: Clock,
  ) {}

  async describeLinkUp(caller: Caller, linkUpId: string, now = this.clock.now()): Promise<LinkUpDetails> {
    const linkUp = await this.linkUps.getLinkUpInScope(caller.actor, linkUpId);
    const viewer = await this.viewers.viewerFor(caller.actor, linkUp);
    const [[summary], history, goals, smallWins, getTogethers, feedback] = await Promise.all([
      this.linkUps.withNames([linkUp]),
      this.linkUps.historyOf(linkUp.id),
      this.goals.goalsOf(linkUp, viewer),
      this.smallWins.smallWinsOf(linkUp, viewer),
      this.getTogethers.getTogethersOf(linkUp),
      this.feedback.feedbackOf(caller.actor, linkUp),
    ]);
    const durations = computeStageDurations(timelineFromHistory(linkUp, history), now, {
      plannedWeeks: linkUp.plannedWeeks,
    });
    let nextMove: NextMove | null = null;
    if (viewer.kind === 'staff' && linkUp.status === 'active') {
      const target = (nextStage(linkUp.stage) ?? 'completed') as GuardedTarget;
      const [facts, settings] = await Promise.all([
        this.stages.guardFacts(linkUp, now),
        this.settings.currentSettings(),
      ]);
      nextMove = {
        target,
        guards: evaluateStageGuards(
          target,
          facts,
          { fromStage: linkUp.stage, closureReason: null },
          settings.stageGuards,
        ),
      };
    }
    const actorNames =
      viewer.kind === 'staff' ? await this.linkUps.actorNamesOf(history) : new Map<string, string>();
    return {
      summary,
      viewer,
      history,
      actorNames,
      durations,
      coachChanges: coachChangesIn(history),
      nextMove,
      goals,
      smallWins,
      getTogethers,
      feedback,
    };
  }
}
