import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { USER_FAMILIES } from '../users';
import { Family } from './family.entity';
import { UserFamiliesAdapter } from './user-families.adapter';

/**
 * Provides users' `UserFamilies` port. Global because users, below families, cannot import this
 * module: any app that has `FamiliesModule` (which imports this one) gives every module the port,
 * and an app without it fails at start (Nest cannot resolve `USER_FAMILIES`), never at a call.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Family])],
  providers: [UserFamiliesAdapter, { provide: USER_FAMILIES, useExisting: UserFamiliesAdapter }],
  exports: [USER_FAMILIES],
})
export class UserFamiliesModule {}
