import type { EntityClass } from '../entity-class';

export const JOURNEY_ENTITIES: readonly EntityClass[] = [];
