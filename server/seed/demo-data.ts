// Fictional demo content for local use only; ideas, people and statuses are invented.
// Not demo-data.json: a require of './demo-data' would find the JSON before this file.
import type { CategoryIcon } from '../categories/categories.schema';
import demoData from './demo-content.json';

export type LocalizedText = { lv: string; ru: string; en: string };

export interface DemoCategory {
  slug: string;
  name: LocalizedText;
  icon: CategoryIcon;
  color: string;
}

export interface DemoPlace {
  slug: string;
  kind: 'neighbourhood' | 'landmark';
  name: LocalizedText;
  latitude: number;
  longitude: number;
}

export interface DemoConsultation {
  slug: string;
  title: LocalizedText;
  description: LocalizedText;
  phase: 'collecting';
  moderationMode: 'post';
  supportBudget: number | null;
}

export interface DemoIdea {
  title: string;
  description: string;
  originalLocale: 'lv' | 'ru' | 'en';
  category: string;
  nebValues: ('beautiful' | 'sustainable' | 'together')[];
  nebSentences: Partial<Record<'beautiful' | 'sustainable' | 'together', string>>;
  place: string;
  offset: [number, number];
  status: 'new' | 'under_review' | 'accepted' | 'rejected' | 'in_progress' | 'implemented';
}

// The content itself is data, kept in demo-content.json; the database's check constraints and
// foreign keys (and the seed's test) catch a value outside these types.
export const demoCategories = demoData.categories as DemoCategory[];
export const demoPlaces = demoData.places as DemoPlace[];
export const demoConsultation = demoData.consultation as DemoConsultation;
export const demoIdeas = demoData.ideas as DemoIdea[];

export const demoStaffAccount = {
  email: 'staff@kopa.local',
  password: 'kopa-demo-staff',
  displayName: 'Daugavpils demo staff',
} as const;

export const demoResidentAccount = {
  email: 'resident@kopa.local',
  password: 'kopa-demo-resident',
  displayName: 'Demo iedzīvotājs',
} as const;
