import { useState } from 'react';

/**
 * A whole calendar date a person means: YYYY-MM-DD, a real day, year 1900 or later. A date input typed with the
 * keyboard reports every intermediate state (typing the year "2025" passes through "0002-11-01"), which is
 * well-formed but not what anyone means.
 */
export function isWholeDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1900) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * A date filter kept in the address: what is typed stays in the field, and the filter is applied only when the
 * field holds a whole date (or is cleared), so typing never rewrites the address with a partial year or wipes
 * the field.
 */
export function DateFilter(props: { id: string; value: string; onApply(value: string): void; min?: string; max?: string }) {
  const { id, value, onApply, min, max } = props;
  const [text, setText] = useState(value);
  // When the address changes from elsewhere (a cleared filter, the back button), show its value.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(value);
  }
  return (
    <input
      id={id}
      type="date"
      value={text}
      min={min || undefined}
      max={max || undefined}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        if (next === '' || isWholeDate(next)) {
          if (next !== value) onApply(next);
        }
      }}
    />
  );
}
