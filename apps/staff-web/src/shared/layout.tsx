import { ReactNode, useId } from 'react';

/**
 * The top of every page (README "Visual system"): the page's one h1, an optional line under it saying what the
 * page is for, and actions or a status on the right (they drop under the title on a phone).
 */
export function PageHeader({
  title,
  id,
  description,
  actions,
}: {
  title: ReactNode;
  /** The heading's id, when something points at it (aria-labelledby, a test). */
  id?: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="page-header">
      <div className="page-header-text">
        <h1 id={id}>{title}</h1>
        {description && <p className="page-description">{description}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}

/**
 * A card: a titled section on a white surface. `level` is the title's heading level (2 inside a page, 3 inside a
 * section); `actions` sit beside the title. Without a title it is a plain surface (an unlabelled div).
 */
export function Card({
  title,
  level = 2,
  actions,
  className,
  children,
}: {
  title?: ReactNode;
  level?: 2 | 3;
  actions?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  const headingId = useId();
  const classes = ['card', className].filter(Boolean).join(' ');
  if (title === undefined) return <div className={classes}>{children}</div>;
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section className={classes} aria-labelledby={headingId}>
      <div className="card-head">
        <Heading id={headingId} className="card-title">
          {title}
        </Heading>
        {actions && <div className="card-actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

/** The brand mark: a cairn of three stones (decorative; the name beside it says what it is). */
export function BrandMark() {
  return (
    <svg className="brand-mark" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="1.5em" height="1.5em">
      <ellipse cx="12" cy="19" rx="8" ry="3.2" fill="currentColor" />
      <ellipse cx="12" cy="12.5" rx="5.6" ry="2.8" fill="currentColor" opacity="0.85" />
      <ellipse cx="12" cy="6.8" rx="3.4" ry="2.3" fill="currentColor" opacity="0.7" />
    </svg>
  );
}
