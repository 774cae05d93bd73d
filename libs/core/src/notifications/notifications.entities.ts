import type { EntityClass } from '../entity-class';

export const NOTIFICATIONS_ENTITIES: readonly EntityClass[] = [];
