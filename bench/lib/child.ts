/** Runs a TypeScript entry in a fresh Node process (tsx loader) with a hard timeout. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export const BENCH_DIR = join(import.meta.dirname, '..');

export interface ChildOutcome {
  readonly status: 'ok' | 'timeout' | 'error';
  /** Parsed `RESULT <json>` line, if any. */
  readonly result?: unknown;
  /** Parsed `TIMING <json>` line, if any (printed before a possibly slow read-back). */
  readonly timing?: unknown;
  readonly message?: string;
  readonly wallMs: number;
}

export function runChild(entry: string, arg: string, timeoutMs: number, nodeFlags: readonly string[] = []): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', '--no-warnings', entry, arg], {
      cwd: join(BENCH_DIR, '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const wallMs = performance.now() - t0;
      const timingLine = out.split('\n').find((l) => l.startsWith('TIMING '));
      const timing = timingLine ? (JSON.parse(timingLine.slice(7)) as unknown) : undefined;
      if (timedOut) return resolve({ status: 'timeout', wallMs, ...(timing ? { timing } : {}) });
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (line) return resolve({ status: 'ok', result: JSON.parse(line.slice(7)), wallMs, ...(timing ? { timing } : {}) });
      const error = out.split('\n').find((l) => l.startsWith('ERROR '));
      const message = error ? error.slice(6) : `exit ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`;
      resolve({ status: 'error', message, wallMs });
    });
  });
}
