import type { GenerationRow } from '../../domain/group-encounter-generation.view';
import { approvalPayloads } from './approve-group-encounters.handler';

const row = (id: string, session: string, over: Partial<GenerationRow> = {}) =>
  ({
    id,
    group_session_id: session,
    encounter_id: `e-${id}`,
    patient_id: `p-${id}`,
    proposed_cpt_code: '90853',
    minutes_attended: 50,
    proposed_modifiers: ['HQ'],
    ...over,
  }) as GenerationRow;

describe('cl_group_encounters_approved payloads', () => {
  it('makes one payload per session with exactly the seed fields, in the seed order', () => {
    const payloads = approvalPayloads('org', [
      row('a', 's1'),
      row('b', 's2', { minutes_attended: 35, proposed_modifiers: [] }),
      row('c', 's1'),
    ]);
    expect(payloads).toHaveLength(2);
    expect(JSON.stringify(payloads[0])).toBe(
      JSON.stringify({
        session_id: 's1',
        approved_generations: [
          {
            generation_id: 'a',
            encounter_id: 'e-a',
            patient_id: 'p-a',
            proposed_cpt_code: '90853',
            duration_minutes: 50,
            modifiers: ['HQ'],
          },
          {
            generation_id: 'c',
            encounter_id: 'e-c',
            patient_id: 'p-c',
            proposed_cpt_code: '90853',
            duration_minutes: 50,
            modifiers: ['HQ'],
          },
        ],
        organization_id: 'org',
      }),
    );
    expect(payloads[1]).toEqual({
      session_id: 's2',
      organization_id: 'org',
      approved_generations: [
        { generation_id: 'b', encounter_id: 'e-b', patient_id: 'p-b', proposed_cpt_code: '90853', duration_minutes: 35, modifiers: [] },
      ],
    });
  });

  it('makes no payload when nothing was newly approved', () => {
    expect(approvalPayloads('org', [])).toEqual([]);
  });
});
