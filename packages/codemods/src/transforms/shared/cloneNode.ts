import type { Node } from './legacyFile.js';

// Fields that tie a node to its place in the original source; a copy must not have them, or the
// printer would reuse the original text.
const POSITIONAL = new Set(['loc', 'start', 'end', 'range', 'comments', 'tokens', 'original']);

/** A fresh copy of a small expression (a name, `this.x`), to use it a second time. */
export function cloneNode(node: Node): Node {
  return JSON.parse(
    JSON.stringify(node, (key, value: unknown) => (POSITIONAL.has(key) ? undefined : value)),
  ) as Node;
}
