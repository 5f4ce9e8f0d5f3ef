import { FormEvent, useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';

import { useAuth } from '../../shared/auth';
import { ErrorMessage } from '../../shared/error-message';
import { CrisisBar } from '../../shared/shell';

/** The demo data's client logins (tools/seed/demo-portal.ts), all with the password demo-password-1. */
export const DEMO_CLIENTS = [
  'client@sonoran.cairn.test',
  'client2@sonoran.cairn.test',
  'client3@sonoran.cairn.test',
  'client@cascade.cairn.test',
];

export function LoginPage() {
  const { signedIn, signIn } = useAuth();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const next = params.get('next');
  if (signedIn) return <Navigate to={next && next.startsWith('/') && !next.startsWith('//') ? next : '/'} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(email, password);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <CrisisBar signedIn={false} />
      <main id="main" className="narrow">
        <h1>Sign in to Cairn</h1>
        <p>Your space between sessions: check in on your mood, write in your journal and keep up with your homework.</p>
        <form className="stack" onSubmit={(e) => void submit(e)}>
          <label htmlFor="email">Email</label>
          <input id="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
          <label htmlFor="password">Password</label>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <button type="submit" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        {error !== undefined && <ErrorMessage error={error} situation="signing-in" />}
        <p className="muted">New here? Open the invitation link your clinic sent you to set your password.</p>
        <details className="demo">
          <summary>Demo accounts (for trying Cairn)</summary>
          <p>
            Password for all: <code>demo-password-1</code>
          </p>
          <ul>
            {DEMO_CLIENTS.map((l) => (
              <li key={l}>
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    setEmail(l);
                    setPassword('demo-password-1');
                  }}
                >
                  Use {l}
                </button>
              </li>
            ))}
          </ul>
        </details>
      </main>
    </>
  );
}
