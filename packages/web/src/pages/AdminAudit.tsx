import { useState } from 'react';
import { api } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { useI18n } from '../i18n.tsx';
import { ErrorBox, Loading, Pager, useLoad } from '../ui.tsx';

export function AdminAudit() {
  const { l, t } = useI18n();
  const [entity, setEntity] = useState('');
  const [page, setPage] = useState(1);
  const loaded = useLoad(() => api.audit({ entity: entity || undefined, page }), [entity, page]);
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{l('Nhật ký hệ thống', 'Audit log')}</h1>
      <div className="toolbar">
        <label className="field inline">
          <span className="field-label">{l('Đối tượng', 'Entity')}</span>
          <select
            value={entity}
            onChange={(e) => {
              setEntity(e.target.value);
              setPage(1);
            }}
          >
            <option value="">{t('any')}</option>
            <option value="document">{l('Văn bản', 'Document')}</option>
            <option value="task">{l('Nhiệm vụ', 'Task')}</option>
            <option value="agency">{l('Cơ quan', 'Agency')}</option>
            <option value="user">{l('Người dùng', 'User')}</option>
            <option value="settings">{l('Cấu hình', 'Settings')}</option>
          </select>
        </label>
      </div>
      <ErrorBox error={loaded.error} />
      {loaded.loading && !loaded.data ? <Loading /> : null}
      {loaded.data && (
        <>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{l('Thời điểm', 'Time')}</th>
                  <th scope="col">{l('Người thực hiện', 'User')}</th>
                  <th scope="col">{l('Thao tác', 'Action')}</th>
                  <th scope="col">{l('Đối tượng', 'Entity')}</th>
                  <th scope="col">{l('Chi tiết', 'Details')}</th>
                </tr>
              </thead>
              <tbody>
                {loaded.data.items.map((a) => (
                  <tr key={a.id}>
                    <td className="nowrap">{formatDateTime(a.at)}</td>
                    <td>{a.username ?? a.userId ?? ''}</td>
                    <td>{a.action}</td>
                    <td>
                      {a.entity ?? ''} {a.entityId ?? ''}
                    </td>
                    <td>
                      <code className="details">
                        {a.after !== undefined && a.after !== null
                          ? JSON.stringify(a.after).slice(0, 240)
                          : ''}
                      </code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={page} pageSize={50} total={loaded.data.total} onPage={setPage} />
        </>
      )}
    </section>
  );
}
