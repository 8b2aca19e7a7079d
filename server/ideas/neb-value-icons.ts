import type { NebValue } from './ideas.schema';

/** The Lucide icon drawn beside each New European Bauhaus value's name (never instead of it). */
export const nebValueIcons: Record<NebValue, string> = {
  beautiful: 'flower-2',
  sustainable: 'leaf',
  together: 'users',
};
