import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, type Task } from '../api.ts';
import { useUser } from '../auth.tsx';
import { isoDate, urgencyOf } from '../format.ts';
import { useI18n } from '../i18n.tsx';
import { ErrorBox, Loading, UrgencyBadge, useLoad } from '../ui.tsx';

const WEEKDAYS_VI = ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'];
const WEEKDAYS_EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Month grid of deadlines, weeks starting on Monday. */
export function CalendarPage() {
  const { l, lang } = useI18n();
  const user = useUser();
  const now = new Date();
  const [month, setMonth] = useState({ y: now.getFullYear(), m: now.getMonth() });
  const first = new Date(month.y, month.m, 1);
  const last = new Date(month.y, month.m + 1, 0);
  const from = isoDate(first);
  const to = isoDate(last);
  const loaded = useLoad(
    () =>
      api.allTasks({
        dueFrom: from,
        dueTo: to,
        sort: 'due',
        agencyId: user.role === 'agency' ? (user.agencyId ?? undefined) : undefined,
      }),
    [from, to],
  );
  const byDay = useMemo(() => {
    const map = new Map<string, Task[]>();
    for (const task of loaded.data?.items ?? []) {
      if (!task.due) continue;
      map.set(task.due, [...(map.get(task.due) ?? []), task]);
    }
    return map;
  }, [loaded.data]);

  const lead = (first.getDay() + 6) % 7;
  const cells: { key: string; day: Date | null }[] = [];
  for (let i = 0; i < lead; i++) cells.push({ key: `pre-${i}`, day: null });
  for (let d = 1; d <= last.getDate(); d++) cells.push({ key: `d-${d}`, day: new Date(month.y, month.m, d) });
  while (cells.length % 7) cells.push({ key: `post-${cells.length}`, day: null });
  const weeks: { key: string; cells: typeof cells }[] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push({ key: `w-${i}`, cells: cells.slice(i, i + 7) });
  const today = isoDate(now);
  const title = `${l('Tháng', 'Month')} ${month.m + 1}/${month.y}`;

  return (
    <section aria-labelledby="cal-title">
      <div className="page-head">
        <h1 id="cal-title">
          {l('Lịch hạn nhiệm vụ', 'Deadlines')} — {title}
        </h1>
        <div className="actions">
          <button
            type="button"
            className="btn-secondary"
            onClick={() => setMonth(({ y, m }) => (m === 0 ? { y: y - 1, m: 11 } : { y, m: m - 1 }))}
          >
            ‹ {l('Tháng trước', 'Previous')}
          </button>
          <button
            type="button"
            className="btn-secondary"
            onClick={() => setMonth({ y: now.getFullYear(), m: now.getMonth() })}
          >
            {l('Tháng này', 'This month')}
          </button>
          <button
            type="button"
            className="btn-secondary"
            onClick={() => setMonth(({ y, m }) => (m === 11 ? { y: y + 1, m: 0 } : { y, m: m + 1 }))}
          >
            {l('Tháng sau', 'Next')} ›
          </button>
        </div>
      </div>
      {user.role === 'agency' && user.agencyId !== null && <FeedLink agencyId={user.agencyId} />}
      <ErrorBox error={loaded.error} />
      {loaded.loading && !loaded.data ? <Loading /> : null}
      <table className="calendar">
        <caption className="sr-only">{title}</caption>
        <thead>
          <tr>
            {(lang === 'en' ? WEEKDAYS_EN : WEEKDAYS_VI).map((d) => (
              <th key={d} scope="col">
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week.key}>
              {week.cells.map(({ key, day }) => {
                if (!day) return <td key={key} className="cal-empty" />;
                const iso = isoDate(day);
                const tasks = byDay.get(iso) ?? [];
                return (
                  <td key={iso} className={iso === today ? 'cal-today' : ''}>
                    <div className="cal-day">{day.getDate()}</div>
                    <ul className="cal-tasks">
                      {tasks.slice(0, 4).map((task) => (
                        <li key={task.id} className={`cal-task urgency-${urgencyOf(task)}`}>
                          <Link to={`/tasks/${task.id}`} title={task.text}>
                            {task.leadAgency?.name ? `${task.leadAgency.name}: ` : ''}
                            {task.text.slice(0, 50)}
                          </Link>{' '}
                          <UrgencyBadge task={task} />
                        </li>
                      ))}
                      {tasks.length > 4 && (
                        <li>
                          <Link to={`/tasks?dueFrom=${iso}&dueTo=${iso}`}>
                            +{tasks.length - 4} {l('nhiệm vụ khác', 'more')}
                          </Link>
                        </li>
                      )}
                    </ul>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The agency's deadlines as an iCalendar feed for Outlook / Google Calendar / phones. */
function FeedLink({ agencyId }: { agencyId: number }) {
  const { l } = useI18n();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  return (
    <div className="feed">
      <button
        type="button"
        className="btn-secondary"
        onClick={async () => {
          setError(null);
          try {
            const r = await api.calendarToken(agencyId);
            setUrl(new URL(r.path, window.location.origin).toString());
          } catch (e) {
            setError(e);
          }
        }}
      >
        {l('Tạo đường dẫn lịch (iCalendar)', 'Create a calendar feed link (iCalendar)')}
      </button>
      {url && (
        <label className="field">
          <span className="field-label">
            {l(
              'Thêm đường dẫn này vào ứng dụng lịch (đường dẫn cũ hết hiệu lực):',
              'Add this link to your calendar app (the previous link stops working):',
            )}
          </span>
          <input readOnly value={url} onFocus={(e) => e.target.select()} />
        </label>
      )}
      <ErrorBox error={error} />
    </div>
  );
}
