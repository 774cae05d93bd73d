import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { UserFamilies } from '../users';
import { Family } from './family.entity';

/** The families facts users reads (`UserFamilies`, declared by users): families' own rows. */
@Injectable()
export class UserFamiliesAdapter implements UserFamilies {
  constructor(@InjectRepository(Family) private readonly families: Repository<Family>) {}

  async siteOfFamily(familyId: string): Promise<string | null> {
    const family = await this.families.findOne({
      select: { id: true, siteId: true },
      where: { id: familyId },
    });
    return family?.siteId ?? null;
  }
}
