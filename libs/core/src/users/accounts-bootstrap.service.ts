import { AppConfig } from '@app/config';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { UsersService } from './users.service';

/** ADMIN_EMAIL and ADMIN_PASSWORD: the first admin, created at start when no user has that email. */
@Injectable()
export class AccountsBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('AccountsBootstrap');

  constructor(
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.auth.bootstrapAdmin;
    if (admin === null) return;
    const { created } = await this.users.ensureBootstrapAdmin(admin);
    if (created) this.logger.log('Created the admin named by ADMIN_EMAIL.');
  }
}
