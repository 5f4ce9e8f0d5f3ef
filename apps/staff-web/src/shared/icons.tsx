/**
 * Small inline icons for symbols that not every font has (a missing glyph renders as an empty box). Each is
 * decorative: the words beside it carry the meaning.
 */
export function PauseIcon() {
  return (
    <svg className="icon" aria-hidden="true" focusable="false" viewBox="0 0 16 16" width="1em" height="1em">
      <rect x="3" y="2" width="3.5" height="12" rx="1" fill="currentColor" />
      <rect x="9.5" y="2" width="3.5" height="12" rx="1" fill="currentColor" />
    </svg>
  );
}
