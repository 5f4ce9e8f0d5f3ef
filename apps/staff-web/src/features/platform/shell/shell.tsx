import { ReactNode, useEffect, useState } from 'react';
import { Navigate, NavLink, useLocation } from 'react-router';

import { useAuth } from '../../../shared/auth';
import { ErrorMessage } from '../../../shared/error-message';
import { NAV } from './nav';
import { ScopeSwitcher } from './scope-switcher';

/** The layout around every signed-in page: skip link, navigation by permission, scope pickers, sign out. */
function Shell({ children }: { children: ReactNode }) {
  const { me, meError, permissions, signOut } = useAuth();
  // On a phone the navigation, scope pickers and sign-out fold behind one Menu button; a new page closes it.
  const [menuOpen, setMenuOpen] = useState(false);
  const { pathname } = useLocation();
  useEffect(() => setMenuOpen(false), [pathname]);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-bar">
          <span className="brand">Cairn staff</span>
          <button
            type="button"
            className="secondary menu-button"
            aria-expanded={menuOpen}
            aria-controls="app-menu"
            onClick={() => setMenuOpen((o) => !o)}
          >
            <span aria-hidden="true">☰ </span>Menu
          </button>
        </div>
        <div id="app-menu" className={menuOpen ? 'app-menu open' : 'app-menu'}>
          <nav aria-label="Main">
            <ul>
              <li>
                <NavLink to="/" end>
                  Home
                </NavLink>
              </li>
              {NAV.filter((n) => permissions.has(n.permission)).map((n) => (
                <li key={n.to}>
                  <NavLink to={n.to}>{n.label}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <ScopeSwitcher />
          <div className="user">
            {me && <span>{me.user.displayName}</span>}
            <button type="button" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {meError ? (
          <ErrorMessage error={meError} />
        ) : me ? (
          children
        ) : (
          // Pages wait for the user's organizations: their first request must already carry the organization.
          <p role="status">Loading your organizations…</p>
        )}
      </main>
    </>
  );
}

/** A page only a signed-in user sees, inside the shell; anyone else goes to the sign-in page and comes back. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const { signedIn } = useAuth();
  const location = useLocation();
  if (!signedIn) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <Shell>{children}</Shell>;
}
