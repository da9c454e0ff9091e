import type { Circuit, Condition } from '../circuit/circuit.ts';
import { fail } from '../errors.ts';

export interface ClassicalRegister {
  readonly name: string;
  readonly offset: number;
  readonly size: number;
}

/**
 * Splits the classical bits into registers so that every condition on several bits (and, for
 * OpenQASM 2, on one bit) reads a whole register, as `if (c == n)` requires.
 */
export function classicalRegisters(circuit: Circuit, wholeRegisterForSingleBits: boolean, format: string): ClassicalRegister[] {
  const intervals = new Map<number, number>();
  circuit.ops.forEach((op, index) => {
    const c = 'condition' in op ? op.condition : undefined;
    if (!c || (c.clbits.length === 1 && !wholeRegisterForSingleBits)) return;
    const start = c.clbits[0]!;
    if (c.clbits.some((b, i) => b !== start + i)) {
      fail('invalid-circuit', `cannot write the condition of op ${index} in ${format}: it reads bits ${c.clbits.join(', ')}, which are not consecutive`, {
        where: `op ${index}`,
        hint: 'a condition compares one classical register with a value; use consecutive bits in increasing order',
      });
    }
    const known = intervals.get(start);
    if (known !== undefined && known !== c.clbits.length) conflict(index, format);
    intervals.set(start, c.clbits.length);
  });
  const sorted = [...intervals.entries()].sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]![0] < sorted[i - 1]![0] + sorted[i - 1]![1]) conflict(-1, format);
  }
  const pieces: { offset: number; size: number }[] = [];
  let next = 0;
  for (const [offset, size] of sorted) {
    if (offset > next) pieces.push({ offset: next, size: offset - next });
    pieces.push({ offset, size });
    next = offset + size;
  }
  if (next < circuit.numClbits) pieces.push({ offset: next, size: circuit.numClbits - next });
  return pieces.map((p, i) => ({ ...p, name: pieces.length === 1 ? 'c' : `c${i}` }));
}

function conflict(index: number, format: string): never {
  return fail('invalid-circuit', `cannot write the conditions in ${format}: two conditions read overlapping but different sets of bits${index >= 0 ? ` (op ${index})` : ''}`, {
    hint: 'each condition must read a whole register; make conditions read the same bits or disjoint bits',
  });
}

/** The register a condition reads in full, if any. */
export function registerOf(condition: Condition, registers: readonly ClassicalRegister[]): ClassicalRegister | undefined {
  return registers.find((r) => r.offset === condition.clbits[0] && r.size === condition.clbits.length);
}

/** `c[3]` or `c0[1]` for a global bit index. */
export function bitName(bit: number, registers: readonly ClassicalRegister[]): string {
  const r = registers.find((x) => bit >= x.offset && bit < x.offset + x.size)!;
  return `${r.name}[${bit - r.offset}]`;
}
