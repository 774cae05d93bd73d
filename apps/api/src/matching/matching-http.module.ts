import { Module } from '@nestjs/common';

/** The matching routes: controllers and the core modules they call. */
@Module({})
export class MatchingHttpModule {}
