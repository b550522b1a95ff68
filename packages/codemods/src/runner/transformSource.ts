import jscodeshift, { type JSCodeshift } from 'jscodeshift';
import { parseForAudit } from '../audit/astIndex.js';
import { parserForFile } from '../audit/parserForFile.js';
import type { SourceTransform, TransformEvent } from './sourceTransform.js';

/** What the transforms did to one file's text. */
export interface SourceResult {
  readonly status: 'unchanged' | 'changed' | 'failed';
  /** Whether the text was parsed (false when no transform's tokens occur in it). */
  readonly parsed: boolean;
  /** The new text, when changed. */
  readonly output?: string;
  /** Transforms that changed it. */
  readonly transforms: readonly string[];
  readonly events: readonly (TransformEvent & { readonly transform: string })[];
  readonly reason?: string;
}

/**
 * Runs `transforms` over one file's text: only those whose tokens occur in it, on one parse, with
 * one print. A transform that throws, or output that does not parse again, fails the file (its
 * text is never half-rewritten); the text is returned unchanged then.
 */
export function transformSource(
  path: string,
  source: string,
  transforms: readonly SourceTransform[],
): SourceResult {
  const candidates = transforms.filter(
    (t) => t.files?.has(path) === true || t.tokens.some((token) => source.includes(token)),
  );
  if (candidates.length === 0)
    return { status: 'unchanged', parsed: false, transforms: [], events: [] };
  const j = apiFor(parserForFile(path));
  const applied: string[] = [];
  const events: (TransformEvent & { transform: string })[] = [];
  let output: string;
  try {
    const tree = j(source);
    for (const transform of candidates) {
      const record = (event: TransformEvent): void => {
        events.push({ ...event, transform: transform.name });
      };
      if (transform.apply({ j, root: tree, path, source, record })) applied.push(transform.name);
    }
    events.sort((a, b) => a.line - b.line);
    if (applied.length === 0) return { status: 'unchanged', parsed: true, transforms: [], events };
    output = tree.toSource({
      quote: dominantQuote(source),
      trailingComma: usesTrailingCommas(source),
    });
  } catch (error) {
    return {
      status: 'failed',
      parsed: false,
      transforms: [],
      events: [],
      reason: `cannot transform${where(error)}: ${(error as Error).message}`,
    };
  }
  if (output === source) return { status: 'unchanged', parsed: true, transforms: [], events };
  try {
    parseForAudit(path, output);
  } catch (error) {
    return {
      status: 'failed',
      parsed: true,
      transforms: [],
      events: [],
      reason: `the rewrite would not parse${where(error)} (${(error as Error).message}); left as it was — please report it`,
    };
  }
  return { status: 'changed', parsed: true, output, transforms: applied, events };
}

// withParser builds a whole new API object (~0.3 ms): one per parser for the process.
const apis = new Map<string, JSCodeshift>();
function apiFor(parser: 'ts' | 'tsx'): JSCodeshift {
  let api = apis.get(parser);
  if (api === undefined) apis.set(parser, (api = jscodeshift.withParser(parser)));
  return api;
}

function where(error: unknown): string {
  const loc = (error as { loc?: { line: number; column: number } }).loc;
  return loc === undefined ? '' : ` at ${loc.line}:${loc.column + 1}`;
}

/** The quote style most of the file's string literals use, so new literals match it. */
function dominantQuote(source: string): 'single' | 'double' {
  const single = source.match(/'[^'\n]*'/g)?.length ?? 0;
  const double = source.match(/"[^"\n]*"/g)?.length ?? 0;
  return double > single ? 'double' : 'single';
}

/** Whether the file ends multi-line lists with a comma, so reprinted lists do too. */
function usesTrailingCommas(source: string): boolean {
  return /,\r?\n\s*[}\])]/.test(source);
}
