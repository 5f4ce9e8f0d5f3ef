import { Link } from 'react-router';

import { MORE_NAV } from '../../shared/shell';

const descId = (to: string) => `more-${to.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}`;

/** The phone's More tab: every screen that is not in the bottom tab bar, one plain list (`MORE_NAV`). */
export function MorePage() {
  return (
    <>
      <h1>More</h1>
      <ul className="cards more-list">
        {MORE_NAV.map((n) => (
          <li key={n.to} className="card">
            <Link to={n.to} aria-describedby={n.description ? descId(n.to) : undefined}>
              <span aria-hidden="true" className="nav-icon">
                {n.icon}
              </span>
              <strong>{n.label}</strong>
            </Link>
            {n.description && (
              <p id={descId(n.to)} className="muted">
                {n.description}
              </p>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
