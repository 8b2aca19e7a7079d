import { iconInnerMarkup } from '../icons/icons';
import type { Category } from './categories.queries';

/** What a map script needs to draw a category's pins (public/js/map-common.js), in the visitor's language. */
export interface MarkerCategory {
  slug: string;
  name: string;
  icon: string;
  color: string;
  /** The icon's Lucide drawing (the inside of its `<svg>`): the map draws it in white on the colour. */
  drawing: string;
}

export function markerCategory(category: Pick<Category, 'slug' | 'icon' | 'color'>, name: string): MarkerCategory {
  return { slug: category.slug, name, icon: category.icon, color: category.color, drawing: iconInnerMarkup(category.icon) ?? iconInnerMarkup('circle') ?? '' };
}
