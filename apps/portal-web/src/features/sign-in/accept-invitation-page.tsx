import { FormEvent, useState } from 'react';
import { Link, Navigate, useLocation } from 'react-router';

import { fieldErrorOf } from '../../api/problem';
import { useAuth } from '../../shared/auth';
import { ErrorMessage } from '../../shared/error-message';
import { CrisisBar } from '../../shared/shell';

/** The invitation link is `/accept-invitation#token=<token>`: in the fragment, so it never reaches a server log. */
export function invitationToken(hash: string): string | undefined {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && token.trim() ? token.trim() : undefined;
}

export function AcceptInvitationPage() {
  const { acceptInvitation, signedIn } = useAuth();
  const location = useLocation();
  const [token] = useState(() => invitationToken(location.hash));
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  if (done && signedIn) return <Navigate to="/" replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    if (password !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    setBusy(true);
    try {
      await acceptInvitation(token!, password);
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const passwordError = fieldErrorOf(error, 'password');

  return (
    <>
      <CrisisBar signedIn={false} />
      <main id="main" className="narrow">
        <h1>Set your password</h1>
        {!token ? (
          <div role="alert" className="error">
            <p>
              This page needs the invitation link your clinic sent you. Open the link from the message itself, or ask your clinic for a new
              one.
            </p>
          </div>
        ) : (
          <>
            <p>Your clinic invited you to Cairn. Choose a password to finish setting up your account.</p>
            <form className="stack" onSubmit={(e) => void submit(e)}>
              <label htmlFor="new-password">New password</label>
              <p id="password-help" className="muted">
                At least 12 characters. A short sentence you will remember works well. Common passwords are not accepted.
              </p>
              <input
                id="new-password"
                type="password"
                autoComplete="new-password"
                required
                minLength={12}
                maxLength={128}
                aria-describedby={passwordError ? 'password-help password-error' : 'password-help'}
                aria-invalid={passwordError ? true : undefined}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
              {passwordError && (
                <p id="password-error" className="field-error">
                  {passwordError}
                </p>
              )}
              <label htmlFor="repeat-password">Type it again</label>
              <input
                id="repeat-password"
                type="password"
                autoComplete="new-password"
                required
                aria-describedby={mismatch ? 'repeat-error' : undefined}
                aria-invalid={mismatch ? true : undefined}
                value={repeat}
                onChange={(e) => setRepeat(e.target.value)}
              />
              {mismatch && (
                <p id="repeat-error" className="field-error" role="alert">
                  The two passwords are not the same. Type the same password in both boxes.
                </p>
              )}
              <button type="submit" disabled={busy}>
                {busy ? 'Setting your password…' : 'Set password and sign in'}
              </button>
            </form>
            {error !== undefined && !passwordError && <ErrorMessage error={error} situation="accepting-invitation" />}
          </>
        )}
        <p>
          <Link to="/login">I already have a password</Link>
        </p>
      </main>
    </>
  );
}
