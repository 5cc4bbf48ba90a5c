// An agency's deadlines as an iCalendar feed (RFC 5545, ical-generator 10): one all-day
// event a task on its due date, so calendar apps show what falls due when. The feed is
// read without a session (calendar apps cannot log in) and is protected by a per-agency
// token instead; only a SHA-256 hash of the token is stored.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import ical, {
  ICalAlarmType,
  ICalCalendarMethod,
  ICalEventStatus,
  ICalEventTransparency,
} from 'ical-generator';
import { BUCKET_LABELS, type BucketName } from './model.ts';
import { addDays, formatDateVi } from './periods.ts';

export interface CalendarTask {
  id: number;
  text: string;
  due: string;
  documentNumber: string | null;
  documentDate: string | null;
  /** 'lead' when the agency chairs the task, 'support' when it only takes part */
  role: 'lead' | 'support';
  leadAgencyName: string | null;
  bucket: BucketName;
  done: boolean;
}

export interface CalendarOptions {
  agencyName: string;
  /** base URL of the web application, for links to each task; omitted when unknown */
  appUrl?: string | null;
  /** generation time, for DTSTAMP (tests pass a fixed one) */
  now?: Date;
}

const SUMMARY_MAX = 120;

function utcDay(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

function shorten(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

export function buildAgencyCalendar(tasks: readonly CalendarTask[], opts: CalendarOptions): string {
  const cal = ical({
    name: `Hạn nhiệm vụ - ${opts.agencyName}`,
    description: `Thời hạn các nhiệm vụ được giao cho ${opts.agencyName} (dondoc)`,
    prodId: { company: 'dondoc', product: 'dondoc', language: 'VI' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 3600,
  });
  for (const t of tasks) {
    const prefix = t.done ? '[Đã hoàn thành] ' : t.role === 'support' ? '[Phối hợp] ' : '';
    const doc = t.documentNumber
      ? `Văn bản giao: số ${t.documentNumber}${t.documentDate ? ` ngày ${formatDateVi(t.documentDate)}` : ''}`
      : null;
    const description = [
      t.text,
      doc,
      t.leadAgencyName ? `Cơ quan chủ trì: ${t.leadAgencyName}` : null,
      `Thời hạn: ${formatDateVi(t.due)}`,
      `Trạng thái: ${BUCKET_LABELS[t.bucket]}`,
    ]
      .filter((x): x is string => x !== null)
      .join('\n');
    const event = cal.createEvent({
      id: `task-${t.id}@dondoc`,
      start: utcDay(t.due),
      // DTEND of an all-day event is exclusive (RFC 5545 §3.6.1)
      end: utcDay(addDays(t.due, 1)),
      allDay: true,
      stamp: opts.now ?? new Date(),
      summary: `${prefix}Hạn: ${shorten(t.text, SUMMARY_MAX)}`,
      description,
      transparency: ICalEventTransparency.TRANSPARENT,
      status: ICalEventStatus.CONFIRMED,
      categories: [{ name: BUCKET_LABELS[t.bucket] }],
      url: opts.appUrl ? `${opts.appUrl.replace(/\/$/, '')}/tasks/${t.id}` : null,
    });
    if (!t.done) {
      // a reminder at 08:00 the day before (16 h before the all-day event starts)
      event.createAlarm({
        type: ICalAlarmType.display,
        trigger: 16 * 3600,
        description: `Sắp đến hạn: ${t.text}`,
      });
    }
  }
  return cal.toString();
}

/** A new feed token: 32 random bytes, URL-safe. */
export function newFeedToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashFeedToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented token against a stored hash. */
export function feedTokenMatches(token: string, storedHash: string | null | undefined): boolean {
  if (!storedHash || !token) return false;
  const a = Buffer.from(hashFeedToken(token), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
