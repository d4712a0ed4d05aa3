// Switchboard's service worker. It keeps the client's files (named by a hash of their content, so
// a name never changes meaning), the icons and the offline page, so the app installed on a phone
// opens at once. Pages and API answers carry personal data and are never stored: a page asked for
// without a network gets the offline page instead. Unsent notes stay in the page's own storage.
// The server writes the client build's hash here, so each build's worker replaces the last one and
// its offline page, with the files it needs.
const CACHE = 'switchboard-__BUILD__';
// Each language's words for every page, which the client reads before it hydrates (the offline
// page too, in whichever language it was stored); the server writes their addresses here. A
// group's own words (the signed-out pages', the desk's) are kept when one of its pages first
// reads them.
const WORDS_FILES = '__WORDS__'.split(' ');
const SHELL = ['/offline', '/favicon.svg', '/icon-192.png', '/manifest.webmanifest', ...WORDS_FILES];
// The client's files under their hashed names.
const HASHED = /^\/pkg\/switchboard\.[0-9a-f]{16}\.(js|wasm|css)$/;
// A language's words for the client (every page's, or a group's own: the signed-out pages', the
// desk's), named by a hash of the catalogue.
const WORDS = /^\/words\/[a-z]{2}\.((account|desk)\.)?[0-9a-f]{16}\.ftl$/;
// The parts of the client split out by page (`__wasm_split.*.js`, which the client's script
// imports, the pages' wasm files and, in a release, each group's pack of them) keep their names
// from build to build: asked for each time, and kept for when the network is gone.
const PART = /^\/pkg\/(__wasm_split\.[\w.]+\.js|\w+\.wasm)$/;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // Fetched as nobody, so the stored offline page names no one.
    await cache.addAll(SHELL.map((path) => new Request(path, { credentials: 'omit' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

/** The client's file from the cache, or from the network and kept, replacing older builds. */
async function clientFile(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) {
    const path = new URL(request.url).pathname;
    const kind = path.split('.').pop();
    for (const old of await cache.keys()) {
      const oldPath = new URL(old.url).pathname;
      if (HASHED.test(oldPath) && oldPath !== path && oldPath.endsWith(`.${kind}`)) {
        await cache.delete(old);
      }
    }
    await cache.put(request, response.clone());
  }
  return response;
}

/** A part of the client from the network, kept; from the cache when the network is gone. */
async function clientPart(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const hit = await cache.match(request);
    if (hit) return hit;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (HASHED.test(url.pathname) || WORDS.test(url.pathname)) {
    event.respondWith(clientFile(request));
  } else if (PART.test(url.pathname)) {
    event.respondWith(clientPart(request));
  } else if (request.mode === 'navigate') {
    // The offline page is sent to its own address, where the client it loads starts as it was
    // rendered (served under another address, it would find the router on another page).
    event.respondWith(fetch(request).catch(async () => {
      const page = await caches.match('/offline', { ignoreSearch: true });
      if (!page) return Response.error();
      return url.pathname === '/offline' ? page : Response.redirect(new URL('/offline', self.location.origin).href, 303);
    }));
  }
});
