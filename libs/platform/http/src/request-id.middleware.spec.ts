import type { NextFunction, Request, Response } from 'express';

import { requestIdMiddleware } from './request-id.middleware';

function run(header: string | undefined) {
  const req = { headers: header === undefined ? {} : { 'x-request-id': header } } as unknown as Request & { id?: string };
  const set: Record<string, string> = {};
  const res = { setHeader: (k: string, v: string) => (set[k] = v) } as unknown as Response;
  const next = jest.fn() as NextFunction;
  requestIdMiddleware(req, res, next);
  expect(next).toHaveBeenCalled();
  return { req, echoed: set['X-Request-Id'] };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('requestIdMiddleware', () => {
  it('keeps a well-formed incoming id and puts it on req and the response', () => {
    const { req, echoed } = run('abc-123_x.y');
    expect(echoed).toBe('abc-123_x.y');
    expect(req.id).toBe('abc-123_x.y');
    expect(req.headers['x-request-id']).toBe('abc-123_x.y');
  });

  it.each([[undefined], [''], ['a b'], ['x'.repeat(65)], ['<script>']])('replaces %p with a new UUID', (header) => {
    const { req, echoed } = run(header);
    expect(echoed).toMatch(UUID);
    expect(req.id).toBe(echoed);
  });
});
