import { useMemo } from 'react';
import { api } from '../api.ts';
import { useUser } from '../auth.tsx';
import { useI18n } from '../i18n.tsx';
import { ErrorBox, Loading, useLoad } from '../ui.tsx';
import { TaskTable } from './Tasks.tsx';

/** The agency officer's work list: open tasks of my agency, nearest deadline first. */
export function InboxPage() {
  const { l, t } = useI18n();
  const user = useUser();
  const loaded = useLoad(
    () => api.allTasks({ agencyId: user.agencyId ?? undefined, sort: 'due' }),
    [user.agencyId],
  );
  const { open, done } = useMemo(() => {
    const items = [...(loaded.data?.items ?? [])].sort((a, b) =>
      (a.due ?? '9999-12-31').localeCompare(b.due ?? '9999-12-31'),
    );
    return { open: items.filter((x) => x.status !== 'done'), done: items.filter((x) => x.status === 'done') };
  }, [loaded.data]);
  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">
        {t('navInbox')}
        {user.agencyName ? `: ${user.agencyName}` : ''}
      </h1>
      <ErrorBox error={loaded.error} />
      {loaded.loading && !loaded.data ? <Loading /> : null}
      {loaded.data && (
        <>
          <h2>
            {l('Đang theo dõi', 'Open')} ({open.length})
          </h2>
          <TaskTable tasks={open} />
          <h2>
            {l('Đã hoàn thành', 'Done')} ({done.length})
          </h2>
          <TaskTable tasks={done} />
        </>
      )}
    </section>
  );
}
