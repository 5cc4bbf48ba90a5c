import { type FormEvent, useEffect, useState } from 'react';
import { api, type Row } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { ErrorBox, Loading, useLoad } from '../ui.tsx';

// Vietnamese labels for the settings the server is known to keep; others show their key.
const LABELS: Record<string, [string, string]> = {
  reminders: ['Nhắc việc (đôn đốc)', 'Reminders'],
  smtp: ['Máy chủ thư (SMTP)', 'Mail server (SMTP)'],
  daysBefore: ['Nhắc trước hạn (số ngày, cách nhau bởi dấu phẩy)', 'Days before due (comma separated)'],
  reminderDays: ['Nhắc trước hạn (số ngày)', 'Reminder days'],
  overdueEveryDays: ['Nhắc lại khi quá hạn (mỗi bao nhiêu ngày)', 'Repeat when overdue (days)'],
  enabled: ['Bật', 'Enabled'],
  host: ['Máy chủ', 'Host'],
  port: ['Cổng', 'Port'],
  secure: ['Dùng TLS', 'TLS'],
  user: ['Tài khoản', 'User'],
  username: ['Tài khoản', 'User'],
  password: ['Mật khẩu', 'Password'],
  from: ['Địa chỉ gửi', 'From address'],
  sendHour: ['Giờ gửi trong ngày', 'Send hour'],
};

type Value = string | number | boolean | null | number[] | string[] | Row;

export function AdminSettings() {
  const { l, lang } = useI18n();
  const loaded = useLoad(() => api.settings(), []);
  const [draft, setDraft] = useState<Row | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [flash, setFlash] = useState<string | null>(null);
  useEffect(() => {
    if (loaded.data) setDraft(structuredClone(loaded.data));
  }, [loaded.data]);

  const label = (key: string) => {
    const pair = LABELS[key];
    return pair ? (lang === 'en' ? pair[1] : pair[0]) : key;
  };

  function setAt(path: string[], value: Value) {
    setDraft((d) => {
      const next = structuredClone(d ?? {});
      let cur: Row = next;
      for (const p of path.slice(0, -1)) cur = cur[p] as Row;
      cur[path[path.length - 1] ?? ''] = value;
      return next;
    });
  }

  function render(obj: Row, path: string[]): React.ReactNode {
    return Object.entries(obj).map(([key, value]) => {
      const p = [...path, key];
      const id = `set-${p.join('-')}`;
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        return (
          <fieldset key={id} className="card">
            <legend>{label(key)}</legend>
            {render(value as Row, p)}
          </fieldset>
        );
      }
      if (typeof value === 'boolean') {
        return (
          <label key={id} className="field inline">
            <input type="checkbox" checked={value} onChange={(e) => setAt(p, e.target.checked)} />{' '}
            {label(key)}
          </label>
        );
      }
      if (Array.isArray(value)) {
        return (
          <label key={id} className="field">
            <span className="field-label">{label(key)}</span>
            <input
              value={value.join(', ')}
              onChange={(e) =>
                setAt(
                  p,
                  e.target.value
                    .split(',')
                    .map((s) => s.trim())
                    .filter(Boolean)
                    .map((s) => (/^-?\d+$/.test(s) ? Number(s) : s)) as number[],
                )
              }
            />
          </label>
        );
      }
      return (
        <label key={id} className="field">
          <span className="field-label">{label(key)}</span>
          <input
            type={typeof value === 'number' ? 'number' : /password/i.test(key) ? 'password' : 'text'}
            value={value === null || value === undefined ? '' : String(value)}
            onChange={(e) =>
              setAt(p, typeof value === 'number' ? Number(e.target.value) : e.target.value || null)
            }
          />
        </label>
      );
    });
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!draft) return;
    setError(null);
    setFlash(null);
    try {
      await api.saveSettings(draft);
      setFlash(l('Đã lưu cấu hình.', 'Settings saved.'));
      loaded.reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">{l('Cấu hình nhắc việc và thư điện tử', 'Reminder and mail settings')}</h1>
      <ErrorBox error={loaded.error ?? error} />
      {flash && (
        <div className="alert alert-ok" role="status">
          {flash}
        </div>
      )}
      {!draft && loaded.loading ? <Loading /> : null}
      {draft && (
        <form onSubmit={save} className="settings-form">
          {render(draft, [])}
          <button type="submit" className="btn-primary">
            {l('Lưu cấu hình', 'Save settings')}
          </button>
        </form>
      )}
    </section>
  );
}
