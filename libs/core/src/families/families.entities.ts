import type { EntityClass } from '../entity-class';
import { Consent } from './consent.entity';
import { FamilyStatusEvent } from './family-status-event.entity';
import { Family } from './family.entity';
import { Person } from './person.entity';

export const FAMILIES_ENTITIES: readonly EntityClass[] = [Family, Person, Consent, FamilyStatusEvent];
