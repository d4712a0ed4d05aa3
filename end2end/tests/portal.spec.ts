import { test, expect } from '@playwright/test';
import { signIn, hydrated, noHorizontalScroll, fileTicket, patchTicket, unique } from './helpers';

test('a requester files a network request, sees field errors, then follows it @smoke', async ({ page }) => {
  await signIn(page, 'paul@example.org', '/requests/new');
  await expect(page.getByRole('heading', { name: 'Report a problem' })).toBeVisible();
  await page.getByLabel('What is it about?').selectOption('network');
  await expect(page.getByRole('group', { name: 'Network details' })).toBeVisible();
  const title = `Socket dead in room ${Date.now() % 100000}`;
  await page.getByLabel('In one line, what is wrong?').fill(title);
  await page.getByLabel('What happened? What did you try?').fill('The wall socket gives no link light.');
  await page.getByRole('button', { name: 'Send request' }).click();
  // The building is required for network requests: the message sits beside the field and the text stays.
  await expect(page.getByText('Building is required for network requests')).toBeVisible();
  await expect(page.getByLabel('In one line, what is wrong?')).toHaveValue(title);
  await page.getByRole('group', { name: 'Network details' }).getByLabel('Building').fill('C');
  await page.getByRole('group', { name: 'Network details' }).getByLabel('Room').fill('3.14');
  await page.getByLabel('I am blocked').check();
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page).toHaveURL(/\/tickets\/SB-\d+/);
  await expect(page.getByRole('status').filter({ hasText: 'received' })).toBeVisible();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await expect(page.getByText('Received — waiting for a technician')).toBeVisible();
  await noHorizontalScroll(page);
  await page.goto('/requests');
  await expect(page.getByRole('link', { name: new RegExp(title) })).toBeVisible();
});

async function resolvedTicket(request, title: string) {
  let t = await fileTicket(request, 'rita@example.org', title);
  t = await patchTicket(request, 'coordinator@example.org', t.number, t.version, { assignee: 'tina@example.org' });
  t = await patchTicket(request, 'tina@example.org', t.number, t.version, { status: 'in_progress' });
  return patchTicket(request, 'tina@example.org', t.number, t.version, { status: 'resolved', resolution: 'Restarted the spooler.' });
}

test('a requester says a solution did not work, and the ticket goes back to work', async ({ page, request }) => {
  const t = await resolvedTicket(request, unique('Scanner offline'));
  await signIn(page, 'rita@example.org');
  await page.goto('/requests');
  await page.getByRole('link', { name: new RegExp(t.title) }).click();
  await hydrated(page);
  await expect(page.getByRole('heading', { name: 'Solution' })).toBeVisible();
  await expect(page.getByText('Restarted the spooler.')).toBeVisible();
  await page.getByLabel(/What is still wrong/).fill('It went offline again after lunch.');
  await page.getByRole('button', { name: 'It is not fixed' }).click();
  await expect(page.getByText('Being worked on')).toBeVisible();
  await noHorizontalScroll(page);
});

test('a requester accepts the solution, which closes the ticket', async ({ page, request }) => {
  const t = await resolvedTicket(request, unique('Badge reader'));
  await signIn(page, 'rita@example.org', `/tickets/${t.number}`);
  await hydrated(page);
  await page.getByRole('button', { name: 'Accept the solution' }).click();
  await expect(page.getByText('Closed', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'It is not fixed' })).toHaveCount(0);
});

test("a requester cannot open someone else's ticket by number", async ({ page }) => {
  await signIn(page, 'rita@example.org');
  // SB-1002 belongs to Paul.
  const response = await page.goto('/tickets/SB-1002');
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  await expect(page.getByText('VPN')).toHaveCount(0);
  expect(response?.status()).toBeLessThan(500);
});

test('a ticket page left on "not found" stops waking to ask', async ({ page }) => {
  // The live poll's timers, counted from the page's first script on.
  await page.addInitScript(() => {
    const w = window as unknown as { pollWakes: number };
    w.pollWakes = 0;
    const setTimeout = window.setTimeout.bind(window);
    window.setTimeout = ((handler: TimerHandler, ms?: number, ...rest: unknown[]) => {
      if (ms === 100) w.pollWakes++;
      return setTimeout(handler, ms, ...rest);
    }) as typeof window.setTimeout;
  });
  await signIn(page, 'rita@example.org');
  await page.goto('/tickets/SB-1002');
  await hydrated(page);
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  const before = await page.evaluate(() => (window as unknown as { pollWakes: number }).pollWakes);
  await page.waitForTimeout(4000);
  const after = await page.evaluate(() => (window as unknown as { pollWakes: number }).pollWakes);
  // Every 100 ms would be 40; backing off it is none.
  expect(after - before).toBeLessThan(3);
});

test('the ticket page follows staff changes without a reload, and a reply resumes the work', async ({ page, request }) => {
  let t = await fileTicket(request, 'rita@example.org', unique('Laptop dock'));
  await signIn(page, 'rita@example.org', `/tickets/${t.number}`);
  await hydrated(page);
  await expect(page.getByText('Received — waiting for a technician')).toBeVisible();
  t = await patchTicket(request, 'coordinator@example.org', t.number, t.version, { assignee: 'tina@example.org' });
  await expect(page.getByText('Assigned to a technician')).toBeVisible({ timeout: 8_000 });
  t = await patchTicket(request, 'tina@example.org', t.number, t.version, { status: 'waiting', waiting_on: 'requester' });
  await expect(page.getByText('Waiting on you').first()).toBeVisible({ timeout: 8_000 });
  await page.getByLabel('Reply').fill('The dock is the grey one.');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(page.getByText('Being worked on')).toBeVisible();
  await noHorizontalScroll(page);
});

test('a requester rates the help once it is solved', async ({ page, request }) => {
  const t = await resolvedTicket(request, unique('Webcam'));
  await signIn(page, 'rita@example.org', `/tickets/${t.number}`);
  await hydrated(page);
  await page.getByRole('button', { name: 'Accept the solution' }).click();
  await expect(page.getByText('Closed', { exact: true }).first()).toBeVisible();
  await page.getByRole('radio', { name: '4', exact: true }).check();
  await page.getByRole('button', { name: 'Send rating' }).click();
  await expect(page.locator('.rating-given')).toContainText('4/5');
  await noHorizontalScroll(page);
});

test('a private tracking link shows the ticket to someone without an account until revoked', async ({ page, browser, request }) => {
  const t = await fileTicket(request, 'fiona@example.org', unique('Door badge'));
  await signIn(page, 'coordinator@example.org', `/tickets/${t.number}`);
  await hydrated(page);
  await page.getByRole('button', { name: 'Create a private link' }).click();
  const url = await page.getByLabel('Copy the link now; it is shown only once').inputValue();
  expect(url).toMatch(/\/track\/[0-9a-f]{64}$/);
  // The ticket refreshes with the new link in its list; the link shown once stays on screen.
  await expect(page.locator('section.tracking li')).toHaveCount(1);
  await expect(page.getByLabel('Copy the link now; it is shown only once')).toHaveValue(url);
  const path = new URL(url).pathname;
  const stranger = await browser.newContext();
  const visitor = await stranger.newPage();
  await visitor.goto(path);
  await expect(visitor.getByRole('heading', { name: t.title })).toBeVisible();
  await expect(visitor.getByText('Received — waiting for a technician')).toBeVisible();
  await expect(visitor.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  await page.reload();
  await hydrated(page);
  await page.getByRole('button', { name: 'Revoke' }).first().click();
  await expect(page.getByText('revoked', { exact: true })).toBeVisible();
  await visitor.goto(path);
  await expect(visitor.getByRole('heading', { name: 'Not found' })).toBeVisible();
  await stranger.close();
});
