import { defineConfig, devices } from '@playwright/test';

// The suite starts its own Switchboard on a fresh database with demo data, on a port of its own,
// and drives Debian's Chromium (never a downloaded browser).
const port = Number(process.env.E2E_PORT ?? 3999);
const baseURL = `http://127.0.0.1:${port}`;
// The OpenID provider company.spec.ts signs in with (oidc/provider.mjs).
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? 3997);
const chromium = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
};

export default defineConfig({
  testDir: './tests',
  // Fails at once, with the cause, when the server asks for browser code its site lacks.
  globalSetup: './global-setup.ts',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    launchOptions: chromium,
    trace: 'off',
    screenshot: 'only-on-failure',
    // Requests a service worker handles escape page.route(): the tests that cut a board off the
    // network need them blocked; install.spec.ts allows them in a context of its own.
    serviceWorkers: 'block',
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], viewport: { width: 1400, height: 900 }, launchOptions: chromium } },
    { name: 'phone', use: { ...devices['Pixel 5'], viewport: { width: 390, height: 844 }, launchOptions: chromium }, testMatch: /(portal|tech|home|nojs|facility|pages|attachments|mail|help|replies|install|reference|company)\.spec\.ts/ },
  ],
  webServer: [{
    command: `exec node oidc/provider.mjs ${oidcPort}`,
    url: `http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`,
    // Ready when it prints its port, after its request handler is in place. The URL alone once
    // timed out in CI: a probe whose connection is never answered waits out Playwright's own
    // 30-second request timeout, the whole of the launch's time. The URL still tells a port
    // already in use.
    wait: { stdout: /^\d+$/m },
    reuseExistingServer: false,
    timeout: 60_000,
    // Named "localhost" in its issuer, the provider is another site than Switchboard on
    // 127.0.0.1, as a real one is: the pending sign-in's cookie must survive the way back.
    env: { OIDC_QUIET: '1', OIDC_ISSUER_HOST: 'localhost' },
  }, {
    // E2E_SERVER runs another build (e.g. ../target/release/switchboard after `make release`).
    command: `rm -rf ../target/e2e && mkdir -p ../target/e2e && exec ${process.env.E2E_SERVER ?? '../target/debug/switchboard'} serve`,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      SWITCHBOARD_ADDR: `127.0.0.1:${port}`,
      SWITCHBOARD_DATABASE_URL: 'sqlite://../target/e2e/e2e.db',
      SWITCHBOARD_DEMO: 'true',
      // The smoke run of a release client (.ci/release-site) points this at target/site-release.
      LEPTOS_SITE_ROOT: process.env.E2E_SITE_ROOT ?? '../target/site',
      RUST_LOG: 'warn',
      // Small, so the refusal of a too-large file is quick to provoke.
      SWITCHBOARD_ATTACHMENT_MAX_MB: '1',
      // webhooks.spec.ts starts a receiver on loopback, as a lab would.
      SWITCHBOARD_WEBHOOK_ALLOW_HTTP: 'true',
      SWITCHBOARD_WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
      // Sign in with the company account, at the provider above.
      SWITCHBOARD_PUBLIC_URL: baseURL,
      SWITCHBOARD_OIDC_ISSUER: `http://localhost:${oidcPort}`,
      SWITCHBOARD_OIDC_CLIENT_ID: 'switchboard',
      SWITCHBOARD_OIDC_CLIENT_SECRET: 'switchboard-test-secret',
      SWITCHBOARD_OIDC_BUTTON_LABEL: 'Example Corp',
      SWITCHBOARD_OIDC_SCOPES: 'openid email profile groups',
      SWITCHBOARD_OIDC_ROLE_CLAIM: 'groups',
      SWITCHBOARD_OIDC_ROLE_MAP: 'it-coordinators=coordinator,it-staff=technician',
    },
  }],
});
