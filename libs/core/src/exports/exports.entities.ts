import type { EntityClass } from '../entity-class';

export const EXPORTS_ENTITIES: readonly EntityClass[] = [];
