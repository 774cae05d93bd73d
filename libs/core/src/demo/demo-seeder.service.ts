import { Injectable } from '@nestjs/common';
import { SitesService } from '../sites/sites.service';

export interface DemoSeedReport {
  readonly created: boolean;
  readonly siteName: string;
}

/** Seeds the embedded default's demo site once; later starts find it and change nothing. */
@Injectable()
export class DemoSeeder {
  constructor(private readonly sites: SitesService) {}

  async seedOnce(): Promise<DemoSeedReport> {
    const { site, created } = await this.sites.ensureDemoSite();
    return { created, siteName: site.name };
  }
}
