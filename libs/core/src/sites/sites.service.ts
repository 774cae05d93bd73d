import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { assertSiteInScope, type Caller } from '../access';
import { AuditService } from '../audit';
import { DEFAULT_TIME_ZONE } from '../clock';
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

  /**
   * The site's IANA time zone: its "today", due dates and check expiries are read in it (the
   * programme's default for no site).
   */
  async timeZoneOf(siteId: string | null, manager?: EntityManager): Promise<string> {
    if (siteId === null) return DEFAULT_TIME_ZONE;
    const repository = manager?.getRepository(Site) ?? this.sites;
    const site = await repository.findOne({ select: { id: true, timeZone: true }, where: { id: siteId } });
    return site?.timeZone ?? DEFAULT_TIME_ZONE;
  }

  /** Every site's IANA time zone, by site id (a handful of rows): for reads across sites. */
  async timeZonesBySite(manager?: EntityManager): Promise<ReadonlyMap<string, string>> {
    const repository = manager?.getRepository(Site) ?? this.sites;
    const sites = await repository.find({ select: { id: true, timeZone: true } });
    return new Map(sites.map((site) => [site.id, site.timeZone]));
  }

  /**
   * Inside the caller's transaction, keeps the site from being deleted (or its id changed) until it
   * commits (`FOR KEY SHARE`): for a record about to refer to it. False when there is no such site.
   */
  async holdSiteForReference(manager: EntityManager, siteId: string): Promise<boolean> {
    const site = await manager
      .getRepository(Site)
      .createQueryBuilder('s')
      .select('s.id')
      .setLock('for_key_share')
      .where('s.id = :siteId', { siteId })
      .getOne();
    return site !== null;
  }

  /** A new site; its time zone (an IANA name, already validated) defaults to the programme's. */
  async createSite(caller: Caller, input: { name: string; timeZone?: string }): Promise<Site> {
    const name = input.name.trim();
    try {
      return await this.dataSource.transaction(async (manager) => {
        const site = await manager
          .getRepository(Site)
          .save(manager.getRepository(Site).create({ name, timeZone: input.timeZone ?? DEFAULT_TIME_ZONE }));
        await this.audit.record(
          {
            actor: caller.actor,
            requestId: caller.requestId,
            action: 'site.created',
            entityType: 'site',
            entityId: site.id,
            details: { timeZone: site.timeZone },
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

  /** Renames a site or changes its time zone (admin); audited with what changed. */
  async updateSite(caller: Caller, id: string, input: { name?: string; timeZone?: string }): Promise<Site> {
    const name = input.name?.trim();
    try {
      return await this.dataSource.transaction(async (manager) => {
        const repository = manager.getRepository(Site);
        const site = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
        if (site === null) throw CommonErrors.notFound('Site');
        const changed: string[] = [];
        if (name !== undefined && name !== site.name) {
          site.name = name;
          changed.push('name');
        }
        if (input.timeZone !== undefined && input.timeZone !== site.timeZone) {
          site.timeZone = input.timeZone;
          changed.push('timeZone');
        }
        if (changed.length === 0) return site;
        const saved = await repository.save(site);
        await this.audit.record(
          {
            actor: caller.actor,
            requestId: caller.requestId,
            action: 'site.updated',
            entityType: 'site',
            entityId: site.id,
            details: { changed, timeZone: saved.timeZone },
          },
          manager,
        );
        return saved;
      });
    } catch (error) {
      if (name !== undefined && isUniqueViolation(error, 'UQ_sites_name')) throw SiteErrors.nameTaken(name);
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
