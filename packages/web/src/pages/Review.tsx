import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  type Agency,
  ApiError,
  api,
  type DraftTask,
  type NoticeRecord,
  type Span,
  type Warning,
} from '../api.ts';
import { sortAgencies } from '../format.ts';
import { useI18n } from '../i18n.tsx';
import { ErrorBox, ErrorPage, Loading, useLoad } from '../ui.tsx';
import { AgencyPicker, DateInput, type Mapping } from '../widgets.tsx';

type FieldKey = 'number' | 'notation' | 'docType' | 'issuer' | 'place' | 'date' | 'subject';

interface Highlight extends Span {
  kind: 'task' | 'field' | 'warning';
  key: string;
  label: string;
}

const RECURRENCES = ['', 'daily', 'weekly', 'monthly', 'quarterly', 'half-yearly', 'yearly'] as const;

function warningText(w: Warning | string): string {
  return typeof w === 'string' ? w : (w.message ?? w.code ?? '');
}

// Warnings of the extractor (core WarningCode) that belong next to one field.
const FIELD_OF_WARNING: Record<string, FieldKey> = {
  'blank-number': 'number',
  'blank-day': 'date',
  'place-corrected': 'place',
};

/** Which warnings belong to a field ("blank number") or a task (by span); the rest are general. */
function placeWarnings(warnings: (Warning | string)[], tasks: DraftTask[]) {
  const byField = new Map<string, string[]>();
  const byTask = new Map<number, string[]>();
  const general: string[] = [];
  for (const w of warnings) {
    const text = warningText(w);
    if (typeof w !== 'string') {
      const span = w.span;
      const taskIndex = tasks.findIndex(
        (t) =>
          (w.taskId !== undefined && t.id === w.taskId) ||
          (w.taskRef && t.ref === w.taskRef) ||
          (w.code === 'task-without-lead' &&
            span &&
            t.span &&
            span.start < t.span.end &&
            t.span.start < span.end),
      );
      if (taskIndex >= 0) {
        byTask.set(taskIndex, [...(byTask.get(taskIndex) ?? []), text]);
        continue;
      }
      const field = w.field ?? (w.code ? FIELD_OF_WARNING[w.code] : undefined);
      if (field) {
        byField.set(field, [...(byField.get(field) ?? []), text]);
        continue;
      }
    }
    general.push(text);
  }
  return { byField, byTask, general };
}

export function ReviewPage() {
  const id = Number(useParams().id);
  const { l, t } = useI18n();
  const navigate = useNavigate();
  const loaded = useLoad(() => api.document(id), [id]);
  const registry = useLoad(() => api.agencies(), []);
  const [record, setRecord] = useState<NoticeRecord>({});
  const [tasks, setTasks] = useState<DraftTask[]>([]);
  const [activeTask, setActiveTask] = useState<number | null>(null);
  const [mappings, setMappings] = useState<Mapping[]>([]);
  const [pastDue, setPastDue] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const sourceRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!loaded.data) return;
    setRecord(loaded.data.document.record ?? {});
    setTasks(loaded.data.draftTasks ?? []);
  }, [loaded.data]);

  const agencies: Agency[] = useMemo(() => sortAgencies(registry.data?.items ?? []), [registry.data]);
  const doc = loaded.data?.document;
  const text = doc?.text ?? '';

  const highlights = useMemo(() => {
    const list: Highlight[] = [];
    tasks.forEach((task, i) => {
      if (task.span && task.span.end > task.span.start) {
        list.push({
          ...task.span,
          kind: 'task',
          key: `task-${i}`,
          label: `${t('task')} ${task.ref ?? i + 1}`,
        });
      }
    });
    const fields: FieldKey[] = ['number', 'issuer', 'place', 'subject'];
    for (const field of fields) {
      const span = record.spans?.[field];
      const value = record[field];
      if (span) list.push({ ...span, kind: 'field', key: `field-${field}`, label: field });
      else if (typeof value === 'string' && value.length >= 2) {
        const at = text.indexOf(value);
        if (at >= 0)
          list.push({
            start: at,
            end: at + value.length,
            kind: 'field',
            key: `field-${field}`,
            label: field,
          });
      }
    }
    list.sort((a, b) => a.start - b.start || b.end - a.end);
    const out: Highlight[] = [];
    let last = 0;
    for (const h of list) {
      if (h.start >= last && h.end <= text.length) {
        out.push(h);
        last = h.end;
      }
    }
    // Warnings with a place in the text (a repeated page ...) are marked where they do not
    // cover a task or a field.
    for (const [i, w] of (loaded.data?.document.warnings ?? []).entries()) {
      if (typeof w === 'string' || !w.span || w.span.end <= w.span.start || w.span.end > text.length)
        continue;
      const { start, end } = w.span;
      if (out.some((h) => start < h.end && h.start < end)) continue;
      out.push({ start, end, kind: 'warning', key: `warning-${i}`, label: w.message ?? w.code ?? '' });
    }
    return out.sort((a, b) => a.start - b.start);
  }, [tasks, record, text, t, loaded.data]);

  useEffect(() => {
    if (activeTask === null) return;
    const mark = sourceRef.current?.querySelector(`[data-key="task-${activeTask}"]`);
    mark?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [activeTask]);

  if (loaded.error) return <ErrorPage error={loaded.error} />;
  if (!doc) return <Loading />;

  const placed = placeWarnings(doc.warnings ?? [], tasks);
  const published = doc.status === 'published';
  // Publication needs a registry lead for every task (the server refuses otherwise).
  const unresolved = tasks.filter((task) => task.leadAgencyIds.length === 0).length;
  const suggestions = loaded.data?.suggestions;

  function setField(key: string, value: string | null) {
    setRecord((r) => ({ ...r, [key]: value }));
  }
  function setTask(index: number, patch: Partial<DraftTask>) {
    setTasks((list) => list.map((task, i) => (i === index ? { ...task, ...patch } : task)));
  }

  /** A name matched once is matched in every task that uses it (and remembered by the server). */
  function learn(mapping: Mapping) {
    setMappings((m) => [...m.filter((x) => x.name !== mapping.name), mapping]);
    setTasks((list) =>
      list.map((task) => {
        const lead =
          task.leadNames.includes(mapping.name) && !task.leadAgencyIds.includes(mapping.agencyId)
            ? [...task.leadAgencyIds, mapping.agencyId]
            : task.leadAgencyIds;
        const support =
          task.supportNames.includes(mapping.name) && !task.supportAgencyIds.includes(mapping.agencyId)
            ? [...task.supportAgencyIds, mapping.agencyId]
            : task.supportAgencyIds;
        return lead === task.leadAgencyIds && support === task.supportAgencyIds
          ? task
          : { ...task, leadAgencyIds: lead, supportAgencyIds: support };
      }),
    );
  }

  async function save(): Promise<boolean> {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await api.saveDraft(id, { record, tasks, mappings });
      setNotice(l('Đã lưu bản rà soát.', 'Review saved.'));
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function publish(allowPastDue = false) {
    if (!(await save())) return;
    setBusy(true);
    try {
      await api.publish(id, allowPastDue);
      navigate(`/tasks?documentId=${id}`);
    } catch (e) {
      setError(e);
      setPastDue(e instanceof ApiError && e.code === 'past_due');
      setNotice(null);
    } finally {
      setBusy(false);
    }
  }

  const segments: React.ReactNode[] = [];
  let pos = 0;
  for (const h of highlights) {
    if (h.start > pos) segments.push(text.slice(pos, h.start));
    const taskIndex = h.kind === 'task' ? Number(h.key.slice(5)) : -1;
    segments.push(
      // biome-ignore lint/a11y/useKeyWithClickEvents: a pointer shortcut; each task card is reachable by keyboard
      <mark
        key={h.key}
        data-key={h.key}
        className={`hl hl-${h.kind}${taskIndex === activeTask ? ' active' : ''}`}
        title={h.label}
        onClick={() => {
          if (taskIndex >= 0) {
            setActiveTask(taskIndex);
            document.getElementById(`task-card-${taskIndex}`)?.querySelector('textarea')?.focus();
          }
        }}
      >
        <span className="hl-label" aria-hidden="true">
          {h.kind === 'task' ? tasks[taskIndex]?.ref || taskIndex + 1 : h.kind === 'warning' ? '⚠' : '§'}
        </span>
        {text.slice(h.start, h.end)}
      </mark>,
    );
    pos = h.end;
  }
  segments.push(text.slice(pos));

  const field = (key: FieldKey, label: string, multiline = false) => (
    <div className="field" key={key}>
      <label className="field-label" htmlFor={`rec-${key}`}>
        {label}
      </label>
      {multiline ? (
        <textarea
          id={`rec-${key}`}
          rows={3}
          value={(record[key] as string | null) ?? ''}
          onChange={(e) => setField(key, e.target.value || null)}
          disabled={published}
        />
      ) : (
        <input
          id={`rec-${key}`}
          value={(record[key] as string | null) ?? ''}
          onChange={(e) => setField(key, e.target.value || null)}
          disabled={published}
        />
      )}
      {(placed.byField.get(key) ?? []).map((w) => (
        <span key={w} className="warning-text">
          ⚠ {w}
        </span>
      ))}
      {key === 'number' && !record.number && !placed.byField.get('number') && (
        <span className="warning-text">⚠ {l('Văn bản để trống số', 'The notice has a blank number')}</span>
      )}
    </div>
  );

  return (
    <section aria-labelledby="review-title" className="review">
      <div className="page-head">
        <h1 id="review-title">
          {l('Rà soát văn bản', 'Review')}: {doc.fileName}
        </h1>
        <div className="actions">
          <a href={api.documentFileUrl(id)} className="btn-secondary">
            {l('Tệp gốc', 'Original file')}
          </a>
          {!published && (
            <>
              <button type="button" className="btn-secondary" disabled={busy} onClick={save}>
                {l('Lưu nháp', 'Save draft')}
              </button>
              <button type="button" className="btn-primary" disabled={busy} onClick={() => publish(false)}>
                {l('Ban hành theo dõi', 'Publish')}
              </button>
            </>
          )}
          {published && (
            <Link className="btn-secondary" to={`/tasks?documentId=${id}`}>
              {l('Xem nhiệm vụ đã giao', 'Tracked tasks')}
            </Link>
          )}
        </div>
      </div>
      <ErrorBox error={error} />
      {pastDue && !published && (
        <div className="alert alert-warning">
          <button type="button" className="btn-secondary" disabled={busy} onClick={() => publish(true)}>
            {l('Vẫn ban hành với hạn đã qua', 'Publish with past due dates')}
          </button>
        </div>
      )}
      {notice && (
        <div className="alert alert-ok" role="status">
          {notice}
        </div>
      )}
      {published && (
        <div className="alert alert-info" role="status">
          {l('Văn bản đã được ban hành theo dõi; bản rà soát chỉ để xem.', 'Already published; read only.')}
        </div>
      )}
      {(placed.general.length > 0 || unresolved > 0) && (
        <ul className="alert alert-warning" aria-label={l('Cảnh báo', 'Warnings')}>
          {placed.general.map((w) => (
            <li key={w}>⚠ {w}</li>
          ))}
          {unresolved > 0 && (
            <li>
              ⚠{' '}
              {l(
                `${unresolved} nhiệm vụ chưa có cơ quan chủ trì trong danh mục — chọn cơ quan trước khi ban hành.`,
                `${unresolved} tasks have no registry lead agency.`,
              )}
            </li>
          )}
        </ul>
      )}
      <div className="review-grid">
        <div className="source-pane">
          <h2>{l('Văn bản gốc', 'Source text')}</h2>
          <div className="source-text" ref={sourceRef} data-testid="source-text">
            {segments}
          </div>
        </div>
        <div className="edit-pane">
          <h2>{l('Thông tin văn bản', 'Record')}</h2>
          <div className="record-grid">
            {field('number', l('Số', 'Number'))}
            {field('notation', l('Ký hiệu', 'Notation'))}
            {field('docType', l('Loại văn bản', 'Type'))}
            {field('place', l('Địa danh', 'Place'))}
            <div className="field">
              <DateInput
                label={l('Ngày ban hành', 'Date')}
                value={(record.date as string | null) ?? null}
                onChange={(v) => setField('date', v)}
              />
              {(placed.byField.get('date') ?? []).map((w) => (
                <span key={w} className="warning-text">
                  ⚠ {w}
                </span>
              ))}
            </div>
            {field('issuer', l('Cơ quan ban hành', 'Issuer'))}
          </div>
          {field('subject', l('Trích yếu', 'Subject'), true)}

          <h2>
            {l('Nhiệm vụ', 'Tasks')} ({tasks.length})
          </h2>
          <ol className="task-cards">
            {tasks.map((task, i) => (
              <li
                key={task.id ?? `new-${i}`}
                id={`task-card-${i}`}
                className={`task-card${activeTask === i ? ' active' : ''}`}
                data-testid="draft-task"
                onFocusCapture={() => setActiveTask(i)}
              >
                <div className="task-card-head">
                  <strong>
                    {t('task')} {task.ref ?? i + 1}
                  </strong>
                  {!published && (
                    <button
                      type="button"
                      className="btn-danger-link"
                      onClick={() => setTasks((list) => list.filter((_, j) => j !== i))}
                    >
                      {l('Xóa nhiệm vụ', 'Remove task')}
                    </button>
                  )}
                </div>
                {(placed.byTask.get(i) ?? []).map((w) => (
                  <p key={w} className="warning-text">
                    ⚠ {w}
                  </p>
                ))}
                <label className="field">
                  <span className="field-label">{t('text')}</span>
                  <textarea
                    rows={3}
                    value={task.text}
                    disabled={published}
                    onChange={(e) => setTask(i, { text: e.target.value })}
                  />
                </label>
                <AgencyPicker
                  label={t('lead')}
                  testId={`lead-${i}`}
                  registry={agencies}
                  ids={task.leadAgencyIds}
                  names={task.leadNames}
                  suggestions={suggestions}
                  disabled={published}
                  onChange={(next, learned) => {
                    setTask(i, { leadAgencyIds: next });
                    if (learned) learn(learned);
                  }}
                />
                <AgencyPicker
                  label={t('support')}
                  testId={`support-${i}`}
                  registry={agencies}
                  ids={task.supportAgencyIds}
                  names={task.supportNames}
                  suggestions={suggestions}
                  disabled={published}
                  onChange={(next, learned) => {
                    setTask(i, { supportAgencyIds: next });
                    if (learned) learn(learned);
                  }}
                />
                <div className="row">
                  <div className="field" data-testid={`due-${i}`}>
                    <DateInput label={t('due')} value={task.due} onChange={(v) => setTask(i, { due: v })} />
                    {task.dueText && (
                      <span className="field-hint">
                        {l('Trong văn bản', 'In the text')}: “{task.dueText}”
                      </span>
                    )}
                  </div>
                  <label className="field">
                    <span className="field-label">{t('recurrence')}</span>
                    <select
                      value={task.recurrence ?? ''}
                      onChange={(e) => setTask(i, { recurrence: e.target.value || null })}
                    >
                      {[
                        ...RECURRENCES,
                        ...(task.recurrence && !RECURRENCES.includes(task.recurrence as '')
                          ? [task.recurrence]
                          : []),
                      ].map((r) => (
                        <option key={r} value={r}>
                          {recurrenceLabel(r, l)}
                        </option>
                      ))}
                    </select>
                  </label>
                </div>
              </li>
            ))}
          </ol>
          {!published && (
            <button
              type="button"
              className="btn-secondary"
              onClick={() =>
                setTasks((list) => [
                  ...list,
                  {
                    text: '',
                    ref: String(list.length + 1),
                    leadNames: [],
                    supportNames: [],
                    leadAgencyIds: [],
                    supportAgencyIds: [],
                    due: null,
                    dueText: null,
                    recurrence: null,
                    span: null,
                  },
                ])
              }
            >
              + {l('Thêm nhiệm vụ', 'Add task')}
            </button>
          )}
        </div>
      </div>
    </section>
  );
}

function recurrenceLabel(value: string, l: (vi: string, en: string) => string): string {
  switch (value) {
    case '':
      return l('Không lặp lại', 'None');
    case 'daily':
      return l('Hằng ngày', 'Daily');
    case 'weekly':
      return l('Hằng tuần', 'Weekly');
    case 'monthly':
      return l('Hằng tháng', 'Monthly');
    case 'quarterly':
      return l('Hằng quý', 'Quarterly');
    case 'half-yearly':
      return l('6 tháng một lần', 'Half-yearly');
    case 'yearly':
      return l('Hằng năm', 'Yearly');
    default:
      return value;
  }
}
