/**
 * The one list of texts that mean a deal was won, and the one list that mean it was lost (a
 * status, or a funnel or pipeline stage), compared trimmed and in lower case. Every reader of a
 * status uses these: the Deal schema (core/schema/records.ts), the columnar and summary fast
 * paths, the funnel's and the scorecard's default won/lost stages.
 *
 * A module of its own, without zod: a metric that reads statuses imports no schema.
 */

/** A deal's status. */
export type DealStatusValue = 'won' | 'lost' | 'open';

export const WON_VALUES: readonly string[] = Object.freeze(['won', 'closed won', 'closed-won', 'ganada', 'ganado']);
export const LOST_VALUES: readonly string[] = Object.freeze(['lost', 'closed lost', 'closed-lost', 'disqualified', 'perdido', 'perdida', 'descartado']);

const WON: ReadonlySet<string> = new Set(WON_VALUES);
const LOST: ReadonlySet<string> = new Set(LOST_VALUES);

/** 'won', 'lost' or 'open' for a status text, or null when it is none of them. */
export function dealStatusOf(text: unknown): DealStatusValue | null {
  if (text === 'won' || text === 'lost' || text === 'open') return text;
  if (typeof text !== 'string') return null;
  const t = text.trim().toLowerCase();
  return WON.has(t) ? 'won' : LOST.has(t) ? 'lost' : t === 'open' ? 'open' : null;
}

/** 1 won, 2 lost, 0 open or unknown: dealStatusOf as a small number for typed-array columns. */
export function dealStatusCode(text: unknown): 0 | 1 | 2 {
  const s = dealStatusOf(text);
  return s === 'won' ? 1 : s === 'lost' ? 2 : 0;
}
