import type { EntityClass } from '../entity-class';

export const MATCHING_ENTITIES: readonly EntityClass[] = [];
