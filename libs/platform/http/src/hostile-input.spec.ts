import 'reflect-metadata';

import type { NextFunction, Request, Response } from 'express';

import { InvalidInputError } from '@cairn/platform/kernel';

import {
  findHostileInput,
  hostileInputMiddleware,
  HostileParamPipe,
  jsonNestsDeeperThan,
  MAX_JSON_DEPTH,
  verifyJsonDepth,
} from './hostile-input';

const fields = (value: unknown, root?: string) => findHostileInput(value, root).map((e) => e.field);

describe('jsonNestsDeeperThan', () => {
  it('counts arrays and objects, refusing one level past the maximum', () => {
    expect(jsonNestsDeeperThan('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).toBe(false);
    expect(jsonNestsDeeperThan('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(jsonNestsDeeperThan('{"a":'.repeat(40) + '1' + '}'.repeat(40))).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonNestsDeeperThan(Buffer.from(JSON.stringify({ note: '[{'.repeat(500) + '"\\' + '[['.repeat(50) })))).toBe(false);
  });

  it("throws from the JSON parser's verify hook with body-parser's error shape", () => {
    expect(() => verifyJsonDepth({} as never, undefined, Buffer.from('['.repeat(5000)))).toThrow(
      expect.objectContaining({ type: 'entity.too.deep', status: 400 }),
    );
    expect(() => verifyJsonDepth({} as never, undefined, Buffer.from('[[1]]'))).not.toThrow();
  });
});

describe('findHostileInput', () => {
  it('accepts ordinary text, emoji (paired surrogates) and keys', () => {
    expect(findHostileInput({ name: 'Zoë 🙂', tags: ['a', { 'x-y': 'b' }], n: 1, ok: true, none: null })).toEqual([]);
  });

  it('names every string holding U+0000 by its dotted path', () => {
    expect(fields({ name: 'x\u0000', attendees: [{ note: 'ok' }, { note: '\u0000' }] }).sort()).toEqual(['attendees.1.note', 'name']);
    expect(findHostileInput({ q: 'a\u0000' })[0]!.message).toBe('q must not contain the character U+0000');
  });

  it('names lone high and low surrogates, and keeps a pair', () => {
    expect(fields({ email: 'a\ud83d@example.com' })).toEqual(['email']);
    expect(fields({ email: 'a\ude00b' })).toEqual(['email']);
    expect(fields({ email: '\ud83d\ude00' })).toEqual([]);
    expect(findHostileInput({ email: 'a\ud83d' })[0]!.message).toMatch(/unpaired UTF-16 surrogate/);
  });

  it('refuses __proto__, constructor and prototype keys at any depth, by their path', () => {
    const body = JSON.parse('{"a":{"__proto__":{"x":1}},"list":[{"constructor":{}}],"prototype":1}') as unknown;
    expect(fields(body).sort()).toEqual(['a.__proto__', 'list.0.constructor', 'prototype']);
  });

  it('refuses a bad character in a key, naming the object that holds it', () => {
    expect(fields({ address: { 'li\u0000ne': 'x' } })).toEqual(['address']);
  });

  it('refuses nesting past the maximum without recursing (100,000 levels)', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(fields(deep)).toEqual([Array(MAX_JSON_DEPTH).fill('0').join('.')]);
  });

  it('reports a top-level string on the body, or on the given root (a path parameter)', () => {
    expect(fields('\u0000')).toEqual(['(body)']);
    expect(fields('99\u000013', 'code')).toEqual(['code']);
  });
});

describe('hostileInputMiddleware', () => {
  const run = (req: Partial<Request>) => {
    const next = jest.fn() as jest.MockedFunction<NextFunction>;
    hostileInputMiddleware(req as Request, {} as Response, next);
    return next.mock.calls[0]![0] as unknown;
  };

  it('passes clean bodies and queries on', () => {
    expect(run({ query: { q: 'lcsw' }, body: { name: 'x' } })).toBeUndefined();
    expect(run({ query: {}, body: undefined })).toBeUndefined();
  });

  it('hands a 400 InvalidInputError naming query and body fields to the error handlers', () => {
    const err = run({ query: { q: '\u0000' }, body: { name: 'x\u0000' } });
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as InvalidInputError).errors!.map((e) => e.field).sort()).toEqual(['name', 'q']);
  });
});

describe('HostileParamPipe', () => {
  const pipe = new HostileParamPipe();

  it('refuses a path parameter holding U+0000, naming it', () => {
    expect(() => pipe.transform('99\u000013', { type: 'param', data: 'code' })).toThrow(InvalidInputError);
    try {
      pipe.transform('99\u000013', { type: 'param', data: 'code' });
    } catch (e) {
      expect((e as InvalidInputError).errors).toEqual([{ field: 'code', message: 'code must not contain the character U+0000' }]);
    }
  });

  it('leaves clean parameters, and bodies and queries (the middleware checked them), untouched', () => {
    expect(pipe.transform('99213', { type: 'param', data: 'code' })).toBe('99213');
    expect(pipe.transform({ name: '\u0000' }, { type: 'body' })).toEqual({ name: '\u0000' });
  });
});
