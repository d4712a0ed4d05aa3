import { test, expect } from '@playwright/test';
import { PASSWORD, unique } from './helpers';

// The requester's pages are server-rendered forms: they work before (or without) the wasm.
test.use({ javaScriptEnabled: false });

test('without JavaScript a requester signs in, files a request and sees it', async ({ page }) => {
  await page.goto('/login?next=/requests/new');
  await page.getByLabel('Email').fill('paul@example.org');
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/requests\/new$/);
  await expect(page.getByRole('heading', { name: 'Report a problem' })).toBeVisible();
  const title = unique('No-script monitor');
  await page.getByLabel('What is it about?').selectOption('software');
  await page.getByRole('group', { name: 'Software details' }).getByLabel('Application').fill('Excel');
  await page.getByLabel('In one line, what is wrong?').fill(title);
  await page.getByLabel('What happened? What did you try?').fill('Crashes on start.');
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page).toHaveURL(/\/tickets\/SB-\d+\?filed=1/);
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await page.goto('/requests');
  await expect(page.getByRole('link', { name: new RegExp(title) })).toBeVisible();
});
