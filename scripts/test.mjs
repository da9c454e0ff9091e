#!/usr/bin/env node
// `npm test`: every check of the project, ending with one line `N passed, N failed`.
//
// Steps (each runs even when an earlier one failed; failures are recorded):
//   1. npm run build:wasm                       (a failure counts as 1 failed)
//   2. tsc --noEmit -p tsconfig.json            (1 check)
//   3. vitest run (tests/unit)                  (its passed/failed tests)
//   4. npm run build, then playwright test      (its passed/failed tests; a failed build or
//      (tests/e2e, Chromium)                     no browser found counts as 1 failed)
//
// Flags (npm test -- <flag>):
//   --unit-only   steps 1-3 only, no build and no browser needed
//   --e2e-only    steps 1 and 4 only
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, bin, ensureDependencies, log, npm } from './lib/common.mjs';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log('usage: npm test [-- --unit-only | --e2e-only]');
  process.exit(0);
}
const unknown = args.filter((a) => a !== '--unit-only' && a !== '--e2e-only');
if (unknown.length) {
  console.error(`[superpose] unknown option(s): ${unknown.join(' ')} (try --help)`);
  process.exit(2);
}
const unitOnly = args.includes('--unit-only');
const e2eOnly = args.includes('--e2e-only');
if (unitOnly && e2eOnly) {
  console.error('[superpose] --unit-only and --e2e-only exclude each other');
  process.exit(2);
}

const RESULTS = join(ROOT, 'test-results');
const VITEST_JSON = join(RESULTS, 'vitest.json');
const PLAYWRIGHT_JSON = join(RESULTS, 'playwright.json');
mkdirSync(RESULTS, { recursive: true });

let passed = 0;
let failed = 0;
let crashed = false;
/** @type {{ step: string, status: string, detail: string }[]} */
const summary = [];
const record = (step, status, detail = '') => summary.push({ step, status, detail });

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function portInUse(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function finish() {
  console.log('\n================ Superpose test summary ================');
  for (const { step, status, detail } of summary) {
    console.log(`  ${status.padEnd(8)} ${step}${detail ? `  (${detail})` : ''}`);
  }
  if (unitOnly) console.log('  note     e2e browser tests skipped (--unit-only)');
  if (e2eOnly) console.log('  note     typecheck and unit tests skipped (--e2e-only)');
  console.log('=========================================================');
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || crashed ? 1 : 0);
}

// 0. dependencies
const depsCode = await ensureDependencies();
if (depsCode !== 0) {
  failed += 1;
  crashed = true;
  record('install dependencies', 'FAILED', `npm exited ${depsCode}`);
  finish();
}

// 1. WASM kernels
log('step: npm run build:wasm');
if (!existsSync(join(ROOT, 'scripts', 'build-wasm.mjs'))) {
  console.warn('[superpose] scripts/build-wasm.mjs not present yet: skipping the WASM build');
  record('build:wasm', 'skipped', 'scripts/build-wasm.mjs missing');
} else {
  const code = await npm(['run', 'build:wasm']);
  if (code === 0) record('build:wasm', 'ok');
  else {
    failed += 1;
    record('build:wasm', 'FAILED', `exit ${code}`);
  }
}

if (!e2eOnly) {
  // 2. typecheck
  log('step: tsc --noEmit -p tsconfig.json');
  const tscCode = await bin('tsc', ['--noEmit', '-p', 'tsconfig.json']);
  if (tscCode === 0) {
    passed += 1;
    record('typecheck (tsc)', 'passed');
  } else {
    failed += 1;
    record('typecheck (tsc)', 'FAILED', `exit ${tscCode}`);
  }

  // 3. unit tests
  log('step: vitest run');
  rmSync(VITEST_JSON, { force: true });
  const vitestCode = await bin('vitest', [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${VITEST_JSON}`,
  ]);
  const report = readJson(VITEST_JSON);
  if (!report) {
    failed += 1;
    crashed = true;
    record('unit tests (vitest)', 'CRASHED', `exit ${vitestCode}, no ${VITEST_JSON}`);
  } else {
    const p = report.numPassedTests ?? 0;
    let f = report.numFailedTests ?? 0;
    // A file that fails to load, or an unhandled error, fails the run without failing a test.
    if (vitestCode !== 0 && f === 0) f = Math.max(1, report.numFailedTestSuites ?? 0);
    passed += p;
    failed += f;
    record('unit tests (vitest)', f === 0 ? 'passed' : 'FAILED', `${p} passed, ${f} failed`);
  }
}

if (!unitOnly) {
  // 4. production build + browser tests
  log('step: npm run build');
  const buildCode = await npm(['run', 'build']);
  if (buildCode !== 0) {
    failed += 1;
    record('build (vite)', 'FAILED', `exit ${buildCode}; e2e tests not run`);
  } else {
    record('build (vite)', 'ok');
    let browser;
    try {
      const { tsImport } = await import('tsx/esm/api');
      const mod = await tsImport(pathToFileURL(join(ROOT, 'tests', 'e2e', 'find-browser.ts')).href, import.meta.url);
      browser = mod.findChromium();
      console.log(`[superpose] Chromium: ${browser.executablePath} (from ${browser.source})`);
    } catch (err) {
      console.error(`\n${err instanceof Error ? err.message : String(err)}\n`);
      failed += 1;
      record('e2e tests (playwright)', 'FAILED', 'no Chromium found; see the message above');
    }
    if (browser) {
      if (await portInUse(4173)) {
        console.warn(
          '[superpose] port 4173 is already in use (a stale `vite preview`?). Playwright starts its own ' +
            'server there and will fail; stop the other process (e.g. `fuser -k 4173/tcp`).',
        );
      }
      log('step: playwright test');
      rmSync(PLAYWRIGHT_JSON, { force: true });
      const pwCode = await bin('playwright', ['test', '--reporter=list,json'], {
        env: { PLAYWRIGHT_JSON_OUTPUT_FILE: PLAYWRIGHT_JSON, SUPERPOSE_E2E_PREBUILT: '1' },
      });
      const report = readJson(PLAYWRIGHT_JSON);
      if (!report?.stats) {
        failed += 1;
        crashed = true;
        record('e2e tests (playwright)', 'CRASHED', `exit ${pwCode}, no ${PLAYWRIGHT_JSON}`);
      } else {
        const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats;
        const errors = Array.isArray(report.errors) ? report.errors.length : 0;
        const p = expected + flaky;
        let f = unexpected;
        // Global errors (webServer failed, no tests found, config error) fail the run too.
        if (pwCode !== 0 && f === 0) f = Math.max(1, errors);
        passed += p;
        failed += f;
        const extra = [flaky ? `${flaky} flaky` : '', skipped ? `${skipped} skipped` : ''].filter(Boolean);
        record(
          'e2e tests (playwright)',
          f === 0 ? 'passed' : 'FAILED',
          [`${p} passed, ${f} failed`, ...extra].join(', '),
        );
      }
    }
  }
}

finish();
