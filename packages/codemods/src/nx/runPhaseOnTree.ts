import { visitNotIgnoredFiles, type Tree } from '@nx/devkit';
import { auditSource, type FileResult } from '../audit/auditFile.js';
import { buildAuditReport } from '../audit/runAudit.js';
import { AUDIT_RULES } from '../audit/rules/ruleSet.js';
import { AetConfigSchema, CONFIG_FILE, type AetConfig } from '../config/aetConfig.js';
import { SOURCE_EXTENSIONS } from '../discovery/discoverFiles.js';
import { filesWithLegacyImports, updateDependencies } from '../migration/dependencyUpdates.js';
import { PackageJsonFile } from '../migration/packageJson.js';
import { pendingEarlierPhase } from '../migration/phaseOrder.js';
import { PHASES, phaseTransform, type PhaseName } from '../migration/phases.js';
import { scanRepository } from '../migration/repositoryScan.js';
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

/** The earliest phase before `phase` that has not run on the tree, if any. */
async function missingPhase(
  tree: Tree,
  phase: PhaseName,
  config: AetConfig,
): Promise<string | undefined> {
  if (PHASES.indexOf(phase) === 0) return undefined;
  const testPath = await ssotTestPathWith((path) => tree.exists(path));
  if (!tree.exists(BASELINE_FILE) || !tree.exists(testPath)) return 'prepare';
  return pendingEarlierPhase(phase, treeSources(tree, config), config)?.phase;
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
  if (updatePackageJson(tree, 'prepare', config, false)) written.push('package.json');
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

/**
 * The dependency changes `phase` implies (the CLI's rules), written to the tree's package.json;
 * returns whether it wrote it.
 */
function updatePackageJson(
  tree: Tree,
  phase: PhaseName,
  config: AetConfig,
  changedSources: boolean,
): boolean {
  const text = tree.read('package.json', 'utf-8');
  if (text === null) return false;
  const packageJson = PackageJsonFile.parse('package.json', text);
  const why = updateDependencies(
    packageJson,
    phase,
    config,
    changedSources,
    () => filesWithLegacyImports(treeSources(tree, config), config).length > 0,
  );
  if (why.length === 0) return false;
  tree.write('package.json', packageJson.text());
  return true;
}
