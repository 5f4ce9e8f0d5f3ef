import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';

import { Modal } from './modal';

/** A page with a button that opens the dialog, as the features use it: rendered while open, unmounted on close. */
function Page({ withField = true }: { withField?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open the dialog
      </button>
      <a href="#behind">A link behind the dialog</a>
      {open && (
        <Modal title="Reject 2 encounters" description={<p>The decision is final.</p>} onClose={() => setOpen(false)}>
          {withField && (
            <>
              <label htmlFor="reason">Reason</label>
              <input id="reason" />
            </>
          )}
          <button type="button">Confirm</button>
          <button type="button" onClick={() => setOpen(false)}>
            Cancel
          </button>
        </Modal>
      )}
    </>
  );
}

async function openDialog(withField = true) {
  const user = userEvent.setup();
  render(<Page withField={withField} />);
  const opener = screen.getByRole('button', { name: 'Open the dialog' });
  await user.click(opener);
  const dialog = await screen.findByRole('dialog', { name: 'Reject 2 encounters' });
  return { user, opener, dialog };
}

describe('Modal (Radix Dialog)', () => {
  it('is a labelled, described modal dialog with focus in its first field and the page behind inert', async () => {
    const { dialog } = await openDialog();
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const describedBy = dialog.getAttribute('aria-describedby');
    expect(describedBy && document.getElementById(describedBy)?.textContent).toBe('The decision is final.');
    expect(document.activeElement).toBe(screen.getByLabelText('Reason'));
    const behind = screen.getByText('A link behind the dialog');
    expect(behind.closest('[inert]')).not.toBeNull();
    // Out of the accessibility tree too: only the dialog's buttons are found by role.
    expect(screen.queryByRole('button', { name: 'Open the dialog' })).toBeNull();
  });

  it('traps focus: Tab from the last control goes to the first, Shift+Tab from the first to the last', async () => {
    const { user } = await openDialog();
    const field = screen.getByLabelText('Reason');
    const cancel = screen.getByRole('button', { name: 'Cancel' });
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Confirm' }));
    await user.tab();
    expect(document.activeElement).toBe(cancel);
    await user.tab();
    expect(document.activeElement).toBe(field);
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(cancel);
  });

  it('closes on Escape and gives focus back to the button that opened it, the page no longer inert', async () => {
    const { user, opener } = await openDialog();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    expect(screen.getByText('A link behind the dialog').closest('[inert]')).toBeNull();
  });

  it('gives focus back after Cancel too, and a click outside does not close it (a typed reason would be lost)', async () => {
    const { user, opener } = await openDialog();
    await user.type(screen.getByLabelText('Reason'), 'Left early');
    const backdrop = document.querySelector('.modal-backdrop') as HTMLElement;
    await user.pointer({ keys: '[MouseLeft]', target: backdrop });
    expect(screen.getByRole('dialog')).toBeTruthy();
    expect((screen.getByLabelText('Reason') as HTMLInputElement).value).toBe('Left early');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('without a field, focus goes to its first control', async () => {
    await openDialog(false);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Confirm' }));
  });
});
