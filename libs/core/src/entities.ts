import { Site } from './sites/site.entity';
import { SystemPing } from './system/system-ping.entity';

/** Every entity of the app, for the one data source (app, CLI and tests). */
export const CORE_ENTITIES = [Site, SystemPing];
