/**
 * Finds a Chromium to run the browser tests with, the way a user's machine offers one:
 *   1. $SUPERPOSE_CHROMIUM, or $CHROMIUM_PATH
 *   2. /usr/bin/chromium            (Debian/Ubuntu package `chromium`)
 *   3. /usr/lib/chromium/chromium   (the binary inside that package)
 *   4. Playwright's own downloaded browser (`npx playwright install chromium`)
 * Nothing is ever downloaded here.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { chromium } from '@playwright/test';

export interface FoundBrowser {
  executablePath: string;
  /** Where it came from, e.g. 'env SUPERPOSE_CHROMIUM' or '/usr/bin/chromium'. */
  source: string;
}

/** Flags that keep Chromium quiet and offline on a closed network / CI box. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const HOW_TO_GET_CHROMIUM = [
  'No Chromium found for the browser tests. Get one of these:',
  '  - Debian/Ubuntu:           sudo apt-get install -y chromium',
  '  - where downloads work:    npx playwright install chromium',
  '  - a Chromium you have:     SUPERPOSE_CHROMIUM=/path/to/chromium npm test',
  'Looked at: $SUPERPOSE_CHROMIUM, $CHROMIUM_PATH, /usr/bin/chromium, /usr/lib/chromium/chromium, and Playwright\'s own browser.',
  'To run only the unit tests meanwhile: npm test -- --unit-only',
].join('\n');

export class BrowserNotFoundError extends Error {
  constructor(detail?: string) {
    super(detail ? `${detail}\n${HOW_TO_GET_CHROMIUM}` : HOW_TO_GET_CHROMIUM);
    this.name = 'BrowserNotFoundError';
  }
}

function isExecutableFile(path: string): boolean {
  try {
    if (!existsSync(path) || !statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function playwrightOwnChromium(): string | undefined {
  try {
    const path = chromium.executablePath();
    return path && isExecutableFile(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** Returns the browser to use, or throws BrowserNotFoundError with how to get one. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): FoundBrowser {
  for (const name of ['SUPERPOSE_CHROMIUM', 'CHROMIUM_PATH'] as const) {
    const value = env[name]?.trim();
    if (!value) continue;
    if (isExecutableFile(value)) return { executablePath: value, source: `env ${name}` };
    // An explicit choice that doesn't work is an error, not something to silently skip.
    throw new BrowserNotFoundError(`${name}=${value} is not an executable file; unset it or fix the path.`);
  }
  for (const path of ['/usr/bin/chromium', '/usr/lib/chromium/chromium']) {
    if (isExecutableFile(path)) return { executablePath: path, source: path };
  }
  const own = playwrightOwnChromium();
  if (own) return { executablePath: own, source: "Playwright's installed chromium" };
  throw new BrowserNotFoundError();
}
