import wabtInit from 'wabt';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without type declarations
import { widenKernels } from '../../../scripts/lib/wasm64.mjs';

/**
 * The 64-bit twin of the kernels is made by widening their 32-bit source (scripts/lib/wasm64.mjs);
 * the kernel tests run the twin itself. Here: the rules that matter past 32 bits, on values only
 * the twin can hold (Node 20 runs 64-bit memories behind the flag tests/unit/setup sets).
 */
const SOURCE = `(module
  (import "env" "memory" (memory 1 (; max-shared ;)))
  (func $sum (param $a i32) (param $b i32) (result i32) (i32.add (local.get $a) (local.get $b)))
  (func (export "add") (param $a i32) (param $b i32) (result i32) (call $sum (local.get $a) (local.get $b)))
  ;; a condition on a bit above 31: narrowing by wrapping would drop it
  (func (export "bit") (param $x i32) (param $b i32) (result i32)
    (if (result i32) (i32.and (local.get $x) (i32.shl (i32.const 1) (local.get $b)))
      (then (i32.const 1)) (else (i32.const 0))))
  ;; an i32 read from memory, sign-extended (the kernels' −1 sentinels), into an address sum
  (func (export "loadPlus") (param $p i32) (param $d i32) (result i32)
    (i32.add (i32.load (local.get $p)) (local.get $d)))
  (func (export "store") (param $p i32) (param $v f64) (f64.store offset=8 (local.get $p) (local.get $v)))
  ;; typed blocks widen with their values (an i32 result would truncate an address)
  (func (export "pick") (param $x i32) (param $c i32) (result i32)
    (if (result i32) (local.get $c) (then (local.get $x)) (else (block (result i32) (i32.const 7))))))`;

async function instantiate(text: string, memory: WebAssembly.Memory): Promise<Record<string, (...args: number[]) => number>> {
  const wabt = await wabtInit();
  const module = wabt.parseWat('test.wat', text, { simd: true, threads: true, memory64: true });
  const bytes = Uint8Array.from(module.toBinary({}).buffer);
  module.destroy();
  return new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports as never;
}

describe('widenKernels (the 64-bit twin of the kernels module)', () => {
  it('widens integers to i64, keeps conditions exact above bit 31, sign-extends loads, takes and returns f64', async () => {
    const wide = widenKernels(SOURCE, { shared: false }) as string;
    expect(wide).toMatch(/\(memory i64 1\)/);
    expect(wide).not.toMatch(/\(param \$\w+ i32\)/);
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, index: 'i64' } as unknown as WebAssembly.MemoryDescriptor);
    const ex = await instantiate(wide, memory);
    expect(ex.add!(2 ** 32, 2 ** 32)).toBe(2 ** 33);
    expect(ex.bit!(2 ** 33, 33)).toBe(1);
    expect(ex.bit!(2 ** 33, 32)).toBe(0);
    new Int32Array(memory.buffer)[4] = -1;
    expect(ex.loadPlus!(16, 2 ** 34)).toBe(2 ** 34 - 1);
    ex.store!(32, 1.5);
    expect(new Float64Array(memory.buffer)[5]).toBe(1.5);
    expect(ex.pick!(2 ** 40 + 3, 1)).toBe(2 ** 40 + 3);
    expect(ex.pick!(2 ** 40 + 3, 0)).toBe(7);
    // The same source, unwidened, wraps: what the twin exists to avoid.
    const narrow = await instantiate(SOURCE, new WebAssembly.Memory({ initial: 1, maximum: 1 }));
    expect(narrow.add!(2 ** 30, 2 ** 30)).toBe(-(2 ** 31));
  });

  it('declares a shared memory with its maximum, and refuses unfolded instructions with the function named', () => {
    expect(widenKernels(SOURCE, { shared: true, maxPages: 262144 })).toMatch(/\(memory i64 1 262144 shared\)/);
    const flat = '(module (func $f (param $a i32) (result i32) local.get $a))';
    expect(() => widenKernels(flat, { shared: false })).toThrow(/\$f: unfolded instruction 'local.get'/);
  });
});
