/**
 * Benchmark adapter for qsharp-lang 1.32.5-dev: generated Q# run by its WebAssembly sparse
 * simulator (one thread).
 *
 * - The WebAssembly module must be loaded first (`loadWasmModule(bytes)`).
 * - Each `run` recompiles the program (0.1–0.3 s): that is included in the timed run.
 * - Qubits must be released in |0⟩: the program ends with ResetAll (included).
 * - Amplitudes come only through DumpMachine events: keys "|b0 b1 … ⟩" with qubit 0 LEFTMOST
 *   (the reverse of our bitstrings), values [re, im]. Reading is slow, so the timed run has no
 *   DumpMachine; a separate run with it gives the answer (and its own time, readMs).
 * - It cannot start from a given state: every benchmark starts from |0…0⟩ anyway.
 * - Gates: H, Rx/Ry/Rz (same matrices as ours), Controlled R1([c], (λ, t)) = cp(λ), CNOT, SWAP,
 *   Rzz(θ) = exp(−iθ/2 Z⊗Z) — all equal to ours including global phase (checked on 2 qubits).
 * - Double literals need a '.' or an exponent ("2" is an Int and fails to type-check).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { GateOp } from '../../src/core/index.ts';
import { answerFromAmplitudes } from '../lib/circuits.ts';
import { median } from '../lib/timing.ts';
import type { Peer } from './types.ts';

const ROOT = join(import.meta.dirname, '..', '..');

interface QsEvent {
  detail: unknown;
}
interface QsEventTarget {
  addEventListener(type: string, listener: (e: QsEvent) => void): void;
}
interface QsCompiler {
  run(program: { sources: [string, string][]; languageFeatures: string[] }, expr: string, shots: number, events: QsEventTarget): Promise<void>;
}
interface QsModule {
  loadWasmModule(bytes: ArrayBuffer | Uint8Array): Promise<void>;
  getCompiler(): Promise<QsCompiler>;
  QscEventTarget: new (capture: boolean) => QsEventTarget;
}

let loaded: Promise<{ mod: QsModule; compiler: QsCompiler }> | undefined;
function load() {
  loaded ??= (async () => {
    const specifier = 'qsharp-lang';
    const mod = (await import(specifier)) as QsModule;
    await mod.loadWasmModule(readFileSync(join(ROOT, 'node_modules/qsharp-lang/lib/web/qsc_wasm_bg.wasm')));
    return { mod, compiler: await mod.getCompiler() };
  })();
  return loaded;
}

function dbl(x: number): string {
  const s = String(x);
  return /[.eE]/.test(s) || !Number.isFinite(x) ? s : `${s}.0`;
}

/** Q# source of the circuit; `dump` adds a DumpMachine before the final reset. */
export function toQSharp(n: number, ops: readonly GateOp[], dump: boolean): string {
  const q = (i: number) => `qs[${i}]`;
  const lines = ops.map((op) => {
    const [a, b] = op.qubits;
    const p = (op.params ?? []) as number[];
    switch (op.gate) {
      case 'h': return `H(${q(a!)});`;
      case 'rx': return `Rx(${dbl(p[0]!)}, ${q(a!)});`;
      case 'ry': return `Ry(${dbl(p[0]!)}, ${q(a!)});`;
      case 'rz': return `Rz(${dbl(p[0]!)}, ${q(a!)});`;
      case 'cp': return `Controlled R1([${q(a!)}], (${dbl(p[0]!)}, ${q(b!)}));`;
      case 'cx': return `CNOT(${q(a!)}, ${q(b!)});`;
      case 'swap': return `SWAP(${q(a!)}, ${q(b!)});`;
      case 'rzz': return `Rzz(${dbl(p[0]!)}, ${q(a!)}, ${q(b!)});`;
      default: throw new Error(`Q# adapter: no mapping for ${op.gate}`);
    }
  });
  return [
    'namespace Bench {',
    '  operation Main() : Unit {',
    `    use qs = Qubit[${n}];`,
    ...lines.map((l) => `    ${l}`),
    ...(dump ? ['    Std.Diagnostics.DumpMachine();'] : []),
    '    ResetAll(qs);',
    '  }',
    '}',
  ].join('\n');
}

async function runOnce(source: string, onDump?: (state: Record<string, [number, number]>) => void): Promise<void> {
  const { mod, compiler } = await load();
  const events = new mod.QscEventTarget(false);
  let failure: string | undefined;
  events.addEventListener('Result', (e) => {
    const r = e.detail as { success: boolean; value: unknown };
    if (!r.success) failure = JSON.stringify(r.value).slice(0, 300);
  });
  if (onDump) events.addEventListener('DumpMachine', (e) => onDump((e.detail as { state: Record<string, [number, number]> }).state));
  await compiler.run({ sources: [['bench.qs', source]], languageFeatures: [] }, 'Bench.Main()', 1, events);
  if (failure) throw new Error(`Q# run failed: ${failure}`);
}

export const qsharpPeer: Peer = {
  name: 'qsharp-lang',
  takesInitialState: false,
  async run(spec, built, { read, repeats, onTimed, readLimitMs }) {
    await load();
    const ops = built.circuit.ops.filter((op): op is GateOp => op.kind === 'gate');
    const t0 = performance.now();
    const source = toQSharp(spec.n, ops, false);
    const buildMs = performance.now() - t0;
    const samples: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const t1 = performance.now();
      await runOnce(source);
      const dt = performance.now() - t1;
      samples.push(dt);
      if (dt > 1000) break;
    }
    const timing = { buildMs, runMs: median(samples), runs: samples.length };
    onTimed?.(timing);
    if (!read) return timing;
    if (readLimitMs !== undefined && timing.runMs > readLimitMs) {
      return { ...timing, note: `state not read back: a DumpMachine run would take > ${(timing.runMs / 1000).toFixed(0)} s` };
    }
    let dump: Record<string, [number, number]> | undefined;
    const t2 = performance.now();
    await runOnce(toQSharp(spec.n, ops, true), (state) => {
      dump = state;
    });
    const readMs = performance.now() - t2;
    if (!dump) throw new Error('no DumpMachine event');
    const state = dump;
    const answer = answerFromAmplitudes(spec.n, (visit) => {
      for (const [key, [re, im]] of Object.entries(state)) {
        // "|b0 b1 … b(n−1)⟩": qubit 0 leftmost.
        const bits = key.slice(1, 1 + spec.n);
        let index = 0;
        for (let k = 0; k < bits.length; k++) if (bits[k] === '1') index += 2 ** k;
        visit(index, re, im);
      }
    }, built.edges);
    return { ...timing, answer, readMs, note: 'readMs: a second run with DumpMachine' };
  },
};
