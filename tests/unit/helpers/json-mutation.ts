/** Random edits of JSON documents, for fuzzing the readers (circuits, models). */
import fc from 'fast-check';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path (keys and indices) to a value inside a JSON value, the root ([]) first. */
export function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

/** A copy of `value` with the value at `path` replaced, or removed when `replacement` is undefined. */
export function replaceAt(value: Json, path: (string | number)[], replacement: Json | undefined): Json {
  if (path.length === 0) return replacement === undefined ? null : replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    if (replacement === undefined && rest.length === 0) copy.splice(head as number, 1);
    else copy[head as number] = replaceAt(copy[head as number]!, rest, replacement);
    return copy;
  }
  const copy = { ...(value as Record<string, Json>) };
  if (replacement === undefined && rest.length === 0) delete copy[head as string];
  else copy[head as string] = replaceAt(copy[head as string]!, rest, replacement);
  return copy;
}

/** Applies edits in turn: each picks a path by index (modulo the paths the document has by then). */
export function withEdits(doc: Json, edits: readonly (readonly [number, Json | undefined])[]): Json {
  let out = doc;
  for (const [at, value] of edits) {
    const live = paths(out);
    out = replaceAt(out, live[at % live.length]!, value);
  }
  return out;
}

/** Copies of `doc` with one or two values, anywhere, replaced by one of `values` (undefined: removed). */
export function editedDocuments(doc: Json, values: fc.Arbitrary<Json | undefined>): fc.Arbitrary<Json> {
  const count = paths(doc).length;
  return fc.array(fc.tuple(fc.nat(count - 1), values), { minLength: 1, maxLength: 2 }).map((edits) => withEdits(doc, edits));
}
