import { type FormEvent, useEffect, useState } from 'react';
import { api, type ReminderSettings, type SmtpSettings } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { ErrorBox, Field, Loading, useLoad } from '../ui.tsx';

export function AdminSettings() {
  const { l } = useI18n();
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">{l('Cấu hình nhắc việc và thư điện tử', 'Reminder and mail settings')}</h1>
      <div className="admin-grid">
        <ReminderForm />
        <SmtpForm />
      </div>
      <p className="muted small">
        {l(
          'Giao diện tô màu cam các nhiệm vụ đến hạn trong 3 ngày; "sắp đến hạn" trong thống kê dùng số ngày cấu hình ở đây.',
          'The UI marks tasks due within 3 days in orange; the "due soon" figure uses the days set here.',
        )}
      </p>
    </section>
  );
}

function useFlash() {
  const [error, setError] = useState<unknown>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const view = (
    <>
      <ErrorBox error={error} />
      {flash && (
        <div className="alert alert-ok" role="status">
          {flash}
        </div>
      )}
    </>
  );
  return { setError, setFlash, view };
}

function ReminderForm() {
  const { l } = useI18n();
  const loaded = useLoad(() => api.reminderSettings(), []);
  const [form, setForm] = useState<ReminderSettings | null>(null);
  const [days, setDays] = useState('');
  const { setError, setFlash, view } = useFlash();
  useEffect(() => {
    if (loaded.data) {
      setForm(loaded.data);
      setDays(loaded.data.daysBefore.join(', '));
    }
  }, [loaded.data]);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    const list = days
      .split(/[,;\s]+/)
      .filter(Boolean)
      .map(Number);
    if (list.some((n) => !Number.isInteger(n) || n < 1 || n > 365)) {
      setError(new Error(l('Số ngày nhắc trước hạn phải là số nguyên từ 1 đến 365.', 'Days must be 1–365.')));
      return;
    }
    setError(null);
    setFlash(null);
    try {
      const saved = await api.saveReminderSettings({ ...form, daysBefore: list });
      setForm(saved);
      setDays(saved.daysBefore.join(', '));
      setFlash(l('Đã lưu cấu hình nhắc việc.', 'Reminder settings saved.'));
    } catch (err) {
      setError(err);
    }
  }

  return (
    <form className="card" onSubmit={save}>
      <h2>{l('Nhắc việc (đôn đốc)', 'Reminders')}</h2>
      <ErrorBox error={loaded.error} />
      {view}
      {!form ? (
        <Loading />
      ) : (
        <>
          <Field
            label={l('Nhắc trước hạn (số ngày)', 'Remind before due (days)')}
            hint={l('Cách nhau bởi dấu phẩy, ví dụ: 7, 3, 1', 'Comma separated, e.g. 7, 3, 1')}
          >
            <input value={days} onChange={(e) => setDays(e.target.value)} />
          </Field>
          <div className="row">
            <Field label={l('Nhắc lại khi quá hạn (mỗi … ngày)', 'Repeat when overdue (days)')}>
              <input
                type="number"
                min={1}
                max={365}
                value={form.overdueEveryDays}
                onChange={(e) => setForm({ ...form, overdueEveryDays: Number(e.target.value) })}
              />
            </Field>
            <Field label={l('Giờ gửi trong ngày (0–23)', 'Send hour (0–23)')}>
              <input
                type="number"
                min={0}
                max={23}
                value={form.sendHour}
                onChange={(e) => setForm({ ...form, sendHour: Number(e.target.value) })}
              />
            </Field>
            <Field label={l('"Sắp đến hạn" trong thống kê (số ngày)', '"Due soon" window (days)')}>
              <input
                type="number"
                min={0}
                max={365}
                value={form.dueSoonDays}
                onChange={(e) => setForm({ ...form, dueSoonDays: Number(e.target.value) })}
              />
            </Field>
          </div>
          <label className="field inline">
            <input
              type="checkbox"
              checked={form.digestEnabled}
              onChange={(e) => setForm({ ...form, digestEnabled: e.target.checked })}
            />
            <span>{l('Gửi thư tổng hợp hằng ngày', 'Send a daily digest')}</span>
          </label>
          <button type="submit" className="btn-primary">
            {l('Lưu cấu hình nhắc việc', 'Save reminder settings')}
          </button>
        </>
      )}
    </form>
  );
}

function SmtpForm() {
  const { l } = useI18n();
  const loaded = useLoad(() => api.smtpSettings(), []);
  const [form, setForm] = useState<SmtpSettings | null>(null);
  const [pass, setPass] = useState('');
  const [testTo, setTestTo] = useState('');
  const { setError, setFlash, view } = useFlash();
  useEffect(() => {
    if (loaded.data) setForm(loaded.data);
  }, [loaded.data]);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    setError(null);
    setFlash(null);
    try {
      const saved = await api.saveSmtpSettings({
        host: form.host || null,
        port: form.port,
        secure: form.secure,
        user: form.user || null,
        from: form.from || null,
        ...(pass ? { pass } : {}),
      });
      setForm(saved);
      setPass('');
      setFlash(l('Đã lưu cấu hình SMTP.', 'SMTP settings saved.'));
    } catch (err) {
      setError(err);
    }
  }

  async function test() {
    setError(null);
    setFlash(null);
    try {
      const r = await api.testSmtp(testTo.trim() || undefined);
      setFlash(l(`Đã gửi thư kiểm tra tới ${r.to}.`, `Test mail sent to ${r.to}.`));
    } catch (err) {
      setError(err);
    }
  }

  return (
    <form className="card" onSubmit={save}>
      <h2>{l('Máy chủ thư (SMTP)', 'Mail server (SMTP)')}</h2>
      <ErrorBox error={loaded.error} />
      {view}
      {!form ? (
        <Loading />
      ) : (
        <>
          <p className="muted small">
            {form.source === 'settings'
              ? l('Đang gửi thư theo cấu hình dưới đây.', 'Mail goes out with these settings.')
              : form.source === 'env'
                ? l('Đang dùng DONDOC_SMTP_URL của máy chủ.', 'Using the server’s DONDOC_SMTP_URL.')
                : l(
                    'Chưa cấu hình: chỉ thông báo trong hệ thống.',
                    'Not configured: in-app notifications only.',
                  )}
          </p>
          <div className="row">
            <Field label={l('Máy chủ', 'Host')}>
              <input value={form.host ?? ''} onChange={(e) => setForm({ ...form, host: e.target.value })} />
            </Field>
            <Field label={l('Cổng', 'Port')}>
              <input
                type="number"
                min={1}
                max={65535}
                value={form.port}
                onChange={(e) => setForm({ ...form, port: Number(e.target.value) })}
              />
            </Field>
          </div>
          <label className="field inline">
            <input
              type="checkbox"
              checked={form.secure}
              onChange={(e) => setForm({ ...form, secure: e.target.checked })}
            />
            <span>{l('Kết nối TLS', 'TLS')}</span>
          </label>
          <div className="row">
            <Field label={l('Tài khoản', 'User')}>
              <input value={form.user ?? ''} onChange={(e) => setForm({ ...form, user: e.target.value })} />
            </Field>
            <Field
              label={l('Mật khẩu', 'Password')}
              hint={
                form.passwordSet
                  ? l('Đã lưu; để trống để giữ nguyên.', 'Stored; leave blank to keep.')
                  : undefined
              }
            >
              <input
                type="password"
                autoComplete="new-password"
                value={pass}
                onChange={(e) => setPass(e.target.value)}
              />
            </Field>
          </div>
          <Field label={l('Địa chỉ gửi', 'From address')}>
            <input value={form.from ?? ''} onChange={(e) => setForm({ ...form, from: e.target.value })} />
          </Field>
          <div className="row">
            <button type="submit" className="btn-primary">
              {l('Lưu cấu hình SMTP', 'Save SMTP settings')}
            </button>
            <Field label={l('Gửi thư kiểm tra tới', 'Send a test mail to')}>
              <input type="email" value={testTo} onChange={(e) => setTestTo(e.target.value)} />
            </Field>
            <button type="button" className="btn-secondary" onClick={test}>
              {l('Gửi thư kiểm tra', 'Send test mail')}
            </button>
          </div>
        </>
      )}
    </form>
  );
}
