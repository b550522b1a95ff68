import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AetConfigSchema, phaseTransform, scanRepository, transformSource } from '@aet/codemods';
import type { SourcePhase } from '@aet/codemods';

// Fixture pairs per phase: `<case>.input.<ext>` becomes `<case>.output.<ext>`. A case whose
// output equals its input is a no-op fixture: the file must come out byte for byte.
// UPDATE_FIXTURES=1 rewrites the outputs (then review the diff before committing).
const fixtures = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__');
const config = AetConfigSchema.parse({});
const update = process.env.UPDATE_FIXTURES === '1';

function migrate(phase: SourcePhase, path: string, source: string) {
  const scan = scanRepository([[path, source]], config);
  return transformSource(path, source, [phaseTransform(phase, scan)]);
}

for (const phase of ['state', 'timeouts', 'engines', 'finalize'] as const) {
  describe(`phase ${phase} fixtures`, () => {
    const inputs = readdirSync(join(fixtures, phase)).filter((name) => name.includes('.input.'));
    for (const input of inputs) {
      const extension = input.slice(input.lastIndexOf('.'));
      const name = input.slice(0, input.indexOf('.input.'));
      // The parser is chosen by the extension, as in a real run.
      const path = `src/${name}${extension}`;
      it(`${name}${extension}: expected output, idempotent, parses`, () => {
        const source = readFileSync(join(fixtures, phase, input), 'utf8');
        const outputFile = join(fixtures, phase, `${name}.output${extension}`);
        const first = migrate(phase, path, source);
        expect(first.status, first.reason).not.toBe('failed');
        const actual = first.output ?? source;
        if (update) writeFileSync(outputFile, actual);
        expect(actual).toBe(readFileSync(outputFile, 'utf8'));
        const second = migrate(phase, path, actual);
        expect(second.status, 'a second run changes nothing').toBe('unchanged');
        expect(second.output).toBeUndefined();
      });
    }
  });
}
