// HTTP: periodic reports (Decree 09/2019 Art. 12) as JSON and XLSX/DOCX/CSV, the leaders'
// dashboard, and each agency's deadlines as an iCalendar feed.
import { z } from 'zod';
import { relatedAgencyIds } from '../auth/access.ts';
import { currentUser, READ_ALL_ROLES, requireRole } from '../auth/guards.ts';
import { AppError, badRequest, forbidden, notFound } from '../errors.ts';
import { isoDate } from '../http/schemas.ts';
import type { RouteModule, SessionUser } from '../http/types.ts';
import { calendarFeed, issueFeedToken, revokeFeedToken } from './calendar-service.ts';
import { dashboard } from './dashboard.ts';
import { reportToCsv } from './export-csv.ts';
import { reportToDocx } from './export-docx.ts';
import { reportToXlsx } from './export-xlsx.ts';
import { BUCKETS } from './model.ts';
import { PERIOD_KINDS, PeriodError, periodContaining, todayInVietnam, WINDOW_MODES } from './periods.ts';
import { agencyWithPredecessors, dueSoonDays } from './repository.ts';
import { type BuiltReport, buildReport } from './service.ts';

const READERS = [...READ_ALL_ROLES, 'agency'] as const;

const reportQuery = z.object({
  agencyId: z.coerce.number().int().positive().optional(),
  period: z.enum(PERIOD_KINDS),
  /** without year (and index): the period that holds today */
  year: z.coerce.number().int().min(1990).max(2200).optional(),
  index: z.coerce.number().int().min(1).max(12).optional(),
  /** decree09: cut-off 15th → 14th (Decree 09/2019 Art. 12); calendar: whole months */
  mode: z.enum(WINDOW_MODES).default('decree09'),
  includePredecessors: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .default(true),
});

const exportQuery = reportQuery.extend({ format: z.enum(['xlsx', 'docx', 'csv']) });

const counts = {
  done_on_time: z.number(),
  done_late: z.number(),
  open_on_time: z.number(),
  open_overdue: z.number(),
};
const agencyRef = z.object({ id: z.number(), name: z.string() });

const reportTask = z.object({
  id: z.number(),
  ref: z.string().nullable(),
  text: z.string(),
  documentId: z.number(),
  documentNumber: z.string().nullable(),
  documentDate: z.string().nullable(),
  leadAgencyId: z.number().nullable(),
  leadAgencyName: z.string().nullable(),
  supportAgencyNames: z.array(z.string()),
  due: z.string().nullable(),
  completedOn: z.string().nullable(),
  status: z.string(),
  bucket: z.enum(BUCKETS),
  dueSoon: z.boolean(),
  noDeadline: z.boolean(),
  progressNote: z.string().nullable(),
  progressPercent: z.number().nullable(),
});

const reportResponse = z.object({
  period: z.object({
    kind: z.enum(PERIOD_KINDS),
    year: z.number(),
    index: z.number(),
    mode: z.enum(WINDOW_MODES),
    from: z.string(),
    to: z.string(),
    label: z.string(),
  }),
  asOf: z.string(),
  agency: agencyRef.nullable(),
  agencyIds: z.array(z.number()).nullable(),
  issuer: z.string(),
  parentIssuer: z.string().nullable(),
  generatedAt: z.string(),
  figures: z.object({
    ...counts,
    total: z.number(),
    done: z.number(),
    open: z.number(),
    due_soon: z.number(),
    no_deadline: z.number(),
    onTimeRate: z.number().nullable(),
    completionRate: z.number().nullable(),
  }),
  lists: z.object({
    done_on_time: z.array(z.number()),
    done_late: z.array(z.number()),
    open_on_time: z.array(z.number()),
    open_overdue: z.array(z.number()),
    due_soon: z.array(z.number()),
    no_deadline: z.array(z.number()),
  }),
  byAgency: z.array(
    z.object({
      ...counts,
      agency: agencyRef.nullable(),
      total: z.number(),
      onTimeRate: z.number().nullable(),
    }),
  ),
  tasks: z.array(reportTask),
  truncated: z.boolean(),
});

const dashboardRow = z.object({ ...counts, total: z.number(), onTimeRate: z.number().nullable() });
const dashboardTask = z.object({
  id: z.number(),
  text: z.string(),
  due: z.string(),
  status: z.string(),
  documentId: z.number(),
  documentNumber: z.string().nullable(),
  leadAgency: agencyRef.nullable(),
  days: z.number(),
  bucket: z.enum(['open_overdue', 'open_on_time']),
  dueSoon: z.boolean(),
  noDeadline: z.literal(false),
});
const dashboardResponse = z.object({
  asOf: z.string(),
  dueSoonDays: z.number(),
  buckets: reportResponse.shape.figures,
  byAgency: z.array(dashboardRow.extend({ agency: agencyRef.nullable() })),
  byMonth: z.array(dashboardRow.extend({ month: z.string() })),
  byDocument: z.array(
    dashboardRow.extend({
      document: z.object({
        id: z.number(),
        number: z.string().nullable(),
        date: z.string().nullable(),
        subject: z.string().nullable(),
      }),
    }),
  ),
  overdue: z.array(dashboardTask),
  dueSoon: z.array(dashboardTask),
  ranking: z.array(
    z.object({ agency: agencyRef, onTimeRate: z.number(), settled: z.number(), rank: z.number() }),
  ),
});

/**
 * Which agency's figures the user may read: leaders, the office and viewers any (or all);
 * an agency officer only their own agency (or one merged into it / that it merged into).
 */
async function scopedAgency(
  db: Parameters<typeof relatedAgencyIds>[0],
  user: SessionUser,
  requested: number | undefined,
): Promise<number | null> {
  if (user.role !== 'agency') return requested ?? null;
  if (user.agencyId === null) throw forbidden('Tài khoản chưa được gắn với cơ quan, đơn vị nào.');
  if (requested === undefined || requested === user.agencyId) return user.agencyId;
  const related = await relatedAgencyIds(db, user.agencyId);
  if (!related.includes(requested)) throw forbidden('Bạn chỉ xem được số liệu của cơ quan, đơn vị mình.');
  return requested;
}

function asAppError(e: unknown): never {
  if (e instanceof PeriodError) throw badRequest(e.message);
  throw e;
}

/** ASCII fallback of a Vietnamese file name: no diacritics, đ → d, safe characters only. */
export function asciiFileName(name: string): string {
  return name
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/_+/g, '_');
}

/** RFC 6266 / RFC 5987: a plain fallback and the UTF-8 name. */
export function attachment(name: string): string {
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${asciiFileName(name)}"; filename*=UTF-8''${encoded}`;
}

export function exportFileName(r: BuiltReport, ext: string): string {
  const who = r.agency ? ` - ${r.agency.name}` : '';
  return `Báo cáo ${r.period.label.replace(/\//g, '-')}${who}.${ext}`.replace(/[\\/:*?"<>|]/g, '-');
}

/**
 * Task rows an export lists at most (the figures stay complete and the file says when the list
 * is cut). Building a Word table is slow (seconds per thousand rows) and blocks the server, and a
 * longer list is read in Excel anyway.
 */
export const EXPORT_ROWS = { docx: 1_000, xlsx: 10_000, csv: 20_000 } as const;

const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv; charset=utf-8',
} as const;

const routes: RouteModule = async (app) => {
  const db = app.db;

  const report = async (user: SessionUser, q: z.infer<typeof reportQuery>, limit?: number) => {
    const agencyId = await scopedAgency(db, user, q.agencyId);
    let { year, index } = q;
    if (year === undefined) {
      if (index !== undefined) throw badRequest('Có chỉ số kỳ (index) thì phải có năm báo cáo (year).');
      const current = periodContaining(q.period, todayInVietnam(), q.mode);
      year = current.year;
      index = current.index;
    } else if (index === undefined) {
      if (q.period === 'month' || q.period === 'quarter' || q.period === 'half')
        throw badRequest('Thiếu chỉ số kỳ báo cáo (index): tháng 1–12, quý 1–4 hoặc 1–2 cho 6 tháng.');
      index = 1;
    }
    return buildReport(db, {
      kind: q.period,
      year,
      index,
      mode: q.mode,
      agencyId,
      includePredecessors: q.includePredecessors,
      limit,
    }).catch(asAppError);
  };

  app.get(
    '/api/reports',
    {
      preHandler: requireRole(...READERS),
      schema: {
        tags: ['reports'],
        summary: 'Báo cáo định kỳ tình hình thực hiện nhiệm vụ (Nghị định 09/2019/NĐ-CP)',
        description:
          'Kỳ báo cáo theo thời gian chốt số liệu của Điều 12 Nghị định 09/2019 (từ ngày 15 tháng trước đến ngày 14 ' +
          'tháng cuối kỳ), hoặc theo tháng dương lịch (mode=calendar). Số liệu bốn nhóm tính tại ngày chốt.',
        querystring: reportQuery,
        response: { 200: reportResponse },
      },
    },
    async (request) => report(currentUser(request), request.query),
  );

  app.get(
    '/api/reports/export',
    {
      preHandler: requireRole(...READERS),
      schema: {
        tags: ['reports'],
        summary: 'Xuất báo cáo định kỳ ra tệp Excel (xlsx), Word (docx) hoặc CSV',
        querystring: exportQuery,
      },
    },
    async (request, reply) => {
      const q = request.query;
      const r = await report(currentUser(request), q, EXPORT_ROWS[q.format]);
      const body =
        q.format === 'xlsx'
          ? await reportToXlsx(r)
          : q.format === 'docx'
            ? await reportToDocx(r)
            : reportToCsv(r);
      return reply
        .header('content-type', MIME[q.format])
        .header('content-disposition', attachment(exportFileName(r, q.format)))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(body);
    },
  );

  app.get(
    '/api/dashboard',
    {
      preHandler: requireRole(...READERS),
      schema: {
        tags: ['reports'],
        summary: 'Bảng điều khiển cho lãnh đạo: bốn nhóm nhiệm vụ, theo cơ quan, theo tháng, theo văn bản',
        querystring: z.object({
          agencyId: z.coerce.number().int().positive().optional(),
          from: isoDate.optional(),
          to: isoDate.optional(),
        }),
        response: { 200: dashboardResponse },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { from, to } = request.query;
      if (from && to && from > to) throw badRequest('Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.');
      const agencyId = await scopedAgency(db, user, request.query.agencyId);
      let agencyIds: number[] | null = null;
      if (agencyId !== null) {
        const exists = await db
          .selectFrom('agencies')
          .select('id')
          .where('id', '=', agencyId)
          .executeTakeFirst();
        if (!exists) throw notFound('Không tìm thấy cơ quan, đơn vị.');
        agencyIds = await agencyWithPredecessors(db, agencyId);
      }
      return dashboard(db, {
        agencyIds,
        from: from ?? null,
        to: to ?? null,
        dueSoonDays: await dueSoonDays(db),
      });
    },
  );

  // iCalendar feed. Calendar applications cannot sign in, so the feed is public and protected
  // by the agency's feed token (only its hash is stored).
  app.get(
    '/api/calendar/:feed',
    {
      config: { public: true },
      schema: {
        tags: ['reports'],
        summary: 'Lịch thời hạn nhiệm vụ của một cơ quan (iCalendar, /api/calendar/{agencyId}.ics?token=...)',
        params: z.object({ feed: z.string().max(40) }),
        querystring: z.object({ token: z.string().max(200).optional() }),
      },
    },
    async (request, reply) => {
      const m = /^(\d{1,9})\.ics$/.exec(request.params.feed);
      if (!m)
        throw notFound('Không tìm thấy lịch. Đường dẫn có dạng /api/calendar/{mã cơ quan}.ics?token=...');
      const ics = await calendarFeed(db, Number(m[1]), request.query.token ?? '');
      if (ics === null)
        throw new AppError('invalid_token', 403, 'Mã truy cập lịch không hợp lệ hoặc đã bị thu hồi.');
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('content-disposition', attachment(`lich-han-nhiem-vu-${m[1]}.ics`))
        .header('cache-control', 'private, max-age=300')
        .send(ics);
    },
  );

  const tokenParams = z.object({ agencyId: z.coerce.number().int().positive() });
  const mayManageFeed = (user: SessionUser, agencyId: number) =>
    user.role === 'admin' ||
    user.role === 'officer' ||
    (user.role === 'agency' && user.agencyId === agencyId);

  app.post(
    '/api/calendar/:agencyId/token',
    {
      preHandler: requireRole('admin', 'officer', 'agency'),
      schema: {
        tags: ['reports'],
        summary: 'Cấp (hoặc cấp lại) mã truy cập lịch thời hạn của cơ quan; mã cũ hết hiệu lực',
        params: tokenParams,
        response: { 200: z.object({ token: z.string(), path: z.string() }) },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { agencyId } = request.params;
      if (!mayManageFeed(user, agencyId))
        throw forbidden('Bạn chỉ quản lý được lịch của cơ quan, đơn vị mình.');
      const token = await issueFeedToken(db, agencyId, user.id);
      return { token, path: `/api/calendar/${agencyId}.ics?token=${encodeURIComponent(token)}` };
    },
  );

  app.delete(
    '/api/calendar/:agencyId/token',
    {
      preHandler: requireRole('admin', 'officer', 'agency'),
      schema: {
        tags: ['reports'],
        summary: 'Thu hồi mã truy cập lịch thời hạn của cơ quan',
        params: tokenParams,
        response: { 200: z.object({ revoked: z.boolean() }) },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { agencyId } = request.params;
      if (!mayManageFeed(user, agencyId))
        throw forbidden('Bạn chỉ quản lý được lịch của cơ quan, đơn vị mình.');
      return { revoked: await revokeFeedToken(db, agencyId, user.id) };
    },
  );
};

export default routes;
