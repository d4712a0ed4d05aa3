import { test, expect } from '@playwright/test';

// The API reference (/api/docs): a page rendered by the server from the API's own OpenAPI
// description, readable on a desk and a phone, running nothing and loading nothing from elsewhere.
test('the API reference lists every operation and links each answer to its schema', async ({ page }, info) => {
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  const outside: string[] = [];
  page.on('request', (r) => { if (!r.url().startsWith(info.project.use.baseURL ?? '')) outside.push(r.url()); });

  await page.goto('/api/docs');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Switchboard REST API reference');
  const description = await (await page.request.get('/api/v1/openapi.json')).json();
  const operations = Object.values(description.paths as Record<string, object>)
    .reduce((n: number, item) => n + Object.keys(item).length, 0);
  await expect(page.locator('article.operation')).toHaveCount(operations);

  // From the list to an operation, and from its answer to the schema it names.
  await page.getByRole('navigation').getByRole('link', { name: /PATCH \/api\/v1\/tickets\/\{number\}/ }).click();
  const patch = page.locator('#op-patch_ticket');
  await expect(patch).toBeInViewport();
  await expect(patch.getByRole('cell', { name: 'If-Match', exact: true })).toBeVisible();
  await patch.getByRole('link', { name: 'TicketView' }).first().click();
  await expect(page.locator('#schema-TicketView')).toBeInViewport();
  await expect(page.locator('#schema-TicketView').getByRole('cell', { name: 'version', exact: true })).toBeVisible();

  // Nothing wider than a phone's screen but the tables, which scroll on their own.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: info.outputPath(`reference-${info.project.name}.png`) });
  expect(problems).toEqual([]);
  expect(outside).toEqual([]);
});

test('the API reference speaks the reader\'s language around the description', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'it-IT' });
  const page = await context.newPage();
  await page.goto('/api/docs');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Riferimento della REST API di Switchboard');
  await expect(page.locator('html')).toHaveAttribute('lang', 'it');
  await context.close();
});
