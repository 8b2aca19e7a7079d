// Demo photos drawn for Kopā: small SVG scenes (simple shapes, no text), varied by a seeded
// random so every demo idea looks different, and the same on every fresh start.

import { seededRandom } from './seeded-random';

export type DemoScene = 'park' | 'riverside' | 'playground' | 'square' | 'dusk-street' | 'mural';

// Drawn on a 1200 × 800 canvas, rendered at 960 × 640: sharp enough full size on a phone and in
// the gallery, and ~25% less CPU at the first start than 1200 px.
const W = 1200;
const H = 800;
export const demoPhotoWidth = 960;
export const demoPhotoHeight = 640;

type Random = () => number;
const between = (random: Random, low: number, high: number) => low + random() * (high - low);
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const round = (value: number) => Math.round(value);

const skies = [
  ['#bfe3f5', '#eaf6fb'],
  ['#cfe8f3', '#fbf3e4'],
  ['#a9d4ee', '#e3f1f7'],
  ['#d6e9f2', '#f6efe6'],
] as const;
const leafGreens = ['#4f9d5b', '#3f8a4f', '#6aae5c', '#5c9e6e', '#7bb662', '#3d7d52'];
const facadeColours = ['#f2d7b6', '#e9c9a3', '#f4e3c3', '#d9b8a0', '#efd9c9', '#c9d8c5', '#e6cfa8', '#d7c4b3'];
const accentColours = ['#e07a5f', '#3d5a80', '#f2cc8f', '#81b29a', '#e4a5a5', '#6d9dc5', '#f4a259', '#9b72aa'];

function sky(random: Random, colours: readonly [string, string] = pick(random, skies)): string {
  const clouds = Array.from({ length: 2 + Math.floor(random() * 3) }, () => {
    const x = round(between(random, 60, W - 160));
    const y = round(between(random, 50, 190));
    const size = round(between(random, 34, 60));
    return `<g fill="#ffffff" opacity="0.85"><ellipse cx="${x}" cy="${y}" rx="${size * 2}" ry="${size * 0.7}"/><ellipse cx="${x + size}" cy="${y - size * 0.4}" rx="${size * 1.2}" ry="${size * 0.8}"/></g>`;
  }).join('');
  return `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${colours[0]}"/><stop offset="1" stop-color="${colours[1]}"/></linearGradient></defs><rect width="${W}" height="${H}" fill="url(#sky)"/>${clouds}`;
}

function tree(random: Random, x: number, ground: number, scale: number): string {
  const trunkHeight = 90 * scale;
  const crown = 70 * scale;
  const green = pick(random, leafGreens);
  const rounded = random() < 0.7;
  const crownShape = rounded
    ? `<circle cx="${round(x)}" cy="${round(ground - trunkHeight - crown * 0.6)}" r="${round(crown)}" fill="${green}"/><circle cx="${round(x - crown * 0.6)}" cy="${round(ground - trunkHeight - crown * 0.1)}" r="${round(crown * 0.7)}" fill="${green}" opacity="0.9"/><circle cx="${round(x + crown * 0.6)}" cy="${round(ground - trunkHeight - crown * 0.2)}" r="${round(crown * 0.75)}" fill="${green}" opacity="0.9"/>`
    : `<polygon points="${round(x)},${round(ground - trunkHeight - crown * 2.4)} ${round(x - crown)},${round(ground - trunkHeight * 0.6)} ${round(x + crown)},${round(ground - trunkHeight * 0.6)}" fill="${green}"/>`;
  return `<rect x="${round(x - 8 * scale)}" y="${round(ground - trunkHeight)}" width="${round(16 * scale)}" height="${round(trunkHeight)}" fill="#8a6a4f"/>${crownShape}`;
}

function bench(x: number, y: number, scale: number, colour = '#9c6b3f'): string {
  const w = 120 * scale;
  return `<g fill="${colour}"><rect x="${round(x)}" y="${round(y)}" width="${round(w)}" height="${round(10 * scale)}" rx="3"/><rect x="${round(x)}" y="${round(y - 26 * scale)}" width="${round(w)}" height="${round(9 * scale)}" rx="3"/></g><g fill="#4a4a4a"><rect x="${round(x + 10 * scale)}" y="${round(y)}" width="${round(6 * scale)}" height="${round(28 * scale)}"/><rect x="${round(x + w - 16 * scale)}" y="${round(y)}" width="${round(6 * scale)}" height="${round(28 * scale)}"/></g>`;
}

function lamp(x: number, ground: number, height: number, lit: boolean): string {
  const glow = lit ? `<circle cx="${round(x)}" cy="${round(ground - height)}" r="60" fill="#ffe9a8" opacity="0.35"/><circle cx="${round(x)}" cy="${round(ground - height)}" r="26" fill="#fff3c4" opacity="0.7"/>` : '';
  return `${glow}<rect x="${round(x - 4)}" y="${round(ground - height)}" width="8" height="${round(height)}" fill="#3b4350"/><circle cx="${round(x)}" cy="${round(ground - height)}" r="12" fill="${lit ? '#fff7d6' : '#d9dde3'}"/>`;
}

function buildings(random: Random, ground: number, lit = false): string {
  let x = -20;
  const parts: string[] = [];
  while (x < W) {
    const width = between(random, 130, 220);
    const height = between(random, 180, 330);
    const colour = lit ? pick(random, ['#4b4f6e', '#565a7a', '#3f4463', '#5d5a78']) : pick(random, facadeColours);
    parts.push(`<rect x="${round(x)}" y="${round(ground - height)}" width="${round(width)}" height="${round(height)}" fill="${colour}"/>`);
    if (random() < 0.5) parts.push(`<polygon points="${round(x - 6)},${round(ground - height)} ${round(x + width / 2)},${round(ground - height - 50)} ${round(x + width + 6)},${round(ground - height)}" fill="${lit ? '#2f3350' : '#b5654a'}"/>`);
    for (let wy = ground - height + 30; wy < ground - 60; wy += 62) {
      for (let wx = x + 22; wx < x + width - 40; wx += 48) {
        const windowLit = lit && random() < 0.55;
        parts.push(`<rect x="${round(wx)}" y="${round(wy)}" width="24" height="34" rx="2" fill="${windowLit ? '#ffd98a' : lit ? '#2c3048' : '#ffffff'}" opacity="${lit ? 1 : 0.75}"/>`);
      }
    }
    x += width + between(random, 0, 14);
  }
  return parts.join('');
}

function people(random: Random, count: number, ground: number, low: number, high: number): string {
  return Array.from({ length: count }, () => {
    const x = between(random, low, high);
    const y = ground + between(random, 0, 40);
    const scale = between(random, 0.8, 1.1);
    const colour = pick(random, accentColours);
    return `<g><rect x="${round(x - 11 * scale)}" y="${round(y - 62 * scale)}" width="${round(22 * scale)}" height="${round(42 * scale)}" rx="${round(9 * scale)}" fill="${colour}"/><rect x="${round(x - 8 * scale)}" y="${round(y - 22 * scale)}" width="${round(16 * scale)}" height="${round(22 * scale)}" fill="#3f4a5a"/><circle cx="${round(x)}" cy="${round(y - 74 * scale)}" r="${round(11 * scale)}" fill="#e8b796"/></g>`;
  }).join('');
}

function park(random: Random): string {
  const ground = between(random, 470, 540);
  const path = `<path d="M ${round(between(random, 420, 620))} ${H} C ${round(between(random, 500, 700))} ${round(ground + 120)}, ${round(between(random, 560, 760))} ${round(ground + 40)}, ${round(between(random, 640, 820))} ${round(ground)} L ${round(between(random, 700, 860))} ${round(ground)} C ${round(between(random, 700, 820))} ${round(ground + 60)}, ${round(between(random, 760, 900))} ${round(ground + 140)}, ${round(between(random, 820, 980))} ${H} Z" fill="#e7d7b4"/>`;
  const trees = Array.from({ length: 5 + Math.floor(random() * 4) }, (_, index) => tree(random, between(random, 40, W - 40), ground + index * 6, between(random, 0.9, 1.5))).join('');
  const flowers = Array.from({ length: 24 }, () => `<circle cx="${round(between(random, 0, W))}" cy="${round(between(random, ground + 40, H))}" r="${round(between(random, 4, 8))}" fill="${pick(random, ['#f6c945', '#f28c8c', '#ffffff', '#c39bd3'])}"/>`).join('');
  return `${sky(random)}<rect y="${round(ground)}" width="${W}" height="${round(H - ground)}" fill="${pick(random, ['#8cc474', '#9ccc7c', '#82bb6c'])}"/>${path}${trees}${flowers}${bench(between(random, 120, 300), ground + 150, 1.2)}${people(random, 2, ground + 60, 400, 1000)}`;
}

function riverside(random: Random): string {
  const bank = between(random, 380, 440);
  const water = bank + 40;
  const promenade = between(random, 600, 640);
  const waves = Array.from({ length: 14 }, () => {
    const x = between(random, 0, W);
    const y = between(random, water + 20, promenade - 30);
    return `<path d="M ${round(x)} ${round(y)} q 20 -10 40 0 t 40 0" stroke="#ffffff" stroke-width="4" fill="none" opacity="0.6"/>`;
  }).join('');
  const farTrees = Array.from({ length: 9 }, () => `<circle cx="${round(between(random, 0, W))}" cy="${round(bank - between(random, 10, 40))}" r="${round(between(random, 30, 55))}" fill="${pick(random, leafGreens)}"/>`).join('');
  const lamps = Array.from({ length: 4 }, (_, index) => lamp(150 + index * 300 + between(random, -30, 30), promenade + 10, 190, false)).join('');
  return `${sky(random)}${farTrees}<rect y="${round(bank)}" width="${W}" height="40" fill="#7bb662"/><rect y="${round(water)}" width="${W}" height="${round(promenade - water)}" fill="${pick(random, ['#5b9bd5', '#4f8fc0', '#6aa7d8'])}"/>${waves}<rect y="${round(promenade)}" width="${W}" height="${round(H - promenade)}" fill="#d8cfc0"/><rect y="${round(promenade - 14)}" width="${W}" height="14" fill="#9aa3ad"/>${lamps}${bench(between(random, 200, 700), promenade + 110, 1.3, '#7a5230')}${people(random, 3, promenade + 90, 100, 1100)}`;
}

function playground(random: Random): string {
  const ground = between(random, 480, 540);
  const [slideColour, frameColour, seatColour] = [pick(random, accentColours), pick(random, ['#3d5a80', '#2f6f62', '#7a4e9a']), pick(random, accentColours)];
  const slideX = between(random, 120, 380);
  const swingX = between(random, 620, 860);
  const slide = `<rect x="${round(slideX)}" y="${round(ground - 220)}" width="16" height="240" fill="${frameColour}"/><rect x="${round(slideX + 90)}" y="${round(ground - 220)}" width="16" height="240" fill="${frameColour}"/><rect x="${round(slideX)}" y="${round(ground - 230)}" width="106" height="22" fill="${slideColour}"/><polygon points="${round(slideX + 106)},${round(ground - 230)} ${round(slideX + 330)},${round(ground + 40)} ${round(slideX + 280)},${round(ground + 40)} ${round(slideX + 106)},${round(ground - 200)}" fill="${slideColour}"/>`;
  const swing = `<path d="M ${round(swingX)} ${round(ground + 40)} L ${round(swingX + 60)} ${round(ground - 240)} L ${round(swingX + 260)} ${round(ground - 240)} L ${round(swingX + 320)} ${round(ground + 40)}" stroke="${frameColour}" stroke-width="14" fill="none"/>${[0, 1].map((index) => `<line x1="${round(swingX + 110 + index * 100)}" y1="${round(ground - 240)}" x2="${round(swingX + 110 + index * 100)}" y2="${round(ground - 60)}" stroke="#555" stroke-width="4"/><rect x="${round(swingX + 92 + index * 100)}" y="${round(ground - 62)}" width="36" height="10" rx="4" fill="${seatColour}"/>`).join('')}`;
  const sand = `<ellipse cx="${round(between(random, 500, 700))}" cy="${round(ground + 180)}" rx="210" ry="60" fill="#f1dca7"/>`;
  const trees = Array.from({ length: 3 }, () => tree(random, pick(random, [between(random, 20, 100), between(random, 1080, 1180)]), ground - 10, between(random, 0.9, 1.3))).join('');
  return `${sky(random)}<rect y="${round(ground)}" width="${W}" height="${round(H - ground)}" fill="${pick(random, ['#a6d38a', '#8fc57a'])}"/><rect y="${round(ground + 30)}" width="${W}" height="${round(H - ground - 30)}" fill="#d9c7a7" opacity="0.35"/>${trees}${sand}${slide}${swing}${people(random, 2, ground + 120, 300, 900)}`;
}

function square(random: Random): string {
  const ground = between(random, 450, 500);
  const tiles: string[] = [];
  for (let row = 0; row < 8; row += 1) {
    const y = ground + row * ((H - ground) / 8);
    tiles.push(`<line x1="0" y1="${round(y)}" x2="${W}" y2="${round(y)}" stroke="#b9ab98" stroke-width="2"/>`);
  }
  for (let column = -6; column <= 12; column += 1) tiles.push(`<line x1="${round(W / 2 + column * 30)}" y1="${round(ground)}" x2="${round(W / 2 + column * 160)}" y2="${H}" stroke="#b9ab98" stroke-width="2"/>`);
  const planters = Array.from({ length: 2 }, (_, index) => {
    const x = index === 0 ? between(random, 80, 260) : between(random, 860, 1020);
    return `<rect x="${round(x)}" y="${round(ground + 120)}" width="120" height="60" rx="6" fill="#8d8478"/>${tree(random, x + 60, ground + 122, 0.9)}`;
  }).join('');
  const fountain = random() < 0.6 ? `<ellipse cx="600" cy="${round(ground + 110)}" rx="140" ry="34" fill="#9fc7e2" stroke="#8d8478" stroke-width="10"/><path d="M 600 ${round(ground + 100)} q -20 -70 -50 -20 M 600 ${round(ground + 100)} q 20 -70 50 -20" stroke="#cfe6f5" stroke-width="6" fill="none"/>` : '';
  return `${sky(random)}${buildings(random, ground)}<rect y="${round(ground)}" width="${W}" height="${round(H - ground)}" fill="#ddd2c2"/>${tiles.join('')}${fountain}${planters}${bench(between(random, 300, 420), ground + 230, 1.3)}${bench(between(random, 650, 780), ground + 230, 1.3)}${people(random, 4, ground + 70, 150, 1050)}`;
}

function duskStreet(random: Random): string {
  const ground = between(random, 500, 540);
  const duskSky = pick(random, [['#2b3a67', '#f4a261'], ['#37306b', '#f6b38e'], ['#1f3b5a', '#e9a178']] as const);
  const stars = Array.from({ length: 18 }, () => `<circle cx="${round(between(random, 0, W))}" cy="${round(between(random, 20, 200))}" r="2" fill="#ffffff" opacity="0.7"/>`).join('');
  const lamps = Array.from({ length: 4 }, (_, index) => lamp(100 + index * 320 + between(random, -30, 30), ground + 60, 250, true)).join('');
  return `<defs><linearGradient id="dusk" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${duskSky[0]}"/><stop offset="1" stop-color="${duskSky[1]}"/></linearGradient></defs><rect width="${W}" height="${H}" fill="url(#dusk)"/>${stars}${buildings(random, ground, true)}<rect y="${round(ground)}" width="${W}" height="60" fill="#6b6f80"/><rect y="${round(ground + 60)}" width="${W}" height="${round(H - ground - 60)}" fill="#3e4254"/>${Array.from({ length: 6 }, (_, index) => `<rect x="${60 + index * 200}" y="${round(ground + 160)}" width="110" height="12" fill="#e8e2cf" opacity="0.8"/>`).join('')}${lamps}${people(random, 2, ground + 40, 200, 1000)}`;
}

function mural(random: Random): string {
  const ground = between(random, 560, 600);
  const wallTop = between(random, 60, 120);
  const shapes = Array.from({ length: 9 }, () => {
    const colour = pick(random, accentColours);
    const x = between(random, 80, W - 80);
    const y = between(random, wallTop + 60, ground - 60);
    const size = between(random, 50, 150);
    switch (Math.floor(random() * 3)) {
      case 0:
        return `<circle cx="${round(x)}" cy="${round(y)}" r="${round(size)}" fill="${colour}" opacity="0.9"/>`;
      case 1:
        return `<polygon points="${round(x)},${round(y - size)} ${round(x + size)},${round(y + size * 0.8)} ${round(x - size)},${round(y + size * 0.8)}" fill="${colour}" opacity="0.9"/>`;
      default:
        return `<path d="M ${round(x - size * 1.5)} ${round(y)} q ${round(size * 0.75)} ${round(-size)} ${round(size * 1.5)} 0 t ${round(size * 1.5)} 0" stroke="${colour}" stroke-width="${round(size / 4)}" fill="none" stroke-linecap="round"/>`;
    }
  }).join('');
  const bricks = Array.from({ length: 10 }, (_, row) => `<line x1="0" y1="${round(wallTop + row * ((ground - wallTop) / 10))}" x2="${W}" y2="${round(wallTop + row * ((ground - wallTop) / 10))}" stroke="#000000" stroke-width="1" opacity="0.06"/>`).join('');
  return `${sky(random)}<rect y="${round(wallTop)}" width="${W}" height="${round(ground - wallTop)}" fill="${pick(random, ['#f3ead8', '#efe4d0', '#e8efe9'])}"/>${shapes}${bricks}<rect y="${round(ground)}" width="${W}" height="${round(H - ground)}" fill="#cfc6b8"/>${people(random, 2, ground + 80, 200, 1000)}${tree(random, between(random, 1040, 1160), ground + 40, 1.1)}`;
}

const drawers: Record<DemoScene, (random: Random) => string> = {
  park,
  riverside,
  playground,
  square,
  'dusk-street': duskStreet,
  mural,
};

/** One scene as an SVG document, the same for the same seed. */
export function demoSceneSvg(scene: DemoScene, seed: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${demoPhotoWidth}" height="${demoPhotoHeight}" viewBox="0 0 ${W} ${H}">${drawers[scene](seededRandom(seed))}</svg>`;
}

// A category's first photo shows its own kind of place; the others a neighbouring one.
const scenesOfCategory: Record<string, DemoScene[]> = {
  'green-space': ['park', 'riverside', 'square'],
  'play-youth': ['playground', 'park', 'mural'],
  'walking-cycling': ['riverside', 'dusk-street', 'park'],
  'culture-art': ['mural', 'square', 'dusk-street'],
  accessibility: ['square', 'riverside', 'playground'],
  'riverside-water': ['riverside', 'park', 'dusk-street'],
  heritage: ['square', 'mural', 'dusk-street'],
  'light-safety': ['dusk-street', 'square', 'riverside'],
};
const otherScenes: DemoScene[] = ['square', 'park', 'mural'];

// Photos per idea, in turn: 20 of the 30 demo ideas get 1–3 (30 photos; a gallery in each language), the others show what an
// idea without photos looks like. Each photo costs ~0.1 s of CPU (drawing, then the upload's
// processing), so more would slow the first start past the ~2 s it may add.
const photoCounts = [2, 1, 0, 1, 1, 0, 1, 3, 0];

/** The scenes of the n-th demo idea's photos. */
export function demoScenesOfIdea(category: string, index: number): DemoScene[] {
  return (scenesOfCategory[category] ?? otherScenes).slice(0, photoCounts[index % photoCounts.length]);
}

/** The scene as pixels the upload path accepts (a PNG, as if a person had uploaded a picture). */
export async function demoScenePng(scene: DemoScene, seed: number): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  // Fastest PNG to write: the photo processing decodes it right away and encodes the JPEG variants.
  return sharp(Buffer.from(demoSceneSvg(scene, seed))).png({ compressionLevel: 0 }).toBuffer();
}
