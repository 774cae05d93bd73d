import type { GetTogetherKind } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import type { Caller } from '../access';
import { AuditService } from '../audit';
import type { LinkUp } from '../link-ups';
import { LinkUpsService } from '../link-ups';
import { GetTogether } from './get-together.entity';
import { assertNotBeforeStart, assertRecordableOn, openLinkUpInScope } from './small-wins.service';
import { Clock } from '../clock';

export interface NewGetTogetherInput {
  /** `YYYY-MM-DD`, not in the future, not before the link-up started. */
  readonly heldOn: string;
  readonly kind: GetTogetherKind;
  readonly childrenInvolved: boolean;
}

/** The families' own get-togethers (DESIGN §3): both families and their coach see them all. */
@Injectable()
export class GetTogethersService {
  constructor(
    @InjectRepository(GetTogether) private readonly getTogethers: Repository<GetTogether>,
    private readonly dataSource: DataSource,
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
    return this.dataSource.transaction(async (manager) => {
      const linkUp = await openLinkUpInScope(this.linkUps, caller.actor, linkUpId, manager);
      assertNotBeforeStart(input.heldOn, 'heldOn', linkUp);
      const repository = manager.getRepository(GetTogether);
      const getTogether = repository.create({
        linkUpId: linkUp.id,
        heldOn: input.heldOn,
        kind: input.kind,
        childrenInvolved: input.childrenInvolved,
        recordedBy: caller.actor.id,
        recordedByRole: caller.actor.role,
      });
      await repository.insert(getTogether);
      await this.audit.record(
        {
          actor: caller.actor,
          requestId: caller.requestId,
          action: 'get_together.recorded',
          entityType: 'get_together',
          entityId: getTogether.id,
          details: { linkUpId: linkUp.id, kind: input.kind },
        },
        manager,
      );
      return getTogether;
    });
  }

  async listGetTogethers(caller: Caller, linkUpId: string): Promise<GetTogether[]> {
    return this.getTogethersOf(await this.linkUps.getLinkUpInScope(caller.actor, linkUpId));
  }

  /** A link-up's get-togethers (already scope-checked), newest first. */
  getTogethersOf(linkUp: LinkUp, manager?: EntityManager): Promise<GetTogether[]> {
    return (manager?.getRepository(GetTogether) ?? this.getTogethers).find({
      where: { linkUpId: linkUp.id },
      order: { heldOn: 'DESC', createdAt: 'DESC' },
    });
  }
}
