#!/usr/bin/env node
// `npm start`: install dependencies if needed, build (WASM kernels + Vite), then serve the
// production build with `vite preview` (COOP/COEP headers from vite.config.ts).
//
//   npm start                    serve on http://127.0.0.1:4173/
//   npm start -- --host          listen on all interfaces (like vite --host)
//   npm start -- --host 0.0.0.0  listen on a given address
//   npm start -- --port 8080     another port (the next free one is used if taken)
//   npm start -- --skip-build    serve the existing dist/ as it is
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ensureDependencies, log, npm } from './lib/common.mjs';

function parseArgs(argv) {
  const opts = { host: '127.0.0.1', port: 4173, skipBuild: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = argv[i + 1];
    if (arg === '--host') {
      if (next !== undefined && !next.startsWith('--')) {
        opts.host = next;
        i++;
      } else {
        opts.host = true; // all interfaces
      }
    } else if (arg.startsWith('--host=')) {
      opts.host = arg.slice('--host='.length) || true;
    } else if (arg === '--port' && next !== undefined) {
      opts.port = Number(next);
      i++;
    } else if (arg.startsWith('--port=')) {
      opts.port = Number(arg.slice('--port='.length));
    } else if (arg === '--skip-build') {
      opts.skipBuild = true;
    } else if (arg === '--help' || arg === '-h') {
      console.log('usage: npm start [-- --host [address]] [--port N] [--skip-build]');
      process.exit(0);
    } else {
      console.error(`[superpose] unknown option: ${arg} (try --help)`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(opts.port) || opts.port <= 0 || opts.port > 65535) {
    console.error('[superpose] --port needs a number between 1 and 65535');
    process.exit(2);
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));

let code = await ensureDependencies();
if (code !== 0) {
  console.error('[superpose] installing dependencies failed');
  process.exit(code);
}

if (!opts.skipBuild) {
  log('building (npm run build)');
  code = await npm(['run', 'build']);
  if (code !== 0) {
    console.error('[superpose] build failed');
    process.exit(code);
  }
} else if (!existsSync(join(ROOT, 'dist', 'index.html'))) {
  console.error('[superpose] --skip-build given but dist/ has no build: run without it');
  process.exit(1);
}

// Serve in this process with Vite's API, so stopping `npm start` stops the server too
// and the printed URL is the one actually bound.
const { preview } = await import('vite');
const server = await preview({
  root: ROOT,
  preview: { host: opts.host, port: opts.port, strictPort: false, open: false },
});

const urls = [...(server.resolvedUrls?.local ?? []), ...(server.resolvedUrls?.network ?? [])];
const main = urls[0] ?? `http://${opts.host === true ? 'localhost' : opts.host}:${opts.port}/`;
server.printUrls();
console.log('');
console.log('  ============================================================');
console.log(`   Superpose is running at  ${main}`);
console.log('   (cross-origin isolated: COOP same-origin, COEP require-corp)');
console.log('   Press Ctrl+C to stop.');
console.log('  ============================================================');
console.log('');

let closing = false;
async function shutdown(signal) {
  if (closing) return;
  closing = true;
  console.log(`\n[superpose] ${signal}: stopping the server`);
  try {
    await server.close();
  } finally {
    process.exit(0);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGHUP', () => void shutdown('SIGHUP'));
