// Draws images/icon.png (128×128, the Marketplace icon): a page of X12 segments with a green "approved" badge.
// Plain Node (zlib), no image library: shapes are filled by coverage, sampled 4×4 per pixel for smooth edges.
//   node scripts/make-icon.mjs   (the PNG is committed; run this only to change it)

import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4;

/** Signed distance to a rounded rectangle (negative inside). */
function roundedRect(x, y, x0, y0, x1, y1, r) {
  const cx = Math.max(x0 + r, Math.min(x, x1 - r));
  const cy = Math.max(y0 + r, Math.min(y, y1 - r));
  const inside = x >= x0 && x <= x1 && y >= y0 && y <= y1;
  const d = Math.hypot(x - cx, y - cy) - r;
  return inside ? Math.min(d, 0) : Math.max(d, 0.0001);
}

function circle(x, y, cx, cy, r) {
  return Math.hypot(x - cx, y - cy) - r;
}

/** Distance to a thick polyline. */
function polyline(x, y, points, half) {
  let best = Infinity;
  for (let i = 0; i + 1 < points.length; i++) {
    const [ax, ay] = points[i];
    const [bx, by] = points[i + 1];
    const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    best = Math.min(best, Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))));
  }
  return best - half;
}

const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];

/** Layers, bottom first: [shape(x, y) → distance, colour(x, y) → rgb]. */
const layers = [
  [(x, y) => roundedRect(x, y, 4, 4, 124, 124, 24), (_x, y) => {
    const top = hex('#13689e');
    const bottom = hex('#0b3f66');
    return top.map((c, i) => c + ((bottom[i] - c) * y) / SIZE);
  }],
  [(x, y) => roundedRect(x, y, 26, 18, 88, 110, 7), () => hex('#ffffff')],
  [(x, y) => roundedRect(x, y, 36, 32, 60, 39, 3.5), () => hex('#f29f05')],
  [(x, y) => roundedRect(x, y, 64, 32, 78, 39, 3.5), () => hex('#9db7cc')],
  [(x, y) => roundedRect(x, y, 36, 47, 78, 54, 3.5), () => hex('#9db7cc')],
  [(x, y) => roundedRect(x, y, 36, 62, 70, 69, 3.5), () => hex('#9db7cc')],
  [(x, y) => roundedRect(x, y, 36, 77, 62, 84, 3.5), () => hex('#9db7cc')],
  [(x, y) => circle(x, y, 90, 90, 27), () => hex('#ffffff')],
  [(x, y) => circle(x, y, 90, 90, 22), () => hex('#2ea043')],
  [(x, y) => polyline(x, y, [[78, 90], [87, 99], [103, 82]], 3.6), () => hex('#ffffff')],
];

const pixels = Buffer.alloc(SIZE * SIZE * 4);
for (let py = 0; py < SIZE; py++) {
  for (let px = 0; px < SIZE; px++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const x = px + (sx + 0.5) / SAMPLES;
        const y = py + (sy + 0.5) / SAMPLES;
        let colour;
        for (const [shape, paint] of layers) if (shape(x, y) <= 0) colour = paint(x, y);
        if (colour) {
          r += colour[0]; g += colour[1]; b += colour[2]; a += 1;
        }
      }
    }
    const o = (py * SIZE + px) * 4;
    if (a > 0) {
      pixels[o] = Math.round(r / a); pixels[o + 1] = Math.round(g / a); pixels[o + 2] = Math.round(b / a);
    }
    pixels[o + 3] = Math.round((255 * a) / (SAMPLES * SAMPLES));
  }
}

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(buf) {
  let c = -1;
  for (const byte of buf) c = CRC[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) pixels.copy(rows, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(rows, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../images/icon.png', import.meta.url), png);
console.log(`images/icon.png: ${png.length} bytes`);
