import { expect, Page, ConsoleMessage } from '@playwright/test';

export const PASSWORD = 'switchboard-demo';

/**
 * Leptos' warning (debug builds) that a page read a resource outside a suspense: the value read
 * need not be the one the page was drawn from, and the same kind of read once left a page dead.
 */
export const MISREAD = /reading a resource in `hydrate` mode outside a <Suspense\/>/;

/** Collects console errors (and resources read outside a suspense) so a test can assert there were none. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error' || MISREAD.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

export async function hydrated(page: Page) {
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1, { timeout: 15_000 });
}

export async function signIn(page: Page, email: string, next = '') {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
  await hydrated(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/login/, { timeout: 10_000 });
  // On a phone the navigation is folded behind the menu button.
  const menu = page.getByRole('button', { name: 'Menu' });
  if (await menu.isVisible()) await menu.click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  if (await page.getByRole('button', { name: 'Close menu' }).isVisible()) {
    await page.getByRole('button', { name: 'Close menu' }).click();
  }
}

/**
 * Signs out and waits for the fresh page the sign-out loads: the browser leaves for `/` once the
 * server answers, and a test that navigates before that load would have its own navigation
 * cancelled or overtaken by it.
 */
export async function signOut(page: Page) {
  const reloaded = page.waitForEvent('load');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await reloaded;
  await expect(page).toHaveURL(/:\d+\/$/);
  await hydrated(page);
  await expect(page.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();
}

/**
 * Counts, from now on, the frames the browser paints without `selector` on the page. A part a
 * refresh should leave in place (the ticket read again after a note) is missing from none.
 */
export async function framesWithout(page: Page, selector: string): Promise<() => Promise<number>> {
  await page.evaluate((sel) => {
    const w = window as unknown as { framesWithout: number };
    w.framesWithout = 0;
    const frame = () => {
      if (!document.querySelector(sel)) w.framesWithout++;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }, selector);
  return () => page.evaluate(() => (window as unknown as { framesWithout: number }).framesWithout);
}

/** Fails when the page scrolls sideways (content wider than the viewport) or cuts something off. */
export async function noHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'page is wider than the viewport').toBeLessThanOrEqual(0);
  expect(await cutOffAtTheEdge(page), 'cut off at the edge of the screen or of its panel').toEqual([]);
}

/**
 * What is cut off or sticks out on a narrow screen. The body clips sideways (`overflow-x: hidden`),
 * so the page never scrolls while an element wider than the screen is cut off where nobody can
 * reach it; and a control (a select with a long option, a button, a field) that is wider than the
 * panel it is drawn in runs across the panel's edge. Content inside a container that scrolls
 * sideways (a wide table, the board's columns) is left out. Returns up to five offenders, each as
 * `tag#id.class "text" (N px past …)`.
 */
export async function cutOffAtTheEdge(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    const scrolls = (from: Element | null, to: Element | null): boolean => {
      for (let a = from; a && a !== to && a !== document.body; a = a.parentElement) {
        const x = getComputedStyle(a).overflowX;
        if (x === 'auto' || x === 'scroll') return true;
      }
      return false;
    };
    // The box a reader sees around an element: its nearest ancestor with a border or a background.
    const visibleBox = (e: Element): Element | null => {
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        const bordered = parseFloat(s.borderLeftWidth) > 0 && parseFloat(s.borderRightWidth) > 0;
        const filled = s.backgroundColor !== 'rgba(0, 0, 0, 0)' && s.backgroundColor !== 'transparent';
        if (bordered || filled) return a;
      }
      return null;
    };
    const describe = (e: Element, past: number, where: string) => {
      const id = e.id ? `#${e.id}` : '';
      const cls = typeof e.className === 'string' && e.className ? `.${e.className.trim().split(/\s+/).join('.')}` : '';
      const text = (e.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `${e.tagName.toLowerCase()}${id}${cls} "${text}" (${past} px past ${where})`;
    };
    const sticksOut = (r: DOMRect) => Math.max(Math.round(r.right - width), Math.round(-r.left));
    for (const e of Array.from(document.body.querySelectorAll('*'))) {
      if (found.length >= 5) break;
      const r = e.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) continue;
      // Placed wholly off the screen on purpose (the skip link until it has the focus).
      if (r.right <= 0 || r.left >= width) continue;
      const style = getComputedStyle(e);
      if (style.visibility === 'hidden' || style.display === 'contents') continue;
      if (e.closest('.sr-only')) continue;
      const past = sticksOut(r);
      if (past > 1) {
        if (scrolls(e.parentElement, null)) continue;
        // Report the outermost offender only: its children stick out with it.
        if (e.parentElement && e.parentElement !== document.body && sticksOut(e.parentElement.getBoundingClientRect()) > 1) continue;
        found.push(describe(e, past, "the screen's edge"));
        continue;
      }
      if (!e.matches('input, select, textarea, button, .button, img')) continue;
      const box = visibleBox(e);
      if (!box || scrolls(e.parentElement, box)) continue;
      const b = box.getBoundingClientRect();
      const out = Math.max(Math.round(r.right - b.right), Math.round(b.left - r.left));
      if (out > 1) found.push(describe(e, out, `its ${box.tagName.toLowerCase()}${box.className ? `.${String(box.className).trim().split(/\s+/).join('.')}` : ''}`));
    }
    return found;
  });
}

import { APIRequestContext } from '@playwright/test';

/** Sets up data through the REST API, as an integration would. */
export async function apiToken(request: APIRequestContext, email: string): Promise<string> {
  const r = await request.post('/api/v1/auth/token', { data: { email, password: PASSWORD } });
  expect(r.status()).toBe(200);
  return (await r.json()).token;
}

export async function fileTicket(request: APIRequestContext, email: string, title: string, category = 'other'): Promise<any> {
  const token = await apiToken(request, email);
  const r = await request.post('/api/v1/tickets', {
    headers: { authorization: `Bearer ${token}` },
    data: { title, description: 'Filed by the browser suite', category, impact: 'medium', urgency: 'medium' },
  });
  expect(r.status()).toBe(201);
  return r.json();
}

export async function patchTicket(request: APIRequestContext, email: string, number: string, version: number, data: object): Promise<any> {
  const token = await apiToken(request, email);
  const r = await request.patch(`/api/v1/tickets/${number}`, {
    headers: { authorization: `Bearer ${token}`, 'if-match': `"${version}"` },
    data,
  });
  expect(r.status(), await r.text()).toBe(200);
  return r.json();
}

export function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}

export async function getTicket(request: APIRequestContext, email: string, number: string): Promise<any> {
  const token = await apiToken(request, email);
  const r = await request.get(`/api/v1/tickets/${number}`, { headers: { authorization: `Bearer ${token}` } });
  expect(r.status()).toBe(200);
  return r.json();
}

/**
 * Makes a board stop hearing about changes (a flaky network). Its poll waits on the server, so
 * the one already waiting is first answered by a harmless change (or, between polls, the next is
 * cut off) before the caller changes anything.
 */
export async function deafen(page: Page, request: APIRequestContext) {
  const isPoll = (url: string) => url.includes('/api/poll_board');
  const settled = Promise.race([
    page.waitForResponse((r) => isPoll(r.url())),
    page.waitForEvent('requestfailed', (r) => isPoll(r.url())),
  ]);
  await page.route('**/api/poll_board', (route) => route.abort());
  await fileTicket(request, 'rita@example.org', unique('Wakes the board'));
  await settled;
}
