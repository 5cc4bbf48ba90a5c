import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, type BucketFigures, type Row } from '../api.ts';
import { sortAgencies } from '../format.ts';
import { type MessageKey, useI18n } from '../i18n.tsx';
import { ErrorBox, Loading, useLoad } from '../ui.tsx';
import { AgencySelect, DateInput } from '../widgets.tsx';
import { BUCKETS, TaskTable } from './Tasks.tsx';

type BucketKey = (typeof BUCKETS)[number];
const CAMEL: Record<BucketKey, string> = {
  done_on_time: 'doneOnTime',
  done_late: 'doneLate',
  open_on_time: 'openOnTime',
  open_overdue: 'openOverdue',
};

function num(row: Row, key: BucketKey): number {
  const source = (row.buckets as Row | undefined) ?? row;
  const v = source[key] ?? source[CAMEL[key]];
  return typeof v === 'number' ? v : Number(v ?? 0) || 0;
}

function nested(row: Row, key: string): Row | undefined {
  const v = row[key];
  return v && typeof v === 'object' ? (v as Row) : undefined;
}

function str(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

function taskLink(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  return `/tasks?${q.toString()}`;
}

function monthRange(month: string): { dueFrom: string; dueTo: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(y ?? 1970, m ?? 1, 0).getDate();
  return { dueFrom: `${month}-01`, dueTo: `${month}-${String(last).padStart(2, '0')}` };
}

export function DashboardPage() {
  const { t, l } = useI18n();
  const [agencyId, setAgencyId] = useState('');
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const data = useLoad(
    () => api.dashboard({ agencyId: agencyId || undefined, from: from ?? undefined, to: to ?? undefined }),
    [agencyId, from, to],
  );
  const agencies = useLoad(() => api.agencies(), []);
  const sorted = useMemo(() => sortAgencies(agencies.data?.items ?? []), [agencies.data]);
  const d = data.data;
  const range = { dueFrom: from ?? undefined, dueTo: to ?? undefined };

  return (
    <section aria-labelledby="dash-title">
      <h1 id="dash-title">{l('Tổng quan tình hình thực hiện nhiệm vụ', 'Task dashboard')}</h1>
      <div className="filters">
        <AgencySelect agencies={sorted} value={agencyId} onChange={setAgencyId} />
        <div className="field">
          <DateInput label={l('Từ ngày', 'From')} value={from} onChange={setFrom} />
        </div>
        <div className="field">
          <DateInput label={l('Đến ngày', 'To')} value={to} onChange={setTo} />
        </div>
      </div>
      <ErrorBox error={data.error} />
      {!d && data.loading ? <Loading /> : null}
      {d && (
        <>
          <BucketCards buckets={d.buckets} agencyId={agencyId} range={range} />
          <ul className="legend" aria-label={l('Chú giải màu', 'Legend')}>
            {BUCKETS.map((b) => (
              <li key={b}>
                <span className={`swatch seg-${b}`} aria-hidden="true" /> {t(`bucket_${b}` as MessageKey)}
              </li>
            ))}
          </ul>
          <div className="chart-grid">
            <div className="card">
              <h2>{l('Theo cơ quan', 'By agency')}</h2>
              <StackedBars
                rows={d.byAgency}
                label={(r) => str(nested(r, 'agency')?.name ?? r.agencyName ?? r.name)}
                link={(r, bucket) =>
                  taskLink({ agencyId: str(nested(r, 'agency')?.id ?? r.agencyId ?? r.id), bucket, ...range })
                }
              />
            </div>
            <div className="card">
              <h2>{l('Theo tháng (hạn)', 'By month (due)')}</h2>
              <StackedBars
                rows={d.byMonth}
                label={(r) => {
                  const m = str(r.month);
                  return /^\d{4}-\d{2}$/.test(m) ? `${m.slice(5)}/${m.slice(0, 4)}` : m;
                }}
                link={(r, bucket) => {
                  const m = str(r.month);
                  return taskLink({
                    agencyId: agencyId || undefined,
                    bucket,
                    ...(/^\d{4}-\d{2}$/.test(m) ? monthRange(m) : {}),
                  });
                }}
              />
            </div>
            <div className="card">
              <h2>{l('Theo văn bản', 'By document')}</h2>
              <StackedBars
                rows={d.byDocument}
                label={(r) => {
                  const doc = nested(r, 'document');
                  return str(
                    doc?.number ?? r.documentNumber ?? r.number ?? doc?.subject ?? r.subject ?? r.fileName,
                  );
                }}
                link={(r, bucket) =>
                  taskLink({
                    documentId: str(nested(r, 'document')?.id ?? r.documentId ?? r.id),
                    agencyId: agencyId || undefined,
                    bucket,
                  })
                }
              />
            </div>
            <div className="card">
              <h2>{l('Xếp hạng cơ quan theo tỷ lệ đúng hạn', 'Agencies by on-time rate')}</h2>
              <Ranking rows={d.ranking} />
            </div>
          </div>
          <div className="card">
            <h2>
              {l('Nhiệm vụ quá hạn', 'Overdue tasks')} ({d.overdue.length})
            </h2>
            <TaskTable tasks={d.overdue} />
          </div>
          {d.dueSoon && (
            <div className="card">
              <h2>
                {l('Nhiệm vụ sắp đến hạn', 'Due soon')} ({d.dueSoon.length})
              </h2>
              <TaskTable tasks={d.dueSoon} />
            </div>
          )}
        </>
      )}
    </section>
  );
}

function BucketCards({
  buckets,
  agencyId,
  range,
}: {
  buckets: BucketFigures;
  agencyId: string;
  range: { dueFrom?: string; dueTo?: string };
}) {
  const { t, l } = useI18n();
  const total = BUCKETS.reduce((n, b) => n + (buckets[b] ?? 0), 0);
  return (
    <div className="bucket-cards" data-testid="bucket-cards">
      {BUCKETS.map((b) => (
        <Link
          key={b}
          to={taskLink({ bucket: b, agencyId: agencyId || undefined, ...range })}
          className={`bucket-card bucket-${b}`}
          data-testid={`bucket-${b}`}
        >
          <span className="bucket-figure">{buckets[b] ?? 0}</span>
          <span className="bucket-label">{t(`bucket_${b}` as MessageKey)}</span>
          <span className="bucket-share">{total ? Math.round(((buckets[b] ?? 0) * 100) / total) : 0}%</span>
        </Link>
      ))}
      <div className="bucket-card bucket-extra">
        <span className="bucket-figure" data-testid="bucket-due_soon">
          {buckets.due_soon ?? 0}
        </span>
        <span className="bucket-label">{l('Sắp đến hạn', 'Due soon')}</span>
        <span className="bucket-share">
          {l('Không có hạn', 'No deadline')}: {buckets.no_deadline ?? 0}
        </span>
      </div>
    </div>
  );
}

function StackedBars({
  rows,
  label,
  link,
}: {
  rows: Row[];
  label: (row: Row) => string;
  link: (row: Row, bucket: BucketKey) => string;
}) {
  const { t } = useI18n();
  const max = Math.max(1, ...rows.map((r) => BUCKETS.reduce((n, b) => n + num(r, b), 0)));
  if (rows.length === 0) return <p className="muted">{t('noResults')}</p>;
  return (
    <ul className="bars">
      {rows.map((row) => {
        const name = label(row) || '—';
        const total = BUCKETS.reduce((n, b) => n + num(row, b), 0);
        return (
          <li key={name} className="bar-row">
            <span className="bar-label" title={name}>
              {name}
            </span>
            <span className="bar-track">
              {BUCKETS.map((b) => {
                const v = num(row, b);
                if (!v) return null;
                return (
                  <Link
                    key={b}
                    to={link(row, b)}
                    className={`bar-seg seg-${b}`}
                    style={{ width: `${(v / max) * 100}%` }}
                    title={`${t(`bucket_${b}` as MessageKey)}: ${v}`}
                    aria-label={`${name} — ${t(`bucket_${b}` as MessageKey)}: ${v}`}
                  >
                    {v}
                  </Link>
                );
              })}
            </span>
            <span className="bar-total">{total}</span>
          </li>
        );
      })}
    </ul>
  );
}

function Ranking({ rows }: { rows: Row[] }) {
  const { t, l } = useI18n();
  if (rows.length === 0) return <p className="muted">{t('noResults')}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">{t('agency')}</th>
          <th scope="col">{l('Tỷ lệ đúng hạn', 'On-time rate')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => {
          const agency = nested(r, 'agency');
          const id = str(agency?.id ?? r.agencyId);
          const rate = Number(r.onTimeRate ?? r.rate ?? 0);
          const pct = rate <= 1 ? Math.round(rate * 100) : Math.round(rate);
          return (
            <tr key={id || str(agency?.name ?? r.agencyName ?? r.name)}>
              <td>{i + 1}</td>
              <td>
                <Link to={taskLink({ agencyId: id })}>{str(agency?.name ?? r.agencyName ?? r.name)}</Link>
              </td>
              <td>
                <span className="rate">
                  <span className="rate-bar" style={{ width: `${pct}%` }} />
                  <span>{pct}%</span>
                </span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
