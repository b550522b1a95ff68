import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeTempRepos, run, tempRepo } from './tempRepo.js';
import { CodemodError, runTransforms, type SourceTransform } from '@aet/codemods';

afterEach(removeTempRepos);

const repo = tempRepo;

/** A real transform: imports of LegacyThing from 'legacy-lib' become NewThing from 'new-lib'. */
const renameImport: SourceTransform = {
  name: 'rename',
  tokens: ['legacy-lib'],
  apply: ({ j, root }) => {
    let changed = false;
    root.find(j.ImportDeclaration, { source: { value: 'legacy-lib' } }).forEach((path) => {
      path.node.source = j.stringLiteral('new-lib');
      for (const specifier of path.node.specifiers ?? []) {
        if (specifier.type === 'ImportSpecifier' && specifier.imported.name === 'LegacyThing') {
          specifier.imported = j.identifier('NewThing');
          if (specifier.local?.name === 'LegacyThing') specifier.local = j.identifier('NewThing');
        }
      }
      changed = true;
    });
    root.find(j.Identifier, { name: 'LegacyThing' }).forEach((path) => {
      path.node.name = 'NewThing';
      changed = true;
    });
    return changed;
  },
};

const LEGACY =
  "// the thing we use\nimport { LegacyThing } from 'legacy-lib';\n\nexport const thing = new LegacyThing(  1 ,2 ); // odd spacing kept\n";
const UNTOUCHED = "import { other } from 'other-lib';\nexport const x = other(   );\n";

describe(runTransforms, () => {
  it('rewrites matching files, keeps comments and formatting, and leaves other files byte for byte', async () => {
    const dir = await repo({
      'src/a.ts': LEGACY,
      'src/b.ts': UNTOUCHED,
      'src/c.tsx':
        "import { LegacyThing } from 'legacy-lib';\nexport const el = <LegacyThing />;\n",
    });
    const result = await runTransforms(dir, [renameImport]);
    expect(result.summary).toMatchObject({ scanned: 3, changed: 2, failed: 0, parsed: 2 });
    expect(await readFile(join(dir, 'src/a.ts'), 'utf8')).toBe(
      "// the thing we use\nimport { NewThing } from 'new-lib';\n\nexport const thing = new NewThing(  1 ,2 ); // odd spacing kept\n",
    );
    expect(await readFile(join(dir, 'src/b.ts'), 'utf8')).toBe(UNTOUCHED);
    expect(await readFile(join(dir, 'src/c.tsx'), 'utf8')).toContain('<NewThing />');
    expect(result.rows.find((r) => r.path === 'src/a.ts')).toEqual({
      path: 'src/a.ts',
      status: 'changed',
      parsed: true,
      transforms: ['rename'],
      events: [],
    });
    expect(result.rows.find((r) => r.path === 'src/b.ts')).toMatchObject({
      status: 'unchanged',
      parsed: false,
    });
  });

  it('changes nothing on a second run', async () => {
    const dir = await repo({ 'src/a.ts': LEGACY });
    await runTransforms(dir, [renameImport]);
    await run('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qam', 'migrated'], {
      cwd: dir,
    });
    const again = await runTransforms(dir, [renameImport]);
    expect(again.summary.changed).toBe(0);
  });

  it('writes nothing on a dry run, and gives unified diffs', async () => {
    const dir = await repo({ 'src/a.ts': LEGACY });
    const result = await runTransforms(dir, [renameImport], { dry: true, diff: true });
    expect(await readFile(join(dir, 'src/a.ts'), 'utf8')).toBe(LEGACY);
    expect(result.diffs).toHaveLength(1);
    expect(result.diffs[0]).toContain('--- a/src/a.ts\n+++ b/src/a.ts');
    expect(result.diffs[0]).toContain(
      "-import { LegacyThing } from 'legacy-lib';\n+import { NewThing } from 'new-lib';",
    );
  });

  it('refuses to write over uncommitted changes unless allowed, naming them', async () => {
    const dir = await repo({ 'src/a.ts': LEGACY });
    await writeFile(join(dir, 'src/wip.ts'), 'export {};\n');
    await expect(runTransforms(dir, [renameImport])).rejects.toThrow(CodemodError);
    await expect(runTransforms(dir, [renameImport])).rejects.toThrow(
      /uncommitted changes \(src\/wip\.ts\).*--allow-dirty/,
    );
    expect(await readFile(join(dir, 'src/a.ts'), 'utf8')).toBe(LEGACY);
    const allowed = await runTransforms(dir, [renameImport], { allowDirty: true });
    expect(allowed.summary.changed).toBe(1);
  });

  it('warns when the folder is not a git repository, and still runs', async () => {
    const dir = await repo({ 'src/a.ts': LEGACY }, { git: false });
    const result = await runTransforms(dir, [renameImport]);
    expect(result.warnings[0]).toMatch(/is not a git repository/);
    expect(result.summary.changed).toBe(1);
  });

  it('reports a file that does not parse and leaves it alone; writes leave no temporary files', async () => {
    const broken = "import { LegacyThing } from 'legacy-lib';\nconst = ;\n";
    const dir = await repo({ 'src/broken.ts': broken, 'src/a.ts': LEGACY });
    const result = await runTransforms(dir, [renameImport]);
    expect(result.rows.find((r) => r.path === 'src/broken.ts')).toMatchObject({ status: 'failed' });
    expect(result.rows.find((r) => r.path === 'src/broken.ts')?.reason).toMatch(
      /^cannot transform at 2:\d+/,
    );
    expect(await readFile(join(dir, 'src/broken.ts'), 'utf8')).toBe(broken);
    expect((await readdir(join(dir, 'src'))).sort()).toEqual(['a.ts', 'broken.ts']);
  });
});
