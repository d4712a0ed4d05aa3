import { test, expect } from '@playwright/test';
import { PASSWORD, unique, fileTicket, patchTicket, getTicket } from './helpers';

// The requester's pages are server-rendered forms: they work before (or without) the wasm.
test.use({ javaScriptEnabled: false });

async function signInPlain(page, email: string, next: string) {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(next.replace(/[?]/g, '\\?') + '$'));
}

test('without JavaScript a requester signs in, files a request and sees it', async ({ page }) => {
  await signInPlain(page, 'paul@example.org', '/requests/new');
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

test('without JavaScript a refused request comes back with its errors beside the fields and the text kept', async ({ page }) => {
  await signInPlain(page, 'paul@example.org', '/requests/new');
  const title = unique('No-script socket');
  await page.getByLabel('What is it about?').selectOption('network');
  await page.getByLabel('In one line, what is wrong?').fill(title);
  await page.getByLabel('What happened? What did you try?').fill('No link light.');
  await page.getByLabel('The whole site').check();
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByText('Building is required for network requests')).toBeVisible();
  await expect(page.getByLabel('In one line, what is wrong?')).toHaveValue(title);
  await expect(page.getByLabel('What happened? What did you try?')).toHaveValue('No link light.');
  await expect(page.getByLabel('What is it about?')).toHaveValue('network');
  await expect(page.getByLabel('The whole site')).toBeChecked();
  const group = page.getByRole('group', { name: 'Network details' });
  await group.getByLabel('Building').fill('C');
  await group.getByLabel('Room').fill('1.01');
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page).toHaveURL(/\/tickets\/SB-\d+\?filed=1/);
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
});

test('without JavaScript a requester replies, says it is not fixed, accepts and rates', async ({ page, request }) => {
  let t = await fileTicket(request, 'rita@example.org', unique('No-script scanner'));
  t = await patchTicket(request, 'coordinator@example.org', t.number, t.version, { assignee: 'tina@example.org' });
  t = await patchTicket(request, 'tina@example.org', t.number, t.version, { status: 'waiting', waiting_on: 'requester' });
  await signInPlain(page, 'rita@example.org', `/tickets/${t.number}`);
  await expect(page.getByText('Waiting on you').first()).toBeVisible();
  await page.getByLabel('Reply').fill('It is the scanner on floor 3.');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(page.getByText('It is the scanner on floor 3.')).toBeVisible();
  await expect(page.getByText('Being worked on')).toBeVisible();

  t = await getTicket(request, 'tina@example.org', t.number);
  t = await patchTicket(request, 'tina@example.org', t.number, t.version, { status: 'resolved', resolution: 'Replaced the cable.' });
  await page.goto(`/tickets/${t.number}`);
  await page.getByLabel('What is still wrong? (needed to reopen)').fill('Still offline.');
  await page.getByRole('button', { name: 'It is not fixed' }).click();
  await expect(page.getByText('Being worked on')).toBeVisible();

  const again = await getTicket(request, 'tina@example.org', t.number);
  await patchTicket(request, 'tina@example.org', t.number, again.version, { status: 'resolved', resolution: 'New scanner installed.' });
  await page.goto(`/tickets/${t.number}`);
  await page.getByRole('button', { name: 'Accept the solution' }).click();
  await expect(page.getByText('Closed', { exact: true }).first()).toBeVisible();
  await page.getByRole('radio', { name: '5', exact: true }).check();
  await page.getByLabel('Anything to add? (optional)').fill('Thank you!');
  await page.getByRole('button', { name: 'Send rating' }).click();
  await expect(page.getByText('You rated the help')).toBeVisible();
  await expect(page.locator('.rating-given')).toContainText('5/5');
});
