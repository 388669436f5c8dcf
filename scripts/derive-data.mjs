// Derives data/crm_pipeline_teams.csv from the bundled CRM export: each opportunity with its
// agent's manager and regional office (from sales_teams.csv), so a funnel or scorecard can
// group by office or manager without a join in the page. Run: node scripts/derive-data.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const lines = (f) => readFileSync(new URL(`../data/${f}`, import.meta.url), 'utf8').trim().split(/\r?\n/);
const teams = new Map(lines('sales_teams.csv').slice(1).map((l) => {
  const [agent, manager, office] = l.split(',');
  return [agent, { manager, office }];
}));
const [header, ...rows] = lines('sales_pipeline.csv');
const out = [`${header},manager,regional_office`];
for (const row of rows) {
  const agent = row.split(',')[1];
  const t = teams.get(agent) ?? { manager: '', office: '' };
  out.push(`${row},${t.manager},${t.office}`);
}
writeFileSync(new URL('../data/crm_pipeline_teams.csv', import.meta.url), `${out.join('\n')}\n`);
console.log(`wrote data/crm_pipeline_teams.csv: ${rows.length} opportunities`);
