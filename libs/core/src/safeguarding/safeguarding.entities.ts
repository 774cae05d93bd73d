import type { EntityClass } from '../entity-class';
import { SafeguardingConcern } from './safeguarding-concern.entity';

export const SAFEGUARDING_ENTITIES: readonly EntityClass[] = [SafeguardingConcern];
