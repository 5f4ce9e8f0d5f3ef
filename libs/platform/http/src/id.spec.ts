import { NotFoundException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { IsOptional, validateSync } from 'class-validator';

import { IsId, ParseIdPipe } from './id';
import { IsIdList } from './id-list';

const ID = '0b7f8a52-3c1e-4a8e-9d0e-5f2b7c1d9e44';
const UPPER = ID.toUpperCase();

class Probe {
  @IsId() siteId!: string;
  @IsOptional() @IsId() supervisorId?: string;
  @IsOptional() @IsId({ each: true }) facilitatorIds?: string[];
  @IsOptional() @IsId({ each: true, message: 'each id must be a UUID' }) ids?: string[];
  @IsOptional() @IsIdList('only', 'patient ids', 3) only?: string[];
}

const check = (plain: object) => {
  const probe = plainToInstance(Probe, plain);
  return { probe, errors: validateSync(probe).flatMap((e) => Object.values(e.constraints ?? {})) };
};

describe('IsId', () => {
  it('hands on an id in its canonical spelling, whatever case it came in', () => {
    const { probe, errors } = check({ siteId: UPPER, supervisorId: ID, facilitatorIds: [UPPER, ID], ids: [UPPER], only: `${UPPER},${ID}` });
    expect(errors).toEqual([]);
    expect(probe).toMatchObject({ siteId: ID, supervisorId: ID, facilitatorIds: [ID, ID], ids: [ID], only: [ID, ID] });
  });

  it('refuses anything else as "<field> must be a UUID" (arrays: "must hold UUIDs", or the message given)', () => {
    expect(check({ siteId: 'abc' }).errors).toEqual(['siteId must be a UUID']);
    expect(check({ siteId: 42 }).errors).toEqual(['siteId must be a UUID']);
    expect(check({}).errors).toEqual(['siteId must be a UUID']);
    expect(check({ siteId: ID, supervisorId: `${ID}0` }).errors).toEqual(['supervisorId must be a UUID']);
    expect(check({ siteId: ID, facilitatorIds: [ID, 'x'] }).errors).toEqual(['facilitatorIds must hold UUIDs']);
    expect(check({ siteId: ID, ids: ['x'] }).errors).toEqual(['each id must be a UUID']);
  });

  it('accepts what the API accepted before (class-validator isUUID "all"): not a version-0 id', () => {
    expect(check({ siteId: '0b7f8a52-3c1e-0a8e-9d0e-5f2b7c1d9e44' }).errors).toEqual(['siteId must be a UUID']);
  });
});

describe('ParseIdPipe', () => {
  const pipe = new ParseIdPipe(() => new NotFoundException('No such row.'));

  it('canonicalizes a path id', () => {
    expect(pipe.transform(UPPER)).toBe(ID);
    expect(pipe.transform(ID)).toBe(ID);
  });

  it('answers a malformed id with the not-found error it was given', () => {
    for (const bad of ['abc', `${ID}0`, '', '0b7f8a52-3c1e-0a8e-9d0e-5f2b7c1d9e44'])
      expect(() => pipe.transform(bad)).toThrow('No such row.');
  });
});
