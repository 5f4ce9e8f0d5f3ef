import type { Page } from 'playwright-core';

/** How far the page is wider than the viewport, in CSS pixels (0 when it fits). Runs in the page. */
const OVERFLOW = 'Math.max(0, document.documentElement.scrollWidth - window.innerWidth)';
/** The first elements that stick out on the right, as tag.class, so a failure says where to look. Runs in the page. */
const WIDE = `Array.from(document.querySelectorAll('body *'))
  .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(0, 5)
  .map((el) => el.tagName.toLowerCase() + '.' + el.className)
  .join(', ')`;

/**
 * Fails unless the page fits the viewport's width, naming what sticks out. A page still laying out (a chart measuring
 * its container, a list arriving) gets up to `settleMs` to fit before it counts as too wide: what a person would see
 * is the settled page, and a layout that stays too wide still fails.
 */
export async function noSidewaysScroll(page: Page, what: string, settleMs = 2000): Promise<void> {
  const until = Date.now() + settleMs;
  let overflow = (await page.evaluate(OVERFLOW)) as number;
  while (overflow > 0 && Date.now() < until) {
    await page.waitForTimeout(200);
    overflow = (await page.evaluate(OVERFLOW)) as number;
  }
  if (overflow <= 0) return;
  const wide = (await page.evaluate(WIDE)) as string;
  throw new Error(
    `assertion failed: no sideways scrolling of ${what} at ${page.viewportSize()?.width} px (${overflow}px too wide: ${wide})`,
  );
}
