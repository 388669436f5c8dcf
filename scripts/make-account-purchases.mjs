// Derives data/crm-account-purchases.csv from the bundled CRM export: each won deal
// (sales_pipeline.csv, deal_stage "Won") as one purchase of its account, with the account's
// sector and office location (accounts.csv). The 85 accounts are B2B customers and their won
// deals a real purchase history, so <kpi-ltv group-by="sector"> can show account LTV by sector.
// Values are copied as they are (the export is dirty on purpose: sector "technolgy" stays).
// Deterministic: rows in the export's order. Run: node scripts/make-account-purchases.mjs
import { readFileSync, writeFileSync } from 'node:fs';

/** The export has no quoted fields (checked below): a plain split is a faithful parse. */
function table(file) {
  const text = readFileSync(new URL(`../data/${file}`, import.meta.url), 'utf8');
  if (text.includes('"')) throw new Error(`${file} has quoted fields: use a CSV parser`);
  const [head, ...lines] = text.trim().split(/\r?\n/);
  const header = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i], v])));
}

const accounts = new Map(table('accounts.csv').map((a) => [a.account, a]));
const out = ['account,sector,office_location,close_date,close_value'];
let won = 0;
for (const d of table('sales_pipeline.csv')) {
  if (d.deal_stage !== 'Won') continue;
  const a = accounts.get(d.account);
  if (!a) throw new Error(`won deal ${d.opportunity_id}: account "${d.account}" is not in accounts.csv`);
  out.push([d.account, a.sector, a.office_location, d.close_date, d.close_value].join(','));
  won++;
}
writeFileSync(new URL('../data/crm-account-purchases.csv', import.meta.url), `${out.join('\n')}\n`);
console.log(`wrote data/crm-account-purchases.csv: ${won} won deals of ${new Set(out.slice(1).map((l) => l.split(',')[0])).size} accounts`);
