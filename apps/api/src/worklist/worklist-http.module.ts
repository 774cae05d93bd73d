import { WorklistModule } from '@app/core';
import { Module } from '@nestjs/common';
import { WorklistController } from './worklist.controller';

/** `GET /api/worklist`. */
@Module({ imports: [WorklistModule], controllers: [WorklistController] })
export class WorklistHttpModule {}
