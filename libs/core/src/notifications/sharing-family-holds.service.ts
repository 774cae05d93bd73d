import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FamiliesService } from '../families';
import { NotificationsService } from './notifications.service';
import { Clock } from '../clock';

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
    private readonly notifications: NotificationsService,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async holdExpiredChecksAndAlert(now = this.clock.now()): Promise<HoldRunReport> {
    const { heldFamilyIds } = await this.families.holdSharingFamiliesWithExpiredChecks(now);
    const written = await this.dataSource.transaction(async (manager) => {
      const live = await this.families.liveLinkUpsOfSharingFamiliesOnHold(manager);
      const ids: string[] = [];
      for (const linkUp of live) {
        ids.push(
          ...(await this.notifications.notify(manager, {
            kind: 'sharing_family_on_hold',
            subjectType: 'link_up',
            subjectId: linkUp.linkUpId,
            linkUpId: linkUp.linkUpId,
            facts: {},
            recipientIds: [linkUp.coachId],
          })),
        );
      }
      return ids;
    });
    await this.notifications.dispatchEmails(written);
    return { heldFamilyIds, noticesWritten: written.length };
  }
}
