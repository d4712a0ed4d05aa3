import { test, expect } from '@playwright/test';
import { signIn, hydrated, fileTicket, unique } from './helpers';

test('clocks show on the board, and the requester is told what to expect', async ({ page, browser, request }) => {
  const title = unique('Scanner offline');
  const t = await fileTicket(request, 'rita@example.org', title);
  expect(t.sla.state).toBe('on_track');
  await signIn(page, 'coordinator@example.org', '/board');
  await hydrated(page);
  const card = page.getByRole('region', { name: 'New' }).getByRole('listitem').filter({ hasText: title });
  await expect(card.locator('.sla')).toContainText(/Respond by|left/);
  // The long-waiting demo printer ticket has missed its response target.
  const late = page.getByRole('listitem').filter({ hasText: 'Printer on floor 2 jams every page' });
  await expect(late.locator('.sla-breached')).toBeVisible();

  const requester = await browser.newPage();
  await signIn(requester, 'rita@example.org', `/tickets/${t.number}`);
  await hydrated(requester);
  await expect(requester.getByText(/A technician should respond by .* We aim to solve it by/)).toBeVisible();
  await requester.close();
});

test('an admin edits a policy; mistakes come back beside their field', async ({ page }) => {
  await signIn(page, 'admin@example.org', '/service-levels');
  await hydrated(page);
  const form = page.locator('form.policy').first();
  await expect(form.getByLabel('Name', { exact: true })).toHaveValue('Standard');
  await form.getByLabel('Time zone').fill('Mars/Olympus');
  await form.getByLabel('P2 first response minutes').fill('45');
  await form.getByRole('button', { name: 'Save policy' }).click();
  await expect(form.getByRole('alert').filter({ hasText: 'Unknown time zone' })).toBeVisible();
  // What was typed is kept.
  await expect(form.getByLabel('P2 first response minutes')).toHaveValue('45');
  await form.getByLabel('Time zone').fill('UTC');
  await form.getByLabel('P2 first response minutes').fill('60');
  await form.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved “Standard”' })).toBeVisible();
  await page.reload();
  await hydrated(page);
  await expect(page.locator('form.policy').first().getByLabel('Time zone')).toHaveValue('UTC');
});
