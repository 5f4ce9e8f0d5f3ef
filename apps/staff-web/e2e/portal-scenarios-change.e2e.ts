import type { Browser, Page, Request } from 'playwright-core';

import { DEMO_PASSWORD, DemoApi, noSidewaysScroll } from './demo-session';
import { assert, PageAuditor } from './harness';

/**
 * Portal scenarios that span the client portal and the staff web (run by tools/testing/run-browser-tests.ts after
 * both apps' own tests), against the real API and the demo data:
 *
 * - Scenario 5: a client asks in the portal for another therapist, sensitively; their current therapist, signed in
 *   to the staff web, has the client in their patient list and sees the request nowhere; an admin takes it under
 *   review and approves it in the staff web, choosing the new therapist; the new therapist then has the client in
 *   their patient list, the former one no longer, and the client reads "Approved" in the portal.
 * - Insurance and payment: a client adds an insurance card with photos and a payment card; every request the browser
 *   makes is intercepted, and none carries the card number in its URL or body; billing staff then see the card's
 *   photos and the payment card by its last four digits.
 * - The staff web's new screens at 1,280, 768 and 390 px (no sideways scroll, axe).
 */
export interface ScenarioServers {
  web: string;
  api: string;
  portal: string;
}
type ScenarioTest = [string, (browser: Browser) => Promise<void>];

const CURRENT_THERAPIST = { email: 'clinician.tucson@sonoran.cairn.test', name: 'Lucía Moreno, LCSW' };
const NEW_THERAPIST = { email: 'clinician.phoenix2@sonoran.cairn.test', name: 'Grace Kim, LMFT' };
const ADMIN = 'admin@sonoran.cairn.test';
const BILLING = 'billing@sonoran.cairn.test';
const CARD_CLIENT = 'client3@sonoran.cairn.test';
/** A test card number (Luhn-valid Visa): the one thing that must never reach Cairn. */
const CARD_NUMBER = '4242 4242 4242 4242';
/** A 1x1 PNG: the API detects the content type from the bytes, so the photos must be real pictures. */
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const WIDTHS = [
  { width: 1280, height: 900 },
  { width: 768, height: 1024 },
  { width: 390, height: 844 },
] as const;

async function send<T>(api: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const r = await fetch(`${api}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert(r.ok, `${method} ${path} answered ${r.status}: ${await r.clone().text()}`);
  return (await r.json()) as T;
}

/** Signs in to the staff web with the form (not every demo login has a button). */
async function staffSignIn(page: Page, web: string, email: string): Promise<void> {
  await page.goto(`${web}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
}

async function portalSignIn(page: Page, portal: string, email: string, password: string): Promise<void> {
  await page.goto(`${portal}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Hello', level: 1 }).waitFor();
}

/** The patient list, searched by last name: how many rows name `who`. */
async function patientListed(page: Page, web: string, lastName: string, who: string): Promise<boolean> {
  await page.goto(`${web}/patients?q=${encodeURIComponent(lastName)}`);
  await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();
  await page.getByText(/patients? matching/).waitFor();
  return (await page.getByRole('link', { name: who }).count()) > 0;
}

async function atEveryWidth(page: Page, audit: PageAuditor, screen: string): Promise<void> {
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    await page.waitForTimeout(250);
    await page.waitForLoadState('networkidle');
    await noSidewaysScroll(page, screen, `${size.width} px`);
    await audit.check(page, `visual-${screen}-${size.width}`);
  }
  await page.setViewportSize(WIDTHS[0]);
}

export function portalChangeScenarioTests(s: ScenarioServers, audit: PageAuditor, portalAudit: PageAuditor): ScenarioTest[] {
  return [
    [
      'portal scenario 5: a sensitive change request is invisible to the current therapist and, once an admin approves it in the staff web, the client is in the new therapist’s caseload',
      async (browser) => {
        // A client of our own: front desk registers them with a primary therapist and invites them to the portal.
        const admin = await DemoApi.as(s.api, ADMIN);
        const me = await admin.get<{ organizations: { slug: string; sites: { id: string; code: string }[] }[] }>('/api/v1/me');
        const site = me.organizations.find((o) => o.slug === 'sonoran')?.sites.find((x) => x.code === 'TUC');
        assert(site, 'the admin sees the Tucson site');
        const directory = await admin.get<{ items: { id: string; displayName: string }[] }>('/api/v1/staff-directory?pageSize=200');
        const idOf = (name: string) => directory.items.find((d) => d.displayName === name)?.id;
        const currentId = idOf(CURRENT_THERAPIST.name);
        assert(currentId && idOf(NEW_THERAPIST.name), 'both therapists are in the staff directory');
        // Letters only (a name refuses digits), unique per run.
        const lastName = `Changeling${Date.now()
          .toString(26)
          .replace(/[0-9]/g, (d) => 'qrstuvwxyz'[Number(d)]!)}`;
        const who = `${lastName}, Rowan`;
        const patient = await send<{ id: string }>(s.api, admin.token, 'POST', '/api/v1/patients', {
          siteId: site.id,
          firstName: 'Rowan',
          lastName,
          dateOfBirth: '1991-03-14',
          primaryTherapistId: currentId,
        });
        const email = `rowan.${lastName.toLowerCase()}@example.test`;
        const invitation = await send<{ invitationLink: string }>(
          s.api,
          admin.token,
          'POST',
          `/api/v1/patients/${patient.id}/portal-account/invitations`,
          {
            email,
          },
        );
        const token = decodeURIComponent(invitation.invitationLink.split('#token=')[1] ?? '');
        const password = 'a quiet change of river 5';
        const accepted = await fetch(`${s.api}/api/v1/portal/auth/accept-invitation`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ token, password }),
        });
        assert(accepted.ok, `the invitation is accepted (${accepted.status})`);

        // 1. The client asks, sensitively, on a phone.
        const client = await browser.newContext({ viewport: { width: 390, height: 844 } });
        const therapist = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const adminCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const newTherapist = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        try {
          const p = await client.newPage();
          await portalSignIn(p, s.portal, email, password);
          await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'More', exact: true }).click();
          await p.getByRole('link', { name: 'Change therapist' }).click();
          await p.getByRole('heading', { name: 'Change therapist', level: 1 }).waitFor();
          await p.getByText('You have not asked for a change before.').waitFor();
          await p.getByLabel('Why would you like a change?').fill('Something in our last session made me feel unsafe.');
          await p.getByRole('checkbox', { name: 'Keep this request from my current therapist' }).check();
          assert(
            await p.getByText('Your current therapist is not told about this request and cannot see it.', { exact: false }).isVisible(),
            'the sensitive choice says the current therapist is not told and cannot see it',
          );
          assert(await p.getByText('portal administrators can see it', { exact: false }).isVisible(), 'and that admins can');
          await portalAudit.check(p, 'scenario5-portal-sensitive-choice-390');
          await p.getByRole('button', { name: 'Send request' }).click();
          await p.getByText('◷ Sent').waitFor();
          await p.getByText('Kept from your current therapist').waitFor();
          await portalAudit.check(p, 'scenario5-portal-request-sent-390');

          // 2. The current therapist has the client in their caseload and sees the request nowhere.
          const t = await therapist.newPage();
          await staffSignIn(t, s.web, CURRENT_THERAPIST.email);
          assert(await patientListed(t, s.web, lastName, who), 'the current therapist has the client in their patient list');
          assert(
            (await t.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Change requests' }).count()) === 0,
            'the current therapist has no change requests in the navigation',
          );
          await t.goto(`${s.web}/portal/change-requests`);
          await t.getByRole('heading', { name: 'Therapist change requests', level: 1 }).waitFor();
          const refusal = await t.getByRole('alert').textContent();
          assert(refusal?.includes('Not allowed.'), `the change requests page is refused to the therapist (${refusal})`);
          assert(!(await t.getByText('made me feel unsafe').count()), 'the reason is nowhere on the page');
          await t.goto(`${s.web}/patients/${patient.id}`);
          await t.locator('#chart-heading').waitFor();
          assert(!(await t.getByText('made me feel unsafe').count()), 'nor on the client’s chart');
          const therapistApi = await DemoApi.as(s.api, CURRENT_THERAPIST.email);
          const asTherapist = await fetch(`${s.api}/api/v1/admin/portal/change-requests`, {
            headers: { Authorization: `Bearer ${therapistApi.token}` },
          });
          assert(asTherapist.status === 403, `the API refuses the therapist the change requests (${asTherapist.status})`);

          // 3. The admin reviews and approves it, choosing the new therapist.
          const a = await adminCtx.newPage();
          await staffSignIn(a, s.web, ADMIN);
          await a.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Change requests' }).click();
          await a.getByRole('heading', { name: 'Therapist change requests', level: 1 }).waitFor();
          await a.getByLabel('State').selectOption('pending');
          const row = a.getByRole('row').filter({ has: a.getByRole('link', { name: who }) });
          await row.waitFor();
          await row.getByText('⊘ Sensitive: hidden from the current therapist').waitFor();
          assert((await row.getByRole('button').count()) === 1, 'a pending request offers one move: start the review');
          await row.getByRole('button', { name: `Start review: ${who}` }).click();
          await a.getByText(`The request of ${who} is now under review.`).waitFor();
          await a.getByLabel('State').selectOption('under_review');
          const reviewRow = a.getByRole('row').filter({ has: a.getByRole('link', { name: who }) });
          await reviewRow.getByRole('button', { name: `Approve: ${who}` }).click();
          const dialog = a.getByRole('dialog', { name: `Approve the change for ${who}` });
          await dialog.getByText(`Current primary therapist: ${CURRENT_THERAPIST.name}`).waitFor();
          await dialog.getByLabel('New therapist (required)').selectOption({ label: `${NEW_THERAPIST.name} (clinician)` });
          await audit.check(a, 'scenario5-staff-approve-dialog-1280');
          // The dialog fits a phone too.
          for (const size of [WIDTHS[2], WIDTHS[0]]) {
            await a.setViewportSize(size);
            const box = await dialog.boundingBox();
            assert(
              box && box.x >= 0 && box.x + box.width <= size.width,
              `the approve dialog fits ${size.width} px (${JSON.stringify(box)})`,
            );
          }
          await a.setViewportSize(WIDTHS[2]);
          await audit.check(a, 'scenario5-staff-approve-dialog-390');
          await a.setViewportSize(WIDTHS[0]);
          await dialog.getByRole('button', { name: 'Approve and assign' }).click();
          await a.getByText(`Approved: ${who} has a new primary therapist from today.`).waitFor();
          await a.getByLabel('State').selectOption('approved');
          const approvedRow = a.getByRole('row').filter({ has: a.getByRole('link', { name: who }) });
          await approvedRow.getByText(NEW_THERAPIST.name).waitFor();
          assert((await approvedRow.getByRole('button').count()) === 0, 'an approved request offers no moves');
          await audit.check(a, 'scenario5-staff-approved');

          // 4. The new therapist has the client in their caseload; the former one no longer does.
          const n = await newTherapist.newPage();
          await staffSignIn(n, s.web, NEW_THERAPIST.email);
          assert(await patientListed(n, s.web, lastName, who), 'the new therapist has the client in their patient list');
          await n.getByRole('link', { name: who }).click();
          await n.locator('#chart-heading').waitFor();
          await audit.check(n, 'scenario5-new-therapist-chart');
          assert(!(await patientListed(t, s.web, lastName, who)), 'the former therapist no longer has the client in their patient list');

          // 5. The client reads the decision.
          await p.reload();
          await p.getByText('✓ Approved').waitFor();
          await p.getByText('You have a new therapist.', { exact: false }).waitFor();
          await portalAudit.check(p, 'scenario5-portal-approved-390');
        } finally {
          for (const c of [client, therapist, adminCtx, newTherapist]) await c.close().catch(() => undefined);
        }
      },
    ],
    [
      'portal: insurance card photos and a payment card are saved without the card number in any request; billing staff see the photos and the last four digits',
      async (browser) => {
        const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
        const billing = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const digits = CARD_NUMBER.replace(/ /g, '');
        const seen: { url: string; body: string }[] = [];
        // Every request of the page, to any host, is read before it goes on.
        await ctx.route('**/*', async (route) => {
          const req: Request = route.request();
          const body = req.postDataBuffer();
          seen.push({ url: req.url(), body: body ? body.toString('latin1') : '' });
          await route.continue();
        });
        try {
          const page = await ctx.newPage();
          await page.goto(`${s.portal}/login`);
          await page.getByText('Demo accounts (for trying Cairn)').click();
          await page.getByRole('button', { name: `Use ${CARD_CLIENT}` }).click();
          await page.getByRole('button', { name: 'Sign in', exact: true }).click();
          await page.getByRole('heading', { name: 'Hello', level: 1 }).waitFor();
          await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'More', exact: true }).click();
          await page.getByRole('link', { name: 'Insurance and payment' }).click();
          await page.getByRole('heading', { name: 'Insurance and payment', level: 1 }).waitFor();

          const payer = `Desert Health Plan ${Date.now().toString(36)}`;
          await page.getByLabel('Insurance company').fill(payer);
          await page.getByLabel('Member ID').fill('XKZ998877');
          const front = page.getByLabel('Photo of the front');
          assert((await front.getAttribute('capture')) === 'environment', 'the photo field opens the back camera on a phone');
          assert((await front.getAttribute('accept')) === 'image/*', 'the photo field takes pictures');
          await front.setInputFiles({ name: 'front.png', mimeType: 'image/png', buffer: PNG_1X1 });
          await page.getByLabel('Photo of the back (optional)').setInputFiles({ name: 'back.png', mimeType: 'image/png', buffer: PNG_1X1 });
          await page.getByRole('button', { name: 'Save insurance card' }).click();
          await page.getByText('Insurance card saved.', { exact: false }).waitFor();
          await page.getByRole('heading', { name: payer }).waitFor();

          const year = String(new Date().getFullYear() + 2);
          await page.getByLabel('Card number').fill(CARD_NUMBER);
          await page.getByLabel('Month').selectOption('8');
          await page.getByLabel('Year').selectOption(year);
          await page.getByLabel('Security code').fill('739');
          await portalAudit.check(page, 'portal-card-form-filled-390');
          await page.getByRole('button', { name: 'Save card' }).click();
          await page.getByText('Card saved. Only its last four digits are kept.').waitFor();
          await page.getByRole('heading', { name: 'Visa ending in 4242' }).first().waitFor();
          await portalAudit.check(page, 'portal-insurance-payment-saved-390');

          const posted = seen.filter((r) => r.url.includes('/api/v1/portal/payment-methods') && r.body);
          assert(posted.length === 1, `one payment method was posted (${posted.length})`);
          const sent = JSON.parse(posted[0]!.body) as Record<string, unknown>;
          assert(
            JSON.stringify(Object.keys(sent).sort()) ===
              JSON.stringify(['brand', 'expMonth', 'expYear', 'last4', 'processor', 'processorToken']),
            `only the token and the kept facts are posted (${Object.keys(sent).join(', ')})`,
          );
          assert(sent['last4'] === '4242' && sent['brand'] === 'visa', 'the brand and last four are posted');
          assert(!Object.values(sent).includes('739'), 'the security code is not posted');
          const leaks = seen.filter((r) => {
            const text = decodeURIComponent(`${r.url} ${r.body}`).replace(/[\s-]/g, '');
            return text.includes(digits);
          });
          assert(leaks.length === 0, `no request carries the card number (${leaks.map((l) => l.url).join(', ')})`);
          assert(seen.length > 5, `the requests were intercepted (${seen.length})`);

          // Billing staff see the card with its photos, and the payment card by its last four digits only.
          const portalToken = await page.evaluate(
            () => JSON.parse(sessionStorage.getItem('cairn.portal.tokens') ?? '{}').accessToken as string,
          );
          const cards = await send<{ patientId: string; payerName: string }[]>(s.api, portalToken, 'GET', '/api/v1/portal/insurance-cards');
          const patientId = cards.find((c) => c.payerName === payer)?.patientId;
          assert(patientId, 'the client reads their new card');
          const b = await billing.newPage();
          await staffSignIn(b, s.web, BILLING);
          await b.goto(`${s.web}/patients/${patientId}`);
          await b.getByRole('link', { name: 'Insurance and payment cards from the portal' }).click();
          await b.getByRole('heading', { name: /^Insurance and payment/, level: 1 }).waitFor();
          const section = b.getByRole('region', { name: `${payer} card` });
          await section.getByRole('img', { name: `Front of the ${payer} card` }).waitFor();
          await section.getByRole('img', { name: `Back of the ${payer} card` }).waitFor();
          const loaded = await section.locator('img').evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).naturalWidth > 0));
          assert(loaded, 'both photos are shown');
          await b
            .getByText(/Visa ending in 4242, expires 08\//)
            .first()
            .waitFor();
          assert(!(await b.getByText(digits).count()), 'no card number on the billing page');
          await atEveryWidth(b, audit, 'patient-insurance');
        } finally {
          await ctx.close().catch(() => undefined);
          await billing.close().catch(() => undefined);
        }
      },
    ],
    [
      'visual: portal oversight (admin): change requests, crisis alerts and portal adoption at 1,280, 768 and 390 px',
      async (browser) => {
        const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        try {
          const page = await ctx.newPage();
          await staffSignIn(page, s.web, ADMIN);
          for (const [path, heading, name] of [
            ['/portal/change-requests', 'Therapist change requests', 'portal-change-requests'],
            ['/portal/crisis-alerts?all=1', 'Crisis alerts', 'portal-crisis-alerts'],
            ['/portal/adoption', 'Portal adoption', 'portal-adoption'],
          ] as const) {
            await page.goto(`${s.web}${path}`);
            await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
            await page.waitForFunction(() => !/Loading/.test(document.querySelector('main')?.textContent ?? ''), undefined, {
              timeout: 15_000,
            });
            assert(!(await page.getByRole('alert').count()), `${heading} loads without an error`);
            await atEveryWidth(page, audit, name);
          }
        } finally {
          await ctx.close().catch(() => undefined);
        }
      },
    ],
  ];
}
