import './style.css';
// Type-only: the page sends plain circuit JSON; the worker validates it (Circuit.fromJSON) and
// simulates it. Keeping the core out of the main bundle keeps the page light.
import type { CircuitJSON } from '../core/index.ts';
import { createBrowserEngine } from '../engine/browser.ts';
import { drawCircuitDiagram, type DiagramOp } from '../ui/circuit-diagram.ts';
import { drawProbabilityChart } from '../ui/probability-chart.ts';

/** H on q0, then CX with control q0 and target q1 (same as Circuit.create(2).append('h', [0]).append('cx', [0, 1])). */
const BELL_CIRCUIT: CircuitJSON = {
  format: 'superpose-circuit',
  version: 1,
  numQubits: 2,
  ops: [
    { kind: 'gate', gate: 'h', qubits: [0] },
    { kind: 'gate', gate: 'cx', qubits: [0, 1] }, // [control, target]
  ],
};

function byTestId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.querySelector<T>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`missing element [data-testid="${id}"]`);
  return el;
}

async function runBellDemo(): Promise<void> {
  const isolation = byTestId('isolation-status');
  const workerStatus = byTestId('worker-status');
  const backendStatus = byTestId('backend-status');
  const threadStatus = byTestId('threads-status');
  const chart = byTestId('bell-chart');
  const circuitBox = byTestId('bell-circuit');

  isolation.textContent = globalThis.crossOriginIsolated
    ? 'yes (SharedArrayBuffer available)'
    : 'no (serve with COOP/COEP headers to enable SharedArrayBuffer)';
  isolation.dataset.isolated = String(globalThis.crossOriginIsolated === true);

  const gates: DiagramOp[] = BELL_CIRCUIT.ops.flatMap((op) => (op.kind === 'gate' ? [op] : []));
  drawCircuitDiagram(
    circuitBox,
    BELL_CIRCUIT.numQubits,
    gates,
    'Circuit on two qubits: H on q0, then CX with control q0 and target q1',
  );
  circuitBox.removeAttribute('aria-busy');

  const engine = createBrowserEngine();
  try {
    const info = await engine.info();
    threadStatus.textContent = info.threads > 1
      ? `${info.threads} worker threads share one state`
      : `1 worker thread${info.reason ? ` (${info.reason})` : ''}`;
    threadStatus.dataset.threads = String(info.threads);
    if (info.reason) threadStatus.dataset.reason = info.reason;

    const summary = await engine.run(BELL_CIRCUIT, { seed: 1 }).promise;
    const probabilities = await engine.probabilities().promise;
    drawProbabilityChart(chart, probabilities, summary.numQubits, {
      title: 'Bell pair: probabilities of the 4 basis states',
    });
    chart.removeAttribute('aria-busy');

    const inWorker = info.workers[0]?.inWorker === true;
    workerStatus.textContent = inWorker
      ? `ran in a Web Worker (${summary.environment}) in ${summary.elapsedMs.toFixed(1)} ms`
      : `ran on ${summary.environment} (not a worker)`;
    workerStatus.dataset.state = 'done';
    workerStatus.dataset.inWorker = String(inWorker);
    workerStatus.dataset.environment = summary.environment;
    backendStatus.textContent = summary.backend;
    backendStatus.dataset.backend = summary.backend;
    backendStatus.title = summary.bitOrder;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    workerStatus.textContent = `simulation failed: ${message}`;
    workerStatus.dataset.state = 'error';
    chart.textContent = 'The simulation could not run; see the status below.';
    chart.removeAttribute('aria-busy');
    throw err;
  } finally {
    engine.dispose();
    document.body.dataset.ready = 'true';
  }
}

runBellDemo().catch((err: unknown) => {
  console.error('[superpose] Bell demo failed:', err);
});
