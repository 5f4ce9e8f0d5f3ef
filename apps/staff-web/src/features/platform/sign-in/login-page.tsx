import { FormEvent, useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';

import { useAuth } from '../../../shared/auth';
import { ErrorMessage } from '../../../shared/error-message';
import { BrandMark } from '../../../shared/layout';

/** The demo data's logins (tools/seed), all with the password demo-password-1. */
export const DEMO_LOGINS = ['admin', 'supervisor', 'billing', 'hr', 'clinician', 'frontdesk', 'manager']
  .map((r) => `${r}@sonoran.cairn.test`)
  .concat('admin@cascade.cairn.test');

export function LoginPage() {
  const { signedIn, signIn } = useAuth();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const next = params.get('next');
  if (signedIn) return <Navigate to={next && next.startsWith('/') ? next : '/'} replace />;

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
    <main id="main" className="login">
      <p className="login-brand">
        <BrandMark /> Cairn for practice staff
      </p>
      <h1>Sign in to Cairn</h1>
      <form onSubmit={(e) => void submit(e)}>
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
      {error !== undefined && <ErrorMessage error={error} signingIn />}
      <section aria-labelledby="demo-heading" className="demo">
        <h2 id="demo-heading">Demo logins</h2>
        <p>
          Password for all: <code>demo-password-1</code>
        </p>
        <ul>
          {DEMO_LOGINS.map((l) => (
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
      </section>
    </main>
  );
}
