/** Small numeric helpers shared by metrics: never spread big arrays, never return NaN. */

/** Median of finite numbers (copies and sorts numerically); NaN only for an empty input, which callers rule out. */
export function median(xs: ArrayLike<number>): number {
  const a = Float64Array.from(xs as ArrayLike<number>).sort();
  const n = a.length;
  if (n === 0) return Number.NaN;
  const mid = n >> 1;
  return n % 2 === 1 ? a[mid]! : (a[mid - 1]! + a[mid]!) / 2;
}

export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s / xs.length;
}
