/**
 * The extracted record of one notice, `notice@1`
 * (shape defined in shared/eval/CONTRACT.md; fields beyond it are ours).
 */

/** Character offsets into `Notice.text`, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

export type Recurrence = 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'half-yearly' | 'yearly';

export interface Task {
  /** Outline position such as "2.1" or "3.a"; free form. */
  ref: string | null;
  /** The task's own words, whitespace folded. */
  text: string;
  /** Agencies that lead (chủ trì / được giao / đầu mối). */
  lead: string[];
  /** Agencies that support (phối hợp). */
  support: string[];
  /** ISO date (yyyy-mm-dd): the last day of the stated period, or null. */
  due: string | null;
  /** The words the due date came from. */
  dueText: string | null;
  /** Set for recurring duties (báo cáo hằng ngày, định kỳ hằng tháng...). */
  recurrence: Recurrence | null;
  /** Where the task's text stands in `Notice.text`. */
  span: Span;
}

export interface Person {
  name: string | null;
  title: string | null;
}

export interface Signer {
  name: string | null;
  /** Authority prefix lines: TM., KT., TL., TUQ., Q. (Decree 30/2020, Art. 13). */
  authority: string | null;
  title: string | null;
}

export interface Received {
  /** The receiving agency printed on the 'ĐẾN' stamp. */
  by: string | null;
  number: string | null;
  date: string | null;
}

export type WarningCode =
  | 'repeated-pages'
  | 'blank-number'
  | 'blank-day'
  | 'not-a-notice'
  | 'no-tasks'
  | 'task-without-lead'
  | 'place-corrected'
  | 'truncated-input';

export interface Warning {
  code: WarningCode;
  /** Vietnamese, for the officer who reviews the draft. */
  message: string;
  span?: Span;
}

export type FieldName =
  | 'number'
  | 'notation'
  | 'docType'
  | 'issuer'
  | 'place'
  | 'date'
  | 'subject'
  | 'meeting'
  | 'recipients'
  | 'signer'
  | 'received';

export interface Notice {
  schema: 'notice@1';
  /** Số: the sequence number as printed, or null when blank/absent. */
  number: string | null;
  /** Ký hiệu: the part after the slash, e.g. "TB-VP". */
  notation: string | null;
  /** Type abbreviation (Decree 30/2020, Phụ lục III): TB, QĐ, CV, KH, BC, ... */
  docType: string | null;
  issuer: string | null;
  /** Địa danh, canonical spelling. */
  place: string | null;
  /** ISO date; "yyyy-mm" when the day is blank. */
  date: string | null;
  /** Trích yếu, one line. */
  subject: string | null;
  /** The meeting the notice concludes; null when the document reports none (a Báo cáo, a Công văn). */
  meeting: { date: string | null; presider: Person | null } | null;
  tasks: Task[];
  /** Nơi nhận, one entry a line. */
  recipients: string[];
  signer: Signer | null;
  received: Received | null;
  warnings: Warning[];
  /** The cleaned text that every span points into. */
  text: string;
  /** Where each document field came from in `text`. */
  spans: Partial<Record<FieldName, Span>>;
}
