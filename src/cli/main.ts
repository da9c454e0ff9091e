import { freemem } from 'node:os';
import { setDefaultMemoryLimit, SuperposeError } from '../core/index.ts';
import { convertCommand } from './convert.ts';
import { qaoaCommand } from './qaoa.ts';
import { runCommand } from './run.ts';
import { solveCommand } from './solve.ts';

const USAGE = `usage: superpose <command> [options]

commands:
  run <circuit.json>   simulate a circuit and print probabilities, counts and expectations
  convert <in> --to F  convert between OpenQASM 2/3, Qiskit, Quirk and Superpose JSON
  qaoa --problem M     optimise a depth-p QAOA on an optimisation model (JSON)
  solve --problem M    run exact, MILP and heuristic methods on a model; print the comparison table

Run "superpose <command> --help" for the options of a command.`;

/** Node's budget for a state: 80% of the memory free now. */
export function nodeMemoryBudget(): number {
  return Math.floor(freemem() * 0.8);
}

/** Runs the CLI; returns the exit code. Errors print one clear line, never a stack trace. */
export async function main(argv: string[], log: (text: string) => void = console.log, logError: (text: string) => void = console.error): Promise<number> {
  const [command, ...rest] = argv;
  const budget = nodeMemoryBudget();
  setDefaultMemoryLimit(budget);
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        log(USAGE);
        return command === undefined ? 2 : 0;
      case 'run':
        return await runCommand(rest, log, budget);
      case 'convert':
        return convertCommand(rest, log);
      case 'qaoa':
        return qaoaCommand(rest, log, budget);
      case 'solve':
        return await solveCommand(rest, log, budget);
      default:
        logError(`superpose: unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof SuperposeError) {
      logError(`superpose: error: ${error.message}`);
      if (error.code === 'invalid-argument' && (command === 'run' || command === 'convert' || command === 'qaoa' || command === 'solve')) logError(`(superpose ${command} --help lists the options)`);
      return 1;
    }
    const code = (error as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      logError(`superpose: error: ${(error as Error).message.split('. To specify')[0]} (superpose ${command ?? ''} --help lists the options)`);
      return 2;
    }
    logError(`superpose: internal error: ${(error as Error).message ?? String(error)} (please report this with the input that caused it)`);
    return 70;
  }
}
