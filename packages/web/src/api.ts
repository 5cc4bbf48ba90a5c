// The one typed client for the server's HTTP API (docs/api.md, /api/docs/json).
// Every call goes through request() so that CSRF, 401 and error messages are handled once.

/** Server ids are integers. */
export type Id = number;

export type Role = 'admin' | 'officer' | 'leader' | 'agency' | 'viewer';

export interface User {
  id: Id;
  username: string;
  displayName: string;
  role: Role;
  agencyId: Id | null;
  agencyName?: string | null;
  active?: boolean;
  email?: string | null;
}

export interface Agency {
  id: Id;
  name: string;
  shortName?: string | null;
  type?: string | null;
  province?: string | null;
  parentId?: Id | null;
  successorId?: Id | null;
  dissolvedAt?: string | null;
}

export interface AgencyRef {
  id: Id;
  name: string;
}

export interface Suggestion {
  agency: Agency;
  score: number;
  reason?: string;
}

export interface Span {
  start: number;
  end: number;
}

export interface Warning {
  code?: string;
  message?: string;
  field?: string;
  taskRef?: string;
  taskId?: Id;
  span?: Span;
}

export interface DraftTask {
  id?: Id;
  ref?: string | null;
  text: string;
  span?: Span | null;
  leadNames: string[];
  supportNames: string[];
  leadAgencyIds: Id[];
  supportAgencyIds: Id[];
  due: string | null;
  dueText?: string | null;
  recurrence?: string | null;
}

export interface NoticeRecord {
  number?: string | null;
  notation?: string | null;
  docType?: string | null;
  issuer?: string | null;
  place?: string | null;
  date?: string | null;
  subject?: string | null;
  meeting?: {
    date?: string | null;
    presider?: { name?: string | null; title?: string | null } | null;
  } | null;
  signer?: { name?: string | null; authority?: string | null; title?: string | null } | null;
  spans?: Record<string, Span>;
  [key: string]: unknown;
}

export interface DocumentSummary {
  id: Id;
  status: 'draft' | 'published' | string;
  fileName: string;
  format?: string;
  number?: string | null;
  subject?: string | null;
  createdAt: string;
  publishedAt?: string | null;
  record?: NoticeRecord;
  taskCount?: number;
}

export interface DocumentDetail extends DocumentSummary {
  text: string;
  record: NoticeRecord;
  warnings: (Warning | string)[];
}

export type TaskStatus =
  | 'not_started'
  | 'in_progress'
  | 'awaiting_confirmation'
  | 'done'
  | 'returned'
  | 'paused';
export type Bucket = 'done_on_time' | 'done_late' | 'open_on_time' | 'open_overdue';

export interface Task {
  id: Id;
  documentId: Id;
  documentNumber?: string | null;
  ref?: string | null;
  text: string;
  leadAgency: AgencyRef | null;
  supportAgencies: AgencyRef[];
  due: string | null;
  status: TaskStatus;
  bucket: Bucket;
  dueSoon?: boolean;
  noDeadline?: boolean;
  recurrence?: string | null;
  span?: Span | null;
  sourceText?: string | null;
  completedAt?: string | null;
}

export interface Attachment {
  id: Id;
  fileName: string;
  size?: number;
}

export interface ProgressReport {
  id: Id;
  note: string;
  percent?: number | null;
  createdAt: string;
  user?: string | null;
  agency?: AgencyRef | null;
  attachments?: Attachment[];
}

export interface Extension {
  id: Id;
  proposedDue: string;
  reason: string;
  status?: 'pending' | 'approved' | 'rejected' | string;
  approved?: boolean | null;
  note?: string | null;
  requestedBy?: string | null;
  currentDue?: string | null;
  createdAt?: string;
}

export interface Comment {
  id: Id;
  body: string;
  createdAt: string;
  user?: string | null;
}

export interface HistoryEntry {
  id: Id;
  at: string;
  action: string;
  user?: string | null;
  before?: unknown;
  after?: unknown;
}

export type TaskAction = 'progress' | 'submit' | 'confirm' | 'return' | 'pause' | 'resume';

export interface TaskDetail {
  task: Task;
  /** How the user's agency stands to the task. */
  relation?: 'lead' | 'support' | 'none';
  /** The lifecycle actions the server allows this user now. */
  actions?: TaskAction[];
  attachments?: Attachment[];
  /** Periods of a recurring task (each its own tracked task). */
  occurrences?: { id: Id; due: string; status: TaskStatus; bucket: Bucket }[];
  history: HistoryEntry[];
  reports: ProgressReport[];
  extensions: Extension[];
  comments: Comment[];
}

export interface List<T> {
  items: T[];
  total: number;
}

export interface BucketFigures {
  done_on_time: number;
  done_late: number;
  open_on_time: number;
  open_overdue: number;
  due_soon?: number;
  no_deadline?: number;
}

export type Row = Record<string, unknown>;

export interface Dashboard {
  buckets: BucketFigures;
  byAgency: Row[];
  byMonth: Row[];
  byDocument: Row[];
  overdue: Task[];
  dueSoon?: Task[];
  ranking: Row[];
}

export interface AuditEntry {
  id: Id;
  at: string;
  action: string;
  entity: string;
  entityId: string | null;
  userId: Id | null;
  username: string | null;
  before?: unknown;
  after?: unknown;
}

export interface Notification {
  id: Id;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  taskId: Id | null;
  documentId: Id | null;
  read: boolean;
  createdAt: string;
}

export interface ReminderSettings {
  daysBefore: number[];
  overdueEveryDays: number;
  sendHour: number;
  digestEnabled: boolean;
  dueSoonDays: number;
}

export interface SmtpSettings {
  host: string | null;
  port: number;
  secure: boolean;
  user: string | null;
  from: string | null;
  passwordSet: boolean;
  source: 'settings' | 'env' | 'none';
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

// Vietnamese fallbacks when the server sent no message of its own.
const STATUS_MESSAGES: Record<number, string> = {
  0: 'Không kết nối được máy chủ. Vui lòng thử lại.',
  400: 'Dữ liệu gửi lên không hợp lệ.',
  401: 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
  403: 'Không có quyền thực hiện thao tác này.',
  404: 'Không tìm thấy dữ liệu.',
  409: 'Dữ liệu đã thay đổi hoặc bị trùng.',
  413: 'Tệp quá lớn.',
  415: 'Định dạng tệp không được hỗ trợ.',
  422: 'Dữ liệu không hợp lệ.',
  429: 'Quá nhiều yêu cầu, vui lòng đợi giây lát.',
};

export function messageForStatus(status: number): string {
  return (
    STATUS_MESSAGES[status] ?? (status >= 500 ? 'Máy chủ gặp lỗi, vui lòng thử lại sau.' : 'Có lỗi xảy ra.')
  );
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

function errorFrom(status: number, body: unknown): ApiError {
  const err = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  const message = err?.message && /[à-ỹÀ-Ỹđ]/.test(err.message) ? err.message : messageForStatus(status);
  return new ApiError(status, err?.code ?? `http_${status}`, message, err?.details);
}

function headersFor(method: string, json: boolean): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (json) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  return headers;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: headersFor(method, body !== undefined && !isForm),
      body: body === undefined ? undefined : isForm ? (body as FormData) : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', messageForStatus(0));
  }
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!response.ok) {
    if (response.status === 401 && !path.startsWith('/api/auth/login')) onUnauthorized?.();
    throw errorFrom(response.status, parsed);
  }
  return parsed as T;
}

/** Upload with progress (XMLHttpRequest: fetch has no upload progress). */
export function upload<T>(path: string, form: FormData, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    for (const [key, value] of Object.entries(headersFor('POST', false))) xhr.setRequestHeader(key, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', messageForStatus(0)));
    xhr.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        parsed = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(parsed as T);
      } else {
        if (xhr.status === 401) onUnauthorized?.();
        reject(errorFrom(xhr.status, parsed));
      }
    };
    xhr.send(form);
  });
}

export interface TaskQuery extends Query {
  agencyId?: Id | string;
  status?: string;
  bucket?: string;
  dueFrom?: string;
  dueTo?: string;
  documentId?: Id | string;
  q?: string;
  sort?: string;
  page?: number;
  pageSize?: number;
}

export interface ReportQuery extends Query {
  agencyId?: Id | string;
  period: string;
  year: number;
  index?: number;
}

/** Every page of a list (the server caps pageSize at 200). */
export async function fetchAll<T>(
  load: (page: number, pageSize: number) => Promise<List<T>>,
  max = 5000,
): Promise<List<T>> {
  const pageSize = 200;
  const first = await load(1, pageSize);
  const items = [...first.items];
  for (let page = 2; items.length < Math.min(first.total, max); page++) {
    const next = await load(page, pageSize);
    if (next.items.length === 0) break;
    items.push(...next.items);
  }
  return { items, total: first.total };
}

export const api = {
  login: (username: string, password: string) =>
    request<{ user: User; csrfToken: string }>('POST', '/api/auth/login', { username, password }),
  logout: () => request<unknown>('POST', '/api/auth/logout', {}),
  me: () => request<{ user: User; csrfToken: string }>('GET', '/api/auth/me'),

  users: () => request<List<User>>('GET', '/api/users'),
  createUser: (body: Partial<User> & { password: string }) =>
    request<{ user: User }>('POST', '/api/users', body),
  updateUser: (id: Id, body: Partial<User> & { password?: string }) =>
    request<{ user: User }>('PATCH', `/api/users/${encodeURIComponent(String(id))}`, body),

  /** The whole registry (all pages). */
  agencies: (query?: { q?: string; includeDissolved?: boolean }) =>
    fetchAll((page, pageSize) =>
      request<List<Agency>>('GET', withQuery('/api/agencies', { ...query, page, pageSize })),
    ),
  suggestAgencies: (name: string) =>
    request<Suggestion[] | { items: Suggestion[] }>('GET', withQuery('/api/agencies/suggest', { name })).then(
      (r) => (Array.isArray(r) ? r : (r.items ?? [])),
    ),
  createAgency: (body: Partial<Agency>) => request<Agency>('POST', '/api/agencies', body),
  updateAgency: (id: Id, body: Partial<Agency>) =>
    request<Agency>('PATCH', `/api/agencies/${encodeURIComponent(String(id))}`, body),
  succession: (body: { fromIds: Id[]; toId: Id; effectiveDate: string; note: string }) =>
    request<{ successor: Agency; dissolved: Agency[]; movedTaskIds: Id[] }>(
      'POST',
      '/api/agencies/succession',
      body,
    ),

  uploadDocument: (file: File, onProgress: (fraction: number) => void) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return upload<{ document: DocumentSummary; duplicate?: boolean }>('/api/documents', form, onProgress);
  },
  documents: (query?: { status?: string; q?: string; page?: number; pageSize?: number }) =>
    request<List<DocumentSummary>>('GET', withQuery('/api/documents', query)),
  document: (id: Id) =>
    request<{
      document: DocumentDetail;
      draftTasks: DraftTask[];
      suggestions?: Record<string, Suggestion[]>;
    }>('GET', `/api/documents/${encodeURIComponent(String(id))}`),
  /** The record's editable fields go at the top level, next to tasks and learned mappings. */
  saveDraft: (
    id: Id,
    body: { record: NoticeRecord; tasks: DraftTask[]; mappings: { name: string; agencyId: Id }[] },
  ) => {
    const r = body.record;
    return request<unknown>('PUT', `/api/documents/${encodeURIComponent(String(id))}/draft`, {
      number: r.number ?? null,
      notation: r.notation ?? null,
      docType: r.docType ?? null,
      issuer: r.issuer ?? null,
      place: r.place ?? null,
      date: r.date ?? null,
      subject: r.subject ?? null,
      tasks: body.tasks.map((t) => ({
        ref: t.ref ?? null,
        text: t.text,
        span: t.span ?? null,
        leadNames: t.leadNames,
        supportNames: t.supportNames,
        leadAgencyIds: t.leadAgencyIds,
        supportAgencyIds: t.supportAgencyIds,
        due: t.due ?? null,
        dueText: t.dueText ?? null,
        recurrence: t.recurrence || null,
      })),
      mappings: body.mappings,
    });
  },
  publish: (id: Id, allowPastDue = false) =>
    request<unknown>('POST', `/api/documents/${encodeURIComponent(String(id))}/publish`, { allowPastDue }),
  documentFileUrl: (id: Id) => `/api/documents/${encodeURIComponent(String(id))}/file`,

  tasks: (query: TaskQuery) => request<List<Task>>('GET', withQuery('/api/tasks', query)),
  allTasks: (query: TaskQuery, max = 2000) =>
    fetchAll(
      (page, pageSize) => request<List<Task>>('GET', withQuery('/api/tasks', { ...query, page, pageSize })),
      max,
    ),
  task: (id: Id) => request<TaskDetail>('GET', `/api/tasks/${encodeURIComponent(String(id))}`),
  reportProgress: (id: Id, note: string, percent: number | null, files: File[]) => {
    const form = new FormData();
    form.append('note', note);
    if (percent !== null) form.append('percent', String(percent));
    for (const file of files) form.append('files', file, file.name);
    return request<unknown>('POST', `/api/tasks/${encodeURIComponent(String(id))}/progress`, form);
  },
  taskAction: (id: Id, action: 'submit' | 'confirm' | 'return' | 'pause' | 'resume', reason?: string) =>
    request<unknown>(
      'POST',
      `/api/tasks/${encodeURIComponent(String(id))}/${action}`,
      reason !== undefined ? { reason } : {},
    ),
  requestExtension: (id: Id, proposedDue: string, reason: string) =>
    request<unknown>('POST', `/api/tasks/${encodeURIComponent(String(id))}/extensions`, {
      proposedDue,
      reason,
    }),
  decideExtension: (id: Id, approve: boolean, note: string) =>
    request<unknown>('POST', `/api/extensions/${encodeURIComponent(String(id))}/decision`, { approve, note }),
  comment: (id: Id, body: string) =>
    request<unknown>('POST', `/api/tasks/${encodeURIComponent(String(id))}/comments`, { body }),
  attachmentUrl: (id: Id) => `/api/attachments/${encodeURIComponent(String(id))}`,

  dashboard: (query?: { agencyId?: Id | string; from?: string; to?: string }) =>
    request<Dashboard>('GET', withQuery('/api/dashboard', query)),
  report: (query: ReportQuery) => request<Row>('GET', withQuery('/api/reports', query)),
  reportExportUrl: (format: 'xlsx' | 'docx' | 'csv', query: ReportQuery) =>
    withQuery('/api/reports/export', { format, ...query }),

  /** A new token for the agency's iCalendar feed (replaces the previous one). */
  calendarToken: (agencyId: Id) =>
    request<{ token: string; path: string }>(
      'POST',
      `/api/calendar/${encodeURIComponent(String(agencyId))}/token`,
      {},
    ),
  notifications: () =>
    request<List<Notification> & { unread: number }>(
      'GET',
      withQuery('/api/notifications', { pageSize: 20 }),
    ),
  readNotification: (id: Id) =>
    request<{ ok: true }>('POST', `/api/notifications/${encodeURIComponent(String(id))}/read`, {}),
  readAllNotifications: () => request<{ updated: number }>('POST', '/api/notifications/read-all', {}),
  audit: (query: {
    entity?: string;
    entityId?: string;
    userId?: Id;
    action?: string;
    page?: number;
    pageSize?: number;
  }) => request<List<AuditEntry>>('GET', withQuery('/api/audit', query)),
  reminderSettings: () => request<ReminderSettings>('GET', '/api/settings/reminders'),
  saveReminderSettings: (body: ReminderSettings) =>
    request<ReminderSettings>('PUT', '/api/settings/reminders', body),
  smtpSettings: () => request<SmtpSettings>('GET', '/api/settings/smtp'),
  saveSmtpSettings: (body: {
    host: string | null;
    port: number;
    secure: boolean;
    user: string | null;
    from: string | null;
    pass?: string | null;
  }) => request<SmtpSettings>('PUT', '/api/settings/smtp', body),
  testSmtp: (to?: string) =>
    request<{ ok: true; to: string; messageId: string }>('POST', '/api/settings/smtp/test', to ? { to } : {}),
};
