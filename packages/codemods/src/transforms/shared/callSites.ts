import type { ASTPath, JSCodeshift } from 'jscodeshift';
import type { LegacyApi } from '../../audit/rules/legacyModules.js';
import type { LegacyFile, Node } from './legacyFile.js';

/** A call of a method on a legacy object: `receiver.method(args)` or `receiver?.method(args)`. */
export interface CallSite {
  readonly path: ASTPath;
  readonly call: Node & { arguments: Node[] };
  readonly receiver: Node;
  readonly method: string;
  /** 1-based line in the original source. */
  readonly line: number;
}

/** The 1-based line a node starts on in the original source (0 for a node the transform made). */
export function lineOf(node: object): number {
  const loc = (node as { loc?: { start?: { line?: unknown } } | null }).loc;
  return typeof loc?.start?.line === 'number' ? loc.start.line : 0;
}

/** Where a node starts in the original source (0 for a node the transform made). */
export function startOf(node: object): number {
  const start = (node as { start?: unknown }).start;
  return typeof start === 'number' ? start : 0;
}

/**
 * The method calls on objects of `api` in the file, innermost and last first: a rewrite may
 * move an outer call's arguments into a new object, and the inner calls are already done then.
 */
export function legacyCallSites(file: LegacyFile, api: LegacyApi): CallSite[] {
  const sites: CallSite[] = [];
  const seen = new Set<object>();
  const visit = (path: ASTPath): void => {
    const call = path.node as Node & { arguments: Node[] };
    if (seen.has(call)) return;
    seen.add(call);
    const callee = call['callee'] as Node;
    if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') return;
    const property = callee['property'] as Node;
    if (callee['computed'] === true || property.type !== 'Identifier') return;
    const receiver = callee['object'] as Node;
    if (file.apiOfExpression(receiver) !== api) return;
    sites.push({
      path,
      call,
      receiver,
      method: property['name'],
      line: lineOf(call),
    });
  };
  for (const path of file.index.of('CallExpression', 'OptionalCallExpression')) visit(path);
  return sites.sort((a, b) => startOf(b.call) - startOf(a.call));
}

/** The argument at `index`, or undefined when absent or literally `undefined`. */
export function argumentAt(args: readonly Node[], index: number): Node | undefined {
  const node = args[index];
  if (node === undefined) return undefined;
  if (node.type === 'Identifier' && node['name'] === 'undefined') return undefined;
  return node;
}

/** What a rewrite answers for a call whose arguments are spread (see {@link hasSpread}). */
export const SPREAD = {
  marker: 'the arguments are spread: map them to the tracker call by hand',
} as const;

/** Whether a call's arguments cannot be mapped one by one (spread). */
export function hasSpread(args: readonly Node[]): boolean {
  return args.some((arg) => arg.type === 'SpreadElement');
}

/** An expression safe to evaluate twice: a name, `this.x`, `a.b.c`, or a literal. */
export function isRepeatable(node: Node): boolean {
  switch (node.type as string) {
    case 'Identifier':
    case 'ThisExpression':
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'Literal':
      return true;
    case 'MemberExpression':
      return node['computed'] !== true && isRepeatable(node['object'] as Node);
    default:
      return false;
  }
}

/** `{ key: value, … }` with the undefined entries left out and `{ key }` shorthand where it fits. */
export function objectOf(j: JSCodeshift, entries: readonly [string, Node | undefined][]): Node {
  const properties = entries.flatMap(([key, value]) => {
    if (value === undefined) return [];
    const property = j.objectProperty(j.identifier(key), value as never);
    if (value.type === 'Identifier' && value['name'] === key) property.shorthand = true;
    return [property];
  });
  return j.objectExpression(properties) as unknown as Node;
}

/**
 * A legacy callback (`() => Promise<T>`) as an SSOT callback, which is called with an argument
 * (a signal, an attempt number): a function literal without parameters is passed as it is;
 * anything else is wrapped, so it is never called with an argument it does not expect.
 */
export function asCallback(j: JSCodeshift, node: Node): Node {
  const isLiteralFunction =
    node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression';
  if (isLiteralFunction && (node['params'] as unknown[]).length === 0) return node;
  return j.arrowFunctionExpression([], j.callExpression(node as never, [])) as unknown as Node;
}

/** Renames the method of a call site in place (keeps `?.` and the receiver as written). */
export function renameMethod(j: JSCodeshift, site: CallSite, method: string): void {
  const callee = site.call['callee'] as Node & { property: unknown };
  callee.property = j.identifier(method);
}

/** Replaces a call's arguments. */
export function setArguments(site: CallSite, args: readonly Node[]): void {
  site.call.arguments = [...args];
}

/**
 * A legacy method returned a promise where the SSOT method returns the value: `await x.m()`
 * loses the `await`; a call whose value is unused stays as it is; anywhere else the value is
 * wrapped in `Promise.resolve(…)` so the surrounding code still gets a promise.
 */
export function unwrapLegacyPromise(j: JSCodeshift, site: CallSite): void {
  const parentPath = site.path.parent as ASTPath | null;
  const parent = parentPath?.node as Node | undefined;
  if (parent === undefined || parentPath === null) return;
  if (parent.type === 'AwaitExpression') {
    j(parentPath).replaceWith(site.call as never);
    return;
  }
  const unused =
    parent.type === 'ExpressionStatement' ||
    (parent.type === 'UnaryExpression' && parent['operator'] === 'void');
  if (unused) return;
  j(site.path).replaceWith(
    j.callExpression(j.memberExpression(j.identifier('Promise'), j.identifier('resolve')), [
      site.call as never,
    ]),
  );
}

/** A rewrite that only renames the method (the arguments mean the same), with an optional marker. */
export function renameTo(
  to: string,
  marker?: string,
): (site: CallSite, file: { j: JSCodeshift }) => { rewritten: string; marker?: string } {
  return (site, file) => {
    renameMethod(file.j, site, to);
    return { rewritten: `${site.method} → ${to}`, ...(marker === undefined ? {} : { marker }) };
  };
}
