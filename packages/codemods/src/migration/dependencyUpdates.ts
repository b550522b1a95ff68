import { readFileSync } from 'node:fs';
import { auditSource } from '../audit/auditFile.js';
import { legacyImportRules } from '../audit/rules/legacyImportRules.js';
import type { AetConfig } from '../config/aetConfig.js';
import type { PackageJsonFile } from './packageJson.js';
import type { PhaseName } from './phases.js';

const OWN_VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

/** The version range to give `@aet/*` packages: the legacy shims' (same release), else ours. */
export function aetVersion(packageJson: PackageJsonFile, config: AetConfig): string {
  for (const module of config.legacyModules) {
    const version = packageJson.versionOf(module);
    if (version !== undefined) return version;
  }
  return `^${OWN_VERSION}`;
}

/** The files of `sources` that still import a legacy module. */
export function filesWithLegacyImports(
  sources: Iterable<readonly [path: string, text: string]>,
  config: AetConfig,
): string[] {
  const files: string[] = [];
  for (const [path, text] of sources) {
    if (auditSource(path, text, legacyImportRules, config).findings.length > 0) files.push(path);
  }
  return files;
}

/**
 * The dependency changes a phase implies, made on `packageJson`; returns why, one line each:
 * prepare adds `@aet/test-kit`; a source phase that changed code adds the SSOT module; finalize
 * removes the legacy packages once `legacyRemains()` says nothing imports them (asked only then).
 */
export function updateDependencies(
  packageJson: PackageJsonFile,
  phase: PhaseName,
  config: AetConfig,
  changedSources: boolean,
  legacyRemains: () => boolean,
): string[] {
  const version = aetVersion(packageJson, config);
  const why: string[] = [];
  if (phase === 'prepare') {
    if (packageJson.ensure('devDependencies', '@aet/test-kit', version))
      why.push('devDependencies: @aet/test-kit (run npm install)');
    return why;
  }
  if (changedSources && packageJson.ensure('dependencies', config.targetModule, version))
    why.push(`dependencies: ${config.targetModule}`);
  if (phase === 'finalize' && !legacyRemains()) {
    for (const module of config.legacyModules) {
      if (!module.startsWith('.') && packageJson.remove(module)) why.push(`removed ${module}`);
    }
  }
  return why;
}
