import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

// Browser tests of the web app against a running platform, through its gateway only. The end-to-end module starts
// the platform from the jars and runs these (WebAppBrowserEndToEndTest); by hand: ./tabelogo up --offline, then
// TABELOGO_BASE_URL=http://127.0.0.1:8000 npx playwright test. Debian's Chromium: nothing downloads a browser.
const chromium =
  process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));

export default defineConfig({
  testDir: 'e2e',
  outputDir: process.env.TABELOGO_BROWSER_OUTPUT ?? 'target/browser-tests',
  timeout: 180_000,
  expect: { timeout: 15_000 },
  workers: 1, // one platform on two cores: one browser at a time
  reporter: [['list'], ['html', { open: 'never', outputFolder: (process.env.TABELOGO_BROWSER_OUTPUT ?? 'target/browser-tests') + '-report' }]],
  use: {
    baseURL: process.env.TABELOGO_BASE_URL ?? 'http://127.0.0.1:8000',
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
