import { ExportsModule } from '@app/core';
import { Module } from '@nestjs/common';
import { ExportsController } from './exports.controller';
import { ReportsController } from './reports.controller';

/** The exports routes: controllers and the core modules they call. */
@Module({ imports: [ExportsModule], controllers: [ExportsController, ReportsController] })
export class ExportsHttpModule {}
