import { test, expect, Page } from '@playwright/test';
import { signIn, hydrated, watchConsole, noHorizontalScroll } from './helpers';
import { readFileSync } from 'fs';

/** The rows of a table as CSV lines would read them (header row first). */
async function tableLines(page: Page, name: string): Promise<string[]> {
  const table = page.getByRole('table', { name });
  return table.locator('tr').evaluateAll((rows) =>
    rows.map((r) => Array.from(r.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim()).join(',')));
}

async function downloaded(page: Page, title: string): Promise<string[]> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: `Download CSV of ${title}` }).click(),
  ]);
  const path = await download.path();
  return readFileSync(path!, 'utf8').split('\r\n').filter((l) => l.length > 0);
}

test('the reports page draws its charts and each CSV holds the figures of its table', async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, 'coordinator@example.org');
  await page.getByRole('link', { name: 'Reports' }).click();
  await expect(page).toHaveURL(/\/reports/);
  await hydrated(page);
  await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();

  // The demo filed its tickets in the last hours, so the last 30 days hold all of them.
  const opened = page.locator('.figure').filter({ hasText: 'Opened' }).locator('dd');
  await expect(opened).not.toHaveText('0');
  await expect(page.getByRole('img', { name: 'Tickets over time' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Tickets over time' }).locator('polyline')).toHaveCount(3);
  await expect(page.getByRole('img', { name: 'By category' }).locator('rect')).not.toHaveCount(0);
  await expect(page.getByRole('img', { name: 'Service levels by priority' })).toBeVisible();

  for (const title of ['By category', 'Tickets over time', 'Technicians']) {
    const shown = await tableLines(page, title);
    expect(shown.length).toBeGreaterThan(1);
    expect(await downloaded(page, title)).toEqual(shown);
  }
  await noHorizontalScroll(page);
  expect(errors).toEqual([]);
});

test('filters live in the URL and a bad period is refused at its field', async ({ page }) => {
  await signIn(page, 'coordinator@example.org', '/reports');
  await hydrated(page);
  const total = await page.locator('.figure').filter({ hasText: 'Opened' }).locator('dd').innerText();
  await page.getByLabel('Priority', { exact: true }).selectOption('P1');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/priority=P1/);
  await hydrated(page);
  await expect(page.getByLabel('Priority', { exact: true })).toHaveValue('P1');
  const p1 = await page.locator('.figure').filter({ hasText: 'Opened' }).locator('dd').innerText();
  expect(Number(p1)).toBeLessThan(Number(total));

  await page.getByRole('link', { name: 'Last 7 days' }).click();
  await expect(page).toHaveURL(/from=\d{4}-\d\d-\d\d.*priority=P1/);

  await page.goto('/reports?from=2026-12-31&to=2026-01-01');
  await hydrated(page);
  await expect(page.getByText('The period starts after it ends')).toBeVisible();
  await expect(page.getByLabel('From', { exact: true })).toHaveValue('2026-12-31');
  await expect(page.getByRole('img', { name: 'Tickets over time' })).toHaveCount(0);
});

test('reports are not for technicians', async ({ page }) => {
  await signIn(page, 'tina@example.org', '/reports');
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Reports' })).toHaveCount(0);
});
