/** Tables of migrations 0150–0151 (declaration merging into ../db/schema.ts). */
import type { ColumnType, Generated, Selectable } from 'kysely';

export interface JobTable {
  id: Generated<number>;
  kind: string;
  payload: ColumnType<unknown, string | undefined, string>;
  run_at: ColumnType<Date, Date | string | undefined, Date | string>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_by: string | null;
  locked_until: Date | null;
  done_at: Date | null;
  failed_at: Date | null;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type Job = Selectable<JobTable>;

declare module '../db/schema.ts' {
  interface Database {
    jobs: JobTable;
  }
  interface NotificationTable {
    link: ColumnType<string | null, string | null | undefined, string | null>;
    dedupe_key: ColumnType<string | null, string | null | undefined, string | null>;
  }
}
