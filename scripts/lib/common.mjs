// Helpers shared by scripts/start.mjs and scripts/test.mjs (plain Node, no dependencies).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export function log(message) {
  console.log(`\n[superpose] ${message}`);
}

/**
 * Runs a command with inherited stdio from the project root.
 * Resolves to its exit code (signals map to 128+n style codes); never rejects on failure.
 */
export function run(command, args = [], options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, ...(options.env ?? {}) },
      shell: process.platform === 'win32',
    });
    child.on('error', (err) => {
      console.error(`[superpose] could not start ${command}: ${err.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => {
      if (signal) {
        console.error(`[superpose] ${command} ${args.join(' ')} was killed by ${signal}`);
        resolve(1);
      } else {
        resolve(code ?? 1);
      }
    });
  });
}

export const npm = (args, options) => run(NPM, args, options);

/** Runs a binary from node_modules/.bin. */
export const bin = (name, args, options) =>
  run(join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name), args, options);

/**
 * Installs dependencies when node_modules is missing or older than package-lock.json:
 * `npm ci` with a lockfile, `npm install` without one. Returns the exit code (0 = ok).
 */
export async function ensureDependencies() {
  const lockfile = join(ROOT, 'package-lock.json');
  const modules = join(ROOT, 'node_modules');
  const installedLock = join(modules, '.package-lock.json');
  const hasLock = existsSync(lockfile);

  let reason;
  if (!existsSync(modules)) reason = 'node_modules is missing';
  else if (hasLock && !existsSync(installedLock)) reason = 'node_modules has no .package-lock.json';
  else if (hasLock && statSync(lockfile).mtimeMs > statSync(installedLock).mtimeMs) {
    // A checkout or copy also makes the lockfile newer: only reinstall (npm ci wipes
    // node_modules) when the locked packages really differ from the installed ones.
    if (!sameLockedPackages(lockfile, installedLock)) reason = 'package-lock.json changed since the last install';
  }
  if (!reason) return 0;

  const args = hasLock ? ['ci'] : ['install'];
  log(`${reason}: running npm ${args.join(' ')}`);
  return npm(args);
}

/**
 * True when node_modules holds what package-lock.json locks: every installed package at its
 * locked version, and every locked package installed unless it is optional (other platforms).
 */
function sameLockedPackages(lockfile, installedLock) {
  try {
    const wanted = JSON.parse(readFileSync(lockfile, 'utf8')).packages ?? {};
    const have = JSON.parse(readFileSync(installedLock, 'utf8')).packages ?? {};
    for (const [key, meta] of Object.entries(wanted)) {
      if (key === '') continue;
      if (have[key]) {
        if (have[key].version !== meta.version) return false;
      } else if (!meta.optional) {
        return false;
      }
    }
    return Object.keys(have).every((key) => key === '' || key in wanted);
  } catch {
    return false;
  }
}
