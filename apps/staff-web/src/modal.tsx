import { KeyboardEvent, ReactNode, useEffect, useId, useRef } from 'react';
import { createPortal } from 'react-dom';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement | null): HTMLElement[] {
  return root ? Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)) : [];
}

/**
 * An accessible modal dialog: labelled by its heading, described by `description` when given; focus moves
 * into it (the first field, else the first control) and is trapped there (Tab and Shift+Tab wrap, the rest of
 * the page is inert); Escape closes it; on close focus goes back to what opened it.
 */
export function Modal({ title, description, onClose, children }: { title: string; description?: ReactNode; onClose(): void; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const dialog = ref.current;
    const container = dialog?.closest('.modal-backdrop');
    // Everything else on the page is out of reach (mouse, keyboard and screen readers) while the dialog is open.
    const others = Array.from(document.body.children).filter((el) => el !== container && !el.hasAttribute('inert'));
    for (const el of others) el.setAttribute('inert', '');
    const first = dialog?.querySelector<HTMLElement>('input, textarea, select') ?? focusables(dialog)[0] ?? dialog;
    first?.focus();
    return () => {
      for (const el of others) el.removeAttribute('inert');
      opener?.focus();
    };
  }, []);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== 'Tab') return;
    const items = focusables(ref.current);
    if (items.length === 0) {
      e.preventDefault();
      return;
    }
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (e.shiftKey && (document.activeElement === first || document.activeElement === ref.current)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };
  return createPortal(
    <div className="modal-backdrop">
      <div
        ref={ref}
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId}>{title}</h2>
        {description && <div id={descriptionId}>{description}</div>}
        {children}
      </div>
    </div>,
    document.body,
  );
}
