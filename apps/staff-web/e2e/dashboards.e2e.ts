import type { BrowserContext, Page } from 'playwright-core';

import { DEMO_PASSWORD, noSidewaysScroll, signIn } from './demo-session';
import { assert, PageAuditor } from './harness';
import type { Servers } from './staff-web.e2e';

/**
 * Home as each role's dashboard (issue 17 item 1): several demo logins land on their view at desktop (1,280 px) and
 * phone (390 px) width, every tile states its update model and freshness, axe finds nothing serious or critical, and
 * a screenshot of each view is kept. The manager also drills through, opens the group view and exports.
 */
const LOGINS: [email: string, shot: string][] = [
  ['manager@sonoran.cairn.test', 'dashboard-manager'],
  ['coordinator@sonoran.cairn.test', 'dashboard-coordinator'],
  ['frontdesk@sonoran.cairn.test', 'dashboard-frontdesk'],
  ['clinician@sonoran.cairn.test', 'dashboard-practitioner'],
];

/** Signs in by typing (the login page's buttons list only some demo logins; the coordinator is not one of them). */
async function typeSignIn(page: Page, web: string, email: string): Promise<void> {
  await page.goto(`${web}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
}

async function landsOnDashboard(page: Page, who: string): Promise<void> {
  await page.getByText(/^Your .+ dashboard$/).waitFor({ timeout: 20_000 });
  await page
    .getByRole('status')
    .filter({ hasText: /Live|Connecting|Reconnecting|Not live/ })
    .waitFor();
  const tiles = page.locator('section.tile');
  const count = await tiles.count();
  assert(count > 0, `${who}: the dashboard shows tiles`);
  for (let i = 0; i < count; i++) {
    const meta = (await tiles.nth(i).locator('.tile-meta').innerText()).trim();
    assert(
      /^(Real-time|Near real-time|Batch \(nightly\)) · \S/.test(meta),
      `${who}: tile ${i} states its update model and freshness ("${meta}")`,
    );
  }
}

export function dashboardTests(s: Servers, audit: PageAuditor): [string, (ctx: BrowserContext) => Promise<void>][] {
  return [
    [
      'dashboards: each role lands on its own dashboard at 1,280 and 390 px',
      async (ctx) => {
        for (const [email, shot] of LOGINS) {
          const page = await ctx.newPage();
          await page.setViewportSize({ width: 1280, height: 900 });
          await typeSignIn(page, s.web, email);
          await landsOnDashboard(page, email);
          await page.waitForLoadState('networkidle');
          await audit.check(page, shot);
          await page.setViewportSize({ width: 390, height: 844 });
          await noSidewaysScroll(page, `${shot}`, 'phone width');
          await audit.check(page, `${shot}-phone`);
          await page.close();
          await ctx.clearCookies();
          await ctx.clearPermissions();
        }
      },
    ],
    [
      'dashboards: the manager filters in the address, drills through, opens the group view and exports',
      async (ctx) => {
        const page = await ctx.newPage();
        await signIn(page, s.web, 'manager@sonoran.cairn.test');
        await landsOnDashboard(page, 'manager');
        const [res] = await Promise.all([
          page.waitForResponse(
            (r) => new URL(r.url()).pathname === '/api/v1/dashboards/me' && new URL(r.url()).searchParams.get('range') === 'this-week',
          ),
          page.getByLabel('Dates').selectOption('this-week'),
        ]);
        assert(res.status() === 200, `the week's dashboard answers 200 (got ${res.status()})`);
        assert(new URL(page.url()).searchParams.get('range') === 'this-week', `the range is kept in the address (${page.url()})`);

        const drill = page.getByRole('link', { name: /See the records/ }).first();
        if ((await drill.count()) > 0) {
          await drill.click();
          await page.getByRole('heading', { name: 'Records behind the figure', level: 1 }).waitFor();
          await page
            .getByText(/records?[,.]|No records for these filters\./)
            .first()
            .waitFor();
          await audit.check(page, 'dashboard-drill');
          await page.getByRole('link', { name: 'Back to the dashboard' }).click();
          await landsOnDashboard(page, 'manager');
        }

        await page.getByRole('link', { name: 'Group / Multi-Site view' }).click();
        await page.getByRole('heading', { name: 'Group / Multi-Site', level: 1 }).waitFor();
        await page.locator('section.tile, p:has-text("No metrics")').first().waitFor({ timeout: 20_000 });
        await audit.check(page, 'dashboard-group');
        await page.getByRole('link', { name: 'My dashboard' }).click();
        await landsOnDashboard(page, 'manager');

        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
        assert(/\.csv$/.test(download.suggestedFilename()), `the export is a CSV (${download.suggestedFilename()})`);
      },
    ],
    [
      'dashboards: a practitioner has no export and no group view',
      async (ctx) => {
        const page = await ctx.newPage();
        await signIn(page, s.web, 'clinician@sonoran.cairn.test');
        await landsOnDashboard(page, 'clinician');
        assert((await page.getByRole('button', { name: /Export/ }).count()) === 0, 'no export buttons for a practitioner');
        assert((await page.getByRole('link', { name: 'Group / Multi-Site view' }).count()) === 0, 'no group view link');
        await page.goto(`${s.web}/dashboards/group`);
        const alert = page.getByRole('alert');
        await alert.waitFor();
        assert((await alert.innerText()).startsWith('Not allowed.'), 'the group view says it is not allowed');
        await audit.check(page, 'dashboard-group-refused');
      },
    ],
  ];
}
