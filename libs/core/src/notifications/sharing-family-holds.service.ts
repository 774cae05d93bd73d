import { Injectable } from '@nestjs/common';
import { Clock } from '../clock';
import { FamiliesService, FamilyLifecycleService } from '../families';
import { TransactionContext } from '../transaction';
import { NotificationsService } from './notifications.service';

export interface HoldRunReport {
  readonly heldFamilyIds: readonly string[];
  readonly noticesWritten: number;
}

/**
 * DESIGN §4.1: an expired Working With Children Check puts an approved Sharing family on hold
 * (matching then leaves it out of new link-ups) and alerts the coach of each live link-up it has.
 * Run by a job scheduler. The alert step looks at every live link-up of an on-hold Sharing family,
 * not only those held in this run, so alerts lost to a crash between the two steps are written on
 * the next run; the notices' unique key keeps it to one per link-up and coach.
 */
@Injectable()
export class SharingFamilyHoldsService {
  constructor(
    private readonly families: FamiliesService,
    private readonly lifecycle: FamilyLifecycleService,
    private readonly notifications: NotificationsService,
    private readonly transactions: TransactionContext,
    private readonly clock: Clock,
  ) {}

  async holdExpiredChecksAndAlert(now = this.clock.now()): Promise<HoldRunReport> {
    const { heldFamilyIds } = await this.lifecycle.holdSharingFamiliesWithExpiredChecks(now);
    const written = await this.transactions.run(async () => {
      const live = await this.families.liveLinkUpsOfSharingFamiliesOnHold();
      const ids: string[] = [];
      for (const linkUp of live) {
        ids.push(
          ...(await this.notifications.notify({
            kind: 'sharing_family_on_hold',
            subjectType: 'link_up',
            subjectId: linkUp.linkUpId,
            linkUpId: linkUp.linkUpId,
            facts: {},
            recipientIds: [linkUp.coachId],
          })),
        );
      }
      // The notices are committed before their emails are queued (commit, then enqueue).
      await this.transactions.afterCommit(() => this.notifications.dispatchEmails(ids));
      return ids;
    });
    return { heldFamilyIds, noticesWritten: written.length };
  }
}
