import { test, expect, APIRequestContext, ConsoleMessage, Page, Request, TestInfo } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import { apiToken, cutOffAtTheEdge, fileTicket, hydrated, MISREAD, signIn, unique } from './helpers';

// Every page of the app (the <Routes> of `App` in app/src/ui/mod.rs), opened DIRECTLY by its URL
// (a fresh server render plus hydration, never a client-side navigation) for every role and for
// signed-out visitors. A page fails when it logs a console error or throws (e.g. Leptos'
// "Unrecoverable hydration error" panic), never hydrates (body[data-hydrated="true"]), answers 5xx
// (the document or any request it makes), shows a refusal where the role should see the page
// (or the page where it should be refused), refuses with a status other than 401, 403 or 404, or
// has something cut off at the screen's or its panel's edge. With SWEEP_SCREENSHOTS=1 every page is also saved as a
// full-page screenshot in test-results/pages/<project>-<role>-<slug>.png.

// SWEEP_SCREENSHOTS=1 saves every page as a full-page screenshot to look at (slower).
const SCREENSHOTS = !!process.env.SWEEP_SCREENSHOTS;

type Role = 'requester' | 'technician' | 'coordinator' | 'admin' | 'facility' | 'visitor';

const ROLES: { role: Role; email: string | null }[] = [
  { role: 'requester', email: 'rita@example.org' },
  { role: 'technician', email: 'tina@example.org' },
  { role: 'coordinator', email: 'coordinator@example.org' },
  { role: 'admin', email: 'admin@example.org' },
  { role: 'facility', email: 'felix@example.org' },
  { role: 'visitor', email: null },
];

const staff = (r: Role) => r === 'technician' || r === 'coordinator' || r === 'admin';
const coordinates = (r: Role) => r === 'coordinator' || r === 'admin';
const signedIn = (r: Role) => r !== 'visitor';

/** 'ok': the role sees the page. 'refused': "Not allowed", "Please sign in" or "Not found". */
type Expect = 'ok' | 'refused';
interface PageCase {
  slug: string;
  url: string;
  expect: Expect;
  /** A request the page makes on a timer once it is up: the sweep waits for the first one. */
  poll?: string;
}

/** The pages without an id, and who may open them (mirrors each page's `Gate`). */
const STATIC_PAGES: { slug: string; url: string; allowed: (r: Role) => boolean }[] = [
  { slug: 'home', url: '/', allowed: () => true },
  { slug: 'login', url: '/login', allowed: () => true },
  { slug: 'register', url: '/register', allowed: () => true },
  { slug: 'forgot', url: '/forgot', allowed: () => true },
  // Without a token the reset page says the link is not valid; the verify page offers its button.
  { slug: 'reset', url: '/reset', allowed: () => true },
  { slug: 'verify', url: '/verify', allowed: () => true },
  { slug: 'requests', url: '/requests', allowed: signedIn },
  { slug: 'requests-new', url: '/requests/new', allowed: signedIn },
  { slug: 'board', url: '/board', allowed: coordinates },
  { slug: 'work', url: '/work', allowed: staff },
  { slug: 'roster', url: '/roster', allowed: coordinates },
  { slug: 'reports', url: '/reports', allowed: coordinates },
  { slug: 'projects', url: '/projects', allowed: signedIn },
  { slug: 'facility', url: '/facility', allowed: (r) => r === 'facility' || coordinates(r) },
  { slug: 'mail', url: '/mail', allowed: coordinates },
  { slug: 'help', url: '/help', allowed: () => true },
  // What the installed app shows without a network (the service worker keeps it).
  { slug: 'offline', url: '/offline', allowed: () => true },
  { slug: 'help-new', url: '/help/new', allowed: staff },
  // The demo's first article is for everyone, its fourth for staff only.
  { slug: 'help-article', url: '/help/1', allowed: () => true },
  { slug: 'help-staff-article', url: '/help/4', allowed: staff },
  { slug: 'help-edit', url: '/help/1/edit', allowed: staff },
  { slug: 'replies', url: '/replies', allowed: staff },
  { slug: 'recurring', url: '/recurring', allowed: coordinates },
  // Editing the demo's first shared reply: a coordinator's form, a technician's list.
  { slug: 'replies-edit', url: '/replies?edit=1', allowed: staff },
  { slug: 'people', url: '/people', allowed: (r) => r === 'admin' },
  { slug: 'service-levels', url: '/service-levels', allowed: (r) => r === 'admin' },
  { slug: 'webhooks', url: '/webhooks', allowed: (r) => r === 'admin' },
  { slug: 'account', url: '/account', allowed: signedIn },
  { slug: 'notifications', url: '/notifications', allowed: signedIn },
  // The router's fallback: everyone gets "Not found" (404).
  { slug: 'not-found', url: '/no-such-page', allowed: () => false },
];

/** Real numbers and ids, read through the REST API once per worker. */
interface Shared {
  tickets: { slug: string; number: string }[];
  projectId: number;
  trackPath: string;
}

let shared: Promise<Shared> | undefined;

async function json(request: APIRequestContext, url: string, token: string): Promise<any> {
  const r = await request.get(url, { headers: { authorization: `Bearer ${token}` } });
  expect(r.status(), `GET ${url}: ${await r.text()}`).toBe(200);
  return r.json();
}

async function setUp(request: APIRequestContext): Promise<Shared> {
  const coordinator = await apiToken(request, 'coordinator@example.org');
  // A fresh request of Rita's (every staff member and Rita may see it).
  const filed = await fileTicket(request, 'rita@example.org', unique('Page sweep'));
  // A related ticket whose title has no spaces (a path, an address) shown on the first's page:
  // it must break on a phone rather than widen the page.
  const unbroken = await fileTicket(request, 'rita@example.org', unique('\\\\fileserver01\\finance\\quarterly-reports\\2026\\Q4-consolidated-budget-final.xlsx'));
  const link = await request.post(`/api/v1/tickets/${filed.number}/links`, {
    headers: { authorization: `Bearer ${coordinator}` },
    data: { kind: 'related', other: unbroken.number },
  });
  expect(link.status(), `link: ${await link.text()}`).toBeLessThan(300);
  // The demo project and one of its planned tasks (Tina's, if she has one).
  const projects = (await json(request, '/api/v1/projects', coordinator)).items as any[];
  expect(projects.length, 'the demo has a project').toBeGreaterThan(0);
  const project = projects.find((p) => /finance/i.test(p.name)) ?? projects[0];
  const detail = await json(request, `/api/v1/projects/${project.id}`, coordinator);
  const tasks = detail.tickets as any[];
  expect(tasks.length, 'the demo project has tasks').toBeGreaterThan(0);
  const task = tasks.find((t) => t.assignee?.email === 'tina@example.org') ?? tasks[0];
  const tickets = [
    { slug: 'ticket-filed', number: filed.number as string },
    { slug: 'ticket-task', number: task.number as string },
  ];
  // The demo's request that waits on facility work (a ticket page with a work order on it).
  const orders = (await json(request, '/api/v1/work-orders', coordinator)).items as any[];
  const waiting = orders.flatMap((w) => w.tickets as any[]).find((t) => !tickets.some((k) => k.number === t.number));
  if (waiting) tickets.push({ slug: 'ticket-work-order', number: waiting.number });
  // A private tracking link (the server function behind "Create a private link").
  const r = await request.post('/api/create_tracking_link', {
    headers: { authorization: `Bearer ${coordinator}`, accept: 'application/json' },
    form: { number: filed.number },
  });
  expect(r.status(), `create_tracking_link: ${await r.text()}`).toBe(200);
  const url = String(await r.json());
  const trackPath = new URL(url, 'http://localhost').pathname;
  expect(trackPath).toMatch(/^\/track\/[0-9a-f]+$/);
  return { tickets, projectId: project.id, trackPath };
}

/** This role's pages and what it should see on each; visibility of ids is asked of the API. */
async function pagesFor(request: APIRequestContext, role: Role, email: string | null, data: Shared): Promise<PageCase[]> {
  const cases: PageCase[] = STATIC_PAGES.map((p) => ({ slug: p.slug, url: p.url, expect: p.allowed(role) ? 'ok' : 'refused' }));
  const tickets = [...data.tickets];
  let token = '';
  if (email) {
    token = await apiToken(request, email);
    // The first ticket this role sees in its own list, when it is not one of the above.
    const own = (await json(request, '/api/v1/tickets?limit=5', token)).items as any[];
    const first = own.find((t) => !tickets.some((k) => k.number === t.number));
    if (first) tickets.push({ slug: 'ticket-own', number: first.number });
  }
  // The API applies the same rules as the pages: 200 means the page shows it, 404 "Not found".
  const visible = async (url: string) => {
    if (!email) return false; // "Please sign in"
    const r = await request.get(url, { headers: { authorization: `Bearer ${token}` } });
    expect([200, 403, 404], `GET ${url} as ${email}`).toContain(r.status());
    return r.status() === 200;
  };
  for (const t of tickets) {
    // A ticket page shown waits on the server for the ticket's version to change (and one that
    // says "Not found" asks nothing): the poll must be asked, and never answer with an error.
    const shown = await visible(`/api/v1/tickets/${t.number}`);
    cases.push({
      slug: t.slug,
      url: `/tickets/${t.number}`,
      expect: shown ? 'ok' : 'refused',
      poll: shown ? '/api/ticket_version' : undefined,
    });
  }
  cases.push({ slug: 'project', url: `/projects/${data.projectId}`, expect: (await visible(`/api/v1/projects/${data.projectId}`)) ? 'ok' : 'refused' });
  // A private link needs no account: everyone sees the ticket's public side.
  cases.push({ slug: 'track', url: data.trackPath, expect: 'ok' });
  return cases;
}

interface Logged { text: string; url: string }

/**
 * Console errors and uncaught exceptions, with the address of the resource a message is about.
 * A DOM node logged with an error (Leptos' hydration errors log the node it found) is shown as the
 * start of its HTML instead of "JSHandle@node"; `settled` waits for those descriptions.
 */
function collect(page: Page): { logged: Logged[]; settled: () => Promise<unknown> } {
  const logged: Logged[] = [];
  const pending: Promise<unknown>[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() !== 'error' && !MISREAD.test(m.text())) return;
    const entry = { text: m.text(), url: m.location().url ?? '' };
    logged.push(entry);
    if (entry.text.includes('JSHandle@')) {
      pending.push(Promise.all(m.args().map((a) => a.evaluate((v: any) =>
        v instanceof Node ? `<<${((v as Element).outerHTML ?? `${v.nodeName} ${v.textContent}`).slice(0, 160)}>>` : String(v),
      ))).then((parts) => { entry.text = parts.join(''); }, () => { /* the page moved on: keep the plain text */ }));
    }
  });
  page.on('pageerror', (e) => logged.push({ text: `Uncaught ${e.name}: ${e.message}`, url: '' }));
  return { logged, settled: () => Promise.all(pending) };
}

// A refused page answers 401/403/404 for the document itself, and Chromium then logs exactly this
// console error about the document. It is expected (and only this message, only for the document,
// only on pages this role should be refused); every other error still fails.
const DOCUMENT_REFUSED = /^Failed to load resource: the server responded with a status of 40[134]\b/;

const REFUSAL = /^(Not allowed|Please sign in|Not found|Nicht erlaubt|Bitte melden Sie sich an|Nicht gefunden|Non consentito|Effettui l'accesso|Non trovato)$/;

/** A person reading the app in their own language and zone (set through the API). */
interface Reading { lang: string; zone: string }

async function choose(request: APIRequestContext, email: string, language: string, time_zone: string) {
  const token = await apiToken(request, email);
  const r = await request.patch('/api/v1/me', { headers: { authorization: `Bearer ${token}` }, data: { language, time_zone } });
  expect(r.status()).toBe(200);
}

/** Waits for hydration, or stops early once the page has thrown (a panic never hydrates). */
async function waitHydrated(page: Page): Promise<boolean> {
  const done = hydrated(page).then(() => true, () => false);
  const threw = page.waitForEvent('pageerror', { timeout: 15_000 }).then(() => 'threw' as const, () => 'timeout' as const);
  const first = await Promise.race([done, threw]);
  if (first === true || first === false) return first;
  if (first === 'timeout') return done;
  // Thrown: give hydration a short while in case the error was not fatal.
  return Promise.race([done, new Promise<boolean>((r) => setTimeout(() => r(false), 2_000))]);
}

async function sweep(page: Page, request: APIRequestContext, role: Role, email: string | null, testInfo: TestInfo, reading?: Reading) {
  test.setTimeout(300_000);
  const data = await (shared ??= setUp(request));
  const cases = await pagesFor(request, role, email, data);
  if (email) await signIn(page, email);
  // Signed in (in English), the person then chooses their language: every page below is a fresh
  // server render in it.
  if (email && reading) await choose(request, email, reading.lang, reading.zone);
  try {
    await sweepPages(page, role, cases, testInfo, reading);
  } finally {
    if (email && reading) await choose(request, email, 'en', 'UTC');
  }
}

/** Server functions that wait on the server for a change (a long poll): never idle while a page is up. */
const LONG_POLLS = ['/api/ticket_version', '/api/poll_board', '/api/work_changed'];

/** The page's requests not answered yet, long polls left out. */
function inFlight(page: Page): Set<Request> {
  const open = new Set<Request>();
  page.on('request', (r) => { if (!LONG_POLLS.includes(new URL(r.url()).pathname)) open.add(r); });
  page.on('requestfinished', (r) => open.delete(r));
  page.on('requestfailed', (r) => open.delete(r));
  return open;
}

/**
 * Waits until every request of the page but its long polls has been answered for a moment (100 ms,
 * so that one answer's follow-up is asked too), or at most 750 ms. Playwright's 'networkidle' wants
 * 500 ms with nothing open, which a live page's poll never gives: it always took the whole 750.
 */
async function answered(page: Page, open: Set<Request>) {
  const until = Date.now() + 750;
  let quietSince = 0;
  while (Date.now() < until) {
    if (open.size > 0) quietSince = 0;
    else if (!quietSince) quietSince = Date.now();
    else if (Date.now() - quietSince >= 100) return;
    await page.waitForTimeout(25);
  }
}

/** Pages a person uses on a phone: in another language they must still fit its width. */
const PHONE_ROLES: Role[] = ['requester', 'technician', 'facility'];

async function sweepPages(page: Page, role: Role, cases: PageCase[], testInfo: TestInfo, reading?: Reading) {
  const { logged, settled } = collect(page);
  const serverErrors: string[] = [];
  page.on('response', (r) => { if (r.status() >= 500) serverErrors.push(`${r.status()} ${r.request().method()} ${r.url()}`); });
  const shots = path.join(__dirname, '..', 'test-results', 'pages');
  fs.mkdirSync(shots, { recursive: true });
  const problems: string[] = [];
  const pending = inFlight(page);

  for (const c of cases) {
    const started = Date.now();
    const wrongBefore: string[] = [];
    const fromLog = logged.length;
    const from5xx = serverErrors.length;
    // Requests the page makes from the start: its first poll is asked soon after hydration and
    // then waits on the server, so it may be asked before the checks below begin.
    const asked: string[] = [];
    const onRequest = (r: { url(): string }) => { asked.push(new URL(r.url()).pathname); };
    page.on('request', onRequest);
    const response = await page.goto(c.url);
    const status = response?.status() ?? 0;
    const isHydrated = await waitHydrated(page);
    // Let requests made right after hydration finish, and their errors arrive.
    await answered(page, pending);
    if (c.poll) {
      const poll = c.poll;
      // The poll waits on the server until the ticket changes (a long poll): that it is asked
      // is checked here; an answer with an error comes at once and shows in the console below.
      const until = Date.now() + 6_000;
      while (!asked.includes(poll) && Date.now() < until) await page.waitForTimeout(100);
      if (!asked.includes(poll)) wrongBefore.push(`no ${poll} request within 6 s`);
      await page.waitForTimeout(300);
    }
    page.off('request', onRequest);
    if (SCREENSHOTS) {
      const lang = reading ? `-${reading.lang}` : '';
      await page.screenshot({ path: path.join(shots, `${testInfo.project.name}-${role}${lang}-${c.slug}.png`), fullPage: true });
    }

    await settled();
    const documentUrl = new URL(c.url, page.url()).href;
    const errors = logged.slice(fromLog)
      .filter((l) => !(c.expect === 'refused' && DOCUMENT_REFUSED.test(l.text) && (l.url === '' || l.url === documentUrl)))
      .map((l) => (l.url && l.url !== documentUrl ? `${l.text} [${l.url}]` : l.text));
    const heading = ((await page.locator('main h1').first().textContent({ timeout: 1_000 }).catch(() => null)) ?? '').trim();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    // A fact left empty between separators ("Assigned ·  · 13 h") or before one.
    const emptyFact = ((await page.locator('main').innerText({ timeout: 1_000 }).catch(() => '')).match(/^(?:[^\n]*·)?[ \t]*·[^\n]*$/m) ?? [])[0];

    const wrong: string[] = [...wrongBefore];
    if (status >= 500 || status === 0) wrong.push(`document answered ${status || 'nothing'}`);
    else if (c.expect === 'ok' && status >= 400) wrong.push(`document answered ${status}, expected the page`);
    else if (c.expect === 'refused' && ![401, 403, 404].includes(status)) {
      wrong.push(`document answered ${status} to a reader it refuses (expected 401, 403 or 404)`);
    }
    wrong.push(...serverErrors.slice(from5xx).map((e) => `server error: ${e}`));
    if (!isHydrated) wrong.push('never hydrated (no body[data-hydrated="true"] within 15 s)');
    if (c.expect === 'ok' && REFUSAL.test(heading)) wrong.push(`shows "${heading}" but this role should see the page`);
    if (c.expect === 'refused' && !REFUSAL.test(heading)) wrong.push(`shows "${heading}" but this role should be refused`);
    if (emptyFact) wrong.push(`an empty fact between separators: "${emptyFact.trim()}"`);
    wrong.push(...errors.map((e) => `console: ${e.split('\n').slice(0, 3).join(' ⏎ ')}`));
    if (reading) {
      const lang = await page.locator('html').getAttribute('lang');
      if (lang !== reading.lang) wrong.push(`<html lang="${lang}">, expected ${reading.lang}`);
      if (testInfo.project.name === 'phone' && PHONE_ROLES.includes(role) && overflow > 0) {
        wrong.push(`${overflow}px wider than the phone`);
      }
    }
    wrong.push(...(await cutOffAtTheEdge(page)).map((e) => `cut off: ${e}`));

    console.log(`[${testInfo.project.name}] ${role} ${c.url} → ${status}, ${c.expect}, h1 "${heading}", hydrated ${isHydrated}, ` +
      `${errors.length} error(s)${overflow > 0 ? `, ${overflow}px wider than the viewport` : ''}, ${Date.now() - started} ms`);
    if (wrong.length) problems.push(`${c.url} (${c.slug}, expected ${c.expect}):\n    ${wrong.join('\n    ')}`);
  }

  expect(problems, `${role}${reading ? ` (${reading.lang})` : ''} on ${testInfo.project.name}: ${problems.length} page(s) went wrong\n  ${problems.join('\n  ')}`).toEqual([]);
}

for (const { role, email } of ROLES) {
  test(`every page loads directly without errors: ${role}`, async ({ page, request }, testInfo) => {
    // Coordinators and admins work at a desk: their pages are swept there only.
    test.skip(testInfo.project.name === 'phone' && coordinates(role), `${role}s are swept on the desktop`);
    await sweep(page, request, role, email, testInfo);
  });
}

// The same sweep for people who read German or Italian in their own zone.
const READERS: { role: Role; email: string; reading: Reading }[] = [
  { role: 'requester', email: 'paul@example.org', reading: { lang: 'it', zone: 'Europe/Rome' } },
  { role: 'technician', email: 'nina@example.org', reading: { lang: 'de', zone: 'Europe/Berlin' } },
  { role: 'coordinator', email: 'coordinator@example.org', reading: { lang: 'de', zone: 'Europe/Berlin' } },
  { role: 'facility', email: 'felix@example.org', reading: { lang: 'it', zone: 'Europe/Rome' } },
];

for (const { role, email, reading } of READERS) {
  test(`every page loads directly without errors in ${reading.lang}: ${role}`, async ({ page, request }, testInfo) => {
    // Coordinators work at a desk; the others on phones, where long German words must still fit.
    const device = PHONE_ROLES.includes(role) ? 'phone' : 'desktop';
    test.skip(testInfo.project.name !== device, `${role}s are swept on the ${device}`);
    await sweep(page, request, role, email, testInfo, reading);
  });
}
