import { test, expect } from '@playwright/test';
import { PASSWORD, signIn, hydrated, unique, watchConsole, fileTicket, getTicket, patchTicket, noHorizontalScroll, framesWithout } from './helpers';

// A known issue: announced by the coordinator on the ticket's page, shown as a banner to
// requesters (here on a phone), "This affects me too" files their ticket in one click, the board
// counts them live, and resolving the known issue resolves every ticket about it.
test('a known issue is announced, joined from a phone, counted on the board and resolved with its children', async ({ browser, request }) => {
  const notice = unique('Mail is down in building B, we are on it');
  const filed = await fileTicket(request, 'paul@example.org', unique('Outlook cannot reach the server'));
  const outage = await patchTicket(request, 'coordinator@example.org', filed.number, filed.version, { assignee: 'tina@example.org' });
  const coordinator = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const errors = [...watchConsole(coordinator)];
  const phoneErrors = watchConsole(phone);
  try {
    await signIn(coordinator, 'coordinator@example.org', `/tickets/${outage.number}`);
    await hydrated(coordinator);
    // A notice too short is named at its field.
    await coordinator.getByLabel('Notice for requesters').fill('x');
    await coordinator.getByRole('button', { name: 'Announce', exact: true }).click();
    await expect(coordinator.locator('#notice-error')).toContainText('at least 3 characters');
    await coordinator.getByLabel('Notice for requesters').fill(notice);
    await coordinator.getByRole('button', { name: 'Announce', exact: true }).click();
    await expect(coordinator.getByRole('button', { name: 'Take the notice down' })).toBeVisible();

    // The board shows it with one person affected (the one who reported it).
    await coordinator.goto('/board');
    await hydrated(coordinator);
    const strip = coordinator.locator('.known-strip .known-issue').filter({ hasText: notice });
    await expect(strip).toContainText('1 person affected');

    // Rita sees the banner on the request form on her phone and joins in one click.
    await signIn(phone, 'rita@example.org', '/requests/new');
    await hydrated(phone);
    const banner = phone.locator('.known-issues .known-issue').filter({ hasText: notice });
    await expect(banner).toBeVisible();
    await noHorizontalScroll(phone);
    await phone.screenshot({ path: 'test-results/known-issue-phone.png', fullPage: true });
    await banner.getByRole('button', { name: 'This affects me too' }).click();
    const mine = banner.locator('.known-mine a');
    await expect(mine).toHaveText(/SB-\d+/);
    await expect(banner).toContainText('2 people affected');
    const ritas = (await mine.textContent())!.trim();

    // The board's count rises without a reload.
    await expect(strip).toContainText('2 people affected', { timeout: 10_000 });
    await coordinator.screenshot({ path: 'test-results/known-issue-board.png' });

    // On her requests page the banner says she is on it, with no second button.
    await phone.goto('/requests');
    await hydrated(phone);
    await expect(phone.locator('.known-issue').filter({ hasText: notice }).locator('.known-mine')).toContainText(ritas);
    await expect(phone.getByRole('button', { name: 'This affects me too' })).toHaveCount(0);

    // Her ticket's page, loaded directly, shows it too and comes alive; a reply reads the
    // ticket again without the banner leaving its place.
    await phone.goto(`/tickets/${ritas}`);
    await hydrated(phone);
    await expect(phone.locator('.known-issue').filter({ hasText: notice }).locator('.known-mine')).toContainText(ritas);
    const bannerMissing = await framesWithout(phone, '.known-issues');
    const reply = unique('Same here on floor 3');
    await phone.getByLabel('Reply').fill(reply);
    await phone.getByRole('button', { name: 'Send reply' }).click();
    await expect(phone.locator('.note .body-text', { hasText: reply })).toBeVisible();
    expect(await bannerMissing()).toBe(0);

    // Fiona's browser runs no script: the same button is a form, and the page comes back with
    // her ticket about it.
    const plain = await browser.newContext({ javaScriptEnabled: false });
    const fiona = await plain.newPage();
    await fiona.goto(`/login?next=${encodeURIComponent('/requests/new')}`);
    await fiona.getByLabel('Email').fill('fiona@example.org');
    await fiona.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await fiona.getByRole('button', { name: 'Sign in' }).click();
    await expect(fiona).toHaveURL(/\/requests\/new$/);
    const plainBanner = fiona.locator('.known-issues .known-issue').filter({ hasText: notice });
    await plainBanner.getByRole('button', { name: 'This affects me too' }).click();
    await expect(plainBanner.locator('.known-mine a')).toHaveText(/SB-\d+/);
    await expect(plainBanner).toContainText('3 people affected');
    const fionas = (await plainBanner.locator('.known-mine a').textContent())!.trim();
    await plain.close();

    // Resolving the known issue resolves Rita's ticket with its solution; the banner goes.
    const current = await getTicket(request, 'coordinator@example.org', outage.number);
    await patchTicket(request, 'coordinator@example.org', outage.number, current.version, { status: 'resolved', resolution: 'The mail relay is back' });
    const hers = await getTicket(request, 'rita@example.org', ritas);
    expect(hers.status).toBe('resolved');
    expect(hers.resolution).toBe('The mail relay is back');
    expect((await getTicket(request, 'fiona@example.org', fionas)).status).toBe('resolved');
    await phone.goto('/requests');
    await hydrated(phone);
    await expect(phone.locator('.known-issue').filter({ hasText: notice })).toHaveCount(0);
    await expect(strip).toHaveCount(0, { timeout: 10_000 });
    expect(errors).toEqual([]);
    expect(phoneErrors).toEqual([]);
  } finally {
    // Never leave a banner for the tests after this one.
    const now = await getTicket(request, 'coordinator@example.org', outage.number);
    if (now.status !== 'resolved') {
      await patchTicket(request, 'coordinator@example.org', outage.number, now.version, { status: 'resolved', resolution: 'Test over' }).catch(() => {});
    }
    await coordinator.close();
    await phone.close();
  }
});
