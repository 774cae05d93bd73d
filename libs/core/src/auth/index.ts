export * from './access-tokens.service';
export * from './auth.errors';
export * from './auth.module';
export * from './login-throttle-counter.entity';
export * from './sign-in.service';
export * from './signing-key';
export * from './password-reset-token.entity';
export * from './password-reset.service';
