import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Circuit, fail } from '../core/index.ts';
import { fromQasm, fromQuirk, fromQuirkURL, toQasm2, toQasm3, toQiskit, toQuirk, toQuirkURL } from '../core/interop/index.ts';
import { parseJsonText } from '../core/json-text.ts';
import { readInputFile } from './input-file.ts';
import { parseParamBindings } from './options.ts';

export const CONVERT_USAGE = `usage: superpose convert <input> --to <format> [--out file]

Converts a circuit between formats. The input format follows the file:
  .qasm (OpenQASM 2.0 or 3), .json (Superpose circuit JSON, or Quirk JSON with "cols"),
  or a Quirk URL (https://algassert.com/quirk#circuit=…).

options:
  --to F               qasm2 | qasm3 | qiskit | quirk | quirk-url | json
  --out FILE           write to FILE instead of printing
  --param name=value   bind a free parameter before writing (repeatable; needed for qasm2)`;

const FORMATS = ['qasm2', 'qasm3', 'qiskit', 'quirk', 'quirk-url', 'json'] as const;

/** Reads a circuit file by its extension (or a Quirk URL); errors name file:line:column. */
export function loadCircuit(file: string): Circuit {
  if (/^https?:\/\/.*#circuit=/.test(file)) return fromQuirkURL(file);
  return readInputFile(file, (text) => {
    if (/\.(qasm|inc)$/i.test(file) || /^\s*(\/\/[^\n]*\n\s*)*OPENQASM\b/.test(text)) return fromQasm(text);
    const json = parseJsonText(text, 'the file');
    if (json && typeof json === 'object' && 'cols' in json) return fromQuirk(json);
    return Circuit.fromJSON(json);
  });
}

export function convertCommand(argv: string[], log: (text: string) => void): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      to: { type: 'string' },
      out: { type: 'string' },
      param: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    log(CONVERT_USAGE);
    return 0;
  }
  if (positionals.length !== 1) fail('invalid-argument', `convert takes one input, got ${positionals.length}`, { hint: 'superpose convert in.qasm --to qiskit' });
  const to = values.to as (typeof FORMATS)[number] | undefined;
  if (!to || !FORMATS.includes(to)) fail('invalid-argument', `--to must be one of ${FORMATS.join(', ')}${values.to ? `, got "${values.to}"` : ''}`);
  const circuit = loadCircuit(positionals[0]!);
  const bindings = values.param?.length ? parseParamBindings(values.param) : undefined;
  const options = bindings ? { params: bindings } : {};
  let output: string;
  switch (to) {
    case 'qasm2': output = toQasm2(circuit, options); break;
    case 'qasm3': output = toQasm3(circuit, options); break;
    case 'qiskit': output = toQiskit(circuit); break;
    case 'quirk': output = `${JSON.stringify(toQuirk(circuit))}\n`; break;
    case 'quirk-url': output = `${toQuirkURL(circuit)}\n`; break;
    case 'json': output = `${JSON.stringify(circuit.toJSON(), null, 2)}\n`; break;
  }
  if (values.out) {
    try {
      writeFileSync(values.out, output);
    } catch (error) {
      return fail('invalid-argument', `cannot write ${values.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    log(`wrote ${values.out} (${to}, ${circuit.numQubits} qubits, ${circuit.ops.length} ops)`);
  } else log(output.replace(/\n$/, ''));
  return 0;
}
