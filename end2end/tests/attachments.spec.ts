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

/** A PNG photo larger than the browser keeps (3,000 × 2,000 pixels). */
function bigPhoto(): Buffer {
  const zlib = require('zlib');
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4); sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const [w, h] = [3000, 2000];
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2;
  const row = Buffer.alloc(1 + w * 3);
  for (let x = 0; x < w; x++) { row[1 + x * 3] = x % 256; row[2 + x * 3] = 90; row[3 + x * 3] = 160; }
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]);
}

test('a requester files with a photo: listed with its size, removable, shrunk before it is sent', async ({ page, request }) => {
  const errors = watchConsole(page);
  await signIn(page, 'rita@example.org', '/requests/new');
  await hydrated(page);
  const title = unique('Cracked screen');
  await page.getByLabel('In one line, what is wrong?').fill(title);
  await page.getByLabel('What happened? What did you try?').fill('Dropped it; photo attached.');
  await page.getByLabel('Files (screenshots, photos, logs)').setInputFiles([
    { name: 'wrong.log', mimeType: 'text/plain', buffer: Buffer.from('not this one\n') },
  ]);
  await page.getByLabel('Take photo').setInputFiles({ name: 'screen.png', mimeType: 'image/png', buffer: bigPhoto() });
  const chosen = page.locator('ul.chosen li');
  await expect(chosen).toHaveCount(2);
  await expect(chosen.filter({ hasText: 'screen.jpg' })).toContainText('KB');
  await page.getByRole('button', { name: 'Remove wrong.log' }).click();
  await expect(chosen).toHaveCount(1);
  // A refused post keeps the chosen files.
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Asset tag' })).toBeVisible();
  await expect(chosen).toHaveCount(1);
  await page.getByLabel(/Asset tag/).fill('LAP-0412');
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page).toHaveURL(/\/tickets\/SB-\d+/);
  await hydrated(page);
  await expect(page.locator('.file').filter({ hasText: 'screen.jpg' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('wrong.log')).toHaveCount(0);
  // The server holds the shrunk JPEG, no wider than 2,560 pixels.
  const number = page.url().match(/SB-\d+/)![0];
  const token = await apiToken(request, 'rita@example.org');
  const list = await (await request.get(`/api/v1/tickets/${number}/attachments`, { headers: { authorization: `Bearer ${token}` } })).json();
  expect(list.items.map((i: any) => [i.name, i.media_type])).toEqual([['screen.jpg', 'image/jpeg']]);
  const bytes = await (await request.get(list.items[0].url, { headers: { authorization: `Bearer ${token}` } })).body();
  let width = 0;
  for (let i = 2; i < bytes.length - 9; i++) {
    if (bytes[i] === 0xff && (bytes[i + 1] === 0xc0 || bytes[i + 1] === 0xc2)) { width = bytes.readUInt16BE(i + 7); break; }
  }
  expect(width).toBe(2560);
  await noHorizontalScroll(page);
  // The refused post answers 422, which the browser reports; nothing else may fail.
  expect(errors.filter((e) => !e.includes('422'))).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a requester files a request with a photo, and a too-large one is refused at the field', async ({ page }) => {
    await page.goto(`/login?next=${encodeURIComponent('/requests/new')}`);
    await page.getByLabel('Email').fill('paul@example.org');
    await page.getByLabel('Password', { exact: true }).fill('switchboard-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/requests\/new$/);
    const title = unique('No-script socket');
    await page.getByLabel('What is it about?').selectOption('other');
    await page.getByLabel('In one line, what is wrong?').fill(title);
    await page.getByLabel('What happened? What did you try?').fill('Photo of the socket attached.');
    await page.getByLabel('Take photo').setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(1024 * 1024 + 10, 1) });
    await page.getByRole('button', { name: 'Send request' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Each file may be at most 1 MB' })).toBeVisible();
    await expect(page.getByLabel('In one line, what is wrong?')).toHaveValue(title);
    await page.getByLabel('Take photo').setInputFiles({ name: 'socket.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: 'Send request' }).click();
    await expect(page).toHaveURL(/\/tickets\/SB-\d+\?filed=1/);
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
    await expect(page.locator('.file').filter({ hasText: 'socket.png' }).locator('img.thumb')).toBeVisible();
    await noHorizontalScroll(page);
  });
});
