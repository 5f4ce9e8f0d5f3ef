import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

import { noSidewaysScroll, signIn } from './demo-session';
import { assert, PageAuditor } from './harness';
import type { Servers } from './staff-web.e2e';

const WIDTHS: [width: number, height: number, suffix: string][] = [
  [1280, 900, ''],
  [768, 1024, '-tablet'],
  [390, 844, '-phone'],
];

/** axe and a screenshot at 1,280, 768 and 390 px, with no sideways scrolling of the page at the narrower two. */
async function auditAtEveryWidth(page: Page, audit: PageAuditor, name: string): Promise<void> {
  for (const [width, height, suffix] of WIDTHS) {
    await page.setViewportSize({ width, height });
    if (width < 1280) await noSidewaysScroll(page, name, `${width} px`);
    await audit.check(page, `${name}${suffix}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const sortOf = (page: Page) => new URL(page.url()).searchParams.get('sort');

/**
 * Issue 17 items 3 and 4 (column sorting) and item 1's trend charts: provider productivity opens on the latest quarter
 * with activity, charts notes and lag per provider, says how lag is distributed when bins are withheld, sorts, and
 * exports names; charges and the review queue sort on the server from their headers; the manager's home draws
 * trends. Each screen is checked with axe and kept as a screenshot at 1,280, 768 and 390 px.
 */
export function productivitySortingTests(s: Servers, audit: PageAuditor): [string, (ctx: BrowserContext) => Promise<void>][] {
  return [
    [
      'lists and charts: productivity opens on the latest quarter with activity, charts per provider, lag distribution, sorts, CSV with names',
      async (ctx) => {
        const page = await ctx.newPage();
        await signIn(page, s.web, 'hr@sonoran.cairn.test');
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Provider productivity' }).click();
        const status = page.getByRole('status').filter({ hasText: /\d+ rows? for \d{4} Q\d\./ });
        await status.waitFor({ timeout: 30_000 });
        const label = /for (\d{4} Q\d)\./.exec(await status.innerText())![1]!;
        assert(new URL(page.url()).searchParams.get('period') === label.replace(' ', '-'), `the quarter is in the address (${page.url()})`);
        // The latest with figures to show: the quarter after it (if listed) has none (no activity, or all withheld).
        const options = await page
          .getByLabel('Period')
          .locator('option')
          .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
        const at = options.indexOf(label.replace(' ', '-'));
        if (at > 0) {
          await page.goto(`${s.web}/hr/productivity?period=${options[at - 1]}`);
          await page.getByText(/No provider activity in this period\.|No provider can be shown for/).waitFor();
          await page.goBack();
          await status.waitFor();
        }
        const figure = page.getByRole('figure', { name: /Notes signed and average documentation lag per provider/ });
        await figure.waitFor();
        assert((await figure.locator('svg').count()) >= 2, 'two charts drawn (notes, lag)');
        const lag = page.getByRole('region', { name: `Documentation lag, ${label}` });
        await lag.waitFor();
        const lagText = await lag.innerText();
        assert(/within 24 hours|can be shown/.test(lagText), `the lag distribution says something (${lagText})`);

        // Sort by notes signed with the keyboard: the header's button takes focus and Enter.
        const notes = page.getByRole('button', { name: /^Notes signed\s*, sort/ });
        await notes.focus();
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => new URL(location.href).searchParams.get('sort') === '-notes');
        const header = page.getByRole('columnheader', { name: /^Notes signed/ });
        assert((await header.getAttribute('aria-sort')) === 'descending', 'aria-sort on the sorted header');
        const counts = await page.locator('table.report tbody tr td:nth-of-type(2)').allInnerTexts();
        const values = counts.map(Number);
        assert(
          values.every((v, i) => i === 0 || values[i - 1]! >= v),
          `rows by notes signed, most first (${values.join(', ')})`,
        );
        await page.reload();
        await page.getByRole('columnheader', { name: /^Notes signed/ }).waitFor();
        assert(
          (await page.getByRole('columnheader', { name: /^Notes signed/ }).getAttribute('aria-sort')) === 'descending',
          'the sort survives a reload (address)',
        );
        assert(sortOf(page) === '-notes', 'sort kept in the address');
        await auditAtEveryWidth(page, audit, 'productivity-latest');

        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
        const file = join(s.outDir, `named-${download.suggestedFilename()}`);
        await download.saveAs(file);
        const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/);
        assert(lines[0]!.startsWith('Provider,Home site,Period start,Period end,Notes signed'), `CSV header in words (${lines[0]})`);
        assert(!/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/.test(lines.join('\n')), 'no ids in the CSV: providers and sites by name');
        assert(lines.length === (await page.locator('table.report tbody tr').count()) + 1, 'one CSV line per row shown');
      },
    ],
    [
      'lists and charts: charges and the review queue sort on the server from their headers, kept in the address',
      async (ctx) => {
        const page = await ctx.newPage();
        await signIn(page, s.web, 'billing@sonoran.cairn.test');
        await page.goto(`${s.web}/billing/charges`);
        await page
          .getByRole('status')
          .filter({ hasText: /\d+ charges?\./ })
          .waitFor({ timeout: 30_000 });
        assert(
          (await page.getByRole('columnheader', { name: /^Service date/ }).getAttribute('aria-sort')) === 'descending',
          'charges open newest service date first, said by aria-sort',
        );
        const [res] = await Promise.all([
          page.waitForResponse(
            (r) => new URL(r.url()).pathname === '/api/v1/charges' && new URL(r.url()).searchParams.get('sort') === '-amount',
          ),
          page.getByRole('button', { name: /^Amount\s*, sort/ }).click(),
        ]);
        assert(res.status() === 200, `the API sorts by amount (got ${res.status()})`);
        assert(sortOf(page) === '-amount', `sort in the address (${page.url()})`);
        const amounts = (await page
          .locator('table.charges tbody tr')
          .evaluateAll((rows) =>
            rows.map((r) => (r.getAttribute('data-status') === 'withheld' ? null : (r.querySelectorAll('td')[3]?.textContent ?? ''))),
          )) as (string | null)[];
        const shown = amounts.filter((a): a is string => a !== null && a !== '—').map((a) => Number(a.replace(/[$,]/g, '')));
        assert(
          shown.every((v, i) => i === 0 || shown[i - 1]! >= v),
          `charges by amount, largest first (${shown.slice(0, 10).join(', ')})`,
        );
        const firstWithheld = amounts.indexOf(null);
        assert(firstWithheld === -1 || amounts.slice(firstWithheld).every((a) => a === null), 'withheld charges after the shown ones');
        await auditAtEveryWidth(page, audit, 'charges-sorted');

        await page.goto(`${s.web}/review/group-encounters?status=all`);
        await page
          .getByRole('status')
          .filter({ hasText: /encounters? in \d+ sessions?|No generated encounters/ })
          .waitFor({ timeout: 30_000 });
        const attendee = page.getByRole('button', { name: /^Attendee\s*, sort/ }).first();
        if ((await attendee.count()) > 0) {
          const [r] = await Promise.all([
            page.waitForResponse(
              (x) =>
                new URL(x.url()).pathname === '/api/v1/group-encounter-generations' &&
                new URL(x.url()).searchParams.get('sort') === 'patient',
            ),
            attendee.click(),
          ]);
          assert(r.status() === 200, `the API sorts the queue by attendee (got ${r.status()})`);
          await page.getByText(/Sorted by attendee \(ascending\) across the whole queue/).waitFor();
          assert(
            (await page
              .getByRole('columnheader', { name: /^Attendee/ })
              .first()
              .getAttribute('aria-sort')) === 'ascending',
            'aria-sort on the queue',
          );
          assert(sortOf(page) === 'patient', `the queue's sort in the address (${page.url()})`);
        }
        await auditAtEveryWidth(page, audit, 'review-sorted');
      },
    ],
    [
      "lists and charts: the manager's home draws trends with a text alternative",
      async (ctx) => {
        const page = await ctx.newPage();
        await signIn(page, s.web, 'manager@sonoran.cairn.test');
        await page.getByText(/^Your .+ dashboard$/).waitFor({ timeout: 20_000 });
        await page.goto(`${s.web}/?range=this-week`);
        const [res] = await Promise.all([
          page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/dashboards/me'),
          page.reload(),
        ]);
        const body = (await res.json()) as { tiles: { name: string; unit: string; series: { value: number | null }[] }[] };
        assert(
          body.tiles.every((t) => Array.isArray(t.series) && t.series.length >= 1),
          'every tile carries its series from the API',
        );
        const drawable = body.tiles.filter((t) => t.unit !== 'boolean' && t.series.filter((p) => p.value !== null).length >= 2);
        await page.locator('section.tile').first().waitFor();
        const trends = page.locator('.tile-trend');
        assert(
          (await trends.count()) === drawable.length,
          `a trend on each tile with two or more values (${await trends.count()} drawn, ${drawable.length} expected)`,
        );
        if (drawable.length > 0) {
          const table = page.getByRole('table', { name: `${drawable[0]!.name}: trend, last ${drawable[0]!.series.length} weeks` });
          assert((await table.locator('tr').count()) === drawable[0]!.series.length, 'the trend table lists every week');
        }
        await auditAtEveryWidth(page, audit, 'dashboard-trends');
      },
    ],
  ];
}
