import { ReactNode } from 'react';
import { Link, Navigate, NavLink, useLocation } from 'react-router';

import { NotificationsLink } from '../features/notifications/notifications-link';
import { ACCOUNT_NAV } from './account-nav';
import { useAuth } from './auth';

/** The screens of the bottom (phone) or side (wider screens) navigation. */
export const NAV = [
  { to: '/', label: 'Home', icon: '⌂' },
  { to: '/mood', label: 'Mood', icon: '☺' },
  { to: '/journal', label: 'Journal', icon: '✎' },
  { to: '/homework', label: 'Homework', icon: '✓' },
  { to: '/goals', label: 'Goals', icon: '⚑' },
  { to: '/resources', label: 'Resources', icon: '☰' },
] as const;

/**
 * The crisis bar on every screen, signed in or not: 988 is always visible and one tap away (a tel: link), and the
 * client's own crisis toolkit is one tap away once signed in.
 */
export function CrisisBar({ signedIn }: { signedIn: boolean }) {
  return (
    <div className="crisis-bar" role="region" aria-label="Crisis help">
      <span>
        In crisis? <a href="tel:988">Call or text 988</a>
      </span>
      {signedIn && (
        <Link className="crisis-button" to="/crisis">
          Crisis help
        </Link>
      )}
    </div>
  );
}

/** The signed-in layout: skip link, crisis bar, header with sign out, the page, and the navigation. */
export function Shell({ children }: { children: ReactNode }) {
  const { signedIn, signOut } = useAuth();
  const location = useLocation();
  if (!signedIn) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  return (
    <div className="layout">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <CrisisBar signedIn />
      <header className="app-header">
        <span className="brand">Cairn</span>
        <NotificationsLink />
        <button type="button" className="link" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <nav className="app-nav" aria-label="Main">
        <ul>
          {NAV.map((n) => (
            <li key={n.to}>
              <NavLink to={n.to} end={n.to === '/'}>
                <span aria-hidden="true" className="nav-icon">
                  {n.icon}
                </span>
                <span>{n.label}</span>
              </NavLink>
            </li>
          ))}
          {ACCOUNT_NAV.map((n) => (
            <li key={n.to} className="nav-secondary">
              <NavLink to={n.to}>
                <span aria-hidden="true" className="nav-icon">
                  {n.icon}
                </span>
                <span>{n.label}</span>
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
