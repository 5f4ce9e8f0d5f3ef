import type { BrowserContext, Page } from 'playwright-core';

import { noSidewaysScroll, signIn } from './demo-session';
import { assert, PageAuditor } from './harness';
import type { Servers } from './staff-web.e2e';

/**
 * The visual system (issue 17 item 5) in the browser: every screen, old and new, at desktop (1,280 px), tablet
 * (768 px) and phone (390 px) width. At each width: the app shell shows its navigation in the bar (desktop, tablet)
 * or folds it behind the Menu button (phone), the page does not scroll sideways, axe-core finds nothing serious or
 * critical, and a screenshot `visual-<screen>-<width>.png` is kept in test-output/staff-web/screenshots/.
 */
export const WIDTHS = [
  { width: 1280, height: 900 },
  { width: 768, height: 1024 },
  { width: 390, height: 844 },
] as const;

/** The shell at this width: the navigation in the bar from 768 px up, behind a closed Menu button on a phone. */
async function shellFits(page: Page, width: number, shot: string): Promise<void> {
  const menu = page.getByRole('button', { name: 'Menu' });
  const nav = page.getByRole('navigation', { name: 'Main' });
  if (width < 768) {
    assert(await menu.isVisible(), `${shot}: a Menu button on a phone`);
    assert((await menu.getAttribute('aria-expanded')) === 'false', `${shot}: the menu starts closed`);
    assert(!(await nav.isVisible()), `${shot}: the navigation is folded away on a phone`);
    const h = await page.locator('header.app-header').evaluate((el) => el.getBoundingClientRect().height);
    assert(h <= 80, `${shot}: the folded header takes ${h}px`);
  } else {
    assert(!(await menu.isVisible()), `${shot}: no Menu button at ${width} px`);
    assert(await nav.isVisible(), `${shot}: the navigation is in the bar at ${width} px`);
  }
}

/** The page as it is now, at every width: shell, no sideways scroll, axe and a screenshot. */
async function atEveryWidth(page: Page, audit: PageAuditor, screen: string, { shell = true } = {}): Promise<void> {
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    // Charts measure their box after a resize; let them settle before the screenshot.
    await page.waitForTimeout(250);
    await page.waitForLoadState('networkidle');
    const shot = `visual-${screen}-${size.width}`;
    if (shell) await shellFits(page, size.width, shot);
    await noSidewaysScroll(page, screen, `${size.width} px`);
    await audit.check(page, shot);
  }
  await page.setViewportSize(WIDTHS[0]);
}

async function open(page: Page, url: string, heading: string | RegExp): Promise<void> {
  await page.goto(url);
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor({ timeout: 20_000 });
  await page.waitForLoadState('networkidle');
}

export function visualTests(s: Servers, audit: PageAuditor): [string, (ctx: BrowserContext) => Promise<void>][] {
  return [
    [
      'visual: the sign-in page at 1,280, 768 and 390 px',
      async (ctx) => {
        const page = await ctx.newPage();
        await open(page, `${s.web}/login`, 'Sign in to Cairn');
        await atEveryWidth(page, audit, 'login', { shell: false });
      },
    ],
    [
      'visual: home and patients (admin) at 1,280, 768 and 390 px',
      async (ctx) => {
        const page = await ctx.newPage();
        await signIn(page, s.web, 'admin@sonoran.cairn.test');
        await page.waitForLoadState('networkidle');
        await atEveryWidth(page, audit, 'home-admin');
        await open(page, `${s.web}/patients`, 'Patients');
        await page.locator('tbody tr').first().waitFor();
        await atEveryWidth(page, audit, 'patients');
      },
    ],
    [
      'visual: a chart and a missing page (admin) at 1,280, 768 and 390 px',
      async (ctx) => {
        const page = await ctx.newPage();
        await signIn(page, s.web, 'admin@sonoran.cairn.test');
        await open(page, `${s.web}/patients`, 'Patients');
        await page.locator('tbody tr a').first().click();
        await page.locator('#chart-heading').waitFor();
        await page.getByRole('heading', { name: 'Encounters' }).waitFor();
        await page.waitForLoadState('networkidle');
        await atEveryWidth(page, audit, 'patient-chart');
        await open(page, `${s.web}/no-such-page`, 'Page not found');
        await atEveryWidth(page, audit, 'not-found');
      },
    ],
    [
      "visual: a chart's Portal activity tab (admin: a portal admin sees every client's) at 1,280, 768 and 390 px",
      async (ctx) => {
        const page = await ctx.newPage();
        await signIn(page, s.web, 'admin@sonoran.cairn.test');
        await open(page, `${s.web}/patients`, 'Patients');
        await page.locator('tbody tr a').first().click();
        await page.locator('#chart-heading').waitFor();
        await page.getByRole('navigation', { name: 'Chart sections' }).getByRole('link', { name: 'Portal activity' }).click();
        await page.getByRole('heading', { name: 'Portal activity', level: 2 }).waitFor();
        await page.getByRole('heading', { name: 'Homework', level: 2 }).waitFor({ timeout: 20_000 });
        await page.waitForFunction(() => !/Loading/.test(document.querySelector('main')?.textContent ?? ''), undefined, {
          timeout: 20_000,
        });
        await page.waitForLoadState('networkidle');
        await atEveryWidth(page, audit, 'patient-portal-tab');
      },
    ],
    [
      'visual: group encounter review and its dialog (supervisor) at 1,280, 768 and 390 px',
      async (ctx) => {
        const page = await ctx.newPage();
        await signIn(page, s.web, 'supervisor@sonoran.cairn.test');
        await open(page, `${s.web}/review/group-encounters`, 'Group encounter review');
        await page.locator('section.session').first().waitFor();
        await atEveryWidth(page, audit, 'review');
        // The dialog (Radix Dialog): focus inside, fits every width, Escape closes it and focus goes back.
        const edit = page.getByRole('button', { name: /^Edit code for / }).first();
        await edit.click();
        const dialog = page.getByRole('dialog', { name: 'Edit the proposed code' });
        await dialog.waitFor();
        assert(await dialog.evaluate((d) => d.contains(document.activeElement)), 'focus moves into the dialog when it opens');
        for (const size of WIDTHS) {
          await page.setViewportSize(size);
          const box = await dialog.boundingBox();
          assert(box && box.x >= 0 && box.x + box.width <= size.width, `the dialog fits ${size.width} px (${JSON.stringify(box)})`);
          await audit.check(page, `visual-dialog-${size.width}`);
        }
        await page.setViewportSize(WIDTHS[0]);
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
        assert(
          (await page.evaluate(() => document.activeElement?.textContent ?? '')).startsWith('Edit code'),
          'closing the dialog gives focus back to the button that opened it',
        );
      },
    ],
    [
      'visual: a group session and the supervisees’ productivity (supervisor) at 1,280, 768 and 390 px',
      async (ctx) => {
        const page = await ctx.newPage();
        await signIn(page, s.web, 'supervisor@sonoran.cairn.test');
        await open(page, `${s.web}/review/group-encounters`, 'Group encounter review');
        const sessionLink = page.locator('a[href^="/group-sessions/"]').first();
        await sessionLink.click();
        await page.locator('#session-heading').waitFor();
        await page.waitForLoadState('networkidle');
        await atEveryWidth(page, audit, 'group-session');
        await open(page, `${s.web}/hr/productivity/supervised`, /Productivity of the providers I supervise|Provider productivity/);
        await atEveryWidth(page, audit, 'productivity-supervised');
      },
    ],
    [
      'visual: charges (billing) at 1,280, 768 and 390 px',
      async (ctx) => {
        const page = await ctx.newPage();
        await signIn(page, s.web, 'billing@sonoran.cairn.test');
        await open(page, `${s.web}/billing/charges`, 'Charges');
        await page.locator('tbody tr').first().waitFor();
        await atEveryWidth(page, audit, 'charges');
      },
    ],
    [
      'visual: provider productivity and a refused page (HR) at 1,280, 768 and 390 px',
      async (ctx) => {
        const page = await ctx.newPage();
        await signIn(page, s.web, 'hr@sonoran.cairn.test');
        await open(page, `${s.web}/hr/productivity`, 'Provider productivity');
        await page.getByLabel('Period').selectOption({ label: '2025 Q4 (2025-10-01 to 2025-12-31)' });
        await page.getByText('for 2025 Q4.').waitFor();
        await atEveryWidth(page, audit, 'productivity');
        await open(page, `${s.web}/patients`, 'Patients');
        await page.getByRole('alert').waitFor();
        await atEveryWidth(page, audit, 'refused');
      },
    ],
    [
      'visual: the manager dashboard, the group view and a drill-through at 1,280, 768 and 390 px',
      async (ctx) => {
        const page = await ctx.newPage();
        await signIn(page, s.web, 'manager@sonoran.cairn.test');
        await page.locator('section.tile').first().waitFor({ timeout: 20_000 });
        await page.waitForLoadState('networkidle');
        await atEveryWidth(page, audit, 'dashboard-manager');
        const group = page.getByRole('link', { name: 'Group / Multi-Site view' });
        if (await group.count()) {
          await group.click();
          await page.getByRole('heading', { name: 'Group / Multi-Site', level: 1 }).waitFor();
          await page.waitForLoadState('networkidle');
          await atEveryWidth(page, audit, 'dashboard-group');
          await page.goto(`${s.web}/`);
          await page.locator('section.tile').first().waitFor({ timeout: 20_000 });
        }
        await page
          .getByRole('link', { name: /See the records/ })
          .first()
          .click();
        await page.getByRole('heading', { name: 'Records behind the figure', level: 1 }).waitFor();
        await page.waitForLoadState('networkidle');
        await atEveryWidth(page, audit, 'drill');
      },
    ],
    [
      'visual: portal session reviews (admin) and my session reviews (clinician) at 1,280, 768 and 390 px',
      async (ctx) => {
        const page = await ctx.newPage();
        await signIn(page, s.web, 'admin@sonoran.cairn.test');
        await open(page, `${s.web}/portal/session-reviews`, 'Session reviews');
        // The demo data has anonymous reviews: the quality view shows them as Anonymous.
        await page.locator('tr[data-anonymous="true"]').first().waitFor();
        await atEveryWidth(page, audit, 'portal-session-reviews');
        const clinician = await ctx.newPage();
        await signIn(clinician, s.web, 'clinician@sonoran.cairn.test');
        await open(clinician, `${s.web}/therapist/session-reviews`, 'My session reviews');
        await clinician
          .getByRole('status')
          .filter({ hasText: /shared review|No client has shared/ })
          .waitFor();
        await atEveryWidth(clinician, audit, 'my-session-reviews');
      },
    ],
  ];
}
