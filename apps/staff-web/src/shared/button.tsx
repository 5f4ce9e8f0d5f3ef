import { ButtonHTMLAttributes } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'quiet' | 'link';

/**
 * A button in one of the visual system's variants (README "Visual system"): `primary` for the page's main
 * action, `secondary` for the others, `danger` for what cannot be undone, `quiet` for small actions in a table
 * row, `link` for a button that reads as a link. The same classes work on a bare `<button>`: a plain button is
 * primary, `className="secondary"` and so on pick the others. `type` defaults to "button", not "submit".
 */
export function Button({
  variant = 'primary',
  className,
  type = 'button',
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  const classes = [variant === 'primary' ? '' : variant, className].filter(Boolean).join(' ') || undefined;
  return <button type={type} className={classes} {...rest} />;
}
