import type { Browser } from 'playwright-core';

import { portalBrowser } from '@cairn/testing';

import { DEMO_PASSWORD, noSidewaysScroll, signIn } from './demo-session';
import { assert, PageAuditor } from './harness';
import { newClientOfTherapist, portalSignIn, portalToken, type ScenarioServers } from './portal-scenarios-crisis.e2e';

/**
 * Seed §5 "therapist shares session summary -> client can view/download", as a therapist does it: the session is
 * picked from the client's held sessions (no appointment reference to paste), a link's `?appointment=` preselects
 * it, and the shared session is then marked as such. The client (a new one, so no demo summary is in the way)
 * finds it in the portal.
 */
type ScenarioTest = [string, (browser: Browser) => Promise<void>];

const THERAPIST = 'clinician@sonoran.cairn.test';
const FRONT_DESK = 'frontdesk@sonoran.cairn.test';

async function call<T>(api: string, method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const r = await fetch(`${api}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  assert(r.ok, `${method} ${path} answered ${r.status}: ${text}`);
  return JSON.parse(text) as T;
}

const staffLogin = async (api: string, email: string) =>
  (await call<{ accessToken: string }>(api, 'POST', '/api/v1/auth/login', null, { email, password: DEMO_PASSWORD })).accessToken;

/** Front desk books an appointment of the patient with the provider at the patient's site, then sets its status. */
async function heldSession(api: string, patientId: string, providerId: string, startHours: number, status: string): Promise<string> {
  const desk = await staffLogin(api, FRONT_DESK);
  const { siteId } = await call<{ siteId: string }>(api, 'GET', `/api/v1/patients/${patientId}`, desk);
  const at = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
  const booked = await call<{ id: string }>(api, 'POST', '/api/v1/pm/appointments', desk, {
    siteId,
    providerId,
    patientId,
    serviceType: 'psychotherapy-45',
    startAt: at(startHours),
    endAt: at(startHours + 0.75),
  });
  await call(api, 'POST', `/api/v1/pm/appointments/${booked.id}/status`, desk, { status });
  return booked.id;
}

export function portalSummaryScenarioTests(s: ScenarioServers, staffAudit: PageAuditor, portalAudit: PageAuditor): ScenarioTest[] {
  return [
    [
      'portal: the therapist shares a session summary by picking the held session from a list; the client reads it in the portal',
      async (browser) => {
        const c = await newClientOfTherapist(s.api);
        const therapist = await staffLogin(s.api, THERAPIST);
        const therapistId = (await call<{ user: { id: string } }>(s.api, 'GET', '/api/v1/me', therapist)).user.id;
        const recent = await heldSession(s.api, c.patientId, therapistId, -26, 'completed');
        await heldSession(s.api, c.patientId, therapistId, -50, 'completed');
        await heldSession(s.api, c.patientId, therapistId, -28, 'no_show');
        const old = await heldSession(s.api, c.patientId, therapistId, -24 * 100, 'completed');
        const staff = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const client = await browser.newContext({ viewport: { width: 390, height: 844 } });
        try {
          const page = await staff.newPage();
          await signIn(page, s.web, THERAPIST);
          await page.goto(`${s.web}/patients/${c.patientId}/portal/tools?appointment=${recent}`);
          const form = page.getByRole('form', { name: 'Share a session summary' });
          const picker = form.getByLabel('The session this summary is for');
          await picker.waitFor();
          assert((await picker.inputValue()) === recent, 'the session named in the link is preselected');
          const options = await picker.locator('option').allTextContents();
          assert(options.length === 3, `two held sessions of the last 60 days are offered, no no-show: ${JSON.stringify(options)}`);
          assert(/^\w{3} \d{1,2} \w{3}, \d{2}:\d{2}–\d{2}:\d{2} with .+ at .+$/.test(options[1]!), `a session in words: ${options[1]}`);
          await staffAudit.check(page, 'portal-summary-picker-1280');

          const words = `We practised box breathing ${portalBrowser.runMarker()}. Try it once a day.`;
          await form.getByLabel('Summary', { exact: true }).fill(words);
          await form.getByRole('button', { name: 'Share with the client' }).click();
          await page.getByText('Shared. The client can read it in the portal now.').waitFor();
          await form.getByText('A summary of the session named in the link you followed has been shared already.').waitFor();
          assert((await picker.inputValue()) === '', 'nothing is chosen after sharing');
          const shared = picker.locator(`option[value="${recent}"]`);
          assert(await shared.isDisabled(), 'the shared session cannot be chosen again');
          assert(/ — summary already shared$/.test((await shared.textContent()) ?? ''), 'the shared session says so');

          // A longer period reaches the older session.
          await form.getByLabel('Show sessions held in').selectOption({ label: 'the last year' });
          await picker.locator(`option[value="${old}"]`).waitFor({ state: 'attached' });
          await page.setViewportSize({ width: 768, height: 1024 });
          await noSidewaysScroll(page, 'the share form with its sessions');
          await staffAudit.check(page, 'portal-summary-picker-768');
          await page.setViewportSize({ width: 390, height: 844 });
          await noSidewaysScroll(page, 'the share form with its sessions', 'phone width');
          await staffAudit.check(page, 'portal-summary-picker-390');

          // The client reads it in the portal.
          const token = await portalToken(s.api, c);
          const mine = await fetch(`${s.api}/api/v1/portal/session-summaries`, { headers: { Authorization: `Bearer ${token}` } });
          const body = (await mine.json()) as { items: { appointmentId: string; summary: string }[] };
          assert(
            body.items.length === 1 && body.items[0]!.appointmentId === recent,
            'the client has the one summary, of the picked session',
          );
          const portal = await client.newPage();
          await portalSignIn(portal, s.portal, c);
          await portal.goto(`${s.portal}/session-summaries`);
          await portal.getByText(words).waitFor();
          await portalAudit.check(portal, 'portal-summary-shared-390');
        } finally {
          await Promise.all([staff.close(), client.close()]);
        }
      },
    ],
  ];
}
