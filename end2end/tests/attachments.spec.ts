import { test, expect } from '@playwright/test';
import { signIn, hydrated, noHorizontalScroll, fileTicket, unique, apiToken, watchConsole } from './helpers';

// A small red picture: the screenshot a requester attaches.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000008000000060806000000fe05dffb0000001249444154789c63386163f31f1f66180a0a00a5256bd1f48311570000000049454e44ae426082',
  'hex',
);

test('a requester attaches a photo with a message and sees it on the page @smoke', async ({ page, request }) => {
  const errors = watchConsole(page);
  const t = await fileTicket(request, 'rita@example.org', unique('Wall socket dead'));
  await signIn(page, 'rita@example.org');
  await page.goto(`/tickets/${t.number}`);
  await hydrated(page);
  await page.getByLabel('Take photo').setInputFiles({ name: 'socket.png', mimeType: 'image/png', buffer: PNG });
  await page.getByLabel('Message (optional)').fill('The socket by the window');
  await page.getByRole('button', { name: 'Attach', exact: true }).click();
  await hydrated(page);
  const file = page.locator('.file').filter({ hasText: 'socket.png' });
  await expect(file).toBeVisible();
  await expect(file.locator('img.thumb')).toBeVisible();
  await expect(page.getByText('The socket by the window')).toBeVisible();
  await noHorizontalScroll(page);
  expect(errors).toEqual([]);
});

test('an internal file is invisible to the requester', async ({ page, request }) => {
  const t = await fileTicket(request, 'paul@example.org', unique('Switch port flapping'));
  const token = await apiToken(request, 'coordinator@example.org');
  const r = await request.post(`/api/v1/tickets/${t.number}/attachments`, {
    headers: { authorization: `Bearer ${token}` },
    multipart: {
      file: { name: 'switch-config.txt', mimeType: 'text/plain', buffer: Buffer.from('enable secret 5 ...\n') },
      visibility: 'internal',
    },
  });
  expect(r.status()).toBe(201);
  await signIn(page, 'paul@example.org');
  await page.goto(`/tickets/${t.number}`);
  await hydrated(page);
  await expect(page.getByRole('heading', { name: 'Files', exact: true })).toBeVisible();
  await expect(page.getByText('switch-config.txt')).toHaveCount(0);
});

test('a too-large file is refused at the field, without JavaScript too', async ({ browser, request }) => {
  const t = await fileTicket(request, 'rita@example.org', unique('Huge log'));
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email').fill('rita@example.org');
  await page.getByLabel('Password', { exact: true }).fill('switchboard-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.goto(`/tickets/${t.number}`);
  await page.getByLabel('Files (screenshots, photos, logs)').setInputFiles({
    name: 'huge.log', mimeType: 'text/plain', buffer: Buffer.alloc(1024 * 1024 + 10, 'a'),
  });
  await page.getByRole('button', { name: 'Attach', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Each file may be at most 1 MB' })).toBeVisible();
  // A small one goes through.
  await page.getByLabel('Files (screenshots, photos, logs)').setInputFiles({
    name: 'boot.log', mimeType: 'text/plain', buffer: Buffer.from('disk full\n'),
  });
  await page.getByRole('button', { name: 'Attach', exact: true }).click();
  await expect(page.locator('.file').filter({ hasText: 'boot.log' })).toBeVisible();
  await context.close();
});
