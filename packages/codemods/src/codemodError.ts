/** What went wrong before or around a run (not in one file: those are reported per file). */
export type CodemodErrorCode =
  | 'AET_BAD_PATH'
  | 'AET_BAD_CONFIG'
  | 'AET_USAGE'
  | 'AET_DIRTY_TREE'
  | 'AET_PHASE_ORDER'
  | 'AET_BAD_PACKAGE_JSON'
  | 'AET_BAD_BASELINE';

/** A usage or set-up error of the aet CLI and library; the CLI exits with 2. */
export class CodemodError extends Error {
  override readonly name = 'CodemodError';
  constructor(
    readonly code: CodemodErrorCode,
    message: string,
  ) {
    super(message);
  }
}
