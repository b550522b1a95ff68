import type { Collection, JSCodeshift } from 'jscodeshift';

/** What a transform gets for one file: the shared tree and the jscodeshift API bound to its parser. */
export interface TransformContext {
  readonly j: JSCodeshift;
  readonly root: Collection;
  readonly path: string;
  readonly source: string;
}

/**
 * A codemod transform for the runner. All transforms of a run share one parse and one print per
 * file: each edits the shared tree and says whether it changed anything.
 */
export interface SourceTransform {
  /** Shown in reports, e.g. `state`. */
  readonly name: string;
  /** The transform can only change a file containing one of these strings (checked before parsing). */
  readonly tokens: readonly string[];
  /** Edits `root` in place; returns true when it changed the file. */
  apply(context: TransformContext): boolean;
}
