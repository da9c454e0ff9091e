import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './tests/e2e/find-browser.ts';

// Throws with instructions (apt-get / playwright install / SUPERPOSE_CHROMIUM) when no browser exists.
const browser = findChromium();

const PORT = 4173;
const HOST = '127.0.0.1';
const preview = `npx vite preview --port ${PORT} --strictPort --host ${HOST}`;
// scripts/test.mjs builds first and sets SUPERPOSE_E2E_PREBUILT=1; a bare `npx playwright test` builds itself.
const prebuilt = process.env.SUPERPOSE_E2E_PREBUILT === '1' && existsSync('dist/index.html');

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  // Playwright empties its outputDir at start: keep it apart from test-results/vitest.json.
  outputDir: 'test-results/playwright-artifacts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://${HOST}:${PORT}/`,
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: browser.executablePath,
      args: [...CHROMIUM_ARGS],
    },
  },
  webServer: {
    // Playwright owns the server: it starts it and kills its whole process group at the end.
    command: prebuilt ? preview : `npm run build && ${preview}`,
    url: `http://${HOST}:${PORT}/`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
