import type { ViteDevServer } from 'vite';

/**
 * A Vite dev server of its own for a harness page (tests and benchmarks that must not need an
 * entry in the production build): cross-origin isolated like the app, or not. Vite and the config
 * are imported lazily so a benchmark that skips the browser never loads them.
 */
export async function startHarnessServer(page: string, options: { isolated?: boolean; cacheDir: string; root?: string }): Promise<{ server: ViteDevServer; url: string }> {
  const { createServer } = await import('vite');
  const { crossOriginIsolationHeaders } = await import('../../vite.config.ts');
  const server = await createServer({
    configFile: false,
    root: options.root ?? process.cwd(),
    logLevel: 'error',
    cacheDir: options.cacheDir,
    worker: { format: 'es' },
    server: { host: '127.0.0.1', port: 0, strictPort: false, headers: options.isolated ?? true ? crossOriginIsolationHeaders : {}, hmr: false },
    optimizeDeps: { entries: [page, 'workers/sim.worker.ts'], include: ['comlink', 'mathjs'] },
  });
  await server.listen();
  const address = server.httpServer!.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, url: `http://127.0.0.1:${port}/${page}` };
}
