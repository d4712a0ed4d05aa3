import { test, expect, Page, APIRequestContext } from '@playwright/test';
import { apiToken, fileTicket, patchTicket, hydrated, noHorizontalScroll, unique, watchConsole, PASSWORD } from './helpers';

/** Sets a person's language and zone through the API, as the account page would. */
async function choose(request: APIRequestContext, email: string, language: string, time_zone: string) {
  const token = await apiToken(request, email);
  const r = await request.patch('/api/v1/me', { headers: { authorization: `Bearer ${token}` }, data: { language, time_zone } });
  expect(r.status()).toBe(200);
}

/** Signs in through the form by its fields, whatever language the page speaks. */
async function signInAs(page: Page, email: string, next: string) {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await hydrated(page);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await expect(page).not.toHaveURL(/\/login/, { timeout: 10_000 });
  await hydrated(page);
}

test.describe('before sign-in', () => {
  test.use({ locale: 'it-IT' });

  test('a browser asking for Italian gets Italian pages, rendered and hydrated alike', async ({ page }) => {
    const errors = watchConsole(page);
    await page.goto('/login');
    await hydrated(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'it');
    await expect(page.getByRole('heading', { name: 'Accedi' })).toBeVisible();
    // The browser's own rendering after hydration is Italian too.
    await page.getByRole('button', { name: 'Mostra' }).click();
    await expect(page.getByRole('button', { name: 'Nascondi' })).toBeVisible();
    expect(errors).toEqual([]);
  });
});

/** The words files a page fetches from now on (`/words/…`). */
function wordsFetched(page: Page): string[] {
  const fetched: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/words/')) fetched.push(path);
  });
  return fetched;
}

test.describe('words of a group of pages', () => {
  test.use({ locale: 'it-IT' });

  test('the sign-in page opened from the home page reads its own words first', async ({ page }) => {
    const errors = watchConsole(page);
    const fetched = wordsFetched(page);
    await page.goto('/');
    await hydrated(page);
    // Every page's words, not the sign-in pages' or the desk's.
    expect(fetched.filter((p) => /^\/words\/it\.[0-9a-f]{16}\.ftl$/.test(p)).length).toBe(1);
    expect(fetched.filter((p) => /\.(account|desk)\./.test(p))).toEqual([]);
    await page.getByRole('link', { name: 'Accedi' }).first().click();
    await expect(page).toHaveURL(/\/login/);
    // Drawn by the browser, in Italian: the page's own words arrived before it was shown.
    await expect(page.getByRole('heading', { name: 'Accedi' })).toBeVisible();
    await page.getByRole('button', { name: 'Mostra' }).click();
    await expect(page.getByRole('button', { name: 'Nascondi' })).toBeVisible();
    await expect(page.locator('main')).not.toContainText('account-');
    expect(fetched.filter((p) => /^\/words\/it\.account\.[0-9a-f]{16}\.ftl$/.test(p)).length).toBe(1);
    expect(fetched.filter((p) => p.includes('.desk.'))).toEqual([]);
    expect(errors).toEqual([]);
  });
});

test('a German coordinator opening the reports from the account page reads the desk\'s words then', async ({ page, request }) => {
  await choose(request, 'coordinator@example.org', 'de', 'Europe/Berlin');
  try {
    await signInAs(page, 'coordinator@example.org', '/account');
    const errors = watchConsole(page);
    const fetched = wordsFetched(page);
    await page.goto('/account');
    await hydrated(page);
    expect(fetched.filter((p) => p.includes('.desk.'))).toEqual([]);
    await page.getByRole('link', { name: 'Berichte' }).first().click();
    await expect(page).toHaveURL(/\/reports/);
    await expect(page.getByRole('heading', { name: 'Berichte', level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Anzeigen' })).toBeVisible();
    await expect(page.locator('main')).not.toContainText('reports-');
    expect(fetched.filter((p) => /^\/words\/de\.desk\.[0-9a-f]{16}\.ftl$/.test(p)).length).toBe(1);
    // Back on a page of another group and to the desk again: read once.
    await page.goBack();
    await expect(page).toHaveURL(/\/account/);
    await page.getByRole('link', { name: 'Board', exact: true }).first().click();
    await expect(page).toHaveURL(/\/board/);
    await expect(page.locator('li.card').first()).toBeVisible();
    await expect(page.locator('main')).not.toContainText('board-');
    expect(fetched.filter((p) => p.includes('.desk.')).length).toBe(1);
    expect(errors).toEqual([]);
  } finally {
    await choose(request, 'coordinator@example.org', 'en', 'UTC');
  }
});

test('a German requester files, is refused at a field in German, and follows the ticket', async ({ page, request }) => {
  await choose(request, 'rita@example.org', 'de', 'Europe/Berlin');
  try {
    const errors = watchConsole(page);
    await signInAs(page, 'rita@example.org', '/requests/new');
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await page.getByLabel('Worum geht es?').selectOption('other');
    await page.getByLabel('Was funktioniert nicht? (in einem Satz)').fill('ab');
    await page.getByLabel('Was ist passiert? Was haben Sie schon versucht?').fill('Der Monitor flackert seit heute Morgen.');
    await page.getByRole('button', { name: 'Anfrage senden' }).click();
    await expect(page.getByText('Der Titel braucht mindestens 3 Zeichen')).toBeVisible();
    const title = unique('Monitor flackert');
    await page.getByLabel('Was funktioniert nicht? (in einem Satz)').fill(title);
    await page.getByRole('button', { name: 'Anfrage senden' }).click();
    await expect(page).toHaveURL(/\/tickets\/SB-\d+/);
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
    await expect(page.getByText(/^Eingegangen — wartet auf/).first()).toBeVisible();
    // The category by its name in German, not its key.
    await expect(page.locator('dl.facts dd').first()).toHaveText('Sonstiges');
    // Filed a moment ago, in Berlin's time with its zone named.
    await expect(page.locator('dd').filter({ hasText: /\d\d\.\d\d\.\d{4}, \d\d:\d\d (CET|CEST)/ }).first()).toBeVisible();
    for (const width of [390, 320]) {
      await page.setViewportSize({ width, height: 800 });
      await noHorizontalScroll(page);
    }
    await page.screenshot({ path: 'test-results/language-de-ticket-320.png', fullPage: true });
    await page.goto('/requests/new');
    await hydrated(page);
    await noHorizontalScroll(page);
    await page.screenshot({ path: 'test-results/language-de-form-320.png', fullPage: true });
    // The refused title is a 422 the browser logs; nothing else may go wrong.
    expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
  } finally {
    await choose(request, 'rita@example.org', 'en', 'UTC');
  }
});

test('an Italian requester accepts a solution and rates the help in Italian', async ({ page, request }) => {
  let t = await fileTicket(request, 'rita@example.org', unique('Stampante'));
  t = await patchTicket(request, 'coordinator@example.org', t.number, t.version, { assignee: 'tina@example.org' });
  t = await patchTicket(request, 'tina@example.org', t.number, t.version, { status: 'in_progress' });
  await patchTicket(request, 'tina@example.org', t.number, t.version, { status: 'resolved', resolution: 'Driver reinstallato.' });
  await choose(request, 'rita@example.org', 'it', 'Europe/Rome');
  try {
    const errors = watchConsole(page);
    await signInAs(page, 'rita@example.org', `/tickets/${t.number}`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'it');
    await expect(page.getByText('Risolta — la preghiamo di confermare').first()).toBeVisible();
    await page.getByRole('button', { name: 'Accetta la soluzione' }).click();
    await expect(page.getByText('Chiuso', { exact: true }).first()).toBeVisible();
    await page.getByRole('radio', { name: '5', exact: true }).check();
    await page.getByRole('button', { name: 'Invia valutazione' }).click();
    await expect(page.locator('.rating-given')).toContainText('5/5');
    await page.setViewportSize({ width: 320, height: 800 });
    await noHorizontalScroll(page);
    await page.screenshot({ path: 'test-results/language-it-ticket-320.png', fullPage: true });
    expect(errors).toEqual([]);
  } finally {
    await choose(request, 'rita@example.org', 'en', 'UTC');
  }
});

test('a coordinator in Rome and a technician in New York see the same instant in their own zones', async ({ browser, request }) => {
  const t = await fileTicket(request, 'rita@example.org', unique('Zeitzone'));
  await choose(request, 'coordinator@example.org', 'it', 'Europe/Rome');
  await choose(request, 'tina@example.org', 'en', 'America/New_York');
  try {
    const filed = async (email: string) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signInAs(page, email, `/tickets/${t.number}`);
      const dd = page.locator('dl dd').filter({ hasText: /\d\d:\d\d/ }).last();
      const text = (await dd.textContent()) ?? '';
      if (email.startsWith('coordinator')) {
        // The board's card names the category in Italian too.
        await page.goto('/board');
        await hydrated(page);
        await expect(page.locator('li.card').filter({ hasText: t.title })).toContainText('Altro');
      }
      await context.close();
      return text;
    };
    const rome = await filed('coordinator@example.org');
    const newYork = await filed('tina@example.org');
    expect(rome).toMatch(/CET|CEST/);
    expect(newYork).toMatch(/EST|EDT/);
    // Rome is six hours ahead of New York all year round except a few weeks in spring and autumn.
    const hour = (s: string) => Number(/(\d\d):\d\d/.exec(s)![1]);
    const minute = (s: string) => /\d\d:(\d\d)/.exec(s)![1];
    expect(minute(rome)).toBe(minute(newYork));
    expect([5, 6]).toContain((hour(rome) - hour(newYork) + 24) % 24);
    // The API keeps one zone for machines: UTC with Z.
    expect(t.created_at).toMatch(/Z$/);
  } finally {
    await choose(request, 'coordinator@example.org', 'en', 'UTC');
    await choose(request, 'tina@example.org', 'en', 'UTC');
  }
});

test('switching language and zone on the account page takes effect at once', async ({ page, request }) => {
  try {
    const errors = watchConsole(page);
    await signInAs(page, 'sam@example.org', '/account');
    await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
    await page.getByLabel('Language', { exact: true }).selectOption('de');
    await page.getByLabel('Time zone', { exact: true }).selectOption('Europe/Berlin');
    await page.getByRole('button', { name: 'Save language and time zone' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.locator('html')).toHaveAttribute('data-tz', 'Europe/Berlin');
    await hydrated(page);
    await expect(page.getByRole('heading', { name: 'Ihr Konto' })).toBeVisible();
    await expect(page.getByText(/Ihre aktuelle Uhrzeit: .*(CET|CEST)/)).toBeVisible();
    await expect(page.getByLabel('Sprache', { exact: true })).toHaveValue('de');
    await page.screenshot({ path: 'test-results/language-de-account.png', fullPage: true });
    expect(errors).toEqual([]);
  } finally {
    await choose(request, 'sam@example.org', 'en', 'UTC');
  }
});
