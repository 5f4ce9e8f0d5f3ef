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

  it('accepts a UUID of any version and variant, as PostgreSQL stores it (the demo seed derives ids from md5)', () => {
    expect(check({ siteId: '0b7f8a52-3c1e-0a8e-9d0e-5f2b7c1d9e44' }).errors).toEqual([]);
    expect(check({ siteId: '2244AC2F-E6AB-DF8A-4F08-27C655D558B5' })).toMatchObject({
      errors: [],
      probe: { siteId: '2244ac2f-e6ab-df8a-4f08-27c655d558b5' },
    });
  });
});

describe('ParseIdPipe', () => {
  const pipe = new ParseIdPipe(() => new NotFoundException('No such row.'));

  it('canonicalizes a path id', () => {
    expect(pipe.transform(UPPER)).toBe(ID);
    expect(pipe.transform(ID)).toBe(ID);
  });

  it('answers a malformed id with the not-found error it was given', () => {
    for (const bad of ['abc', `${ID}0`, '', '0b7f8a52-3c1e-0a8e-9d0e-5f2b7c1d9e4g', '0b7f8a523c1e0a8e9d0e5f2b7c1d9e44'])
      expect(() => pipe.transform(bad)).toThrow('No such row.');
  });

  it('accepts an id of no RFC version, which PostgreSQL stores (a demo appointment id)', () => {
    expect(pipe.transform('2244ac2f-e6ab-df8a-4f08-27c655d558b5')).toBe('2244ac2f-e6ab-df8a-4f08-27c655d558b5');
  });
});
