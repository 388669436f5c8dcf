/**
 * Date cells from CRM exports to UTC epoch milliseconds (calendar dates are UTC
 * midnight, so a day never shifts with the viewer's time zone). Unparseable text is
 * returned unchanged so validation can name it.
 *
 * Accepted: Date objects, epoch ms numbers, `YYYY-MM-DD`, `YYYY-MM-DDTHH:mm[:ss][Z|±hh:mm]`,
 * `YYYY-MM-DD HH:mm[:ss]`, `YYYY/MM/DD`, `YYYYMMDD`, and `DD/MM/YYYY` or `MM/DD/YYYY`
 * (`order` decides when both parts are ≤ 12; a part > 12 decides by itself).
 */
export type DayOrder = 'dmy' | 'mdy';

const DAY = 86_400_000;

function utc(y: number, m: number, d: number, h = 0, mi = 0, s = 0): number | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  const t = Date.UTC(y, m - 1, d, h, mi, s);
  const back = new Date(t);
  // Reject 2017-02-30 and friends instead of rolling over.
  if (back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return undefined;
  return t;
}

export function parseDateCell(cell: unknown, order: DayOrder = 'dmy'): number | unknown {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? cell : cell.getTime();
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : cell;
  if (typeof cell !== 'string') return cell;
  const s = cell.trim();
  if (s === '') return undefined;
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) {
    if (m[7]) {
      const t = Date.parse(s.replace(' ', 'T'));
      return Number.isFinite(t) ? t : cell;
    }
    return utc(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)) ?? cell;
  }
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return utc(+m[1]!, +m[2]!, +m[3]!) ?? cell;
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (m) {
    const a = +m[1]!;
    const b = +m[2]!;
    const dayFirst = a > 12 ? true : b > 12 ? false : order === 'dmy';
    const [d, mo] = dayFirst ? [a, b] : [b, a];
    return utc(+m[3]!, mo, d, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)) ?? cell;
  }
  return cell;
}

/** Whole days between two epoch-ms instants. */
export function daysBetween(from: number, to: number): number {
  return (to - from) / DAY;
}

/** The day order a locale writes: en-US month first, most others day first. */
export function localeDayOrder(lang: string): DayOrder {
  return /^en(-US)?$/i.test(lang) ? 'mdy' : 'dmy';
}
