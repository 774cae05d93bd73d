import { AppConfig } from '@app/config';
import { Injectable, Logger } from '@nestjs/common';
import { SitesService } from '../sites/sites.service';
import type { UserRole } from '../users/user-role';
import { UsersService } from '../users/users.service';

/** Shared by every demo account. Demo only: the embedded default on one machine, never production. */
export const DEMO_PASSWORD = 'family-link-demo';

/**
 * The family the demo family user belongs to. Families arrive with a later feature, which seeds
 * the demo family under this id.
 */
export const DEMO_FAMILY_ID = 'd3e0f000-0000-4000-8000-000000000001';

export interface DemoSignIn {
  readonly role: UserRole;
  readonly email: string;
  readonly password: string;
}

export interface DemoSeedReport {
  readonly created: boolean;
  readonly siteName: string;
  /** Empty when demo users are not seeded (NODE_ENV=production). */
  readonly signIns: readonly DemoSignIn[];
}

/** Supervisor before coach: the demo coach names the demo supervisor. */
const DEMO_ROLES: readonly UserRole[] = ['admin', 'supervisor', 'coach', 'evaluator', 'family'];

export const demoEmail = (role: UserRole): string => `${role}@demo.family-link.local`;

/** Seeds the embedded default's demo site and its users once; later starts find them and change nothing. */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('DemoSeeder');

  constructor(
    private readonly sites: SitesService,
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  async seedOnce(): Promise<DemoSeedReport> {
    const { site, created } = await this.sites.ensureDemoSite();
    if (this.config.nodeEnv === 'production') {
      this.logger.warn('NODE_ENV=production: the demo site is seeded without its demo users.');
      return { created, siteName: site.name, signIns: [] };
    }
    for (const role of DEMO_ROLES) {
      const supervisor = role === 'coach' ? await this.users.findUserByEmail(demoEmail('supervisor')) : null;
      await this.users.insertIfAbsent(
        {
          email: demoEmail(role),
          displayName: `Demo ${role}`,
          role,
          password: DEMO_PASSWORD,
          siteId: site.id,
          familyId: role === 'family' ? DEMO_FAMILY_ID : null,
          supervisorId: supervisor?.id ?? null,
        },
        'demo_seed',
      );
    }
    return {
      created,
      siteName: site.name,
      signIns: DEMO_ROLES.map((role) => ({ role, email: demoEmail(role), password: DEMO_PASSWORD })),
    };
  }
}
