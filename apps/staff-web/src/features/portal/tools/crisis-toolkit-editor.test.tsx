import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { json, meWith, PATIENT, problem, renderAt, stubApi, THERAPIST_PERMISSIONS } from '../inbox/portal-fixture';
import { CrisisToolkitEditor } from './crisis-toolkit-editor';

const PATH = `/api/v1/patients/${PATIENT}/crisis-toolkit`;
const LIFELINE = {
  name: '988 Suicide & Crisis Lifeline',
  phone: '988',
  text: '988',
  url: 'https://988lifeline.org',
  description: 'Call or text 988, any time, free and confidential.',
};
const TOOLKIT = {
  patientId: PATIENT,
  crisisLines: [LIFELINE],
  copingSteps: ['Breathe in for 4, out for 6'],
  contacts: [{ name: 'Sam', phone: '+1 520 555 0100', relationship: 'sister' }],
  customised: true,
  updatedAt: '2026-12-01T10:00:00.000Z',
};
const routes = [{ path: '/t', element: <CrisisToolkitEditor patientId={PATIENT} /> }];

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe('Crisis toolkit editor', () => {
  it('shows 988 first with no control to remove it, and saves new steps and contacts (never the lines)', async () => {
    const puts: unknown[] = [];
    stubApi(meWith(THERAPIST_PERMISSIONS), async (req, url) => {
      if (url.pathname !== PATH) return undefined;
      if (req.method === 'PUT') {
        const body = (await req.json()) as Record<string, unknown>;
        puts.push(body);
        return json({ ...TOOLKIT, ...body, updatedAt: '2026-12-05T10:00:00.000Z' });
      }
      return json(TOOLKIT);
    });
    renderAt('/t', routes);
    const form = await screen.findByRole('form', { name: 'Customise the crisis toolkit' });
    const line = within(form).getByText('988 Suicide & Crisis Lifeline').closest('li')!;
    expect(line.textContent).toContain('always shown first; it cannot be removed');
    expect(within(line).queryByRole('button')).toBeNull();
    expect(within(line).queryByRole('textbox')).toBeNull();

    fireEvent.click(within(form).getByRole('button', { name: 'Add a step' }));
    fireEvent.change(within(form).getByLabelText('Step 2'), { target: { value: '  Walk to the park  ' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Move up: step 2' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Add a contact' }));
    fireEvent.change(within(form).getByLabelText('Contact 2: name'), { target: { value: 'Jordan' } });
    fireEvent.change(within(form).getAllByLabelText('Phone')[1]!, { target: { value: '520-555-0142' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save the toolkit' }));
    await screen.findByText('Saved. The client sees this the next time they open their crisis toolkit.');
    expect(puts).toEqual([
      {
        copingSteps: ['Walk to the park', 'Breathe in for 4, out for 6'],
        contacts: [
          { name: 'Sam', phone: '+1 520 555 0100', relationship: 'sister' },
          { name: 'Jordan', phone: '520-555-0142', relationship: null },
        ],
      },
    ]);
  });

  it('refuses an empty step and a bad phone in sentences before sending anything', async () => {
    const seen = stubApi(meWith(THERAPIST_PERMISSIONS), (_req, url) => (url.pathname === PATH ? json(TOOLKIT) : undefined));
    renderAt('/t', routes);
    const form = await screen.findByRole('form', { name: 'Customise the crisis toolkit' });
    fireEvent.click(within(form).getByRole('button', { name: 'Add a step' }));
    fireEvent.change(within(form).getByLabelText('Phone'), { target: { value: 'call me' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save the toolkit' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toContain('Step 2 is empty: write it or remove it.');
    expect(alert.textContent).toContain("Contact 1's phone must be a phone number");
    expect(within(form).getByLabelText('Step 2').getAttribute('aria-invalid')).toBe('true');
    expect(seen.filter((r) => r.method === 'PUT')).toHaveLength(0);
  });

  it('shows the API’s 400 as sentences under the fields, without field keys', async () => {
    stubApi(meWith(THERAPIST_PERMISSIONS), (req, url) => {
      if (url.pathname !== PATH) return undefined;
      if (req.method === 'PUT')
        return problem(400, 'Bad Request', 'Validation failed', [
          { field: 'contacts.0.phone', message: 'phone must be a phone number (digits, spaces, + ( ) . -)' },
        ]);
      return json(TOOLKIT);
    });
    renderAt('/t', routes);
    const form = await screen.findByRole('form', { name: 'Customise the crisis toolkit' });
    fireEvent.click(within(form).getByRole('button', { name: 'Save the toolkit' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toContain('The toolkit was not saved. Phone must be a phone number (digits, spaces, + ( ) . -).');
    expect(alert.textContent).not.toContain('contacts.0');
    expect(within(form).getByLabelText('Phone').getAttribute('aria-invalid')).toBe('true');
  });

  it('a refused toolkit (403) is a sentence, and without the manage permission the toolkit is read only', async () => {
    stubApi(meWith(['patients.view']), (_req, url) =>
      url.pathname === PATH ? problem(403, 'Forbidden', 'You do not have permission "portal.activity.view" here.') : undefined,
    );
    const { unmount } = renderAt('/t', routes);
    expect((await screen.findByRole('alert')).textContent).toContain("Your role does not let you see your clients' portal activity here.");
    unmount();
    vi.unstubAllGlobals();
    stubApi(meWith(['patients.view', 'portal.activity.view']), (_req, url) => (url.pathname === PATH ? json(TOOLKIT) : undefined));
    renderAt('/t', routes);
    await screen.findByText('Breathe in for 4, out for 6');
    expect(screen.queryByRole('form')).toBeNull();
    expect(screen.getByText("Only the client's primary therapist or a portal administrator can change the toolkit.")).toBeTruthy();
  });
});
