import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, type HistoryEntry, type TaskDetail } from '../api.ts';
import { useUser } from '../auth.tsx';
import { formatDate, formatDateTime } from '../format.ts';
import { type MessageKey, useI18n } from '../i18n.tsx';
import {
  DueCell,
  ErrorBox,
  ErrorPage,
  Field,
  Forbidden,
  Loading,
  StatusLabel,
  UrgencyBadge,
  useLoad,
} from '../ui.tsx';
import { DateInput } from '../widgets.tsx';

export function TaskPage() {
  const id = Number(useParams().id);
  const { t, l } = useI18n();
  const user = useUser();
  const loaded = useLoad(() => api.task(id), [id]);
  const [error, setError] = useState<unknown>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // The API answers 404 for another agency's task (ids do not leak); to the agency
  // officer that is "Không có quyền".
  if (loaded.error) {
    if (user.role === 'agency' && loaded.error.status === 404) return <Forbidden />;
    return <ErrorPage error={loaded.error} />;
  }
  if (!loaded.data) return <Loading />;
  const { task, history, reports, extensions, comments } = loaded.data as TaskDetail;
  const actions = new Set(loaded.data.actions ?? []);
  const relation = loaded.data.relation ?? 'none';

  async function run(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    setError(null);
    setFlash(null);
    try {
      await action();
      setFlash(done);
      loaded.reload();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  }

  const isAgency = user.role === 'agency';
  const isOfficer = user.role === 'officer' || user.role === 'admin';
  // Extension decisions belong to the tracking office; requests to the lead agency.
  const canDecide = isOfficer;
  const canExtend = isAgency && relation === 'lead' && !['done', 'paused'].includes(task.status);

  return (
    <section aria-labelledby="task-title" className="task-page">
      <p className="breadcrumb">
        <Link to={isAgency ? '/inbox' : '/tasks'}>← {isAgency ? t('navInbox') : t('navTasks')}</Link>
      </p>
      <h1 id="task-title">
        {t('task')} {task.ref ?? ''}{' '}
        {task.documentNumber ? `· ${l('Văn bản', 'Document')} ${task.documentNumber}` : ''}
      </h1>
      <ErrorBox error={error} />
      {flash && (
        <div className="alert alert-ok" role="status">
          {flash}
        </div>
      )}
      <div className="task-layout">
        <div>
          <div className="card">
            <p className="task-text" data-testid="task-text">
              {task.text}
            </p>
            <dl className="facts">
              <dt>{t('lead')}</dt>
              <dd data-testid="task-lead">{task.leadAgency?.name ?? t('none')}</dd>
              <dt>{t('support')}</dt>
              <dd>{task.supportAgencies.map((a) => a.name).join('; ') || t('none')}</dd>
              <dt>{t('due')}</dt>
              <dd data-testid="task-due">
                <DueCell task={task} />
              </dd>
              <dt>{t('status')}</dt>
              <dd data-testid="task-status">
                <StatusLabel status={task.status} />
              </dd>
              <dt>{t('bucket')}</dt>
              <dd>{t(`bucket_${task.bucket}` as MessageKey) ?? task.bucket}</dd>
              {task.recurrence && (
                <>
                  <dt>{t('recurrence')}</dt>
                  <dd>{task.recurrence}</dd>
                </>
              )}
            </dl>
          </div>
          {task.sourceText && (
            <figure className="card source-quote">
              <figcaption>{l('Câu gốc trong thông báo', 'Source sentence in the notice')}</figcaption>
              <blockquote>{task.sourceText}</blockquote>
              <a href={api.documentFileUrl(task.documentId)}>{l('Tệp văn bản gốc', 'Original file')}</a>
            </figure>
          )}

          {isAgency && actions.has('progress') && (
            <ProgressForm
              busy={busy}
              onSubmit={(note, percent, files) =>
                run(
                  () => api.reportProgress(id, note, percent, files),
                  l('Đã gửi báo cáo tiến độ.', 'Progress reported.'),
                )
              }
            />
          )}
          {canExtend && (
            <ExtensionForm
              busy={busy}
              onSubmit={(due, reason) =>
                run(
                  () => api.requestExtension(id, due, reason),
                  l('Đã gửi đề nghị gia hạn.', 'Extension requested.'),
                )
              }
            />
          )}
          {isAgency && relation === 'support' && (
            <p className="alert alert-info">
              {l(
                'Cơ quan của bạn phối hợp thực hiện nhiệm vụ này: báo cáo tiến độ; đơn vị chủ trì báo cáo hoàn thành.',
                'Your agency supports this task: report progress; the lead agency reports completion.',
              )}
            </p>
          )}
          {isAgency && actions.has('submit') && (
            <div className="card">
              <h2>{l('Báo cáo hoàn thành', 'Report completion')}</h2>
              <p className="muted">
                {l(
                  'Nhiệm vụ chuyển sang "Chờ xác nhận hoàn thành" cho đến khi Văn phòng xác nhận.',
                  'The task waits for the office to confirm.',
                )}
              </p>
              <button
                type="button"
                className="btn-primary"
                disabled={busy}
                onClick={() =>
                  run(() => api.taskAction(id, 'submit'), l('Đã báo cáo hoàn thành.', 'Reported done.'))
                }
              >
                {l('Đánh dấu đã hoàn thành', 'Mark as done')}
              </button>
            </div>
          )}
          {isOfficer && (
            <OfficerActions
              actions={actions}
              status={task.status}
              busy={busy}
              onAction={(action, reason, done) => run(() => api.taskAction(id, action, reason), done)}
            />
          )}

          {(loaded.data.occurrences ?? []).length > 0 && (
            <div className="card">
              <h2>{l('Các kỳ thực hiện (nhiệm vụ định kỳ)', 'Periods of this recurring task')}</h2>
              <ul className="occurrences">
                {(loaded.data.occurrences ?? []).map((o) => (
                  <li key={o.id}>
                    <Link to={`/tasks/${o.id}`}>{formatDate(o.due)}</Link> <StatusLabel status={o.status} />{' '}
                    <UrgencyBadge task={o} />
                  </li>
                ))}
              </ul>
            </div>
          )}

          <div className="card">
            <h2>{l('Báo cáo tiến độ', 'Progress reports')}</h2>
            {reports.length === 0 && <p className="muted">{t('none')}</p>}
            <ol className="timeline" data-testid="progress-list">
              {reports.map((r) => (
                <li key={r.id}>
                  <div className="timeline-head">
                    <strong>{formatDateTime(r.createdAt)}</strong> {r.user ?? ''}
                    {r.agency ? ` (${r.agency.name})` : ''}
                    {r.percent !== null && r.percent !== undefined && (
                      <span className="badge">{r.percent}%</span>
                    )}
                  </div>
                  <p>{r.note}</p>
                  {(r.attachments ?? []).map((a) => (
                    <a key={a.id} href={api.attachmentUrl(a.id)} className="attachment">
                      {l('Tệp đính kèm', 'Attachment')}: {a.fileName}
                    </a>
                  ))}
                </li>
              ))}
            </ol>
          </div>

          <div className="card">
            <h2>{l('Gia hạn', 'Extensions')}</h2>
            {extensions.length === 0 && <p className="muted">{t('none')}</p>}
            <ol className="timeline" data-testid="extension-list">
              {extensions.map((x) => {
                const state =
                  x.status ??
                  (x.approved === true ? 'approved' : x.approved === false ? 'rejected' : 'pending');
                return (
                  <li key={x.id}>
                    <div className="timeline-head">
                      {l('Đề nghị gia hạn đến', 'Requested new due date')}{' '}
                      <strong>{formatDate(x.proposedDue)}</strong>{' '}
                      <span className={`badge badge-${state}`}>
                        {state === 'approved'
                          ? l('Đã đồng ý', 'Approved')
                          : state === 'rejected'
                            ? l('Không đồng ý', 'Rejected')
                            : l('Chờ quyết định', 'Pending')}
                      </span>
                    </div>
                    <p>
                      {x.requestedBy ? `${x.requestedBy}: ` : ''}
                      {x.reason}
                    </p>
                    {x.note && <p className="muted">{x.note}</p>}
                    {canDecide && state === 'pending' && (
                      <DecisionForm
                        busy={busy}
                        onDecide={(approve, note) =>
                          run(
                            () => api.decideExtension(x.id, approve, note),
                            approve
                              ? l('Đã đồng ý gia hạn.', 'Approved.')
                              : l('Đã từ chối gia hạn.', 'Rejected.'),
                          )
                        }
                      />
                    )}
                  </li>
                );
              })}
            </ol>
          </div>
        </div>

        <aside>
          <CommentBox
            busy={busy}
            comments={comments}
            onSubmit={(body) => run(() => api.comment(id, body), l('Đã gửi ý kiến.', 'Comment posted.'))}
          />
          <div className="card">
            <h2>{l('Lịch sử', 'History')}</h2>
            <ol className="timeline small" data-testid="history">
              {history.map((h) => (
                <li key={h.id}>
                  <strong>{formatDateTime(h.at)}</strong> {h.user ?? ''} — {historyText(h, t, l)}
                </li>
              ))}
            </ol>
          </div>
        </aside>
      </div>
    </section>
  );
}

const HISTORY_LABELS: Record<string, [string, string]> = {
  'task.create': ['Giao nhiệm vụ', 'Task created'],
  'task.progress': ['Báo cáo tiến độ', 'Progress reported'],
  'task.submit': ['Báo cáo hoàn thành', 'Reported done'],
  'task.confirm': ['Xác nhận hoàn thành', 'Confirmed'],
  'task.return': ['Trả lại', 'Returned'],
  'task.pause': ['Tạm dừng', 'Paused'],
  'task.resume': ['Tiếp tục', 'Resumed'],
  'task.extension_request': ['Xin gia hạn', 'Extension requested'],
  'task.extension_approve': ['Đồng ý gia hạn', 'Extension approved'],
  'task.extension_reject': ['Không đồng ý gia hạn', 'Extension rejected'],
  'task.comment': ['Bình luận', 'Comment'],
  'task.succession': ['Chuyển cơ quan kế thừa', 'Moved to successor agency'],
};

function historyText(
  h: HistoryEntry,
  t: (key: MessageKey) => string,
  l: (vi: string, en: string) => string,
): string {
  const pair = HISTORY_LABELS[h.action];
  const label = pair ? l(pair[0], pair[1]) : h.action;
  const after = h.after as { status?: string } | null | undefined;
  if (after && typeof after === 'object' && typeof after.status === 'string') {
    return `${label} → ${t(`status_${after.status}` as MessageKey) ?? after.status}`;
  }
  return label;
}

function ProgressForm({
  busy,
  onSubmit,
}: {
  busy: boolean;
  onSubmit: (note: string, percent: number | null, files: File[]) => Promise<boolean>;
}) {
  const { l } = useI18n();
  const [note, setNote] = useState('');
  const [percent, setPercent] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [key, setKey] = useState(0);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const p = percent === '' ? null : Math.max(0, Math.min(100, Number(percent)));
    if (await onSubmit(note.trim(), p, files)) {
      setNote('');
      setPercent('');
      setFiles([]);
      setKey((k) => k + 1);
    }
  }
  return (
    <form className="card" onSubmit={submit} aria-labelledby="progress-title">
      <h2 id="progress-title">{l('Báo cáo tiến độ', 'Report progress')}</h2>
      <Field label={l('Nội dung báo cáo', 'Report')}>
        <textarea name="note" required rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <div className="row">
        <Field label={l('Tỷ lệ hoàn thành (%)', 'Percent done')}>
          <input
            name="percent"
            type="number"
            min={0}
            max={100}
            value={percent}
            onChange={(e) => setPercent(e.target.value)}
          />
        </Field>
        <div className="field">
          <span className="field-label">{l('Tệp đính kèm', 'Attachments')}</span>
          {/* The native file button speaks the browser's language; this one speaks Vietnamese. */}
          <label className="btn-secondary file-button">
            {l('Chọn tệp…', 'Choose files…')}
            <input
              key={key}
              name="files"
              type="file"
              multiple
              className="sr-only"
              aria-label={l('Tệp đính kèm', 'Attachments')}
              onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
            />
          </label>
          <span className="field-hint" aria-live="polite">
            {files.length ? files.map((f) => f.name).join(', ') : l('Chưa chọn tệp', 'No file chosen')}
          </span>
        </div>
      </div>
      <button type="submit" className="btn-primary" disabled={busy || !note.trim()}>
        {l('Gửi báo cáo', 'Send report')}
      </button>
    </form>
  );
}

function ExtensionForm({
  busy,
  onSubmit,
}: {
  busy: boolean;
  onSubmit: (due: string, reason: string) => Promise<boolean>;
}) {
  const { l } = useI18n();
  const [due, setDue] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!due) {
      setMissing(true);
      return;
    }
    setMissing(false);
    if (await onSubmit(due, reason.trim())) {
      setReason('');
      setDue(null);
    }
  }
  return (
    <form className="card" onSubmit={submit} aria-labelledby="ext-title">
      <h2 id="ext-title">{l('Đề nghị gia hạn', 'Ask for an extension')}</h2>
      <div className="row">
        <div className="field" data-testid="extension-due">
          <DateInput label={l('Hạn đề nghị', 'Proposed due date')} value={due} onChange={setDue} required />
          {missing && (
            <span className="error-text" role="alert">
              {l('Vui lòng nhập hạn đề nghị.', 'Enter the proposed date.')}
            </span>
          )}
        </div>
        <Field label={l('Lý do', 'Reason')}>
          <textarea
            name="reason"
            required
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Field>
      </div>
      <button type="submit" className="btn-secondary" disabled={busy || !reason.trim()}>
        {l('Gửi đề nghị gia hạn', 'Request extension')}
      </button>
    </form>
  );
}

function DecisionForm({
  busy,
  onDecide,
}: {
  busy: boolean;
  onDecide: (approve: boolean, note: string) => void;
}) {
  const { l } = useI18n();
  const [note, setNote] = useState('');
  return (
    <div className="decision">
      <Field label={l('Ý kiến', 'Note')}>
        <input value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <button type="button" className="btn-primary" disabled={busy} onClick={() => onDecide(true, note)}>
        {l('Đồng ý gia hạn', 'Approve')}
      </button>
      <button type="button" className="btn-secondary" disabled={busy} onClick={() => onDecide(false, note)}>
        {l('Không đồng ý', 'Reject')}
      </button>
    </div>
  );
}

function OfficerActions({
  actions,
  status,
  busy,
  onAction,
}: {
  actions: Set<string>;
  status: string;
  busy: boolean;
  onAction: (
    action: 'confirm' | 'return' | 'pause' | 'resume',
    reason: string | undefined,
    done: string,
  ) => void;
}) {
  const { l } = useI18n();
  const [reason, setReason] = useState('');
  return (
    <div className="card">
      <h2>{l('Xử lý của Văn phòng', 'Office actions')}</h2>
      {actions.has('confirm') && (
        <div className="row">
          <button
            type="button"
            className="btn-primary"
            disabled={busy}
            onClick={() => onAction('confirm', undefined, l('Đã xác nhận hoàn thành.', 'Confirmed.'))}
          >
            {l('Xác nhận hoàn thành', 'Confirm completion')}
          </button>
          <Field label={l('Lý do trả lại', 'Reason for return')}>
            <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <button
            type="button"
            className="btn-secondary"
            disabled={busy || !reason.trim()}
            onClick={() => onAction('return', reason.trim(), l('Đã trả lại nhiệm vụ.', 'Returned.'))}
          >
            {l('Trả lại', 'Return')}
          </button>
        </div>
      )}
      {actions.has('pause') && (
        <button
          type="button"
          className="btn-secondary"
          disabled={busy}
          onClick={() => onAction('pause', undefined, l('Đã tạm dừng theo dõi.', 'Paused.'))}
        >
          {l('Tạm dừng theo dõi', 'Pause')}
        </button>
      )}
      {actions.has('resume') && (
        <button
          type="button"
          className="btn-secondary"
          disabled={busy}
          onClick={() => onAction('resume', undefined, l('Đã tiếp tục theo dõi.', 'Resumed.'))}
        >
          {l('Tiếp tục theo dõi', 'Resume')}
        </button>
      )}
      {status === 'done' && <p className="muted">{l('Nhiệm vụ đã hoàn thành.', 'The task is done.')}</p>}
    </div>
  );
}

function CommentBox({
  comments,
  busy,
  onSubmit,
}: {
  comments: TaskDetail['comments'];
  busy: boolean;
  onSubmit: (body: string) => Promise<boolean>;
}) {
  const { l, t } = useI18n();
  const [body, setBody] = useState('');
  return (
    <div className="card">
      <h2>{l('Trao đổi', 'Comments')}</h2>
      {comments.length === 0 && <p className="muted">{t('none')}</p>}
      <ol className="timeline small">
        {comments.map((c) => (
          <li key={c.id}>
            <strong>{c.user ?? ''}</strong> <span className="muted">{formatDateTime(c.createdAt)}</span>
            <p>{c.body}</p>
          </li>
        ))}
      </ol>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (body.trim() && (await onSubmit(body.trim()))) setBody('');
        }}
      >
        <Field label={l('Ý kiến mới', 'New comment')}>
          <textarea rows={2} value={body} onChange={(e) => setBody(e.target.value)} />
        </Field>
        <button type="submit" className="btn-secondary" disabled={busy || !body.trim()}>
          {l('Gửi', 'Send')}
        </button>
      </form>
    </div>
  );
}
