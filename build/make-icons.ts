/**
 * Writes the packaging icons electron-builder reads from build/: icon.png (1024², macOS dmg and
 * Windows nsis convert from it) and icons/NxN.png (Linux AppImage/deb). Run: `npm run icons`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PALETTES, altarIconPng } from '../src-main/desktop/icon-png';

const buildDir = path.dirname(fileURLToPath(import.meta.url));
const linuxSizes = [16, 32, 48, 64, 128, 256, 512];

writeFileSync(path.join(buildDir, 'icon.png'), altarIconPng(1024, PALETTES.app));
mkdirSync(path.join(buildDir, 'icons'), { recursive: true });
for (const size of linuxSizes) {
  writeFileSync(path.join(buildDir, 'icons', `${size}x${size}.png`), altarIconPng(size, PALETTES.app));
}
console.log(`icons written to ${buildDir}`);
