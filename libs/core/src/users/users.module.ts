import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { SitesModule } from '../sites';
import { TransactionModule } from '../transaction';
import { PasswordHasher } from './password-hasher';
import { TokenHolderCache } from './token-holder-cache';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [TransactionModule, SitesModule, AuditModule],
  providers: [UsersRepository, UsersService, PasswordHasher, TokenHolderCache],
  exports: [UsersService, PasswordHasher],
})
export class UsersModule {}
