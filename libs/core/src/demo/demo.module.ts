import { Module } from '@nestjs/common';
import { FamiliesModule } from '../families/families.module';
import { SitesModule } from '../sites/sites.module';
import { UsersModule } from '../users/users.module';
import { DemoSeeder } from './demo-seeder.service';

@Module({
  imports: [SitesModule, UsersModule, FamiliesModule],
  providers: [DemoSeeder],
  exports: [DemoSeeder],
})
export class DemoModule {}
