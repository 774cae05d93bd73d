import type { EntityClass } from '../entity-class';

export const CHECK_INS_ENTITIES: readonly EntityClass[] = [];
