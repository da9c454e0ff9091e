/** The machine a run happened on, for the report. */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, freemem, loadavg, totalmem } from 'node:os';

export interface MachineInfo {
  readonly date: string;
  readonly node: string;
  readonly v8: string;
  readonly nproc: number;
  readonly cpuModel: string;
  readonly totalMemGiB: number;
  readonly freeMemGiB: number;
  readonly loadAvgStart: readonly number[];
}

export function machineInfo(): MachineInfo {
  let cpuModel = cpus()[0]?.model ?? 'unknown';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpuModel = m[1]!.trim();
  } catch {
    // not Linux: keep os.cpus()
  }
  return {
    date: new Date().toISOString(),
    node: process.version,
    v8: process.versions.v8,
    nproc: availableParallelism(),
    cpuModel,
    totalMemGiB: +(totalmem() / 2 ** 30).toFixed(1),
    freeMemGiB: +(freemem() / 2 ** 30).toFixed(1),
    loadAvgStart: loadavg().map((x) => +x.toFixed(2)),
  };
}

export function currentLoad(): number[] {
  return loadavg().map((x) => +x.toFixed(2));
}
