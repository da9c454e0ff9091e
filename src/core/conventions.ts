/** The conventions every result carries; one home so UI, CLI and exports print the same words. */
export const BIT_ORDER = 'little-endian' as const;
export const BIT_ORDER_NOTE =
  'qubit 0 is the least-significant bit of a basis index; bitstrings show qubit 0 on the right';

/** Basis index → bitstring with bit 0 rightmost (OpenQASM/Qiskit style). */
export function toBitstring(index: number, width: number): string {
  let s = '';
  for (let bit = width - 1; bit >= 0; bit--) s += Math.floor(index / 2 ** bit) % 2 === 1 ? '1' : '0';
  return s;
}

/** Bitstring with bit 0 rightmost → basis index. */
export function fromBitstring(bits: string): number {
  let index = 0;
  for (let i = 0; i < bits.length; i++) {
    const c = bits[bits.length - 1 - i];
    if (c === '1') index += 2 ** i;
    else if (c !== '0') throw new Error(`not a bitstring: "${bits}"`);
  }
  return index;
}
