import { Global, Module } from '@nestjs/common';
import { USER_FAMILIES } from '../users';
import { TransactionModule } from '../transaction';
import { UserFamiliesAdapter } from './user-families.adapter';

/**
 * Provides users' `UserFamilies` port. Global because users, below families, cannot import this
 * module: any app that has `FamiliesModule` (which imports this one) gives every module the port,
 * and an app without it fails at start (Nest cannot resolve `USER_FAMILIES`), never at a call.
 */
@Global()
@Module({
  imports: [TransactionModule],
  providers: [UserFamiliesAdapter, { provide: USER_FAMILIES, useExisting: UserFamiliesAdapter }],
  exports: [USER_FAMILIES],
})
export class UserFamiliesModule {}
