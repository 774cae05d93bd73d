import { Module } from '@nestjs/common';
import { TransactionContext } from './transaction-context';

/** Provides the `TransactionContext`; a feature imports it to take part in the request's or job's transaction. */
@Module({ providers: [TransactionContext], exports: [TransactionContext] })
export class TransactionModule {}
