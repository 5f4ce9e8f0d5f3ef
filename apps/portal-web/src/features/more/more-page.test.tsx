import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';

import { json, renderWithApi } from '../../shared/render.testing';
import { MORE_NAV, NAV, Shell } from '../../shared/shell';
import { MorePage } from './more-page';

describe('navigation and the More page', () => {
  it('keeps the bottom bar to four screens and More, and More lists every other screen with what it is for', async () => {
    renderWithApi(
      <Routes>
        <Route
          path="/more"
          element={
            <Shell>
              <MorePage />
            </Shell>
          }
        />
        <Route
          path="/session-reviews"
          element={
            <Shell>
              <h1>Session reviews</h1>
            </Shell>
          }
        />
      </Routes>,
      () => json({}, 404),
      { path: '/more' },
    );
    expect(NAV.map((n) => n.label)).toEqual(['Home', 'Mood', 'Homework', 'Sessions']);
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const more = within(nav).getByRole('link', { name: 'More' });
    expect(more.getAttribute('aria-current')).toBe('page');
    // Wider screens list the More entries in the side navigation too (hidden on phones by the stylesheet).
    for (const n of MORE_NAV) expect(within(nav).getByRole('link', { name: n.label }).closest('li')?.className).toBe('nav-secondary');

    const main = screen.getByRole('main');
    expect(within(main).getByRole('heading', { name: 'More', level: 1 })).toBeTruthy();
    const reviews = within(main).getByRole('link', { name: 'Session reviews' });
    expect(document.getElementById(reviews.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Tell us how a session went, and choose who sees it.',
    );
    expect(
      within(main)
        .getAllByRole('link')
        .map((l) => l.querySelector('strong')?.textContent),
    ).toEqual(MORE_NAV.map((n) => n.label));
    expect(screen.getByRole('link', { name: 'Call or text 988' }).getAttribute('href')).toBe('tel:988');

    await userEvent.setup().click(reviews);
    expect(screen.getByRole('heading', { name: 'Session reviews', level: 1 })).toBeTruthy();
    // The More tab stands for the screen it opened; only the screen itself is the current page.
    expect(within(nav).getByRole('link', { name: 'More' }).className).toBe('active');
    expect(within(nav).getByRole('link', { name: 'More' }).getAttribute('aria-current')).toBeNull();
  });
});
