import { useQueryClient } from '@tanstack/react-query';
import { createContext, ReactNode, useContext, useMemo, useSyncExternalStore } from 'react';

import { api, call, session, TOKENS_KEY } from '../api/client';

interface AuthState {
  signedIn: boolean;
  signIn(email: string, password: string): Promise<void>;
  /** Sets the password of an invited client from the invitation link's token; signs them in. */
  acceptInvitation(token: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const AuthContext = createContext<AuthState | undefined>(undefined);

export function useAuth(): AuthState {
  const a = useContext(AuthContext);
  if (!a) throw new Error('useAuth outside AuthProvider');
  return a;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const tokens = useSyncExternalStore(session.subscribe, () => sessionStorage.getItem(TOKENS_KEY));
  const signedIn = tokens !== null;
  const value = useMemo<AuthState>(
    () => ({
      signedIn,
      async signIn(email, password) {
        const s = await call(api.POST('/api/v1/portal/auth/login', { body: { email, password } }));
        qc.clear();
        session.setTokens({ accessToken: s.accessToken, refreshToken: s.refreshToken });
      },
      async acceptInvitation(token, password) {
        const s = await call(api.POST('/api/v1/portal/auth/accept-invitation', { body: { token, password } }));
        qc.clear();
        session.setTokens({ accessToken: s.accessToken, refreshToken: s.refreshToken });
      },
      async signOut() {
        // End the session on the server (its refresh tokens too); forget it here whatever the answer.
        await api.POST('/api/v1/portal/auth/logout').catch(() => undefined);
        session.setTokens(undefined);
        qc.clear();
      },
    }),
    [signedIn, qc],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
