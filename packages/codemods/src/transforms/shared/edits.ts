import type { ASTPath } from 'jscodeshift';
import type { TransformEvent } from '../../runner/sourceTransform.js';
import type { LegacyFile } from './legacyFile.js';
import { addMarker, markerAnchor, MARKER } from './markers.js';

/** What one transform did to one file: whether it changed it, with an event per site. */
export class Edits {
  changed = false;

  constructor(
    readonly file: LegacyFile,
    private readonly record: (event: TransformEvent) => void,
  ) {}

  /** Records a rewrite at `line`. */
  rewrote(line: number, message: string): void {
    this.changed = true;
    this.record({ kind: 'rewrite', line, message });
  }

  /** Leaves a TODO(aet) marker above `path` (once) and records it. */
  mark(path: ASTPath, line: number, message: string): void {
    if (addMarker(this.file.j, path, message)) this.changed = true;
    this.record({ kind: 'marker', line, message });
  }

  /**
   * Whether the statement holding `path` already carries a TODO(aet) marker (from this run or an
   * earlier one): a second, vaguer marker there would only repeat it.
   */
  isMarked(path: ASTPath): boolean {
    const anchor = markerAnchor(this.file.j, path).node as {
      comments?: { value: string }[] | null;
    };
    return (anchor.comments ?? []).some((comment) => comment.value.includes(MARKER));
  }

  /** Records a structural change (imports) that is not a call site. */
  touched(): void {
    this.changed = true;
  }
}
