import { test, expect } from '@playwright/test';
import { signIn, hydrated, fileTicket, getTicket, patchTicket, unique, watchConsole, noHorizontalScroll } from './helpers';

function day(offset: number): string {
  const d = new Date(Date.now() + offset * 86_400_000);
  return d.toISOString().slice(0, 10);
}

test('a coordinator creates a project with tasks and sees its progress move', async ({ page, browser, request }) => {
  const errors = watchConsole(page);
  const name = unique('Move sales to building C');
  await signIn(page, 'coordinator@example.org', '/projects');
  await hydrated(page);
  await page.getByText('New project').click();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Project manager (email)').fill('paul@example.org');
  await page.getByLabel('Starts').fill(day(0));
  await page.getByLabel('Ends').fill(day(-3));
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The end date is before the start date' })).toBeVisible();
  await page.getByLabel('Ends').fill(day(30));
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.getByRole('status').getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await hydrated(page);

  // Two planned tasks, one given to Tina at once.
  for (const [task, due] of [['Set up 8 desks in C-1', day(4)], ['Move the sales printer', day(2)]]) {
    await page.getByLabel('Task', { exact: true }).fill(task);
    await page.getByLabel('Due', { exact: true }).fill(due);
    await page.getByLabel('Assign to (email, optional)').fill('tina@example.org');
    await page.getByRole('button', { name: 'Add task' }).click();
    await expect(page.getByRole('table').getByText(task)).toBeVisible();
  }
  await expect(page.getByText('0% done')).toBeVisible();
  await expect(page.getByText('· 0 done · 2 open')).toBeVisible();
  // The nearest due date comes first.
  await expect(page.locator('.upcoming li').first()).toContainText('Move the sales printer');
  await expect(page.locator('.workload')).toContainText('Tina Front');

  // Tina finishes one: the page shows it on its next look.
  const printer = page.getByRole('row').filter({ hasText: 'Move the sales printer' }).getByRole('link');
  const number = (await printer.textContent())!.trim();
  const t = await getTicket(request, 'tina@example.org', number);
  await patchTicket(request, 'tina@example.org', number, t.version, { status: 'in_progress' });
  const t2 = await getTicket(request, 'tina@example.org', number);
  await patchTicket(request, 'tina@example.org', number, t2.version, { status: 'resolved', resolution: 'Printer moved and tested' });
  await page.reload();
  await hydrated(page);
  await expect(page.getByText('50% done')).toBeVisible();
  await expect(page.getByText('· 1 done · 1 open')).toBeVisible();
  await noHorizontalScroll(page);
  const url = page.url();

  // The project manager follows it; a requester who does not sees no such project.
  const paul = await browser.newPage();
  await signIn(paul, 'paul@example.org', '/requests');
  await hydrated(paul);
  await expect(paul.getByRole('heading', { name: 'Projects you follow' })).toBeVisible();
  await paul.getByRole('link', { name }).click();
  await expect(paul.getByText('50% done')).toBeVisible();
  await paul.goto(`/tickets/${number}`);
  await expect(paul.getByRole('heading', { name: 'Move the sales printer' })).toBeVisible();
  await paul.close();
  const rita = await browser.newPage();
  await signIn(rita, 'rita@example.org', url.replace(/^https?:\/\/[^/]+/, ''));
  await hydrated(rita);
  await expect(rita.getByRole('heading', { name })).toHaveCount(0);
  await expect(rita.getByText('Not found')).toBeVisible();
  await rita.close();
  // The refused form answers 422, which the browser logs; nothing else may fail.
  expect(errors.filter((e) => !e.includes('422'))).toEqual([]);
});

test('the board filters by project', async ({ page }) => {
  await signIn(page, 'coordinator@example.org', '/board');
  await hydrated(page);
  await page.getByLabel('Project').selectOption({ label: 'Move finance to building B' });
  await expect(page).toHaveURL(/project=/);
  await expect(page.getByRole('listitem').filter({ hasText: 'Set up 12 desks for finance in B-3' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Printer on floor 2 jams every page' })).toHaveCount(0);
});

test('a duplicate merged into another ticket: its old number leads there', async ({ page, browser, request }) => {
  const first = await fileTicket(request, 'rita@example.org', unique('Projector in room 3 flickers'));
  const dup = await fileTicket(request, 'paul@example.org', unique('Room 3 projector flickering'));
  await signIn(page, 'coordinator@example.org', `/tickets/${dup.number}`);
  await hydrated(page);
  await page.getByLabel('This ticket').selectOption('duplicate');
  await page.getByLabel('Other ticket number').fill(first.number);
  await page.getByRole('button', { name: 'Link', exact: true }).click();
  await expect(page.getByText(`${dup.number} was merged into this request`)).toBeVisible();
  await expect(page.locator('.num').first()).toHaveText(first.number);

  // Paul's old link still works: it leads to the surviving ticket, which he now follows.
  const paul = await browser.newPage();
  const errors = watchConsole(paul);
  await signIn(paul, 'paul@example.org', `/tickets/${dup.number}`);
  await paul.goto(`/tickets/${dup.number}`);
  await hydrated(paul);
  await expect(paul).toHaveURL(new RegExp(`/tickets/${first.number}`));
  await expect(paul.getByText(`${dup.number} was merged into this request`)).toBeVisible();
  expect(errors, 'the survivor, loaded from the old number, comes alive').toEqual([]);
  await paul.goto('/notifications');
  await expect(paul.getByText(`${dup.number} merged into ${first.number}`)).toBeVisible();
  await paul.close();
});
