/**
 * Draws the add-in icons (assets/icon-16/32/64/80/128.png): a blue rounded tile with a small school
 * pediment on top and bar-chart bars, one of them short and red (a low result).
 * Pure node: a tiny rasteriser with 4×4 supersampling and a zlib PNG encoder — no image libraries.
 *
 * Run: npx tsx scripts/make-icons.ts  (writes into assets/)
 */
import { deflateSync } from "node:zlib";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

type RGBA = [number, number, number, number];

const TILE: RGBA = [33, 87, 158, 255]; // deep blue
const TILE_EDGE: RGBA = [24, 66, 122, 255];
const WHITE: RGBA = [255, 255, 255, 255];
const RED: RGBA = [226, 45, 45, 255];
const PALE: RGBA = [196, 219, 247, 255];

/** A shape tells whether a point (in unit coordinates 0..1) is inside it. */
type Shape = { color: RGBA; inside: (x: number, y: number) => boolean };

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): (x: number, y: number) => boolean {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}

function rect(x0: number, y0: number, x1: number, y1: number): (x: number, y: number) => boolean {
  return (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
}

function triangle(ax: number, ay: number, bx: number, by: number, cx: number, cy: number) {
  const sign = (px: number, py: number, qx: number, qy: number, rx: number, ry: number) =>
    (px - rx) * (qy - ry) - (qx - rx) * (py - ry);
  return (x: number, y: number) => {
    const d1 = sign(x, y, ax, ay, bx, by);
    const d2 = sign(x, y, bx, by, cx, cy);
    const d3 = sign(x, y, cx, cy, ax, ay);
    const neg = d1 < 0 || d2 < 0 || d3 < 0;
    const pos = d1 > 0 || d2 > 0 || d3 > 0;
    return !(neg && pos);
  };
}

/** The picture, back to front. Small sizes drop the pediment so the bars stay readable. */
function shapes(size: number): Shape[] {
  const list: Shape[] = [
    { color: TILE_EDGE, inside: roundedRect(0.02, 0.02, 0.98, 0.98, 0.18) },
    { color: TILE, inside: roundedRect(0.05, 0.05, 0.95, 0.95, 0.15) },
  ];
  const small = size < 32;
  const top = small ? 0.18 : 0.34;
  if (!small) {
    // School pediment (roof) with a little round window.
    list.push({ color: WHITE, inside: triangle(0.16, 0.28, 0.84, 0.28, 0.5, 0.1) });
    list.push({ color: TILE, inside: (x, y) => (x - 0.5) ** 2 + (y - 0.215) ** 2 <= 0.035 ** 2 });
  }
  const base = 0.84;
  const bars: { x: number; h: number; color: RGBA }[] = [
    { x: 0.17, h: 0.62, color: WHITE },
    { x: 0.35, h: 0.82, color: WHITE },
    { x: 0.53, h: 0.22, color: RED },
    { x: 0.71, h: 0.68, color: PALE },
  ];
  const w = 0.13;
  for (const b of bars) {
    const y0 = base - (base - top) * b.h;
    list.push({ color: b.color, inside: rect(b.x, y0, b.x + w, base) });
  }
  // Baseline.
  list.push({ color: WHITE, inside: rect(0.13, base, 0.87, base + (small ? 0.07 : 0.045)) });
  return list;
}

/** Rasterise with s×s supersampling into straight RGBA bytes. */
export function drawIcon(size: number, s = 4): Buffer {
  const pic = shapes(size);
  const out = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < s; sy++) {
        for (let sx = 0; sx < s; sx++) {
          const x = (px + (sx + 0.5) / s) / size;
          const y = (py + (sy + 0.5) / s) / size;
          let c: RGBA | null = null;
          for (const sh of pic) if (sh.inside(x, y)) c = sh.color;
          if (c) {
            r += c[0];
            g += c[1];
            b += c[2];
            a += c[3];
          }
        }
      }
      const n = s * s;
      const i = (py * size + px) * 4;
      const alpha = a / n;
      // Un-premultiply the colour over covered samples only.
      const covered = a / 255;
      out[i] = covered ? Math.round(r / covered) : 0;
      out[i + 1] = covered ? Math.round(g / covered) : 0;
      out[i + 2] = covered ? Math.round(b / covered) : 0;
      out[i + 3] = Math.round(alpha);
    }
  }
  return out;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** Encode straight RGBA bytes as a PNG (colour type 6, 8 bits, filter 0 on every row). */
export function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    sig,
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

export const ICON_SIZES = [16, 32, 64, 80, 128] as const;

function main(): void {
  const dir = join(__dirname, "..", "assets");
  mkdirSync(dir, { recursive: true });
  for (const size of ICON_SIZES) {
    const file = join(dir, `icon-${size}.png`);
    writeFileSync(file, encodePng(size, size, drawIcon(size)));
    console.log(`записан ${file}`);
  }
}

if (require.main === module) main();
