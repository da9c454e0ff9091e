import type { Expr } from './expression.ts';
import type { Token } from './lexer.ts';

/** A qubit or bit reference: `q`, `q[3]`, `q[1:3]` or a hardware qubit `$2`. */
export interface Operand {
  readonly tok: Token;
  readonly name: string;
  /** Index into the register; null for the whole register. */
  readonly index: number | null;
  /** For a slice `q[a:b]` (inclusive, as in OpenQASM 3): the end index. */
  readonly end?: number;
  readonly hardware?: boolean;
}

export type Modifier =
  | { readonly kind: 'ctrl' | 'negctrl'; readonly count: number; readonly tok: Token }
  | { readonly kind: 'inv'; readonly tok: Token }
  | { readonly kind: 'pow'; readonly exponent: Expr; readonly tok: Token };

export interface GateCall {
  readonly kind: 'call';
  readonly tok: Token;
  readonly name: string;
  readonly modifiers: readonly Modifier[];
  readonly args: readonly Expr[];
  readonly operands: readonly Operand[];
}

export interface BarrierStmt {
  readonly kind: 'barrier';
  readonly tok: Token;
  readonly operands: readonly Operand[];
}

export type GateBodyStmt = GateCall | BarrierStmt;

export interface ConditionExpr {
  readonly tok: Token;
  readonly register: Operand;
  readonly value: number;
}

export type Stmt =
  | { readonly kind: 'include'; readonly tok: Token; readonly file: string }
  | { readonly kind: 'qreg' | 'creg'; readonly tok: Token; readonly name: string; readonly size: number; readonly single: boolean }
  | { readonly kind: 'input'; readonly tok: Token; readonly name: string }
  | { readonly kind: 'gatedef'; readonly tok: Token; readonly name: string; readonly params: readonly string[]; readonly qubits: readonly string[]; readonly body: readonly GateBodyStmt[] }
  | { readonly kind: 'opaque'; readonly tok: Token; readonly name: string; readonly numParams: number; readonly numQubits: number }
  | GateCall
  | BarrierStmt
  | { readonly kind: 'measure'; readonly tok: Token; readonly source: Operand; readonly target: Operand | null }
  | { readonly kind: 'reset'; readonly tok: Token; readonly operand: Operand }
  | { readonly kind: 'if'; readonly tok: Token; readonly condition: ConditionExpr; readonly body: readonly Stmt[]; readonly elseBody: readonly Stmt[] | null }
  | { readonly kind: 'nop'; readonly tok: Token };

export interface Program {
  /** 2 or 3 from the `OPENQASM` line; 3 when it is missing (the header is optional in OpenQASM 3). */
  readonly version: 2 | 3;
  readonly statements: readonly Stmt[];
}
