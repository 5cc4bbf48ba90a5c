import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, type Task } from './api.ts';
import { formatDate, urgencyOf } from './format.ts';
import { useI18n } from './i18n.tsx';

/** Load data with loading / error state; reload() re-runs it. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: deps are the caller's
  useEffect(() => {
    let live = true;
    setLoading(true);
    load()
      .then((d) => {
        if (!live) return;
        setData(d);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!live) return;
        setError(e instanceof ApiError ? e : new ApiError(0, 'client', String(e)));
      })
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload, setData };
}

export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="alert alert-error" role="alert">
      {message}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" aria-live="polite">
      {t('loading')}
    </p>
  );
}

export function Forbidden() {
  const { t } = useI18n();
  return (
    <section className="empty-page" aria-labelledby="forbidden-title">
      <h1 id="forbidden-title">{t('forbiddenTitle')}</h1>
      <p>{t('forbiddenText')}</p>
      <Link to="/">{t('backHome')}</Link>
    </section>
  );
}

export function NotFound() {
  const { t } = useI18n();
  return (
    <section className="empty-page" aria-labelledby="notfound-title">
      <h1 id="notfound-title">{t('notFoundTitle')}</h1>
      <p>{t('notFoundText')}</p>
      <Link to="/">{t('backHome')}</Link>
    </section>
  );
}

/** Page for an API error: 403 → "Không có quyền", 404 → not found, else the message. */
export function ErrorPage({ error }: { error: ApiError }) {
  if (error.status === 403) return <Forbidden />;
  if (error.status === 404) return <NotFound />;
  return <ErrorBox error={error} />;
}

export function UrgencyBadge({ task }: { task: Pick<Task, 'due' | 'status' | 'bucket' | 'dueSoon'> }) {
  const { t } = useI18n();
  const u = urgencyOf(task);
  const label =
    u === 'overdue'
      ? t('overdue')
      : u === 'soon'
        ? t('dueSoon')
        : u === 'done'
          ? t('doneLabel')
          : u === 'none'
            ? t('noDeadline')
            : t('onTrack');
  return <span className={`badge badge-${u}`}>{label}</span>;
}

export function DueCell({ task }: { task: Pick<Task, 'due' | 'status' | 'bucket' | 'dueSoon'> }) {
  const { t } = useI18n();
  return (
    <span className="due-cell">
      <span>{task.due ? formatDate(task.due) : t('noDeadline')}</span> <UrgencyBadge task={task} />
    </span>
  );
}

export function StatusLabel({ status }: { status: string }) {
  const { t } = useI18n();
  const key = `status_${status}` as Parameters<typeof t>[0];
  let label: string;
  try {
    label = t(key) ?? status;
  } catch {
    label = status;
  }
  return <span className={`status status-${status}`}>{label ?? status}</span>;
}

export function Field({ label, children, hint }: { label: string; children: ReactNode; hint?: string }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is passed as children
    <label className="field">
      <span className="field-label">{label}</span>
      {children}
      {hint ? <span className="field-hint">{hint}</span> : null}
    </label>
  );
}

export function Pager({
  page,
  pageSize,
  total,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const { t } = useI18n();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pager" aria-label={t('page')}>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        ‹ {t('previous')}
      </button>
      <span>
        {t('page')} {page} {t('of')} {pages} · {t('total')}: {total}
      </span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('next')} ›
      </button>
    </nav>
  );
}

export function personName(value: string | { displayName?: string } | null | undefined): string {
  if (!value) return '';
  return typeof value === 'string' ? value : (value.displayName ?? '');
}
