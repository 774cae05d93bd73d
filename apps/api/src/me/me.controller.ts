import { SignInService, UsersService, type Caller } from '@app/core';
import { Allow, CurrentCaller } from '@app/http';
import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ChangePasswordDto, TokenView } from '../auth/auth.dto';
import { toUserView, UserView } from '../users/user.view';

@ApiTags('auth')
@ApiBearerAuth()
@Allow('any-user')
@Controller('me')
export class MeController {
  constructor(
    private readonly users: UsersService,
    private readonly signIn: SignInService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The signed-in user.' })
  @ApiOkResponse({ type: UserView })
  async me(@CurrentCaller() caller: Caller): Promise<UserView> {
    return toUserView(await this.users.getUser(caller, caller.actor.id));
  }

  @Post('password')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Change your own password. Every token issued before stops working; the answer carries a new one.',
  })
  @ApiOkResponse({ type: TokenView })
  async changePassword(
    @CurrentCaller() caller: Caller,
    @Body() body: ChangePasswordDto,
    @Ip() clientAddress: string,
  ): Promise<TokenView> {
    const { user, ...token } = await this.signIn.changeOwnPassword(caller, body, clientAddress);
    return { ...token, tokenType: 'Bearer', user: toUserView(user) };
  }
}
