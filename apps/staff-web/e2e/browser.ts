import { existsSync } from 'node:fs';
import { Browser, chromium } from 'playwright-core';

/**
 * CHROMIUM_PATH when set (and nothing else: a wrong explicit path must fail, not fall back), else Debian's
 * chromium (TOOLCHAIN.md). Undefined when there is none: the caller fails loudly.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env['CHROMIUM_PATH'];
  const candidates = explicit ? [explicit] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((c) => existsSync(c));
}

export async function launchChromium(executablePath: string): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath,
    // Playwright gives every launch a fresh temporary profile of its own.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // A fake microphone (a tone) that needs no prompt: the staff web records audio messages with MediaRecorder.
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  });
  return {
    browser,
    async close() {
      await browser.close().catch(() => undefined);
    },
  };
}
