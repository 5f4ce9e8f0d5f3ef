import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { ApiError, toProblem } from '../../../api/problem';
import { PeerEncounterForm, type PeerEncounterFields } from './peer-encounter-form';
import { meWith, PEER_PERMISSIONS, renderAt, SITE, stubApi } from './peer-fixture';

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

function renderForm(onSave: (f: PeerEncounterFields, confirm: boolean) => Promise<void>) {
  stubApi(meWith(PEER_PERMISSIONS));
  renderAt('/', [{ path: '/', element: <PeerEncounterForm siteId={SITE} submitLabel="Save draft" onSave={onSave} /> }]);
}

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

async function fillValid() {
  type('Service date', '2026-03-10');
  type('Start time', '09:00');
  type('End time', '09:53');
  await screen.findByRole('option', { name: 'Peer support' });
  type('Service type', 'peer_support');
  await screen.findByRole('option', { name: /^H0038/ });
  type('HCPCS code (from the code library)', 'H0038');
}

describe('recording a peer encounter', () => {
  it('shows the duration and the units by the site’s rule before saving, and follows the times and the code', async () => {
    renderForm(vi.fn());
    await fillValid();
    const preview = () => document.getElementById('peer-units-preview')!.textContent;
    await waitFor(() => expect(preview()).toContain('53 minutes = 4 units of 15 minutes, by the midpoint rule of Arizona AHCCCS.'));
    type('End time', '09:07');
    expect(preview()).toContain('7 minutes = 0 units');
    type('End time', '08:30');
    expect(preview()).toContain('The end time must be after the start time');
    type('End time', '10:30');
    type('HCPCS code (from the code library)', 'T1016');
    expect(preview()).toContain('90 minutes = 6 units');
  });

  it('offers the peer codes and the organization’s own codes from the code library, not other HCPCS codes', async () => {
    renderForm(vi.fn());
    await screen.findByRole('option', { name: /^H0038/ });
    const codes = Array.from((screen.getByLabelText('HCPCS code (from the code library)') as HTMLSelectElement).options).map(
      (o) => o.value,
    );
    expect(codes).toEqual(['', 'H0038', 'H2017', 'T1016']);
  });

  it('says under each empty field what it needs, and sends nothing', async () => {
    const onSave = vi.fn();
    renderForm(onSave);
    fireEvent.click(await screen.findByRole('button', { name: 'Save draft' }));
    expect(await screen.findByText('Enter the date of the service.')).toBeTruthy();
    expect(screen.getByText('Choose the kind of peer service.')).toBeTruthy();
    expect(screen.getByText('Choose the code to bill.')).toBeTruthy();
    expect(screen.getByLabelText('Service date').getAttribute('aria-describedby')).toBe('serviceDate-error');
    expect(screen.getByLabelText('Service date').getAttribute('aria-invalid')).toBe('true');
    expect(onSave).not.toHaveBeenCalled();
  });

  it('puts the API’s field refusal under its field in words, without the field key', async () => {
    const onSave = vi.fn(async () => {
      throw new ApiError(
        toProblem(400, {
          status: 400,
          title: 'Bad Request',
          errors: [{ field: 'hcpcsCode', message: 'H0038 is not yet effective on 2019-01-01' }],
        }),
      );
    });
    renderForm(onSave);
    await fillValid();
    fireEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    const under = await screen.findByText('H0038 is not yet effective on 2019-01-01.');
    expect(under.closest('p')!.id).toBe('hcpcsCode-error');
    expect(screen.getByRole('alert').textContent).toContain('Check the fields marked below.');
    expect(document.body.textContent).not.toContain('hcpcsCode');
    expect(onSave).toHaveBeenCalledWith(
      { serviceDate: '2026-03-10', startTime: '09:00', endTime: '09:53', serviceType: 'peer_support', hcpcsCode: 'H0038', focusNotes: '' },
      false,
    );
  });

  it('asks to confirm an overlap the API reports, then saves with the confirmation', async () => {
    const onSave = vi
      .fn<(f: PeerEncounterFields, c: boolean) => Promise<void>>()
      .mockRejectedValueOnce(
        new ApiError(
          toProblem(409, {
            status: 409,
            title: 'Conflict',
            detail: 'This peer encounter overlaps 1 other peer encounter(s) of the same patient on that day.',
            errors: [{ field: 'confirmOverlap', message: 'overlaps x (09:30-10:00, draft); set confirmOverlap to true to save anyway' }],
          }),
        ),
      )
      .mockResolvedValueOnce(undefined);
    renderForm(onSave);
    await fillValid();
    fireEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    fireEvent.click(await screen.findByRole('checkbox', { name: /Save anyway/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    await waitFor(() => expect(onSave).toHaveBeenLastCalledWith(expect.anything(), true));
  });
});
