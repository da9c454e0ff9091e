import { expect, test, type ConsoleMessage } from '@playwright/test';
import { startHarnessServer } from './harness-server.ts';

const EXPECTED: Record<string, number> = { '00': 0.5, '01': 0, '10': 0, '11': 0.5 };

test.describe('Bell pair page', () => {
  test('shows H·CX Bell probabilities computed in a Web Worker', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveTitle('Superpose');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Superpose');
    await expect(page.getByRole('heading', { name: 'Bell pair' })).toBeVisible();

    const chart = page.getByTestId('bell-chart');
    const bars = chart.locator('[data-basis]');
    await expect(bars).toHaveCount(4);

    // Bars appear in basis-index order, labelled with qubit 0 on the right.
    const bases = await bars.evaluateAll((els) => els.map((el) => el.getAttribute('data-basis')));
    expect(bases).toEqual(['00', '01', '10', '11']);

    for (const [basis, expected] of Object.entries(EXPECTED)) {
      const bar = chart.locator(`[data-basis="${basis}"]`);
      const p = Number(await bar.getAttribute('data-probability'));
      expect(p, `probability of ${basis}`).toBeCloseTo(expected, 12);
      await expect(bar.locator('.bar-value')).toHaveText(expected === 0 ? '0' : '0.5');
      await expect(bar.locator('title')).toContainText(basis);
    }

    const svg = chart.locator('svg');
    await expect(svg).toHaveAttribute('role', 'img');
    await expect(svg).toHaveAttribute('aria-label', /00: 0\.5.*11: 0\.5/);

    await expect(page.getByTestId('bit-order-caption')).toHaveText(
      'Bit order: qubit 0 is the rightmost bit (least-significant)',
    );

    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await expect(page.getByTestId('isolation-status')).toHaveAttribute('data-isolated', 'true');

    const workerStatus = page.getByTestId('worker-status');
    await expect(workerStatus).toHaveAttribute('data-state', 'done');
    await expect(workerStatus).toHaveAttribute('data-in-worker', 'true');
    await expect(workerStatus).toHaveAttribute('data-environment', /WorkerGlobalScope/);
    await expect(workerStatus).toContainText('Web Worker');

    await expect(page.getByTestId('backend-status')).toHaveAttribute('data-backend', /^(wasm|ts)$/);

    // Cross-origin isolated: the engine's pool shares one state over every core the browser offers.
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const threads = page.getByTestId('threads-status');
    await expect(threads).toHaveAttribute('data-threads', String(Math.max(1, cores)));
    await expect(threads).not.toHaveAttribute('data-reason', /./);
  });

  test('loads without console errors or page errors', async ({ page }) => {
    const problems: string[] = [];
    page.on('console', (msg: ConsoleMessage) => {
      if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ''}`));

    await page.goto('/');
    await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
    await expect(page.getByTestId('worker-status')).toHaveAttribute('data-state', 'done');
    expect(problems).toEqual([]);
  });

  test('without cross-origin isolation says it runs on one worker thread, and why', async ({ page }) => {
    // The page from a dev server that sends no COOP/COEP headers (a static host that was not configured).
    const plain = await startHarnessServer('index.html', { isolated: false, cacheDir: 'node_modules/.vite-e2e-bell' });
    try {
      await page.goto(plain.url);
      await expect(page.locator('body')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
      await expect(page.getByTestId('isolation-status')).toHaveAttribute('data-isolated', 'false');
      const threads = page.getByTestId('threads-status');
      await expect(threads).toHaveAttribute('data-threads', '1');
      await expect(threads).toHaveAttribute('data-reason', /cross-origin isolated/);
      await expect(threads).toContainText('1 worker thread (not cross-origin isolated');
      await expect(page.getByTestId('worker-status')).toHaveAttribute('data-state', 'done');
      await expect(page.getByTestId('bell-chart').locator('[data-basis="11"]')).toHaveAttribute('data-probability', /^0\.5/);
    } finally {
      await plain.server.close();
    }
  });
});
