import type { Tree } from '@nx/devkit';
import { runPhaseOnTree } from '../runPhaseOnTree.js';

/** Nx migration `aet-timeouts`: `aet migrate --phase timeouts` on the workspace tree. */
export default function migrate(tree: Tree): Promise<string[]> {
  return runPhaseOnTree(tree, 'timeouts');
}
