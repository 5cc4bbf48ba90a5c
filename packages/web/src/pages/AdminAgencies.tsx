import { type FormEvent, useMemo, useState } from 'react';
import { type Agency, api } from '../api.ts';
import { agencyLabel, fold, formatDate, sortAgencies, todayIso } from '../format.ts';
import { useI18n } from '../i18n.tsx';
import { ErrorBox, Field, Loading, useLoad } from '../ui.tsx';
import { DateInput } from '../widgets.tsx';

export function AdminAgencies() {
  const { l, t } = useI18n();
  const loaded = useLoad(() => api.agencies({ includeDissolved: true }), []);
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const all = useMemo(() => sortAgencies(loaded.data?.items ?? []), [loaded.data]);
  const byId = useMemo(() => new Map(all.map((a) => [a.id, a])), [all]);
  const shown = all.filter((a) => !filter || fold(a.name).includes(fold(filter)));
  const active = all.filter((a) => !a.dissolvedAt);

  async function run<T>(action: () => Promise<T>, done: string | ((result: T) => string)) {
    setError(null);
    setFlash(null);
    try {
      const result = await action();
      setFlash(typeof done === 'string' ? done : done(result));
      loaded.reload();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section aria-labelledby="agencies-title">
      <h1 id="agencies-title">{t('navAgencies')}</h1>
      <ErrorBox error={error} />
      {flash && (
        <div className="alert alert-ok" role="status">
          {flash}
        </div>
      )}
      <div className="admin-grid">
        <CreateAgency
          onCreate={(body) => run(() => api.createAgency(body), l('Đã thêm cơ quan.', 'Agency added.'))}
        />
        <Succession
          agencies={active}
          onSubmit={(body) =>
            run(
              () => api.succession(body),
              (r) =>
                l(
                  `Đã ghi nhận kế thừa: ${r.movedTaskIds.length} nhiệm vụ chưa hoàn thành đã chuyển sang ${r.successor.name}.`,
                  `Succession recorded: ${r.movedTaskIds.length} open tasks moved to ${r.successor.name}.`,
                ),
            )
          }
        />
      </div>
      <div className="toolbar">
        <label className="field inline">
          <span className="field-label">{t('search')}</span>
          <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </label>
      </div>
      {loaded.loading && !loaded.data ? <Loading /> : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{l('Tên cơ quan', 'Name')}</th>
              <th scope="col">{l('Tên viết tắt', 'Short name')}</th>
              <th scope="col">{l('Tỉnh', 'Province')}</th>
              <th scope="col">{l('Tình trạng', 'State')}</th>
              <th scope="col">{l('Đổi tên', 'Rename')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((a) => (
              <tr key={a.id} className={a.dissolvedAt ? 'muted' : ''}>
                <td>{a.name}</td>
                <td>{a.shortName ?? ''}</td>
                <td>{a.province ?? ''}</td>
                <td>
                  {a.dissolvedAt
                    ? `${l('Đã giải thể/sáp nhập', 'Dissolved/merged')} ${formatDate(a.dissolvedAt)}${
                        a.successorId ? ` → ${byId.get(a.successorId)?.name ?? ''}` : ''
                      }`
                    : l('Đang hoạt động', 'Active')}
                </td>
                <td>
                  {!a.dissolvedAt && (
                    <Rename
                      agency={a}
                      onRename={(name) =>
                        run(() => api.updateAgency(a.id, { name }), l('Đã đổi tên cơ quan.', 'Renamed.'))
                      }
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Rename({ agency, onRename }: { agency: Agency; onRename: (name: string) => void }) {
  const { l } = useI18n();
  const [name, setName] = useState(agency.name);
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim() && name.trim() !== agency.name) onRename(name.trim());
      }}
    >
      <input
        aria-label={`${l('Tên mới cho', 'New name for')} ${agency.name}`}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <button type="submit" className="btn-secondary">
        {l('Lưu', 'Save')}
      </button>
    </form>
  );
}

function CreateAgency({ onCreate }: { onCreate: (body: Partial<Agency>) => void }) {
  const { l } = useI18n();
  const [name, setName] = useState('');
  const [shortName, setShortName] = useState('');
  const [province, setProvince] = useState('');
  return (
    <form
      className="card"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        if (!name.trim()) return;
        onCreate({
          name: name.trim(),
          shortName: shortName.trim() || null,
          province: province.trim() || null,
        });
        setName('');
        setShortName('');
      }}
    >
      <h2>{l('Thêm cơ quan', 'Add agency')}</h2>
      <Field label={l('Tên cơ quan', 'Name')}>
        <input required value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <div className="row">
        <Field label={l('Tên viết tắt', 'Short name')}>
          <input value={shortName} onChange={(e) => setShortName(e.target.value)} />
        </Field>
        <Field label={l('Tỉnh', 'Province')}>
          <input value={province} onChange={(e) => setProvince(e.target.value)} />
        </Field>
      </div>
      <button type="submit" className="btn-primary">
        {l('Thêm', 'Add')}
      </button>
    </form>
  );
}

function Succession({
  agencies,
  onSubmit,
}: {
  agencies: Agency[];
  onSubmit: (body: { fromIds: number[]; toId: number; effectiveDate: string; note: string }) => void;
}) {
  const { l } = useI18n();
  const [fromIds, setFromIds] = useState<string[]>([]);
  const [toId, setToId] = useState('');
  const [date, setDate] = useState<string | null>(todayIso());
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="card"
      onSubmit={(e) => {
        e.preventDefault();
        if (!fromIds.length || !toId || !date) {
          setProblem(l('Chọn cơ quan cũ, cơ quan kế thừa và ngày hiệu lực.', 'Choose agencies and a date.'));
          return;
        }
        if (fromIds.includes(toId)) {
          setProblem(
            l(
              'Cơ quan kế thừa không được nằm trong danh sách cơ quan cũ.',
              'Successor cannot be merged into itself.',
            ),
          );
          return;
        }
        setProblem(null);
        onSubmit({ fromIds: fromIds.map(Number), toId: Number(toId), effectiveDate: date, note });
        setFromIds([]);
      }}
    >
      <h2>{l('Sáp nhập / đổi tên (kế thừa)', 'Merge / succession')}</h2>
      <p className="muted small">
        {l(
          'Từ ngày hiệu lực, cơ quan cũ không nhận nhiệm vụ mới; các nhiệm vụ đang mở chuyển sang cơ quan kế thừa, nhiệm vụ đã hoàn thành giữ nguyên để báo cáo.',
          'From the effective date the old agencies get no new tasks; open tasks move to the successor; finished tasks stay for reporting.',
        )}
      </p>
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
      <Field label={l('Cơ quan cũ (giữ Ctrl để chọn nhiều)', 'Old agencies')}>
        <select
          multiple
          size={5}
          value={fromIds}
          onChange={(e) => setFromIds(Array.from(e.target.selectedOptions).map((o) => o.value))}
        >
          {agencies.map((a) => (
            <option key={a.id} value={String(a.id)}>
              {agencyLabel(a)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={l('Cơ quan kế thừa', 'Successor')}>
        <select value={toId} onChange={(e) => setToId(e.target.value)}>
          <option value="">—</option>
          {agencies.map((a) => (
            <option key={a.id} value={String(a.id)}>
              {agencyLabel(a)}
            </option>
          ))}
        </select>
      </Field>
      <div className="row">
        <div className="field">
          <DateInput label={l('Ngày hiệu lực', 'Effective date')} value={date} onChange={setDate} />
        </div>
        <Field label={l('Căn cứ (quyết định, ghi chú)', 'Note')}>
          <input value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
      </div>
      <button type="submit" className="btn-primary">
        {l('Ghi nhận kế thừa', 'Record succession')}
      </button>
    </form>
  );
}
