import { Link } from 'react-router';

/**
 * The screens that do not fit the phone's tab bar, as a plain list (the tab bar's "More"). Kept in its own module so
 * another menu can take these entries over.
 */
export const MORE_LINKS = [
  { to: '/resources', label: 'Resources', description: 'Links and files your therapist recommended.' },
  {
    to: '/change-therapist',
    label: 'Change therapist',
    description: 'Ask your clinic for a different therapist and see where your request stands.',
  },
  { to: '/insurance-payment', label: 'Insurance and payment', description: 'Your insurance cards and the cards you pay with.' },
] as const;

export function MorePage() {
  return (
    <>
      <h1>More</h1>
      <ul className="cards">
        {MORE_LINKS.map((l) => (
          <li key={l.to} className="card">
            <h2>
              <Link to={l.to}>{l.label}</Link>
            </h2>
            <p>{l.description}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
