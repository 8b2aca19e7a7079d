/** The value below which `p` % of the values lie (nearest rank); NaN for none. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const ms = (value: number) => (Number.isFinite(value) ? `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms` : 'n/a');
export const mb = (value: number) => `${value.toFixed(0)} MB`;
export const share = (value: number, base: number) => (base > 0 ? `${((value / base) * 100).toFixed(value / base < 0.1 ? 1 : 0)} %` : 'n/a');
