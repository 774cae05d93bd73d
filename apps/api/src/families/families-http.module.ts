import { Module } from '@nestjs/common';

/** The families routes: controllers and the core modules they call. */
@Module({})
export class FamiliesHttpModule {}
