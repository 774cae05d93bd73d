import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../transaction';
import { Site } from './site.entity';

/**
 * The sites' rows, read and written in the transaction open in this async context (autocommit
 * outside one): no method takes a `manager`.
 */
@Injectable()
export class SitesRepository {
  constructor(private readonly transactions: TransactionContext) {}

  private get sites() {
    return this.transactions.repository(Site);
  }

  /** Every site, by name. */
  listByName(): Promise<Site[]> {
    return this.sites.find({ order: { name: 'ASC' } });
  }

  findById(id: string): Promise<Site | null> {
    return this.sites.findOneBy({ id });
  }

  existsById(id: string): Promise<boolean> {
    return this.sites.existsBy({ id });
  }

  /** The site's id and time zone only, or null when there is no such site. */
  timeZoneOf(siteId: string): Promise<Pick<Site, 'id' | 'timeZone'> | null> {
    return this.sites.findOne({ select: { id: true, timeZone: true }, where: { id: siteId } });
  }

  /** Every site's id and time zone. */
  timeZones(): Promise<Pick<Site, 'id' | 'timeZone'>[]> {
    return this.sites.find({ select: { id: true, timeZone: true } });
  }

  /** Whether the site exists, holding it `FOR KEY SHARE` until the transaction ends. */
  async holdForReference(siteId: string): Promise<boolean> {
    const site = await this.sites
      .createQueryBuilder('s')
      .select('s.id')
      .setLock('for_key_share')
      .where('s.id = :siteId', { siteId })
      .getOne();
    return site !== null;
  }

  /** The site, locked `FOR UPDATE` until the transaction ends; null when there is none. */
  lockForUpdate(id: string): Promise<Site | null> {
    return this.sites.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Saves a new site (its id and times filled in). */
  insert(site: Pick<Site, 'name' | 'timeZone'>): Promise<Site> {
    return this.sites.save(this.sites.create(site));
  }

  /** Saves the site's changes. */
  save(site: Site): Promise<Site> {
    return this.sites.save(site);
  }

  /** Inserts the demo site unless a site of its name exists: whether it was inserted. */
  async insertDemoUnlessNamed(name: string): Promise<boolean> {
    const inserted = await this.sites
      .createQueryBuilder()
      .insert()
      .values({ name, demo: true })
      .orIgnore()
      .returning('*')
      .execute();
    return (inserted.raw as unknown[]).length > 0;
  }

  findByNameOrFail(name: string): Promise<Site> {
    return this.sites.findOneByOrFail({ name });
  }
}
