import { test, expect } from '@playwright/test';
import { signIn, hydrated, noHorizontalScroll, fileTicket, unique } from './helpers';

test('a technician takes a ticket from the queue, works it and resolves it with notes @smoke', async ({ page, request }) => {
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
  await page.getByLabel('Minutes spent', { exact: true }).fill('15');
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
  await page.getByLabel('Minutes spent (logged when you resolve)').fill('20');
  await page.getByRole('button', { name: 'Resolve' }).click();
  await expect(page.getByText('Resolved — please confirm')).toBeVisible();
  await expect(page.getByText('Replaced the pickup roller.').first()).toBeVisible();
  // The time spent on the fix is logged with it.
  await expect(page.locator('.note').filter({ hasText: 'Replaced the pickup roller.' })).toContainText('20 min');
  await noHorizontalScroll(page);
});

test.describe('on a 320 px phone', () => {
  test.use({ viewport: { width: 320, height: 640 }, hasTouch: true, isMobile: true });

  test('a technician works a ticket end to end with notes, waiting, escalation and resolution', async ({ page, request }) => {
    const t = await fileTicket(request, 'rita@example.org', unique('Phone dock loose'), 'other');
    await signIn(page, 'tom@example.org');
    await page.goto('/work');
    await hydrated(page);
    await noHorizontalScroll(page);
    await page.getByRole('tab', { name: 'Queue' }).tap();
    await page.getByRole('link', { name: new RegExp(t.title) }).tap();
    await hydrated(page);
    await page.getByRole('button', { name: 'Take it' }).tap();
    await page.getByRole('button', { name: 'Start work' }).tap();
    await expect(page.getByText('Being worked on')).toBeVisible();

    // An internal note, then a public one the requester will see.
    await page.getByLabel('Add a note').fill('Screw thread stripped.');
    await page.getByRole('button', { name: 'Add note' }).tap();
    await expect(page.getByText('Screw thread stripped.')).toBeVisible();
    // A note being typed survives a reload (kept in the browser until sent).
    await page.getByLabel('Add a note').fill('Ordering a new dock for you.');
    await page.reload();
    await hydrated(page);
    await expect(page.getByLabel('Add a note')).toHaveValue('Ordering a new dock for you.');
    await page.getByLabel('Internal (staff only)').uncheck();
    await page.getByRole('button', { name: 'Add note' }).tap();
    await expect(page.locator('.note:not(.internal)').filter({ hasText: 'Ordering a new dock for you.' })).toBeVisible();
    await expect(page.getByLabel('Add a note')).toHaveValue('');

    await page.getByRole('button', { name: 'Wait on facility' }).tap();
    await expect(page.getByText('Waiting on facility work').first()).toBeVisible();
    await page.getByRole('button', { name: 'Resume' }).tap();
    await expect(page.getByText('Being worked on')).toBeVisible();

    // Escalating needs a reason; specialists are suggested, and the coordinator may decide.
    await page.getByRole('button', { name: 'Escalate' }).tap();
    await expect(page.getByRole('alert').filter({ hasText: 'Say why it needs escalating' })).toBeVisible();
    await expect(page.getByLabel('If you escalate, hand it to').locator('option')).not.toHaveCount(1);
    await page.getByLabel(/Resolution notes or reason/).fill('Needs a new dock model; cannot fix on site.');
    await page.getByRole('button', { name: 'Escalate' }).tap();
    await expect(page.locator('.flag').filter({ hasText: 'Escalated' })).toBeVisible();

    await page.getByRole('button', { name: 'Resolve' }).tap();
    await expect(page.getByRole('alert').filter({ hasText: 'Resolution notes is required' })).toBeVisible();
    await page.getByLabel(/Resolution notes or reason/).fill('Fitted a replacement dock.');
    await page.getByRole('button', { name: 'Resolve' }).tap();
    await expect(page.getByText('Resolved — please confirm')).toBeVisible();
    await noHorizontalScroll(page);
    await page.screenshot({ path: 'test-results/tech-320.png', fullPage: true });
  });
});
