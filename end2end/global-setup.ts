import type { FullConfig } from '@playwright/test';

// Before any test: the server must serve the browser code its own pages ask for. A server built
// by `cargo test` or plain `cargo build` (not by cargo-leptos, which gives it the site's names)
// renders pages that ask for a wasm file the site does not have, and no page ever hydrates: every
// test then fails on a timeout that says nothing of the cause. `make build` (or `make e2e`)
// builds both halves together.
export default async function checkTheSiteMatchesTheServer(config: FullConfig) {
  const baseURL = config.projects[0]?.use?.baseURL;
  if (!baseURL) return;
  const page = await fetch(new URL('/', baseURL));
  const html = await page.text();
  const assets = [...html.matchAll(/(?:href|src)="(\/pkg\/[^"]+\.(?:wasm|js|css))"/g)].map((m) => m[1]);
  if (page.status !== 200 || !assets.some((a) => a.endsWith('.wasm'))) {
    throw new Error(`the home page (${page.status}) names no browser code (/pkg/….wasm): is this Switchboard?`);
  }
  const missing: string[] = [];
  for (const asset of new Set(assets)) {
    const r = await fetch(new URL(asset, baseURL));
    if (r.status !== 200) missing.push(`${asset} → ${r.status}`);
    await r.arrayBuffer();
  }
  if (missing.length) {
    throw new Error(
      `the server's pages ask for browser code its site does not have (${missing.join(', ')}), so no page ` +
        'would hydrate. The server was built without cargo-leptos (by `cargo test` or `cargo build`?): ' +
        'run `make build` first.',
    );
  }
}
