/**
 * Child-process entry for one peer run (so a slow peer can be killed at its timeout):
 *   node --import tsx bench/peers/child.ts '{"peer":"jsqubits","spec":{...},"read":true,"repeats":3}'
 * Prints `TIMING <json>` once timed, then `RESULT <json>` (a PeerRun with the answer), or `ERROR <message>`.
 */
import { buildCase, type CaseSpec } from '../lib/circuits.ts';
import { jsqubitsPeer } from './jsqubits.ts';
import { qsharpPeer } from './qsharp.ts';
import { quantumCircuitPeer } from './quantum-circuit.ts';
import type { Peer } from './types.ts';

export const PEERS: Readonly<Record<string, Peer>> = {
  'quantum-circuit': quantumCircuitPeer,
  jsqubits: jsqubitsPeer,
  'qsharp-lang': qsharpPeer,
};

const request = JSON.parse(process.argv[2] ?? '{}') as { peer: string; spec: CaseSpec; read: boolean; readLimitMs?: number; repeats: number };
try {
  const peer = PEERS[request.peer];
  if (!peer) throw new Error(`unknown peer ${request.peer}`);
  const built = buildCase(request.spec);
  const result = await peer.run(request.spec, built, {
    read: request.read,
    ...(request.readLimitMs !== undefined ? { readLimitMs: request.readLimitMs } : {}),
    repeats: request.repeats,
    onTimed: (timing) => process.stdout.write(`TIMING ${JSON.stringify(timing)}\n`),
  });
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  process.exit(0);
} catch (error) {
  process.stdout.write(`ERROR ${(error as Error).message ?? String(error)}\n`);
  process.exit(1);
}
