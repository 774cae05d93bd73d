import type { EntityClass } from '../entity-class';

export const OUTCOME_MEASURES_ENTITIES: readonly EntityClass[] = [];
