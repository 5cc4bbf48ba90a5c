/**
 * The task state machine. Pure: no I/O; the service applies the verdict inside the
 * same transaction that writes the audit row.
 *
 *   not_started ─progress→ in_progress ─submit→ awaiting_confirmation ─confirm→ done
 *        └──────────────submit──────────────┘            └─return(reason)→ returned
 *   returned ─progress→ in_progress, returned ─submit→ awaiting_confirmation
 *   any open status ─pause→ paused ─resume→ the status it was paused from
 *
 * Who may act (Decree 09/2019 Art. 12: the lead agency answers for the task, the office
 * that tracks it checks the result):
 * - progress: the lead agency, a support agency, or the tracking office (officer/admin)
 *   recording a report received on paper;
 * - submit (report done with evidence): the lead agency only — support agencies
 *   contribute, they do not close a task — or the office on the lead agency's behalf;
 * - confirm / return / pause / resume: the tracking office (officer, admin);
 * - leader and viewer read only.
 */

export const TASK_STATUSES = [
  'not_started',
  'in_progress',
  'awaiting_confirmation',
  'done',
  'returned',
  'paused',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_ACTIONS = ['progress', 'submit', 'confirm', 'return', 'pause', 'resume'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

export type Role = 'admin' | 'officer' | 'leader' | 'agency' | 'viewer';

/** How the acting user stands to the task: their agency leads it, supports it, or neither. */
export type Relation = 'lead' | 'support' | 'none';

export interface Actor {
  role: Role;
  relation: Relation;
}

export const STATUS_LABELS: Record<TaskStatus, string> = {
  not_started: 'Chưa thực hiện',
  in_progress: 'Đang thực hiện',
  awaiting_confirmation: 'Chờ xác nhận',
  done: 'Hoàn thành',
  returned: 'Trả lại',
  paused: 'Tạm dừng',
};

export const ACTION_LABELS: Record<TaskAction, string> = {
  progress: 'báo cáo tiến độ',
  submit: 'báo cáo hoàn thành',
  confirm: 'xác nhận hoàn thành',
  return: 'trả lại',
  pause: 'tạm dừng',
  resume: 'tiếp tục',
};

/** The statuses each action may start from. */
const FROM: Record<TaskAction, readonly TaskStatus[]> = {
  // A report while awaiting confirmation adds evidence and keeps the status.
  progress: ['not_started', 'in_progress', 'returned', 'awaiting_confirmation'],
  submit: ['not_started', 'in_progress', 'returned'],
  confirm: ['awaiting_confirmation'],
  return: ['awaiting_confirmation'],
  pause: ['not_started', 'in_progress', 'returned', 'awaiting_confirmation'],
  resume: ['paused'],
};

const OFFICE: readonly Role[] = ['admin', 'officer'];

/** Whether the actor may take the action at all (status aside). */
export function mayAct(action: TaskAction, actor: Actor): boolean {
  if (OFFICE.includes(actor.role)) return true;
  if (actor.role !== 'agency') return false;
  switch (action) {
    case 'progress':
      return actor.relation === 'lead' || actor.relation === 'support';
    case 'submit':
      return actor.relation === 'lead';
    default:
      return false;
  }
}

export type Verdict =
  | { ok: true; to: TaskStatus }
  | { ok: false; kind: 'forbidden' | 'conflict' | 'invalid'; message: string };

export interface TransitionInput {
  status: TaskStatus;
  action: TaskAction;
  actor: Actor;
  /** The status before a pause; resume goes back there. */
  pausedFrom?: TaskStatus | null;
  /** Required for return (trả lại): why the office does not accept the result. */
  reason?: string | null;
}

/** Decides one transition: the new status, or why not (Vietnamese message). */
export function transition(input: TransitionInput): Verdict {
  const { status, action, actor } = input;
  if (!mayAct(action, actor)) {
    const why =
      actor.role === 'agency' && action === 'submit' && actor.relation === 'support'
        ? ' Đơn vị phối hợp chỉ báo cáo tiến độ; đơn vị chủ trì báo cáo hoàn thành.'
        : '';
    return {
      ok: false,
      kind: 'forbidden',
      message: `Bạn không có quyền ${ACTION_LABELS[action]} nhiệm vụ này.${why}`,
    };
  }
  if (!FROM[action].includes(status)) {
    return {
      ok: false,
      kind: 'conflict',
      message: `Không thể ${ACTION_LABELS[action]} khi nhiệm vụ đang ở trạng thái "${STATUS_LABELS[status]}".`,
    };
  }
  switch (action) {
    case 'progress':
      return { ok: true, to: status === 'awaiting_confirmation' ? status : 'in_progress' };
    case 'submit':
      return { ok: true, to: 'awaiting_confirmation' };
    case 'confirm':
      return { ok: true, to: 'done' };
    case 'return':
      if (!input.reason || input.reason.trim().length === 0)
        return { ok: false, kind: 'invalid', message: 'Cần nêu lý do trả lại.' };
      return { ok: true, to: 'returned' };
    case 'pause':
      return { ok: true, to: 'paused' };
    case 'resume': {
      const back = input.pausedFrom;
      return { ok: true, to: back && back !== 'paused' && back !== 'done' ? back : 'in_progress' };
    }
  }
}

/** Statuses that count as finished for the buckets. */
export function isDone(status: TaskStatus): boolean {
  return status === 'done';
}

/** The actions the actor could take now, for the UI's buttons. */
export function availableActions(status: TaskStatus, actor: Actor): TaskAction[] {
  // A placeholder reason: the button is offered; the reason is asked for on click.
  return TASK_ACTIONS.filter((a) => transition({ status, action: a, actor, reason: '-' }).ok);
}
