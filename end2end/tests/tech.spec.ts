import { test, expect } from '@playwright/test';
import { signIn, hydrated, noHorizontalScroll, fileTicket, unique } from './helpers';

test('a technician takes a ticket from the queue, works it and resolves it with notes', async ({ page, request }) => {
  const t = await fileTicket(request, 'paul@example.org', unique('Dock has no display'), 'other');
  await signIn(page, 'tom@example.org');
  await page.goto('/work');
  await hydrated(page);
  await page.getByRole('tab', { name: 'Queue' }).click();
  await page.getByRole('link', { name: new RegExp(t.title) }).click();
  await hydrated(page);
  await page.getByRole('button', { name: 'Take it' }).click();
  await expect(page.getByRole('button', { name: 'Start work' })).toBeVisible();
  await page.getByRole('button', { name: 'Start work' }).click();
  await expect(page.getByText('Being worked on')).toBeVisible();

  await page.getByLabel('Add a note').fill('Cleared the paper path; testing.');
  await page.getByLabel('Minutes spent').fill('15');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByText('Cleared the paper path; testing.')).toBeVisible();

  await page.getByRole('button', { name: 'Wait on facility' }).click();
  await expect(page.getByText('Waiting on facility work').first()).toBeVisible();
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByText('Being worked on')).toBeVisible();

  // Resolving without notes is refused with the reason at the field.
  await page.getByRole('button', { name: 'Resolve' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Resolution notes is required' })).toBeVisible();
  await page.getByLabel(/Resolution notes/).fill('Replaced the pickup roller.');
  await page.getByRole('button', { name: 'Resolve' }).click();
  await expect(page.getByText('Resolved — please confirm')).toBeVisible();
  await expect(page.getByText('Replaced the pickup roller.').first()).toBeVisible();
  await noHorizontalScroll(page);
});
