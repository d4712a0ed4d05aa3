import { test, expect } from '@playwright/test';
import { signIn, hydrated, watchConsole } from './helpers';

// Installable for technicians: a manifest with icons, a service worker that keeps the client's
// files (never pages or API answers, which carry personal data), and an offline page when the
// network is gone.
test('the app installs with a manifest, keeps only its own files, and says clearly when it is offline', async ({ browser }) => {
  const ctx = await browser.newContext({ serviceWorkers: 'allow' });
  const page = await ctx.newPage();
  const errors = watchConsole(page);
  await signIn(page, 'tina@example.org', '/work');
  await hydrated(page);

  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const r = await page.request.get(href!);
  expect(r.status()).toBe(200);
  expect(r.headers()['content-type']).toContain('manifest+json');
  const manifest = await r.json();
  expect(manifest.display).toBe('standalone');
  expect(manifest.start_url).toBe('/');
  const sizes = manifest.icons.map((i: any) => i.sizes);
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of manifest.icons) {
    const got = await page.request.get(icon.src);
    expect(got.status(), icon.src).toBe(200);
    expect(got.headers()['content-type']).toBe(icon.type);
  }

  // The worker takes the page over; once the client's files pass through it again they are kept.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
  await page.reload();
  await hydrated(page);
  // One cache, named after the client build it keeps.
  const kept = async () => page.evaluate(async () => {
    const names = await caches.keys();
    if (names.length !== 1 || !/^switchboard-[0-9a-f]{16}$/.test(names[0])) return [`caches: ${names}`];
    const cache = await caches.open(names[0]);
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
  await expect.poll(async () => (await kept()).some((p) => /^\/pkg\/switchboard\.[0-9a-f]{16}\.wasm$/.test(p))).toBe(true);
  const stored = await kept();
  expect(stored).toContain('/offline');
  // Every language's words, so the offline page starts in whichever it was stored in.
  expect(stored.filter((p) => /^\/words\/(en|de|it)\.[0-9a-f]{16}\.ftl$/.test(p))).toHaveLength(3);
  // A group's own words (here the signed-out pages') are not stored ahead, but once read.
  expect(stored.filter((p) => p.startsWith('/words/'))).toHaveLength(3);
  await page.goto('/forgot');
  await hydrated(page);
  await expect.poll(async () => (await kept()).some((p) => /^\/words\/en\.account\.[0-9a-f]{16}\.ftl$/.test(p))).toBe(true);
  await page.goto('/work');
  await hydrated(page);
  // Nothing personal: no page but the offline one, no API answer.
  expect(stored.filter((p) => p.startsWith('/api') || ['/work', '/requests', '/'].includes(p))).toEqual([]);
  expect(errors).toEqual([]);

  // Offline: the page says so, and a page asked for gets the offline page at its own address,
  // where its client starts without a fault, naming no one (it was stored as nobody's).
  await ctx.setOffline(true);
  await expect(page.locator('.offline-banner')).toContainText('You are offline');
  const faults: string[] = [];
  page.on('pageerror', (e) => faults.push(String(e)));
  await page.goto('/requests');
  await expect(page).toHaveURL(/\/offline$/);
  await expect(page.getByRole('heading', { name: 'You are offline' })).toBeVisible();
  await hydrated(page);
  expect(faults).toEqual([]);
  // (On a phone the header's links are folded behind the menu: count them, seen or not.)
  await expect(page.locator('header a[href^="/login"]')).not.toHaveCount(0);
  await expect(page.locator('body')).not.toContainText('Tina Front');
  await page.screenshot({ path: 'test-results/offline.png' });
  await ctx.setOffline(false);
  await page.goto('/work');
  await hydrated(page);
  await expect(page.locator('.offline-banner')).toHaveCount(0);
  await ctx.close();
});
