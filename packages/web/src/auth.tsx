import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, setCsrfToken, setUnauthorizedHandler, type User } from './api.ts';

interface Auth {
  user: User | null;
  ready: boolean;
  login: (username: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children, onSignedOut }: { children: ReactNode; onSignedOut: () => void }) {
  const [user, setUser] = useState<User | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    // A 401 anywhere means the session is gone: forget the user and go to sign-in.
    setUnauthorizedHandler(() => {
      setUser(null);
      setCsrfToken(null);
      onSignedOut();
    });
    api
      .me()
      .then((r) => {
        setCsrfToken(r.csrfToken);
        setUser(r.user);
      })
      .catch(() => setUser(null))
      .finally(() => setReady(true));
    return () => setUnauthorizedHandler(null);
  }, [onSignedOut]);

  const login = useCallback(async (username: string, password: string) => {
    const r = await api.login(username, password);
    setCsrfToken(r.csrfToken);
    setUser(r.user);
    return r.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setCsrfToken(null);
      setUser(null);
    }
  }, []);

  const value = useMemo(() => ({ user, ready, login, logout }), [user, ready, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

export function useUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('no user');
  return user;
}

export function homeFor(user: User): string {
  switch (user.role) {
    case 'officer':
      return '/import';
    case 'leader':
      return '/dashboard';
    case 'agency':
      return '/inbox';
    case 'admin':
      return '/admin/agencies';
    default:
      return '/tasks';
  }
}
