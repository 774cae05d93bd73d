import type { EntityClass } from '../entity-class';
import { OutcomeMeasure } from './outcome-measure.entity';

export const OUTCOME_MEASURES_ENTITIES: readonly EntityClass[] = [OutcomeMeasure];
