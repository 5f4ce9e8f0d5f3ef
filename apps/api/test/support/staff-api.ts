import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

export const DEMO_PASSWORD = 'demo-password-1';

export interface StaffSession {
  accessToken: string;
  refreshToken: string;
}

/** Signs a staff user in through the real endpoint. */
export async function login(app: INestApplication, email: string, password = DEMO_PASSWORD): Promise<StaffSession> {
  const res = await request(app.getHttpServer()).post('/api/v1/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`login ${email} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as StaffSession;
}

/** A supertest agent-like helper that sends the bearer token (and an organization, when given). */
export function as(app: INestApplication, session: StaffSession, organizationId?: string) {
  const withAuth = (t: request.Test) => {
    t.set('Authorization', `Bearer ${session.accessToken}`);
    if (organizationId) t.set('X-Organization-Id', organizationId);
    return t;
  };
  const server = app.getHttpServer();
  return {
    get: (url: string) => withAuth(request(server).get(url)),
    post: (url: string) => withAuth(request(server).post(url)),
    patch: (url: string) => withAuth(request(server).patch(url)),
    put: (url: string) => withAuth(request(server).put(url)),
    delete: (url: string) => withAuth(request(server).delete(url)),
  };
}

export function expectProblem(res: request.Response, status: number): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body).toMatchObject({ status, title: expect.any(String), type: expect.any(String) });
  expect(JSON.stringify(res.body)).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack frames
}
