import type { EntityClass } from '../entity-class';
import { ExportRun } from './export-run.entity';

export const EXPORTS_ENTITIES: readonly EntityClass[] = [ExportRun];
