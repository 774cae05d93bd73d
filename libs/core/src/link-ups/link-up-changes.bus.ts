import { Injectable, Logger } from '@nestjs/common';

export const LINK_UP_CHANGE_KINDS = [
  'created',
  'stage_changed',
  'paused',
  'resumed',
  'completed',
  'ended_early',
  'coach_changed',
] as const;
export type LinkUpChangeKind = (typeof LINK_UP_CHANGE_KINDS)[number];

/** An in-process domain event: ids and kinds only. Listeners re-read the database (the truth). */
export interface LinkUpChanged {
  readonly linkUpId: string;
  readonly kind: LinkUpChangeKind;
  readonly at: Date;
}

export type LinkUpChangeListener = (event: LinkUpChanged) => Promise<void> | void;

/**
 * Publishes link-up changes to listeners in the same process (the check-in scheduler re-plans on
 * them). Publish after the change has committed. A failing listener is logged, never thrown back
 * to the publisher: the reconciler repairs whatever a lost event left undone.
 */
@Injectable()
export class LinkUpChangesBus {
  private readonly logger = new Logger('LinkUpChangesBus');
  private readonly listeners = new Set<LinkUpChangeListener>();

  subscribe(listener: LinkUpChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async publish(event: LinkUpChanged): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(event);
      } catch (error) {
        this.logger.warn(
          {
            linkUpId: event.linkUpId,
            kind: event.kind,
            err: error instanceof Error ? error.name : typeof error,
          },
          'A link-up change listener failed; the reconciler will catch up',
        );
      }
    }
  }
}
