import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Site } from './site.entity';

export const DEMO_SITE_NAME = 'Demo site (Northern Adelaide)';

@Injectable()
export class SitesService {
  constructor(@InjectRepository(Site) private readonly sites: Repository<Site>) {}

  listSites(): Promise<Site[]> {
    return this.sites.find({ order: { name: 'ASC' } });
  }

  /**
   * Creates the demo site the first time the embedded default starts; later starts find it and do
   * nothing. Safe when two processes race: the unique name decides.
   */
  async ensureDemoSite(): Promise<{ site: Site; created: boolean }> {
    const inserted = await this.sites
      .createQueryBuilder()
      .insert()
      .values({ name: DEMO_SITE_NAME, demo: true })
      .orIgnore()
      .returning('*')
      .execute();
    const created = (inserted.raw as unknown[]).length > 0;
    const site = await this.sites.findOneByOrFail({ name: DEMO_SITE_NAME });
    return { site, created };
  }
}
