import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}
const importsOf = (file: string) => [...fs.readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(['"]([^'"]+)['"]\)/g)].map((m) => m[1] ?? m[2]!);

// STYLE.md "Boundaries": src-shared is pure; main and renderer meet only through it.
describe('layer boundaries', () => {
  it('src-shared imports no node:*, electron or DOM-only modules, and nothing outside itself but packages', () => {
    for (const file of sourceFiles(path.join(ROOT, 'src-shared'))) {
      for (const spec of importsOf(file)) {
        expect(spec, `${path.relative(ROOT, file)} imports ${spec}`).not.toMatch(/^(node:|electron$|fs$|path$|os$|crypto$)/);
        if (spec.startsWith('.')) {
          const target = path.resolve(path.dirname(file), spec);
          expect(target.startsWith(path.join(ROOT, 'src-shared')), `${path.relative(ROOT, file)} imports ${spec}`).toBe(true);
        }
      }
      // Code only: comments may mention where the bridge lives (`window.tokenaltar`).
      const text = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      expect(text, path.relative(ROOT, file)).not.toMatch(/\b(window|document|localStorage)\./);
    }
  });

  it('src-main and src-renderer never import each other', () => {
    const check = (from: string, forbidden: string) => {
      if (!fs.existsSync(path.join(ROOT, from))) return;
      for (const file of sourceFiles(path.join(ROOT, from))) {
        for (const spec of importsOf(file)) {
          if (!spec.startsWith('.')) continue;
          const target = path.resolve(path.dirname(file), spec);
          expect(target.startsWith(path.join(ROOT, forbidden)), `${path.relative(ROOT, file)} imports ${spec}`).toBe(false);
        }
      }
    };
    check('src-main', 'src-renderer');
    check('src-renderer', 'src-main');
  });
});
