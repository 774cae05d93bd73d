import type { EntityClass } from '../entity-class';
import { Notification } from './notification.entity';

export const NOTIFICATIONS_ENTITIES: readonly EntityClass[] = [Notification];
