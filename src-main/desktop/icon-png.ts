import zlib from 'node:zlib';

/**
 * The app and tray icons, drawn in code: no binary assets to download or keep in sync, and the
 * tray can show its state (local / shared / paused) by colour. build/make-icons.ts writes the
 * packaging icons (build/icon.png, build/icons/NxN.png) with the same renderer.
 */
export interface IconPalette {
  top: readonly [number, number, number];
  bottom: readonly [number, number, number];
}

export const PALETTES = {
  app: { top: [124, 77, 255], bottom: [63, 38, 173] },
  local: { top: [120, 130, 150], bottom: [70, 78, 96] },
  shared: { top: [46, 204, 113], bottom: [22, 128, 72] },
  paused: { top: [245, 176, 65], bottom: [190, 110, 20] },
} as const satisfies Record<string, IconPalette>;

/** Minimal PNG encoder: 8-bit RGBA, no interlace, one IDAT. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error('rgba length does not match the size');
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    const rowStart = y * (width * 4 + 1);
    raw[rowStart] = 0; // filter: none
    raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), rowStart + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typeAndData) >>> 0, 0);
  return Buffer.concat([length, typeAndData, crc]);
}

// Signed distances in unit square coordinates (0..1); negative = inside.
function roundedRect(x: number, y: number, cx: number, cy: number, hw: number, hh: number, r: number): number {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
function circle(x: number, y: number, cx: number, cy: number, r: number): number {
  return Math.hypot(x - cx, y - cy) - r;
}

/** An altar (table and pedestal) carrying a token (a ring), on a rounded tile. */
export function renderAltarIcon(size: number, palette: IconPalette): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const px = 1 / size;
  const coverage = (d: number): number => Math.min(1, Math.max(0, 0.5 - d / px));
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const x = (i + 0.5) / size;
      const y = (j + 0.5) / size;
      const tile = coverage(roundedRect(x, y, 0.5, 0.5, 0.48, 0.48, 0.2));
      const token = Math.max(
        0,
        coverage(circle(x, y, 0.5, 0.37, 0.19)) - coverage(circle(x, y, 0.5, 0.37, 0.09)),
      );
      const altar = Math.max(
        coverage(roundedRect(x, y, 0.5, 0.66, 0.3, 0.05, 0.02)),
        coverage(roundedRect(x, y, 0.5, 0.78, 0.16, 0.08, 0.02)),
      );
      const white = Math.max(token, altar);
      const o = (j * size + i) * 4;
      for (let c = 0; c < 3; c++) {
        const bg = palette.top[c]! + (palette.bottom[c]! - palette.top[c]!) * y;
        out[o + c] = Math.round(bg * (1 - white) + 255 * white);
      }
      out[o + 3] = Math.round(255 * tile);
    }
  }
  return out;
}

export function altarIconPng(size: number, palette: IconPalette): Buffer {
  return encodePng(size, size, renderAltarIcon(size, palette));
}
