import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}
export interface PageAudit {
  page: string;
  url: string;
  seriousOrCritical: AxeFinding[];
  minorOrModerate: AxeFinding[];
  screenshot: string;
}

/** Screenshots and axe-core on every page the tests visit; the findings go to the output folder and the report. */
export class PageAuditor {
  readonly audits: PageAudit[] = [];
  constructor(
    private readonly outDir: string,
    private readonly axeSource: string,
  ) {
    mkdirSync(join(outDir, 'screenshots'), { recursive: true });
  }

  /** Screenshot, then axe; throws (failing the test) on any serious or critical violation. */
  async check(page: Page, name: string): Promise<void> {
    const screenshot = join(this.outDir, 'screenshots', `${name}.png`);
    await page.screenshot({ path: screenshot, fullPage: true });
    await page.addScriptTag({ content: this.axeSource });
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run(
              ctx: Document,
              opts: object,
            ): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: unknown[] }[] }>;
          };
        }
      ).axe;
      const r = await axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
    });
    const severe = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    this.audits.push({
      page: name,
      url: new URL(page.url()).pathname,
      seriousOrCritical: severe,
      minorOrModerate: violations.filter((v) => !severe.includes(v)),
      screenshot,
    });
    if (severe.length)
      throw new Error(
        `axe: ${name} has serious or critical violations: ${severe.map((v) => `${v.id} (${v.impact}, ${v.nodes} nodes): ${v.help}`).join('; ')}`,
      );
  }

  write(): void {
    writeFileSync(join(this.outDir, 'axe-results.json'), JSON.stringify(this.audits, null, 2));
  }
}

export interface TestOutcome {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

export async function runTest(name: string, fn: () => Promise<void>, timeoutMs: number): Promise<TestOutcome> {
  const t0 = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000} s`)), timeoutMs);
      }),
    ]);
    return { name, ok: true, ms: Date.now() - t0 };
  } catch (e) {
    return { name, ok: false, ms: Date.now() - t0, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  } finally {
    clearTimeout(timer);
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}
