import { LinkifyIt } from 'linkify-it';

const linkify = new LinkifyIt().add('ftp:', null).add('//', null).set({ fuzzyEmail: false });

/** Text for HTML content or a quoted attribute value. */
export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!);

/**
 * Plain text written by a person, as HTML: everything escaped, and http(s) and mailto
 * links made clickable with rel="nofollow ugc noopener". Line breaks are kept by CSS.
 */
export function plainTextWithLinks(text: string): string {
  const matches = linkify.match(text) ?? [];
  let html = '';
  let position = 0;
  for (const match of matches) {
    if (!/^(https?|mailto):/i.test(match.url)) continue;
    html += escapeHtml(text.slice(position, match.index));
    html += `<a href="${escapeHtml(match.url)}" rel="nofollow ugc noopener" target="_blank">${escapeHtml(match.raw)}</a>`;
    position = match.lastIndex;
  }
  return html + escapeHtml(text.slice(position));
}
