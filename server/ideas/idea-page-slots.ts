import zlib from 'node:zlib';
import { randomBytes } from 'node:crypto';
import ejs from 'ejs';
import { LRUCache } from 'lru-cache';
import type { SessionUser } from '../auth/session-user';

/**
 * A logged-in idea page, rendered once per version of what it shows, with slots where it differs
 * from one person to the next: their name and account link, their CSRF token, their support
 * panel and follow form. It is rendered for a stand-in person, never for a real one, so the kept
 * HTML cannot carry anyone's name, token or flash; each request fills the slots with its own.
 */
const slotNames = ['name', 'user', 'csrf', 'support', 'follow'] as const;
export type SlotName = (typeof slotNames)[number];

// Unguessable, so that no text a person writes (a comment, a title) can pose as a slot.
const nonce = randomBytes(12).toString('hex');
const marker = (name: SlotName) => `@@kopa-${nonce}-${name}@@`;
const markerPattern = new RegExp(`@@kopa-${nonce}-(${slotNames.join('|')})@@`);

/** The stand-in: a verified, unblocked resident who wrote nothing on the page; its name and id are slots. */
export function standInResident(locale: SessionUser['preferredLocale']): SessionUser {
  return {
    // A string where an id is expected: equal to no author's id, and printed as its slot.
    id: marker('user') as unknown as number,
    email: '',
    displayName: marker('name'),
    role: 'resident',
    preferredLocale: locale,
    blockedAt: null,
    emailVerified: true,
    totpEnabled: false,
  };
}

export const csrfSlot = () => marker('csrf');
export const panelSlots = { support: marker('support'), follow: marker('follow') };

/** The page would be the stand-in's page but for the slots: otherwise it is rendered whole. */
export function pageFitsSlots(user: SessionUser, authorIds: Iterable<number | null>, flash: unknown): boolean {
  if (user.role !== 'resident' || user.blockedAt || !user.emailVerified || flash) return false;
  for (const authorId of authorIds) if (authorId === user.id) return false;
  return true;
}

export interface SlotTemplate {
  /** Text, slot name, text, slot name … text. */
  parts: string[];
  /** Each text part as bytes and deflated on its own, made on first demand (see filledPageGzip). */
  gzipParts?: { text: Buffer; deflated: Buffer }[];
}

export function slotTemplateOf(html: string): SlotTemplate {
  return { parts: html.split(markerPattern) };
}

type Person = { user: SessionUser; csrf: string; support: string; follow: string };

/** The name is escaped as the view escapes it; the panels come rendered. */
function slotValues(person: Person): Record<SlotName, string> {
  return {
    name: ejs.escapeXML(person.user.displayName),
    user: String(person.user.id),
    csrf: ejs.escapeXML(person.csrf),
    support: person.support,
    follow: person.follow,
  };
}

/** The page of one person. */
export function filledPage(template: SlotTemplate, person: Person): string {
  const values = slotValues(person);
  let html = '';
  for (let index = 0; index < template.parts.length; index++) html += index % 2 === 0 ? template.parts[index] : values[template.parts[index] as SlotName];
  return html;
}

// Magic, deflate, no flags, no time, no extra flags, unknown system.
const gzipHeader = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** An empty stored block marked last. */
const lastBlock = Buffer.from([1, 0, 0, 0xff, 0xff]);

/** Bytes as deflate's stored (uncompressed) blocks, which compress nothing and refer to nothing. */
function storedBlocks(data: Buffer, into: Buffer[]): void {
  for (let offset = 0; offset < data.length; offset += 0xffff) {
    const chunk = data.subarray(offset, offset + 0xffff);
    const header = Buffer.alloc(5);
    header.writeUInt16LE(chunk.length, 1);
    header.writeUInt16LE(~chunk.length & 0xffff, 3);
    into.push(header, chunk);
  }
}

/**
 * The page of one person, gzipped without compressing anything personal: the shared text parts
 * are deflated once per template, each on its own and ended by a full flush (no later part can
 * refer back to any byte before it), and the slots (name, CSRF token, panels) go between them as
 * stored blocks. So a page that also reflects what an attacker typed cannot leak the token
 * through its compressed length (BREACH), which is why personal pages were sent uncompressed:
 * 12 kB on the wire per logged-in idea page, against ~3 kB so.
 */
export function filledPageGzip(template: SlotTemplate, person: Person): Buffer {
  template.gzipParts ??= template.parts.map((part, index) => {
    const text = index % 2 === 0 ? Buffer.from(part) : Buffer.alloc(0);
    return { text, deflated: zlib.deflateRawSync(text, { level: 6, finishFlush: zlib.constants.Z_FULL_FLUSH }) };
  });
  const values = slotValues(person);
  const pieces: Buffer[] = [gzipHeader];
  let crc = 0;
  let size = 0;
  template.gzipParts.forEach((part, index) => {
    if (index % 2 === 0) {
      pieces.push(part.deflated);
      crc = zlib.crc32(part.text, crc);
      size += part.text.length;
      return;
    }
    const slot = Buffer.from(values[template.parts[index] as SlotName]);
    storedBlocks(slot, pieces);
    crc = zlib.crc32(slot, crc);
    size += slot.length;
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size % 2 ** 32, 4);
  pieces.push(lastBlock, trailer);
  return Buffer.concat(pieces);
}

/** Kept templates in all, in bytes: a few kB each; a flood of made-up addresses only pushes out the oldest. */
const maxTemplateBytes = 8 * 1024 * 1024;

/**
 * Templates per version: the shared page, the comment page and the consultation are the objects
 * the in-memory caches hand out, replaced when a change drops them, so a template of an older
 * version is never asked for again (the LRU lets it go).
 */
export function slotTemplates() {
  const versionIds = new WeakMap<object, number>();
  let lastVersionId = 0;
  const idOf = (version: object) => {
    let id = versionIds.get(version);
    if (id === undefined) versionIds.set(version, (id = ++lastVersionId));
    return id;
  };
  const kept = new LRUCache<string, SlotTemplate>({
    maxSize: maxTemplateBytes,
    sizeCalculation: (template, key) => Math.max(1, key.length + template.parts.reduce((bytes, part) => bytes + part.length, 0)),
  });
  const keyOf = (versions: readonly object[], address: string) => `${versions.map(idOf).join(':')} ${address}`;
  return {
    get: (versions: readonly object[], address: string) => kept.get(keyOf(versions, address)),
    set: (versions: readonly object[], address: string, template: SlotTemplate) => void kept.set(keyOf(versions, address), template),
  };
}
