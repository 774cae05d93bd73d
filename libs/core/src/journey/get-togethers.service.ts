import type { GetTogetherKind } from '@app/domain';
import { Injectable } from '@nestjs/common';
import type { Caller } from '../access';
import { AuditService } from '../audit';
import type { LinkUp } from '../link-ups';
import { LinkUpsService } from '../link-ups';
import { TransactionContext } from '../transaction';
import type { GetTogether } from './get-together.entity';
import { GetTogethersRepository } from './get-togethers.repository';
import { assertNotBeforeStart, assertRecordableOn, openLinkUpInScope } from './small-wins.service';
import { Clock } from '../clock';

export interface NewGetTogetherInput {
  /** `YYYY-MM-DD`, not in the future, not before the link-up started. */
  readonly heldOn: string;
  readonly kind: GetTogetherKind;
  readonly childrenInvolved: boolean;
}

/**
 * The families' own get-togethers (DESIGN §3): both families and their coach see them all. Reads and
 * writes join the transaction open in this async context (TransactionContext).
 */
@Injectable()
export class GetTogethersService {
  constructor(
    private readonly getTogethers: GetTogethersRepository,
    private readonly transactions: TransactionContext,
    private readonly linkUps: LinkUpsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async recordGetTogether(
    caller: Caller,
    linkUpId: string,
    input: NewGetTogetherInput,
    now = this.clock.now(),
  ): Promise<GetTogether> {
    assertRecordableOn(input.heldOn, 'heldOn', now);
    return this.transactions.run(async () => {
      const linkUp = await openLinkUpInScope(this.linkUps, caller.actor, linkUpId);
      assertNotBeforeStart(input.heldOn, 'heldOn', linkUp);
      const getTogether = await this.getTogethers.insert({
        linkUpId: linkUp.id,
        heldOn: input.heldOn,
        kind: input.kind,
        childrenInvolved: input.childrenInvolved,
        recordedBy: caller.actor.id,
        recordedByRole: caller.actor.role,
      });
      await this.audit.record({
        actor: caller.actor,
        requestId: caller.requestId,
        action: 'get_together.recorded',
        entityType: 'get_together',
        entityId: getTogether.id,
        details: { linkUpId: linkUp.id, kind: input.kind },
      });
      return getTogether;
    });
  }

  async listGetTogethers(caller: Caller, linkUpId: string): Promise<GetTogether[]> {
    return this.getTogethersOf(await this.linkUps.getLinkUpInScope(caller.actor, linkUpId));
  }

  /** A link-up's get-togethers (already scope-checked), newest first. */
  getTogethersOf(linkUp: LinkUp): Promise<GetTogether[]> {
    return this.getTogethers.listOfLinkUp(linkUp.id);
  }
}
