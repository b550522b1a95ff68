/**
 * The jscodeshift parser for a file, by extension: `ts` for `.ts` (angle-bracket casts, no JSX) and
 * `.d.ts`, `tsx` for everything else (TSX, JSX, and JavaScript, which it also accepts).
 * One parser per run cannot be right for a mixed tree (facebook/jscodeshift#286).
 */
export function parserForFile(path: string): 'ts' | 'tsx' {
  return path.endsWith('.ts') ? 'ts' : 'tsx';
}
