import { test, expect } from '@playwright/test';
import { signIn, hydrated } from './helpers';

test('a change made by one coordinator appears on the other board within 2 seconds', async ({ browser }) => {
  const a = await browser.newContext();
  const b = await browser.newContext();
  const carla = await a.newPage();
  const adam = await b.newPage();
  await signIn(carla, 'coordinator@example.org', '/board');
  await signIn(adam, 'admin@example.org', '/board');
  await hydrated(carla);
  await hydrated(adam);
  const inProgress = (page) => page.getByRole('region', { name: 'In progress' });
  await expect(carla.getByText('Live')).toBeVisible();
  await expect(inProgress(adam).getByText('Outlook keeps asking for my password')).toHaveCount(0);
  // Carla starts the assigned Outlook ticket through the card's menu (the keyboard alternative to dragging).
  const card = carla.getByRole('region', { name: 'Assigned' }).getByRole('listitem').filter({ hasText: 'Outlook keeps asking' });
  await card.getByRole('combobox').selectOption('start');
  await expect(inProgress(carla).getByText('Outlook keeps asking for my password')).toBeVisible();
  await expect(inProgress(adam).getByText('Outlook keeps asking for my password')).toBeVisible({ timeout: 2_500 });
  await a.close();
  await b.close();
});

test('the board filter lives in the URL', async ({ page }) => {
  await signIn(page, 'coordinator@example.org', '/board?priority=P1');
  await hydrated(page);
  await expect(page.getByLabel('Priority')).toHaveValue('P1');
  await expect(page.getByText('Whole site loses network every afternoon')).toBeVisible();
  await expect(page.getByText('Printer on floor 2 jams every page')).toHaveCount(0);
});

test('a requester is told the board is not for them', async ({ page }) => {
  await signIn(page, 'fiona@example.org', '/board');
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
});
