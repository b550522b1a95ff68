import type { ASTPath } from 'jscodeshift';
import type { RewriteOutcome } from './apiPhase.js';
import { argumentAt, hasSpread } from './callSites.js';
import { ensureTargetImport } from './imports.js';
import type { LegacyApi } from '../../audit/rules/legacyModules.js';
import type { LegacyFile, Node } from './legacyFile.js';
import { LEGACY_CLASSES, LEGACY_GETTERS, SHARED_NAMES } from './legacyNames.js';

/**
 * `getExecutionTracker()` of the SSOT module, replacing the node at `path`, in the phase of
 * `api`. (The legacy ExecutionTracker module has a `getExecutionTracker` too: it moves to the
 * SSOT only in the engines phase, so an earlier phase imports the SSOT's under an alias.)
 */
export function replaceWithSingleton(file: LegacyFile, path: ASTPath, api: LegacyApi): void {
  const local = ensureTargetImport(file, 'getExecutionTracker', { moving: api });
  file.j(path).replaceWith(file.j.callExpression(file.j.identifier(local), []));
}

/** The `tracker` of shim options `{ tracker: t }` (nothing else), or undefined. */
export function trackerOption(options: Node | undefined): Node | undefined {
  if (options?.type !== 'ObjectExpression') return undefined;
  const properties = options['properties'] as Node[];
  if (properties.length !== 1) return undefined;
  const [property] = properties;
  if (property?.type !== 'ObjectProperty' && property?.type !== 'Property') return undefined;
  const key = property['key'] as Node;
  if (property['computed'] === true || key.type !== 'Identifier' || key['name'] !== 'tracker')
    return undefined;
  return property['value'] as Node;
}

/**
 * `new AgentStateTracker()` / `new ExecutionTracker()` → `getExecutionTracker()`, and with shim
 * options `{ tracker: t }` → `t`. Other options have no SSOT equivalent at the call: a marker.
 */
export function constructOnTracker(
  path: ASTPath,
  node: Node & { arguments: Node[] },
  file: LegacyFile,
  name: string,
): RewriteOutcome {
  const args = node.arguments;
  if (hasSpread(args) || args.length > 1)
    return { marker: `new ${name}(…) with these arguments: construct the tracker by hand` };
  const options = argumentAt(args, 0);
  if (options === undefined) {
    replaceWithSingleton(file, path, apiOf(name));
    return { rewritten: `new ${name}() → getExecutionTracker()` };
  }
  const tracker = trackerOption(options);
  if (tracker === undefined)
    return {
      marker: `new ${name}(options): only { tracker } has an SSOT equivalent; pass the tracker configured as these options ask`,
    };
  file.j(path).replaceWith(tracker as never);
  return { rewritten: `new ${name}({ tracker }) → the tracker` };
}

/** A module-level legacy getter → `getExecutionTracker()`. */
export function getterToSingleton(
  path: ASTPath,
  node: Node & { arguments: Node[] },
  file: LegacyFile,
  name: string,
): RewriteOutcome {
  if (node.arguments.length > 0)
    return { marker: `${name}(…) with arguments has no SSOT equivalent` };
  replaceWithSingleton(file, path, apiOf(name));
  return { rewritten: `${name}() → getExecutionTracker()` };
}

/** The legacy API a class or getter name belongs to. */
function apiOf(name: string): LegacyApi {
  return LEGACY_CLASSES[name] ?? LEGACY_GETTERS[name] ?? SHARED_NAMES[name] ?? 'executionTracker';
}
