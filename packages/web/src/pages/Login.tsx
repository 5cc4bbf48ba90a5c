import { type FormEvent, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { homeFor, useAuth } from '../auth.tsx';
import { useI18n } from '../i18n.tsx';
import { ErrorBox } from '../ui.tsx';

export function LoginPage() {
  const { user, login } = useAuth();
  const { t, lang, setLang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from;

  if (user) return <Navigate to={from && from !== '/login' ? from : homeFor(user)} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const signedIn = await login(username.trim(), password);
      navigate(from && from !== '/login' ? from : homeFor(signedIn), { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login-page" id="main">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <div className="brand-mark big" aria-hidden="true">
          ĐĐ
        </div>
        <h1 id="login-title">{t('appName')}</h1>
        <p className="muted">{t('appTagline')}</p>
        <ErrorBox error={error} />
        <label className="field">
          <span className="field-label">{t('username')}</span>
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button type="submit" className="btn-primary" disabled={busy}>
          {busy ? t('signingIn') : t('signIn')}
        </button>
        <label className="field inline">
          <span className="field-label">{t('language')}</span>
          <select value={lang} onChange={(e) => setLang(e.target.value === 'en' ? 'en' : 'vi')}>
            <option value="vi">Tiếng Việt</option>
            <option value="en">English</option>
          </select>
        </label>
      </form>
    </main>
  );
}
