import './style.css';
import { Circuit } from '../core/index.ts';
import { createSimulatorClient } from '../engine/client.ts';
import { drawCircuitDiagram, type DiagramOp } from '../ui/circuit-diagram.ts';
import { drawProbabilityChart } from '../ui/probability-chart.ts';

const BELL_QUBITS = 2;
const BELL_OPS: DiagramOp[] = [
  { gate: 'h', qubits: [0] },
  { gate: 'cx', qubits: [0, 1] }, // [control, target]
];

function byTestId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.querySelector<T>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`missing element [data-testid="${id}"]`);
  return el;
}

async function runBellDemo(): Promise<void> {
  const isolation = byTestId('isolation-status');
  const workerStatus = byTestId('worker-status');
  const backendStatus = byTestId('backend-status');
  const chart = byTestId('bell-chart');
  const circuitBox = byTestId('bell-circuit');

  isolation.textContent = globalThis.crossOriginIsolated
    ? 'yes (SharedArrayBuffer available)'
    : 'no (serve with COOP/COEP headers to enable SharedArrayBuffer)';
  isolation.dataset.isolated = String(globalThis.crossOriginIsolated === true);

  drawCircuitDiagram(circuitBox, BELL_QUBITS, BELL_OPS, 'Circuit on two qubits: H on q0, then CX with control q0 and target q1');
  circuitBox.removeAttribute('aria-busy');

  const circuit = BELL_OPS.reduce((c, op) => c.append(op.gate, [...op.qubits]), Circuit.create(BELL_QUBITS));
  const client = createSimulatorClient();
  try {
    const result = await client.api.runCircuit(circuit.toJSON(), { seed: 1 });
    drawProbabilityChart(chart, result.probabilities, result.numQubits, {
      title: 'Bell pair: probabilities of the 4 basis states',
    });
    chart.removeAttribute('aria-busy');

    workerStatus.textContent = result.inWorker
      ? `ran in a Web Worker (${result.environment}) in ${result.elapsedMs.toFixed(1)} ms`
      : `ran on ${result.environment} (not a worker)`;
    workerStatus.dataset.state = 'done';
    workerStatus.dataset.inWorker = String(result.inWorker);
    workerStatus.dataset.environment = result.environment;
    backendStatus.textContent = result.backend;
    backendStatus.dataset.backend = result.backend;
    backendStatus.title = result.bitOrder;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    workerStatus.textContent = `simulation failed: ${message}`;
    workerStatus.dataset.state = 'error';
    chart.textContent = 'The simulation could not run; see the status below.';
    chart.removeAttribute('aria-busy');
    throw err;
  } finally {
    client.terminate();
    document.body.dataset.ready = 'true';
  }
}

runBellDemo().catch((err: unknown) => {
  console.error('[superpose] Bell demo failed:', err);
});
