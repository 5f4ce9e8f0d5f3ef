import { fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';

import type { Generation } from '../../../api/client';
import { belowMinimum, generation, withheld } from './generation-fixture';
import { groupBySession, WITHHELD_ATTENDEE } from './group-review';
import { SessionTable } from './group-review-page';

const noNames = { names: new Map<string, string>(), isPending: false };

function Table({
  rows,
  canApprove = true,
  canEdit = true,
  onEdit = () => undefined,
  named = new Map<string, string>(),
}: {
  rows: Generation[];
  canApprove?: boolean;
  canEdit?: boolean;
  onEdit?(row: Generation): void;
  named?: Map<string, string>;
}) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  return (
    <MemoryRouter>
      <SessionTable
        group={groupBySession(rows)[0]!}
        groupName="Family Recovery Group"
        selected={selected}
        setSelected={setSelected}
        canApprove={canApprove}
        canEdit={canEdit}
        patients={{ names: named, isPending: false }}
        reviewers={noNames}
        onEdit={onEdit}
      />
      <output data-testid="selected">{[...selected].sort().join(',')}</output>
    </MemoryRouter>
  );
}

const rowOf = (g: Generation) => document.querySelector(`tr[data-generation-id="${g.id}"]`) as HTMLElement;

describe('SessionTable', () => {
  it('heads the session with the group name, date, type and modality, and links to the session page', () => {
    const a = generation({ modality: 'telehealth_video', groupType: 'multi_family_group' });
    render(<Table rows={[a]} />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Family Recovery Group, 2025-12-02');
    expect(screen.getByText(/Multi-family group · Telehealth \(video\)/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Session details' }).getAttribute('href')).toBe(`/group-sessions/${a.groupSessionId}`);
  });

  it('shows attendees by name, status with a symbol and words, minutes, proposed code and flags', () => {
    const a = generation({ proposedModifiers: ['HQ'] });
    const b = belowMinimum();
    const c = generation({ status: 'rejected', rejectionReason: 'Left before the group began' });
    render(<Table rows={[a, b, c]} named={new Map([[a.patientId!, 'Tootsie, Renée']])} />);
    expect(within(rowOf(a)).getByRole('link', { name: 'Tootsie, Renée' }).getAttribute('href')).toBe(`/patients/${a.patientId}`);
    expect(within(rowOf(a)).getByText('Pending review').closest('.status')?.textContent).toBe('◷ Pending review');
    expect(rowOf(a).textContent).toContain('90853-HQ');
    expect(within(rowOf(a)).getByText('None')).toBeTruthy();
    // An attendee whose name the user may not read is shown by a short id, said to be unnamed.
    expect(rowOf(b).textContent).toContain('(name not available to you)');
    expect(rowOf(b).textContent).toContain('25');
    expect(rowOf(b).querySelector('[data-flag="below-minimum"]')?.textContent).toContain('Below minimum minutes');
    expect(rowOf(b).textContent).toContain('requires at least 30');
    expect(rowOf(c).textContent).toContain('✕ Rejected');
    expect(rowOf(c).textContent).toContain('Reason: Left before the group began');
  });

  it('shows a Part 2 row without consent (as the API gives it, identity hidden) as withheld, flagged, and not selectable or editable', () => {
    // A row with the consent flag but still carrying its session (e.g. a review action's answer): never selectable.
    const w = generation({ sudProgram: true, patientId: null, chartId: null, encounterId: null, flags: { consentRequired: true } });
    render(<Table rows={[generation(), w]} />);
    const row = rowOf(w);
    expect(row.textContent).toContain(WITHHELD_ATTENDEE);
    expect(row.querySelector('[data-flag="consent-required"]')?.textContent).toContain('Part 2 consent required');
    expect(within(row).queryByRole('checkbox')).toBeNull();
    expect(within(row).getByText('Cannot be selected: Part 2 consent required')).toBeTruthy();
    expect(within(row).queryByRole('button')).toBeNull();
    expect(row.getAttribute('data-selectable')).toBe('false');
  });

  it('leaves a withheld row (id and reason only) out of every session table', () => {
    const w = withheld();
    render(<Table rows={[generation(), w]} />);
    expect(rowOf(w)).toBeNull();
  });

  it('selects some rows one by one, and all selectable rows with the session box (mixed state in between)', () => {
    const a = generation();
    const b = belowMinimum();
    const decided = generation({ status: 'approved' });
    const w = withheld();
    render(<Table rows={[a, b, decided, w]} />);
    const all = screen.getByRole('checkbox', { name: /^Select all 2 selectable in Family Recovery Group/ }) as HTMLInputElement;
    expect(within(rowOf(decided)).queryByRole('checkbox')).toBeNull();
    fireEvent.click(within(rowOf(a)).getByRole('checkbox'));
    expect(screen.getByTestId('selected').textContent).toBe(a.id);
    expect(all.checked).toBe(false);
    expect(all.indeterminate).toBe(true);
    fireEvent.click(all);
    expect(screen.getByTestId('selected').textContent).toBe([a.id, b.id].sort().join(','));
    expect(all.checked).toBe(true);
    expect(all.indeterminate).toBe(false);
    fireEvent.click(all);
    expect(screen.getByTestId('selected').textContent).toBe('');
  });

  it('offers selection only with the approve permission and code edits only with the edit permission', () => {
    const a = generation();
    const onEdit = vi.fn();
    const { unmount } = render(<Table rows={[a]} canApprove={false} canEdit={false} />);
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
    expect(screen.queryByRole('button', { name: /Edit code/ })).toBeNull();
    expect(screen.queryByRole('columnheader', { name: 'Actions' })).toBeNull();
    unmount();
    render(<Table rows={[a, generation({ status: 'approved' })]} canApprove={false} canEdit onEdit={onEdit} />);
    const edits = screen.getAllByRole('button', { name: /^Edit code for / });
    expect(edits).toHaveLength(1);
    fireEvent.click(edits[0]!);
    expect(onEdit).toHaveBeenCalledWith(a);
  });
});

describe('SessionTable sorting', () => {
  it('Attendee, Status and Proposed code headers sort the queue (buttons, aria-sort on the sorted one only)', () => {
    const onSort = vi.fn();
    render(
      <MemoryRouter>
        <SessionTable
          group={groupBySession([generation()])[0]!}
          groupName="Family Recovery Group"
          selected={new Set()}
          setSelected={() => undefined}
          canApprove={false}
          canEdit={false}
          patients={noNames}
          reviewers={noNames}
          onEdit={() => undefined}
          sort={{ field: 'status', direction: 'descending' }}
          onSort={onSort}
        />
      </MemoryRouter>,
    );
    expect(screen.getByRole('columnheader', { name: /^Status/ }).getAttribute('aria-sort')).toBe('descending');
    expect(screen.getByRole('columnheader', { name: /^Attendee/ }).hasAttribute('aria-sort')).toBe(false);
    expect(screen.getByRole('columnheader', { name: /^Minutes/ }).querySelector('button')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /^Attendee, sort ascending/ }));
    expect(onSort).toHaveBeenCalledWith('patient', 'ascending');
    fireEvent.click(screen.getByRole('button', { name: /^Proposed code, sort ascending/ }));
    expect(onSort).toHaveBeenLastCalledWith('code', 'ascending');
  });
});
