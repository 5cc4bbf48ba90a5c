/**
 * Kysely table types. Keep in step with the migrations in ./migrations.
 *
 * Other domains add their own tables by declaration merging from their folder:
 *   declare module '../db/schema.ts' { interface Database { reminder_jobs: ReminderJobTable } }
 *
 * Value types as they come back from `pg` on both backends (see ./index.ts):
 * `date` → 'YYYY-MM-DD' string, `timestamptz` → Date, `int8`/`count(*)` → number, `jsonb` → parsed.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** A column the database fills (identity, default now()); optional on insert. */
type Auto<T> = Generated<T>;
/** `timestamptz` with a default: Date out, Date | string in, optional on insert. */
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A generated column (`GENERATED ALWAYS AS ... STORED`): read only. */
type ReadOnly<T> = ColumnType<T, never, never>;
/** jsonb: parsed on read; on write an object (pg stringifies it) or a JSON string (for arrays!). */
type Json<T> = ColumnType<T, string | object, string | object>;

export type Role = 'admin' | 'officer' | 'leader' | 'agency' | 'viewer';
export const ROLES: readonly Role[] = ['admin', 'officer', 'leader', 'agency', 'viewer'];
export type DocumentStatus = 'draft' | 'published' | 'archived';
export type TaskStatus =
  | 'not_started'
  | 'in_progress'
  | 'awaiting_confirmation'
  | 'done'
  | 'returned'
  | 'paused';
export const TASK_STATUSES: readonly TaskStatus[] = [
  'not_started',
  'in_progress',
  'awaiting_confirmation',
  'done',
  'returned',
  'paused',
];
export type AgencyType = 'people_committee' | 'department' | 'board' | 'unit' | 'enterprise' | 'other';
export const AGENCY_TYPES: readonly AgencyType[] = [
  'people_committee',
  'department',
  'board',
  'unit',
  'enterprise',
  'other',
];

export interface AgencyTable {
  id: Auto<number>;
  name: string;
  short_name: string | null;
  type: AgencyType;
  /** Province name as written (e.g. 'Vĩnh Phúc'); null for central agencies. */
  province: string | null;
  parent_id: number | null;
  /** The agency that took over its work (Decree-level mergers of 1 July 2025). */
  successor_id: number | null;
  /** 'YYYY-MM-DD' from which the agency no longer exists. */
  dissolved_at: string | null;
  /** dondoc_fold(name || short_name): lower-case, no diacritics. */
  search_text: ReadOnly<string>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface AgencyAliasTable {
  id: Auto<number>;
  /** The name as written in a notice. */
  alias: string;
  /** asciiKey(alias): the lookup key, unique. */
  alias_key: string;
  agency_id: number;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface UserTable {
  id: Auto<number>;
  /** Lower case, unique. */
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string;
  role: Role;
  /** Required for role 'agency'. */
  agency_id: number | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  last_login_at: Date | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface SessionTable {
  /** sha256 (hex) of the cookie token; the token itself is never stored. */
  id: string;
  user_id: number;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export interface DocumentTable {
  id: Auto<number>;
  status: ColumnType<DocumentStatus, DocumentStatus | undefined, DocumentStatus>;
  file_name: string;
  /** 'txt' | 'md' | 'docx' | 'pdf' | 'image' ... */
  format: string;
  /** sha256 hex of `original`; unique, so the same file is imported once. */
  content_hash: string;
  original: Buffer | null;
  /** The text the extraction ran over (notice@1 `text`). */
  text: string;
  /** The notice@1 record (as extracted, then as reviewed). */
  record: Json<unknown>;
  /** Import warnings (OCR quality, missing fields ...). */
  warnings: ColumnType<unknown[], string | undefined, string>;
  number: string | null;
  notation: string | null;
  doc_type: string | null;
  issuer: string | null;
  place: string | null;
  doc_date: string | null;
  subject: string | null;
  search_text: ReadOnly<string>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  published_at: Date | null;
  published_by: number | null;
}

/** The reviewed-but-unpublished tasks of a draft document (publishing turns them into `tasks`). */
export interface DraftTaskTable {
  id: Auto<number>;
  document_id: number;
  position: number;
  ref: string | null;
  text: string;
  span_start: number | null;
  span_end: number | null;
  /** Agency names as written in the notice. */
  lead_names: ColumnType<string[], string | undefined, string>;
  support_names: ColumnType<string[], string | undefined, string>;
  /** Registry ids chosen in review. */
  lead_agency_ids: ColumnType<number[], number[] | undefined, number[]>;
  support_agency_ids: ColumnType<number[], number[] | undefined, number[]>;
  due: string | null;
  due_text: string | null;
  recurrence: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface TaskTable {
  id: Auto<number>;
  document_id: number;
  ref: string | null;
  text: string;
  span_start: number | null;
  span_end: number | null;
  lead_agency_id: number | null;
  due: string | null;
  due_text: string | null;
  recurrence: string | null;
  status: ColumnType<TaskStatus, TaskStatus | undefined, TaskStatus>;
  completed_at: Date | null;
  /** For occurrences of a recurring task: the task they repeat. */
  parent_task_id: number | null;
  search_text: ReadOnly<string>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface TaskAgencyTable {
  id: Auto<number>;
  task_id: number;
  agency_id: number;
  role: 'lead' | 'support';
  /** The agency named when the task was published, kept when a successor takes over. */
  original_agency_id: number | null;
  created_at: CreatedAt;
}

export interface ProgressReportTable {
  id: Auto<number>;
  task_id: number;
  user_id: number | null;
  agency_id: number | null;
  note: string;
  percent: number | null;
  created_at: CreatedAt;
}

export interface AttachmentTable {
  id: Auto<number>;
  /** 'progress_report' | 'task' | 'comment' | 'extension_request' | 'document' ... */
  owner_type: string;
  owner_id: number;
  file_name: string;
  content_type: string;
  size: number;
  bytes: Buffer;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface ExtensionRequestTable {
  id: Auto<number>;
  task_id: number;
  requested_by: number | null;
  current_due: string | null;
  proposed_due: string;
  reason: string;
  status: ColumnType<'pending' | 'approved' | 'rejected', 'pending' | undefined, 'approved' | 'rejected'>;
  decided_by: number | null;
  decided_at: Date | null;
  note: string | null;
  created_at: CreatedAt;
}

export interface CommentTable {
  id: Auto<number>;
  task_id: number;
  user_id: number | null;
  body: string;
  created_at: CreatedAt;
}

export interface NotificationTable {
  id: Auto<number>;
  /** Addressed to one user, or to every user of an agency. */
  user_id: number | null;
  agency_id: number | null;
  kind: string;
  task_id: number | null;
  document_id: number | null;
  title: string;
  body: string;
  read_at: Date | null;
  created_at: CreatedAt;
}

export interface AuditLogTable {
  id: Auto<number>;
  at: CreatedAt;
  user_id: number | null;
  /** 'user.create', 'agency.succession', 'task.confirm' ... */
  action: string;
  entity: string;
  entity_id: string | null;
  before: ColumnType<unknown, string | null | undefined, never>;
  after: ColumnType<unknown, string | null | undefined, never>;
}

export interface SettingTable {
  key: string;
  value: Json<unknown>;
  updated_by: number | null;
  updated_at: CreatedAt;
}

export interface Database {
  agencies: AgencyTable;
  agency_aliases: AgencyAliasTable;
  users: UserTable;
  sessions: SessionTable;
  documents: DocumentTable;
  draft_tasks: DraftTaskTable;
  tasks: TaskTable;
  task_agencies: TaskAgencyTable;
  progress_reports: ProgressReportTable;
  attachments: AttachmentTable;
  extension_requests: ExtensionRequestTable;
  comments: CommentTable;
  notifications: NotificationTable;
  audit_log: AuditLogTable;
  settings: SettingTable;
}

export type Agency = Selectable<AgencyTable>;
export type NewAgency = Insertable<AgencyTable>;
export type AgencyUpdate = Updateable<AgencyTable>;
export type User = Selectable<UserTable>;
export type Document = Selectable<DocumentTable>;
export type Task = Selectable<TaskTable>;
