import { evaluateParam, fail, paramSymbols, validateParam } from '../core/index.ts';

export function parseWholeNumber(text: string, flag: string, min: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min) {
    fail('invalid-argument', `${flag} must be a whole number ≥ ${min}, got "${text}"`);
  }
  return value;
}

/** "8GiB", "512MiB", "2G", "1000000" → bytes. */
export function parseBytes(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib|t|tb|tib)?\s*$/i.exec(text);
  if (!match) fail('invalid-argument', `cannot read memory size "${text}"`, { hint: 'write it like 8GiB or 512MiB' });
  const unit = (match[2] ?? 'b').toLowerCase()[0]!;
  const power = ({ b: 0, k: 1, m: 2, g: 3, t: 4 } as Record<string, number>)[unit] ?? 0;
  const bytes = Number(match[1]) * 1024 ** power;
  if (!(bytes >= 1)) fail('invalid-argument', `memory size "${text}" is less than one byte`, { hint: 'write it like 8GiB or 512MiB' });
  return bytes;
}

/** ["theta=0.3", "gamma=pi/4"] → { theta: 0.3, gamma: 0.785… } (values may be constant expressions). */
export function parseParamBindings(items: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) fail('invalid-argument', `--param "${item}" must look like name=value`);
    const name = item.slice(0, eq).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) fail('invalid-argument', `--param name "${name}" is not a valid identifier`);
    const value = validateParam(item.slice(eq + 1), `--param ${name}`);
    if (paramSymbols(value).length > 0) {
      fail('invalid-argument', `--param ${name}=${item.slice(eq + 1)}: the value must be a number or an expression of constants (pi, e, …); ${paramSymbols(value).map((s) => `"${s}"`).join(', ')} is not a constant`, {
        hint: `e.g. --param ${name}=0.3 or --param ${name}=pi/4`,
      });
    }
    out[name] = evaluateParam(value, {}, `--param ${name}`);
  }
  return out;
}
