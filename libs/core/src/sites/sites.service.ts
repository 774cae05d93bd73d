import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { assertSiteInScope, type Caller } from '../access';
import { AuditService } from '../audit/audit.service';
import { CommonErrors, isUniqueViolation } from '../errors';
import { Site } from './site.entity';
import { SiteErrors } from './site.errors';

export const DEMO_SITE_NAME = 'Demo site (Northern Adelaide)';

@Injectable()
export class SitesService {
  constructor(
    @InjectRepository(Site) private readonly sites: Repository<Site>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  listSites(): Promise<Site[]> {
    return this.sites.find({ order: { name: 'ASC' } });
  }

  async getSite(caller: Caller, id: string): Promise<Site> {
    const site = await this.sites.findOneBy({ id });
    if (site === null) throw CommonErrors.notFound('Site');
    assertSiteInScope(caller.actor, site.id);
    return site;
  }

  /** For other features validating a site id; no scope check. */
  async siteExists(id: string): Promise<boolean> {
    return this.sites.existsBy({ id });
  }

  async createSite(caller: Caller, input: { name: string }): Promise<Site> {
    const name = input.name.trim();
    try {
      return await this.dataSource.transaction(async (manager) => {
        const site = await manager.getRepository(Site).save(manager.getRepository(Site).create({ name }));
        await this.audit.record(
          {
            actor: caller.actor,
            requestId: caller.requestId,
            action: 'site.created',
            entityType: 'site',
            entityId: site.id,
          },
          manager,
        );
        return site;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_sites_name')) throw SiteErrors.nameTaken(name);
      throw error;
    }
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
