/**
 * Process memory from Linux /proc, for the scale benchmark: resident and peak resident size of a
 * process (VmRSS, VmHWM), the processes under a given one (Chromium's renderer lives under the
 * child that launched it), and the machine's available memory. Off Linux every reader returns
 * undefined / empty and the benchmark says memory was not measured.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcMemory {
  readonly pid: number;
  /** Resident set now, bytes. */
  readonly rss: number;
  /** Peak resident set since the process started (VmHWM), bytes. */
  readonly peak: number;
  /** The command line, NUL separators turned into spaces. */
  readonly cmdline: string;
}

function kib(status: string, field: string): number | undefined {
  const m = new RegExp(`^${field}:\\s*(\\d+) kB`, 'm').exec(status);
  return m ? Number(m[1]) * 1024 : undefined;
}

export function procMemory(pid: number): ProcMemory | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = kib(status, 'VmRSS');
    const peak = kib(status, 'VmHWM');
    if (rss === undefined || peak === undefined) return undefined; // a zombie, or a kernel thread
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    } catch {
      // exited between the two reads
    }
    return { pid, rss, peak, cmdline };
  } catch {
    return undefined;
  }
}

/** The parent of every process now in /proc (one scan). */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return out;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The command name (field 2) is in parentheses and may contain spaces: parse after the last ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(name), Number(fields[1]));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** `root` and every process below it, with their memory. */
export function processTree(root: number): ProcMemory[] {
  const parentOf = parents();
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of parentOf) {
    const list = children.get(ppid) ?? [];
    list.push(pid);
    children.set(ppid, list);
  }
  const out: ProcMemory[] = [];
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop()!;
    const m = procMemory(pid);
    if (m) out.push(m);
    todo.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** MemAvailable from /proc/meminfo (what the kernel can give without swapping), bytes. */
export function memAvailable(): number | undefined {
  try {
    return kib(readFileSync('/proc/meminfo', 'utf8'), 'MemAvailable');
  } catch {
    return undefined;
  }
}
