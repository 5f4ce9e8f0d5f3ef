import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';

import { AttendanceRoster, GroupAttendance, SessionStatus } from './group-session-page';

const ALEX = '11111111-1111-4111-8111-111111111111';
const row = (extra: Partial<GroupAttendance>): GroupAttendance => ({
  id: crypto.randomUUID(),
  consentRequired: false,
  patientId: ALEX,
  chartId: '22222222-2222-4222-8222-222222222222',
  status: 'present',
  minutesAttended: 90,
  arrivalTime: null,
  departureTime: null,
  recordedBy: '33333333-3333-4333-8333-333333333333',
  recordedAt: '2025-12-02T18:00:00.000Z',
  ...extra,
});

function renderRoster(attendance: GroupAttendance[], names = new Map([[ALEX, 'Lopez, Alex']])) {
  return render(
    <MemoryRouter>
      <AttendanceRoster attendance={attendance} patientNames={names} />
    </MemoryRouter>,
  );
}

describe('AttendanceRoster', () => {
  it('names an attendee, links their chart, and shows status, minutes, arrival and departure', () => {
    renderRoster([row({ status: 'partial', minutesAttended: 25, arrivalTime: '10:50', departureTime: '11:15' })]);
    const r = screen.getAllByRole('row')[1]!;
    expect(within(r).getByRole('link', { name: 'Lopez, Alex' }).getAttribute('href')).toBe(`/patients/${ALEX}`);
    expect(
      within(r)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['◐ Partial', '25', '10:50', '11:15']);
  });

  it('shows an attendee withheld for want of Part 2 consent as withheld, with no id anywhere', () => {
    const { container } = renderRoster([
      row({ consentRequired: true, patientId: null, chartId: null, status: 'absent', minutesAttended: 0 }),
    ]);
    const r = screen.getAllByRole('row')[1]!;
    expect(within(r).getByRole('rowheader').textContent).toBe('§ Withheld: a Part 2 consent covering you is required');
    expect(within(r).queryByRole('link')).toBeNull();
    expect(
      within(r)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['✗ Absent', '0', '—', '—']);
    expect(container.innerHTML).not.toContain(ALEX);
  });

  it('links a named attendee whose name has not loaded as "Patient chart"', () => {
    renderRoster([row({})], new Map());
    expect(screen.getByRole('link', { name: 'Patient chart' }).getAttribute('href')).toBe(`/patients/${ALEX}`);
  });
});

describe('SessionStatus', () => {
  it('says draft or documented in words beside a symbol', () => {
    const { container, rerender } = render(<SessionStatus status="documented" />);
    expect(container.textContent).toBe('✓ Documented');
    rerender(<SessionStatus status="draft" />);
    expect(container.textContent).toBe('✎ Draft');
  });
});
