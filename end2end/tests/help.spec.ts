import { test, expect } from '@playwright/test';
import { apiToken, fileTicket, framesWithout, hydrated, noHorizontalScroll, patchTicket, signIn, watchConsole } from './helpers';

/** A word no other test writes, so searches and suggestions find exactly this test's data. */
function word(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

async function publishedArticle(request, title: string, body: string): Promise<number> {
  const token = await apiToken(request, 'coordinator@example.org');
  const r = await request.post('/api/v1/articles', {
    headers: { authorization: `Bearer ${token}` },
    data: { title, body, audience: 'everyone', state: 'published', tags: 'printer' },
  });
  expect(r.status(), await r.text()).toBe(201);
  return (await r.json()).id;
}

/** Rita's ticket, resolved by Tina with `resolution`: its number. */
async function solved(request, title: string, resolution: string): Promise<string> {
  const t = await fileTicket(request, 'rita@example.org', title);
  await patchTicket(request, 'coordinator@example.org', t.number, 1, { assignee: 'tina@example.org' });
  await patchTicket(request, 'tina@example.org', t.number, 2, { status: 'in_progress' });
  await patchTicket(request, 'tina@example.org', t.number, 3, { status: 'resolved', resolution });
  return t.number;
}

test('a requester finds a published article on /help, reads it and says it helped', async ({ page, request }) => {
  const key = word('toner');
  const title = `Replace the ${key} cartridge`;
  const id = await publishedArticle(request, title, `Open the front cover.\n\n**Pull** the ${key} cartridge out.\n\n<script>document.title='owned'</script>`);
  const errors = watchConsole(page);
  await signIn(page, 'paul@example.org');
  await page.goto(`/help?q=${key}`);
  await hydrated(page);
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  await noHorizontalScroll(page);
  await page.screenshot({ path: `test-results/help-list-${test.info().project.name}.png`, fullPage: true });
  await page.getByRole('link', { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`/help/${id}$`));
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await expect(page.locator('.article-body strong')).toHaveText('Pull');
  expect(await page.title()).not.toBe('owned');
  await page.getByRole('button', { name: 'Yes' }).click();
  await expect(page.getByText('Thank you for telling us.')).toBeVisible();
  await page.screenshot({ path: `test-results/help-article-${test.info().project.name}.png`, fullPage: true });
  // Readers outside IT get no editing and no history.
  await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('answers appear beside the request form as a requester types, and open in a new tab', async ({ page, request, context }) => {
  const key = word('scanner');
  const title = `Scanner ${key} sends empty pages`;
  const id = await publishedArticle(request, title, `Lift the ${key} lid and wipe the glass.`);
  const errors = watchConsole(page);
  await signIn(page, 'paul@example.org');
  await page.goto('/requests/new');
  await hydrated(page);
  await page.getByLabel('In one line, what is wrong?').fill(`My ${key} is broken`);
  const answers = page.locator('.answers');
  await expect(answers.getByText('These may already answer it.')).toBeVisible();
  await expect(answers.getByRole('link', { name: title })).toHaveAttribute('href', `/help/open/article/${id}`);
  await page.screenshot({ path: `test-results/help-form-${test.info().project.name}.png`, fullPage: true });
  const [tab] = await Promise.all([context.waitForEvent('page'), answers.getByRole('link', { name: title }).click()]);
  await tab.waitForLoadState();
  await expect(tab).toHaveURL(new RegExp(`/help/${id}$`));
  // What was typed is still there.
  await expect(page.getByLabel('In one line, what is wrong?')).toHaveValue(`My ${key} is broken`);
  // Without JavaScript the form has its own button for this; with it, none.
  await expect(page.getByRole('button', { name: 'Check for answers' })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the request form checks for answers and keeps what was typed', async ({ page, request }) => {
    const key = word('beamer');
    const title = `Beamer ${key} shows no picture`;
    await publishedArticle(request, title, `Press the ${key} source button twice.`);
    await page.goto('/login?next=%2Frequests%2Fnew');
    await page.getByLabel('Email').fill('paul@example.org');
    await page.getByLabel('Password', { exact: true }).fill('switchboard-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/requests\/new$/);
    await page.getByLabel('What is it about?').selectOption('other');
    await page.getByLabel('In one line, what is wrong?').fill(`${key} black in room 4`);
    await page.getByLabel('What happened? What did you try?').fill('Nothing on the wall.');
    await page.getByRole('button', { name: 'Check for answers' }).click();
    await expect(page.getByLabel('What is it about?')).toHaveValue('other');
    await expect(page.getByRole('link', { name: title })).toBeVisible();
    await expect(page.getByLabel('In one line, what is wrong?')).toHaveValue(`${key} black in room 4`);
    await expect(page.getByLabel('What happened? What did you try?')).toHaveValue('Nothing on the wall.');
    // Filing still works from here.
    await page.getByRole('button', { name: 'Send request' }).click();
    await expect(page).toHaveURL(/\/tickets\/SB-\d+\?filed=1/);
  });

  test('anyone searches the help articles and reads one', async ({ page, request }) => {
    const key = word('dockingstation');
    const title = `Docking ${key} shows no screen`;
    await publishedArticle(request, title, `Unplug the ${key} for ten seconds.`);
    await page.goto('/help');
    await page.getByLabel('Search the help articles').fill(key);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(new RegExp(`/help\\?q=${key}`));
    await page.getByRole('link', { name: title }).click();
    await expect(page.getByText('Unplug the')).toBeVisible();
  });
});

test('a technician inserts a past fix into a note and turns a resolved ticket into an article', async ({ page, request }) => {
  test.skip(test.info().project.name === 'phone', 'the desktop flow; the phone sees the same panel');
  const key = word('plotter');
  const fixed = await solved(request, `The ${key} jams on A0 paper`, `Replaced the ${key} pickup roller and cleaned the sensor.`);
  const open = await fileTicket(request, 'rita@example.org', `${key} jams again`);
  await patchTicket(request, 'coordinator@example.org', open.number, 1, { assignee: 'tina@example.org' });
  const errors = watchConsole(page);
  await signIn(page, 'tina@example.org');
  await page.goto(`/tickets/${open.number}`);
  await hydrated(page);
  const panel = page.locator('.known-answers');
  await expect(panel.getByRole('heading', { name: 'Already solved before' })).toBeVisible();
  await expect(panel.getByRole('link', { name: fixed })).toBeVisible();
  await panel.getByRole('button', { name: 'Insert this fix into the note' }).first().click();
  await expect(page.locator('#note-body')).toHaveValue(`Replaced the ${key} pickup roller and cleaned the sensor.`);
  await page.screenshot({ path: 'test-results/help-past-fix.png', fullPage: true });
  // The note reads the ticket again; the past fixes above the note box stay where they are.
  const panelMissing = await framesWithout(page, '.known-answers');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.locator('.note .body-text', { hasText: `Replaced the ${key} pickup roller` })).toBeVisible();
  await expect(page.locator('#note-body')).toHaveValue('');
  await expect(panel).toBeVisible();
  expect(await panelMissing()).toBe(0);

  await page.goto(`/tickets/${fixed}`);
  await hydrated(page);
  await page.getByRole('link', { name: 'Turn into an article' }).click();
  await expect(page.getByRole('heading', { name: 'New article' })).toBeVisible();
  await expect(page.getByLabel('Title')).toHaveValue(`The ${key} jams on A0 paper`);
  await expect(page.getByLabel('Text')).toHaveValue(/## Solution\s+Replaced the/);
  await expect(page.getByLabel('Text')).not.toHaveValue(/rita/i);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/\/help\/\d+$/);
  await expect(page.getByRole('heading', { name: `The ${key} jams on A0 paper` })).toBeVisible();
  await expect(page.locator('.article-meta .flag', { hasText: 'Draft' })).toBeVisible();
  await expect(page.getByRole('link', { name: fixed })).toBeVisible();
  expect(errors).toEqual([]);
});
