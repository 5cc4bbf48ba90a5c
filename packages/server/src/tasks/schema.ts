/** Columns added by migration 0050_task_lifecycle (declaration merging into ../db/schema.ts). */
import type { ColumnType } from 'kysely';

declare module '../db/schema.ts' {
  interface TaskTable {
    paused_from: ColumnType<
      'not_started' | 'in_progress' | 'awaiting_confirmation' | 'returned' | null,
      'not_started' | 'in_progress' | 'awaiting_confirmation' | 'returned' | null | undefined,
      'not_started' | 'in_progress' | 'awaiting_confirmation' | 'returned' | null
    >;
    original_due: ColumnType<string | null, string | null | undefined, string | null>;
    created_by: ColumnType<number | null, number | null | undefined, number | null>;
  }
}
