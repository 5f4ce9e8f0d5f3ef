import type { BrowserContext, Page } from 'playwright-core';

import { DemoApi, noSidewaysScroll, signIn } from './demo-session';
import { assert, PageAuditor } from './harness';
import type { Servers } from './staff-web.e2e';

/**
 * The group encounter batch review and the charges list, driven against the real API, the real worker (which
 * generated the demo's encounters before the tests and turns approvals into charges while they run) and the
 * demo review's data (approved, rejected and pending generations). Each new page state gets a screenshot and an
 * axe-core check, at desktop and tablet (768 px) width.
 */
const SUPERVISOR = 'supervisor@sonoran.cairn.test';
const BILLING = 'billing@sonoran.cairn.test';
const HR = 'hr@sonoran.cairn.test';
/** The charge-creation consumer runs in the worker: an approval becomes a charge within seconds. */
const CHARGE_TIMEOUT_MS = 45_000;

async function openReview(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Group encounter review' }).click();
  await page.getByRole('heading', { name: 'Group encounter review', level: 1 }).waitFor();
  await page.locator('section.session').first().waitFor();
}

export function batchReviewTests(s: Servers, audit: PageAuditor): [string, (ctx: BrowserContext) => Promise<void>][] {
  return [
    [
      'supervisor approves some pending encounters of a session and sees each result; billing then sees exactly their charges',
      async (ctx) => {
        const page = await ctx.newPage();
        await signIn(page, s.web, SUPERVISOR);
        await openReview(page);
        assert((await page.getByLabel('Status').inputValue()) === 'pending_review', 'the queue opens on pending review');
        // Status in words and a symbol, never colour alone.
        assert(
          (await page.locator('tbody .status-pending_review').first().innerText()).includes('Pending review'),
          'status is shown in words',
        );
        // A withheld Part 2 row (if the reviewer lacks consent for one) says so and offers no checkbox.
        for (const row of await page.locator('tbody tr', { hasText: 'Withheld – Part 2 consent required' }).all()) {
          assert(
            (await row.getAttribute('data-selectable')) === 'false' && (await row.locator('input[type=checkbox]').count()) === 0,
            'a withheld row cannot be selected',
          );
        }
        await audit.check(page, 'review-pending');

        // A session the demo review left untouched (no charge yet) with at least 3 billable rows: approve 2 of them.
        const candidates = await page.locator('section.session').evaluateAll((sections) =>
          sections
            .map((el) => ({
              sessionId: el.getAttribute('data-session-id')!,
              billable: Array.from(el.querySelectorAll('tr[data-selectable="true"][data-billable="true"]')).map((tr) =>
                tr.getAttribute('data-generation-id')!,
              ),
            }))
            .filter((c) => c.billable.length >= 3),
        );
        let chosen: { sessionId: string; ids: string[] } | undefined;
        for (const c of candidates) {
          const charges = await (await DemoApi.as(s.api, BILLING)).get<{ total: number }>(`/api/v1/charges?sessionId=${c.sessionId}`);
          if (charges.total === 0) {
            chosen = { sessionId: c.sessionId, ids: c.billable.slice(0, 2) };
            break;
          }
        }
        assert(chosen, `a pending session without charges and with 3 or more billable rows is listed (${candidates.length} candidates)`);
        for (const id of chosen.ids) await page.locator(`tr[data-generation-id="${id}"] input[type=checkbox]`).check();
        await page.getByText('2 selected', { exact: true }).waitFor();
        const sessionBox = page.locator(`section[data-session-id="${chosen.sessionId}"] thead input[type=checkbox]`);
        assert(
          await sessionBox.evaluate((el) => (el as HTMLInputElement).indeterminate),
          "the session's select-all box shows some, not all, selected",
        );
        await audit.check(page, 'review-selected');

        await page.getByRole('button', { name: 'Approve selected (2)' }).click();
        await page.getByRole('heading', { name: 'Result of approving 2 encounters' }).waitFor();
        const summary = await page.getByTestId('results-summary').innerText();
        assert(summary === '2 approved.', `summary says "${summary}"`);
        for (const id of chosen.ids) {
          const item = page.locator(`.results-items li[data-generation-id="${id}"]`);
          assert(
            (await item.getAttribute('data-outcome')) === 'approved' && (await item.innerText()).includes('Approved'),
            `item ${id} says approved in words`,
          );
        }
        assert((await page.evaluate(() => document.activeElement?.id)) === 'results-heading', 'focus moves to the result');
        // The queue is fetched again: the approved rows leave the pending list.
        await page.waitForFunction((ids) => ids.every((id) => !document.querySelector(`tr[data-generation-id="${id}"]`)), chosen.ids);
        await audit.check(page, 'review-results');

        const billing = await ctx.newPage();
        await signIn(billing, s.web, BILLING);
        await billing.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Charges' }).click();
        await billing.getByRole('heading', { name: 'Charges', level: 1 }).waitFor();
        await billing.locator('table.charges tbody tr').first().waitFor();
        await audit.check(billing, 'charges');
        // The worker's charge-creation consumer runs after the approval event: poll the session's charges.
        const deadline = Date.now() + CHARGE_TIMEOUT_MS;
        let sources: string[] = [];
        for (;;) {
          await billing.goto(`${s.web}/billing/charges?session=${chosen.sessionId}`);
          await billing.getByText(/^(\d+ charges?\.|No charges match these filters\.)/).waitFor();
          sources = await billing
            .locator('table.charges tbody tr')
            .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-source-id')!));
          if (sources.length >= chosen.ids.length || Date.now() > deadline) break;
          assert(s.workerRunning?.() !== false, 'the worker is still running');
          await billing.waitForTimeout(1000);
        }
        assert(
          sources.length === chosen.ids.length && chosen.ids.every((id) => sources.includes(id)),
          `the session's charges are exactly the approved encounters (charges for ${sources.join(', ') || 'none'}; approved ${chosen.ids.join(', ')})`,
        );
        const first = billing.locator('table.charges tbody tr').first();
        assert(/Ready to bill|On hold: /.test(await first.innerText()), 'a charge states its status in words');
        assert((await first.innerText()).includes('Group session'), 'a charge names its source');
        await audit.check(billing, 'charges-one-session');
        await billing.setViewportSize({ width: 768, height: 1024 });
        await noSidewaysScroll(billing, 'the charges page');
        await audit.check(billing, 'charges-tablet');
      },
    ],
    [
      'reject needs a reason: the dialog refuses an empty one and closes on Escape; the rejection is kept with its reason',
      async (ctx) => {
        const page = await ctx.newPage();
        await signIn(page, s.web, SUPERVISOR);
        await openReview(page);
        const row = page.locator('tbody tr[data-selectable="true"]').first();
        const id = (await row.getAttribute('data-generation-id'))!;
        // Keyboard: focus the checkbox and press Space.
        await row.locator('input[type=checkbox]').focus();
        await page.keyboard.press('Space');
        await page.getByText('1 selected', { exact: true }).waitFor();
        const open = page.getByRole('button', { name: 'Reject selected (1)…' });
        await open.click();
        const dialog = page.getByRole('dialog', { name: 'Reject 1 encounter' });
        await dialog.waitFor();
        assert((await page.evaluate(() => document.activeElement?.id)) === 'reject-reason', 'focus starts in the reason field');
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
        assert(
          (await page.evaluate(() => document.activeElement?.textContent)) === 'Reject selected (1)…',
          'Escape closes the dialog and focus returns to its button',
        );

        await open.click();
        await dialog.waitFor();
        await dialog.getByRole('button', { name: 'Reject 1 encounter' }).click();
        await dialog.getByText('Enter a reason for rejecting.').waitFor();
        const reason = dialog.getByLabel('Reason for rejecting (required)');
        assert((await reason.getAttribute('aria-invalid')) === 'true', 'the empty reason is marked invalid');
        assert((await page.evaluate(() => document.activeElement?.id)) === 'reject-reason', 'focus goes back to the reason');
        // Focus stays in the dialog.
        for (let i = 0; i < 5; i++) {
          await page.keyboard.press('Tab');
          assert(await page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]')), 'Tab keeps focus inside the dialog');
        }
        await audit.check(page, 'review-reject-dialog-error');

        const text = 'Browser test: attendee did not take part in the group';
        await reason.fill(text);
        await dialog.getByRole('button', { name: 'Reject 1 encounter' }).click();
        await page.getByRole('heading', { name: 'Result of rejecting 1 encounter' }).waitFor();
        assert((await page.getByTestId('results-summary').innerText()) === '1 rejected.', 'summary says 1 rejected');
        assert(
          (await page.locator(`.results-items li[data-generation-id="${id}"]`).getAttribute('data-outcome')) === 'rejected',
          'the item was rejected',
        );

        await page.getByLabel('Status').selectOption('rejected');
        const rejected = page.locator(`tr[data-generation-id="${id}"][data-status="rejected"]`);
        await rejected.waitFor();
        const said = await rejected.innerText();
        assert(said.includes('Rejected') && said.includes(`Reason: ${text}`), `the rejected row shows its status and reason: ${said}`);
        assert((await rejected.locator('input[type=checkbox]').count()) === 0, 'a rejected row cannot be selected');
        await audit.check(page, 'review-rejected');
      },
    ],
    [
      'a code edit the API refuses is explained under the code field, in words',
      async (ctx) => {
        const page = await ctx.newPage();
        await signIn(page, s.web, SUPERVISOR);
        await openReview(page);
        await page
          .getByRole('button', { name: /^Edit code for / })
          .first()
          .click();
        const dialog = page.getByRole('dialog', { name: 'Edit the proposed code' });
        await dialog.waitFor();
        await dialog.getByLabel('Code (CPT or HCPCS)').fill('');
        await dialog.getByRole('button', { name: 'Save code' }).click();
        await dialog.getByText('Enter a code.').waitFor();
        await dialog.getByLabel('Code (CPT or HCPCS)').fill('ZZ999');
        await dialog.getByRole('button', { name: 'Save code' }).click();
        // The API's refusal of the code goes under the code field, in words (no API field key anywhere).
        const underField = dialog.locator('#edit-code-error');
        await underField.filter({ hasText: /ZZ999|code/i }).waitFor();
        const said = await underField.innerText();
        assert(!(await dialog.innerText()).includes('proposedCptCode'), `the dialog never shows the API's field key: ${said}`);
        assert(
          (await dialog.getByLabel('Code (CPT or HCPCS)').getAttribute('aria-invalid')) === 'true',
          'the code field is marked invalid',
        );
        await audit.check(page, 'review-edit-code-error');
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
      },
    ],
    [
      'batch review reflows at tablet width',
      async (ctx) => {
        const page = await ctx.newPage();
        await page.setViewportSize({ width: 768, height: 1024 });
        await signIn(page, s.web, SUPERVISOR);
        await openReview(page);
        await noSidewaysScroll(page, 'the batch review');
        await audit.check(page, 'review-tablet');
      },
    ],
    [
      'HR user has no batch review entry and its address answers a plain-words 403',
      async (ctx) => {
        const page = await ctx.newPage();
        await signIn(page, s.web, HR);
        const nav = page.getByRole('navigation', { name: 'Main' });
        assert((await nav.getByRole('link', { name: 'Group encounter review' }).count()) === 0, 'no batch review link for HR');
        assert((await nav.getByRole('link', { name: 'Charges' }).count()) === 0, 'no charges link for HR');
        await page.goto(`${s.web}/review/group-encounters`);
        const alert = page.getByRole('alert');
        await alert.waitFor();
        const text = await alert.innerText();
        assert(text.includes('You do not have permission to see this') && text.includes('status 403'), `alert says: ${text}`);
        assert((await page.locator('table').count()) === 0, 'no review table');
        assert((await page.getByRole('button', { name: /Approve selected/ }).count()) === 0, 'no approve button');
        await audit.check(page, 'review-forbidden');
      },
    ],
  ];
}
