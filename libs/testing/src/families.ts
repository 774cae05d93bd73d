import {
  Clock,
  actorOf,
  ConsentsService,
  FamiliesService,
  FamilyLifecycleService,
  MatchProposalsService,
  type Caller,
  type Family,
  type MatchProposal,
  type RegisterFamilyInput,
  type User,
} from '@app/core';
import type { INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';

/** A caller acting as a real user (consents, link-up events and proposals name a real user). */
export function callerOf(user: User): Caller {
  return { actor: actorOf(user), requestId: `factory-${randomBytes(4).toString('hex')}` };
}

export type FamilyProfile = Partial<Omit<RegisterFamilyInput, 'kind' | 'siteId'>>;

/** Central Adelaide: families placed here are within each other's travel distance. */
export const ADELAIDE = { latitude: -34.9285, longitude: 138.6007, suburb: 'Adelaide', postcode: '5000' };

/** A family registered by `coach` (its primary coach), in its first status. */
export async function makeFamily(
  app: INestApplicationContext,
  coach: User,
  kind: 'seeking' | 'sharing',
  profile: FamilyProfile = {},
): Promise<Family> {
  if (coach.siteId === null) throw new Error('makeFamily: the coach needs a site');
  return app.get(FamiliesService).registerFamily(callerOf(coach), {
    kind,
    displayName: `The ${kind} ${randomBytes(3).toString('hex')} family`,
    siteId: coach.siteId,
    languages: ['english'],
    ...ADELAIDE,
    ...profile,
  });
}

/** A Seeking family moved to `status` (default `choosing`, waiting for a shortlist). */
export async function makeSeekingFamily(
  app: INestApplicationContext,
  coach: User,
  profile: FamilyProfile = {},
  status: 'referred' | 'intake' | 'choosing' | 'waitlisted' = 'choosing',
): Promise<Family> {
  const lifecycle = app.get(FamilyLifecycleService);
  let family = await makeFamily(app, coach, 'seeking', profile);
  const path = {
    referred: [],
    intake: ['intake'],
    choosing: ['intake', 'choosing'],
    waitlisted: ['waitlisted'],
  }[status];
  for (const to of path) {
    family = await lifecycle.changeFamilyStatus(callerOf(coach), family.id, { to, version: family.version });
  }
  return family;
}

export interface ApprovedSharingOptions extends FamilyProfile {
  /** Adults' check expiries (ISO dates); default one adult, valid for years. */
  readonly checkExpiries?: readonly string[];
}

/** A Sharing family through training, checks, consent and sign-off to `approved`. */
export async function makeApprovedSharingFamily(
  app: INestApplicationContext,
  coach: User,
  options: ApprovedSharingOptions = {},
): Promise<Family> {
  const { checkExpiries, ...profile } = options;
  const families = app.get(FamiliesService);
  const caller = callerOf(coach);
  let family = await makeFamily(app, coach, 'sharing', { maxConcurrentLinkUps: 1, ...profile });
  for (const [index, expiry] of (checkExpiries ?? [app.get(Clock).todayPlus(3000)]).entries()) {
    await families.addPerson(caller, family.id, {
      role: 'adult',
      preferredName: `Adult ${index + 1}`,
      legalName: `Legal Adult ${index + 1}`,
      wwccNumber: `WWC${randomBytes(3).toString('hex')}`,
      wwccExpiresOn: expiry,
    });
  }
  family = await families.updateFamily(caller, family.id, family.version, {
    trainingCompletedAt: app.get(Clock).now(),
  });
  await app.get(ConsentsService).grantConsent(caller, family.id, 'participation');
  family = await app.get(FamilyLifecycleService).changeFamilyStatus(caller, family.id, {
    to: 'in_training',
    version: family.version,
  });
  return app.get(FamilyLifecycleService).changeFamilyStatus(caller, family.id, {
    to: 'approved',
    version: family.version,
    signOff: true,
  });
}

/** A shortlist offered by `coach` to its Seeking family. */
export async function makeMatchProposal(
  app: INestApplicationContext,
  coach: User,
  seeking: Family,
  sharing: readonly Family[],
): Promise<MatchProposal> {
  return app.get(MatchProposalsService).proposeShortlist(callerOf(coach), {
    seekingFamilyId: seeking.id,
    sharingFamilyIds: sharing.map((f) => f.id),
  });
}
