import { type ReactNode, useCallback } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import type { Role } from './api.ts';
import { AuthProvider, homeFor, useAuth } from './auth.tsx';
import { I18nProvider } from './i18n.tsx';
import { Layout } from './Layout.tsx';
import { AdminAgencies } from './pages/AdminAgencies.tsx';
import { AdminAudit } from './pages/AdminAudit.tsx';
import { AdminSettings } from './pages/AdminSettings.tsx';
import { AdminUsers } from './pages/AdminUsers.tsx';
import { CalendarPage } from './pages/Calendar.tsx';
import { DashboardPage } from './pages/Dashboard.tsx';
import { ImportPage } from './pages/Import.tsx';
import { InboxPage } from './pages/Inbox.tsx';
import { LoginPage } from './pages/Login.tsx';
import { ReportsPage } from './pages/Reports.tsx';
import { ReviewPage } from './pages/Review.tsx';
import { TaskPage } from './pages/Task.tsx';
import { TasksPage } from './pages/Tasks.tsx';
import { Forbidden, Loading, NotFound } from './ui.tsx';

function RequireUser({ children }: { children: ReactNode }) {
  const { user, ready } = useAuth();
  const location = useLocation();
  if (!ready) return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { user } = useAuth();
  if (!user || !roles.includes(user.role)) return <Forbidden />;
  return <>{children}</>;
}

function Home() {
  const { user } = useAuth();
  return user ? <Navigate to={homeFor(user)} replace /> : <Navigate to="/login" replace />;
}

function Routed() {
  const navigate = useNavigate();
  const signedOut = useCallback(() => {
    if (window.location.pathname !== '/login') {
      navigate('/login', { state: { from: window.location.pathname + window.location.search } });
    }
  }, [navigate]);
  return (
    <AuthProvider onSignedOut={signedOut}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          element={
            <RequireUser>
              <Layout />
            </RequireUser>
          }
        >
          <Route index element={<Home />} />
          <Route
            path="import"
            element={
              <RequireRole roles={['officer', 'admin']}>
                <ImportPage />
              </RequireRole>
            }
          />
          <Route
            path="documents/:id"
            element={
              <RequireRole roles={['officer', 'admin']}>
                <ReviewPage />
              </RequireRole>
            }
          />
          <Route path="tasks" element={<TasksPage />} />
          <Route path="tasks/:id" element={<TaskPage />} />
          <Route
            path="inbox"
            element={
              <RequireRole roles={['agency']}>
                <InboxPage />
              </RequireRole>
            }
          />
          <Route path="dashboard" element={<DashboardPage />} />
          <Route path="calendar" element={<CalendarPage />} />
          <Route
            path="reports"
            element={
              <RequireRole roles={['officer', 'leader', 'admin', 'agency']}>
                <ReportsPage />
              </RequireRole>
            }
          />
          <Route
            path="admin/agencies"
            element={
              <RequireRole roles={['admin']}>
                <AdminAgencies />
              </RequireRole>
            }
          />
          <Route
            path="admin/users"
            element={
              <RequireRole roles={['admin']}>
                <AdminUsers />
              </RequireRole>
            }
          />
          <Route
            path="admin/settings"
            element={
              <RequireRole roles={['admin']}>
                <AdminSettings />
              </RequireRole>
            }
          />
          <Route
            path="admin/audit"
            element={
              <RequireRole roles={['admin']}>
                <AdminAudit />
              </RequireRole>
            }
          />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </AuthProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <BrowserRouter>
        <Routed />
      </BrowserRouter>
    </I18nProvider>
  );
}
