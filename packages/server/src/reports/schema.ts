/** Tables added by migration 0100_report_stats (declaration merging into ../db/schema.ts). */
declare module '../db/schema.ts' {
  interface Database {
    report_task_stats: ReportTaskStatsTable;
  }
}

/** Task counts per (lead agency, deadline month, done class), kept by triggers on `tasks`. */
export interface ReportTaskStatsTable {
  /** 0 when the task has no lead agency */
  lead_agency_id: number;
  /** 'YYYY-MM-01', or 'infinity' for tasks without a deadline */
  due_month: string;
  /** 0 open, 1 done on time, 2 done late */
  done_class: number;
  n: number;
}
