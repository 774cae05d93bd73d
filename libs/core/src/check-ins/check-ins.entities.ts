import type { EntityClass } from '../entity-class';
import { CheckIn } from './check-in.entity';

export const CHECK_INS_ENTITIES: readonly EntityClass[] = [CheckIn];
