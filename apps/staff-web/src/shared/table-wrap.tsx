import { ReactNode, useEffect, useRef, useState } from 'react';

/**
 * A table that may scroll sideways on a narrow screen: a labelled region that takes keyboard focus, so
 * keyboard users can scroll it too (WCAG 2.1.1). When its columns do not fit, it says so in words above the
 * table and shows a fading edge on the side that has more, so no column is hidden without a cue.
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState({ left: false, right: false });
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const measure = () => setMore({ left: el.scrollLeft > 1, right: el.scrollLeft + el.clientWidth < el.scrollWidth - 1 });
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    const ro = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(measure);
    ro?.observe(el);
    return () => {
      el.removeEventListener('scroll', measure);
      ro?.disconnect();
    };
  }, []);
  const overflowing = more.left || more.right;
  return (
    <>
      {overflowing && (
        <p className="scroll-cue muted small">
          <span aria-hidden="true">↔ </span>More columns: scroll the table sideways.
        </p>
      )}
      <div
        ref={ref}
        className={['table-wrap', more.left ? 'more-left' : '', more.right ? 'more-right' : ''].filter(Boolean).join(' ')}
        role="region"
        aria-label={label}
        tabIndex={0}
      >
        {children}
      </div>
    </>
  );
}
