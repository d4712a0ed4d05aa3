import { test, expect } from '@playwright/test';
import { fileTicket, hydrated, noHorizontalScroll, patchTicket, signIn, watchConsole } from './helpers';

/** A shortcut no other test writes. */
function word(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

test('a technician keeps a canned reply and inserts it, filled in, by typing ::', async ({ page, request }) => {
  const key = word('onit');
  const phone = test.info().project.name;
  const errors = watchConsole(page);
  await signIn(page, 'tina@example.org');
  await page.goto('/replies');
  await hydrated(page);
  await expect(page.getByRole('heading', { name: 'Canned replies', level: 1 })).toBeVisible();
  // The desk's shared replies are there for her to use, not to change.
  await expect(page.getByRole('cell', { name: '::thanks', exact: true }).first()).toBeVisible();
  // A shortcut with a space is refused at the field, and what was typed stays.
  await page.getByLabel('Shortcut').fill('two words');
  await page.getByLabel('Text').fill('Hello {first_name}, I am on {ticket} now. {my_name}');
  await page.getByRole('button', { name: 'Save reply' }).click();
  await expect(page.locator('#shortcut-error')).toContainText('without spaces');
  await expect(page.getByLabel('Text')).toHaveValue('Hello {first_name}, I am on {ticket} now. {my_name}');
  await page.getByLabel('Shortcut').fill(key);
  await page.getByLabel('Language').selectOption('en');
  await page.getByRole('button', { name: 'Save reply' }).click();
  await expect(page.getByRole('cell', { name: `::${key}`, exact: true })).toBeVisible();
  await noHorizontalScroll(page);
  await page.screenshot({ path: `test-results/replies-${phone}.png`, fullPage: true });

  const t = await fileTicket(request, 'rita@example.org', `Screen flickers ${key}`);
  await patchTicket(request, 'coordinator@example.org', t.number, 1, { assignee: 'tina@example.org' });
  await page.goto(`/tickets/${t.number}`);
  await hydrated(page);
  const box = page.locator('#note-body');
  await box.click();
  await box.pressSequentially(`Checked. ::${key}`);
  const menu = page.getByRole('listbox', { name: 'Canned replies' });
  await expect(menu.getByRole('option', { name: new RegExp(`::${key}`) })).toBeVisible();
  await noHorizontalScroll(page);
  await page.locator('.note-form').screenshot({ path: `test-results/replies-menu-${phone}.png` });
  await box.press('Enter');
  await expect(box).toHaveValue(`Checked. Hello Rita, I am on ${t.number} now. Tina Front`);
  await expect(menu).toHaveCount(0);
  // Escape closes the menu and keeps what was typed.
  await box.pressSequentially(' ::tha');
  await expect(menu.getByRole('option', { name: /::thanks/ })).toBeVisible();
  await box.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(box).toHaveValue(`Checked. Hello Rita, I am on ${t.number} now. Tina Front ::tha`);
  await box.fill(`Checked. Hello Rita, I am on ${t.number} now. Tina Front`);
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.locator('.note .body-text', { hasText: `I am on ${t.number} now` })).toBeVisible();
  // The refused shortcut answered 422, as it should; nothing else went wrong.
  expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
});
