// Renders the app icons from one SVG mark, so the PNGs in static/icons can be
// regenerated exactly: `pnpm --filter @turnout/web icons`.
// The mark is drawn with shapes rather than text so the result does not depend
// on the fonts installed on the machine.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const teal = '#0f766e';
const staticDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'static');

/**
 * A bold white "T" on teal, on a 512 grid.
 * `scale` shrinks the mark around the centre (maskable icons keep it inside
 * the safe zone, the central circle of 80% diameter).
 */
function mark(scale) {
  const s = (v) => 256 + (v - 256) * scale;
  const w = (v) => v * scale;
  return [
    `<rect x="${s(112)}" y="${s(124)}" width="${w(288)}" height="${w(72)}" rx="${w(16)}" fill="#fff"/>`,
    `<rect x="${s(220)}" y="${s(124)}" width="${w(72)}" height="${w(264)}" rx="${w(16)}" fill="#fff"/>`,
  ].join('');
}

function svg({ rounded, scale }) {
  const radius = rounded ? 96 : 0;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">` +
    `<rect width="512" height="512" rx="${radius}" fill="${teal}"/>` +
    mark(scale) +
    `</svg>\n`
  );
}

function png(source, size) {
  return new Resvg(source, { fitTo: { mode: 'width', value: size } }).render().asPng();
}

const standard = svg({ rounded: true, scale: 1 });
const maskable = svg({ rounded: false, scale: 0.72 });

writeFileSync(join(staticDir, 'favicon.svg'), standard);
writeFileSync(join(staticDir, 'icons', 'icon-192.png'), png(standard, 192));
writeFileSync(join(staticDir, 'icons', 'icon-512.png'), png(standard, 512));
writeFileSync(join(staticDir, 'icons', 'icon-maskable-512.png'), png(maskable, 512));
writeFileSync(
  join(staticDir, 'apple-touch-icon.png'),
  png(svg({ rounded: false, scale: 0.85 }), 180),
);
console.log('icons written to', staticDir);
