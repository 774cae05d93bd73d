import { Module } from '@nestjs/common';
import { SitesModule } from '../sites/sites.module';
import { DemoSeeder } from './demo-seeder.service';

@Module({ imports: [SitesModule], providers: [DemoSeeder], exports: [DemoSeeder] })
export class DemoModule {}
