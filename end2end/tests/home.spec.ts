import { test, expect } from '@playwright/test';
import { hydrated, watchConsole, noHorizontalScroll } from './helpers';

test('home page renders, hydrates and logs no errors @smoke', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'IT help, without the phone tag' })).toBeVisible();
  await hydrated(page);
  await page.getByRole('link', { name: 'Sign in' }).first().click();
  await expect(page).toHaveURL(/\/login/);
  // An interactive control works only once hydrated: the password visibility toggle.
  const password = page.getByLabel('Password', { exact: true });
  await expect(password).toHaveAttribute('type', 'password');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(password).toHaveAttribute('type', 'text');
  await expect(page.getByRole('button', { name: 'Hide' })).toBeVisible();
  await noHorizontalScroll(page);
  expect(errors).toEqual([]);
});

test('a wrong password is refused without saying whether the account exists', async ({ page }) => {
  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('Email').fill('rita@example.org');
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Email or password is not right');
  await page.getByLabel('Email').fill('nobody@example.org');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Email or password is not right');
});

test('an unknown page answers 404 with a clear message', async ({ page }) => {
  const response = await page.goto('/no/such/page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
});
