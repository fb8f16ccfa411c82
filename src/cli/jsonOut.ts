/**
 * JSON written piece by piece — the same text as `JSON.stringify(value, null, 2)`, but an array marked `streamed`
 * is written element by element in batches, each batch waiting for the output to drain: a list of 100,000 schools
 * never becomes one big string.
 */

/** Where text goes: resolves when the text has been handed over (and the output is ready for more). */
export type TextSink = (text: string) => Promise<void>;

const STREAMED = Symbol("streamed");

/** An array (or any iterable) to be written element by element, each element mapped by `map`. */
export interface Streamed<T> {
  readonly [STREAMED]: true;
  readonly items: Iterable<T>;
  readonly map: (item: T) => unknown;
}

export function streamed<T>(items: Iterable<T>, map: (item: T) => unknown = (x) => x): Streamed<T> {
  return { [STREAMED]: true, items, map: map as (item: T) => unknown };
}

function isStreamed(v: unknown): v is Streamed<unknown> {
  return typeof v === "object" && v !== null && (v as Record<symbol, unknown>)[STREAMED] === true;
}

/** `JSON.stringify(v, null, 2)` placed at nesting `depth` (continuation lines indented). */
function nested(v: unknown, depth: number): string {
  const text = JSON.stringify(v, null, 2) ?? "null";
  return depth === 0 ? text : text.replace(/\n/g, `\n${"  ".repeat(depth)}`);
}

/** Batches of about this many characters are handed to the sink. */
const BATCH = 1 << 16;

/** Write `obj` (whose streamed fields are written element by element) as indented JSON and a final newline. */
export async function writeJson(sink: TextSink, obj: Record<string, unknown>): Promise<void> {
  let buf = "";
  const put = async (text: string): Promise<void> => {
    buf += text;
    if (buf.length >= BATCH) {
      const out = buf;
      buf = "";
      await sink(out);
    }
  };
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
  await put("{");
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = obj[k];
    await put(`${i === 0 ? "" : ","}\n  ${JSON.stringify(k)}: `);
    if (!isStreamed(v)) {
      await put(nested(v, 1));
      continue;
    }
    let n = 0;
    for (const item of v.items) {
      await put(`${n === 0 ? "[" : ","}\n    ${nested(v.map(item), 2)}`);
      n++;
    }
    await put(n === 0 ? "[]" : "\n  ]");
  }
  await put(keys.length === 0 ? "}\n" : "\n}\n");
  if (buf) await sink(buf);
}

/** A sink over a Node writable (stdout): waits for `drain` when the stream asks to. */
export function streamSink(stream: NodeJS.WritableStream): TextSink {
  return (text) =>
    new Promise<void>((resolve, reject) => {
      const onError = (e: unknown): void => reject(e);
      stream.once("error", onError);
      const ok = stream.write(text, () => undefined);
      stream.removeListener("error", onError);
      if (ok) resolve();
      else stream.once("drain", () => resolve());
    });
}
