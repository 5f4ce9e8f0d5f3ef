import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { ApiError, toProblem } from '../api/problem';
import { ErrorMessage } from './error-message';

describe('ErrorMessage', () => {
  it('announces a 403 as an alert in plain words, with the API title and status for support', () => {
    render(<ErrorMessage error={new ApiError(toProblem(403, { title: 'Forbidden', status: 403, detail: 'Requires patients.view' }))} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Not allowed. You do not have permission to see this.');
    expect(alert.textContent).toContain('(Forbidden, status 403)');
  });

  it('says the server could not be reached, without a status, when there was no response', () => {
    render(<ErrorMessage error={new ApiError({ status: 0, title: 'Network error', fieldErrors: [] })} />);
    expect(screen.getByRole('alert').textContent).toBe('⚠ Problem: The server could not be reached. Check your connection and try again.');
  });

  it('does not show raw text of an unexpected error', () => {
    render(<ErrorMessage error={new TypeError('x is undefined at foo.tsx:12')} />);
    expect(screen.getByRole('alert').textContent).toBe('⚠ Problem: Something went wrong. Try again in a moment.');
  });
});
