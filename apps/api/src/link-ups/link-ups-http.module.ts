import { Module } from '@nestjs/common';

/** The link-ups routes: controllers and the core modules they call. */
@Module({})
export class LinkUpsHttpModule {}
