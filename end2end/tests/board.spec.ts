import { test, expect, devices } from '@playwright/test';
import { apiToken, signIn, hydrated, fileTicket, patchTicket, unique, deafen, watchConsole, noHorizontalScroll } from './helpers';

test('a change made by one coordinator appears on the other board within 2 seconds @smoke', async ({ browser }) => {
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

test('a move made on a stale board is refused with the reason and the card goes back', async ({ browser, request }) => {
  const t = await fileTicket(request, 'rita@example.org', unique('Stale board'));
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, 'coordinator@example.org', '/board');
  await hydrated(page);
  const card = page.getByRole('region', { name: 'New' }).getByRole('listitem').filter({ hasText: t.title });
  await expect(card).toBeVisible();
  // This board stops hearing about changes (a flaky network), while another coordinator acts.
  await deafen(page, request);
  await patchTicket(request, 'admin@example.org', t.number, t.version, { priority: 'P1', reason: 'VIP' });
  await card.getByRole('combobox').selectOption('cancel');
  await expect(page.getByRole('alert').filter({ hasText: 'Someone else changed this ticket first' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'New' }).getByText(t.title)).toBeVisible();
  await ctx.close();
});

test('keyboard only: open a card, triage it and assign it in one step @smoke', async ({ page, request }) => {
  const t = await fileTicket(request, 'rita@example.org', unique('Keyboard triage'));
  await signIn(page, 'coordinator@example.org', `/board?q=${encodeURIComponent(t.title)}`);
  await hydrated(page);
  const card = page.getByRole('region', { name: 'New' }).getByRole('listitem').filter({ hasText: t.title });
  await card.getByRole('button', { name: 'Triage' }).focus();
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog', { name: `Triage ${t.number}` });
  await expect(drawer).toBeVisible();
  await drawer.getByLabel('Urgency').focus();
  await page.keyboard.press('ArrowDown');
  await expect(drawer.getByRole('status')).toContainText('Priority from impact × urgency');
  // The best-ranked technician is preselected with the reasons shown.
  await expect(drawer.getByLabel('Assign to')).not.toHaveValue('');
  await drawer.getByRole('button', { name: 'Triage' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Assigned' }).getByText(t.title)).toBeVisible();
  // The card opens in a drawer with the whole ticket; Escape closes it.
  const link = page.getByRole('region', { name: 'Assigned' }).getByRole('link', { name: t.number });
  await link.focus();
  await page.keyboard.press('Enter');
  const ticket = page.getByRole('dialog', { name: `Ticket ${t.number}` });
  await expect(ticket.getByRole('heading', { name: t.title })).toBeVisible();
  await expect(ticket.getByRole('heading', { name: 'History' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(ticket).toHaveCount(0);
});

test('filters by team, technician and breaching soon live in the URL, and lanes group by technician', async ({ page }) => {
  await signIn(page, 'coordinator@example.org', '/board?team=Network');
  await hydrated(page);
  await expect(page.getByLabel('Team')).toHaveValue('Network');
  await expect(page.getByText('No network in meeting room B-104')).toBeVisible();
  await expect(page.getByText('Outlook keeps asking for my password')).toHaveCount(0);
  await page.getByLabel('Team').selectOption('');
  await page.getByLabel('Breaching soon').check();
  await expect(page).toHaveURL(/soon=1/);
  await expect(page.getByText('Printer on floor 2 jams every page')).toBeVisible();
  await page.getByLabel('Breaching soon').uncheck();
  await page.getByLabel('Lanes by technician').check();
  await expect(page).toHaveURL(/lanes=tech/);
  await expect(page.getByRole('region', { name: 'In progress — tom@example.org' }).getByText('Laptop battery drains in an hour')).toBeVisible();
});

test('the board search finds tickets by what their description and notes say', async ({ page }) => {
  await signIn(page, 'coordinator@example.org', '/board');
  await hydrated(page);
  // "kitchen" is only in the printer ticket's description, not in any title.
  await page.getByLabel('Search').fill('kitchen');
  await page.getByLabel('Search').press('Enter');
  await expect(page).toHaveURL(/q=kitchen/);
  await expect(page.getByText('Printer on floor 2 jams every page')).toBeVisible();
  await expect(page.getByText('Outlook keeps asking for my password')).toHaveCount(0);
});

test('bulk: a click and a shift-click select a column range, one change assigns them all, and the refused are listed with why', async ({ browser, request }) => {
  const prefix = unique('Bulk dock');
  const tickets = [];
  for (let i = 1; i <= 4; i++) tickets.push(await fileTicket(request, 'rita@example.org', `${prefix} ${i}`));
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, 'coordinator@example.org', `/board?q=${encodeURIComponent(prefix)}`);
  await hydrated(page);
  const column = (name: string) => page.getByRole('region', { name, exact: true });
  await expect(column('New').getByRole('listitem').filter({ hasText: prefix })).toHaveCount(4);
  const boxes = column('New').getByRole('checkbox');
  await boxes.first().click();
  await boxes.nth(3).click({ modifiers: ['Shift'] });
  const bar = page.getByRole('region', { name: 'Change the selected tickets' });
  await expect(bar.getByRole('status')).toHaveText('4 tickets selected');
  // Meanwhile someone else changes the second one, and this board does not hear of it.
  await deafen(page, request);
  await patchTicket(request, 'admin@example.org', tickets[1].number, tickets[1].version, { priority: 'P1', reason: 'VIP' });
  await bar.getByLabel('Technician', { exact: true }).selectOption({ index: 1 });
  await bar.getByRole('button', { name: 'Apply to 4 tickets' }).click();
  await expect(column('Assigned').getByRole('listitem').filter({ hasText: prefix })).toHaveCount(3);
  const refused = bar.getByRole('alert');
  await expect(refused).toContainText(`${tickets[1].number}: Someone else changed this ticket first`);
  await expect(bar.getByRole('status')).toHaveText('1 ticket selected');

  // Heard again: every card the filter shows, resolved at once; the one still new is refused.
  await page.unroute('**/api/poll_board');
  await expect(column('New').locator('li.card.prio-p1').filter({ hasText: tickets[1].title })).toHaveCount(1);
  await bar.getByRole('button', { name: 'Select all matching the filter' }).click();
  await expect(bar.getByRole('status')).toHaveText('4 tickets selected');
  await bar.getByLabel('Change', { exact: true }).selectOption({ label: 'Resolve' });
  await bar.getByLabel('Resolution notes, for every ticket').fill('Docking station firmware updated to 2.4');
  await bar.getByRole('button', { name: 'Apply to 4 tickets' }).click();
  await expect(column('Resolved').getByRole('listitem').filter({ hasText: prefix })).toHaveCount(3);
  await expect(bar.getByRole('alert')).toContainText(`${tickets[1].number}:`);
  await expect(bar.getByRole('alert')).toContainText('assign it to someone first');
  await ctx.close();
});

test('bulk: "select all matching the filter" also takes the cards further down a column than the board has loaded', async ({ page, request }) => {
  // More new low-priority tickets than a column shows at first (150), so the last is not loaded.
  const prefix = unique('Long column');
  // Filed by a technician no other test signs in as, so no one's list of requests fills up.
  const token = await apiToken(request, 'erin@example.org');
  let last = '';
  for (let i = 1; i <= 151; i++) {
    const r = await request.post('/api/v1/tickets', {
      headers: { authorization: `Bearer ${token}` },
      data: { title: `${prefix} ${i}`, description: 'Filed by the browser suite', category: 'other', impact: 'low', urgency: 'low' },
    });
    expect(r.status()).toBe(201);
    last = (await r.json()).title;
  }
  const errors = watchConsole(page);
  await signIn(page, 'coordinator@example.org', '/board?priority=P4');
  await hydrated(page);
  const column = page.getByRole('region', { name: 'New', exact: true });
  await expect(column.getByRole('checkbox').first()).toBeVisible();
  await expect(column.getByRole('listitem').filter({ hasText: last })).toHaveCount(0);
  await column.getByRole('checkbox').first().click();
  const bar = page.getByRole('region', { name: 'Change the selected tickets' });
  await bar.getByRole('button', { name: 'Select all matching the filter' }).click();
  const card = column.getByRole('listitem').filter({ hasText: last });
  await expect(card).toHaveCount(1);
  await expect(card.getByRole('checkbox')).toBeChecked();
  const selected = Number((await bar.getByRole('status').textContent())?.match(/\d+/)?.[0]);
  expect(selected).toBeGreaterThanOrEqual(151);
  await bar.getByRole('button', { name: 'Clear' }).click();
  await expect(card.getByRole('checkbox')).not.toBeChecked();
  expect(errors).toEqual([]);
});

test('keyboard only: twenty cards picked with j and x are reassigned in one change, and ? lists the shortcuts', async ({ page, request }) => {
  const prefix = unique('Keyboard bulk');
  for (let i = 1; i <= 20; i++) await fileTicket(request, 'rita@example.org', `${prefix} ${String(i).padStart(2, '0')}`);
  const errors = watchConsole(page);
  await signIn(page, 'coordinator@example.org', `/board?q=${encodeURIComponent(prefix)}`);
  await hydrated(page);
  const column = (name: string) => page.getByRole('region', { name, exact: true });
  await expect(column('New').getByRole('listitem').filter({ hasText: prefix })).toHaveCount(20);

  // ? opens the list of shortcuts; Escape closes it.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Select or unselect the card');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  // j goes to the first card, which has a visible focus and is announced.
  await page.keyboard.press('j');
  const focused = page.locator('li.card:focus');
  await expect(focused).toHaveCount(1);
  await expect(page.locator('p[aria-live="polite"]')).toContainText('New, 1 of 20');
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('x');
    await page.keyboard.press('j');
  }
  const bar = page.getByRole('region', { name: 'Change the selected tickets' });
  await expect(bar.getByRole('status')).toHaveText('20 tickets selected');

  // a goes to the technician of the bulk change; a choice and Enter on Apply assign them all.
  await page.keyboard.press('a');
  await expect(page.locator('#bulk-tech')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('#bulk-tech')).not.toHaveValue('');
  await page.keyboard.press('Tab');
  await expect(bar.getByRole('button', { name: 'Apply to 20 tickets' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(column('Assigned').getByRole('listitem').filter({ hasText: prefix })).toHaveCount(20);
  await expect(bar).toHaveCount(0);

  // / goes to the search; letters typed there are words, not shortcuts.
  await page.keyboard.press('/');
  await expect(page.locator('#board-q')).toBeFocused();
  await page.keyboard.type('jx');
  await expect(page.locator('#board-q')).toHaveValue(/jx/);
  expect(errors).toEqual([]);
});

test('keyboard with a lane per technician: down runs through the lanes in the order they are shown', async ({ page, request }) => {
  const prefix = unique('Lane keys');
  const low = await fileTicket(request, 'rita@example.org', `${prefix} low`);
  const high = await fileTicket(request, 'rita@example.org', `${prefix} high`);
  // Lanes go by name (Sam's above Tina's): the first card by priority is in the lower lane.
  await patchTicket(request, 'coordinator@example.org', low.number, low.version, { assignee: 'sam@example.org' });
  const h = await patchTicket(request, 'coordinator@example.org', high.number, high.version, { assignee: 'tina@example.org' });
  await patchTicket(request, 'coordinator@example.org', high.number, h.version, { priority: 'P1', reason: 'Blocks the ward' });
  const errors = watchConsole(page);
  await signIn(page, 'coordinator@example.org', `/board?lanes=tech&q=${encodeURIComponent(prefix)}`);
  await hydrated(page);
  const cards = page.locator('.lanes li.card').filter({ hasText: prefix });
  await expect(cards).toHaveCount(2);
  // The keyboard follows the page, not the priority order.
  const shown = await cards.evaluateAll((els) => els.map((e) => e.querySelector('.card-title')!.textContent!.trim()));
  expect(shown).toEqual([`${prefix} low`, `${prefix} high`]);
  await page.keyboard.press('j');
  await expect(page.locator('li.card:focus .card-title')).toHaveText(shown[0]);
  await page.keyboard.press('j');
  await expect(page.locator('li.card:focus .card-title')).toHaveText(shown[1]);
  await page.keyboard.press('k');
  await expect(page.locator('li.card:focus .card-title')).toHaveText(shown[0]);
  expect(errors).toEqual([]);
});

test('on a phone the board scrolls its columns, not the page', async ({ browser }) => {
  // A coordinator glancing at the board on a phone: the five columns scroll sideways inside the
  // board, and nothing in a card (its words for screen readers included) widens the page.
  const context = await browser.newContext({ ...devices['Pixel 5'], viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, 'coordinator@example.org', '/board');
  await page.goto('/board');
  await hydrated(page);
  await expect(page.getByRole('region', { name: 'Resolved' }).locator('.card').first()).toBeAttached();
  await noHorizontalScroll(page);
  await context.close();
});
