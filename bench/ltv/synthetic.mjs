// Synthetic transactions for the 1M-row benchmark: customers arrive over the first year and
// buy a geometric number of times (mean 5) over two years, amounts log-normal around $40.
// Seeded (mulberry32), so every run sees the same data.
import { seeded } from '../mulberry32.mjs';

export function syntheticTransactions(n, seed = 42) {
  const { rand, normal } = seeded(seed);
  const start = Date.UTC(2022, 0, 1);
  const DAY = 86_400_000;
  const days = [];
  for (let d = 0; d < 730; d++) days.push(new Date(start + d * DAY).toISOString().slice(0, 10));
  const out = [];
  let c = 0;
  while (out.length < n) {
    c++;
    const id = `C${c}`;
    const first = Math.floor(rand() * 365);
    const k = 1 + Math.floor(Math.log(1 - rand()) / Math.log(0.8)); // geometric, mean 5
    let day = first;
    for (let j = 0; j < k && out.length < n && day < 730; j++) {
      out.push({ customerId: id, date: days[day], amount: Math.round(Math.exp(3.5 + 0.6 * normal()) * 100) / 100 });
      day += 1 + Math.floor(-Math.log(1 - rand()) * 60);
    }
  }
  return out;
}
