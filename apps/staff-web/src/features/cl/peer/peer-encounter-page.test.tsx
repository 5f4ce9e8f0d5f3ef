import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { ChargeStatusLine, PeerEncounterPage } from './peer-encounter-page';
import { PeerEncountersPage } from './peer-encounters-page';
import { json, meWith, ORG, PATIENT, PEER_PERMISSIONS, problem, renderAt, SITE, stubApi, USER } from './peer-fixture';
import type { PeerCharge, PeerEncounter } from './peer-words';

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

const ID = 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee';
const encounter = (over: Partial<PeerEncounter> = {}): PeerEncounter => ({
  id: ID,
  organizationId: ORG,
  siteId: SITE,
  patientId: PATIENT,
  chartId: 'ffffffff-ffff-4fff-8fff-ffffffffffff',
  encounterId: null,
  peerProviderId: USER,
  serviceDate: '2026-03-10',
  startTime: '09:00',
  endTime: '09:53',
  durationMinutes: 53,
  serviceType: 'peer_support',
  serviceTypeSource: 'pf15',
  hcpcsCode: 'H0038',
  unitBasis: 'per_15_minutes',
  units: 4,
  focusNotes: 'Recovery capital.',
  status: 'draft',
  finalizedAt: null,
  finalizedBy: null,
  addenda: [],
  part2Notice: null,
  createdAt: '2026-03-10T17:00:00Z',
  createdBy: USER,
  updatedAt: '2026-03-10T17:00:00Z',
  ...over,
});
const charge = (over: Partial<PeerCharge>): PeerCharge => ({
  peerEncounterId: ID,
  chargeStatus: 'not_finalized',
  chargeId: null,
  holdReason: null,
  finalCode: null,
  units: null,
  amountCents: null,
  chargedAt: null,
  ...over,
});

describe('a peer encounter', () => {
  it('finalizes a draft and then shows its charge, polled until it exists', async () => {
    let finalized = false;
    let chargeAsks = 0;
    const seen = stubApi(meWith(PEER_PERMISSIONS), (req, url) => {
      if (url.pathname === `/api/v1/peer-encounters/${ID}/finalize` && req.method === 'POST') {
        finalized = true;
        return json(encounter({ status: 'finalized', finalizedAt: '2026-03-10T18:00:00Z', finalizedBy: USER }));
      }
      if (url.pathname === `/api/v1/peer-encounters/${ID}/charge`) {
        if (!finalized) return json(charge({}));
        chargeAsks += 1;
        return json(
          chargeAsks === 1
            ? charge({ chargeStatus: 'pending' })
            : charge({ chargeStatus: 'ready', chargeId: 'c1', finalCode: 'H0038', units: 4, amountCents: 4400 }),
        );
      }
      if (url.pathname === `/api/v1/peer-encounters/${ID}`) return json(encounter());
      if (url.pathname === '/api/v1/staff-directory')
        return json({ items: [{ id: USER, displayName: 'Paul Etsitty, CPRS', roles: [] }], total: 1, page: 1, pageSize: 200 });
      return undefined;
    });
    renderAt(`/peer/encounters/${ID}`, [{ path: '/peer/encounters/:id', element: <PeerEncounterPage /> }]);
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toContain('✎ Draft');
    expect((await screen.findByText(/Not sent to billing/)).textContent).toContain('finalize the encounter to charge it');
    expect(screen.queryByLabelText('New addendum')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Finalize and send to billing' }));
    expect(await screen.findByText(/the charge is being created/)).toBeTruthy();
    expect(await screen.findByText('Charged: ready to bill, H0038 × 4 = $44.00', {}, { timeout: 8000 })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Edit the draft' })).toBeNull();
    expect(screen.getByLabelText('New addendum')).toBeTruthy();
    expect(seen.some((r) => r.method === 'POST' && r.url.endsWith('/finalize'))).toBe(true);
  }, 15000);

  it('refuses an empty addendum under its field, and adds a written one', async () => {
    let body: unknown;
    stubApi(meWith(PEER_PERMISSIONS), async (req, url) => {
      if (url.pathname === `/api/v1/peer-encounters/${ID}/addenda` && req.method === 'POST') {
        body = await req.json();
        return json(
          encounter({
            status: 'finalized',
            addenda: [{ id: 'a1', authorId: USER, body: 'Corrected the focus.', createdAt: '2026-03-11T10:00:00Z' }],
          }),
          201,
        );
      }
      if (url.pathname === `/api/v1/peer-encounters/${ID}/charge`)
        return json(charge({ chargeStatus: 'on_hold', chargeId: 'c1', holdReason: 'no_fee_schedule_entry', units: 4 }));
      if (url.pathname === `/api/v1/peer-encounters/${ID}`) return json(encounter({ status: 'finalized' }));
      return undefined;
    });
    renderAt(`/peer/encounters/${ID}`, [{ path: '/peer/encounters/:id', element: <PeerEncounterPage /> }]);
    fireEvent.click(await screen.findByRole('button', { name: 'Add addendum' }));
    expect((await screen.findByText(/Write the addendum first/)).closest('p')!.id).toBe('peer-addendum-error');
    fireEvent.change(screen.getByLabelText('New addendum'), { target: { value: 'Corrected the focus.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add addendum' }));
    expect(await screen.findByText('Corrected the focus.', { selector: 'p' })).toBeTruthy();
    expect(body).toEqual({ body: 'Corrected the focus.' });
  });

  it('says where the charge stands with a symbol and words, the pause drawn', () => {
    const { container, rerender } = render(
      <ChargeStatusLine charge={charge({ chargeStatus: 'on_hold', holdReason: 'future_service_date' })} />,
    );
    expect(container.textContent).toBe(' Charged, on hold: the service date is in the future');
    expect(container.querySelector('svg[aria-hidden="true"]')).not.toBeNull();
    rerender(<ChargeStatusLine charge={charge({ chargeStatus: 'billed', finalCode: 'H2017', units: 2, amountCents: 2200 })} />);
    expect(container.textContent).toBe('✓ Charged and billed: H2017 × 2 = $22.00');
  });
});

describe('peer encounters of a patient', () => {
  const patient = (isPart2: boolean) => ({
    id: PATIENT,
    siteId: SITE,
    firstName: 'Rowan',
    lastName: 'Reyes',
    chart: { mrn: 'SBH-1', isPart2 },
    part2Notice: null,
  });

  it('withholds a Part 2 patient no consent covers, with the reason, and asks for no encounters', async () => {
    const seen = stubApi(meWith(PEER_PERMISSIONS), (_req, url) => {
      if (url.pathname === `/api/v1/patients/${PATIENT}/part2-access`)
        return json({ allowed: false, reason: 'no_consent', part2: true, chartId: 'x' });
      if (url.pathname === `/api/v1/patients/${PATIENT}`) return json(patient(true));
      return undefined;
    });
    renderAt(`/peer/encounters?patient=${PATIENT}`, [{ path: '/peer/encounters', element: <PeerEncountersPage /> }]);
    expect((await screen.findByText(/§ Withheld/)).textContent).toBe(
      "§ Withheld: this patient's record is under 42 CFR Part 2 and no Part 2 consent on file covers peer encounters for you. Their peer encounters cannot be shown or recorded until a consent covers them.",
    );
    expect(screen.queryByRole('button', { name: 'Record a peer encounter' })).toBeNull();
    expect(seen.some((r) => r.url.includes('/peer-encounters'))).toBe(false);
    const access = seen.find((r) => r.url.includes('part2-access'))!;
    expect(new URL(access.url).searchParams.get('recordType')).toBe('peer_encounter');
  });

  it('lists a readable patient’s encounters and records a draft, then opens it', async () => {
    let created: Record<string, unknown> | undefined;
    stubApi(meWith(PEER_PERMISSIONS), async (req, url) => {
      if (url.pathname === '/api/v1/peer-encounters' && req.method === 'POST') {
        created = (await req.json()) as Record<string, unknown>;
        return json(encounter({ id: 'new-id' }), 201);
      }
      if (url.pathname === `/api/v1/patients/${PATIENT}/peer-encounters`)
        return json({ items: [encounter({ status: 'finalized' })], total: 1, page: 1, pageSize: 50 });
      if (url.pathname === `/api/v1/patients/${PATIENT}`) return json(patient(false));
      return undefined;
    });
    renderAt(`/peer/encounters?patient=${PATIENT}`, [{ path: '/peer/encounters', element: <PeerEncountersPage /> }]);
    expect((await screen.findByRole('link', { name: '2026-03-10' })).getAttribute('href')).toBe(`/peer/encounters/${ID}`);
    expect(screen.getByText('✓ Finalized')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Record a peer encounter' }));
    fireEvent.change(screen.getByLabelText('Service date'), { target: { value: '2026-03-11' } });
    fireEvent.change(screen.getByLabelText('Start time'), { target: { value: '14:00' } });
    fireEvent.change(screen.getByLabelText('End time'), { target: { value: '14:30' } });
    await screen.findByRole('option', { name: 'Recovery coaching' });
    fireEvent.change(screen.getByLabelText('Service type'), { target: { value: 'recovery_coaching' } });
    await screen.findByRole('option', { name: /^H2017/ });
    fireEvent.change(screen.getByLabelText('HCPCS code (from the code library)'), { target: { value: 'H2017' } });
    await waitFor(() => expect(document.getElementById('peer-units-preview')!.textContent).toContain('30 minutes = 2 units'));
    fireEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/peer/encounters/new-id'));
    expect(created).toMatchObject({
      patientId: PATIENT,
      serviceDate: '2026-03-11',
      startTime: '14:00',
      endTime: '14:30',
      hcpcsCode: 'H2017',
    });
    expect(created).not.toHaveProperty('confirmOverlap');
  });

  it('shows the refusal of a draft on the page (a 403 in words)', async () => {
    stubApi(meWith(PEER_PERMISSIONS), (req, url) => {
      if (url.pathname === '/api/v1/peer-encounters' && req.method === 'POST')
        return problem(403, 'part2: no consent covers peer encounters of this chart for you');
      if (url.pathname === `/api/v1/patients/${PATIENT}/peer-encounters`) return json({ items: [], total: 0, page: 1, pageSize: 50 });
      if (url.pathname === `/api/v1/patients/${PATIENT}`) return json(patient(false));
      return undefined;
    });
    renderAt(`/peer/encounters?patient=${PATIENT}`, [{ path: '/peer/encounters', element: <PeerEncountersPage /> }]);
    fireEvent.click(await screen.findByRole('button', { name: 'Record a peer encounter' }));
    expect(await screen.findByText('No peer encounters yet.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Service date'), { target: { value: '2026-03-11' } });
    fireEvent.change(screen.getByLabelText('Start time'), { target: { value: '14:00' } });
    fireEvent.change(screen.getByLabelText('End time'), { target: { value: '14:30' } });
    await screen.findByRole('option', { name: 'Peer support' });
    fireEvent.change(screen.getByLabelText('Service type'), { target: { value: 'peer_support' } });
    await screen.findByRole('option', { name: /^H0038/ });
    fireEvent.change(screen.getByLabelText('HCPCS code (from the code library)'), { target: { value: 'H0038' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Not allowed.');
  });
});
