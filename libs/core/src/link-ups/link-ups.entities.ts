import type { EntityClass } from '../entity-class';
import { LinkUpEvent } from './link-up-event.entity';
import { LinkUp } from './link-up.entity';

export const LINK_UPS_ENTITIES: readonly EntityClass[] = [LinkUp, LinkUpEvent];
