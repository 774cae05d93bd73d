import type { EntityClass } from '../entity-class';
import { GetTogether } from './get-together.entity';
import { GoalRating } from './goal-rating.entity';
import { Goal } from './goal.entity';
import { SmallWin } from './small-win.entity';

export const JOURNEY_ENTITIES: readonly EntityClass[] = [Goal, GoalRating, SmallWin, GetTogether];
