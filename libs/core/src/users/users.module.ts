import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { SitesModule } from '../sites';
import { PasswordHasher } from './password-hasher';
import { TokenHolderCache } from './token-holder-cache';
import { User } from './user.entity';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User]), SitesModule, AuditModule],
  providers: [UsersService, PasswordHasher, TokenHolderCache],
  exports: [UsersService, PasswordHasher],
})
export class UsersModule {}
