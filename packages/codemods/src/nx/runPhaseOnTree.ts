import { visitNotIgnoredFiles, type Tree } from '@nx/devkit';
import { auditSource, type FileResult } from '../audit/auditFile.js';
import { buildAuditReport } from '../audit/runAudit.js';
import { legacyImportRules } from '../audit/rules/legacyImportRules.js';
import { AUDIT_RULES } from '../audit/rules/ruleSet.js';
import { AetConfigSchema, CONFIG_FILE, type AetConfig } from '../config/aetConfig.js';
import { SOURCE_EXTENSIONS } from '../discovery/discoverFiles.js';
import { PHASES, phaseTransform, type PhaseName } from '../migration/phases.js';
import { scanRepository } from '../migration/repositoryScan.js';
import { SOURCE_PHASES, type SourcePhase } from '../migration/runMigration.js';
import { BASELINE_FILE, ssotTestPathWith, ssotTestSource } from '../migration/ssotTestFile.js';
import { formatJson } from '../report/formatJson.js';
import { consumerFormatter } from '../runner/consumerFormatter.js';
import { transformSource } from '../runner/transformSource.js';

const SKIPPED_FOLDERS = /(^|\/)(node_modules|dist|\.nx|\.git)\//;

function readConfig(tree: Tree): AetConfig {
  const text = tree.read(CONFIG_FILE, 'utf-8');
  return AetConfigSchema.parse(text === null ? {} : JSON.parse(text));
}

/** The workspace's source files (honouring .gitignore and .nxignore, as Nx does). */
function treeSources(tree: Tree, config: AetConfig): [string, string][] {
  const sources: [string, string][] = [];
  visitNotIgnoredFiles(tree, '', (path) => {
    if (SKIPPED_FOLDERS.test(path)) return;
    if (!SOURCE_EXTENSIONS.some((extension) => path.endsWith(extension))) return;
    if (config.ignore.some((pattern) => path.startsWith(pattern.replace(/\*+.*$/, '')))) return;
    const text = tree.read(path, 'utf-8');
    if (text !== null) sources.push([path, text]);
  });
  return sources;
}

/** The earliest phase before `phase` that would still change the tree, if any. */
async function missingPhase(
  tree: Tree,
  phase: PhaseName,
  config: AetConfig,
): Promise<string | undefined> {
  const index = PHASES.indexOf(phase);
  if (index === 0) return undefined;
  const testPath = await ssotTestPathWith((path) => tree.exists(path));
  if (!tree.exists(BASELINE_FILE) || !tree.exists(testPath)) return 'prepare';
  const sources = treeSources(tree, config);
  const scan = scanRepository(sources, config);
  const earlier = SOURCE_PHASES.filter((each) => PHASES.indexOf(each) < index);
  for (const each of earlier) {
    const transform = phaseTransform(each, scan);
    if (
      sources.some(([path, text]) => transformSource(path, text, [transform]).status === 'changed')
    )
      return each;
  }
  return undefined;
}

/**
 * Runs one migration phase on an Nx `Tree`, as `nx migrate --run-migrations` does: the same
 * transforms as `aet migrate`, on the tree's files, with the same order check. Returns the next
 * steps Nx prints (the markers left for a human).
 */
export async function runPhaseOnTree(tree: Tree, phase: PhaseName): Promise<string[]> {
  const config = readConfig(tree);
  const missing = await missingPhase(tree, phase, config);
  if (missing !== undefined)
    throw new Error(`aet: phase "${missing}" has not run: run the aet-${missing} migration first`);
  if (phase === 'prepare') return prepareTree(tree, config);
  const sources = treeSources(tree, config);
  const transform = phaseTransform(phase, scanRepository(sources, config));
  const steps: string[] = [];
  const written: string[] = [];
  for (const [path, text] of sources) {
    const result = transformSource(path, text, [transform]);
    if (result.status === 'failed')
      steps.push(`aet ${phase}: ${path} left as it was: ${result.reason ?? ''}`);
    for (const event of result.events)
      if (event.kind === 'marker') steps.push(`${path}:${event.line} TODO(aet): ${event.message}`);
    if (result.output === undefined) continue;
    tree.write(path, result.output);
    written.push(path);
  }
  if (updatePackageJson(tree, phase, config, written.length > 0)) written.push('package.json');
  await formatWritten(tree, written);
  return steps;
}

async function prepareTree(tree: Tree, config: AetConfig): Promise<string[]> {
  const started = performance.now();
  const results: FileResult[] = treeSources(tree, config).map(([path, text]) =>
    auditSource(path, text, AUDIT_RULES, config),
  );
  const report = buildAuditReport(tree.root, false, AUDIT_RULES, results, started);
  tree.write(BASELINE_FILE, `${formatJson(report)}\n`);
  const testPath = await ssotTestPathWith((path) => tree.exists(path));
  tree.write(testPath, ssotTestSource(testPath));
  const written = [BASELINE_FILE, testPath];
  if (addDependency(tree, 'devDependencies', '@aet/test-kit')) written.push('package.json');
  await formatWritten(tree, written);
  return [
    `aet prepare: baseline of ${report.summary.violations} violations in ${BASELINE_FILE}; SSOT test in ${testPath}`,
  ];
}

/**
 * Formats the files this migration wrote with the workspace's Prettier (as the CLI does), and
 * only those: Nx's formatFiles would format every file changed in the tree.
 */
async function formatWritten(tree: Tree, paths: readonly string[]): Promise<void> {
  const formatter = await consumerFormatter(tree.root);
  if (formatter === undefined) return;
  for (const path of paths) {
    const text = tree.read(path, 'utf-8');
    if (text !== null) tree.write(path, await formatter.format(path, text));
  }
}

function addDependency(
  tree: Tree,
  field: 'dependencies' | 'devDependencies',
  name: string,
): boolean {
  if (!tree.exists('package.json')) return false;
  const json = JSON.parse(tree.read('package.json', 'utf-8') ?? '{}') as Record<
    string,
    Record<string, string> | undefined
  >;
  if (json.dependencies?.[name] !== undefined || json.devDependencies?.[name] !== undefined)
    return false;
  const version =
    json.dependencies?.['@aet/legacy-shims'] ??
    json.devDependencies?.['@aet/legacy-shims'] ??
    'latest';
  json[field] = { ...(json[field] ?? {}), [name]: version };
  tree.write('package.json', `${JSON.stringify(json, null, 2)}\n`);
  return true;
}

/** Returns whether it wrote package.json. */
function updatePackageJson(
  tree: Tree,
  phase: SourcePhase,
  config: AetConfig,
  changed: boolean,
): boolean {
  const added = changed && addDependency(tree, 'dependencies', config.targetModule);
  if (phase !== 'finalize' || !tree.exists('package.json')) return added;
  const stillLegacy = treeSources(tree, config).some(
    ([path, text]) => auditSource(path, text, legacyImportRules, config).findings.length > 0,
  );
  if (stillLegacy) return added;
  const json = JSON.parse(tree.read('package.json', 'utf-8') ?? '{}') as Record<
    string,
    Record<string, string> | undefined
  >;
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies'] as const) {
    const deps = json[field];
    if (deps === undefined) continue;
    json[field] = Object.fromEntries(
      Object.entries(deps).filter(([name]) => !config.legacyModules.includes(name)),
    );
  }
  tree.write('package.json', `${JSON.stringify(json, null, 2)}\n`);
  return true;
}
