import { Link } from 'react-router';

import { useAuth } from '../../../shared/auth';
import { NAV } from './nav';

export function HomePage() {
  const { me, permissions } = useAuth();
  const open = NAV.filter((n) => permissions.has(n.permission));
  return (
    <>
      <h1>Welcome{me ? `, ${me.user.displayName}` : ''}</h1>
      {open.length ? (
        <ul>
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
