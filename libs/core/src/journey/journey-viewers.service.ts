import type { JourneyViewer } from '@app/domain';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../access';
import { ConsentsService } from '../families';
import type { LinkUp } from '../link-ups';

/**
 * Who is looking at a link-up's journey, and whether the partner family shares with them now (read in
 * the transaction open in this async context, if any).
 */
@Injectable()
export class JourneyViewers {
  constructor(private readonly consents: ConsentsService) {}

  async viewerFor(
    actor: Actor,
    linkUp: Pick<LinkUp, 'seekingFamilyId' | 'sharingFamilyId'>,
  ): Promise<JourneyViewer> {
    if (actor.role !== 'family' || actor.familyId === null) return { kind: 'staff' };
    const partner =
      actor.familyId === linkUp.seekingFamilyId ? linkUp.sharingFamilyId : linkUp.seekingFamilyId;
    const partnerShares = await this.consents.isConsentGranted(partner, 'share_with_partner_family');
    return { kind: 'family', familyId: actor.familyId, partnerShares };
  }
}
