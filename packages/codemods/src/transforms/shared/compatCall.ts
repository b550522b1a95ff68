import type { RewriteOutcome } from './apiPhase.js';
import type { CallSite } from './callSites.js';
import { ensureTargetImport } from './imports.js';
import type { LegacyFile } from './legacyFile.js';

/**
 * `receiver.method(args…)` → `name(receiver, args…)`: a function of the SSOT module that computes
 * what the legacy method returned from the tracker, so the rewrite is exact. The receiver and the
 * arguments are evaluated once, in the same order. Through `?.` the legacy call may not happen at
 * all, which a function call cannot say: that call gets `optionalMarker` and stays.
 */
export function toCompatFunction(
  site: CallSite,
  file: LegacyFile,
  name: string,
  optionalMarker: string,
): RewriteOutcome {
  if (site.call.type === 'OptionalCallExpression' || site.receiver.type.startsWith('Optional'))
    return { marker: optionalMarker };
  const local = ensureTargetImport(file, name);
  file
    .j(site.path)
    .replaceWith(
      file.j.callExpression(file.j.identifier(local), [
        site.receiver as never,
        ...(site.call.arguments as never[]),
      ]),
    );
  return { rewritten: `${site.method}(…) → ${name}(tracker, …)` };
}
