import type { AetConfig } from '../config/aetConfig.js';
import { transformSource } from '../runner/transformSource.js';
import {
  PHASES,
  phaseTransform,
  SOURCE_PHASES,
  type PhaseName,
  type SourcePhase,
} from './phases.js';
import { scanRepository } from './repositoryScan.js';
import type { PackageManifests } from '../discovery/packageScope.js';

/** An earlier phase that would still change files. */
export interface PendingPhase {
  readonly phase: SourcePhase;
  readonly files: readonly string[];
}

/**
 * The earliest source phase before `phase` that would still change one of `sources` (a dry run
 * of the earlier phases, one parse per file), with the files it would change. The CLI and the
 * Nx migrations both refuse a phase while this finds one.
 */
export function pendingEarlierPhase(
  phase: PhaseName,
  sources: readonly (readonly [path: string, text: string])[],
  config: AetConfig,
  manifests?: PackageManifests,
): PendingPhase | undefined {
  const earlier = SOURCE_PHASES.filter((each) => PHASES.indexOf(each) < PHASES.indexOf(phase));
  if (earlier.length === 0) return undefined;
  const scan = scanRepository(sources, config, manifests);
  const transforms = earlier.map((each) => phaseTransform(each, scan));
  const changing = new Map<SourcePhase, string[]>();
  for (const [path, text] of sources) {
    for (const name of transformSource(path, text, transforms).transforms) {
      const each = name as SourcePhase;
      changing.set(each, [...(changing.get(each) ?? []), path]);
    }
  }
  const missing = earlier.find((each) => changing.has(each));
  return missing === undefined ? undefined : { phase: missing, files: changing.get(missing) ?? [] };
}
