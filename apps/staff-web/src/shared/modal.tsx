import { ReactNode, useEffect, useId, useRef } from 'react';
import { createPortal } from 'react-dom';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement | null): HTMLElement[] {
  return root ? Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)) : [];
}

/**
 * An accessible modal dialog: labelled by its heading, described by `description` when given; focus moves
 * into it (the first field, else the first control) and is trapped there (Tab and Shift+Tab wrap, the rest of
 * the page is inert); Escape closes it; on close focus goes back to what opened it.
 */
export function Modal({
  title,
  description,
  onClose,
  children,
}: {
  title: string;
  description?: ReactNode;
  onClose(): void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
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
    // On the document, not the dialog: a control that was focused and then disabled (a busy submit button)
    // leaves focus on the body, and Escape and Tab must still work.
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        close.current();
        return;
      }
      if (e.key !== 'Tab' || !dialog) return;
      const items = focusables(dialog);
      const active = document.activeElement;
      if (items.length === 0) {
        e.preventDefault();
        dialog.focus();
        return;
      }
      const firstItem = items[0]!;
      const lastItem = items[items.length - 1]!;
      if (!active || !dialog.contains(active)) {
        e.preventDefault();
        (e.shiftKey ? lastItem : firstItem).focus();
      } else if (e.shiftKey && (active === firstItem || active === dialog)) {
        e.preventDefault();
        lastItem.focus();
      } else if (!e.shiftKey && active === lastItem) {
        e.preventDefault();
        firstItem.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      for (const el of others) el.removeAttribute('inert');
      opener?.focus();
    };
  }, []);
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
      >
        <h2 id={titleId}>{title}</h2>
        {description && <div id={descriptionId}>{description}</div>}
        {children}
      </div>
    </div>,
    document.body,
  );
}
