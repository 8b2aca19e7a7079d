import { inflateRawSync } from 'node:zlib';

/** What an XLSX (a zip) may hold before it is handed to exceljs, which inflates it all in memory. */
export const zipLimits = { entries: 500, totalBytes: 40 * 1024 * 1024 };

export type ZipRefusal = 'notZip' | 'tooLarge';

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

/** The central directory's entries, read from the headers (no inflating); undefined when it is not a readable zip. */
function centralDirectory(zip: Buffer): ZipEntry[] | undefined {
  // The end-of-central-directory record is in the last 64 kB + 22 bytes.
  for (let end = zip.length - 22; end >= Math.max(0, zip.length - 65_557); end--) {
    if (zip.readUInt32LE(end) !== 0x06054b50) continue;
    const count = zip.readUInt16LE(end + 10);
    let offset = zip.readUInt32LE(end + 16);
    const entries: ZipEntry[] = [];
    for (let index = 0; index < count; index++) {
      if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== 0x02014b50) return undefined;
      const nameLength = zip.readUInt16LE(offset + 28);
      entries.push({
        method: zip.readUInt16LE(offset + 10),
        compressedSize: zip.readUInt32LE(offset + 20),
        size: zip.readUInt32LE(offset + 24),
        localHeaderOffset: zip.readUInt32LE(offset + 42),
        name: zip.toString('utf8', offset + 46, offset + 46 + nameLength),
      });
      offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
    }
    return entries;
  }
  return undefined;
}

/**
 * Refuses a zip bomb before anything inflates it whole: too many entries, sizes in ZIP64 form,
 * or more than `totalBytes` once inflated. The sizes in the headers may lie, so every entry is
 * also inflated with a cap at its announced size (Node stops at the cap: memory stays bounded).
 * Returns the inflated worksheets' XML, which the caller scans for huge dimensions.
 */
export function checkZip(zip: Buffer): { refusal: ZipRefusal } | { sheets: string[] } {
  const entries = centralDirectory(zip);
  if (!entries || !entries.length) return { refusal: 'notZip' };
  if (entries.length > zipLimits.entries) return { refusal: 'tooLarge' };
  let total = 0;
  const sheets: string[] = [];
  for (const entry of entries) {
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) return { refusal: 'tooLarge' };
    total += entry.size;
    if (total > zipLimits.totalBytes) return { refusal: 'tooLarge' };
    const local = entry.localHeaderOffset;
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) return { refusal: 'notZip' };
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + entry.compressedSize);
    let inflated: Buffer;
    if (entry.method === 0) inflated = data;
    else if (entry.method === 8) {
      try {
        inflated = inflateRawSync(data, { maxOutputLength: Math.max(entry.size, 1) });
      } catch {
        // Output beyond the announced size, or data that does not inflate.
        return { refusal: 'tooLarge' };
      }
    } else return { refusal: 'notZip' };
    if (inflated.length !== entry.size) return { refusal: 'tooLarge' };
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(entry.name)) sheets.push(inflated.toString('utf8'));
  }
  return { sheets };
}

const columnNumber = (letters: string) => [...letters].reduce((number, letter) => number * 26 + letter.charCodeAt(0) - 64, 0);

/**
 * The largest row and column a worksheet's XML names, in cell references, its dimension and
 * merged ranges: exceljs walks every cell of a merged range, so `A1:XFD1048576` would hang it.
 */
export function extentOfSheet(xml: string): { rows: number; columns: number } {
  let rows = 0;
  let columns = 0;
  for (const [, value] of xml.matchAll(/\b(?:r|ref|sqref)="([^"]{1,2000})"/g)) {
    for (const [, letters, digits] of value.matchAll(/\$?([A-Z]{0,3})\$?(\d{1,9})/g)) {
      rows = Math.max(rows, Number(digits));
      if (letters) columns = Math.max(columns, columnNumber(letters));
    }
  }
  return { rows, columns };
}
