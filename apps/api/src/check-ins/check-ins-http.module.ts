import { Module } from '@nestjs/common';

/** The check-ins routes: controllers and the core modules they call. */
@Module({})
export class CheckInsHttpModule {}
