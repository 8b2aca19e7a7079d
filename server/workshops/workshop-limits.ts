/**
 * What a crowd or a script may do to the workshops' public side. All counters live in
 * PostgreSQL (rate_limits, workshop_streams), so the limits hold across app processes.
 */
export interface WorkshopLimits {
  /** Wrong codes one address (an IPv6 client: its /64) may try per minute. */
  wrongCodesPerAddress: number;
  /** Wrong codes from all addresses together in ten minutes that raise the alarm (a log line, a notice for staff). */
  wrongCodesAlarm: number;
  /** Joins from one address in ten minutes: a school behind one address still fits. */
  joinsPerAddress: number;
  /** Joins into one workshop in ten minutes. */
  joinsPerWorkshop: number;
  /** Live streams open at once for one participant (a phone and a laptop, a reload overlapping its old stream). */
  streamsPerParticipant: number;
  /** Participants' live streams open at once in one workshop; the facilitator's projector is not counted. */
  streamsPerWorkshop: number;
}

export const defaultWorkshopLimits: WorkshopLimits = {
  wrongCodesPerAddress: 20,
  wrongCodesAlarm: 200,
  joinsPerAddress: 60,
  joinsPerWorkshop: 150,
  streamsPerParticipant: 3,
  streamsPerWorkshop: 300,
};

export const workshopLimitsWith = (overrides: Partial<WorkshopLimits> = {}): WorkshopLimits => ({ ...defaultWorkshopLimits, ...overrides });

/** IPv6 clients usually hold a whole /64: counted per address, each of them would be a new client. */
export const ipv6PrefixLength = 64;
