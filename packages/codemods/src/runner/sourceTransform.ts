import type { Collection, JSCodeshift } from 'jscodeshift';

/** Something a transform did at a place in a file, for the run report and `aet plan`. */
export interface TransformEvent {
  /** `rewrite`: code changed; `marker`: a TODO(aet) marker left for a human. */
  readonly kind: 'rewrite' | 'marker';
  /** 1-based line in the file before the run. */
  readonly line: number;
  readonly message: string;
}

/** What a transform gets for one file: the shared tree and the jscodeshift API bound to its parser. */
export interface TransformContext {
  readonly j: JSCodeshift;
  readonly root: Collection;
  readonly path: string;
  readonly source: string;
  /** Reports what the transform did (shown by `aet plan` and in the run report). */
  readonly record: (event: TransformEvent) => void;
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
  /** Files it applies to whatever their text (a receiver the type checker found). */
  readonly files?: ReadonlySet<string>;
  /** Edits `root` in place; returns true when it changed the file. */
  apply(context: TransformContext): boolean;
}
