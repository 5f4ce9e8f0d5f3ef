import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import { PERMISSIONS } from '@cairn/platform/tenancy';

import { bootApi } from './support/boot-api';

let app: INestApplication;
let doc: { paths: Record<string, Record<string, Record<string, unknown>>>; components: { securitySchemes?: Record<string, unknown> } };

beforeAll(async () => {
  app = await bootApi();
  doc = (await request(app.getHttpServer()).get('/api/docs-json')).body;
});
afterAll(() => app.close());

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map(([method, op]) => ({ id: `${method.toUpperCase()} ${path}`, op })),
  );

describe('OpenAPI contract', () => {
  it('declares bearer auth', () => {
    expect(Object.values(doc.components.securitySchemes ?? {})).toContainEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
  });

  it('states a known permission key (or public/authenticated/portal-client) on every route, and tags it', () => {
    const known = new Set([...Object.keys(PERMISSIONS), 'public', 'authenticated', 'portal-client']);
    const offenders = operations()
      .filter(({ op }) => !known.has(op['x-permission'] as string) || !(op['tags'] as string[] | undefined)?.length)
      .map(({ id }) => id);
    expect(operations().length).toBeGreaterThan(5);
    expect(offenders).toEqual([]);
  });

  it('documents bearer security and 401/403 on every protected route', () => {
    const offenders = operations()
      .filter(({ op }) => op['x-permission'] !== 'public')
      .filter(({ op }) => {
        const responses = op['responses'] as Record<string, unknown>;
        const security = op['security'] as unknown[] | undefined;
        // A portal client's route has no permission to lack (its own account's rows or nothing): 401 only.
        const noPermission = op['x-permission'] === 'authenticated' || op['x-permission'] === 'portal-client';
        return !security?.length || !responses['401'] || (!noPermission && !responses['403']);
      })
      .map(({ id }) => id);
    expect(offenders).toEqual([]);
  });

  it('never lists the Authorization header as a parameter (the bearer security scheme describes it; a generated client would demand it twice)', () => {
    const offenders = operations()
      .filter(({ op }) =>
        ((op['parameters'] as { in: string; name: string }[] | undefined) ?? []).some(
          (p) => p.in === 'header' && p.name.toLowerCase() === 'authorization',
        ),
      )
      .map(({ id }) => id);
    expect(offenders).toEqual([]);
  });

  it('refuses every protected route without a token (the guard covers them all)', async () => {
    const server = app.getHttpServer();
    for (const { id, op } of operations().filter(({ op }) => op['x-permission'] !== 'public')) {
      const [method, path] = id.split(' ') as [string, string];
      const url = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      const res = await (request(server) as unknown as Record<string, (u: string) => request.Test>)[method.toLowerCase()]!(url);
      expect({ id, status: res.status }).toEqual({ id, status: 401 });
      void op;
    }
  });
});
