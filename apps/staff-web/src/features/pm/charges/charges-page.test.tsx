import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';

import { amountWords, ChargeCode, ChargePatient, ChargeSource, ChargeStatus, WITHHELD_PATIENT } from './charges-page';

const PATIENT = 'dddddddd-0000-4000-8000-000000000001';
const SESSION = 'aaaaaaaa-0000-4000-8000-000000000001';

describe('charges in words', () => {
  it('a Part 2 charge without consent shows the patient as withheld, never an id', () => {
    const { container } = render(
      <MemoryRouter>
        <ChargePatient charge={{ consentRequired: true, patientId: null }} patients={{ names: new Map(), isPending: false }} />
      </MemoryRouter>,
    );
    expect(container.textContent).toBe(`§ ${WITHHELD_PATIENT}`);
  });

  it('names the patient the user may read, linked to the chart', () => {
    render(
      <MemoryRouter>
        <ChargePatient
          charge={{ consentRequired: false, patientId: PATIENT }}
          patients={{ names: new Map([[PATIENT, 'Hall, Isabella']]), isPending: false }}
        />
      </MemoryRouter>,
    );
    expect(screen.getByRole('link', { name: 'Hall, Isabella' }).getAttribute('href')).toBe(`/patients/${PATIENT}`);
  });

  it('states ready and on hold with a symbol and the reason in words', () => {
    const { container, rerender } = render(<ChargeStatus charge={{ status: 'ready', holdReason: null }} />);
    expect(container.textContent).toBe('✓ Ready to bill');
    rerender(<ChargeStatus charge={{ status: 'on_hold', holdReason: 'no_fee_schedule_entry' }} />);
    expect(container.textContent).toBe(' On hold: no fee schedule entry for this code on the service date');
    // The symbol is drawn (an inline icon), not a glyph some fonts lack and show as an empty box.
    expect(container.querySelector('svg[aria-hidden="true"]')).not.toBeNull();
    expect(container.textContent).not.toContain('\u23F8');
    rerender(<ChargeStatus charge={{ status: 'on_hold', holdReason: 'zero_units' }} />);
    expect(container.textContent).toBe(' On hold: the minutes give zero billable units');
  });

  it('shows the final code with its modifiers, and the proposal when billing changed it', () => {
    const { container, rerender } = render(
      <ChargeCode charge={{ final: { code: '90853', modifiers: ['HQ'] }, proposed: { code: '90853', modifiers: ['HQ'] } }} />,
    );
    expect(container.textContent).toBe('90853-HQ');
    rerender(<ChargeCode charge={{ final: { code: 'H0005', modifiers: ['HQ'] }, proposed: { code: '90853', modifiers: [] } }} />);
    expect(container.textContent).toBe('H0005-HQproposed 90853');
    rerender(<ChargeCode charge={{ final: { code: null, modifiers: [] }, proposed: { code: '90853', modifiers: [] } }} />);
    expect(container.textContent).toBe('No final code yetproposed 90853');
  });

  it('names the source, linking a group charge to its session', () => {
    const { container, rerender } = render(
      <MemoryRouter>
        <ChargeSource source={{ type: 'group_encounter_generation', id: 'g1', sessionId: SESSION }} />
      </MemoryRouter>,
    );
    expect(container.textContent).toBe('Group session (details)');
    expect(screen.getByRole('link', { name: 'details' }).getAttribute('href')).toBe(`/group-sessions/${SESSION}`);
    rerender(
      <MemoryRouter>
        <ChargeSource source={{ type: 'peer_encounter', id: 'p1', sessionId: null }} />
      </MemoryRouter>,
    );
    expect(container.textContent).toBe('Peer encounter');
  });

  it('formats amounts in dollars', () => {
    expect(amountWords(12345)).toBe('$123.45');
    expect(amountWords(null)).toBe('—');
  });
});
