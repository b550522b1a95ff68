import { resolve, relative } from 'node:path';
import type * as TypeScript from 'typescript';
import type { LegacyApi } from '../audit/rules/legacyModules.js';
import type { AetConfig } from '../config/aetConfig.js';
import { LEGACY_CLASSES } from '../transforms/shared/legacyNames.js';
import {
  loadTypeScript,
  groupByTsconfig,
  OverlayHost,
  parseProject,
  type Ts,
} from './typeScriptProject.js';

/** Root-relative path → start offset of a receiver expression → the legacy API its type is. */
export type TypedReceivers = ReadonlyMap<string, ReadonlyMap<number, LegacyApi>>;

/**
 * The receivers of method calls whose type, by the consumer's own type checker (its nearest
 * `tsconfig.json`), is exactly one of the legacy classes — however they are reached: a getter,
 * `deps.states`, an optional field, a parameter typed in another module, `(a ?? b)`. Instances
 * of a subclass are not counted (its overrides would be bypassed). Files no tsconfig includes
 * get nothing here; the rules by name still apply to them.
 */
export async function typedReceivers(
  root: string,
  files: readonly string[],
  overlay: ReadonlyMap<string, string>,
  config: AetConfig,
): Promise<TypedReceivers> {
  const ts = await loadTypeScript();
  const absoluteRoot = resolve(root);
  const { projects } = groupByTsconfig(absoluteRoot, files);
  const texts = new Map([...overlay].map(([path, text]) => [resolve(absoluteRoot, path), text]));
  const found = new Map<string, Map<number, LegacyApi>>();
  for (const [tsconfig, paths] of projects) {
    const project = parseProject(ts, tsconfig);
    if (!project.ok) continue;
    const wanted = new Set(paths.map((path) => resolve(absoluteRoot, path)));
    const program = new OverlayHost(ts, project.options, texts).createProgram(
      project.files,
      project.options,
    );
    const checker = program.getTypeChecker();
    for (const sourceFile of program.getSourceFiles()) {
      const file = resolve(sourceFile.fileName);
      if (!wanted.has(file)) continue;
      const receivers = new Map<number, LegacyApi>();
      const visit = (node: TypeScript.Node): void => {
        if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
          const receiver = node.expression.expression;
          // `super.m()` and `this.m()` inside a subclass of a legacy class are its own business.
          const own =
            receiver.kind === ts.SyntaxKind.SuperKeyword ||
            receiver.kind === ts.SyntaxKind.ThisKeyword;
          const api = own
            ? undefined
            : legacyApiOfType(ts, checker, checker.getTypeAtLocation(receiver), config);
          if (api !== undefined) {
            receivers.set(receiver.getStart(sourceFile), api);
            receivers.set(skipParentheses(ts, receiver).getStart(sourceFile), api);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(sourceFile);
      if (receivers.size > 0)
        found.set(relative(absoluteRoot, file).split('\\').join('/'), receivers);
    }
  }
  return found;
}

function skipParentheses(ts: Ts, node: TypeScript.Expression): TypeScript.Expression {
  let current = node;
  while (ts.isParenthesizedExpression(current)) current = current.expression;
  return current;
}

/** The legacy API of a type that is exactly a legacy class (or it, or undefined / null). */
function legacyApiOfType(
  ts: Ts,
  checker: TypeScript.TypeChecker,
  type: TypeScript.Type,
  config: AetConfig,
): LegacyApi | undefined {
  const defined = checker.getNonNullableType(type);
  const symbol = defined.getSymbol();
  if (symbol === undefined) return undefined;
  const api = LEGACY_CLASSES[symbol.getName()];
  if (api === undefined) return undefined;
  const declared = symbol.declarations?.[0]?.getSourceFile().fileName ?? '';
  const fromLegacy =
    declared.includes('/legacy-shims/') ||
    config.legacyPathSuffixes.some((suffix) =>
      declared.replace(/(\.d)?\.[cm]?[jt]sx?$/, '').endsWith(suffix),
    );
  return fromLegacy && (symbol.flags & ts.SymbolFlags.Class) !== 0 ? api : undefined;
}
