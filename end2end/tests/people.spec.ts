import { test, expect } from '@playwright/test';
import { signIn, signOut, hydrated } from './helpers';

const accounts = [
  ['rita@example.org', 'Rita Requester', '/requests'],
  ['tina@example.org', 'Tina Front', '/work'],
  ['coordinator@example.org', 'Carla Coordinator', '/board'],
  ['admin@example.org', 'Adam Admin', '/board'],
];

for (const [email, name, home] of accounts) {
  test(`${name} signs in, sees who is signed in, and signs out`, async ({ page }) => {
    await signIn(page, email);
    await expect(page).toHaveURL(new RegExp(`${home}$`));
    await expect(page.getByRole('link', { name: new RegExp(name) })).toBeVisible();
    await signOut(page);
    await page.goto(home);
    await expect(page.getByRole('heading', { name: 'Please sign in' })).toBeVisible();
  });
}

test('navigation shows only what the role may use', async ({ page }) => {
  await signIn(page, 'rita@example.org');
  await expect(page.getByRole('link', { name: 'My requests' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Board', exact: true })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Roster', exact: true })).toHaveCount(0);
  await page.goto('/people');
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
});

test('a coordinator edits the roster and the change survives a reload', async ({ page }) => {
  await signIn(page, 'coordinator@example.org', '/roster');
  await hydrated(page);
  const tom = page.getByRole('form', { name: 'Roster entry for Tom Desk' });
  await tom.getByLabel('Capacity').fill('5');
  await tom.getByLabel('Skills').fill('hardware:3, printing:2');
  await tom.getByRole('button', { name: 'Save Tom Desk' }).click();
  await expect(tom.getByText(/'printing' is not a category/)).toBeVisible();
  // Tom keeps the skills the technician tests rely on (hardware, other).
  await tom.getByLabel('Skills').fill('hardware:3, software:2, other:2');
  await tom.getByRole('button', { name: 'Save Tom Desk' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page.reload();
  await hydrated(page);
  const again = page.getByRole('form', { name: 'Roster entry for Tom Desk' });
  await expect(again.getByLabel('Capacity')).toHaveValue('5');
  await expect(again.getByLabel('Skills')).toHaveValue('hardware:3, software:2, other:2');
  await expect(page.getByText(/changed the account tom@example.org: tier/).first()).toBeVisible();
});
