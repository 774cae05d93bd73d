import { UsersService, type Caller } from '@app/core';
import { Allow, CurrentCaller, uuidParam } from '@app/http';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateUserDto, ListUsersQueryDto } from './users.dto';
import { toUserView, UserPageView, UserView } from './user.view';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Allow('admin')
  @ApiOperation({ summary: 'Create a user (admin). A duplicate email is 409 USER.EMAIL_TAKEN.' })
  @ApiOkResponse({ type: UserView })
  async createUser(@CurrentCaller() caller: Caller, @Body() body: CreateUserDto): Promise<UserView> {
    return toUserView(await this.users.createUser(caller, body));
  }

  @Get()
  @Allow('supervisor+')
  @ApiOperation({ summary: 'Users, filtered and paginated: all for an admin, its site for a supervisor.' })
  @ApiOkResponse({ type: UserPageView })
  async listUsers(@CurrentCaller() caller: Caller, @Query() query: ListUsersQueryDto): Promise<UserPageView> {
    const page = await this.users.listUsers(caller, {
      role: query.role,
      siteId: query.siteId,
      active: query.active,
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
    return { ...page, items: page.items.map(toUserView) };
  }

  @Get(':id')
  @Allow('supervisor+')
  @ApiOperation({ summary: 'One user (a supervisor: of its site; otherwise 404).' })
  @ApiOkResponse({ type: UserView })
  async getUser(@CurrentCaller() caller: Caller, @Param('id', uuidParam()) id: string): Promise<UserView> {
    return toUserView(await this.users.getUser(caller, id));
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @Allow('admin')
  @ApiOperation({ summary: 'Deactivate a user (admin): it cannot sign in, and its tokens stop working.' })
  @ApiOkResponse({ type: UserView })
  async deactivateUser(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<UserView> {
    return toUserView(await this.users.deactivateUser(caller, id));
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @Allow('admin')
  @ApiOperation({ summary: 'Reactivate a user (admin).' })
  @ApiOkResponse({ type: UserView })
  async reactivateUser(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<UserView> {
    return toUserView(await this.users.reactivateUser(caller, id));
  }
}
