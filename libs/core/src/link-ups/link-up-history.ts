import type { LinkUpTimeline, PausePeriod, StageChange } from '@app/domain';
import type { LinkUpEvent } from './link-up-event.entity';
import type { LinkUp } from './link-up.entity';

/** The timeline durations are computed from, read off the link-up's history (oldest first). */
export function timelineFromHistory(linkUp: LinkUp, events: readonly LinkUpEvent[]): LinkUpTimeline {
  const stageChanges: StageChange[] = [];
  const pauses: PausePeriod[] = [];
  let openPause: Date | null = null;
  let closedAt: Date | null = null;
  for (const event of events) {
    switch (event.kind) {
      case 'stage_advanced':
      case 'stage_moved_back':
        if (event.fromStage !== null && event.toStage !== null)
          stageChanges.push({ from: event.fromStage, to: event.toStage, at: event.at });
        break;
      case 'paused':
        openPause ??= event.at;
        break;
      case 'resumed':
        if (openPause !== null) pauses.push({ start: openPause, end: event.at });
        openPause = null;
        break;
      case 'completed':
      case 'ended_early':
        closedAt ??= event.at;
        break;
      case 'created':
      case 'coach_changed':
        break;
    }
  }
  if (openPause !== null) pauses.push({ start: openPause, end: null });
  return { startedAt: linkUp.startedAt, stageChanges, pauses, closedAt: closedAt ?? linkUp.endedAt };
}

/** How many times the link-up's coach changed (exports count them). */
export function coachChangesIn(events: readonly LinkUpEvent[]): number {
  return events.filter((event) => event.kind === 'coach_changed').length;
}
