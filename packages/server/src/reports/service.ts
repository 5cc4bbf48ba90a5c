// Report assembly: period → window → figures and task lists (Decree 09/2019 Art. 12).
import type { Db } from '../db/index.ts';
import { notFound } from '../errors.ts';
import { agencyRow, figuresFromCounts, type Report } from './model.ts';
import { type PeriodKind, reportPeriod, todayInVietnam, type WindowMode } from './periods.ts';
import { agencyWithPredecessors, dueSoonDays, findAgency, readSetting, reportRows } from './repository.ts';

export const ISSUER_SETTING = 'reports.issuer';
export const PARENT_ISSUER_SETTING = 'reports.parentIssuer';
export const DEFAULT_ISSUER = 'Văn phòng Ủy ban nhân dân tỉnh';
export const DEFAULT_PARENT_ISSUER = 'Ủy ban nhân dân tỉnh';
/** Task rows a report carries at most; figures are always complete. */
export const MAX_REPORT_TASKS = 20_000;

export interface ReportRequest {
  kind: PeriodKind;
  year: number;
  index: number;
  mode: WindowMode;
  /** one agency (the lead, chủ trì), or null for all */
  agencyId: number | null;
  /** also count the tasks of agencies merged into this one (default true) */
  includePredecessors?: boolean;
  /** the clock (tests move it) */
  now?: Date;
  limit?: number;
}

export interface BuiltReport extends Report {
  /** the lead agencies counted (the agency and those merged into it) */
  agencyIds: number[] | null;
  truncated: boolean;
}

async function textSetting(db: Db, key: string, fallback: string | null): Promise<string | null> {
  const v = await readSetting(db, key).catch(() => undefined);
  return typeof v === 'string' && v.trim() ? v.trim() : fallback;
}

export async function buildReport(db: Db, req: ReportRequest): Promise<BuiltReport> {
  const period = reportPeriod(req.kind, req.year, req.index, req.mode);
  const now = req.now ?? new Date();
  const today = todayInVietnam(now);
  // Buckets are taken at the window end; while the window is still running, as of today
  // (a task due tomorrow is not overdue yet).
  const asOf = period.to.localeCompare(today) < 0 ? period.to : today;

  let agency: Report['agency'] = null;
  let agencyIds: number[] | null = null;
  if (req.agencyId !== null) {
    const found = await findAgency(db, req.agencyId);
    if (!found) throw notFound('Không tìm thấy cơ quan, đơn vị.');
    agency = { id: found.id, name: found.name };
    agencyIds = req.includePredecessors === false ? [found.id] : await agencyWithPredecessors(db, found.id);
  }

  const days = await dueSoonDays(db);
  const { counts, byAgency, tasks, truncated } = await reportRows(db, {
    from: period.from,
    to: period.to,
    asOf,
    agencyIds,
    dueSoonDays: days,
    limit: req.limit ?? MAX_REPORT_TASKS,
  });
  const figures = figuresFromCounts(counts, counts.due_soon, counts.no_deadline);
  const lists: Report['lists'] = {
    done_on_time: [],
    done_late: [],
    open_on_time: [],
    open_overdue: [],
    due_soon: [],
    no_deadline: [],
  };
  for (const t of tasks) {
    lists[t.bucket].push(t.id);
    if (t.dueSoon) lists.due_soon.push(t.id);
    if (t.noDeadline) lists.no_deadline.push(t.id);
  }
  return {
    period,
    asOf,
    agency,
    agencyIds,
    issuer: (await textSetting(db, ISSUER_SETTING, DEFAULT_ISSUER)) ?? DEFAULT_ISSUER,
    parentIssuer: await textSetting(db, PARENT_ISSUER_SETTING, DEFAULT_PARENT_ISSUER),
    generatedAt: now.toISOString(),
    figures,
    byAgency: byAgency.map((a) => agencyRow(a.agency, a.counts)),
    tasks,
    lists,
    truncated,
  };
}
