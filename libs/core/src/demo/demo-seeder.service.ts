import { AppConfig } from '@app/config';
import { Injectable, Logger } from '@nestjs/common';
import { actorOf } from '../access/actor';
import { FamiliesService } from '../families/families.service';
import { SitesService } from '../sites/sites.service';
import type { UserRole } from '../users/user-role';
import { UsersService } from '../users/users.service';

/** Shared by every demo account. Demo only: the embedded default on one machine, never production. */
export const DEMO_PASSWORD = 'family-link-demo';

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
    private readonly families: FamiliesService,
    private readonly config: AppConfig,
  ) {}

  async seedOnce(): Promise<DemoSeedReport> {
    const { site, created } = await this.sites.ensureDemoSite();
    if (this.config.nodeEnv === 'production') {
      this.logger.warn('NODE_ENV=production: the demo site is seeded without its demo users.');
      return { created, siteName: site.name, signIns: [] };
    }
    for (const role of DEMO_ROLES) {
      if ((await this.users.findUserByEmail(demoEmail(role))) !== null) continue;
      const supervisor = role === 'coach' ? await this.users.findUserByEmail(demoEmail('supervisor')) : null;
      const familyId = role === 'family' ? await this.seedDemoFamily(site.id) : null;
      await this.users.insertIfAbsent(
        {
          email: demoEmail(role),
          displayName: `Demo ${role}`,
          role,
          password: DEMO_PASSWORD,
          siteId: site.id,
          familyId,
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

  /** The demo family user's own (Seeking) family, coached by the demo coach, registered by the demo admin. */
  private async seedDemoFamily(siteId: string): Promise<string> {
    const admin = await this.users.findUserByEmail(demoEmail('admin'));
    const coach = await this.users.findUserByEmail(demoEmail('coach'));
    if (admin === null || coach === null)
      throw new Error('The demo admin and coach are seeded before the demo family.');
    const family = await this.families.registerFamily(
      { actor: actorOf(admin), requestId: 'demo-seed' },
      { kind: 'seeking', displayName: 'The Demo family', siteId, primaryCoachId: coach.id },
    );
    return family.id;
  }
}
