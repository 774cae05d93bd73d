import { Injectable } from '@nestjs/common';
import { assertSiteInScope, type Caller } from '../access';
import { AuditService } from '../audit';
import { DEFAULT_TIME_ZONE } from '../clock';
import { CommonErrors, isUniqueViolation } from '../errors';
import { TransactionContext } from '../transaction';
import type { Site } from './site.entity';
import { SiteErrors } from './site.errors';
import { SitesRepository } from './sites.repository';

export const DEMO_SITE_NAME = 'Demo site (Northern Adelaide)';

/**
 * The programme's sites and their time zones. Reads and writes join the transaction open in this
 * async context (TransactionContext); callers that still thread a `manager` hand it over with
 * `TransactionContext.within`.
 */
@Injectable()
export class SitesService {
  constructor(
    private readonly sites: SitesRepository,
    private readonly transactions: TransactionContext,
    private readonly audit: AuditService,
  ) {}

  listSites(): Promise<Site[]> {
    return this.sites.listByName();
  }

  async getSite(caller: Caller, id: string): Promise<Site> {
    const site = await this.sites.findById(id);
    if (site === null) throw CommonErrors.notFound('Site');
    assertSiteInScope(caller.actor, site.id);
    return site;
  }

  /** For other features validating a site id; no scope check. */
  async siteExists(id: string): Promise<boolean> {
    return this.sites.existsById(id);
  }

  /**
   * The site's IANA time zone: its "today", due dates and check expiries are read in it (the
   * programme's default for no site).
   */
  async timeZoneOf(siteId: string | null): Promise<string> {
    if (siteId === null) return DEFAULT_TIME_ZONE;
    const site = await this.sites.timeZoneOf(siteId);
    return site?.timeZone ?? DEFAULT_TIME_ZONE;
  }

  /** Every site's IANA time zone, by site id (a handful of rows): for reads across sites. */
  async timeZonesBySite(): Promise<ReadonlyMap<string, string>> {
    const sites = await this.sites.timeZones();
    return new Map(sites.map((site) => [site.id, site.timeZone]));
  }

  /**
   * Inside the caller's transaction (the one open in this async context), keeps the site from being
   * deleted (or its id changed) until it commits (`FOR KEY SHARE`): for a record about to refer to it.
   * False when there is no such site.
   */
  holdSiteForReference(siteId: string): Promise<boolean> {
    return this.sites.holdForReference(siteId);
  }

  /** A new site; its time zone (an IANA name, already validated) defaults to the programme's. */
  async createSite(caller: Caller, input: { name: string; timeZone?: string }): Promise<Site> {
    const name = input.name.trim();
    try {
      return await this.transactions.run(async () => {
        const site = await this.sites.insert({ name, timeZone: input.timeZone ?? DEFAULT_TIME_ZONE });
        await this.audit.record({
          actor: caller.actor,
          requestId: caller.requestId,
          action: 'site.created',
          entityType: 'site',
          entityId: site.id,
          details: { timeZone: site.timeZone },
        });
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
      return await this.transactions.run(async () => {
        const site = await this.sites.lockForUpdate(id);
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
        const saved = await this.sites.save(site);
        await this.audit.record({
          actor: caller.actor,
          requestId: caller.requestId,
          action: 'site.updated',
          entityType: 'site',
          entityId: site.id,
          details: { changed, timeZone: saved.timeZone },
        });
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
    const created = await this.sites.insertDemoUnlessNamed(DEMO_SITE_NAME);
    const site = await this.sites.findByNameOrFail(DEMO_SITE_NAME);
    return { site, created };
  }
}
