// Vietnamese mail content: subject, plain text and simple HTML. Dates dd/mm/yyyy.
import type { Digest, ReminderKind } from '../reminders/schedule.ts';
import { formatDateVi } from '../reminders/schedule.ts';

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

export interface TaskMailInfo {
  taskId: string;
  text: string;
  ref?: string | null;
  due: string | null;
  leadAgencyName?: string | null;
  supportAgencyNames?: string[];
  documentNumber?: string | null;
  documentDate?: string | null;
  documentSubject?: string | null;
}

const FOOTER =
  'Thư được gửi tự động từ hệ thống theo dõi, đôn đốc nhiệm vụ (dondoc). Vui lòng không trả lời thư này.';

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function shorten(s: string, max = 80): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1).trimEnd()}…`;
}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

export function taskLink(baseUrl: string, taskId: string): string {
  return joinUrl(baseUrl, `tasks/${encodeURIComponent(taskId)}`);
}

function documentLine(t: TaskMailInfo): string | null {
  if (!t.documentNumber && !t.documentSubject) return null;
  let s = 'Thông báo';
  if (t.documentNumber) s += ` số ${t.documentNumber}`;
  if (t.documentDate) s += ` ngày ${formatDateVi(t.documentDate)}`;
  if (t.documentSubject) s += ` ${t.documentSubject}`;
  return s;
}

function headline(kind: ReminderKind, daysLeft: number): string {
  if (kind === 'before') return `Nhiệm vụ còn ${daysLeft} ngày đến hạn`;
  if (kind === 'due_today') return 'Nhiệm vụ đến hạn hôm nay';
  return `Nhiệm vụ đã quá hạn ${-daysLeft} ngày`;
}

function render(
  title: string,
  greeting: string,
  intro: string,
  rows: Array<[string, string]>,
  link: { href: string; label: string },
): MailContent & { title: string } {
  const text = [
    greeting,
    '',
    intro,
    '',
    ...rows.map(([k, v]) => `${k}: ${v}`),
    '',
    `${link.label}: ${link.href}`,
    '',
    '--',
    FOOTER,
    '',
  ].join('\n');
  const html = [
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"></head>',
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222">',
    `<p>${escapeHtml(greeting)}</p>`,
    `<p><strong>${escapeHtml(intro)}</strong></p>`,
    '<table cellpadding="4" style="border-collapse:collapse">',
    ...rows.map(
      ([k, v]) =>
        `<tr><td style="vertical-align:top;color:#555;white-space:nowrap">${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`,
    ),
    '</table>',
    `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>`,
    `<hr><p style="color:#777;font-size:12px">${escapeHtml(FOOTER)}</p>`,
    '</body></html>',
  ].join('\n');
  return { title, subject: title, text, html };
}

function taskRows(t: TaskMailInfo): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  rows.push(['Nhiệm vụ', t.ref ? `${t.ref} ${t.text}` : t.text]);
  const doc = documentLine(t);
  if (doc) rows.push(['Văn bản', doc]);
  if (t.leadAgencyName) rows.push(['Cơ quan chủ trì', t.leadAgencyName]);
  if (t.supportAgencyNames?.length) rows.push(['Cơ quan phối hợp', t.supportAgencyNames.join('; ')]);
  rows.push(['Thời hạn', t.due ? formatDateVi(t.due) : 'Không có thời hạn']);
  return rows;
}

export function reminderMail(
  kind: ReminderKind,
  daysLeft: number,
  task: TaskMailInfo,
  opts: { baseUrl: string; recipientName?: string | null },
): MailContent {
  const head = headline(kind, daysLeft);
  const subject = `[Đôn đốc] ${head}: ${shorten(task.text)}`;
  const intro =
    kind === 'overdue'
      ? `${head}. Đề nghị cơ quan khẩn trương thực hiện và báo cáo kết quả.`
      : kind === 'due_today'
        ? `${head}. Đề nghị cơ quan hoàn thành và báo cáo kết quả trong ngày.`
        : `${head}. Đề nghị cơ quan chủ động thực hiện, bảo đảm đúng thời hạn.`;
  const c = render(subject, `Kính gửi ${opts.recipientName || 'Quý cơ quan'},`, intro, taskRows(task), {
    href: taskLink(opts.baseUrl, task.taskId),
    label: 'Xem và báo cáo tiến độ',
  });
  return { subject, text: c.text, html: c.html };
}

export function assignedMail(
  task: TaskMailInfo,
  opts: { baseUrl: string; recipientName?: string | null; role: 'lead' | 'support' },
): MailContent {
  const subject = `[Giao nhiệm vụ] ${shorten(task.text)}`;
  const intro =
    opts.role === 'lead'
      ? 'Cơ quan được giao chủ trì thực hiện nhiệm vụ sau.'
      : 'Cơ quan được giao phối hợp thực hiện nhiệm vụ sau.';
  const c = render(subject, `Kính gửi ${opts.recipientName || 'Quý cơ quan'},`, intro, taskRows(task), {
    href: taskLink(opts.baseUrl, task.taskId),
    label: 'Xem nhiệm vụ',
  });
  return { subject, text: c.text, html: c.html };
}

/** A generic notification mail (title + body + optional link). */
export function notificationMail(
  title: string,
  body: string,
  opts: { baseUrl: string; link?: string | null; recipientName?: string | null },
): MailContent {
  const href = opts.link
    ? /^https?:/.test(opts.link)
      ? opts.link
      : joinUrl(opts.baseUrl, opts.link)
    : opts.baseUrl;
  const c = render(title, `Kính gửi ${opts.recipientName || 'Quý cơ quan'},`, body, [], {
    href,
    label: 'Xem chi tiết',
  });
  return { subject: title, text: c.text, html: c.html };
}

const BUCKET_LABELS: Array<[keyof Digest['counts'], string]> = [
  ['done_on_time', 'Hoàn thành đúng hạn'],
  ['done_late', 'Hoàn thành quá hạn'],
  ['open_on_time', 'Chưa hoàn thành, trong hạn'],
  ['open_overdue', 'Chưa hoàn thành, quá hạn'],
];

export const DIGEST_OVERDUE_LIMIT = 30;

export function digestMail(
  digest: Digest,
  opts: { baseUrl: string; recipientName?: string | null },
): MailContent {
  const day = formatDateVi(digest.date);
  const subject = `[Tổng hợp] Tình hình thực hiện nhiệm vụ ngày ${day}`;
  const greeting = `Kính gửi ${opts.recipientName || 'đồng chí'},`;
  const intro = `Tổng hợp tình hình thực hiện ${digest.total} nhiệm vụ đến ngày ${day}:`;
  const list = digest.overdue.slice(0, DIGEST_OVERDUE_LIMIT);
  const more = digest.overdue.length - list.length;
  const itemText = (o: Digest['overdue'][number]) =>
    `${o.ref ? `${o.ref} ` : ''}${shorten(o.text, 120)} — ${o.leadAgencyName ?? 'chưa rõ cơ quan chủ trì'}; hạn ${formatDateVi(o.due)}, quá ${o.daysOverdue} ngày${o.documentNumber ? ` (TB số ${o.documentNumber})` : ''}`;
  const dashboard = joinUrl(opts.baseUrl, 'dashboard');
  const text = [
    greeting,
    '',
    intro,
    ...BUCKET_LABELS.map(([k, label]) => `- ${label}: ${digest.counts[k]}`),
    '',
    list.length ? `Nhiệm vụ quá hạn (${digest.overdue.length}):` : 'Không có nhiệm vụ quá hạn.',
    ...list.map((o, i) => `${i + 1}. ${itemText(o)}`),
    ...(more > 0 ? [`... và ${more} nhiệm vụ khác.`] : []),
    '',
    `Xem bảng theo dõi: ${dashboard}`,
    '',
    '--',
    FOOTER,
    '',
  ].join('\n');
  const html = [
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"></head>',
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222">',
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    '<table cellpadding="4" style="border-collapse:collapse">',
    ...BUCKET_LABELS.map(
      ([k, label]) =>
        `<tr><td>${escapeHtml(label)}</td><td style="text-align:right"><strong>${digest.counts[k]}</strong></td></tr>`,
    ),
    '</table>',
    list.length
      ? `<p><strong>Nhiệm vụ quá hạn (${digest.overdue.length}):</strong></p><ol>${list
          .map(
            (o) =>
              `<li><a href="${escapeHtml(taskLink(opts.baseUrl, o.taskId))}">${escapeHtml(itemText(o))}</a></li>`,
          )
          .join('')}</ol>${more > 0 ? `<p>... và ${more} nhiệm vụ khác.</p>` : ''}`
      : '<p>Không có nhiệm vụ quá hạn.</p>',
    `<p><a href="${escapeHtml(dashboard)}">Xem bảng theo dõi</a></p>`,
    `<hr><p style="color:#777;font-size:12px">${escapeHtml(FOOTER)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

export function testMail(opts: { baseUrl: string; sentAt: Date }): MailContent {
  const subject = '[dondoc] Thư kiểm tra cấu hình SMTP';
  const when = `${formatDateVi(opts.sentAt)} ${opts.sentAt.toLocaleTimeString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}`;
  const body = `Cấu hình gửi thư của hệ thống hoạt động bình thường (gửi lúc ${when}).`;
  const c = render(subject, 'Xin chào,', body, [], { href: opts.baseUrl, label: 'Mở hệ thống dondoc' });
  return { subject, text: c.text, html: c.html };
}
