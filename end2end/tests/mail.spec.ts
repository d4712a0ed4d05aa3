import { test, expect } from '@playwright/test';
import { spawnSync } from 'child_process';
import { hydrated, signIn, unique } from './helpers';

// Mail to the help desk through the mail server's pipe (`switchboard mail ingest`, on the suite's
// own database), and the coordinator's Held mail page that settles what was not filed on its own.

const BINARY = process.env.E2E_SERVER ?? '../target/debug/switchboard';

/** Delivers one message as a mail server's pipe would; answers the JSON line it printed. */
function deliver(raw: string): { outcome: string; ticket?: string; why?: string } {
  const run = spawnSync(BINARY, ['mail', 'ingest'], {
    input: raw,
    env: {
      ...process.env,
      SWITCHBOARD_DATABASE_URL: 'sqlite://../target/e2e/e2e.db',
      SWITCHBOARD_ATTACHMENT_MAX_MB: '1',
      RUST_LOG: 'warn',
    },
  });
  expect(run.status, run.stderr.toString()).toBe(0);
  return JSON.parse(run.stdout.toString());
}

function message(subject: string, body: string, attachment?: Buffer): string {
  const id = `<${Date.now()}.${Math.random().toString(36).slice(2)}@example.org>`;
  const head = `From: Paul Person <paul@example.org>\r\nTo: helpdesk@example.org\r\nSubject: ${subject}\r\nMessage-ID: ${id}\r\nMIME-Version: 1.0\r\n`;
  if (!attachment) {
    return `${head}Content-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`;
  }
  const b64 = attachment.toString('base64').replace(/.{76}/g, '$&\r\n');
  return `${head}Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n--b\r\nContent-Type: application/pdf; name="manual.pdf"\r\nContent-Disposition: attachment; filename="manual.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64}\r\n--b--\r\n`;
}

test('a request by mail reaches its sender\'s list', async ({ page }) => {
  const subject = unique('Docking station dead');
  const filed = deliver(message(subject, 'The dock at desk 7 gives no power.'));
  expect(filed.outcome).toBe('created');
  await signIn(page, 'paul@example.org');
  await page.goto(`/tickets/${filed.ticket}`);
  await hydrated(page);
  await expect(page.getByRole('heading', { name: subject })).toBeVisible();
  await expect(page.getByText('The dock at desk 7 gives no power.')).toBeVisible();
});

test('a coordinator files a held message from the Held mail page', async ({ page }, info) => {
  const subject = unique('Scanned manual');
  const held = deliver(message(subject, 'Here is the whole manual.', Buffer.alloc(1_300_000, 7)));
  expect(held).toEqual({ outcome: 'held', why: 'too-large' });
  const errors: string[] = [];
  // The refused ticket number answers 422, which the browser logs as a failed resource.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().includes('status of 422')) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await signIn(page, 'coordinator@example.org');
  await page.goto('/mail');
  await hydrated(page);
  await expect(page.getByRole('heading', { name: 'Held mail' })).toBeVisible();
  const item = page.locator('li.held', { hasText: subject });
  await expect(item).toBeVisible();
  await expect(item.getByText('Too large')).toBeVisible();
  await expect(item.getByText('paul@example.org')).toBeVisible();
  await page.screenshot({ path: `test-results/mail-${info.project.name}.png`, fullPage: true });
  // A number that is no ticket is refused beside the field.
  await item.getByLabel('Ticket').fill('SB-99999');
  await item.getByRole('button', { name: 'Add to ticket' }).click();
  await expect(item.locator('.field-error, [role=alert]').first()).toBeVisible();
  await item.getByRole('button', { name: 'File as a request' }).click();
  await expect(page.getByRole('status')).toContainText(/Done: the message is on SB-\d+/);
  await expect(page.locator('li.held', { hasText: subject })).toHaveCount(0);
  expect(errors).toEqual([]);
});
