import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';

import { AuthProvider } from '../../../shared/auth';
import { LoginPage } from './login-page';

describe('LoginPage', () => {
  it('has labelled fields and fills them from a demo login, by keyboard', async () => {
    sessionStorage.clear();
    render(
      <QueryClientProvider client={new QueryClient()}>
        <MemoryRouter>
          <AuthProvider>
            <LoginPage />
          </AuthProvider>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    const user = userEvent.setup();
    const hr = screen.getByRole('button', { name: 'Use hr@sonoran.cairn.test' });
    hr.focus();
    await user.keyboard('{Enter}');
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('hr@sonoran.cairn.test');
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('demo-password-1');
    expect(screen.getAllByRole('button', { name: /^Use / })).toHaveLength(8);
  });
});
