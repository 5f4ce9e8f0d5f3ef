import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';

import { DEMO_PASSWORD, noSidewaysScroll, signIn } from './demo-session';
import { assert, PageAuditor } from './harness';

/**
 * Scenarios that span the staff web and the client portal (run by tools/testing/run-browser-tests.ts, each in
 * two browser contexts: the therapist's and the client's). Each scenario invites a client of its own (a new patient
 * registered with clinician@sonoran as primary therapist, invited and accepted through the API), so no other test's
 * crisis-toolkit opens, toolkit or audio messages touch it.
 */
export interface ScenarioServers {
  web: string;
  portal: string;
  api: string;
}
type ScenarioTest = [string, (browser: Browser) => Promise<void>];

const OUT = join(__dirname, '..', '..', '..', 'test-output', 'staff-web', 'screenshots');

const THERAPIST = 'clinician@sonoran.cairn.test';
const REGISTRAR = 'frontdesk@sonoran.cairn.test';

interface Me {
  user: { id: string };
  organizations: { id: string; permissions: string[]; sites: { id: string; permissions: string[] }[] }[];
}

async function staffToken(api: string, email: string): Promise<string> {
  const r = await fetch(`${api}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  assert(r.ok, `API login for ${email} answered ${r.status}`);
  return ((await r.json()) as { accessToken: string }).accessToken;
}

async function send<T>(api: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const r = await fetch(`${api}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  assert(r.ok, `${method} ${path} answered ${r.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** Letters only (a patient's name), different on every run. */
const letters = (n: number) =>
  Array.from(randomBytes(n))
    .map((b) => String.fromCharCode(97 + (b % 26)))
    .join('');

export interface NewClient {
  patientId: string;
  firstName: string;
  lastName: string;
  email: string;
  password: string;
}

/**
 * A new client of the demo therapist: front desk registers the patient at a site the therapist works at, with the
 * therapist as primary therapist, and invites them; the client accepts with a password of their own (API only: the
 * invitation page has its own test).
 */
export async function newClientOfTherapist(api: string): Promise<NewClient> {
  const registrar = await staffToken(api, REGISTRAR);
  const therapist = await staffToken(api, THERAPIST);
  const [rMe, tMe] = [await send<Me>(api, registrar, 'GET', '/api/v1/me'), await send<Me>(api, therapist, 'GET', '/api/v1/me')];
  const org = rMe.organizations[0]!;
  const therapistSites = new Set(tMe.organizations.find((o) => o.id === org.id)?.sites.map((s) => s.id) ?? []);
  const site =
    org.sites.find((s) => s.permissions.includes('patients.edit') && therapistSites.has(s.id)) ??
    org.sites.find((s) => s.permissions.includes('patients.edit'));
  assert(site, `${REGISTRAR} may register patients at a site`);
  const firstName = 'Avery';
  const lastName = `Quill${letters(5)}`;
  const patient = await send<{ id: string }>(api, registrar, 'POST', '/api/v1/patients', {
    siteId: site.id,
    firstName,
    lastName,
    dateOfBirth: '1990-03-14',
    isPart2: false,
    primaryTherapistId: tMe.user.id,
  });
  // Letters only: a 13-19 digit run (Date.now()) can pass the Luhn check, and the portal refuses card numbers in any field.
  const email = `portal.scenario.${letters(12)}@example.test`;
  const invited = await send<{ invitationToken: string }>(
    api,
    registrar,
    'POST',
    `/api/v1/patients/${patient.id}/portal-account/invitations`,
    {
      email,
    },
  );
  const password = `lantern harbor ${letters(6)} 47`;
  const accepted = await fetch(`${api}/api/v1/portal/auth/accept-invitation`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token: invited.invitationToken, password }),
  });
  assert(accepted.ok, `accepting the invitation answered ${accepted.status}`);
  return { patientId: patient.id, firstName, lastName, email, password };
}

export async function portalSignIn(page: Page, portal: string, c: NewClient): Promise<void> {
  await page.goto(`${portal}/login`);
  await page.getByLabel('Email').fill(c.email);
  await page.getByLabel('Password').fill(c.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Hello', level: 1 }).waitFor();
}

export async function portalToken(api: string, c: NewClient): Promise<string> {
  const r = await fetch(`${api}/api/v1/portal/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: c.email, password: c.password }),
  });
  assert(r.ok, `portal login answered ${r.status}`);
  return ((await r.json()) as { accessToken: string }).accessToken;
}

/** One visit of the portal's crisis page: one open (the page posts it once per visit). */
async function openCrisisPage(page: Page, portal: string): Promise<void> {
  await page.goto(`${portal}/crisis`);
  await page.getByRole('heading', { name: 'Steps that help you' }).waitFor();
}

/** On a failure, a screenshot of every open page of both contexts (test-output/staff-web/screenshots/failed-*). */
async function screenshotsOnFailure(name: string, pages: Page[], e: unknown): Promise<never> {
  for (const [i, p] of pages.entries())
    await p.screenshot({ path: join(OUT, `failed-${name}-${i}.png`), fullPage: true }).catch(() => undefined);
  throw e;
}

async function contexts(browser: Browser, staffWidth: number, clientWidth: number) {
  const staff = await browser.newContext({ viewport: { width: staffWidth, height: 900 } });
  const client = await browser.newContext({ viewport: { width: clientWidth, height: clientWidth < 700 ? 844 : 900 } });
  return { staff, client, close: async () => Promise.all([staff.close(), client.close()]).then(() => undefined) };
}

export function portalScenarioTests(s: ScenarioServers, staffAudit: PageAuditor, portalAudit: PageAuditor): ScenarioTest[] {
  return [
    [
      'portal scenario 3: the client opens the crisis toolkit a third time in a week and the alert appears live in the therapist’s open inbox, announced politely, without a reload',
      async (browser) => {
        const c = await newClientOfTherapist(s.api);
        const { staff, client, close } = await contexts(browser, 1280, 390);
        try {
          const inbox = await staff.newPage();
          await signIn(inbox, s.web, THERAPIST);
          await inbox
            .getByRole('navigation', { name: 'Main' })
            .getByRole('link', { name: /^Portal inbox/ })
            .click();
          await inbox.getByRole('heading', { name: 'Portal inbox', level: 1 }).waitFor();
          await inbox.locator('p.live-live').waitFor({ timeout: 20_000 });
          await staffAudit.check(inbox, 'portal-inbox-1280');
          // Marks this document: a reload would lose it.
          await inbox.evaluate(() => ((window as unknown as { scenarioMarker?: number }).scenarioMarker = 3));
          // The reader is on the filter: an arrival must not move focus.
          await inbox.getByLabel('Show').focus();
          const words = `${c.firstName} ${c.lastName}'s crisis toolkit was opened 3 times in 7 days.`;

          const portal = await client.newPage();
          await portalSignIn(portal, s.portal, c);
          await openCrisisPage(portal, s.portal);
          await openCrisisPage(portal, s.portal);
          assert((await inbox.getByText(words).count()) === 0, 'no alert after two opens');
          await openCrisisPage(portal, s.portal);
          await portalAudit.check(portal, 'portal-scenario3-crisis-390');

          // The alert arrives in the open inbox, live.
          const item = inbox.getByRole('listitem').filter({ hasText: words });
          await item.waitFor({ timeout: 20_000 });
          assert(
            await inbox.evaluate(() => (window as unknown as { scenarioMarker?: number }).scenarioMarker === 3),
            'the inbox was not reloaded',
          );
          const itemText = (await item.textContent()) ?? '';
          assert(itemText.includes('Needs attention'), 'the alert says it needs attention, in words');
          assert(itemText.includes('Unread'), 'the alert is unread');
          const announcer = inbox.getByTestId('portal-inbox-announcer');
          await inbox.waitForFunction(
            (w) => document.querySelector('[data-testid="portal-inbox-announcer"]')?.textContent?.includes(w) ?? false,
            words,
            { timeout: 10_000 },
          );
          assert((await announcer.getAttribute('aria-live')) === 'polite', 'the arrival is announced politely');
          assert((await inbox.evaluate(() => document.activeElement?.id)) === 'inbox-show', 'focus stayed where it was');
          const nav = inbox.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Portal inbox/ });
          assert(/\d+ unread/.test((await nav.textContent()) ?? ''), 'the navigation counts the unread notifications');
          const link = item.getByRole('link', { name: `Open ${c.firstName} ${c.lastName}’s portal tab` });
          assert((await link.getAttribute('href')) === `/patients/${c.patientId}/portal`, 'the alert links the client’s portal tab');
          await staffAudit.check(inbox, 'portal-inbox-live-alert-1280');

          // Mark read: the row and the count follow.
          const unreadBefore = Number(/(\d+) unread/.exec((await nav.textContent()) ?? '')?.[1]);
          await item.getByRole('button', { name: /^Mark read/ }).click();
          await item.getByRole('button', { name: /^Mark unread/ }).waitFor();
          await inbox.waitForFunction(
            (n) => {
              const text = Array.from(document.querySelectorAll('nav[aria-label="Main"] a')).find((a) =>
                a.textContent?.startsWith('Portal inbox'),
              )?.textContent;
              const m = /(\d+) unread/.exec(text ?? '');
              return (m ? Number(m[1]) : 0) === n - 1;
            },
            unreadBefore,
            { timeout: 10_000 },
          );

          // The same inbox at tablet and phone width.
          await inbox.setViewportSize({ width: 768, height: 1024 });
          await noSidewaysScroll(inbox, 'the portal inbox');
          await staffAudit.check(inbox, 'portal-inbox-768');
          await inbox.setViewportSize({ width: 390, height: 844 });
          await noSidewaysScroll(inbox, 'the portal inbox', 'phone width');
          await staffAudit.check(inbox, 'portal-inbox-390');
        } catch (e) {
          mkdirSync(OUT, { recursive: true });
          await screenshotsOnFailure('scenario3', [...staff.pages(), ...client.pages()], e);
        } finally {
          await close();
        }
      },
    ],
    [
      'portal: the therapist customises the crisis toolkit and records an audio message in the staff web; the client sees the new step in the portal and can play the message',
      async (browser) => {
        const c = await newClientOfTherapist(s.api);
        const { staff, client, close } = await contexts(browser, 1280, 390);
        try {
          await staff.grantPermissions(['microphone'], { origin: s.web });
          const page = await staff.newPage();
          await signIn(page, s.web, THERAPIST);
          await page.goto(`${s.web}/patients/${c.patientId}/portal/tools`);
          await page.getByRole('heading', { name: `Portal tools: ${c.firstName} ${c.lastName}`, level: 1 }).waitFor();
          const toolkit = page.getByRole('form', { name: 'Customise the crisis toolkit' });
          await toolkit.waitFor();
          assert((await toolkit.getByText('988 Suicide & Crisis Lifeline').count()) === 1, '988 is shown, fixed');
          assert((await toolkit.getByRole('button', { name: /988/ }).count()) === 0, '988 has no control to remove it');
          await staffAudit.check(page, 'portal-tools-1280');

          // An empty step is refused in a sentence before anything is sent.
          await toolkit.getByRole('button', { name: 'Add a step' }).click();
          await toolkit.getByRole('button', { name: 'Save the toolkit' }).click();
          await toolkit
            .getByRole('alert')
            .getByText(/Step \d+ is empty: write it or remove it\./)
            .waitFor();
          const step = `Walk to the ${letters(4)} park bench and call Jordan`;
          const steps = toolkit.getByRole('textbox', { name: /^Step \d+$/ });
          await steps.last().fill(step);
          await toolkit.getByRole('button', { name: 'Add a contact' }).click();
          await toolkit.getByLabel('Contact 1: name').fill('Jordan');
          await toolkit.getByLabel('Phone').fill('+1 520 555 0142');
          await toolkit.getByLabel('Relationship (optional)').fill('brother');
          await toolkit.getByRole('button', { name: 'Save the toolkit' }).click();
          await page.getByText('Saved. The client sees this the next time they open their crisis toolkit.').waitFor();

          // Record a short message with the (fake) microphone, listen, send.
          const audio = page.getByRole('form', { name: 'Send an audio message' });
          const title = `Breathing with me ${letters(4)}`;
          await audio.getByLabel('Title').fill(title);
          await audio.getByRole('button', { name: 'Record with the microphone' }).click();
          await audio.getByRole('button', { name: 'Stop recording' }).waitFor();
          await page.waitForTimeout(1500);
          await audio.getByRole('button', { name: 'Stop recording' }).click();
          await audio.getByRole('button', { name: 'Discard and record again' }).waitFor();
          await audio.getByRole('button', { name: 'Send to the client' }).click();
          await page.getByText(`Sent “${title}”. The client can play it in their Audio Vault.`).waitFor({ timeout: 20_000 });
          const sent = page.getByRole('list', { name: 'Audio messages sent' }).getByRole('listitem').filter({ hasText: title });
          await sent.getByText('Not played by the client yet').waitFor();
          await sent.getByRole('button', { name: /^Listen/ }).click();
          await sent.locator('audio').waitFor();
          await staffAudit.check(page, 'portal-tools-after-send-1280');
          await page.setViewportSize({ width: 768, height: 1024 });
          await noSidewaysScroll(page, 'the portal tools');
          await staffAudit.check(page, 'portal-tools-768');
          await page.setViewportSize({ width: 390, height: 844 });
          await noSidewaysScroll(page, 'the portal tools', 'phone width');
          await staffAudit.check(page, 'portal-tools-390');

          // The client sees the new step and contact on the portal's crisis page.
          const portal = await client.newPage();
          await portalSignIn(portal, s.portal, c);
          await openCrisisPage(portal, s.portal);
          await portal.getByRole('listitem').filter({ hasText: step }).waitFor();
          await portal.getByRole('link', { name: 'Call Jordan at +1 520 555 0142' }).waitFor();
          await portalAudit.check(portal, 'portal-crisis-customised-390');

          // The portal has no audio screen yet: the client's side of the message, through the API.
          const token = await portalToken(s.api, c);
          const list = await send<{ audioMessageId: string; title: string; contentType: string }[]>(
            s.api,
            token,
            'GET',
            '/api/v1/portal/audio-messages',
          );
          const mine = list.find((m) => m.title === title);
          assert(mine && mine.contentType.startsWith('audio/'), 'the client’s Audio Vault lists the message as audio');
          const play = await fetch(`${s.api}/api/v1/portal/audio-messages/${mine.audioMessageId}/content`, {
            headers: { Authorization: `Bearer ${token}`, Range: 'bytes=0-3' },
          });
          assert(play.status === 206, `the client's play with a range answers 206 (${play.status})`);
          const head = Buffer.from(await play.arrayBuffer());
          assert(head.length === 4, 'four bytes were asked and sent');
          assert(/^bytes 0-3\/\d+$/.test(play.headers.get('content-range') ?? ''), 'Content-Range names the part and the size');
          // The therapist's list now says the client played it.
          await page.reload();
          await page
            .getByRole('list', { name: 'Audio messages sent' })
            .getByRole('listitem')
            .filter({ hasText: title })
            .getByText(/Played by the client once/)
            .waitFor();
        } catch (e) {
          mkdirSync(OUT, { recursive: true });
          await screenshotsOnFailure('toolkit-audio', [...staff.pages(), ...client.pages()], e);
        } finally {
          await close();
        }
      },
    ],
  ];
}
