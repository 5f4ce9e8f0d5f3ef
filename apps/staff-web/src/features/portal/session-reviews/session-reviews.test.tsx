import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { AuthProvider } from '../../../shared/auth';
import { AdminSessionReviewsPage, ANONYMOUS, ratingQuery } from './admin-session-reviews-page';
import { MySessionReviewsPage } from './my-session-reviews-page';
import { audienceWords } from './review-words';

const ORG = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const USER = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const CLINICIAN = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const PATIENT = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';

const me = (permissions: string[]) => ({
  user: { id: USER, email: 'admin@sonoran.cairn.test', displayName: 'Alex Admin' },
  organizations: [{ id: ORG, name: 'Sonoran', slug: 'sonoran', roles: ['admin'], permissions, sites: [] }],
});
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
const review = (over: Record<string, unknown> = {}) => ({
  reviewId: '11111111-1111-4111-8111-111111111111',
  patientId: PATIENT,
  appointmentId: '22222222-2222-4222-8222-222222222222',
  appointmentStartAt: '2026-12-01T17:00:00Z',
  clinicianId: CLINICIAN,
  rating: 5,
  feedback: 'Helpful session.',
  sharedWithClinician: true,
  anonymous: false,
  submittedAt: '2026-12-02T10:00:00Z',
  ...over,
});
const DIRECTORY = {
  items: [
    { id: CLINICIAN, displayName: 'Dr. Maya Chen', roles: ['clinician'] },
    { id: '99999999-9999-4999-8999-999999999999', displayName: 'Frank Front', roles: ['front_desk'] },
  ],
  total: 2,
  page: 1,
  pageSize: 200,
};
const PATIENTS = { items: [{ id: PATIENT, firstName: 'Robin', lastName: 'Reyes' }], total: 1, page: 1, pageSize: 200 };

function stub(permissions: string[], handler: (url: URL) => Response | undefined): URL[] {
  const seen: URL[] = [];
  sessionStorage.setItem('cairn.staff.tokens', JSON.stringify({ accessToken: 'a', refreshToken: 'r' }));
  sessionStorage.setItem('cairn.staff.scope', JSON.stringify({ organizationId: ORG }));
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      const url = new URL(req.url);
      seen.push(url);
      if (url.pathname === '/api/v1/me') return json(me(permissions));
      if (url.pathname === '/api/v1/staff-directory') return json(DIRECTORY);
      if (url.pathname === '/api/v1/patients') return json(PATIENTS);
      return handler(url) ?? json({ title: 'Not Found', status: 404 }, 404);
    }),
  );
  return seen;
}

function Where() {
  const l = useLocation();
  return <div data-testid="where">{l.pathname + l.search}</div>;
}

function renderAt(path: string) {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={[path]}>
        <AuthProvider>
          <Routes>
            <Route path="/portal/session-reviews" element={<AdminSessionReviewsPage />} />
            <Route path="/therapist/session-reviews" element={<MySessionReviewsPage />} />
          </Routes>
          <Where />
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

const page = (items: unknown[]) => json({ items, total: items.length, page: 1, pageSize: 50 });

describe('session reviews in words', () => {
  it('maps the rating filter to the API and says who sees a review', () => {
    expect(ratingQuery('low')).toEqual({ maxRating: 2 });
    expect(ratingQuery('4')).toEqual({ rating: 4 });
    expect(ratingQuery('')).toEqual({});
    expect(ratingQuery('9')).toEqual({});
    expect(audienceWords({ sharedWithClinician: true, anonymous: false })).toBe('Shared with the therapist');
    expect(audienceWords({ sharedWithClinician: false, anonymous: false })).toBe('Not shared: the therapist does not see it');
    expect(audienceWords({ sharedWithClinician: false, anonymous: true })).toBe('Anonymous: the therapist is not told');
  });
});

describe('AdminSessionReviewsPage', () => {
  it('shows an anonymous review as Anonymous without a patient, names the others, and filters low ratings and a clinician in the address', async () => {
    const seen = stub(['portal.admin', 'patients.view', 'staff-directory.view'], (url) =>
      url.pathname === '/api/v1/admin/portal/session-reviews'
        ? page([
            review(),
            review({
              reviewId: '33333333-3333-4333-8333-333333333333',
              patientId: null,
              rating: 2,
              feedback: 'Started late.',
              sharedWithClinician: false,
              anonymous: true,
            }),
          ])
        : undefined,
    );
    renderAt('/portal/session-reviews');
    const named = await screen.findByRole('link', { name: 'Reyes, Robin' });
    expect(named.getAttribute('href')).toBe(`/patients/${PATIENT}`);
    const anonymousRow = document.querySelector('tr[data-anonymous="true"]') as HTMLElement;
    expect(within(anonymousRow).getByRole('rowheader').textContent).toBe(ANONYMOUS);
    expect(anonymousRow.querySelector('[data-patient-id]')).toBeNull();
    expect(within(anonymousRow).getByText('Anonymous: the therapist is not told')).toBeTruthy();
    expect(within(anonymousRow).getByText(/2 of 5 \(poor\)/).textContent).toBe('⚠ 2 of 5 (poor)');
    expect(screen.getAllByText('Dr. Maya Chen').length).toBeGreaterThan(0);
    // The patient lookup asked only for the named patient.
    const lookup = seen.find((u) => u.pathname === '/api/v1/patients');
    expect(lookup?.searchParams.get('ids')).toBe(PATIENT);

    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Rating'), 'low');
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/portal/session-reviews?rating=low'));
    const clinician = screen.getByLabelText('Clinician');
    // Only staff who give sessions are offered.
    expect(within(clinician).queryByRole('option', { name: 'Frank Front' })).toBeNull();
    await user.selectOptions(clinician, CLINICIAN);
    await waitFor(() =>
      expect(
        seen.some(
          (u) =>
            u.pathname === '/api/v1/admin/portal/session-reviews' &&
            u.searchParams.get('maxRating') === '2' &&
            u.searchParams.get('clinicianId') === CLINICIAN &&
            !u.searchParams.has('rating'),
        ),
      ).toBe(true),
    );
  });

  it('a user without portal.admin sees only the refusal', async () => {
    stub([], (url) =>
      url.pathname === '/api/v1/admin/portal/session-reviews'
        ? json({ type: 'about:blank', title: 'Forbidden', status: 403, detail: 'You do not have permission "portal.admin" here.' }, 403)
        : undefined,
    );
    renderAt('/portal/session-reviews');
    expect((await screen.findByRole('alert')).textContent).toContain('Not allowed.');
    expect(document.querySelector('select')).toBeNull();
  });

  it('a failed list is said in words, and an empty one says nothing matches', async () => {
    stub(['portal.admin'], (url) =>
      url.pathname === '/api/v1/admin/portal/session-reviews'
        ? json(
            {
              type: 'about:blank',
              title: 'Bad Request',
              status: 400,
              detail: 'Validation failed',
              errors: [{ field: 'clinicianId', message: 'clinicianId must be a UUID' }],
            },
            400,
          )
        : undefined,
    );
    renderAt('/portal/session-reviews?clinician=nope');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/clinician/i);
    expect(screen.queryByRole('table')).toBeNull();
  });
});

describe('MySessionReviewsPage', () => {
  it('lists the reviews shared with the therapist by client name', async () => {
    stub(['portal.activity.view', 'patients.view'], (url) =>
      url.pathname === '/api/v1/therapist/session-reviews'
        ? page([{ ...review(), status: 'submitted', promptedAt: '2026-12-02T09:00:00Z' }])
        : undefined,
    );
    renderAt('/therapist/session-reviews');
    expect(await screen.findByRole('link', { name: 'Reyes, Robin' })).toBeTruthy();
    expect(screen.getByText('Helpful session.')).toBeTruthy();
    expect(screen.getByText(/5 of 5 \(very good\)/)).toBeTruthy();
    expect(screen.getByText('1 shared review. Page 1 of 1.')).toBeTruthy();
  });

  it('says when nothing was shared', async () => {
    stub(['portal.activity.view'], (url) => (url.pathname === '/api/v1/therapist/session-reviews' ? page([]) : undefined));
    renderAt('/therapist/session-reviews');
    expect(await screen.findByText('No client has shared a review of your sessions yet.')).toBeTruthy();
  });

  it('shows a server failure in words', async () => {
    stub(['portal.activity.view'], (url) =>
      url.pathname === '/api/v1/therapist/session-reviews' ? json({ title: 'Internal Server Error', status: 500 }, 500) : undefined,
    );
    renderAt('/therapist/session-reviews');
    expect((await screen.findByRole('alert')).textContent).toContain('Something went wrong on the server. Try again in a moment.');
    expect(screen.queryByRole('table')).toBeNull();
  });
});
