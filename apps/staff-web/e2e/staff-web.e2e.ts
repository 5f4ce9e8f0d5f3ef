import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';

import { DemoApi, noSidewaysScroll, signIn } from './demo-session';
import { assert, PageAuditor } from './harness';

/**
 * The staff web's browser tests, run by tools/testing/run-browser-tests.ts against the real API with the demo
 * data and the built SPA (each on a free port). Each test gets a fresh browser context; `audit.check` saves a
 * screenshot and fails the test on any serious or critical axe-core violation.
 */

export interface Servers {
  web: string;
  api: string;
  /** Where downloads are saved. */
  outDir: string;
  /** Whether the worker (generation and charge creation) is still running. */
  workerRunning?(): boolean;
}

export function staffWebTests(s: Servers, audit: PageAuditor): [string, (ctx: BrowserContext) => Promise<void>][] {
  return [
    [
      'a wrong password is refused in plain words',
      async (ctx) => {
        const page = await ctx.newPage();
        await page.goto(`${s.web}/login`);
        await audit.check(page, 'login');
        // An account no one signs in with, so this failure counts against no demo login another run uses.
        await page.getByLabel('Email').fill('nobody@sonoran.cairn.test');
        await page.getByLabel('Password').fill('not-the-password');
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
        const alert = page.getByRole('alert');
        await alert.waitFor();
        const said = await alert.innerText();
        assert(said.includes('That email and password do not match an account') && said.includes('status 401'), `alert says: ${said}`);
        await audit.check(page, 'login-error');
      },
    ],
    [
      'admin signs in, lists and searches patients, opens a chart',
      async (ctx) => {
        const page = await ctx.newPage();
        await signIn(page, s.web, 'admin@sonoran.cairn.test');
        await audit.check(page, 'home-admin');
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click();
        await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();
        const rows = page.locator('tbody tr');
        await rows.first().waitFor();
        assert((await rows.count()) > 0, 'the patient list has rows');
        await audit.check(page, 'patients');
        const first = rows.first().getByRole('link');
        const name = (await first.innerText()).trim();
        const lastName = name.split(',')[0]!.trim();
        await page.getByLabel('Search by name or MRN').fill(lastName);
        await page.getByRole('button', { name: 'Search' }).click();
        await page.getByText(`matching “${lastName}”`).waitFor();
        const found = await page.locator('tbody tr a').allInnerTexts();
        assert(
          found.length > 0 && found.every((t) => t.includes(lastName)),
          `search for ${lastName} lists only matches: ${found.join(' | ')}`,
        );
        await page.locator('tbody tr a').first().click();
        await page.locator('#chart-heading').waitFor();
        const [last, firstName] = found[0]!.split(',').map((x) => x.trim());
        const heading = await page.locator('#chart-heading').innerText();
        assert(heading.includes(firstName!) && heading.includes(last!), `chart heading "${heading}" names ${found[0]}`);
        assert(/[A-Z]+-\d+/.test(await page.locator('.chart-header').innerText()), 'the chart header shows an MRN');
        await page.getByRole('heading', { name: 'Care team' }).waitFor();
        // Care-team members by name from the staff directory, the staff-user id kept as the title.
        const member = page.locator('table .staff-name[title^="Staff user "]').first();
        await member.waitFor();
        const memberName = (await member.innerText()).trim();
        assert(memberName !== '' && !/^[0-9a-f-]{36}$/i.test(memberName), `the care team shows a name, not an id (got "${memberName}")`);
        await audit.check(page, 'patient-chart');
      },
    ],
    [
      'a Part 2 chart is marked and shows the §2.32 notice the API returns',
      async (ctx) => {
        const { token } = await DemoApi.as(s.api, 'admin@sonoran.cairn.test');
        let part2: { id: string; part2Notice: string | null } | undefined;
        for (let p = 1; !part2 && p <= 20; p++) {
          const r = await fetch(`${s.api}/api/v1/patients?page=${p}&pageSize=100`, { headers: { Authorization: `Bearer ${token}` } });
          const body = (await r.json()) as { items: { id: string; chart?: { isPart2: boolean } | null; part2Notice: string | null }[] };
          if (body.items.length === 0) break;
          part2 = body.items.find((i) => i.chart?.isPart2);
        }
        assert(part2, 'the demo data has a Part 2 chart');
        const detail = (await (
          await fetch(`${s.api}/api/v1/patients/${part2.id}`, { headers: { Authorization: `Bearer ${token}` } })
        ).json()) as { part2Notice: string | null };
        assert(detail.part2Notice, 'the API returns a §2.32 notice for a Part 2 chart');
        const page = await ctx.newPage();
        await signIn(page, s.web, 'admin@sonoran.cairn.test');
        await page.goto(`${s.web}/patients/${part2.id}`);
        const notice = page.locator('.part2-notice');
        await notice.waitFor();
        assert((await notice.innerText()).includes(detail.part2Notice), 'the page shows the API notice verbatim');
        assert((await page.locator('.chart-header').innerText()).includes('Part 2'), 'the header marks the chart "Part 2" in text');
        await audit.check(page, 'patient-chart-part2');
      },
    ],
    [
      'an expired access token is refreshed without signing in again; sign out ends the session',
      async (ctx) => {
        const page = await ctx.newPage();
        await signIn(page, s.web, 'admin@sonoran.cairn.test');
        const before = await page.evaluate(
          () => JSON.parse(sessionStorage.getItem('cairn.staff.tokens')!) as { accessToken: string; refreshToken: string },
        );
        await page.evaluate(() => {
          const t = JSON.parse(sessionStorage.getItem('cairn.staff.tokens')!) as { accessToken: string };
          sessionStorage.setItem('cairn.staff.tokens', JSON.stringify({ ...t, accessToken: 'expired.or.forged' }));
        });
        await page.goto(`${s.web}/patients`);
        await page.locator('tbody tr').first().waitFor();
        const after = await page.evaluate(
          () => JSON.parse(sessionStorage.getItem('cairn.staff.tokens')!) as { accessToken: string; refreshToken: string },
        );
        assert(after.accessToken !== 'expired.or.forged' && after.refreshToken !== before.refreshToken, 'the refresh token was rotated');
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.getByRole('heading', { name: 'Sign in to Cairn' }).waitFor();
        const r = await fetch(`${s.api}/api/v1/auth/refresh`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ refreshToken: after.refreshToken }),
        });
        assert(r.status === 401, `the refresh token no longer works after sign out (got ${r.status})`);
        await page.goto(`${s.web}/patients`);
        await page.getByRole('heading', { name: 'Sign in to Cairn' }).waitFor();
      },
    ],
    [
      'HR user loads the report for 2025 Q4 and downloads the CSV',
      async (ctx) => {
        const page = await ctx.newPage();
        await signIn(page, s.web, 'hr@sonoran.cairn.test');
        await audit.check(page, 'home-hr');
        const nav = page.getByRole('navigation', { name: 'Main' });
        assert((await nav.getByRole('link', { name: 'Patients' }).count()) === 0, 'no Patients link for HR');
        await nav.getByRole('link', { name: 'Provider productivity' }).click();
        await page.getByLabel('Period').selectOption({ label: '2025 Q4 (2025-10-01 to 2025-12-31)' });
        await page.getByText('for 2025 Q4.').waitFor();
        const rows = page.locator('table.report tbody tr');
        assert((await rows.count()) > 0, 'the report has provider rows for 2025 Q4');
        const charts = page.locator('table.report [role="img"]');
        assert(
          (await charts.count()) > 0 && /Notes signed: \d+ under 24 h/.test((await charts.first().getAttribute('aria-label')) ?? ''),
          'lag bins have a text alternative',
        );
        // Providers by name from the staff directory (an HR user may read it), the id kept as the title.
        const provider = page.locator('table.report tbody th .staff-name[title^="Staff user "]').first();
        await provider.waitFor();
        const providerName = (await provider.innerText()).trim();
        assert(providerName !== '' && !/^[0-9a-f-]{36}$/i.test(providerName), `the report names a provider (got "${providerName}")`);
        await audit.check(page, 'hr-productivity');
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
        assert(
          download.suggestedFilename() === 'provider-productivity-2025-10-01-2025-12-31.csv',
          `file name ${download.suggestedFilename()}`,
        );
        const file = join(s.outDir, download.suggestedFilename());
        await download.saveAs(file);
        const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/);
        assert(
          lines.length === (await rows.count()) + 1,
          `the CSV has a header and one line per table row (${lines.length} lines, ${await rows.count()} rows)`,
        );
        await page.getByText('Downloaded provider-productivity-2025-10-01-2025-12-31.csv.').waitFor();
        await page.setViewportSize({ width: 768, height: 1024 });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert(overflow <= 0, `no sideways scrolling of the page at tablet width (${overflow}px too wide)`);
        await audit.check(page, 'hr-productivity-tablet');
      },
    ],
    [
      'choosing a site sends X-Site-Id and narrows the patient list; the report takes a site',
      async (ctx) => {
        const page = await ctx.newPage();
        await signIn(page, s.web, 'admin@sonoran.cairn.test');
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click();
        const status = page.getByRole('status');
        await status.filter({ hasText: /^\d+ patients?\./ }).waitFor();
        const all = Number(/^(\d+)/.exec(await status.innerText())![1]);
        const sites = await page.getByLabel('Work at site').locator('option').allInnerTexts();
        assert(sites.length >= 3, `the admin can pick among several sites: ${sites.join(', ')}`);
        const [request] = await Promise.all([
          page.waitForRequest((r) => new URL(r.url()).pathname === '/api/v1/patients' && r.headers()['x-site-id'] !== undefined),
          page.getByLabel('Work at site').selectOption({ label: sites[1]! }),
        ]);
        assert(/^[0-9a-f-]{36}$/.test(request.headers()['x-site-id']!), 'X-Site-Id carries the chosen site id');
        await page.waitForFunction((n) => {
          const m = /^(\d+) patients?\./.exec(document.querySelector('[role="status"]')?.textContent ?? '');
          return m !== null && Number(m[1]) < n;
        }, all);
        await audit.check(page, 'patients-one-site');
        await page.getByLabel('Work at site').selectOption({ label: 'All my sites' });
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Provider productivity' }).click();
        await page.getByLabel('Period').selectOption({ label: '2025 Q3 (2025-07-01 to 2025-09-30)' });
        await page.getByText('for 2025 Q3.').waitFor();
        const [report] = await Promise.all([
          page.waitForResponse(
            (r) => new URL(r.url()).pathname === '/api/v1/hr/provider-productivity' && new URL(r.url()).searchParams.has('siteId'),
          ),
          page.locator('#site').selectOption({ index: 1 }),
        ]);
        assert(report.status() === 200, `the report for one site answers 200 (got ${report.status()})`);
        await page.getByText(/for 2025 Q3\.|No provider activity in this period\./).waitFor();
      },
    ],
    [
      'every screen is usable on a phone (390 px): the header folds into a menu, nothing scrolls sideways, wide tables say so',
      async (ctx) => {
        const page = await ctx.newPage();
        await page.setViewportSize({ width: 390, height: 844 });
        await signIn(page, s.web, 'admin@sonoran.cairn.test');
        const headerHeight = () => page.locator('header.app-header').evaluate((h) => h.getBoundingClientRect().height);
        const menu = page.getByRole('button', { name: 'Menu' });
        const visit = async (link: string, heading: string | RegExp, shot: string) => {
          await menu.click();
          assert((await menu.getAttribute('aria-expanded')) === 'true', 'the Menu button says it is open');
          await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
          await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
          await page.waitForLoadState('networkidle');
          assert((await menu.getAttribute('aria-expanded')) === 'false', 'a new page closes the menu');
          const h = await headerHeight();
          assert(h <= 80, `the folded header of ${shot} takes ${h}px, not most of the screen`);
          await noSidewaysScroll(page, shot, 'phone width');
          const wraps = page.locator('.table-wrap');
          for (let i = 0; i < (await wraps.count()); i++) {
            const overflows = await wraps.nth(i).evaluate((el) => el.scrollWidth > el.clientWidth + 1);
            if (overflows)
              assert(
                await page.getByText('More columns: scroll the table sideways.').first().isVisible(),
                `${shot}: a table wider than the screen says so`,
              );
          }
          await audit.check(page, `${shot}-phone`);
        };
        await visit('Patients', 'Patients', 'patients');
        await page.locator('tbody tr a').first().click();
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.waitForLoadState('networkidle');
        await noSidewaysScroll(page, 'the chart', 'phone width');
        await audit.check(page, 'chart-phone');
        await visit('Group encounter review', 'Group encounter review', 'review');
        await visit('Charges', 'Charges', 'charges');
        // The scope pickers live in the menu and fit it.
        await menu.click();
        await page.getByLabel('Work in organization').waitFor();
        await noSidewaysScroll(page, 'the open menu', 'phone width');
        await audit.check(page, 'menu-open-phone');
      },
    ],
    [
      'HR user opening the patients URL directly gets a plain-words 403',
      async (ctx) => {
        const page = await ctx.newPage();
        await signIn(page, s.web, 'hr@sonoran.cairn.test');
        await page.goto(`${s.web}/patients`);
        const alert = page.getByRole('alert');
        await alert.waitFor();
        const text = await alert.innerText();
        assert(text.includes('You do not have permission to see this') && text.includes('status 403'), `alert says: ${text}`);
        assert((await page.locator('table').count()) === 0, 'no patient table');
        await audit.check(page, 'patients-forbidden');
      },
    ],
    [
      'keyboard: skip link and visible focus',
      async (ctx) => {
        const page = await ctx.newPage();
        await signIn(page, s.web, 'admin@sonoran.cairn.test');
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => ({
          text: document.activeElement?.textContent,
          outline: getComputedStyle(document.activeElement!).outlineStyle,
        }));
        assert(
          focused.text === 'Skip to content' && focused.outline !== 'none',
          `first Tab reaches the visible skip link (${JSON.stringify(focused)})`,
        );
        await page.keyboard.press('Enter');
        assert((await page.evaluate(() => document.activeElement?.id)) === 'main', 'the skip link moves focus to the main content');
      },
    ],
  ];
}
