import type { AuditRule } from './auditRule.js';
import { directConstructionRule } from './constructionRule.js';
import { directNotifierCallRule } from './directNotifierCallRule.js';
import { followUpRules } from './followUpRules.js';
import { legacyImportRules } from './legacyImportRules.js';
import { manualIdRule } from './manualIdRule.js';

/** Every audit rule, violations first. The test-kit's SSOT assertions use this same set. */
export const AUDIT_RULES: readonly AuditRule[] = [
  ...legacyImportRules,
  directConstructionRule,
  manualIdRule,
  ...followUpRules,
  directNotifierCallRule,
];
