import type { NextFunction, Request, Response } from 'express';

import { RequestBodyError, requireJsonBody } from './body-parser-errors';

function run(headers: Record<string, string>): unknown {
  const next = jest.fn() as jest.MockedFunction<NextFunction>;
  requireJsonBody({ headers } as unknown as Request, {} as Response, next);
  expect(next).toHaveBeenCalledTimes(1);
  return next.mock.calls[0]![0];
}

describe('requireJsonBody', () => {
  it('lets JSON bodies (any charset parameter, any case) and requests without a body through', () => {
    expect(run({ 'content-type': 'application/json', 'content-length': '2' })).toBeUndefined();
    expect(run({ 'content-type': 'Application/JSON; charset=utf-8', 'transfer-encoding': 'chunked' })).toBeUndefined();
    expect(run({})).toBeUndefined();
    expect(run({ 'content-length': '0', 'content-type': 'text/plain' })).toBeUndefined();
  });

  it.each([
    ['application/x-www-form-urlencoded'],
    ['multipart/form-data; boundary=x'],
    ['text/plain'],
    ['application/merge-patch+json'],
    [''],
  ])('answers a %s body with 415', (type) => {
    const err = run({ 'content-type': type, 'content-length': '10' });
    expect(err).toBeInstanceOf(RequestBodyError);
    expect(err).toMatchObject({ status: 415, slug: 'unsupported-media-type' });
  });
});
