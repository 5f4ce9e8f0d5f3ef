import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render as renderBare, screen, waitFor } from '@testing-library/react';
import type { ReactElement } from 'react';
import { describe, expect, it, vi } from 'vitest';

import { ApiError } from '../../../api/problem';
import { AuthProvider } from '../../../shared/auth';
import { generation } from './generation-fixture';
import { CodeEditDialog, REASON_REQUIRED, RejectDialog } from './review-dialogs';

/** The dialogs inside the providers the app gives them (signed out here: the code field is plain text). */
const render = (ui: ReactElement) =>
  renderBare(
    <QueryClientProvider client={new QueryClient()}>
      <AuthProvider>{ui}</AuthProvider>
    </QueryClientProvider>,
  );

describe('RejectDialog', () => {
  it('is a labelled modal dialog with focus in the reason field', () => {
    render(<RejectDialog count={3} onCancel={() => undefined} onReject={async () => undefined} />);
    const dialog = screen.getByRole('dialog', { name: 'Reject 3 encounters' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Reason for rejecting (required)'));
  });

  it('refuses an empty or blank reason with an inline error tied to the field, and rejects nothing', () => {
    const onReject = vi.fn(async () => undefined);
    render(<RejectDialog count={1} onCancel={() => undefined} onReject={onReject} />);
    const field = screen.getByLabelText('Reason for rejecting (required)');
    expect(screen.queryByText(REASON_REQUIRED)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Reject 1 encounter' }));
    expect(screen.getByText(REASON_REQUIRED)).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toBe('reject-reason-error');
    fireEvent.change(field, { target: { value: '   ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Reject 1 encounter' }));
    expect(onReject).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(field);
    // Typing a reason clears the error.
    fireEvent.change(field, { target: { value: 'Left early' } });
    expect(screen.queryByText(REASON_REQUIRED)).toBeNull();
    expect(field.getAttribute('aria-invalid')).toBeNull();
  });

  it('sends the trimmed reason', async () => {
    const onReject = vi.fn(async () => undefined);
    render(<RejectDialog count={2} onCancel={() => undefined} onReject={onReject} />);
    fireEvent.change(screen.getByLabelText('Reason for rejecting (required)'), { target: { value: '  Not a billable service  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Reject 2 encounters' }));
    await waitFor(() => expect(onReject).toHaveBeenCalledWith('Not a billable service'));
  });

  it('shows the API refusal in plain words and stays open', async () => {
    const onReject = vi.fn(async () => {
      throw new ApiError({
        status: 400,
        title: 'Bad Request',
        fieldErrors: [{ field: 'reason', message: 'reason must be 1 to 1000 characters' }],
      });
    });
    render(<RejectDialog count={1} onCancel={() => undefined} onReject={onReject} />);
    fireEvent.change(screen.getByLabelText('Reason for rejecting (required)'), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Reject 1 encounter' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Reason must be 1 to 1000 characters.');
    expect(alert.textContent).not.toContain('reason:');
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('closes on Escape and on Cancel', () => {
    const onCancel = vi.fn();
    render(<RejectDialog count={1} onCancel={onCancel} onReject={async () => undefined} />);
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledTimes(2);
  });

  it('keeps Tab inside the dialog, makes the page behind it inert, and gives focus back on close', () => {
    const behind = document.createElement('button');
    behind.textContent = 'Reject selected';
    document.body.append(behind);
    behind.focus();
    const { unmount } = render(<RejectDialog count={1} onCancel={() => undefined} onReject={async () => undefined} />);
    expect(behind.closest('[inert]')).not.toBeNull();
    const cancel = screen.getByRole('button', { name: 'Cancel' });
    cancel.focus();
    fireEvent.keyDown(cancel, { key: 'Tab' });
    expect(document.activeElement).toBe(screen.getByLabelText('Reason for rejecting (required)'));
    fireEvent.keyDown(document.activeElement!, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(cancel);
    unmount();
    expect(behind.closest('[inert]')).toBeNull();
    expect(document.activeElement).toBe(behind);
    behind.remove();
  });
});

describe('CodeEditDialog', () => {
  it("puts the API's refusal of the code under the code field, in a biller's words", async () => {
    const onSave = vi.fn(async () => {
      throw new ApiError({
        status: 400,
        title: 'Bad Request',
        fieldErrors: [{ field: 'proposedCptCode', message: 'proposedCptCode: 99999 is not in the code library' }],
      });
    });
    render(<CodeEditDialog row={generation()} attendee="Tootsie, Renée" onCancel={() => undefined} onSave={onSave} />);
    fireEvent.change(screen.getByLabelText('Code (CPT or HCPCS)'), { target: { value: '99999' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save code' }));
    const under = await screen.findByText('99999 is not a code in the code library: check it, or pick one from the list.');
    expect(under.id).toBe('edit-code-error');
    const field = screen.getByLabelText('Code (CPT or HCPCS)');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(field);
    expect(screen.getByRole('dialog').textContent).not.toContain('proposedCptCode');
  });

  it('checks the code and modifiers before saving, then saves them upper-cased', async () => {
    const onSave = vi.fn(async () => undefined);
    render(
      <CodeEditDialog
        row={generation({ proposedModifiers: ['HQ'] })}
        attendee="Tootsie, Renée"
        onCancel={() => undefined}
        onSave={onSave}
      />,
    );
    expect(screen.getByRole('dialog', { name: 'Edit the proposed code' }).textContent).toContain(
      'Tootsie, Renée, session of 2025-12-02. Now 90853-HQ.',
    );
    const code = screen.getByLabelText('Code (CPT or HCPCS)');
    fireEvent.change(code, { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save code' }));
    expect(screen.getByText('Enter a code.')).toBeTruthy();
    expect(code.getAttribute('aria-invalid')).toBe('true');
    expect(onSave).not.toHaveBeenCalled();
    fireEvent.change(code, { target: { value: 'h0005' } });
    fireEvent.change(screen.getByLabelText('Modifiers (separated by commas, up to 4)'), { target: { value: 'hf, hq' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save code' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledWith('H0005', ['HF', 'HQ']));
  });
});
