import type { Browser, BrowserContext, Page } from 'playwright-core';

import { portalBrowser } from '@cairn/testing';

import { DEMO_PASSWORD, noSidewaysScroll, signIn } from './demo-session';
import { assert, PageAuditor } from './harness';

/**
 * Seed scenarios 1 and 2 across the two apps (tools/testing/run-browser-tests.ts runs them with both servers): the
 * client acts in the client portal, the therapist in the staff web's Portal activity tab. The demo client
 * client@sonoran.cairn.test has clinician@sonoran.cairn.test as primary therapist; what each step creates carries
 * this run's own marker, so the tests find their own records among the demo data and other tests' records.
 * Every screen is audited (screenshot + axe) at 390 and 1,280 px.
 */
export interface CareServers {
  web: string;
  portal: string;
  api: string;
}

const CLIENT = 'client@sonoran.cairn.test';
const THERAPIST = 'clinician@sonoran.cairn.test';
/** A 1x1 PNG: the API detects the content type from the bytes, so the upload must be a real picture. */
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

type CareTest = [string, (browser: Browser) => Promise<void>];

async function newPage(browser: Browser, width: 390 | 1280): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ acceptDownloads: true, viewport: { width, height: width < 700 ? 844 : 900 } });
  return { ctx, page: await ctx.newPage() };
}

async function portalSignIn(page: Page, portal: string): Promise<void> {
  await page.goto(`${portal}/login`);
  await page.getByText('Demo accounts (for trying Cairn)').click();
  await page.getByRole('button', { name: `Use ${CLIENT}` }).click();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Hello', level: 1 }).waitFor();
}

/** The client's patient id, as the portal API answers it to the client. */
async function clientPatientId(api: string): Promise<string> {
  const login = await fetch(`${api}/api/v1/portal/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: CLIENT, password: DEMO_PASSWORD }),
  });
  assert(login.ok, `portal login of ${CLIENT} answered ${login.status}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const r = await fetch(`${api}/api/v1/portal/dashboard`, { headers: { Authorization: `Bearer ${accessToken}` } });
  assert(r.ok, `GET /portal/dashboard answered ${r.status}`);
  return ((await r.json()) as { patientId: string }).patientId;
}

/** Waits until the page's data has arrived (no "Loading" left in main). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !/Loading/.test(document.querySelector('main')?.textContent ?? ''), undefined, { timeout: 20_000 });
}

/** Opens the chart, then its Portal activity tab through the chart's tabs. */
async function openPortalTab(page: Page, web: string, patientId: string): Promise<void> {
  await page.goto(`${web}/patients/${patientId}`);
  await page.locator('#chart-heading').waitFor();
  await page.getByRole('navigation', { name: 'Chart sections' }).getByRole('link', { name: 'Portal activity' }).click();
  await page.getByRole('heading', { name: 'Portal activity', level: 2 }).waitFor();
  await settled(page);
}

/** Audits the page at 1,280 px, then at 390 px (no sideways scrolling), and goes back to the width it had. */
async function auditBoth(page: Page, audit: PageAuditor, name: string): Promise<void> {
  const before = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.setViewportSize({ width: 1280, height: 900 });
  await noSidewaysScroll(page, name, '1,280 px');
  await audit.check(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await noSidewaysScroll(page, name, '390 px');
  await audit.check(page, `${name}-390`);
  await page.setViewportSize(before);
}

/** A calendar day `days` after today (UTC), YYYY-MM-DD. */
const dayAfter = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export function portalCareScenarioTests(s: CareServers, audit: PageAuditor): CareTest[] {
  return [
    [
      'portal care scenario 1: the client logs a low mood (shared) and the therapist sees it in the Portal activity tab',
      async (browser) => {
        const marker = `Care scenario ${portalBrowser.runMarker()}: could not get out of bed.`;
        const client = await newPage(browser, 390);
        const staff = await newPage(browser, 1280);
        try {
          // The client: a low mood, two symptoms, a note, shared (the default, and the page says who sees it).
          const { page } = client;
          await portalSignIn(page, s.portal);
          await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mood' }).click();
          await page.getByRole('heading', { name: 'Mood', level: 1 }).waitFor();
          assert(await page.getByRole('checkbox', { name: 'Share this check-in with my therapist' }).isChecked(), 'shared by default');
          await page.getByRole('radio', { name: /^2 \(very low\)$/ }).check();
          await page.getByRole('checkbox', { name: 'Low or down' }).check();
          await page.getByRole('checkbox', { name: 'Hopeless' }).check();
          await page.getByLabel('A note (optional)').fill(marker);
          await page.getByRole('button', { name: 'Save check-in' }).click();
          await page.getByText('Saved. Thank you for checking in: your therapist can see it.').waitFor();
          await auditBoth(page, audit, 'care-1-portal-mood-logged');

          // The therapist: the chart's Portal activity tab shows the check-in, marked low, with its symptoms and note.
          const patientId = await clientPatientId(s.api);
          await signIn(staff.page, s.web, THERAPIST);
          await openPortalTab(staff.page, s.web, patientId);
          const mood = staff.page.getByRole('region', { name: 'Shared mood check-ins table' });
          const row = mood.getByRole('row').filter({ hasText: marker });
          await row.waitFor();
          const text = (await row.textContent()) ?? '';
          assert(text.includes('2 of 10') && text.includes('⚠ Low'), `the check-in reads "2 of 10 ⚠ Low" (${text})`);
          assert(text.includes('Low mood') && text.includes('Hopelessness'), `the check-in names its symptoms (${text})`);
          // The trend's text alternative: the summary counts the shared check-ins and the latest score is the new one.
          await staff.page
            .getByText(/shared check-ins? from .* latest 2\./)
            .first()
            .waitFor();
          await auditBoth(staff.page, audit, 'care-1-staff-portal-tab');
        } finally {
          await client.ctx.close();
          await staff.ctx.close();
        }
      },
    ],
    [
      'portal care scenario 2: homework assigned in the staff web, completed with a file in the portal, reviewed with feedback, feedback seen by the client',
      async (browser) => {
        const title = `Care scenario worksheet ${portalBrowser.runMarker()}`;
        const feedback = 'Thank you: you spotted the all-or-nothing thought. Let us look at it on Monday.';
        const patientId = await clientPatientId(s.api);
        const staff = await newPage(browser, 1280);
        const client = await newPage(browser, 390);
        try {
          // 1. The therapist assigns homework from the Portal activity tab.
          await signIn(staff.page, s.web, THERAPIST);
          await openPortalTab(staff.page, s.web, patientId);
          await staff.page.getByRole('button', { name: 'Assign homework' }).click();
          const assign = staff.page.getByRole('dialog', { name: 'Assign homework' });
          // An empty form is refused in sentences before anything is sent.
          await assign.getByRole('button', { name: 'Assign', exact: true }).click();
          await assign.getByText('Give the homework a title.').waitFor();
          await auditBoth(staff.page, audit, 'care-2-staff-assign-refused');
          await assign.getByLabel('Title').fill(title);
          await assign
            .getByLabel('Instructions')
            .fill('Write down one difficult moment this week: the situation, the thought, the feeling.');
          await assign.getByLabel('Kind of homework').selectOption('thought_record');
          await assign.getByLabel('Due date').fill(dayAfter(7));
          await assign.getByRole('button', { name: 'Assign', exact: true }).click();
          await staff.page.getByText(`“${title}” is assigned: the client sees it in the portal under Homework.`).waitFor();
          const assigned = staff.page.getByRole('listitem').filter({ has: staff.page.getByRole('heading', { name: title }) });
          await assigned.getByText(/◷ To do, due/).waitFor();

          // 2. The client hands it in with a note and a picture.
          await portalSignIn(client.page, s.portal);
          await client.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Homework' }).click();
          await client.page.getByRole('heading', { name: 'Homework', level: 1 }).waitFor();
          await client.page.getByRole('button', { name: `Hand in: ${title}` }).click();
          const form = client.page.getByRole('form', { name: `Hand in: ${title}` });
          await form.getByLabel('A note for your therapist (optional)').fill('Done on Sunday evening.');
          await form.getByLabel('Attach your worksheet or a photo of it (optional)').setInputFiles({
            name: 'thought-record.png',
            mimeType: 'image/png',
            buffer: PNG_1X1,
          });
          await form.getByRole('button', { name: 'Mark as done' }).click();
          await client.page.getByText(`“${title}” is handed in.`).waitFor();
          await auditBoth(client.page, audit, 'care-2-portal-handed-in');

          // 3. The therapist sees it handed in, downloads the file and reviews it with feedback.
          await openPortalTab(staff.page, s.web, patientId);
          const item = staff.page.getByRole('listitem').filter({ has: staff.page.getByRole('heading', { name: title }) });
          await item.getByText(/✓ Handed in .*waiting for your review/).waitFor();
          await item.getByText('Done on Sunday evening.').waitFor();
          const [download] = await Promise.all([
            staff.page.waitForEvent('download'),
            item.getByRole('button', { name: 'Download the handed-in file' }).click(),
          ]);
          const saved = await download.path();
          assert(saved, 'the handed-in file was downloaded');
          assert(/\.png$/i.test(download.suggestedFilename()), `the download keeps the picture's name (${download.suggestedFilename()})`);
          await item.getByRole('button', { name: `Review and give feedback: ${title}` }).click();
          const review = staff.page.getByRole('dialog', { name: `Review “${title}”` });
          await review.getByRole('button', { name: 'Send feedback' }).click();
          await review.getByText('Write your feedback for the client.').waitFor();
          await auditBoth(staff.page, audit, 'care-2-staff-review-dialog');
          await review.getByLabel('Your feedback').fill(feedback);
          await review.getByRole('button', { name: 'Send feedback' }).click();
          await review.waitFor({ state: 'detached' });
          await item.getByText(/✓ Reviewed/).waitFor();
          await item.getByText(feedback).waitFor();
          await auditBoth(staff.page, audit, 'care-2-staff-reviewed');

          // 4. The client sees the feedback.
          await client.page.reload();
          await client.page.getByRole('heading', { name: 'Homework', level: 1 }).waitFor();
          const feedbackSection = client.page.getByRole('region', { name: /^Feedback from your therapist/ });
          const card = feedbackSection.getByRole('listitem').filter({ hasText: title });
          await card.getByText(feedback).waitFor();
          await auditBoth(client.page, audit, 'care-2-portal-feedback');
        } finally {
          await client.ctx.close();
          await staff.ctx.close();
        }
      },
    ],
  ];
}
