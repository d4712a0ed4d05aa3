import { chromium, devices } from '@playwright/test';
const base = 'http://127.0.0.1:3907';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const png = Buffer.from(process.argv[2], 'hex');
for (const [name, opts] of [['phone', { ...devices['Pixel 5'], viewport: { width: 390, height: 844 } }], ['desktop', { viewport: { width: 1400, height: 900 } }]]) {
  const ctx = await browser.newContext(opts);
  const page = await ctx.newPage();
  page.on('console', m => { if (m.type() === 'error') console.log('console:', m.text()); });
  await page.goto(base + '/login');
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.getByLabel('Email').fill(name === 'phone' ? 'rita@example.org' : 'coordinator@example.org');
  await page.getByLabel('Password', { exact: true }).fill('switchboard-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForTimeout(1500);
  const number = name === 'phone' ? process.argv[3] : process.argv[3];
  await page.goto(base + '/tickets/' + number);
  await page.waitForSelector('body[data-hydrated="true"]');
  if (name === 'phone') {
    await page.getByLabel('Take photo').setInputFiles({ name: 'socket-photo.png', mimeType: 'image/png', buffer: png });
    await page.getByLabel('Files (screenshots, photos, logs)').setInputFiles({ name: 'a-very-long-log-file-name-from-the-print-server-2026-12-01.log', mimeType: 'text/plain', buffer: Buffer.from('paper jam\n') });
    await page.getByRole('button', { name: 'Attach', exact: true }).click();
    await page.waitForSelector('body[data-hydrated="true"]');
  }
  await page.locator('#files').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `/tmp/shot/${name}.png`, fullPage: false });
  await ctx.close();
}
await browser.close();
