import { test, expect } from '@playwright/test';
import { signIn, hydrated, fileTicket, getTicket, patchTicket, unique, noHorizontalScroll } from './helpers';

test('a ticket waits on facility work until the facility manager finishes it', async ({ page, browser, request }) => {
  const title = unique('No network at desk 7');
  const t = await fileTicket(request, 'rita@example.org', title);
  await patchTicket(request, 'coordinator@example.org', t.number, t.version, { assignee: 'nina@example.org' });
  const assigned = await getTicket(request, 'nina@example.org', t.number);
  await patchTicket(request, 'nina@example.org', t.number, assigned.version, { status: 'in_progress' });

  // Nina asks for a cable; the ticket waits on facility and its clock pauses.
  const what = unique('Pull a network cable to desk 7');
  await signIn(page, 'nina@example.org', `/tickets/${t.number}`);
  await hydrated(page);
  await page.getByText('It needs facility work').click();
  await page.getByRole('button', { name: 'Ask for facility work' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'What is needed needs at least 3 characters' })).toBeVisible();
  await page.getByLabel('What is needed').fill(what);
  await page.getByLabel('Where').fill('Building A, desk 7');
  await page.getByLabel('Facility manager').selectOption({ label: 'Felix Buildings <felix@example.org>' });
  await page.getByRole('button', { name: 'Ask for facility work' }).click();
  await expect(page.locator('.status-words')).toHaveText('Waiting on facility work');
  await expect(page.locator('.facility-work')).toContainText(what);
  await expect(page.locator('.sla').first()).toContainText('Paused');

  // Felix sees his work orders (this one among them) and marks it done.
  const felix = await browser.newPage();
  await signIn(felix, 'felix@example.org', '/facility');
  await hydrated(felix);
  const card = felix.locator('.work-order').filter({ hasText: what });
  await expect(card).toContainText('1 IT request waits on it');
  await expect(felix.getByText(title)).toHaveCount(0);
  await card.getByLabel('What was done (optional)').fill('Cable pulled, outlet A7-3 patched');
  await card.getByRole('button', { name: /Mark WO-\d+ done/ }).click();
  await expect(card.locator('.wo-status')).toHaveText('Done');
  await noHorizontalScroll(felix);
  // Tickets are not his to see.
  await felix.goto(`/tickets/${t.number}`);
  await expect(felix.getByText('Not found')).toBeVisible();
  await felix.close();

  // The ticket is back in progress and Nina was told.
  await page.reload();
  await hydrated(page);
  await expect(page.locator('.status-words')).toHaveText('Being worked on');
  await page.goto('/notifications');
  await expect(page.getByText(`${t.number}: facility work done`)).toBeVisible();
});
