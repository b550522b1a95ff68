import type { LegacyApi } from '../audit/rules/legacyModules.js';
import { legacyApiOfModule, legacyTokens } from '../audit/rules/legacyModules.js';
import { child, children, nameOf, stringValue } from '../audit/rules/auditRule.js';
import { indexAst, parseForAudit } from '../audit/astIndex.js';
import type { AetConfig } from '../config/aetConfig.js';
import { auditSource } from '../audit/auditFile.js';
import { legacyImportRules } from '../audit/rules/legacyImportRules.js';
import { packageOf, packageScope, type PackageManifests } from '../discovery/packageScope.js';
import type { TypedReceivers } from '../gate/typedReceivers.js';
import { apiOfLegacyName } from '../transforms/shared/legacyNames.js';
import { moduleKeyOfFile, moduleKeyOfImport } from './localModules.js';

/** A legacy name a local barrel re-exports. */
export interface BarrelExport {
  /** The name in the legacy module. */
  readonly imported: string;
  readonly api: LegacyApi | undefined;
}

/**
 * What the transforms need to know about the whole repository before editing any file (a
 * scanning pass, as OpenRewrite's ScanningRecipe): which local modules re-export legacy names,
 * and which of those names other files still import from them.
 */
export interface RepositoryScan {
  readonly config: AetConfig;
  /** Module key (see `moduleKeyOfFile`) → exported name → what it re-exports. */
  readonly barrels: ReadonlyMap<string, ReadonlyMap<string, BarrelExport>>;
  /** Module key → names imported from it by other files (`*` for a namespace or `require`). */
  readonly localImports: ReadonlyMap<string, ReadonlySet<string>>;
  /** Strings an importer of a barrel contains (the barrel's last path segment). */
  readonly barrelTokens: readonly string[];
  /**
   * Whether the rules beyond legacy imports (hand-minted ids, follow-up markers) apply to a file:
   * see `packageScope`. Everything is in scope when no `package.json` is known.
   */
  readonly inScope: (path: string) => boolean;
  /**
   * Receivers the consumer's type checker says are legacy objects (see `typedReceivers`): path →
   * start offset → API. Empty when the migration runs without the type checker.
   */
  readonly typedReceivers: TypedReceivers;
}

// `import … from './x'`, `export … from './x'`, `require('./x')`, `import('./x')`.
const RELATIVE_IMPORT =
  /(?:\b(import|export)\s+(type\s+)?([\s\S]*?)\s+from\s+|\brequire\s*\(\s*|\bimport\s*\(\s*)(['"])(\.{1,2}\/[^'"]*)\4/g;

// A re-export from another module: only such files can be barrels, so only they are parsed.
const REEXPORT = /\bexport\s+(?:type\s+)?(?:\{[^}]*\}|\*(?:\s+as\s+\w+)?)\s*from\s*['"]/;

/**
 * Builds the scan from the repository's sources (`path` → text) and its `package.json` files
 * (for the scope of the rules beyond legacy imports).
 */
export function scanRepository(
  sources: Iterable<readonly [path: string, source: string]>,
  config: AetConfig,
  manifests: PackageManifests = new Map(),
  typed: TypedReceivers = new Map(),
): RepositoryScan {
  const tokens = legacyTokens(config);
  const barrels = new Map<string, Map<string, BarrelExport>>();
  const localImports = new Map<string, Set<string>>();
  const packagesWithLegacy = new Set<string | undefined>();
  for (const [path, source] of sources) {
    collectLocalImports(path, source, localImports);
    if (
      tokens.some((token) => source.includes(token)) &&
      auditSource(path, source, legacyImportRules, config).findings.length > 0
    )
      packagesWithLegacy.add(packageOf(path, manifests));
    if (!REEXPORT.test(source) || !tokens.some((token) => source.includes(token))) continue;
    const exports = legacyReexports(path, source, config);
    if (exports.size > 0) barrels.set(moduleKeyOfFile(path), exports);
  }
  const barrelTokens = [...barrels.keys()].map((key) => key.split('/').pop() ?? key);
  const inScope = packageScope(manifests, config, packagesWithLegacy);
  return { config, barrels, localImports, barrelTokens, inScope, typedReceivers: typed };
}

function collectLocalImports(path: string, source: string, into: Map<string, Set<string>>): void {
  for (const match of source.matchAll(RELATIVE_IMPORT)) {
    const key = moduleKeyOfImport(path, match[5] ?? '');
    if (key === undefined) continue;
    let names = into.get(key);
    if (names === undefined) into.set(key, (names = new Set()));
    const clause = match[3];
    const braces = clause === undefined ? undefined : /\{([^}]*)\}/.exec(clause);
    if (braces === undefined || braces === null) {
      names.add('*');
      continue;
    }
    for (const part of (braces[1] ?? '').split(',')) {
      const name = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)[0];
      if (name !== undefined && name !== '') names.add(name);
    }
  }
}

function legacyReexports(
  path: string,
  source: string,
  config: AetConfig,
): Map<string, BarrelExport> {
  const found = new Map<string, BarrelExport>();
  let index;
  try {
    index = indexAst(parseForAudit(path, source));
  } catch {
    return found; // the run reports the parse failure for this file
  }
  for (const node of index.of('ExportNamedDeclaration')) {
    const specifier = stringValue(child(node, 'source'));
    if (specifier === undefined) continue;
    const { legacy, api } = legacyApiOfModule(specifier, config);
    if (!legacy) continue;
    for (const each of children(node, 'specifiers')) {
      if (each.type !== 'ExportSpecifier') continue;
      const imported = nameOf(child(each, 'local'));
      const exported = nameOf(child(each, 'exported')) || imported;
      if (imported === '') continue;
      found.set(exported, { imported, api: api ?? apiOfLegacyName(imported) });
    }
  }
  return found;
}

/** A scan that knows no barrels: for transforms run on a single file. */
export function emptyScan(config: AetConfig): RepositoryScan {
  return {
    config,
    barrels: new Map(),
    localImports: new Map(),
    barrelTokens: [],
    inScope: () => true,
    typedReceivers: new Map(),
  };
}
