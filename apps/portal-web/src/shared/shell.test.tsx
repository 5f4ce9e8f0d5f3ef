import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';

import { CrisisPage } from '../features/crisis/crisis-page';
import { json, renderWithApi } from './render.testing';
import { Shell } from './shell';

const TOOLKIT = {
  patientId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  crisisLines: [{ name: '988 Suicide & Crisis Lifeline', phone: '988', text: '988', url: 'https://988lifeline.org', description: '' }],
  copingSteps: ['Breathe slowly', 'Step outside'],
  contacts: [{ name: 'Sam', phone: '(520) 555-0100', relationship: 'Sister' }],
  customised: true,
  updatedAt: null,
};

describe('Shell and the crisis toolkit', () => {
  it('shows 988 on every signed-in screen and opens the toolkit in one tap, logging one open', async () => {
    const { calls } = renderWithApi(
      <Routes>
        <Route
          path="/journal"
          element={
            <Shell>
              <h1>Journal</h1>
            </Shell>
          }
        />
        <Route
          path="/crisis"
          element={
            <Shell>
              <CrisisPage />
            </Shell>
          }
        />
      </Routes>,
      (method, path) => (method === 'POST' && path === '/api/v1/portal/crisis-toolkit/opens' ? json(TOOLKIT, 201) : json({}, 404)),
      { path: '/journal' },
    );
    const call988 = screen.getByRole('link', { name: 'Call or text 988' });
    expect(call988.getAttribute('href')).toBe('tel:988');
    await userEvent.setup().click(screen.getByRole('link', { name: 'Crisis help' }));
    expect(screen.getByRole('heading', { name: 'Crisis help', level: 1 })).toBeTruthy();
    // 988 is there before the API answers.
    expect(screen.getByRole('link', { name: 'Call 988' }).getAttribute('href')).toBe('tel:988');
    expect(await screen.findByText('Breathe slowly')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Call Sam at (520) 555-0100' }).getAttribute('href')).toBe('tel:5205550100');
    expect(calls.filter((c) => c.path === '/api/v1/portal/crisis-toolkit/opens')).toHaveLength(1);
  });

  it('sends a signed-out visitor to sign in', () => {
    renderWithApi(
      <Routes>
        <Route path="/login" element={<h1>Sign in</h1>} />
        <Route
          path="/mood"
          element={
            <Shell>
              <h1>Mood</h1>
            </Shell>
          }
        />
      </Routes>,
      () => json({}, 404),
      { signedIn: false, path: '/mood' },
    );
    expect(screen.getByRole('heading', { name: 'Sign in' })).toBeTruthy();
  });
});
