import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, type Task, type TaskQuery } from '../api.ts';
import { sortAgencies, urgencyOf } from '../format.ts';
import { type MessageKey, useI18n } from '../i18n.tsx';
import { DueCell, ErrorBox, Loading, Pager, StatusLabel, useLoad } from '../ui.tsx';
import { AgencySelect, DateInput } from '../widgets.tsx';

// The official order (Decree 09/2019 reporting): done on time / late; open on time / overdue.
export const BUCKETS = ['done_on_time', 'done_late', 'open_on_time', 'open_overdue'] as const;
export const STATUSES = [
  'not_started',
  'in_progress',
  'awaiting_confirmation',
  'done',
  'returned',
  'paused',
] as const;
const PAGE_SIZES = [50, 100, 200] as const;
const FILTER_KEYS = ['agencyId', 'bucket', 'status', 'dueFrom', 'dueTo', 'documentId', 'q', 'sort'] as const;

export function TasksPage() {
  const { t, l } = useI18n();
  const [params, setParams] = useSearchParams();
  const pageSize = PAGE_SIZES.find((n) => String(n) === params.get('pageSize')) ?? 50;
  const query: TaskQuery = { page: Number(params.get('page') ?? '1') || 1, pageSize };
  for (const key of FILTER_KEYS) {
    const v = params.get(key);
    if (v) query[key] = v;
  }
  if (!query.sort) query.sort = 'due';
  const key = params.toString();
  const tasks = useLoad(() => api.tasks(query), [key]);
  const agencies = useLoad(() => api.agencies(), []);
  const documents = useLoad(() => api.documents({ status: 'published', pageSize: 200 }), []);
  const sortedAgencies = useMemo(() => sortAgencies(agencies.data?.items ?? []), [agencies.data]);
  const [q, setQ] = useState(params.get('q') ?? '');
  useEffect(() => setQ(params.get('q') ?? ''), [params]);

  useEffect(() => {
    if (tasks.data) performance.mark('dondoc:tasks-rendered');
  }, [tasks.data]);

  function set(name: string, value: string | null) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name !== 'page') next.delete('page');
    setParams(next);
  }

  // The server sorts by due (both ways), status and creation (newest first).
  const SORTABLE: Record<string, [string, string | null]> = {
    due: ['due', '-due'],
    status: ['status', null],
  };
  function sortBy(column: string) {
    const pair = SORTABLE[column];
    if (!pair) return;
    const current = query.sort ?? 'due';
    set('sort', current === pair[0] && pair[1] ? pair[1] : pair[0]);
  }

  function sortState(column: string): 'ascending' | 'descending' | 'none' {
    const current = query.sort ?? 'due';
    if (current === column) return 'ascending';
    if (current === `-${column}`) return 'descending';
    return 'none';
  }

  const header = (column: string, label: string) =>
    SORTABLE[column] ? (
      <th scope="col" aria-sort={sortState(column)}>
        <button type="button" className="sort-button" onClick={() => sortBy(column)}>
          {label}
          <span aria-hidden="true">
            {sortState(column) === 'ascending' ? ' ▲' : sortState(column) === 'descending' ? ' ▼' : ' ↕'}
          </span>
        </button>
      </th>
    ) : (
      <th scope="col">{label}</th>
    );

  return (
    <section aria-labelledby="tasks-title">
      <h1 id="tasks-title">{t('navTasks')}</h1>
      <form
        className="filters"
        aria-label={t('filter')}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          set('q', q.trim() || null);
        }}
      >
        <label className="field">
          <span className="field-label">{t('search')}</span>
          <input type="search" value={q} placeholder={t('freeText')} onChange={(e) => setQ(e.target.value)} />
        </label>
        <AgencySelect
          agencies={sortedAgencies}
          value={String(query.agencyId ?? '')}
          onChange={(v) => set('agencyId', v || null)}
        />
        <label className="field">
          <span className="field-label">{t('bucket')}</span>
          <select value={query.bucket ?? ''} onChange={(e) => set('bucket', e.target.value || null)}>
            <option value="">{t('any')}</option>
            {BUCKETS.map((b) => (
              <option key={b} value={b}>
                {t(`bucket_${b}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('status')}</span>
          <select value={query.status ?? ''} onChange={(e) => set('status', e.target.value || null)}>
            <option value="">{t('any')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status_${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('document')}</span>
          <select value={query.documentId ?? ''} onChange={(e) => set('documentId', e.target.value || null)}>
            <option value="">{t('any')}</option>
            {query.documentId &&
              !documents.data?.items.some((d) => String(d.id) === String(query.documentId)) && (
                <option value={query.documentId}>{query.documentId}</option>
              )}
            {(documents.data?.items ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {d.number ?? d.record?.number ?? ''} {d.subject ?? d.record?.subject ?? d.fileName}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{l('Sắp xếp', 'Sort')}</span>
          <select value={query.sort ?? 'due'} onChange={(e) => set('sort', e.target.value)}>
            <option value="due">{l('Hạn gần nhất trước', 'Nearest due first')}</option>
            <option value="-due">{l('Hạn xa nhất trước', 'Latest due first')}</option>
            <option value="created">{l('Mới giao trước', 'Newest first')}</option>
            <option value="status">{l('Theo trạng thái', 'By status')}</option>
          </select>
        </label>
        <div className="field">
          <DateInput label={t('dueFrom')} value={query.dueFrom ?? null} onChange={(v) => set('dueFrom', v)} />
        </div>
        <div className="field">
          <DateInput label={t('dueTo')} value={query.dueTo ?? null} onChange={(v) => set('dueTo', v)} />
        </div>
        <label className="field">
          <span className="field-label">{l('Số dòng mỗi trang', 'Rows per page')}</span>
          <select value={pageSize} onChange={(e) => set('pageSize', e.target.value)}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <div className="filter-actions">
          <button type="submit" className="btn-primary">
            {t('filter')}
          </button>
          <button type="button" className="btn-secondary" onClick={() => setParams(new URLSearchParams())}>
            {t('clear')}
          </button>
        </div>
      </form>
      <ErrorBox error={tasks.error} />
      {tasks.loading && !tasks.data ? <Loading /> : null}
      {tasks.data && (
        <>
          <TaskTable tasks={tasks.data.items} header={header} />
          <Pager
            page={query.page ?? 1}
            pageSize={pageSize}
            total={tasks.data.total}
            onPage={(p) => set('page', String(p))}
          />
        </>
      )}
      <p className="muted small">
        {l(
          'Màu đỏ: quá hạn; màu cam: đến hạn trong 3 ngày. Nhãn chữ đi kèm mỗi màu.',
          'Red: overdue; orange: due within 3 days. Each colour has a text label.',
        )}
      </p>
    </section>
  );
}

export function TaskTable({
  tasks,
  header,
}: {
  tasks: Task[];
  header?: (column: string, label: string) => React.ReactNode;
}) {
  const { t } = useI18n();
  const plain = (_column: string, label: string) => <th scope="col">{label}</th>;
  const h = header ?? plain;
  return (
    <div className="table-wrap">
      <table className="task-table" data-testid="task-table">
        <thead>
          <tr>
            {h('document', t('document'))}
            {h('text', t('task'))}
            {h('agency', t('lead'))}
            {h('due', t('due'))}
            {h('status', t('status'))}
          </tr>
        </thead>
        <tbody>
          {tasks.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                {t('noResults')}
              </td>
            </tr>
          )}
          {tasks.map((task) => (
            <tr key={task.id} className={`urgency-${urgencyOf(task)}`} data-testid="task-row">
              <td className="nowrap" data-label={t('document')}>
                {task.documentNumber ?? ''}
              </td>
              <td data-label={t('task')}>
                <Link to={`/tasks/${task.id}`}>
                  {task.text.length > 180 ? `${task.text.slice(0, 180)}…` : task.text}
                </Link>
              </td>
              <td data-label={t('lead')}>{task.leadAgency?.name ?? ''}</td>
              <td className="nowrap" data-label={t('due')}>
                <DueCell task={task} />
              </td>
              <td data-label={t('status')}>
                <StatusLabel status={task.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
