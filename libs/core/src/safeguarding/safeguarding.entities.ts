import type { EntityClass } from '../entity-class';

export const SAFEGUARDING_ENTITIES: readonly EntityClass[] = [];
