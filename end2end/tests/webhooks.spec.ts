import { test, expect } from '@playwright/test';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { fileTicket, hydrated, signIn, unique, watchConsole } from './helpers';

/** A receiver on loopback (the suite's server allows 127.0.0.1 over plain HTTP, as a lab would). */
async function receiver() {
  const got: { event: string; delivery: string; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      got.push({ event: String(req.headers['switchboard-event']), delivery: String(req.headers['switchboard-delivery']), body });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('received <b>ok</b>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { got, url, close: () => new Promise((resolve) => server.close(resolve)) };
}

test('an admin adds a webhook, keeps its secret, reads its deliveries and sends one again', async ({ page, request }) => {
  const errors = watchConsole(page);
  const hook = await receiver();
  try {
    await signIn(page, 'admin@example.org');
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();
    await hydrated(page);

    // An address inside the network is refused at its field, and nothing is added.
    await page.getByLabel('Address').fill('http://10.0.0.1/hook');
    await page.getByLabel('New ticket').check();
    await page.getByRole('button', { name: 'Add the webhook' }).click();
    await expect(page.locator('#url-error')).toContainText('inside the network');
    await expect(page.locator('.webhooks')).toHaveCount(0);
    // No event chosen: refused at the events.
    await page.getByLabel('Address').fill(hook.url);
    await page.getByLabel('New ticket').uncheck();
    await page.getByRole('button', { name: 'Add the webhook' }).click();
    await expect(page.locator('#events-error')).toBeVisible();

    await page.getByLabel('New ticket').check();
    await page.getByLabel('Resolved').check();
    await page.getByLabel('Format').selectOption('json');
    await page.getByRole('button', { name: 'Add the webhook' }).click();
    const secret = page.locator('.webhook-secret');
    await expect(secret).toHaveText(/^[0-9a-f]{32,}$/);
    const item = page.locator('.webhooks > li').filter({ hasText: hook.url });
    await expect(item).toContainText('New ticket, Resolved');

    // A ticket filed: the receiver hears of it once the worker runs (every few seconds).
    const title = unique('Webhook page');
    const filed = await fileTicket(request, 'erin@example.org', title);
    await expect.poll(() => hook.got.filter((g) => g.body.includes(filed.number)).length, { timeout: 20_000 }).toBe(1);
    expect(hook.got[0].event).toBe('ticket.filed');

    // The secret is shown once: after a reload only the address is there.
    await page.reload();
    await hydrated(page);
    await expect(page.locator('.webhook-secret')).toHaveCount(0);
    await item.getByText('Recent deliveries').click();
    const delivery = item.locator('.delivery').first();
    await expect(delivery).toContainText('New ticket');
    await expect(delivery).toContainText('Sent');
    await expect(delivery).toContainText('one attempt');
    // The receiver's answer is shown as text, never as markup.
    await expect(delivery.locator('.delivery-answer')).toHaveText('Answer 200: received <b>ok</b>');

    // Sent again, with the same delivery id.
    await delivery.getByRole('button', { name: 'Send again' }).click();
    await expect.poll(() => hook.got.length, { timeout: 20_000 }).toBe(2);
    expect(hook.got[1].delivery).toBe(hook.got[0].delivery);

    await item.getByRole('button', { name: 'Remove this webhook' }).click();
    await expect(page.getByText('No webhooks yet.')).toBeVisible();
    // The two refusals are 422s the browser logs; nothing else may go wrong.
    expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
  } finally {
    await hook.close();
  }
});
