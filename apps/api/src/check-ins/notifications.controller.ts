import { NotificationsService, type Caller } from '@app/core';
import { Allow, CurrentCaller, uuidParam } from '@app/http';
import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListNotificationsQueryDto } from './check-ins.dto';
import { NotificationPageView, NotificationView, toNotificationView } from './check-ins.view';

/** The in-app inbox: every user sees only its own notices. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Allow('any-user')
  @ApiOperation({ summary: 'The caller’s notices (due check-ins, escalations), newest first.' })
  @ApiOkResponse({ type: NotificationPageView })
  async listNotifications(
    @CurrentCaller() caller: Caller,
    @Query() query: ListNotificationsQueryDto,
  ): Promise<NotificationPageView> {
    const page = await this.notifications.listNotifications(caller, {
      unreadOnly: query.unreadOnly ?? false,
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
    return { ...page, items: page.items.map(toNotificationView) };
  }

  @Post(':id/read')
  @HttpCode(200)
  @Allow('any-user')
  @ApiOperation({ summary: 'Mark one of the caller’s notices read (anyone else’s: 404).' })
  @ApiOkResponse({ type: NotificationView })
  async markRead(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<NotificationView> {
    return toNotificationView(await this.notifications.markRead(caller, id));
  }
}
