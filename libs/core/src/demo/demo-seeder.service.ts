import { AppConfig } from '@app/config';
import { generateDemoFamilies, type DemoFamily } from '@app/domain';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, isoDay } from '../clock';
import { DEMO_PROGRAMME_SEEKING, DEMO_PROGRAMME_SHARING_GENERATED, DemoProgramme } from './demo-programme';
import { actorOf, type Caller } from '../access';
import { DomainError } from '../errors';
import { ConsentsService, FamiliesService, FamilyLifecycleService, FamilyListsService } from '../families';
import type { FamilyAvoidance } from '../families';
import { SitesService } from '../sites';
import type { UserRole } from '../access';
import { UsersService } from '../users';

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

/** The advisory lock (by name) that serialises seeding the demo users and families. */
const DEMO_SEED_LOCK = 'family-link:demo-seed';

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
    private readonly lifecycle: FamilyLifecycleService,
    private readonly lists: FamilyListsService,
    private readonly consents: ConsentsService,
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly programme: DemoProgramme,
  ) {}

  async seedOnce(): Promise<DemoSeedReport> {
    const { site, created } = await this.sites.ensureDemoSite();
    if (this.config.nodeEnv === 'production') {
      this.logger.warn('NODE_ENV=production: the demo site is seeded without its demo users.');
      return { created, siteName: site.name, signIns: [] };
    }
    await this.underDemoLock(() => this.seedDemoUsersAndFamilies(site.id));
    return {
      created,
      siteName: site.name,
      signIns: DEMO_ROLES.map((role) => ({ role, email: demoEmail(role), password: DEMO_PASSWORD })),
    };
  }

  private async seedDemoUsersAndFamilies(siteId: string): Promise<void> {
    for (const role of DEMO_ROLES) {
      if ((await this.users.findUserByEmail(demoEmail(role))) !== null) continue;
      const supervisor = role === 'coach' ? await this.users.findUserByEmail(demoEmail('supervisor')) : null;
      const familyId = role === 'family' ? await this.seedDemoFamily(siteId) : null;
      await this.users.insertIfAbsent(
        {
          email: demoEmail(role),
          displayName: `Demo ${role}`,
          role,
          password: DEMO_PASSWORD,
          siteId: siteId,
          familyId,
          supervisorId: supervisor?.id ?? null,
        },
        'demo_seed',
      );
    }
    await this.seedDemoFamilies(siteId);
  }

  /** The demo family user's own (Seeking) family, coached by the demo coach, registered by the demo admin. */
  private async seedDemoFamily(siteId: string): Promise<string> {
    const admin = await this.users.findUserByEmail(demoEmail('admin'));
    const coach = await this.users.findUserByEmail(demoEmail('coach'));
    if (admin === null || coach === null)
      throw new Error('The demo admin and coach are seeded before the demo family.');
    const caller: Caller = { actor: actorOf(admin), requestId: 'demo-seed' };
    let family = await this.families.registerFamily(caller, {
      kind: 'seeking',
      displayName: 'The Demo family',
      siteId,
      primaryCoachId: coach.id,
      suburb: 'Elizabeth',
      postcode: '5112',
      languages: ['english'],
      goalThemes: ['routines', 'social_connection'],
      interests: ['parks_outdoors', 'cooking'],
    });
    for (const [preferredName, role] of [
      ['Alex', 'adult'],
      ['Jordan', 'adult'],
      ['Mia', 'child'],
    ] as const) {
      await this.families.addPerson(caller, family.id, {
        role,
        preferredName,
        ...(role === 'adult' ? { language: 'english' } : { ageBand: 'age_5_9' }),
      });
    }
    for (const to of ['intake', 'choosing']) {
      family = await this.lifecycle.changeFamilyStatus(
        caller,
        family.id,
        { to, version: family.version },
        this.clock.now(),
      );
    }
    return family.id;
  }

  /**
   * Made-up Seeking and Sharing families for the demo site (issue 4), from the demo-data generator,
   * registered through the real services by the demo coach: Sharing families go through training,
   * checks, consent and sign-off. Idempotent per family: a generated family whose display name is
   * on the site already is skipped, so a start that stopped half-way completes the set on the next
   * one (the caller holds the demo seed lock).
   */
  private async seedDemoFamilies(siteId: string): Promise<void> {
    const coach = await this.users.findUserByEmail(demoEmail('coach'));
    if (coach === null) return;
    const caller: Caller = { actor: actorOf(coach), requestId: 'demo-seed' };
    const present = new Map(await this.lists.countFamiliesByDisplayName(siteId));
    const now = this.clock.now();
    const data = generateDemoFamilies({
      seed: 4,
      siteId,
      seekingCount: DEMO_SEEKING_FAMILIES,
      sharingCount: DEMO_SHARING_FAMILIES,
      today: isoDay(now),
    });
    // The living demo's families (issue 15): Seeking families ready to link, approved Sharing ones.
    const linked = generateDemoFamilies({
      seed: 15,
      siteId,
      seekingCount: DEMO_PROGRAMME_SEEKING - 1,
      sharingCount: DEMO_PROGRAMME_SHARING_GENERATED,
      today: isoDay(now),
    });
    const programme = {
      seeking: linked.seeking.map((f): DemoFamily => ({ ...f, status: 'choosing' })),
      sharing: linked.sharing.map((f): DemoFamily => ({ ...f, status: 'approved' })),
    };
    let seeded = 0;
    const ids = new Map<DemoFamily, string>();
    for (const family of [...data.sharing, ...data.seeking, ...programme.sharing, ...programme.seeking]) {
      const left = present.get(family.displayName) ?? 0;
      if (left > 0) {
        present.set(family.displayName, left - 1);
        continue;
      }
      ids.set(family, await this.seedMadeUpFamily(caller, family, now));
      seeded++;
    }
    if (seeded > 0) this.logger.log(`Seeded ${seeded} made-up demo families.`);

    // Link-ups at every stage, once (a start that finds link-ups on the demo site adds none).
    const demoFamily = await this.users.findUserByEmail(demoEmail('family'));
    const sharingIds = programme.sharing.map((f) => ids.get(f)).filter((id) => id !== undefined);
    const approvedIds = new Set(
      (await this.families.findFamiliesByIds(sharingIds))
        .filter((f) => f.status === 'approved')
        .map((f) => f.id),
    );
    const approved = sharingIds.filter((id) => approvedIds.has(id));
    const seeking = programme.seeking.map((f) => ids.get(f)).filter((id) => id !== undefined);
    if (demoFamily === null || demoFamily.familyId === null) return;
    await this.programme.seedOnce(caller, siteId, [demoFamily.familyId, ...seeking], approved);
  }

  /**
   * Runs the seeding under a session advisory lock, so two processes starting at once (or two
   * calls) seed the demo users and families once.
   */
  private async underDemoLock<T>(work: () => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtext($1))`, [DEMO_SEED_LOCK]);
      try {
        return await work();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [DEMO_SEED_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  /** Registers one made-up family and takes it to its generated status; answers its id. */
  private async seedMadeUpFamily(caller: Caller, demo: DemoFamily, now: Date): Promise<string> {
    const sharing = demo.kind === 'sharing';
    let family = await this.families.registerFamily(caller, {
      kind: demo.kind,
      displayName: demo.displayName,
      siteId: demo.siteId,
      suburb: demo.suburb,
      postcode: demo.postcode,
      latitude: demo.location?.lat ?? null,
      longitude: demo.location?.lng ?? null,
      languages: demo.languages,
      interpreterNeeded: demo.interpreterNeeded,
      interpreterArranged: demo.interpreterArranged,
      interests: demo.interests,
      lifeExperiences: demo.lifeExperiences,
      goalThemes: sharing ? null : demo.goalThemes,
      strengths: sharing ? demo.strengths : null,
      availabilitySlots: demo.availabilitySlots,
      childrenAgeBands: demo.childrenAgeBands,
      householdTraits: sharing ? demo.householdTraits : null,
      avoidances: demo.avoidances.map((a): FamilyAvoidance =>
        a.kind === 'trait'
          ? { kind: 'trait', value: a.trait }
          : a.kind === 'suburb'
            ? { kind: 'suburb', value: a.suburb }
            : { kind: 'same_suburb' },
      ),
      maxConcurrentLinkUps: sharing ? (demo.maxConcurrentLinkUps ?? 1) : undefined,
      waitingSince: demo.waitingSince === null ? null : new Date(`${demo.waitingSince}T00:00:00Z`),
    });
    for (const adult of demo.adults) {
      await this.families.addPerson(caller, family.id, {
        role: 'adult',
        preferredName: adult.preferredName,
        birthYear: adult.birthYear,
        language: adult.language,
        interpreterNeeded: adult.interpreterNeeded,
        wwccNumber: adult.wwccNumber,
        wwccExpiresOn: adult.wwccExpiry,
      });
    }
    for (const child of demo.children) {
      await this.families.addPerson(caller, family.id, {
        role: 'child',
        preferredName: child.preferredName,
        ageBand: child.ageBand,
      });
    }
    const move = async (to: string, signOff = false): Promise<void> => {
      family = await this.lifecycle.changeFamilyStatus(
        caller,
        family.id,
        { to, version: family.version, signOff },
        now,
      );
    };
    if (!sharing) {
      const path = { intake: ['intake'], choosing: ['intake', 'choosing'], waitlisted: ['waitlisted'] }[
        demo.status as 'intake' | 'choosing' | 'waitlisted'
      ];
      for (const to of path ?? []) await move(to);
      return family.id;
    }
    await this.consents.grantConsent(caller, family.id, 'participation', now);
    await move('in_training');
    if (demo.status === 'in_training') return family.id;
    family = await this.families.updateFamily(caller, family.id, family.version, {
      trainingCompletedAt: now,
    });
    try {
      await move('approved', true);
    } catch (error) {
      // A generated check that has already expired: the family stays in training, as it would.
      if (error instanceof DomainError && error.code === 'FAMILY.APPROVAL_GUARDS_UNMET') return family.id;
      throw error;
    }
    if (demo.status === 'on_hold') await move('on_hold');
    return family.id;
  }
}

/** How many made-up families the demo site gets. */
export const DEMO_SEEKING_FAMILIES = 12;
export const DEMO_SHARING_FAMILIES = 8;
