import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { EXECUTION_TRACKER_METHODS } from './engines/executionTrackerMethods.js';
import {
  LEGACY_CLASSES,
  LEGACY_GETTERS,
  LEGACY_TYPES,
  SHARED_NAMES,
} from './shared/legacyNames.js';
import { STATE_METHODS } from './state/stateTransform.js';
import { TIMEOUT_METHODS } from './timeouts/timeoutsTransform.js';

const METHODS = {
  AgentStateTracker: STATE_METHODS,
  AgentExecutionTimeoutManager: TIMEOUT_METHODS,
  ExecutionTracker: EXECUTION_TRACKER_METHODS,
} as const;

/** Module-level functions a phase rewrites besides the getters (`functions` of its spec). */
const FUNCTIONS = new Set(['configureTimeoutManager']);

/**
 * Public members and exports of the shims with no rewrite yet, and why. The test fails when one
 * is added to the shims without a rewrite or an entry here, and when an entry here gets a rewrite.
 */
const NOT_REWRITTEN: Readonly<Record<string, string>> = {
  'AgentExecutionTimeoutManager.config':
    'a property read, not a call: tracker.configuration.timeoutConfig has the same fields',
  AgentStateTrackerOptions: 'the options of the shim constructor, whose rewrite marks any option',
  TimeoutManagerOptions: 'the options of the shim constructor, whose rewrite marks any option',
  ShimOptions: 'the options of the shim constructors, whose rewrites mark any option',
  RecoveryCallback:
    'the callback of registerRecoveryCallback, which has no single SSOT call (onDeath, onTimeout)',
  DEPRECATIONS: 'the shims’ own list of deprecation codes, not part of the legacy API',
  DeprecatedApi: 'the type of the shims’ own deprecation codes, not part of the legacy API',
};

const shims = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'legacy-shims',
  'src',
);
/** The package's entry points (its `exports`): what a consumer can import. */
const ENTRY_POINTS = [
  'index.ts',
  'agentStateTracker.ts',
  'executionTimeoutManager.ts',
  'executionTracker.ts',
];

function isPublic(declaration: ts.Declaration): boolean {
  const modifiers = ts.canHaveModifiers(declaration) ? (ts.getModifiers(declaration) ?? []) : [];
  const name = ts.getNameOfDeclaration(declaration);
  return (
    !ts.isConstructorDeclaration(declaration) &&
    name !== undefined &&
    !ts.isPrivateIdentifier(name) &&
    !modifiers.some(
      (m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword,
    )
  );
}

/**
 * Every name a consumer can import from the shims (values and types, through re-exports), and
 * `Class.member` for each public member of the exported classes: read with the type checker.
 */
function legacySurface(): string[] {
  const program = ts.createProgram(
    ENTRY_POINTS.map((file) => join(shims, file)),
    {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      customConditions: ['@aet/source'],
      noEmit: true,
    },
  );
  const checker = program.getTypeChecker();
  const surface = new Set<string>();
  for (const entry of ENTRY_POINTS) {
    const source = program.getSourceFile(join(shims, entry));
    const module = source === undefined ? undefined : checker.getSymbolAtLocation(source);
    if (module === undefined) throw new Error(`cannot read ${entry}`);
    for (const exported of checker.getExportsOfModule(module)) {
      surface.add(exported.name);
      const symbol =
        exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (!(symbol.flags & ts.SymbolFlags.Class)) continue;
      for (const member of symbol.members?.values() ?? []) {
        const declaration = member.declarations?.[0];
        if (declaration !== undefined && isPublic(declaration) && member.name !== '__constructor')
          surface.add(`${exported.name}.${member.name}`);
      }
    }
  }
  return [...surface].sort();
}

function handled(entry: string): boolean {
  const [owner = '', member] = entry.split('.');
  if (member !== undefined) {
    const methods: Readonly<Record<string, unknown>> | undefined =
      owner in METHODS ? METHODS[owner as keyof typeof METHODS] : undefined;
    return methods !== undefined && member in methods;
  }
  return (
    owner in LEGACY_CLASSES ||
    owner in LEGACY_GETTERS ||
    owner in SHARED_NAMES ||
    owner in LEGACY_TYPES ||
    FUNCTIONS.has(owner)
  );
}

describe('the legacy surface', () => {
  it('has a rewrite for every public member and export of the shims, or a reason it has none', () => {
    const surface = legacySurface();
    expect(surface).toContain('AgentStateTracker.transitionPhase');
    expect(surface).toContain('AgentExecutionTimeoutManager.createFallbackResponse');
    expect(surface.filter((entry) => !handled(entry))).toEqual(Object.keys(NOT_REWRITTEN).sort());
  });

  it('lists no reason for a member that has a rewrite, nor for one the shims do not have', () => {
    const surface = new Set(legacySurface());
    for (const entry of Object.keys(NOT_REWRITTEN)) {
      expect(surface.has(entry), `${entry} is not in the shims`).toBe(true);
      expect(handled(entry), `${entry} has a rewrite now`).toBe(false);
    }
  });
});
