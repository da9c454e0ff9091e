// Turns the 32-bit kernels module (folded WAT, as kernels.wat is written) into its 64-bit-memory
// twin for states past 4 GiB, so there is one hand-written source for both.
//
// In the twin every i32 parameter, local and result becomes i64 (byte addresses, masks and item
// indices alike: a 29-qubit state spans 2^33 bytes), and each integer instruction takes the width
// of its operands: an instruction with an i64 operand becomes its i64 form, its i32 operands
// widened (constants rewritten, other values sign-extended, since the kernels use −1 as a
// sentinel); comparisons still yield i32. Where an i32 is required (a condition, a splat, a table
// index) an i64 is narrowed: conditions by `!= 0` (never by wrapping, which would drop high bits),
// values by wrapping. Every exported function gets a thunk of the same name taking and returning
// f64 in place of i64, so JavaScript passes plain numbers (exact below 2^53) and no BigInt.
// wabt validates the result, so a construct this pass does not know fails the build, not a run.

const INT_BINARY = new Set(['add', 'sub', 'mul', 'and', 'or', 'xor', 'shl', 'shr_u', 'shr_s', 'div_s', 'div_u', 'rem_s', 'rem_u', 'rotl', 'rotr']);
const INT_COMPARE = new Set(['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u']);

/** Tokens of WAT text: '(' , ')', atoms and strings; comments dropped. */
function tokenize(text) {
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ';' && text[i + 1] === ';') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '(' && text[i + 1] === ';') {
      let depth = 0;
      do {
        if (text.startsWith('(;', i)) (depth++, (i += 2));
        else if (text.startsWith(';)', i)) (depth--, (i += 2));
        else i++;
      } while (depth > 0 && i < text.length);
    } else if (c === '(' || c === ')') {
      tokens.push(c);
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      tokens.push(text.slice(i, j + 1));
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && !/[\s()]/.test(text[j]) && !text.startsWith(';;', j)) j++;
      tokens.push(text.slice(i, j));
      i = j;
    }
  }
  return tokens;
}

function parse(tokens) {
  let at = 0;
  function node() {
    if (tokens[at] !== '(') return tokens[at++];
    at++;
    const list = [];
    while (tokens[at] !== ')') {
      if (at >= tokens.length) throw new Error('wasm64: unbalanced parentheses');
      list.push(node());
    }
    at++;
    return list;
  }
  const top = node();
  if (at !== tokens.length) throw new Error('wasm64: text after the module');
  return top;
}

function print(node, indent = '') {
  if (!Array.isArray(node)) return node;
  const simple = node.every((x) => !Array.isArray(x) || x.every((y) => !Array.isArray(y)));
  if (simple || node.length < 3) return `(${node.map((x) => print(x, indent)).join(' ')})`;
  const inner = indent + '  ';
  const head = [];
  let k = 0;
  while (k < node.length && !Array.isArray(node[k])) head.push(node[k++]);
  return `(${head.join(' ')}${node.slice(k).map((x) => `\n${inner}${print(x, inner)}`).join('')})`;
}

const isList = (x) => Array.isArray(x);
const widenType = (t) => (t === 'i32' ? 'i64' : t);

/** Signature of a `func` or `type` node after widening: param names/types, result types. */
function signatureOf(items) {
  const params = [];
  const results = [];
  for (const item of items) {
    if (!isList(item)) continue;
    if (item[0] === 'param') {
      if (item[1]?.startsWith('$')) params.push({ name: item[1], type: item[2] });
      else for (const t of item.slice(1)) params.push({ name: null, type: t });
    } else if (item[0] === 'result') results.push(...item.slice(1));
  }
  return { params, results };
}

function widenDeclarations(items) {
  for (const item of items) {
    if (isList(item) && (item[0] === 'param' || item[0] === 'result' || item[0] === 'local')) {
      for (let j = 1; j < item.length; j++) item[j] = widenType(item[j]);
    }
  }
}

export function widenKernels(text, { maxPages, shared }) {
  const module = parse(tokenize(text));
  if (module[0] !== 'module') throw new Error('wasm64: expected (module …)');
  const types = new Map();
  const funcs = new Map();
  const thunks = [];

  for (const item of module.slice(1)) {
    if (!isList(item)) continue;
    if (item[0] === 'import' && isList(item[3]) && item[3][0] === 'memory') {
      item[3] = ['memory', 'i64', '1', ...(shared ? [String(maxPages), 'shared'] : [])];
    } else if (item[0] === 'type') {
      widenDeclarations(item[2].slice(1));
      types.set(item[1], signatureOf(item[2].slice(1)));
    } else if (item[0] === 'func') {
      widenDeclarations(item);
    }
  }
  let anonymous = 0;
  for (const item of module.slice(1)) {
    if (!isList(item) || item[0] !== 'func') continue;
    if (!item[1]?.startsWith?.('$')) item.splice(1, 0, `$__exported${anonymous++}`);
    funcs.set(item[1], signatureOf(item));
  }

  for (const func of module.slice(1).filter((x) => isList(x) && x[0] === 'func')) {
    const signature = funcs.get(func[1]);
    const locals = new Map();
    for (const p of signature.params) if (p.name) locals.set(p.name, p.type);
    for (const item of func) if (isList(item) && item[0] === 'local') {
      if (item[1].startsWith('$')) locals.set(item[1], item[2]);
      else throw new Error(`wasm64: ${func[1]}: unnamed locals are not supported`);
    }
    const bodyStart = func.findIndex((x, i) => i > 1 && (!isList(x) || !['param', 'result', 'local', 'export', 'type'].includes(x[0])));
    const context = { func: func[1], locals, types, funcs, result: signature.results[0] ?? null };
    if (bodyStart >= 0) {
      for (let i = bodyStart; i < func.length; i++) {
        const last = i === func.length - 1;
        const { node, type } = expression(func[i], context);
        func[i] = last && context.result ? coerce(node, type, context.result) : node;
      }
    }
    const exportIndex = func.findIndex((x) => isList(x) && x[0] === 'export');
    if (exportIndex >= 0) {
      const name = func[exportIndex][1];
      func.splice(exportIndex, 1);
      thunks.push(thunk(name, func[1], signature));
    }
  }
  module.push(...thunks);
  return print(module) + '\n';
}

/** An exported function taking and returning f64 where the kernel takes i64. */
function thunk(exportName, target, { params, results }) {
  const node = ['func', ['export', exportName]];
  for (let i = 0; i < params.length; i++) node.push(['param', `$a${i}`, params[i].type === 'i64' ? 'f64' : params[i].type]);
  if (results.length) node.push(['result', ...results.map((t) => (t === 'i64' ? 'f64' : t))]);
  const call = ['call', target, ...params.map((p, i) => (p.type === 'i64' ? ['i64.trunc_f64_s', ['local.get', `$a${i}`]] : ['local.get', `$a${i}`]))];
  node.push(results[0] === 'i64' ? ['f64.convert_i64_s', call] : call);
  return node;
}

function coerce(node, from, to) {
  if (from === to || to === null || from === null) return node;
  if (from === 'i32' && to === 'i64') {
    if (isList(node) && node[0] === 'i32.const') return ['i64.const', node[1]];
    return ['i64.extend_i32_s', node];
  }
  if (from === 'i64' && to === 'i32') return ['i32.wrap_i64', node];
  throw new Error(`wasm64: cannot turn ${from} into ${to} in ${print(node)}`);
}

/** An i32 truth value from an i32 or i64 one. */
function condition(node, type) {
  if (type === 'i32') return node;
  if (type === 'i64') return ['i64.ne', node, ['i64.const', '0']];
  throw new Error(`wasm64: condition of type ${type}: ${print(node)}`);
}

function operands(node) {
  const indices = [];
  for (let i = 1; i < node.length; i++) if (isList(node[i])) indices.push(i);
  return indices;
}

/** Rewrites one folded expression; returns it with its result type (null for none). */
function expression(node, context) {
  if (!isList(node)) throw new Error(`wasm64: ${context.func}: unfolded instruction '${node}' (write folded S-expressions)`);
  const op = node[0];
  const typed = (i) => expression(node[i], context);
  const rewriteAll = () => operands(node).map((i) => {
    const r = typed(i);
    node[i] = r.node;
    return r.type;
  });

  if (op === 'local.get') return { node, type: context.locals.get(node[1]) };
  if (op === 'local.set' || op === 'local.tee') {
    const want = context.locals.get(node[1]);
    const r = typed(2);
    node[2] = coerce(r.node, r.type, want);
    return { node, type: op === 'local.tee' ? want : null };
  }
  if (op === 'i32.const' || op === 'i64.const') return { node, type: op.slice(0, 3) };

  const [prefix, name] = op.split('.');
  if ((prefix === 'i32' || prefix === 'i64') && (INT_BINARY.has(name) || INT_COMPARE.has(name))) {
    const [a, b] = [typed(1), typed(2)];
    const width = a.type === 'i64' || b.type === 'i64' ? 'i64' : 'i32';
    return {
      node: [`${width}.${name}`, coerce(a.node, a.type, width), coerce(b.node, b.type, width)],
      type: INT_COMPARE.has(name) ? 'i32' : width,
    };
  }
  if ((prefix === 'i32' || prefix === 'i64') && name === 'eqz') {
    const a = typed(1);
    return { node: [`${a.type}.eqz`, a.node], type: 'i32' };
  }
  // Memory access: the address (first operand) is an i64 in a 64-bit memory.
  if (/^(i32|i64|f32|f64|v128)\.(load|store)/.test(op)) {
    const [addressIndex, ...rest] = operands(node);
    const address = typed(addressIndex);
    node[addressIndex] = coerce(address.node, address.type, 'i64');
    for (const i of rest) node[i] = typed(i).node;
    return { node, type: op.includes('store') ? null : prefix };
  }
  if (op === 'i32x4.splat') {
    const a = typed(1);
    node[1] = coerce(a.node, a.type, 'i32');
    return { node, type: 'v128' };
  }
  if (op === 'select') {
    const [ia, ib, ic] = operands(node);
    const [a, b, c] = [typed(ia), typed(ib), typed(ic)];
    const width = a.type === 'i64' || b.type === 'i64' ? 'i64' : a.type;
    node[ia] = coerce(a.node, a.type, width);
    node[ib] = coerce(b.node, b.type, width);
    node[ic] = condition(c.node, c.type);
    return { node, type: width };
  }
  if (op === 'br_if') {
    const [ic] = operands(node);
    const c = typed(ic);
    node[ic] = condition(c.node, c.type);
    return { node, type: null };
  }
  if (op === 'if') {
    let result = null;
    for (const i of operands(node)) {
      const child = node[i];
      if (child[0] === 'result') result = child[1] = widenType(child[1]);
      else if (child[0] === 'then' || child[0] === 'else') blockBody(child, 1, context, result);
      else {
        const c = typed(i);
        node[i] = condition(c.node, c.type);
      }
    }
    return { node, type: result };
  }
  if (op === 'block' || op === 'loop') {
    let start = 1;
    if (typeof node[1] === 'string' && node[1].startsWith('$')) start = 2;
    let result = null;
    if (isList(node[start]) && node[start][0] === 'result') (result = node[start][1] = widenType(node[start][1])), start++;
    blockBody(node, start, context, result);
    return { node, type: result };
  }
  if (op === 'return') {
    if (node.length > 1) {
      const r = typed(1);
      node[1] = coerce(r.node, r.type, context.result);
    }
    return { node, type: null };
  }
  if (op === 'call' || op === 'call_indirect') {
    const signature = op === 'call' ? context.funcs.get(node[1]) : context.types.get(node[1][1]);
    if (!signature) throw new Error(`wasm64: ${context.func}: unknown callee ${print(node[1])}`);
    const args = operands(node).filter((i) => !(op === 'call_indirect' && i === 1));
    const tableIndex = op === 'call_indirect' ? args.pop() : null;
    if (args.length !== signature.params.length) throw new Error(`wasm64: ${context.func}: ${print(node).slice(0, 60)} passes ${args.length} arguments`);
    args.forEach((i, j) => {
      const r = typed(i);
      node[i] = coerce(r.node, r.type, signature.params[j].type);
    });
    if (tableIndex !== null) {
      const r = typed(tableIndex);
      node[tableIndex] = coerce(r.node, r.type, 'i32');
    }
    return { node, type: signature.results[0] ?? null };
  }
  if (op === 'br' || op === 'nop' || op === 'unreachable') return { node, type: null };
  if (op === 'drop') {
    rewriteAll();
    return { node, type: null };
  }
  // Floating-point and SIMD instructions: operands rewritten in place, no integer operands.
  const types = rewriteAll();
  if (types.includes('i64')) throw new Error(`wasm64: ${context.func}: ${op} got a widened integer operand`);
  if (prefix === 'f64' || prefix === 'f32') return { node, type: INT_COMPARE.has(name) || /^(eq|ne|lt|gt|le|ge)$/.test(name) ? 'i32' : prefix };
  if (op === 'f64x2.extract_lane') return { node, type: 'f64' };
  if (/^(v128|[if](8x16|16x8|32x4|64x2))\./.test(op)) return { node, type: /(all_true|any_true|bitmask|extract_lane_[su]|i(8x16|16x8|32x4)\.extract_lane)/.test(op) ? 'i32' : 'v128' };
  throw new Error(`wasm64: ${context.func}: instruction ${op} is not known to this pass`);
}

function blockBody(node, start, context, result) {
  for (let i = start; i < node.length; i++) {
    const r = expression(node[i], context);
    node[i] = i === node.length - 1 && result ? coerce(r.node, r.type, result) : r.node;
  }
}
