export const FAMILY_KINDS = ['seeking', 'sharing'] as const;
export type FamilyKind = (typeof FAMILY_KINDS)[number];

/** DESIGN §4.1: Seeking `referred → intake → choosing → linked → completed`, plus `waitlisted`, `withdrawn`. */
export const SEEKING_FAMILY_STATUSES = [
  'referred',
  'intake',
  'choosing',
  'linked',
  'completed',
  'waitlisted',
  'withdrawn',
] as const;
export type SeekingFamilyStatus = (typeof SEEKING_FAMILY_STATUSES)[number];

/** DESIGN §4.1: Sharing `enquiry → in_training → approved → (on_hold) → exited`. */
export const SHARING_FAMILY_STATUSES = ['enquiry', 'in_training', 'approved', 'on_hold', 'exited'] as const;
export type SharingFamilyStatus = (typeof SHARING_FAMILY_STATUSES)[number];

export type FamilyStatus = SeekingFamilyStatus | SharingFamilyStatus;

export const PERSON_ROLES = ['adult', 'child'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

export const CONSENT_KINDS = ['participation', 'share_with_partner_family', 'evaluation_use'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

/** A stated avoidance of the Seeking family (a hard matching constraint), e.g. a trait or a suburb. */
export interface FamilyAvoidance {
  readonly kind: 'trait' | 'suburb' | 'same_suburb';
  readonly value?: string;
}
