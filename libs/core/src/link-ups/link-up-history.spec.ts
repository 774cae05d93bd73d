import { computeStageDurations } from '@app/domain';
import type { LinkUpEvent } from './link-up-event.entity';
import { coachChangesIn, timelineFromHistory } from './link-up-history';
import type { LinkUp } from './link-up.entity';

const START = new Date('2026-01-05T00:00:00.000Z');
const day = (n: number): Date => new Date(START.getTime() + n * 86_400_000);
const event = (kind: LinkUpEvent['kind'], at: number, extra: Partial<LinkUpEvent> = {}): LinkUpEvent =>
  ({ kind, at: day(at), fromStage: null, toStage: null, ...extra }) as LinkUpEvent;
const linkUp = { startedAt: START, endedAt: null } as LinkUp;

describe('timelineFromHistory', () => {
  const history = [
    event('created', 0, { toStage: 'relationship_building' }),
    event('stage_advanced', 14, { fromStage: 'relationship_building', toStage: 'doing_with' }),
    event('coach_changed', 15),
    event('paused', 21),
    event('resumed', 28),
    event('stage_moved_back', 35, { fromStage: 'doing_with', toStage: 'relationship_building' }),
    event('paused', 42),
    event('coach_changed', 43),
  ];

  it('reads stage changes and pauses off the history; an open pause runs on', () => {
    expect(timelineFromHistory(linkUp, history)).toEqual({
      startedAt: START,
      stageChanges: [
        { from: 'relationship_building', to: 'doing_with', at: day(14) },
        { from: 'doing_with', to: 'relationship_building', at: day(35) },
      ],
      pauses: [
        { start: day(21), end: day(28) },
        { start: day(42), end: null },
      ],
      closedAt: null,
    });
    expect(coachChangesIn(history)).toBe(2);
  });

  it('gives active weeks per stage with paused time left out, and stops at the close', () => {
    const closed = [...history, event('ended_early', 49)];
    const durations = computeStageDurations(timelineFromHistory(linkUp, closed), day(70));
    expect(durations.byStage.relationship_building.activeWeeks).toBe(3);
    expect(durations.byStage.doing_with.activeWeeks).toBe(2);
    expect(durations.pausedWeeks).toBe(2);
    expect(durations.elapsedWeeks).toBe(7);
  });
});
