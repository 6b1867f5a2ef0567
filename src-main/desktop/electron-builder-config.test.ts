import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../store/paths';

/**
 * Packaging cannot run here (Electron's zip cannot be downloaded), so the config is checked
 * the two ways that can: by electron-builder's own schema validator, and field by field.
 */
const configPath = path.join(PROJECT_ROOT, 'electron-builder.yml');
const config = parse(fs.readFileSync(configPath, 'utf8')) as Record<string, unknown>;
const packageJson = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
};

interface TargetEntry {
  target: string;
  arch?: string[];
}
function targetsOf(platform: string): string[] {
  const section = config[platform] as { target: Array<TargetEntry | string> };
  return section.target.map((t) => (typeof t === 'string' ? t : t.target));
}

/** Width and height from a PNG's IHDR chunk; throws if the file is not a PNG. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own configuration schema', async () => {
    // app-builder-lib is electron-builder's engine; resolve it through electron-builder.
    const requireFromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));
    const { validateConfiguration } = requireFromBuilder('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = requireFromBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // The validator is not a rubber stamp: a misspelt option fails.
    await expect(validateConfiguration({ ...config, linux: { targt: 'deb' } }, new DebugLogger(false))).rejects.toThrow(/linux/);
  });

  it('names the app and targets AppImage + deb, dmg and nsis', () => {
    expect(config.appId).toBe('app.tokenaltar.desktop');
    expect(config.productName).toBe('TokenAltar');
    expect(targetsOf('linux')).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(targetsOf('mac')).toContain('dmg');
    expect(targetsOf('win')).toContain('nsis');
  });

  it('rebuilds native modules for Electron and unpacks them from the asar', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.buildDependenciesFromSource).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node']));
  });

  it('ships the bundled main process, the built console and the migrations', () => {
    const files = config.files as string[];
    expect(files).toEqual(expect.arrayContaining(['dist-main/**/*', 'dist-renderer/**/*', 'migrations/*.sql']));
    // package.json "main" is what Electron starts: it must be the bundle build:desktop writes.
    expect(packageJson.main).toBe('dist-main/desktop/electron-main.js');
    expect(packageJson.scripts['build:desktop']).toMatch(/bundle-desktop/);
    expect(packageJson.scripts.dist).toMatch(/build:desktop/);
    expect(packageJson.scripts.dist).toMatch(/electron-builder --config electron-builder\.yml/);
  });

  it('uses real icons from build/: a 1024 px app icon and the Linux size set', () => {
    const directories = config.directories as { buildResources: string };
    expect(directories.buildResources).toBe('build');
    for (const platform of ['mac', 'win']) {
      const icon = (config[platform] as { icon: string }).icon;
      expect(pngSize(path.join(PROJECT_ROOT, icon))).toEqual({ width: 1024, height: 1024 });
    }
    const linuxIcons = path.join(PROJECT_ROOT, (config.linux as { icon: string }).icon);
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      expect(pngSize(path.join(linuxIcons, `${size}x${size}.png`))).toEqual({ width: size, height: size });
    }
  });

  it('gives the deb package the maintainer it requires', () => {
    expect((config.linux as { maintainer?: string }).maintainer).toMatch(/<.+@.+>/);
  });
});
