import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import { as, StaffSession } from './staff-api';

/** A password the portal's policy accepts (long, not common, not a run). */
export const CLIENT_PASSWORD = 'quiet-river-stones-morning';

export interface PortalSession {
  accessToken: string;
  refreshToken: string;
}

export interface OnboardedClient {
  patientId: string;
  accountId: string;
  email: string;
  session: PortalSession;
}

/** Staff invite the patient, and the client accepts the invitation (both through the real routes). */
export async function onboardClient(
  app: INestApplication,
  staff: StaffSession,
  patientId: string,
  email = `client-${randomUUID().slice(0, 8)}@example.test`,
): Promise<OnboardedClient> {
  const invited = await as(app, staff).post(`/api/v1/patients/${patientId}/portal-account/invitations`).send({ email });
  if (invited.status !== 201) throw new Error(`invite answered ${invited.status}: ${JSON.stringify(invited.body)}`);
  const accepted = await request(app.getHttpServer())
    .post('/api/v1/portal/auth/accept-invitation')
    .send({ token: invited.body.invitationToken, password: CLIENT_PASSWORD });
  if (accepted.status !== 200) throw new Error(`accept answered ${accepted.status}: ${JSON.stringify(accepted.body)}`);
  return { patientId, accountId: invited.body.account.accountId, email, session: accepted.body as PortalSession };
}

/** Signs a client in through the real portal endpoint. */
export async function portalLogin(app: INestApplication, email: string, password = CLIENT_PASSWORD): Promise<PortalSession> {
  const res = await request(app.getHttpServer()).post('/api/v1/portal/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`portal login ${email} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as PortalSession;
}

/** Requests with a portal client's bearer token. */
export function asClient(app: INestApplication, session: PortalSession) {
  const withAuth = (t: request.Test) => t.set('Authorization', `Bearer ${session.accessToken}`);
  const server = app.getHttpServer();
  return {
    get: (url: string) => withAuth(request(server).get(url)),
    post: (url: string) => withAuth(request(server).post(url)),
    patch: (url: string) => withAuth(request(server).patch(url)),
    put: (url: string) => withAuth(request(server).put(url)),
  };
}
