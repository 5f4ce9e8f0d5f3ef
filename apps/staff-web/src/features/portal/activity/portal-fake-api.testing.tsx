import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { vi } from 'vitest';

import { AuthProvider } from '../../../shared/auth';
import { PortalActivityTab } from './portal-activity-tab';

export const PATIENT = '99999999-9999-4999-8999-999999999999';
export const ORG = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
export const THERAPIST = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
export const APPOINTMENT = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
export const ALL_PORTAL = [
  'patients.view',
  'portal.activity.view',
  'portal.homework.manage',
  'portal.resources.manage',
  'portal.prompts.manage',
  'portal.files.upload',
  'portal.crisis-toolkit.manage',
  'portal.goals.manage',
];

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

export const problem = (status: number, title: string, detail?: string, errors?: { field: string; message: string }[]) =>
  json({ type: 'about:blank', title, status, ...(detail ? { detail } : {}), ...(errors ? { errors } : {}) }, status);

/** A homework row as the API answers it (`over` replaces fields). */
export interface FakeHomework {
  homeworkId: string;
  title: string;
  [field: string]: unknown;
}

export const homework = (over: Record<string, unknown> = {}): FakeHomework => ({
  homeworkId: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd',
  patientId: PATIENT,
  title: 'Thought record',
  description: 'Write down three thoughts.',
  homeworkType: 'thought_record',
  dueOn: '2026-12-10',
  status: 'assigned',
  overdue: false,
  assignedBy: THERAPIST,
  assignedAt: '2026-12-01T15:00:00Z',
  completedAt: null,
  completionNote: null,
  submissionFileId: null,
  reviewedAt: null,
  reviewedBy: null,
  feedback: null,
  cancelledAt: null,
  ...over,
});

/** The answers of an empty portal: every section's route answered with nothing in it. */
export function emptyPortal(): Record<string, () => Response> {
  const base = `/api/v1/patients/${PATIENT}`;
  const page = { items: [], page: 1, pageSize: 10, total: 0 };
  return {
    [`GET ${base}/portal-activity`]: () =>
      json({ patientId: PATIENT, today: '2026-12-05', generatedAt: '2026-12-05T12:00:00Z', upcomingAppointments: [], sections: {} }),
    [`GET ${base}/mood-trends`]: () =>
      json({
        patientId: PATIENT,
        from: '2026-11-06',
        to: '2026-12-05',
        entries: 0,
        averageScore: null,
        latestScore: null,
        change: null,
        days: [],
        topSymptoms: [],
        attendance: null,
      }),
    [`GET ${base}/mood-entries`]: () => json(page),
    [`GET ${base}/journal-entries`]: () => json(page),
    [`GET ${base}/homework`]: () => json({ ...page, pageSize: 100 }),
    [`GET ${base}/goals`]: () => json({ items: [] }),
    [`GET ${base}/session-reviews`]: () => json(page),
    [`GET ${base}/crisis-toolkit/usage`]: () => json({ patientId: PATIENT, opens: [], alerts: [] }),
    [`GET ${base}/resources`]: () => json({ items: [] }),
    [`GET ${base}/portal-prompts`]: () => json([]),
    // The therapist's tools (features/portal/tools), the tab's last sections.
    [`GET ${base}/crisis-toolkit`]: () =>
      json({
        patientId: PATIENT,
        crisisLines: [
          {
            name: '988 Suicide & Crisis Lifeline',
            phone: '988',
            text: '988',
            url: 'https://988lifeline.org',
            description: 'Call or text 988.',
          },
        ],
        copingSteps: [],
        contacts: [],
        customised: false,
        updatedAt: null,
      }),
    [`GET ${base}/audio-messages`]: () => json([]),
    [`GET ${base}/session-summaries`]: () => json(page),
    [`GET ${base}/session-summaries/sessions`]: () =>
      json({ patientId: PATIENT, days: 60, from: '2026-10-06T12:00:00.000Z', sessions: [] }),
  };
}

export interface Sent {
  method: string;
  path: string;
  search: string;
  body: unknown;
}

/**
 * Renders the tab at /patients/:id/portal for a user holding `permissions`, the API answered by `answers`
 * ("METHOD /path" -> response; anything else is a 404). Returns every request the page made, bodies parsed.
 */
export function renderTab(answers: Record<string, (req: Request) => Response | Promise<Response>>, permissions = ALL_PORTAL): Sent[] {
  const sent: Sent[] = [];
  sessionStorage.setItem('cairn.staff.tokens', JSON.stringify({ accessToken: 'a', refreshToken: 'r' }));
  sessionStorage.setItem('cairn.staff.scope', JSON.stringify({ organizationId: ORG }));
  const me = {
    user: { id: THERAPIST, email: 'clinician@sonoran.cairn.test', displayName: 'Dr. Maya Ortiz' },
    organizations: [{ id: ORG, name: 'Sonoran', slug: 'sonoran', roles: ['clinician'], permissions, sites: [] }],
  };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      const url = new URL(req.url);
      if (url.pathname === '/api/v1/me') return json(me);
      const type = req.headers.get('Content-Type') ?? '';
      const body =
        req.method === 'GET'
          ? undefined
          : type.includes('json')
            ? await req
                .clone()
                .json()
                .catch(() => undefined)
            : type;
      sent.push({ method: req.method, path: url.pathname, search: url.search, body });
      const answer = answers[`${req.method} ${url.pathname}`];
      return answer ? answer(req) : problem(404, 'Not Found', 'No route in this test.');
    }),
  );
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={[`/patients/${PATIENT}/portal`]}>
        <AuthProvider>
          <Routes>
            <Route path="/patients/:id/portal" element={<PortalActivityTab />} />
          </Routes>
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return sent;
}
