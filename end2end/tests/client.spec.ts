import { test, expect, Browser, APIRequestContext, Page, Request } from '@playwright/test';
import { fileTicket, hydrated, patchTicket, signIn, unique, watchConsole } from './helpers';

// A release client packs each group of pages' parts into one file (.ci/pack-parts), which the
// split loader reads with frontend/packed-parts.js. The debug client is not packed: these run in
// the browser suite with the release client (make test).

/** The pack of the ticket pages' group, when the client is packed. */
async function ticketPack(baseURL: string | undefined): Promise<string | undefined> {
  const manifest: Record<string, string[]> = await (await fetch(`${baseURL}/pkg/__wasm_split_manifest.json`)).json();
  const group = Object.keys(manifest).find((k) => k.startsWith('ticket_pages_'));
  const pack = group ? manifest[group][0] : undefined;
  return pack?.startsWith('pack_') ? pack : undefined;
}

/** The client's split parts a page fetched (`/pkg/<name>.wasm` but the main part). */
function partsFetched(requests: Request[]): string[] {
  return requests
    .map((r) => new URL(r.url()).pathname)
    .filter((p) => p.startsWith('/pkg/') && p.endsWith('.wasm') && !p.startsWith('/pkg/switchboard.'))
    .map((p) => p.slice('/pkg/'.length));
}

/**
 * A ticket assigned to Tina and a fresh tab of hers (signed in in another tab, so the ticket page
 * is the tab's first), recording what it fetches; the test opens the ticket.
 */
async function tinasFreshTab(browser: Browser, request: APIRequestContext, title: string) {
  const filed = await fileTicket(request, 'rita@example.org', title);
  await patchTicket(request, 'coordinator@example.org', filed.number, filed.version, { assignee: 'tina@example.org' });
  const ctx = await browser.newContext();
  const signin = await ctx.newPage();
  await signIn(signin, 'tina@example.org', '/work');
  await signin.close();
  const page = await ctx.newPage();
  const errors = watchConsole(page);
  const requests: Request[] = [];
  page.on('request', (r) => requests.push(r));
  return { ctx, page, errors, requests, number: filed.number as string };
}

/** The ticket page works: its title shows, and starting work offers resolving. */
async function works(page: Page, title: string) {
  await expect(page.locator('h1')).toContainText(title);
  await page.getByRole('button', { name: 'Start work' }).click();
  await expect(page.getByRole('button', { name: 'Resolve' })).toBeVisible();
}

// A first visit fetches the one pack instead of 20 to 47 parts, and the page works from it. A page
// of another group opened later in the same tab fetches its parts one by one.
test('a first visit fetches its pages\' parts in one pack and a later page its own parts', async ({ browser, baseURL, request }) => {
  test.skip(!(await ticketPack(baseURL)), 'the debug client is not packed');
  const title = unique('Second screen stays black');
  const { ctx, page, errors, requests, number } = await tinasFreshTab(browser, request, title);
  const html = await (await page.goto(`/tickets/${number}`))!.text();
  await hydrated(page);
  // The server's page preloads the pack of its group, and no part by itself.
  // (The main part's name has a dot, `switchboard.<hash>.wasm`, so it is not among them.)
  const preloaded = [...html.matchAll(/<link [^>]*href="\/pkg\/(\w+)\.wasm"[^>]*>/g)].map((m) => m[1]);
  expect(preloaded).toEqual([expect.stringMatching(/^pack_ticket_pages_\d+$/)]);
  // It works from the pack alone (a part missing from it would have been fetched by name).
  await works(page, title);
  expect(partsFetched(requests)).toEqual([expect.stringMatching(/^pack_ticket_pages_\d+\.wasm$/)]);

  // Another group's page, reached by a link: its parts one by one, no pack.
  requests.length = 0;
  await page.getByRole('link', { name: 'My work' }).first().click();
  await expect(page).toHaveURL(/\/work$/);
  await expect(page.getByRole('heading', { name: 'My work' })).toBeVisible();
  const later = partsFetched(requests);
  expect(later.length).toBeGreaterThan(0);
  expect(later.filter((p) => p.startsWith('pack_'))).toEqual([]);
  expect(errors).toEqual([]);
  await ctx.close();
});

// A pack cut off on the way (a phone losing the network for a moment): the parts it brought are
// used, the rest fetched from their own files, and the page comes alive as usual.
test('a page whose pack breaks off fetches the parts it did not bring', async ({ browser, baseURL, request }) => {
  const pack = await ticketPack(baseURL);
  test.skip(!pack, 'the debug client is not packed');
  const whole = Buffer.from(await (await fetch(`${baseURL}/pkg/${pack}.wasm`)).arrayBuffer());
  const index = JSON.parse(whole.subarray(4, 4 + whole.readUInt32LE(0)).toString()) as [string, number][];

  const title = unique('Headset crackles');
  const { ctx, page, errors, requests, number } = await tinasFreshTab(browser, request, title);
  await page.route(`**/pkg/${pack}.wasm`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/wasm', body: whole.subarray(0, whole.length / 2) }),
  );
  await page.goto(`/tickets/${number}`);
  await hydrated(page);
  await works(page, title);
  // Only what the pack did not bring: fewer than the group's parts.
  const own = partsFetched(requests).filter((p) => !p.startsWith('pack_'));
  expect(own.length).toBeGreaterThan(0);
  expect(own.length).toBeLessThan(index.length);
  expect(errors).toEqual([]);
  await ctx.close();
});
