import { Module } from '@nestjs/common';

/** The exports routes: controllers and the core modules they call. */
@Module({})
export class ExportsHttpModule {}
