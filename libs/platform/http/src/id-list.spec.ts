import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

import { IsIdList } from './id-list';

class Probe {
  @IsIdList('ids', 'patient ids', 2) ids?: string[];
}

const A = '7f1c2d4e-0000-4000-8000-000000000001';
const B = '7f1c2d4e-0000-4000-8000-000000000002';
const check = (ids: string) => {
  const probe = plainToInstance(Probe, { ids });
  return { ids: probe.ids, errors: validateSync(probe).flatMap((e) => Object.values(e.constraints ?? {})) };
};

describe('IsIdList', () => {
  it('splits a comma-separated list, trimming blanks and empty entries', () => {
    expect(check(` ${A}, ,${B}`)).toEqual({ ids: [A, B], errors: [] });
  });

  it('refuses more ids than allowed and anything that is not an id, naming the field', () => {
    expect(check([A, B, A].join(',')).errors).toEqual(['ids holds at most 2 ids']);
    expect(check(`${A},42`).errors).toEqual(['ids must be patient ids (UUIDs), separated by commas']);
  });
});
