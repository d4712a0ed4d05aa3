import { test, expect } from '@playwright/test';
import { ConsoleMessage, Page } from '@playwright/test';
import { hydrated, signOut } from './helpers';

const op = `:${process.env.E2E_OIDC_PORT ?? 3997}`;

/** Console errors of Switchboard's pages (the provider's test page has no favicon, say). */
function watchOurConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error' && !m.location().url.includes(op)) errors.push(`${m.location().url}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

// Sign in with the company account: the suite's Switchboard is connected to a real OpenID
// provider (oidc/provider.mjs, started by playwright.config.ts) whose people sign in on its own
// form. Cora is in it-coordinators, which the desk maps to coordinator; Uma's address is not
// verified by the provider. Neither exists in the demo, so the other tests' people stay as
// they are.

test('a coordinator signs in with the company account, lands on the board and signs out', async ({ page }) => {
  const errors = watchOurConsole(page);
  await page.goto('/login');
  await hydrated(page);
  const button = page.getByRole('link', { name: 'Sign in with Example Corp' });
  await expect(button).toBeVisible();
  await page.screenshot({ path: `test-results/company-login-${test.info().project.name}.png`, fullPage: true });
  await button.click();

  // The provider's own page, on another site.
  await expect(page).toHaveURL(new RegExp(`//localhost${op}/interaction/`));
  await page.getByLabel('Username').fill('cora');
  await page.getByLabel('Password').fill('cora-pass');
  const back = page.waitForRequest(/\/auth\/oidc\/callback\?/);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const callback = (await back).url();

  // Back at Switchboard as the role her group maps to, with nothing of the sign-in in the address.
  await expect(page).toHaveURL(/:3999\/board$/);
  await hydrated(page);
  const menu = page.getByRole('button', { name: 'Menu' });
  if (await menu.isVisible()) await menu.click();
  await expect(page.getByRole('link', { name: /Cora Coordinator/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Board', exact: true })).toBeVisible();
  await signOut(page);

  // The provider's answer brought back a second time signs no one in.
  await page.goto(callback);
  await expect(page).toHaveURL(/\/login\?signin=expired$/);
  await expect(page.getByRole('alert')).toContainText('took too long or was started in another browser');
  const refused = await page.goto('/board');
  expect(refused?.status()).toBe(401);
  await expect(page.getByRole('heading', { name: 'Please sign in' })).toBeVisible();
  // Chromium logs the board's 401 as an error about the document; nothing else may be logged.
  const documentRefused = /\/board: Failed to load resource: the server responded with a status of 401\b/;
  expect(errors.filter((e) => !documentRefused.test(e))).toEqual([]);
});

test('someone whose address the provider did not confirm is told why and not let in', async ({ page }) => {
  const errors = watchOurConsole(page);
  await page.goto('/login');
  await hydrated(page);
  await page.getByRole('link', { name: 'Sign in with Example Corp' }).click();
  await page.getByLabel('Username').fill('uma');
  await page.getByLabel('Password').fill('uma-pass');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/login\?signin=unverified$/);
  await hydrated(page);
  await expect(page.getByRole('alert')).toContainText('no confirmed email address');
  await page.screenshot({ path: `test-results/company-refused-${test.info().project.name}.png`, fullPage: true });
  // The password form is still there for people with a Switchboard password.
  await expect(page.getByLabel('Password', { exact: true })).toBeVisible();
  expect(errors).toEqual([]);
});
