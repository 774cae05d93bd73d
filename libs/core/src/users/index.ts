export * from './accounts-bootstrap.service';
export * from './password-hasher';
export * from './token-holder-cache';
export * from './user-families.port';
export * from './user.entity';
export * from './user.errors';
export * from './users.module';
export * from './users.service';
