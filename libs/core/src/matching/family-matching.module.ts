import { Global, Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { FAMILY_MATCHING } from '../families';
import { TransactionModule } from '../transaction';
import { FamilyMatchingAdapter } from './family-matching.adapter';

/**
 * Provides families' `FamilyMatching` port. Global because families, below matching, cannot import
 * this module: an app imports it (or `MatchingModule`, which does), and an app with families but
 * without it fails at start (Nest cannot resolve `FAMILY_MATCHING`), never at a call.
 */
@Global()
@Module({
  imports: [AuditModule, TransactionModule],
  providers: [FamilyMatchingAdapter, { provide: FAMILY_MATCHING, useExisting: FamilyMatchingAdapter }],
  exports: [FAMILY_MATCHING],
})
export class FamilyMatchingModule {}
