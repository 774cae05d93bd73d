import { InvitationsService, PasswordResetService, requestIdOf, SignInService } from '@app/core';
import { Public } from '@app/http';
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest as Request } from 'fastify';
import { toUserView } from '../users/user.view';
import { JoinDto, LoginDto, PasswordResetDto, PasswordResetRequestDto, TokenView } from './auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly signIn: SignInService,
    private readonly resets: PasswordResetService,
    private readonly invitations: InvitationsService,
  ) {}

  @Post('join')
  @Public()
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Accept a coach’s invitation: the emailed link’s secret, or the email with the code read out, and your own password; then sign in. 400 AUTH.INVITATION_INVALID for a wrong, used or expired one (the same answer whatever the reason); 429 after repeated failures from one client.',
  })
  @ApiNoContentResponse({ description: 'The account is made: sign in with the email and password.' })
  async join(@Body() body: JoinDto, @Req() request: Request): Promise<void> {
    await this.invitations.join({
      ...(body.token !== undefined ? { token: body.token } : {}),
      ...(body.email !== undefined ? { email: body.email } : {}),
      ...(body.code !== undefined ? { code: body.code } : {}),
      newPassword: body.newPassword,
      clientAddress: request.ip || (request.socket.remoteAddress ?? 'unknown'),
      requestId: requestIdOf(request),
    });
  }

  @Post('password-reset')
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Forgot password: emails a link that works once, for one hour, when the email has an active account. The answer is the same 202 either way; 429 with Retry-After after repeated requests per email or client.',
  })
  @ApiAcceptedResponse({ description: 'Accepted, whether or not the email has an account.' })
  async requestPasswordReset(@Body() body: PasswordResetRequestDto, @Req() request: Request): Promise<void> {
    await this.resets.requestReset({
      email: body.email,
      clientAddress: request.ip || (request.socket.remoteAddress ?? 'unknown'),
      requestId: requestIdOf(request),
    });
  }

  @Post('password-reset/complete')
  @Public()
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Set a new password with the emailed link’s secret: every earlier session ends and every other open link is spent. 400 AUTH.RESET_LINK_INVALID when the link is unknown, used or expired.',
  })
  @ApiNoContentResponse({ description: 'The password is set: sign in with it.' })
  async completePasswordReset(@Body() body: PasswordResetDto, @Req() request: Request): Promise<void> {
    await this.resets.completeReset({
      token: body.token,
      newPassword: body.newPassword,
      requestId: requestIdOf(request),
    });
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Sign in: a short-lived bearer token. Any failure is the same 401; repeated failures per account or client get 429 with Retry-After.',
  })
  @ApiOkResponse({ type: TokenView })
  async login(@Body() body: LoginDto, @Req() request: Request): Promise<TokenView> {
    const signedIn = await this.signIn.signIn({
      email: body.email,
      password: body.password,
      clientAddress: request.ip || (request.socket.remoteAddress ?? 'unknown'),
      requestId: requestIdOf(request),
    });
    return {
      accessToken: signedIn.accessToken,
      tokenType: 'Bearer',
      expiresIn: signedIn.expiresIn,
      user: toUserView(signedIn.user),
    };
  }
}
