import { type FormEvent, useMemo, useState } from 'react';
import { api, type Role, type User } from '../api.ts';
import { agencyLabel, sortAgencies } from '../format.ts';
import { type MessageKey, useI18n } from '../i18n.tsx';
import { ErrorBox, Field, Loading, useLoad } from '../ui.tsx';

const ROLES: Role[] = ['admin', 'officer', 'leader', 'agency', 'viewer'];
const ROLE_KEY: Record<Role, MessageKey> = {
  admin: 'roleAdmin',
  officer: 'roleOfficer',
  leader: 'roleLeader',
  agency: 'roleAgency',
  viewer: 'roleViewer',
};

export function AdminUsers() {
  const { l, t } = useI18n();
  const users = useLoad(() => api.users(), []);
  const agencies = useLoad(() => api.agencies(), []);
  const sorted = useMemo(() => sortAgencies(agencies.data?.items ?? []), [agencies.data]);
  const [error, setError] = useState<unknown>(null);
  const [flash, setFlash] = useState<string | null>(null);

  async function run(action: () => Promise<unknown>, done: string) {
    setError(null);
    setFlash(null);
    try {
      await action();
      setFlash(done);
      users.reload();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">{t('navUsers')}</h1>
      <ErrorBox error={error} />
      {flash && (
        <div className="alert alert-ok" role="status">
          {flash}
        </div>
      )}
      <CreateUser
        agencies={sorted}
        onCreate={(body) => run(() => api.createUser(body), l('Đã tạo người dùng.', 'User created.'))}
      />
      {users.loading && !users.data ? <Loading /> : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('username')}</th>
              <th scope="col">{l('Họ tên', 'Name')}</th>
              <th scope="col">{l('Vai trò', 'Role')}</th>
              <th scope="col">{t('agency')}</th>
              <th scope="col">{l('Trạng thái', 'State')}</th>
            </tr>
          </thead>
          <tbody>
            {(users.data?.items ?? []).map((u: User) => (
              <tr key={u.id}>
                <td>{u.username}</td>
                <td>{u.displayName}</td>
                <td>
                  <select
                    aria-label={`${l('Vai trò của', 'Role of')} ${u.username}`}
                    value={u.role}
                    onChange={(e) =>
                      run(
                        () => api.updateUser(u.id, { role: e.target.value as Role }),
                        l('Đã đổi vai trò.', 'Role changed.'),
                      )
                    }
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(ROLE_KEY[r])}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{u.agencyName ?? ''}</td>
                <td>
                  <button
                    type="button"
                    className="btn-secondary"
                    onClick={() =>
                      run(
                        () => api.updateUser(u.id, { active: u.active === false }),
                        u.active === false
                          ? l('Đã mở khóa.', 'Enabled.')
                          : l('Đã khóa tài khoản.', 'Disabled.'),
                      )
                    }
                  >
                    {u.active === false ? l('Mở khóa', 'Enable') : l('Khóa', 'Disable')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function CreateUser({
  agencies,
  onCreate,
}: {
  agencies: { id: number; name: string }[];
  onCreate: (body: Partial<User> & { password: string }) => void;
}) {
  const { l, t } = useI18n();
  const [form, setForm] = useState({
    username: '',
    displayName: '',
    password: '',
    role: 'agency' as Role,
    agencyId: '',
  });
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="card"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        if (form.role === 'agency' && !form.agencyId) {
          setProblem(l('Cán bộ đơn vị phải thuộc một cơ quan.', 'An agency officer needs an agency.'));
          return;
        }
        setProblem(null);
        onCreate({ ...form, agencyId: form.agencyId ? Number(form.agencyId) : null });
        setForm({ ...form, username: '', displayName: '', password: '' });
      }}
    >
      <h2>{l('Thêm người dùng', 'Add user')}</h2>
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
      <div className="row">
        <Field label={t('username')}>
          <input
            required
            value={form.username}
            onChange={(e) => setForm({ ...form, username: e.target.value })}
          />
        </Field>
        <Field label={l('Họ tên', 'Name')}>
          <input
            required
            value={form.displayName}
            onChange={(e) => setForm({ ...form, displayName: e.target.value })}
          />
        </Field>
        <Field label={t('password')}>
          <input
            required
            type="password"
            minLength={8}
            autoComplete="new-password"
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
          />
        </Field>
        <Field label={l('Vai trò', 'Role')}>
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(ROLE_KEY[r])}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('agency')}>
          <select value={form.agencyId} onChange={(e) => setForm({ ...form, agencyId: e.target.value })}>
            <option value="">—</option>
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {agencyLabel(a)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <button type="submit" className="btn-primary">
        {l('Tạo', 'Create')}
      </button>
    </form>
  );
}
