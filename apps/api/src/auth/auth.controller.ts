import { Public, requestIdOf, SignInService } from '@app/core';
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { toUserView } from '../users/user.view';
import { LoginDto, TokenView } from './auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly signIn: SignInService) {}

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
      clientAddress: request.ip ?? request.socket.remoteAddress ?? 'unknown',
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
