import { AppConfig } from '@app/config';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { AccountsBootstrap, UsersModule } from '../users';
import { FamiliesModule } from '../families';
import { TransactionModule } from '../transaction';
import { AccessTokens } from './access-tokens.service';
import { BearerAuthenticator } from './bearer-authenticator.service';
import { LoginThrottleCounter } from './login-throttle-counter.entity';
import { LoginThrottle } from './login-throttle.service';
import { FamilyInvitationsRepository } from './family-invitations.repository';
import { InvitationsService } from './invitations.service';
import { PasswordResetTokensRepository } from './password-reset-tokens.repository';
import { PasswordResetService } from './password-reset.service';
import { SignInService } from './sign-in.service';
import { SigningKey, signingKeyFromConfig } from './signing-key';

/**
 * Sign-in, access tokens, the bearer authenticator and the ADMIN_EMAIL bootstrap. The global access
 * guard that uses the authenticator is HTTP's: the API registers it (`AccessGuard`, libs/http).
 */
@Module({
  imports: [
    JwtModule.register({}),
    TypeOrmModule.forFeature([LoginThrottleCounter]),
    UsersModule,
    FamiliesModule,
    AuditModule,
    TransactionModule,
  ],
  providers: [
    { provide: SigningKey, inject: [AppConfig], useFactory: signingKeyFromConfig },
    AccessTokens,
    BearerAuthenticator,
    LoginThrottle,
    SignInService,
    PasswordResetTokensRepository,
    PasswordResetService,
    FamilyInvitationsRepository,
    InvitationsService,
    AccountsBootstrap,
  ],
  exports: [AccessTokens, BearerAuthenticator, SignInService, PasswordResetService, InvitationsService],
})
export class AuthModule {}
