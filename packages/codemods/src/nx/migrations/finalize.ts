import type { Tree } from '@nx/devkit';
import { runPhaseOnTree } from '../runPhaseOnTree.js';

/** Nx migration `aet-finalize`: `aet migrate --phase finalize` on the workspace tree. */
export default function migrate(tree: Tree): Promise<string[]> {
  return runPhaseOnTree(tree, 'finalize');
}
