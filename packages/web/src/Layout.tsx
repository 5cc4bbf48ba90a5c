import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import type { Role } from './api.ts';
import { useAuth, useUser } from './auth.tsx';
import { type MessageKey, useI18n } from './i18n.tsx';
import { Notifications } from './Notifications.tsx';

interface NavItem {
  to: string;
  label: MessageKey;
  roles: Role[];
}

// What each role works with: officer imports/reviews, tracks tasks, reports; leader reads
// the dashboard and reports; the agency officer works from the inbox; admin administers.
const NAV: NavItem[] = [
  { to: '/import', label: 'navImport', roles: ['officer', 'admin'] },
  { to: '/inbox', label: 'navInbox', roles: ['agency'] },
  { to: '/tasks', label: 'navTasks', roles: ['officer', 'leader', 'admin', 'viewer'] },
  { to: '/dashboard', label: 'navDashboard', roles: ['leader', 'officer', 'admin'] },
  { to: '/calendar', label: 'navCalendar', roles: ['leader', 'officer', 'agency', 'admin'] },
  { to: '/reports', label: 'navReports', roles: ['officer', 'leader', 'admin', 'agency'] },
  { to: '/admin/agencies', label: 'navAgencies', roles: ['admin'] },
  { to: '/admin/users', label: 'navUsers', roles: ['admin'] },
  { to: '/admin/settings', label: 'navSettings', roles: ['admin'] },
  { to: '/admin/audit', label: 'navAudit', roles: ['admin'] },
];

const ROLE_LABEL: Record<Role, MessageKey> = {
  admin: 'roleAdmin',
  officer: 'roleOfficer',
  leader: 'roleLeader',
  agency: 'roleAgency',
  viewer: 'roleViewer',
};

export function navFor(role: Role): NavItem[] {
  return NAV.filter((item) => item.roles.includes(role));
}

export function Layout() {
  const user = useUser();
  const { logout } = useAuth();
  const { t, lang, setLang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // After a route change, move focus to the page and name the tab after its heading,
  // so that screen-reader and keyboard users land on the new content.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each new path
  useEffect(() => {
    const timer = setTimeout(() => {
      const h1 = main.current?.querySelector('h1')?.textContent;
      document.title = h1 ? `${h1} — ${t('appName')}` : t('appName');
      if (!first.current) main.current?.focus({ preventScroll: false });
      first.current = false;
    }, 50);
    return () => clearTimeout(timer);
  }, [location.pathname]);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ĐĐ
          </span>
          <span className="brand-name">{t('appName')}</span>
        </div>
        <nav className="mainnav" aria-label="Menu">
          <ul>
            {navFor(user.role).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>{t(item.label)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="userbox">
          <Notifications />
          <span className="user-name" data-testid="current-user">
            {user.displayName || user.username}
            <small>
              {t(ROLE_LABEL[user.role] ?? 'roleViewer')}
              {user.agencyName ? ` · ${user.agencyName}` : ''}
            </small>
          </span>
          <label className="lang-switch">
            <span className="sr-only">{t('language')}</span>
            <select value={lang} onChange={(e) => setLang(e.target.value === 'en' ? 'en' : 'vi')}>
              <option value="vi">Tiếng Việt</option>
              <option value="en">English</option>
            </select>
          </label>
          <button
            type="button"
            className="btn-secondary"
            onClick={async () => {
              await logout().catch(() => undefined);
              navigate('/login');
            }}
          >
            {t('signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1} ref={main}>
        <Outlet />
      </main>
    </div>
  );
}
