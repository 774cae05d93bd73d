import type { EntityClass } from '../entity-class';
import { SafeguardingConcernEntry } from './safeguarding-concern-entry.entity';
import { SafeguardingConcern } from './safeguarding-concern.entity';

export const SAFEGUARDING_ENTITIES: readonly EntityClass[] = [SafeguardingConcern, SafeguardingConcernEntry];
