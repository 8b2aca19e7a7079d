/**
 * Plain links that share an idea, with no script of the sites they lead to: every text is
 * URL-encoded here, and the view escapes the whole address for HTML.
 */
export interface ShareLink {
  service: 'email' | 'whatsapp' | 'telegram' | 'facebook';
  href: string;
}

export function shareLinksOf(title: string, url: string): ShareLink[] {
  const encoded = (text: string) => encodeURIComponent(text);
  return [
    { service: 'email', href: `mailto:?subject=${encoded(title)}&body=${encoded(`${title}\n${url}`)}` },
    { service: 'whatsapp', href: `https://wa.me/?text=${encoded(`${title} ${url}`)}` },
    { service: 'telegram', href: `https://t.me/share/url?url=${encoded(url)}&text=${encoded(title)}` },
    { service: 'facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${encoded(url)}` },
  ];
}
