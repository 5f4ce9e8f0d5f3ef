import type { Page } from 'playwright-core';

import { noSidewaysScroll as fitsWidth } from '@cairn/testing';

import { assert } from './harness';

/** The browser tests' shared steps: signing in as a demo login, the API as that login, and the tablet-width check. */
export const DEMO_PASSWORD = 'demo-password-1';

/** Signs in through the login page's demo-login button and waits for the home page. */
export async function signIn(page: Page, web: string, email: string): Promise<void> {
  await page.goto(`${web}/login`);
  await page.getByRole('button', { name: `Use ${email}` }).click();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
}

/** The real API as one demo login, to find what a test should open (the tests follow the data, not fixed ids). */
export class DemoApi {
  private constructor(
    private readonly base: string,
    readonly token: string,
  ) {}

  static async as(base: string, email: string): Promise<DemoApi> {
    const r = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    assert(r.ok, `API login for ${email} answered ${r.status}`);
    return new DemoApi(base, ((await r.json()) as { accessToken: string }).accessToken);
  }

  async get<T>(path: string): Promise<T> {
    const r = await fetch(`${this.base}${path}`, { headers: { Authorization: `Bearer ${this.token}` } });
    assert(r.ok, `GET ${path} answered ${r.status}`);
    return (await r.json()) as T;
  }
}

/** Fails unless the page fits the viewport's width (after up to 2 s of layout settling); names what sticks out. */
export async function noSidewaysScroll(page: Page, what: string, width = 'tablet width'): Promise<void> {
  await fitsWidth(page, `${what} at ${width}`);
}
