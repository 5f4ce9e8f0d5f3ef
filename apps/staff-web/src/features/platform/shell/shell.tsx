import { FormEvent, ReactNode, useEffect, useRef, useState } from 'react';
import { Link, Navigate, NavLink, useLocation, useNavigate } from 'react-router';

import { useAuth } from '../../../shared/auth';
import { ErrorMessage } from '../../../shared/error-message';
import { BrandMark } from '../../../shared/layout';
import { useNavExtras } from '../../../shared/nav-extras';
import { NAV } from './nav';
import { ScopeSwitcher } from './scope-switcher';

/** Find a patient from any page: the patient list, searched by name or MRN. */
function HeaderPatientSearch() {
  const [text, setText] = useState('');
  const navigate = useNavigate();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const q = text.trim();
    if (!q) return;
    navigate(`/patients?q=${encodeURIComponent(q)}`);
    setText('');
  };
  return (
    <form role="search" aria-label="Find a patient" className="header-search" onSubmit={submit}>
      <label htmlFor="header-patient-search" className="visually-hidden">
        Find a patient by name or MRN
      </label>
      <input
        id="header-patient-search"
        type="search"
        placeholder="Find a patient"
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoComplete="off"
      />
      <button type="submit" className="secondary">
        Find
      </button>
    </form>
  );
}

/**
 * The layout around every signed-in page (README "Visual system"): a dark bar with the brand and the main
 * navigation, a light bar with patient search, scope pickers and sign out, then the page. On a phone the bar
 * keeps only the brand and a Menu button (a disclosure: aria-expanded, Escape closes it and gives focus back);
 * the navigation and the tools open below it as a column, and a new page closes them.
 */
function Shell({ children }: { children: ReactNode }) {
  const { me, meError, permissions, signOut } = useAuth();
  const extras = useNavExtras();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const { pathname } = useLocation();
  const [menuPath, setMenuPath] = useState(pathname);
  if (pathname !== menuPath) {
    setMenuPath(pathname);
    setMenuOpen(false);
  }
  // Escape closes the open menu (only then: a dialog's Escape is its own) and gives focus back to its button.
  useEffect(() => {
    if (!menuOpen) return undefined;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setMenuOpen(false);
      menuButton.current?.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [menuOpen]);
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-bar">
          <Link to="/" className="brand">
            <BrandMark />
            <span>
              Cairn <span className="brand-sub">staff</span>
            </span>
          </Link>
          <button
            ref={menuButton}
            type="button"
            className="secondary menu-button"
            aria-expanded={menuOpen}
            aria-controls="app-menu"
            onClick={() => setMenuOpen((o) => !o)}
          >
            <span aria-hidden="true">{menuOpen ? '✕ ' : '☰ '}</span>Menu
          </button>
        </div>
        <div id="app-menu" className={menuOpen ? 'app-menu open' : 'app-menu'}>
          <nav aria-label="Main" className="app-nav">
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
              {extras
                .filter((x) => permissions.has(x.permission))
                .map((x) => (
                  <li key={x.key}>{x.render()}</li>
                ))}
            </ul>
          </nav>
          <div className="app-tools">
            {permissions.has('patients.view') && <HeaderPatientSearch />}
            <ScopeSwitcher />
            <div className="user">
              {me && <span className="user-name">{me.user.displayName}</span>}
              <button type="button" className="secondary" onClick={() => void signOut()}>
                Sign out
              </button>
            </div>
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
    </div>
  );
}

/** A page only a signed-in user sees, inside the shell; anyone else goes to the sign-in page and comes back. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const { signedIn } = useAuth();
  const location = useLocation();
  if (!signedIn) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <Shell>{children}</Shell>;
}
