import { Injectable } from '@nestjs/common';
import {
  DataSource,
  type EntitySubscriberInterface,
  type InsertEvent,
  type ObjectLiteral,
  type UpdateEvent,
} from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { Clock } from './clock';

/** A column PostgreSQL would fill with its own `now()`: `created_at`, `updated_at`, `DEFAULT now()`. */
function stampedOnInsert(column: ColumnMetadata): boolean {
  if (column.isCreateDate || column.isUpdateDate) return true;
  return typeof column.default === 'function' && column.default() === 'now()';
}

/**
 * Entity timestamps come from the `Clock`, not from PostgreSQL's `now()` (which a test cannot move):
 * an insert stamps `created_at`, `updated_at` and every `DEFAULT now()` column left unset; an update
 * stamps `updated_at`. Covers `save`, `insert` and query-builder writes (not raw SQL).
 */
@Injectable()
export class ClockTimestamps implements EntitySubscriberInterface {
  constructor(
    dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    dataSource.subscribers.push(this);
  }

  beforeInsert(event: InsertEvent<ObjectLiteral>): void {
    const entity = event.entity as ObjectLiteral | undefined;
    if (entity === undefined || entity === null) return;
    const now = this.clock.now();
    for (const column of event.metadata.columns) {
      if (stampedOnInsert(column) && column.getEntityValue(entity) === undefined)
        column.setEntityValue(entity, now);
    }
  }

  beforeUpdate(event: UpdateEvent<ObjectLiteral>): void {
    const column = event.metadata.updateDateColumn;
    const entity = event.entity;
    if (column === undefined || entity === undefined || entity === null) return;
    column.setEntityValue(entity, this.clock.now());
  }
}
