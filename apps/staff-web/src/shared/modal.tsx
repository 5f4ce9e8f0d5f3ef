import * as Dialog from '@radix-ui/react-dialog';
import { ReactNode, useEffect, useRef, useState } from 'react';

/**
 * The app's one modal dialog, built on Radix Dialog (the accessible primitive): labelled by its heading,
 * described by `description` when given; focus moves into it (the first field, else the first control) and
 * is trapped there (Tab and Shift+Tab wrap); the rest of the page is inert and hidden from screen readers;
 * Escape closes it; on close focus goes back to what opened it. A click outside does not close it (a typed
 * reason would be lost): Cancel and Escape do.
 *
 * Render it while it is open (`{open && <Modal …/>}`); `onClose` is asked to unmount it.
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
  // What had focus when the dialog opened, read while rendering: effects run after focus has moved in.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  const backdrop = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // `inert` on everything else (Radix adds aria-hidden and a focus trap; inert also keeps find-in-page and
    // any stray click out). Radix's focus guards stay focusable: the trap relies on them.
    const others = Array.from(document.body.children).filter(
      (el) => !el.contains(backdrop.current) && !el.hasAttribute('inert') && !el.hasAttribute('data-radix-focus-guard'),
    );
    for (const el of others) el.setAttribute('inert', '');
    return () => {
      for (const el of others) el.removeAttribute('inert');
      // At once (Radix also does so a tick later), so whoever closed the dialog can rely on focus being back.
      opener?.focus();
    };
  }, [opener]);
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay ref={backdrop} className="modal-backdrop">
          <Dialog.Content
            className="modal"
            aria-modal="true"
            onOpenAutoFocus={(e) => {
              const field = (e.currentTarget as HTMLElement | null)?.querySelector<HTMLElement>('input, textarea, select');
              if (field) {
                e.preventDefault();
                field.focus();
              }
            }}
            onPointerDownOutside={(e) => e.preventDefault()}
            onInteractOutside={(e) => e.preventDefault()}
          >
            <Dialog.Title className="modal-title">{title}</Dialog.Title>
            {description && (
              <Dialog.Description asChild>
                <div className="modal-description">{description}</div>
              </Dialog.Description>
            )}
            {children}
          </Dialog.Content>
        </Dialog.Overlay>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
