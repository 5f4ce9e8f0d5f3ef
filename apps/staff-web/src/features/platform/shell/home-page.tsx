import { Link } from 'react-router';

import { useAuth } from '../../../shared/auth';
import { PageHeader } from '../../../shared/layout';
import { NAV } from './nav';

export function HomePage() {
  const { me, permissions } = useAuth();
  const open = NAV.filter((n) => permissions.has(n.permission));
  return (
    <>
      <PageHeader
        title={`Welcome${me ? `, ${me.user.displayName}` : ''}`}
        description={open.length ? 'Your pages in this organization.' : undefined}
      />
      {open.length ? (
        <ul className="link-cards">
          {open.map((n) => (
            <li key={n.to}>
              <Link to={n.to}>{n.label}</Link>
            </li>
          ))}
        </ul>
      ) : (
        <p>Your role has no pages in the staff app yet in this organization and site.</p>
      )}
    </>
  );
}
