import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { SafeguardingConcern } from './safeguarding-concern.entity';

@Injectable()
export class SafeguardingService {
  constructor(
    @InjectRepository(SafeguardingConcern) private readonly concerns: Repository<SafeguardingConcern>,
  ) {}

  /** Concerns about the link-up not yet closed (they block its completion, DESIGN §4.3). */
  countOpenConcernsForLinkUp(linkUpId: string, manager?: EntityManager): Promise<number> {
    return (manager?.getRepository(SafeguardingConcern) ?? this.concerns).countBy({
      linkUpId,
      status: In(['open', 'triaged']),
    });
  }
}
