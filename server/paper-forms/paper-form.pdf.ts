import type QRCode from 'qrcode';
import { loadQrCode } from '../http/qr-code';
import type { MultiPolygon, Polygon } from 'geojson';
import { fontRuns, pdfFontFiles, type Weight } from './pdf-fonts';
import { columnLetter, type Grid } from './grid';

export interface PaperFormPlace {
  number: number;
  name: string;
  kind: 'neighbourhood' | 'landmark';
  square: string | null;
  latitude: number;
  longitude: number;
}

/** Everything printed, already in the form's language. */
export interface PaperFormContent {
  texts: {
    site: string;
    formCode: string;
    heading: string;
    question: string;
    description: string;
    until: string;
    howToReturn: string;
    title: string;
    details: string;
    category: string;
    values: string;
    where: string;
    contact: string;
    consent: string;
    privacyHeading: string;
    privacy: string;
    online: string;
    mapHeading: string;
    mapHint: string;
    neighbourhoods: string;
    landmarks: string;
    pageOf: (page: number, pages: number) => string;
  };
  categories: string[];
  nebValues: string[];
  grid: Grid;
  area: Polygon | MultiPolygon | null;
  places: PaperFormPlace[];
  onlineUrl: string;
}

// A4 in points; every text is at least 11 pt so the form reads at 100 %, and all of it is black or grey.
const page = { width: 595.28, height: 841.89, margin: 42 };
const contentWidth = page.width - 2 * page.margin;
const bodySize = 11;
const grey = '#555555';

type Doc = PDFKit.PDFDocument;

interface TextOptions {
  x?: number;
  y?: number;
  width?: number;
  size?: number;
  weight?: Weight;
  color?: string;
}

/** Wrapped text from the left edge of its box; returns the y below it. */
function write(doc: Doc, text: string, options: TextOptions = {}): number {
  const runs = fontRuns(text, options.weight ?? 400);
  doc.fontSize(options.size ?? bodySize).fillColor(options.color ?? '#000000');
  const x = options.x ?? page.margin;
  const layout = { width: options.width ?? contentWidth, lineGap: 1.5 };
  runs.forEach((run, index) => {
    doc.font(run.font);
    const continued = index < runs.length - 1;
    if (index === 0) doc.text(run.text, x, options.y ?? doc.y, { ...layout, continued });
    else doc.text(run.text, { continued });
  });
  return doc.y;
}

/** One line, never wrapped, placed in its box by measuring each run (pdfkit aligns only a single font's text). */
function writeLine(doc: Doc, text: string, options: TextOptions & { x: number; y: number; width: number; align: 'left' | 'right' | 'center' }) {
  const runs = fontRuns(text, options.weight ?? 400);
  doc.fontSize(options.size ?? bodySize).fillColor(options.color ?? '#000000');
  const widths = runs.map((run) => doc.font(run.font).widthOfString(run.text));
  const total = widths.reduce((sum, width) => sum + width, 0);
  let x = options.align === 'left' ? options.x : options.align === 'right' ? options.x + options.width - total : options.x + (options.width - total) / 2;
  runs.forEach((run, index) => {
    doc.font(run.font).text(run.text, x, options.y, { lineBreak: false });
    x += widths[index];
  });
}

function answerBox(doc: Doc, y: number, height: number, ruled: boolean): number {
  doc.lineWidth(1).strokeColor('#000000').rect(page.margin, y, contentWidth, height).stroke();
  if (ruled) {
    doc.lineWidth(0.5).strokeColor('#999999');
    for (let line = y + 26; line < y + height - 6; line += 22) doc.moveTo(page.margin + 8, line).lineTo(page.margin + contentWidth - 8, line).stroke();
  }
  return y + height;
}

function tickBox(doc: Doc, x: number, y: number) {
  doc.lineWidth(1).strokeColor('#000000').rect(x, y + 1, 11, 11).stroke();
}

/** Tick boxes in columns; returns the y below them. */
function tickList(doc: Doc, y: number, labels: string[], columns: number): number {
  const columnWidth = contentWidth / columns;
  const rows = Math.ceil(labels.length / columns);
  labels.forEach((label, index) => {
    const x = page.margin + (index % columns) * columnWidth;
    const rowY = y + Math.floor(index / columns) * 20;
    tickBox(doc, x, rowY);
    write(doc, label, { x: x + 17, y: rowY, width: columnWidth - 22 });
  });
  return y + rows * 20;
}

function ensureRoom(doc: Doc, y: number, needed: number): number {
  if (y + needed <= page.height - page.margin - 20) return y;
  doc.addPage();
  return page.margin;
}

function question(doc: Doc, y: number, label: string, boxHeight: number, ruled = false): number {
  y = ensureRoom(doc, y, boxHeight + 40);
  const below = write(doc, label, { y, weight: 700, size: 12 });
  return answerBox(doc, below + 4, boxHeight, ruled) + 14;
}

function drawQrCode(doc: Doc, code: QRCode.QRCode, x: number, y: number, size: number) {
  const count = code.modules.size;
  const cell = size / count;
  doc.fillColor('#000000');
  for (let row = 0; row < count; row++) {
    for (let column = 0; column < count; column++) {
      if (code.modules.get(row, column)) doc.rect(x + column * cell, y + row * cell, cell + 0.05, cell + 0.05).fill();
    }
  }
}

/** The area, the grid with its letters and numbers, and the numbered places, drawn in the given box (no tiles). */
function drawMap(doc: Doc, content: PaperFormContent, box: { x: number; y: number; width: number; height: number }) {
  const { grid } = content;
  const label = 16;
  const middleLatitude = (grid.north + grid.south) / 2;
  const widthUnits = (grid.east - grid.west) * Math.cos((middleLatitude * Math.PI) / 180);
  const heightUnits = grid.north - grid.south;
  const scale = Math.min((box.width - label) / widthUnits, (box.height - label) / heightUnits);
  const mapWidth = widthUnits * scale;
  const mapHeight = heightUnits * scale;
  const left = box.x + label + (box.width - label - mapWidth) / 2;
  const top = box.y + label;
  const toPage = (longitude: number, latitude: number): [number, number] => [
    left + ((longitude - grid.west) / (grid.east - grid.west)) * mapWidth,
    top + ((grid.north - latitude) / (grid.north - grid.south)) * mapHeight,
  ];

  if (content.area) {
    const polygons = content.area.type === 'Polygon' ? [content.area.coordinates] : content.area.coordinates;
    doc.lineWidth(2.5).strokeColor('#000000');
    for (const rings of polygons) {
      for (const ring of rings) {
        ring.forEach(([longitude, latitude], index) => {
          const [x, y] = toPage(longitude, latitude);
          if (index === 0) doc.moveTo(x, y);
          else doc.lineTo(x, y);
        });
        doc.closePath().stroke();
      }
    }
  }

  doc.lineWidth(0.6).strokeColor(grey).dash(3, { space: 2 });
  for (let column = 0; column <= grid.columns; column++) {
    const x = left + (column * mapWidth) / grid.columns;
    doc.moveTo(x, top).lineTo(x, top + mapHeight).stroke();
  }
  for (let row = 0; row <= grid.rows; row++) {
    const y = top + (row * mapHeight) / grid.rows;
    doc.moveTo(left, y).lineTo(left + mapWidth, y).stroke();
  }
  doc.undash();
  const cellWidth = mapWidth / grid.columns;
  const cellHeight = mapHeight / grid.rows;
  for (let column = 0; column < grid.columns; column++) {
    writeLine(doc, columnLetter(column), { x: left + column * cellWidth, y: top - label + 1, width: cellWidth, weight: 700, align: 'center' });
  }
  for (let row = 0; row < grid.rows; row++) {
    writeLine(doc, String(row + 1), { x: left - label - 2, y: top + row * cellHeight + cellHeight / 2 - 7, width: label, weight: 700, align: 'right' });
  }

  for (const place of content.places) {
    const [x, y] = toPage(place.longitude, place.latitude);
    if (place.kind === 'landmark') doc.rect(x - 3.5, y - 3.5, 7, 7).fill('#000000');
    else doc.lineWidth(1.5).strokeColor('#000000').circle(x, y, 4).stroke();
    doc.rect(x + 5, y - 7, 8 + 6 * String(place.number).length, 14).fill('#ffffff');
    write(doc, String(place.number), { x: x + 6, y: y - 7, width: 30, weight: 700 });
  }
}

const placeRowHeight = 15;
const placeLine = (place: PaperFormPlace) => `${place.number}. ${place.name}${place.square ? ` — ${place.square}` : ''}`;

function widthOf(doc: Doc, text: string): number {
  doc.fontSize(bodySize);
  return fontRuns(text, 400).reduce((sum, run) => sum + doc.font(run.font).widthOfString(run.text), 0);
}

/** Two columns when every line fits in half the width, else one. */
const placeColumns = (doc: Doc, places: PaperFormPlace[]) => (places.every((place) => widthOf(doc, placeLine(place)) <= contentWidth / 2 - 8) ? 2 : 1);

/** Height of a list of places with its heading. */
const placeListHeight = (doc: Doc, places: PaperFormPlace[]) => (places.length ? 22 + Math.ceil(places.length / placeColumns(doc, places)) * placeRowHeight + 8 : 0);

function placeList(doc: Doc, y: number, heading: string, places: PaperFormPlace[]): number {
  if (!places.length) return y;
  y = write(doc, heading, { y, weight: 700, size: 12 }) + 2;
  const columns = placeColumns(doc, places);
  const columnWidth = contentWidth / columns;
  const rows = Math.ceil(places.length / columns);
  places.forEach((place, index) => {
    const column = Math.floor(index / rows);
    writeLine(doc, placeLine(place), { x: page.margin + column * columnWidth, y: y + (index % rows) * placeRowHeight, width: columnWidth - 8, align: 'left' });
  });
  return y + rows * placeRowHeight + 8;
}

/** The printable paper form of a consultation, A4, as a PDF. */
export async function paperFormPdf(content: PaperFormContent): Promise<Buffer> {
  // Loaded on the first form, not at start: with qrcode they hold ~12 MB that most processes never use.
  const [{ default: PDFDocument }, qrCodes] = await Promise.all([import('pdfkit'), loadQrCode()]);
  const doc = new PDFDocument({ size: 'A4', margin: page.margin, bufferPages: true, info: { Title: `${content.texts.heading}: ${content.texts.question}`, Author: content.texts.site } });
  for (const [name, file] of pdfFontFiles()) doc.registerFont(name, file);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const { texts } = content;

  write(doc, texts.site, { y: page.margin, color: grey });
  writeLine(doc, texts.formCode, { x: page.margin, y: page.margin, width: contentWidth, color: grey, align: 'right' });
  let y = write(doc, texts.heading, { y: page.margin + 22, size: 13 });
  y = write(doc, texts.question, { y, size: 18, weight: 700 }) + 4;
  if (texts.description) y = write(doc, texts.description, { y }) + 4;
  y = write(doc, texts.until, { y, weight: 700 });
  y = write(doc, texts.howToReturn, { y }) + 12;

  y = question(doc, y, texts.title, 34);
  y = question(doc, y, texts.details, 160, true);
  y = ensureRoom(doc, y, 30 + Math.ceil(content.categories.length / 2) * 20);
  y = tickList(doc, write(doc, texts.category, { y, weight: 700, size: 12 }) + 6, content.categories, 2) + 10;
  y = ensureRoom(doc, y, 50);
  y = tickList(doc, write(doc, texts.values, { y, weight: 700, size: 12 }) + 6, content.nebValues, 3) + 10;
  question(doc, y, texts.where, 34);

  // Page 2, on the back of the first when printed on both sides: the map and its places.
  doc.addPage();
  y = write(doc, texts.mapHeading, { y: page.margin, size: 14, weight: 700 });
  y = write(doc, texts.mapHint, { y }) + 6;
  const neighbourhoods = content.places.filter((place) => place.kind === 'neighbourhood');
  const landmarks = content.places.filter((place) => place.kind === 'landmark');
  const mapHeight = Math.max(260, Math.min(460, page.height - page.margin - 24 - y - placeListHeight(doc, neighbourhoods) - placeListHeight(doc, landmarks)));
  drawMap(doc, content, { x: page.margin, y, width: contentWidth, height: mapHeight });
  y = placeList(doc, y + mapHeight + 10, texts.neighbourhoods, neighbourhoods);
  placeList(doc, y, texts.landmarks, landmarks);

  // Page 3: the reply, the consent and the way online.
  doc.addPage();
  y = question(doc, page.margin, texts.contact, 34);
  tickBox(doc, page.margin, y);
  y = write(doc, texts.consent, { x: page.margin + 17, y, width: contentWidth - 17, weight: 700 }) + 16;
  const qrSize = 96;
  drawQrCode(doc, qrCodes.create(content.onlineUrl, { errorCorrectionLevel: 'M' }), page.margin + contentWidth - qrSize, y, qrSize);
  const textWidth = contentWidth - qrSize - 16;
  let textY = write(doc, texts.privacyHeading, { y, width: textWidth, weight: 700, size: 12 });
  textY = write(doc, texts.privacy, { y: textY, width: textWidth }) + 6;
  textY = write(doc, texts.online, { y: textY, width: textWidth });
  write(doc, content.onlineUrl, { y: textY, width: textWidth, weight: 700 });

  const range = doc.bufferedPageRange();
  for (let index = 0; index < range.count; index++) {
    doc.switchToPage(range.start + index);
    // Written inside the bottom margin, so it must not move the cursor onto a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    writeLine(doc, `${texts.formCode} · ${texts.pageOf(index + 1, range.count)}`, { x: page.margin, y: page.height - page.margin + 10, width: contentWidth, color: grey, align: 'center' });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return finished;
}
