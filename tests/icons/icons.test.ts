import { icon, iconInnerMarkup } from '../../server/icons/icons';

describe('inline icons', () => {
  it('inlines a Lucide drawing, hidden from screen readers', () => {
    const svg = icon('trees', 'category-icon');
    expect(svg).toMatch(/^<svg class="icon category-icon" viewBox="0 0 24 24"/);
    expect(svg).toContain('aria-hidden="true"');
    expect(svg).toContain('focusable="false"');
    expect(svg).toContain('<path d="M7 16v6"');
    expect(svg).not.toContain('license');
  });

  it('never reads outside the icon folder and falls back to a circle', () => {
    for (const name of ['../package', 'trees/../../x', '', 'TREES', 'no-such-icon-anywhere']) {
      expect(iconInnerMarkup(name)).toBeNull();
      expect(icon(name)).toContain('<circle');
    }
  });
});
