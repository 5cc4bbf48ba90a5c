import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, type ReportQuery, type Row } from '../api.ts';
import { useUser } from '../auth.tsx';
import { formatDate, sortAgencies } from '../format.ts';
import { type MessageKey, useI18n } from '../i18n.tsx';
import { ErrorBox, Loading, useLoad } from '../ui.tsx';
import { AgencySelect } from '../widgets.tsx';
import { BUCKETS } from './Tasks.tsx';

// Reporting periods of Decree 09/2019 (Art. 12): month, quarter, 6 months, 9 months, year.
const PERIODS = [
  { value: 'month', vi: 'Tháng', en: 'Month', max: 12 },
  { value: 'quarter', vi: 'Quý', en: 'Quarter', max: 4 },
  { value: 'half', vi: '6 tháng (1: đầu năm, 2: cuối năm)', en: 'Half year', max: 2 },
  { value: 'nine-months', vi: '9 tháng', en: 'Nine months', max: 1 },
  { value: 'year', vi: 'Năm', en: 'Year', max: 1 },
] as const;

export function ReportsPage() {
  const { l, lang } = useI18n();
  const user = useUser();
  // An agency officer reports for their own agency only (the server enforces it too).
  const ownAgency = user.role === 'agency' ? user.agencyId : null;
  const agencies = useLoad(() => api.agencies(), []);
  const sorted = useMemo(() => sortAgencies(agencies.data?.items ?? []), [agencies.data]);
  const now = new Date();
  const [agencyId, setAgencyId] = useState('');
  const [period, setPeriod] = useState<string>('month');
  const [year, setYear] = useState(now.getFullYear());
  const [index, setIndex] = useState(now.getMonth() + 1);
  const [query, setQuery] = useState<ReportQuery | null>(null);
  const preview = useLoad(() => (query ? api.report(query) : Promise.resolve(null)), [JSON.stringify(query)]);
  const def = PERIODS.find((p) => p.value === period) ?? PERIODS[0];
  const current: ReportQuery = {
    agencyId: ownAgency ?? (agencyId || undefined),
    period,
    year,
    index: def.max > 1 ? Math.min(index, def.max) : undefined,
  };

  return (
    <section aria-labelledby="reports-title">
      <h1 id="reports-title">{l('Báo cáo tình hình thực hiện nhiệm vụ', 'Task reports')}</h1>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(current);
        }}
      >
        {ownAgency === null && <AgencySelect agencies={sorted} value={agencyId} onChange={setAgencyId} />}
        <label className="field">
          <span className="field-label">{l('Kỳ báo cáo', 'Period')}</span>
          <select value={period} onChange={(e) => setPeriod(e.target.value)}>
            {PERIODS.map((p) => (
              <option key={p.value} value={p.value}>
                {lang === 'en' ? p.en : p.vi}
              </option>
            ))}
          </select>
        </label>
        {def.max > 1 && (
          <label className="field">
            <span className="field-label">{lang === 'en' ? def.en : def.vi}</span>
            <select value={Math.min(index, def.max)} onChange={(e) => setIndex(Number(e.target.value))}>
              {Array.from({ length: def.max }, (_, i) => i + 1).map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span className="field-label">{l('Năm', 'Year')}</span>
          <input
            type="number"
            min={2000}
            max={2100}
            value={year}
            onChange={(e) => setYear(Number(e.target.value) || now.getFullYear())}
          />
        </label>
        <div className="filter-actions">
          <button type="submit" className="btn-primary">
            {l('Xem trước', 'Preview')}
          </button>
        </div>
      </form>
      <fieldset className="downloads">
        <legend className="sr-only">{l('Tải báo cáo', 'Download')}</legend>
        {(['xlsx', 'docx', 'csv'] as const).map((format) => (
          <a
            key={format}
            className="btn-secondary"
            href={api.reportExportUrl(format, current)}
            download
            data-testid={`download-${format}`}
          >
            {l('Tải', 'Download')} {format.toUpperCase()}
          </a>
        ))}
      </fieldset>
      <ErrorBox error={preview.error} />
      {query && preview.loading ? <Loading /> : null}
      {preview.data && <ReportPreview report={preview.data} />}
    </section>
  );
}

interface ReportTask {
  id: number;
  ref: string | null;
  text: string;
  documentNumber: string | null;
  leadAgencyName: string | null;
  due: string | null;
  completedOn: string | null;
  status: string;
  bucket: string;
  progressNote: string | null;
  progressPercent: number | null;
}

function ReportPreview({ report }: { report: Row }) {
  const { t, l } = useI18n();
  const figures = ((report.figures ?? report.buckets) as Row | undefined) ?? {};
  const tasks = (Array.isArray(report.tasks) ? report.tasks : []) as ReportTask[];
  const period = report.period as { label?: string; from?: string; to?: string } | undefined;
  const agency = report.agency as { name?: string } | null | undefined;
  const rate =
    typeof figures.onTimeRate === 'number' ? `${Math.round(figures.onTimeRate * 1000) / 10}%` : '—';
  return (
    <div className="card" data-testid="report-preview">
      <h2>
        {period?.label ?? l('Kết quả', 'Result')} — {agency?.name ?? l('Tất cả cơ quan', 'All agencies')}
      </h2>
      {period?.from && (
        <p className="muted">
          {l('Kỳ báo cáo', 'Window')}: {formatDate(period.from)} – {formatDate(period.to)} ·{' '}
          {l('số liệu tính đến', 'as of')} {formatDate(String(report.asOf ?? ''))}
        </p>
      )}
      <div className="table-wrap figures-table">
        <table>
          <tbody>
            {BUCKETS.map((b) => (
              <tr key={b}>
                <th scope="row">{t(`bucket_${b}` as MessageKey)}</th>
                <td data-testid={`report-${b}`}>{String(figures[b] ?? 0)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{l('Tổng số nhiệm vụ', 'Total tasks')}</th>
              <td>{String(figures.total ?? tasks.length)}</td>
            </tr>
            <tr>
              <th scope="row">{l('Tỷ lệ hoàn thành đúng hạn', 'On-time rate')}</th>
              <td>{rate}</td>
            </tr>
          </tbody>
        </table>
      </div>
      {tasks.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">{l('Danh sách nhiệm vụ', 'Tasks')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('document')}</th>
                <th scope="col">{t('task')}</th>
                <th scope="col">{t('lead')}</th>
                <th scope="col">{t('due')}</th>
                <th scope="col">{t('bucket')}</th>
                <th scope="col">{l('Tiến độ', 'Progress')}</th>
              </tr>
            </thead>
            <tbody>
              {tasks.map((task) => (
                <tr key={task.id}>
                  <td className="nowrap">{task.documentNumber ?? ''}</td>
                  <td>
                    <Link to={`/tasks/${task.id}`}>{task.text}</Link>
                  </td>
                  <td>{task.leadAgencyName ?? ''}</td>
                  <td className="nowrap">{task.due ? formatDate(task.due) : t('noDeadline')}</td>
                  <td>{t(`bucket_${task.bucket}` as MessageKey) ?? task.bucket}</td>
                  <td>
                    {task.progressPercent !== null ? `${task.progressPercent}% ` : ''}
                    {task.progressNote ?? ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
