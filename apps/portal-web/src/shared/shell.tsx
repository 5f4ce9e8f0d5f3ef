import { ReactNode } from 'react';
import { Link, Navigate, NavLink, useLocation } from 'react-router';

import { NotificationsLink } from '../features/notifications/notifications-link';
import { useAuth } from './auth';

/** A screen in the navigation. `description` says what it is for on the More page. */
export interface NavEntry {
  to: string;
  label: string;
  icon: string;
  description?: string;
}

/**
 * The screens clients use most: the phone's bottom tab bar (with More as its last tab) and the top of the side
 * navigation on wider screens. Keep it at four: five tabs are what fits 390 px with words under the icons.
 */
export const NAV: readonly NavEntry[] = [
  { to: '/', label: 'Home', icon: '⌂' },
  { to: '/mood', label: 'Mood', icon: '☺' },
  { to: '/homework', label: 'Homework', icon: '✓' },
  { to: '/appointments', label: 'Sessions', icon: '◷' },
];

/**
 * Everything else: listed on the More page (phones) and under the main entries in the side navigation (768 px and
 * up). A new screen appends its entry here, with a description in plain words.
 */
export const MORE_NAV: readonly NavEntry[] = [
  { to: '/journal', label: 'Journal', icon: '✎', description: 'Write for yourself. Private unless you share an entry.' },
  { to: '/goals', label: 'Goals', icon: '⚑', description: 'The goals you set with your therapist, and your progress.' },
  { to: '/resources', label: 'Resources', icon: '☰', description: 'Links and files your therapist recommended.' },
  {
    to: '/session-reviews',
    label: 'Session reviews',
    icon: '★',
    description: 'Tell us how a session went, and choose who sees it.',
  },
  {
    to: '/session-summaries',
    label: 'Session summaries',
    icon: '▤',
    description: 'What your therapist wrote for you after a session, to read or download.',
  },
  { to: '/audio-messages', label: 'Audio messages', icon: '♪', description: 'Audio messages from your therapist, to play any time.' },
  {
    to: '/change-therapist',
    label: 'Change therapist',
    icon: '⇄',
    description: 'Ask the clinic for a different therapist. You can keep the request from your current one.',
  },
  {
    to: '/insurance-payment',
    label: 'Insurance and payment',
    icon: '▭',
    description: 'Your insurance cards and the cards you pay with (we keep only the last four digits).',
  },
];

function NavItem({ entry, className }: { entry: NavEntry; className?: string }) {
  return (
    <li className={className}>
      <NavLink to={entry.to} end={entry.to === '/'}>
        <span aria-hidden="true" className="nav-icon">
          {entry.icon}
        </span>
        <span>{entry.label}</span>
      </NavLink>
    </li>
  );
}

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
  // On a phone the More tab stands for every screen it lists.
  const onMore = location.pathname === '/more' || MORE_NAV.some((n) => location.pathname.startsWith(n.to));
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
            <NavItem key={n.to} entry={n} />
          ))}
          <li className="nav-more-tab">
            <NavLink
              to="/more"
              className={() => (onMore ? 'active' : '')}
              aria-current={location.pathname === '/more' ? 'page' : undefined}
            >
              <span aria-hidden="true" className="nav-icon">
                ⋯
              </span>
              <span>More</span>
            </NavLink>
          </li>
          {MORE_NAV.map((n) => (
            <NavItem key={n.to} entry={n} className="nav-secondary" />
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
