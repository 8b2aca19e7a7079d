import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../paths';

// Lucide (ISC licence, lucide-static in node_modules), inlined into the page: no extra request,
// and the icon takes the text colour. Names are checked so a view can never read another file.
const iconFolder = path.join(projectRoot, 'node_modules/lucide-static/icons');
const iconName = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const innerMarkupByName = new Map<string, string>();

/** The drawing inside a Lucide icon's `<svg>`, or null when there is no such icon. */
export function iconInnerMarkup(name: string): string | null {
  if (!iconName.test(name)) return null;
  const known = innerMarkupByName.get(name);
  if (known !== undefined) return known;
  let file: string;
  try {
    file = fs.readFileSync(path.join(iconFolder, `${name}.svg`), 'utf8');
  } catch {
    return null;
  }
  const inner = file.slice(file.indexOf('>', file.indexOf('<svg')) + 1, file.lastIndexOf('</svg>')).replace(/\s*\n\s*/g, '');
  innerMarkupByName.set(name, inner);
  return inner;
}

/**
 * An inline, decorative icon: hidden from screen readers, so a text label must stand beside it.
 * An unknown name draws a plain circle rather than failing the page.
 */
export function icon(name: string, className = ''): string {
  const inner = iconInnerMarkup(name) ?? iconInnerMarkup('circle') ?? '';
  const classes = className ? `icon ${className}` : 'icon';
  return `<svg class="${classes}" viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${inner}</svg>`;
}

const hexColour = /^#[0-9a-fA-F]{6}$/;

/**
 * A category's look as a small picture: its icon in white on a disc of its colour, as its pins
 * show it on the map (public/js/map-common.js draws those from the same inner markup).
 */
export function iconOnDisc(name: string, colour: string, size = 24): string {
  const inner = iconInnerMarkup(name) ?? iconInnerMarkup('circle') ?? '';
  const fill = hexColour.test(colour) ? colour : '#333333';
  return `<svg class="icon-disc" viewBox="0 0 32 32" width="${size}" height="${size}" aria-hidden="true" focusable="false"><circle cx="16" cy="16" r="15" fill="${fill}"/><svg x="7" y="7" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="#ffffff" stroke-width="2.25" stroke-linecap="round" stroke-linejoin="round">${inner}</svg></svg>`;
}
