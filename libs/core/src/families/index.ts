export * from './consent.entity';
export * from './families.module';
export * from './families.service';
export * from './family.entity';
export * from './family.errors';
export * from './family.types';
export * from './person.entity';
