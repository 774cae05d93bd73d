import type { EndEarlyReason, LinkUpStage } from '@app/domain';
import { Injectable, Logger } from '@nestjs/common';
import type { Caller } from '../access';
import { CheckInPlanningService, CheckInsService } from '../check-ins';
import { Clock, isoDay } from '../clock';
import { ConsentsService, FamiliesService, FamilyLifecycleService } from '../families';
import { LinkUpFeedbackService } from '../feedback';
import { GetTogethersService, GoalsService, SmallWinsService } from '../journey';
import type { LinkUpEvent, LinkUp } from '../link-ups';
import { LinkUpsService } from '../link-ups';
import { OutcomeMeasuresService } from '../outcome-measures';
import { SafeguardingService } from '../safeguarding';
import { TransactionContext } from '../transaction';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** One made-up link-up of the living demo: who, when it started, what happened since (days ago). */
interface DemoStory {
  readonly seeking: string;
  readonly sharing: string;
  /** Days ago it started. */
  readonly startedDaysAgo: number;
  /** Stage moves, days ago (fractions allowed: a check-in is then due today). */
  readonly stages: readonly { readonly to: LinkUpStage; readonly daysAgo: number }[];
  readonly ending?:
    | { readonly kind: 'complete'; readonly daysAgo: number }
    | { readonly kind: 'end_early'; readonly daysAgo: number; readonly reason: EndEarlyReason }
    | { readonly kind: 'concern'; readonly daysAgo: number };
  /** Open check-ins left as they are (the latest N past ones): due today or overdue on the worklist. */
  readonly leaveOpen: number;
  readonly exit: boolean;
  readonly followUp: boolean;
  /** The n-th story: varies words and scores. */
  readonly n: number;
}

const GOALS: readonly (readonly [string, string])[] = [
  ['Get the kids to school on time most days', 'routines'],
  ['Feel calmer at bedtime, for us and the children', 'parenting_confidence'],
  ['Meet other parents at the playgroup', 'social_connection'],
  ['Make a simple weekly budget and stick to it', 'money_management'],
  ['Cook dinner together twice a week', 'fun_together'],
  ['Take some time for myself every week', 'self_care'],
];

const WINS: readonly string[] = [
  'Everyone was at school on time all week',
  'We went to the library story time together',
  'Bedtime without tears three nights in a row',
  'I called the school and asked for a meeting myself',
  'We made a shopping list and stayed on budget',
  'The kids helped cook spaghetti',
  'I went for a walk on my own and felt better',
  'We joined the Saturday playgroup',
];

const SHARING_WINS: readonly string[] = [
  'We showed them our morning checklist and they tried it',
  'A lovely afternoon at the park with both families',
];

const KINDS = ['chat', 'fun_activity', 'side_by_side', 'community_connection'] as const;

/**
 * The living demo (issue 15): link-ups at every stage on the demo site — one per stage, one paused
 * for a concern, completed ones, one ended early — with goals, ratings, small wins, get-togethers,
 * outcome measures at baseline and exit, held check-ins and some due today or overdue, all made up
 * and dated relative to the clock. Built through the services (the link-up history through the
 * link-ups seam, as matching and stage changes record it, at past times).
 */
@Injectable()
export class DemoProgramme {
  private readonly logger = new Logger('DemoProgramme');

  constructor(
    private readonly clock: Clock,
    private readonly families: FamiliesService,
    private readonly lifecycle: FamilyLifecycleService,
    private readonly consents: ConsentsService,
    private readonly linkUps: LinkUpsService,
    private readonly goals: GoalsService,
    private readonly smallWins: SmallWinsService,
    private readonly getTogethers: GetTogethersService,
    private readonly measures: OutcomeMeasuresService,
    private readonly checkIns: CheckInsService,
    private readonly checkInPlanning: CheckInPlanningService,
    private readonly safeguarding: SafeguardingService,
    private readonly feedback: LinkUpFeedbackService,
    private readonly transactions: TransactionContext,
  ) {}

  /**
   * Seeds the link-ups once: nothing when the demo site has any link-up already. `seeking` and
   * `sharing` are the families to link (ids; the demo family user's own family first).
   */
  async seedOnce(
    caller: Caller,
    siteId: string,
    seeking: readonly string[],
    sharing: readonly string[],
  ): Promise<void> {
    if (
      (await this.linkUps.siteHasLinkUps(siteId)) ||
      seeking.length < DEMO_PROGRAMME_SEEKING ||
      sharing.length < DEMO_PROGRAMME_SHARING
    )
      return;
    const stories: DemoStory[] = [
      // The demo family user's own link-up: doing with, a check-in due today.
      {
        seeking: seeking[0],
        sharing: sharing[0],
        startedDaysAgo: 100,
        stages: [{ to: 'doing_with', daysAgo: 56 + 1 / 24 }],
        leaveOpen: 1,
        exit: false,
        followUp: false,
        n: 0,
      },
      {
        seeking: seeking[1],
        sharing: sharing[1],
        startedDaysAgo: 20,
        stages: [],
        leaveOpen: 0,
        exit: false,
        followUp: false,
        n: 1,
      },
      {
        seeking: seeking[2],
        sharing: sharing[2],
        startedDaysAgo: 160,
        stages: [
          { to: 'doing_with', daysAgo: 120 },
          { to: 'doing_without', daysAgo: 47 },
        ],
        leaveOpen: 1,
        exit: false,
        followUp: false,
        n: 2,
      },
      {
        seeking: seeking[3],
        sharing: sharing[3],
        startedDaysAgo: 70,
        stages: [{ to: 'doing_with', daysAgo: 30 }],
        ending: { kind: 'concern', daysAgo: 3 },
        leaveOpen: 0,
        exit: false,
        followUp: false,
        n: 3,
      },
      {
        seeking: seeking[4],
        sharing: sharing[4],
        startedDaysAgo: 150,
        stages: [],
        ending: { kind: 'end_early', daysAgo: 95, reason: 'moved_away' },
        leaveOpen: 0,
        exit: false,
        followUp: false,
        n: 4,
      },
      ...[0, 1, 2, 3, 4].map((i): DemoStory => ({
        seeking: seeking[5 + i],
        sharing: sharing[(4 + i) % sharing.length],
        startedDaysAgo: 300 - i * 25,
        stages: [
          { to: 'doing_with', daysAgo: 255 - i * 25 },
          { to: 'doing_without', daysAgo: 180 - i * 25 },
        ],
        ending: { kind: 'complete', daysAgo: 120 - i * 20 },
        leaveOpen: 0,
        exit: true,
        followUp: i < 2,
        n: 5 + i,
      })),
    ];
    for (const story of stories) await this.seedStory(caller, siteId, story);
    for (const id of [...seeking.slice(0, -1), ...sharing]) {
      await this.consents.grantConsent(caller, id, 'evaluation_use', this.clock.now());
    }
    for (const id of [seeking[0], sharing[0], seeking[2], sharing[2]]) {
      await this.consents.grantConsent(caller, id, 'share_with_partner_family', this.clock.now());
    }
    this.logger.log(`Seeded ${stories.length} demo link-ups.`);
  }

  private ago(days: number): Date {
    return new Date(this.clock.now().getTime() - days * DAY_MS);
  }

  private async seedStory(caller: Caller, siteId: string, story: DemoStory): Promise<void> {
    const now = this.clock.now();
    const startedAt = this.ago(story.startedDaysAgo);
    const coachId = caller.actor.id;
    let linkUp = await this.transactions.run(async () => {
      const started = await this.linkUps.startLinkUp({
        siteId,
        seekingFamilyId: story.seeking,
        sharingFamilyId: story.sharing,
        coachId,
        matchProposalId: null,
        startedAt,
        plannedWeeks: 26,
        actorId: coachId,
      });
      const family = await this.families.lockFamilyInScope(caller.actor, story.seeking);
      await this.lifecycle.recordLinked(family, {
        linkUpId: started.id,
        actorId: coachId,
        at: startedAt,
      });
      return started;
    });
    for (const step of story.stages) {
      linkUp = await this.record(caller, linkUp, step.daysAgo, { stage: step.to }, (base) => ({
        ...base,
        kind: 'stage_advanced',
        toStage: step.to,
      }));
    }

    // The family's goals, rated over time; wins and get-togethers along the way.
    const lastDay = story.ending !== undefined && story.ending.kind !== 'concern' ? story.ending.daysAgo : 0;
    const span = story.startedDaysAgo - lastDay;
    const goalCount = story.startedDaysAgo < 30 ? 1 : 2;
    for (let g = 0; g < goalCount; g++) {
      const [text, theme] = GOALS[(story.n + g * 3) % GOALS.length];
      const writtenDaysAgo = story.startedDaysAgo - Math.min(10, span / 4);
      const goal = await this.goals.recordGoal(caller, linkUp.id, {
        text,
        theme,
        writtenAt: this.ago(writtenDaysAgo),
      });
      const ratings = Math.max(1, Math.floor((writtenDaysAgo - lastDay) / 21));
      for (let r = 0; r < ratings; r++) {
        const rating = Math.max(
          -2,
          Math.min(2, -1 + Math.floor((r * 3) / Math.max(1, ratings - 1) + g) - (story.n % 2)),
        );
        const at = writtenDaysAgo - 3 - r * ((writtenDaysAgo - lastDay - 4) / ratings);
        await this.goals.rateGoal(
          caller,
          goal.id,
          { rating, ratedBy: r % 2 === 0 ? 'family' : 'joint', ratedAt: this.ago(at) },
          now,
        );
      }
    }
    const wins = Math.max(1, Math.floor(span / 18));
    for (let w = 0; w < wins; w++) {
      const daysAgo = story.startedDaysAgo - 5 - w * ((span - 6) / wins);
      const own = w % 4 !== 3;
      await this.smallWins.recordSmallWin(
        caller,
        linkUp.id,
        {
          text: own ? WINS[(story.n + w) % WINS.length] : SHARING_WINS[(story.n + w) % SHARING_WINS.length],
          occurredOn: isoDay(this.ago(daysAgo)),
          familyId: own ? story.seeking : story.sharing,
        },
        now,
      );
    }
    const meetings = Math.max(1, Math.floor(span / 12));
    for (let m = 0; m < meetings; m++) {
      const daysAgo = story.startedDaysAgo - 2 - m * ((span - 3) / meetings);
      await this.getTogethers.recordGetTogether(caller, linkUp.id, {
        heldOn: isoDay(this.ago(daysAgo)),
        kind: KINDS[(story.n + m) % KINDS.length],
        childrenInvolved: (story.n + m) % 3 !== 0,
      });
    }

    // Outcome measures: baseline at the start; exit (and follow-up) on completed link-ups.
    const k10Start = 30 + (story.n % 5) * 2;
    const pwiStart = 52 + (story.n % 4) * 4;
    const measure = async (
      instrument: string,
      timepoint: 'baseline' | 'exit' | 'follow_up',
      score: number,
      daysAgo: number,
    ) =>
      this.measures.recordOutcomeMeasure(
        caller,
        story.seeking,
        {
          instrument,
          timepoint,
          score,
          assessedBy: 'joint',
          administeredAt: this.ago(daysAgo),
          linkUpId: linkUp.id,
        },
        now,
      );
    if (story.startedDaysAgo > 7) {
      await measure('K10', 'baseline', k10Start, story.startedDaysAgo - 7);
      await measure('PWI', 'baseline', pwiStart, story.startedDaysAgo - 7);
    }
    if (story.exit) {
      await measure('K10', 'exit', k10Start - 4 - (story.n % 3) * 2, lastDay + 5);
      await measure('PWI', 'exit', pwiStart + 6 + (story.n % 4) * 3, lastDay + 5);
    }
    if (story.followUp) {
      await measure('K10', 'follow_up', k10Start - 5, lastDay - 90 > 0 ? lastDay - 90 : 1);
    }

    // Check-ins as planned, held on time, except the latest `leaveOpen`.
    await this.checkInPlanning.planLinkUp(linkUp.id, now);
    await this.holdPastCheckIns(caller, linkUp.id, story.leaveOpen);
    if (story.n === 0) {
      // The coach's view of this period (the families answer on their own pages).
      await this.feedback.giveFeedback(caller, linkUp.id, { relationship: 4, change: 4 });
    }

    const ending = story.ending;
    if (ending === undefined) return;
    if (ending.kind === 'concern') {
      await this.safeguarding.raiseConcern(caller, {
        linkUpId: linkUp.id,
        severity: 'high',
        description: 'Made-up demo concern: the Seeking family mentioned a worrying visitor at home.',
      });
      return;
    }
    const at = ending.daysAgo;
    if (ending.kind === 'complete') {
      linkUp = await this.record(
        caller,
        linkUp,
        at,
        {
          status: 'completed',
          endedAt: this.ago(at),
          closureReason: 'Goals met, still in touch',
          pausedSince: null,
        },
        (base) => ({ ...base, kind: 'completed', toStatus: 'completed', reason: null }),
        (saved) => this.afterClosing(caller, saved, 'completed'),
      );
    } else {
      linkUp = await this.record(
        caller,
        linkUp,
        at,
        { status: 'ended_early', endedAt: this.ago(at), closureReason: ending.reason, pausedSince: null },
        (base) => ({ ...base, kind: 'ended_early', toStatus: 'ended_early', reason: null }),
        (saved) => this.afterClosing(caller, saved, 'ended_early'),
      );
    }
    await this.checkInPlanning.planLinkUp(linkUp.id, now);
    await this.holdPastCheckIns(caller, linkUp.id, 0);
  }

  /** One change of the link-up's history at a past time, through the link-ups seam, in a run with `after`. */
  private async record(
    caller: Caller,
    linkUp: LinkUp,
    daysAgo: number,
    changes: Partial<LinkUp>,
    event: (
      base: Omit<LinkUpEvent, 'id' | 'linkUpId' | 'linkUp' | 'actor' | 'kind'>,
    ) => Omit<LinkUpEvent, 'id' | 'linkUpId' | 'linkUp' | 'actor'>,
    after?: (saved: LinkUp) => Promise<unknown>,
  ): Promise<LinkUp> {
    return this.transactions.run(async () => {
      const locked = await this.linkUps.lockLinkUpForChange(caller.actor, linkUp.id, linkUp.version);
      const saved = await this.linkUps.recordChange(
        locked,
        changes,
        event({
          fromStage: locked.stage,
          toStage: locked.stage,
          fromStatus: locked.status,
          toStatus: locked.status,
          fromCoachId: locked.coachId,
          toCoachId: locked.coachId,
          reason: null,
          at: this.ago(daysAgo),
          actorId: caller.actor.id,
        }),
      );
      await after?.(saved);
      return saved;
    });
  }

  /** The Seeking family moves on from a closed link-up, as a real closing does (DESIGN §4.1). */
  private afterClosing(
    caller: Caller,
    linkUp: LinkUp,
    closing: 'completed' | 'ended_early',
  ): Promise<unknown> {
    return this.lifecycle.afterLinkUpClosed(caller, {
      linkUpId: linkUp.id,
      seekingFamilyId: linkUp.seekingFamilyId,
      sharingFamilyId: linkUp.sharingFamilyId,
      closing,
      reason: linkUp.closureReason,
      at: linkUp.endedAt ?? this.clock.now(),
    });
  }

  /** Holds the link-up's past check-ins on their due day (the latest `leaveOpen` stay open). */
  private async holdPastCheckIns(caller: Caller, linkUpId: string, leaveOpen: number): Promise<void> {
    const now = this.clock.now();
    const past = await this.checkIns.openCheckInsDueBefore(linkUpId, now);
    const toHold = past.slice(0, Math.max(0, past.length - leaveOpen));
    for (const [i, checkIn] of toHold.entries()) {
      const heldAt = new Date(Math.min(checkIn.dueAt.getTime() - HOUR_MS, now.getTime() - HOUR_MS));
      try {
        // In a savepoint of its own: inside a caller's run, a refused completion takes back only its
        // own statements, and the run carries on (caught, a plain joined run would roll all of it back).
        await this.transactions.runNested(() =>
          this.checkIns.completeCheckIn(caller, checkIn.id, {
            heldAt,
            mode: i % 3 === 0 ? 'in_person' : 'phone',
            relationshipRating: 3 + (i % 3 === 0 ? 1 : 0),
            wellbeingRating: 3 + (i % 2),
            version: checkIn.version,
          }),
        );
      } catch (error) {
        // A check-in the worker moved on meanwhile stays as it is.
        this.logger.debug(`Demo check-in not held: ${(error as Error).message}`);
      }
    }
  }
}

/** How many families the living demo links (the demo family user's own Seeking family among them). */
export const DEMO_PROGRAMME_SEEKING = 10;
export const DEMO_PROGRAMME_SHARING = 6;
/** Generated for it: a few more Sharing families than linked (one whose check has lapsed stays in training). */
export const DEMO_PROGRAMME_SHARING_GENERATED = DEMO_PROGRAMME_SHARING + 2;
