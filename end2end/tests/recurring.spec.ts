import { test, expect } from '@playwright/test';
import { signIn, hydrated, unique, watchConsole } from './helpers';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The first first-Tuesday-of-a-month at 08:00 UTC after `now`, as the page writes a date. */
function nextFirstTuesday(now: Date): string {
  for (let m = 0; m < 3; m++) {
    const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + m, 1));
    const day = 1 + ((2 - first.getUTCDay() + 7) % 7);
    const run = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), day, 8));
    if (run > now) return `${String(day).padStart(2, '0')} ${MONTHS[run.getUTCMonth()]} ${run.getUTCFullYear()}`;
  }
  return '';
}

test('a coordinator schedules the first Tuesday of each month, sees the next runs, and stops it', async ({ page }) => {
  const errors = watchConsole(page);
  const title = unique('Renew the VPN certificate');
  await signIn(page, 'coordinator@example.org', '/recurring');
  await hydrated(page);
  // The preview is asked by the browser: once it shows, the form is live.
  const runs = page.locator('.recurring-form .preview').getByRole('listitem');
  await expect(runs).toHaveCount(5);
  await expect(page.getByLabel('Category')).toHaveValue('other');
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Description').fill('1. Renew the certificate\n2. Install it on the gateway');
  await page.getByLabel('Repeats').selectOption('month_weekday');
  // Only the fields of that kind of repetition are shown.
  await expect(page.getByLabel('Every (days or weeks)')).toBeHidden();
  await page.getByLabel('Which').selectOption('1');
  await page.getByLabel('Weekday').selectOption('tue');
  // The desk's zone is UTC: the first run is the next first Tuesday of a month at 08:00.
  await expect(runs.first()).toHaveText(`${nextFirstTuesday(new Date())}, 08:00 UTC`);
  await expect(runs).toHaveCount(5);
  await page.screenshot({ path: 'test-results/recurring-form.png', fullPage: true });
  await page.getByRole('button', { name: 'Schedule', exact: true }).click();
  const item = page.locator('.recurring-item').filter({ hasText: title });
  await expect(item).toContainText('The first Tuesday of each month at 08:00');
  await expect(item).toContainText('the category\'s team');

  // A wrong interval is named at its field, not lost.
  await page.getByLabel('Repeats').selectOption('days');
  await page.getByLabel('Every (days or weeks)').fill('0');
  await expect(page.locator('.recurring-form .preview')).toContainText('Repeat every 1 to 366 days');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'test-results/recurring-phone.png', fullPage: true });
  await item.getByRole('button', { name: `Stop “${title}”` }).click();
  await expect(item).toHaveCount(0);
  // The refused preview answered 422 (logged by the browser); nothing else went wrong.
  expect(errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
});
