import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';

import { AttendanceStatus, ChartEncounter, EncounterTable, withheldMessage, WithheldNotice } from './chart-encounters';

const PROVIDER = '33333333-3333-4333-8333-333333333333';
const SITE = '44444444-4444-4444-8444-444444444444';
const SESSION = '55555555-5555-4555-8555-555555555555';
const staff = { names: new Map([[PROVIDER, 'Lucía Moreno, LCSW']]), isPending: false };
const siteName = (id: string) => (id === SITE ? 'Tucson' : id);

const individual: ChartEncounter = {
  id: '66666666-6666-4666-8666-666666666661',
  encounterType: 'individual',
  serviceDate: '2025-11-03',
  siteId: SITE,
  renderingProviderId: PROVIDER,
  durationMinutes: 53,
  sourceType: 'appointment',
  sourceId: '77777777-7777-4777-8777-777777777777',
  groupSession: null,
};
const group: ChartEncounter = {
  id: '66666666-6666-4666-8666-666666666662',
  encounterType: 'group',
  serviceDate: '2025-12-02',
  siteId: SITE,
  renderingProviderId: PROVIDER,
  durationMinutes: 25,
  sourceType: 'group_session',
  sourceId: SESSION,
  groupSession: {
    sessionId: SESSION,
    attendanceStatus: 'partial',
    minutesAttended: 25,
    groupId: '88888888-8888-4888-8888-888888888888',
    groupName: 'DBT Skills',
    groupType: 'psychotherapy_group',
    sudProgram: false,
    startTime: '10:00',
    endTime: '11:30',
  },
};

function renderTable(items: ChartEncounter[], canOpenSessions = true) {
  return render(
    <MemoryRouter>
      <EncounterTable items={items} staff={staff} siteName={siteName} canOpenSessions={canOpenSessions} />
    </MemoryRouter>,
  );
}

describe('EncounterTable', () => {
  it('shows a group encounter with its group linked to the session, times, attendance and minutes', () => {
    renderTable([group]);
    const row = screen.getAllByRole('row')[1]!;
    const cells = within(row)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells).toEqual(['2025-12-02', 'Group', 'DBT Skills 10:00–11:30', '◐ Partial', '25', 'Lucía Moreno, LCSW', 'Tucson']);
    expect(within(row).getByRole('link', { name: 'DBT Skills' }).getAttribute('href')).toBe(`/group-sessions/${SESSION}`);
  });

  it('shows an individual encounter without group or attendance, its own minutes and the provider by name', () => {
    renderTable([individual]);
    const row = screen.getAllByRole('row')[1]!;
    const cells = within(row)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells).toEqual(['2025-11-03', 'Individual', '—', '—', '53', 'Lucía Moreno, LCSW', 'Tucson']);
    expect(within(row).queryByRole('link')).toBeNull();
  });

  it('names the group without a link for a user who may not open sessions', () => {
    renderTable([group], false);
    expect(screen.getByText('DBT Skills')).toBeTruthy();
    expect(screen.queryByRole('link')).toBeNull();
  });
});

describe('AttendanceStatus', () => {
  it('says the status in words, the symbol hidden from screen readers, with the minutes when given', () => {
    const { container, rerender } = render(<AttendanceStatus status="present" minutes={90} />);
    expect(container.textContent).toBe('✓ Present, 90 min');
    expect(container.querySelector('[aria-hidden="true"]')?.textContent).toBe('✓ ');
    rerender(<AttendanceStatus status="partial" />);
    expect(container.textContent).toBe('◐ Partial');
    rerender(<AttendanceStatus status="absent" minutes={0} />);
    expect(container.textContent).toBe('✗ Absent, 0 min');
  });
});

describe('withheld encounters', () => {
  it('counts them with the reason in plain words', () => {
    expect(withheldMessage(3, 'no_consent')).toBe('3 group encounters withheld: no Part 2 consent covering group encounters');
    expect(withheldMessage(1, 'revoked')).toBe('1 group encounter withheld: the patient revoked their Part 2 consent');
    expect(withheldMessage(2, 'something_new')).toBe(
      '2 group encounters withheld: a Part 2 consent covering group encounters could not be confirmed',
    );
  });

  it('shows the count and nothing when there is none', () => {
    const { container, rerender } = render(<WithheldNotice count={2} reason="no_consent" />);
    expect(container.textContent).toBe('§ 2 group encounters withheld: no Part 2 consent covering group encounters.');
    rerender(<WithheldNotice count={1} reason="no_consent" onThisPage />);
    expect(container.textContent).toBe('§ 1 group encounter withheld on this page: no Part 2 consent covering group encounters.');
    rerender(<WithheldNotice count={0} reason={null} />);
    expect(container.textContent).toBe('');
  });
});
