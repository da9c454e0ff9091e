/**
 * Comlink sends a thrown Error as {name, message, stack} only. This keeps SuperposeError's
 * `code`, `where` and `hint` (the memory guard's "too-large", a parse error's position) on
 * the way to the main thread, where comlink assigns them onto the rebuilt Error.
 */
import { transferHandlers } from 'comlink';

interface ThrowHandler {
  canHandle(value: unknown): boolean;
  serialize(value: unknown): [unknown, Transferable[]];
  deserialize(value: unknown): unknown;
}

let installed = false;

export function installErrorDetails(): void {
  if (installed) return;
  installed = true;
  const base = transferHandlers.get('throw') as unknown as ThrowHandler | undefined;
  if (!base) return;
  const handler: ThrowHandler = {
    canHandle: (value) => base.canHandle(value),
    serialize(thrown) {
      const [wire, transferables] = base.serialize(thrown);
      const error = (thrown as { value?: unknown }).value;
      const w = wire as { isError?: boolean; value?: Record<string, unknown> };
      if (w.isError && w.value && error instanceof Error) {
        const e = error as Error & { code?: unknown; where?: unknown; hint?: unknown };
        if (typeof e.code === 'string') w.value.code = e.code;
        if (typeof e.where === 'string') w.value.where = e.where;
        if (typeof e.hint === 'string') w.value.hint = e.hint;
      }
      return [wire, transferables];
    },
    deserialize: (wire) => base.deserialize(wire),
  };
  transferHandlers.set('throw', handler as never);
}
