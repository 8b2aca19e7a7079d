import type { TFunction } from 'i18next';
import { nebChartSvg } from './neb.chart';
import { nebElements, type NebElement, type NebProfile } from './neb.elements';

/** What the profile partial (views/neb/_profile.ejs) needs: the profile and its chart in the page language. */
export function nebProfileView(t: TFunction, profile: NebProfile | undefined): { profile: NebProfile; chart: string } | undefined {
  if (!profile) return undefined;
  const labels = Object.fromEntries(nebElements.map((element) => [element, t(`neb:elements.${element}.name`)])) as Record<NebElement, string>;
  return { profile, chart: nebChartSvg(profile.levels, { title: t('neb:profile.chartTitle', { count: profile.assessorCount }), labels }) };
}

/** The published NEB assessment on a public page: only for a published idea, never for a hidden or pending one. */
export function publicNebProfileView(t: TFunction, idea: { visibility: string }, profile: NebProfile | undefined) {
  return idea.visibility === 'published' ? nebProfileView(t, profile) : undefined;
}
