import { test, expect, Browser, APIRequestContext } from '@playwright/test';
import { apiToken, fileTicket, getTicket, hydrated, patchTicket, signIn, unique, watchConsole } from './helpers';

// A ticket with every optional part of its page filled (a known issue announced, public and
// internal notes and files, a watcher, a link, a work order, a private link, later a solution and
// a rating), loaded directly by the requester, the assignee and the coordinator (and opened in the
// board's drawer): each page comes alive with nothing in the console and shows each reader only
// their side. A part that breaks
// taking over the server's page shows only when a page is loaded with that part on it.

async function post(request: APIRequestContext, token: string, path: string, data: object): Promise<any> {
  const r = await request.post(path, { headers: { authorization: `Bearer ${token}` }, data });
  expect(r.status(), `${path}: ${await r.text()}`).toBeLessThan(300);
  return r.json().catch(() => null);
}

/** Calls a server function as a form, as the page's own forms do without script. */
async function serverFn(request: APIRequestContext, token: string, name: string, form: Record<string, string>) {
  const r = await request.post(`/api/${name}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    form,
  });
  expect(r.status(), `${name}: ${await r.text()}`).toBe(200);
}

/** Opens the ticket's page straight from its address as `email`; the page must come alive. */
async function open(browser: Browser, email: string, number: string) {
  const page = await browser.newPage();
  const errors = watchConsole(page);
  await signIn(page, email, `/tickets/${number}`);
  await page.goto(`/tickets/${number}`);
  await hydrated(page);
  return { page, errors };
}

test('a ticket with every part filled comes alive for the requester, the assignee and the coordinator', async ({ browser, request }) => {
  test.setTimeout(90_000);
  const coordinator = await apiToken(request, 'coordinator@example.org');
  const tina = await apiToken(request, 'tina@example.org');
  const rita = await apiToken(request, 'rita@example.org');
  const filed = await fileTicket(request, 'rita@example.org', unique('Docking station drops both screens'));
  const number = filed.number as string;
  const relatedTitle = unique('Screens flicker on the dock');
  const related = (await fileTicket(request, 'paul@example.org', relatedTitle)).number as string;
  await patchTicket(request, 'coordinator@example.org', number, filed.version, { assignee: 'tina@example.org' });
  const publicNote = unique('Please try the other USB-C port');
  const internalNote = unique('Firmware 1.2 is the suspect');
  const notice = unique('Docking stations lose screens after the update');
  const work = unique('Second power socket at the desk');
  try {
    await post(request, tina, `/api/v1/tickets/${number}/notes`, { body: publicNote, visibility: 'public' });
    await post(request, tina, `/api/v1/tickets/${number}/notes`, { body: internalNote, visibility: 'internal' });
    for (const [token, name, visibility] of [[rita, 'dock-photo.png', 'public'], [coordinator, 'firmware-notes.txt', 'internal']]) {
      const r = await request.post(`/api/v1/tickets/${number}/attachments`, {
        headers: { authorization: `Bearer ${token}` },
        multipart: {
          file: name.endsWith('.png')
            ? { name, mimeType: 'image/png', buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64') }
            : { name, mimeType: 'text/plain', buffer: Buffer.from('1.2 breaks DisplayPort\n') },
          visibility,
        },
      });
      expect(r.status(), await r.text()).toBe(201);
    }
    await post(request, coordinator, `/api/v1/tickets/${number}/watchers`, { email: 'paul@example.org' });
    await post(request, coordinator, `/api/v1/tickets/${number}/links`, { kind: 'related', other: related });
    await post(request, coordinator, `/api/v1/tickets/${number}/work-orders`, { what: work, location: 'Building A, desk 2.14', manager: 'felix@example.org' });
    const felix = await apiToken(request, 'felix@example.org');
    const orders = (await (await request.get('/api/v1/work-orders', { headers: { authorization: `Bearer ${felix}` } })).json()).items as any[];
    const order = orders.find((o) => o.what === work);
    expect(order, 'the work order reaches its facility manager').toBeTruthy();
    await serverFn(request, coordinator, 'announce_known_issue', { number, notice });
    await serverFn(request, coordinator, 'create_tracking_link', { number });

    // Rita: the banner, the public side only.
    {
      const { page, errors } = await open(browser, 'rita@example.org', number);
      await expect(page.locator('.known-issues')).toContainText(notice);
      await expect(page.locator('.note .body-text', { hasText: publicNote })).toBeVisible();
      await expect(page.getByText(internalNote)).toHaveCount(0);
      await expect(page.getByText('dock-photo.png').first()).toBeVisible();
      await expect(page.getByText('firmware-notes.txt')).toHaveCount(0);
      expect(errors).toEqual([]);
      await page.close();
    }
    // Tina and the coordinator: both sides, the link, the work order and the announcement.
    for (const email of ['tina@example.org', 'coordinator@example.org']) {
      const { page, errors } = await open(browser, email, number);
      await expect(page.locator('.note .body-text', { hasText: internalNote })).toBeVisible();
      await expect(page.getByText('firmware-notes.txt').first()).toBeVisible();
      await expect(page.getByRole('link', { name: related }).first()).toBeVisible();
      // The link's row names the other ticket's status once (its chip), then its "Unlink" button.
      const row = page.locator('.linked li', { hasText: related });
      const status = ((await row.locator('.chip').textContent()) ?? '').trim();
      await expect(row).toHaveText(`Related ${related} ${relatedTitle} ${status} Unlink`);
      await expect(page.getByText(work).first()).toBeVisible();
      await expect(page.getByText(notice).first()).toBeVisible();
      if (email === 'coordinator@example.org') {
        await expect(page.getByRole('button', { name: 'Take the notice down' })).toBeVisible();
      }
      expect(errors, email).toEqual([]);
      await page.close();
    }

    // The coordinator's board, loaded directly, with the full ticket opened in its drawer.
    {
      const page = await browser.newPage();
      const errors = watchConsole(page);
      await signIn(page, 'coordinator@example.org', '/board');
      await page.goto('/board');
      await hydrated(page);
      // Waiting on the work order.
      await page.getByRole('region', { name: 'Waiting' }).getByRole('link', { name: number }).click();
      const drawer = page.getByRole('dialog', { name: `Ticket ${number}` });
      await expect(drawer.locator('.note .body-text', { hasText: internalNote })).toBeVisible();
      await expect(drawer.getByText('firmware-notes.txt').first()).toBeVisible();
      await expect(drawer.getByRole('link', { name: related }).first()).toBeVisible();
      await expect(drawer.getByText(work).first()).toBeVisible();
      expect(errors).toEqual([]);
      await page.close();
    }

    // The socket is fitted, the ticket solved and rated: the solution and the rating, read by
    // both sides.
    await post(request, felix, `/api/v1/work-orders/${order.id}`, { action: 'done', outcome: 'Socket fitted' });
    const now = await getTicket(request, 'coordinator@example.org', number);
    await patchTicket(request, 'coordinator@example.org', number, now.version, { status: 'resolved', resolution: 'Dock firmware rolled back to 1.1' });
    await serverFn(request, rita, 'rate_ticket', { number, score: '4', comment: 'Quick, thanks' });
    {
      const { page, errors } = await open(browser, 'rita@example.org', number);
      await expect(page.locator('.resolution')).toContainText('Dock firmware rolled back to 1.1');
      await expect(page.locator('.rating-given')).toContainText('You rated the help');
      await expect(page.locator('.known-issues')).toHaveCount(0);
      expect(errors).toEqual([]);
      await page.close();
    }
    {
      const { page, errors } = await open(browser, 'coordinator@example.org', number);
      await expect(page.locator('.rating-given')).toContainText('The requester rated the help');
      await expect(page.getByRole('link', { name: 'Turn into an article' })).toBeVisible();
      expect(errors).toEqual([]);
      await page.close();
    }
  } finally {
    // Never leave the banner up for the tests after this one (solving the ticket took it down).
    await request.post('/api/withdraw_known_issue', {
      headers: { authorization: `Bearer ${coordinator}`, accept: 'application/json' },
      form: { number },
    });
  }
});
