import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, ReactNode, useContext, useMemo, useSyncExternalStore } from 'react';

import { api, call, Me, Scope, session } from '../api/client';

interface AuthState {
  signedIn: boolean;
  me?: Me;
  meError?: Error;
  scope: Scope;
  /** Permission keys in the chosen organization, narrowed to the chosen site when one is chosen. */
  permissions: Set<string>;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  choose(scope: Scope): void;
}

const AuthContext = createContext<AuthState | undefined>(undefined);

export function useAuth(): AuthState {
  const a = useContext(AuthContext);
  if (!a) throw new Error('useAuth outside AuthProvider');
  return a;
}

export function permissionsFor(me: Me | undefined, scope: Scope): Set<string> {
  const org = me?.organizations.find((o) => o.id === scope.organizationId) ?? me?.organizations[0];
  if (!org) return new Set();
  const site = org.sites.find((s) => s.id === scope.siteId);
  return new Set(site ? site.permissions : org.permissions);
}

/** The organization a user last worked in, kept across tabs and sign-ins (an id, never PHI). */
const lastOrganizationKey = (userId: string) => `cairn.staff.last-organization.${userId}`;

/**
 * The scope to send from the first request: the chosen organization when it is still one of the user's, else the
 * one they last worked in, else their first. Written to the session before any page asks for data, so a user of
 * several organizations never sends a request without X-Organization-Id.
 */
export function settleScope(me: Me): void {
  const scope = session.scope;
  if (me.organizations.some((o) => o.id === scope.organizationId)) return;
  const remembered = localStorage.getItem(lastOrganizationKey(me.user.id));
  const org = me.organizations.find((o) => o.id === remembered) ?? me.organizations[0];
  if (org) session.setScope({ organizationId: org.id });
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const tokens = useSyncExternalStore(session.subscribe, () => sessionStorage.getItem('cairn.staff.tokens'));
  const scopeRaw = useSyncExternalStore(session.subscribe, () => sessionStorage.getItem('cairn.staff.scope'));
  const signedIn = tokens !== null;
  const meQuery = useQuery({
    queryKey: ['me', signedIn],
    enabled: signedIn,
    queryFn: async () => {
      const me = await call(api.GET('/api/v1/me'));
      settleScope(me);
      return me;
    },
  });
  const value = useMemo<AuthState>(() => {
    const scope: Scope = scopeRaw ? (JSON.parse(scopeRaw) as Scope) : {};
    const me = meQuery.data;
    const effective: Scope = { organizationId: scope.organizationId ?? me?.organizations[0]?.id, siteId: scope.siteId };
    return {
      signedIn,
      me,
      meError: meQuery.error ?? undefined,
      scope: effective,
      permissions: permissionsFor(me, effective),
      async signIn(email, password) {
        const s = await call(api.POST('/api/v1/auth/login', { body: { email, password } }));
        qc.clear();
        session.setTokens({ accessToken: s.accessToken, refreshToken: s.refreshToken });
      },
      async signOut() {
        // End the session on the server; forget it here whatever the answer.
        await api.POST('/api/v1/auth/logout').catch(() => undefined);
        session.clear();
        qc.clear();
      },
      choose(next) {
        session.setScope(next);
        if (me && next.organizationId) localStorage.setItem(lastOrganizationKey(me.user.id), next.organizationId);
        // Everything cached was read in the previous organization or site.
        void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      },
    };
  }, [signedIn, scopeRaw, meQuery.data, meQuery.error, qc]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
