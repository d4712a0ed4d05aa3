import { test, expect } from '@playwright/test';
import { signIn, hydrated, fileTicket, unique, apiToken } from './helpers';

test('the bell counts a new notification without a reload, and the list marks it read', async ({ page, request }) => {
  await signIn(page, 'tom@example.org', '/work');
  await hydrated(page);
  const bell = page.getByRole('link', { name: /Notifications: \d+ unread/ });
  const before = Number((await bell.getAttribute('aria-label'))!.match(/\d+/)![0]);
  // A coordinator assigns a fresh ticket to Tom through the API.
  const title = unique('Headset crackles');
  const t = await fileTicket(request, 'rita@example.org', title);
  const token = await apiToken(request, 'coordinator@example.org');
  const r = await request.patch(`/api/v1/tickets/${t.number}`, {
    headers: { authorization: `Bearer ${token}`, 'if-match': `"${t.version}"` },
    data: { assignee: 'tom@example.org' },
  });
  expect(r.status()).toBe(200);
  await expect(page.getByRole('link', { name: `Notifications: ${before + 1} unread` })).toBeVisible({ timeout: 15_000 });

  await page.getByRole('link', { name: /Notifications: / }).click();
  await expect(page.getByRole('heading', { name: 'Notifications' })).toBeVisible();
  const item = page.getByRole('listitem').filter({ hasText: `${t.number} assigned to you` });
  await expect(item).toBeVisible();
  await item.getByRole('button', { name: 'Mark read' }).click();
  await expect(page.getByRole('link', { name: `Notifications: ${before} unread` })).toBeVisible();
});

test('a requester keeps a colleague informed and chooses what they are told', async ({ page, request }) => {
  const t = await fileTicket(request, 'rita@example.org', unique('Projector flickers'));
  await signIn(page, 'rita@example.org', `/tickets/${t.number}`);
  await hydrated(page);
  await page.getByLabel('Keep someone informed (their email)').fill('nobody@example.org');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'No account has that email' })).toBeVisible();
  await page.getByLabel('Keep someone informed (their email)').fill('paul@example.org');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByText('Paul Projects')).toBeVisible();

  await page.goto('/account');
  await hydrated(page);
  await page.getByLabel('My request was received').uncheck();
  await page.getByRole('button', { name: 'Save choices' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Notification choices saved' })).toBeVisible();
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel('My request was received')).not.toBeChecked();
  await expect(page.getByLabel('A message on my request')).toBeChecked();
  // Requesters are not offered staff notifications or digests.
  await expect(page.getByLabel('A new request came in')).toHaveCount(0);
  await page.getByLabel('My request was received').check();
  await page.getByRole('button', { name: 'Save choices' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Notification choices saved' })).toBeVisible();
});
