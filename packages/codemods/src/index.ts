// The public door of @aet/codemods: the audit engine as a library (the test-kit's SSOT assertions
// use this same rule set), and the CLI's entry.

export { AUDIT_RULES } from './audit/rules/ruleSet.js';
export type {
  AuditRule,
  Finding,
  MigrationPhase,
  RuleContext,
  RuleLevel,
} from './audit/rules/auditRule.js';
export { auditSource } from './audit/auditFile.js';
export type { FileResult, FileStatus } from './audit/auditFile.js';
export { runAudit } from './audit/runAudit.js';
export { MAX_FILE_BYTES, readSourceFile } from './discovery/readSourceFile.js';
export type { SourceRead } from './discovery/readSourceFile.js';
export type { AuditOptions, AuditReport } from './audit/runAudit.js';
export { parserForFile } from './audit/parserForFile.js';
export { indexAst, parseForAudit } from './audit/astIndex.js';
export type { AstIndex, AstNode } from './audit/astIndex.js';
export {
  AetConfigSchema,
  CONFIG_FILE,
  DEFAULT_LEGACY_MODULES,
  DEFAULT_LEGACY_PATH_SUFFIXES,
  loadConfig,
} from './config/aetConfig.js';
export type { AetConfig } from './config/aetConfig.js';
export { discoverFiles, SOURCE_EXTENSIONS } from './discovery/discoverFiles.js';
export type { DiscoveredFiles, SkippedFile } from './discovery/discoverFiles.js';
export { formatJson } from './report/formatJson.js';
export { formatSarif } from './report/formatSarif.js';
export { formatTable } from './report/formatTable.js';
export { CodemodError } from './codemodError.js';
export type { CodemodErrorCode } from './codemodError.js';
export { runTransforms } from './runner/runTransforms.js';
export type {
  TransformRow,
  TransformRunOptions,
  TransformRunResult,
} from './runner/runTransforms.js';
export type { SourceTransform, TransformContext } from './runner/sourceTransform.js';
export { writeFileAtomic } from './runner/atomicWrite.js';
export { transformSource } from './runner/transformSource.js';
export type { SourceResult } from './runner/transformSource.js';
export type { TransformEvent } from './runner/sourceTransform.js';
export {
  PHASES,
  PHASE_SUMMARIES,
  SOURCE_PHASES,
  isPhaseName,
  phaseTransform,
} from './migration/phases.js';
export type { PhaseName, SourcePhase } from './migration/phases.js';
export { scanRepository, emptyScan } from './migration/repositoryScan.js';
export type { BarrelExport, RepositoryScan } from './migration/repositoryScan.js';
export { assertEarlierPhasesDone, runMigration } from './migration/runMigration.js';
export type {
  MigrateOptions,
  MigrationResult,
  PhaseReport,
  WrittenFile,
} from './migration/runMigration.js';
export type { GateSummary } from './gate/gatedRun.js';
export { checkMigration, planMigration } from './migration/planMigration.js';
export type {
  CheckResult,
  MigrationPlan,
  PhasePlan,
  PlannedFile,
} from './migration/planMigration.js';
export { BASELINE_FILE } from './migration/ssotTestFile.js';
export { main } from './cli/main.js';
