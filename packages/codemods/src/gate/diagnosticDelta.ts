import { relative } from 'node:path';
import type * as TypeScript from 'typescript';
import type { Ts } from './typeScriptProject.js';

/** One diagnostic, with where it is (for the report) and what it says (to compare by). */
export interface FileDiagnostic {
  /** `TS2339 Property 'healthy' does not exist on type …` — the same before and after an edit. */
  readonly key: string;
  /** `src/health.ts:12:5 TS2339 Property …` */
  readonly text: string;
}

/** The syntactic and semantic diagnostics of one file of a program. */
export function diagnosticsOf(
  ts: Ts,
  program: TypeScript.Program,
  file: string,
  root: string,
): FileDiagnostic[] {
  const sourceFile = program.getSourceFile(file);
  if (sourceFile === undefined) return [];
  const all = [
    ...program.getSyntacticDiagnostics(sourceFile),
    ...program.getSemanticDiagnostics(sourceFile),
  ];
  return all.map((diagnostic) => {
    const key = `TS${String(diagnostic.code)} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
    let where = relative(root, file).split('\\').join('/');
    if (diagnostic.start !== undefined) {
      const { line, character } = sourceFile.getLineAndCharacterOfPosition(diagnostic.start);
      where += `:${String(line + 1)}:${String(character + 1)}`;
    }
    return { key, text: `${where} ${key}` };
  });
}

/**
 * The diagnostics of `after` that `before` did not have, compared by what they say (an edit moves
 * positions; it must not add messages).
 */
export function addedDiagnostics(
  before: readonly FileDiagnostic[],
  after: readonly FileDiagnostic[],
): FileDiagnostic[] {
  const remaining = new Map<string, number>();
  for (const { key } of before) remaining.set(key, (remaining.get(key) ?? 0) + 1);
  const added: FileDiagnostic[] = [];
  for (const diagnostic of after) {
    const left = remaining.get(diagnostic.key) ?? 0;
    if (left > 0) remaining.set(diagnostic.key, left - 1);
    else added.push(diagnostic);
  }
  return added;
}
