/**
 * Pipeline forecast: the wins to expect from the deals still open, stage by stage, each open
 * deal weighted by its stage's historical conversion to the last stage (Won).
 *
 * Records are placed as the funnel places them (funnel-records.ts `stageReached`: the stage
 * named, or the furthest stage dated; a lost record at the stage it was lost):
 * - won: reached the last stage;
 * - lost: names a lost value;
 * - open: neither; it sits at the furthest stage it reached (never the last).
 *
 * For each stage k before the last:
 *
 *   win rate_k        = won ÷ (won + lost), over the CLOSED deals that reached stage k
 *                       (won deals reached every stage; a lost deal, the stages up to its own)
 *   expected wins_k   = open_k × win rate_k
 *   expected value_k  = win rate_k × Σ over the open deals at k of (the deal's value when it has
 *                       one, else the average won value = Σ won values ÷ won deals with a value)
 *
 * Totals add the stages. A stage with open deals but no closed deal that reached it has no win
 * rate: its expected wins, and the totals, are not available (never a guessed 0). A stage with
 * no open deal expects 0. Pure and DOM-free.
 */
import { available, notAvailable, ratio, type MetricValue } from '../core/result.ts';
import { makeStageIndex, stageReached, type FunnelRecord } from './funnel-records.ts';

export interface PipelineForecastOptions {
  /** Stage order, first to last; the last stage is the win. */
  readonly stages: readonly string[];
  /** Values of the stage field that mean lost (compared case-insensitively). */
  readonly lostValues: readonly string[];
}

export interface StageForecast {
  readonly stage: string;
  readonly index: number;
  /** Open deals whose furthest stage is this one. */
  readonly open: number;
  /** Of them, the ones carrying their own value, and the sum of those values. */
  readonly valued: number;
  readonly openValue: number;
  /** Closed deals that reached this stage: won, and lost at or after it. */
  readonly won: number;
  readonly lost: number;
  /** won ÷ (won + lost). */
  readonly winRate: MetricValue;
  readonly expectedWins: MetricValue;
  readonly expectedValue: MetricValue;
}

export interface PipelineForecast {
  /** One row per stage before the last, in stage order. */
  readonly stages: readonly StageForecast[];
  readonly open: number;
  readonly won: number;
  readonly lost: number;
  /** Records that reached no known stage (left out). */
  readonly unplaced: number;
  /** Σ won values ÷ won deals with a value: the value of an open deal that has none. */
  readonly averageWonValue: MetricValue;
  readonly expectedWins: MetricValue;
  readonly expectedValue: MetricValue;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function pipelineForecast(records: readonly FunnelRecord[], options: PipelineForecastOptions): PipelineForecast {
  const n = options.stages.length;
  const idx = makeStageIndex(options.stages);
  const lostSet = new Set(options.lostValues.map((v) => v.trim().toLowerCase()));
  const open = new Array<number>(Math.max(0, n - 1)).fill(0);
  const valued = open.slice();
  const openValue = open.slice();
  // lostAt[k]: lost deals whose furthest stage is k.
  const lostAt = open.slice();
  let won = 0;
  let lost = 0;
  let unplaced = 0;
  let wonValue = 0;
  let wonValued = 0;
  if (n >= 2) {
    for (const r of records) {
      const reach = stageReached(r, idx, lostSet, n);
      if (reach.index < 0) {
        unplaced++;
      } else if (reach.lost) {
        lost++;
        lostAt[Math.min(reach.index, n - 2)]!++;
      } else if (reach.index === n - 1) {
        won++;
        if (finite(r.value)) {
          wonValue += r.value;
          wonValued++;
        }
      } else {
        open[reach.index]!++;
        if (finite(r.value)) {
          valued[reach.index]!++;
          openValue[reach.index]! += r.value;
        }
      }
    }
  }
  const averageWonValue = ratio(wonValue, wonValued, 'no won deal carries a value');
  // Lost deals that reached stage k: those lost at k or later.
  const lostFrom = lostAt.slice();
  for (let k = lostFrom.length - 2; k >= 0; k--) lostFrom[k]! += lostFrom[k + 1]!;

  const stages: StageForecast[] = open.map((o, k) => {
    const stage = options.stages[k]!;
    const winRate = ratio(won, won + lostFrom[k]!, `no closed deal reached ${stage}`, won + lostFrom[k]!);
    const expectedWins: MetricValue = o === 0 ? available(0, { rows: 0 }) : winRate.ok ? available(o * winRate.value, { rows: o }) : winRate;
    const withoutValue = o - valued[k]!;
    let expectedValue: MetricValue;
    if (o === 0) expectedValue = available(0, { rows: 0 });
    else if (!winRate.ok) expectedValue = winRate;
    else if (withoutValue > 0 && !averageWonValue.ok) expectedValue = notAvailable('missing-input', `${withoutValue} open deals at ${stage} have no value and no won deal carries one`);
    else expectedValue = available(winRate.value * (openValue[k]! + (withoutValue > 0 ? withoutValue * (averageWonValue as { value: number }).value : 0)), { rows: o });
    return { stage, index: k, open: o, valued: valued[k]!, openValue: openValue[k]!, won, lost: lostFrom[k]!, winRate, expectedWins, expectedValue };
  });

  const total = (pick: (s: StageForecast) => MetricValue): MetricValue => {
    let sum = 0;
    for (const s of stages) {
      const m = pick(s);
      if (!m.ok) return m;
      sum += m.value;
    }
    return available(sum);
  };
  const openTotal = open.reduce((a, b) => a + b, 0);
  return {
    stages,
    open: openTotal,
    won,
    lost,
    unplaced,
    averageWonValue,
    expectedWins: n < 2 ? notAvailable('missing-input', 'a forecast needs at least two stages') : total((s) => s.expectedWins),
    expectedValue: n < 2 ? notAvailable('missing-input', 'a forecast needs at least two stages') : total((s) => s.expectedValue),
  };
}
