import { test, expect, Request } from '@playwright/test';
import { fileTicket, hydrated, patchTicket, signIn, unique, watchConsole } from './helpers';

/** The client's split parts a page fetched (`/pkg/<name>.wasm` but the main part). */
function partsFetched(requests: Request[]): string[] {
  return requests
    .map((r) => new URL(r.url()).pathname)
    .filter((p) => p.startsWith('/pkg/') && p.endsWith('.wasm') && !p.startsWith('/pkg/switchboard.'))
    .map((p) => p.slice('/pkg/'.length));
}

// A release client packs each group of pages' parts into one file (.ci/pack-parts): a first visit
// fetches that one file instead of 20 to 47, and the page works from it. A page of another group
// opened later in the same tab fetches its parts one by one, as the debug client always does.
test('a first visit fetches its pages\' parts in one pack and a later page its own parts', async ({ browser, baseURL, request }) => {
  const manifest = await (await fetch(`${baseURL}/pkg/__wasm_split_manifest.json`)).json();
  const packed = Object.values(manifest as Record<string, string[]>).every((parts) => parts.length === 1 && parts[0].startsWith('pack_'));
  test.skip(!packed, 'the debug client is not packed: the browser suite with the release client runs this');

  const title = unique('Second screen stays black');
  const filed = await fileTicket(request, 'rita@example.org', title);
  const number = filed.number as string;
  await patchTicket(request, 'coordinator@example.org', number, filed.version, { assignee: 'tina@example.org' });

  const ctx = await browser.newContext();
  const signin = await ctx.newPage();
  await signIn(signin, 'tina@example.org', '/work');
  await signin.close();

  const page = await ctx.newPage();
  const errors = watchConsole(page);
  const requests: Request[] = [];
  page.on('request', (r) => requests.push(r));
  const html = await (await page.goto(`/tickets/${number}`))!.text();
  await hydrated(page);
  // The server's page preloads the pack of its group, and no part by itself.
  // (The main part's name has a dot, `switchboard.<hash>.wasm`, so it is not among them.)
  const preloaded = [...html.matchAll(/<link [^>]*href="\/pkg\/(\w+)\.wasm"[^>]*>/g)].map((m) => m[1]);
  expect(preloaded).toEqual([expect.stringMatching(/^pack_ticket_pages_\d+$/)]);
  expect(partsFetched(requests)).toEqual([expect.stringMatching(/^pack_ticket_pages_\d+\.wasm$/)]);
  // It works from the pack alone (a part missing from it would have been fetched by name).
  await expect(page.locator('h1')).toContainText(title);
  await page.getByRole('button', { name: 'Start work' }).click();
  await expect(page.getByRole('button', { name: 'Resolve' })).toBeVisible();
  expect(partsFetched(requests)).toHaveLength(1);

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
