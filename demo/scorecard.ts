// Demo page for <kpi-scorecard>: the CRM export per regional office, per manager and per agent.
// `?lang=es` switches the page to Spanish (and euros are not used: the export is in dollars).
import '../src/define.ts';
import type { KpiScorecard } from '../src/widgets/scorecard/element.ts';
import { crmConfig, type CrmGrouping } from './scorecard.crm.ts';
import { DEALS, TEAM } from './scorecard.team.ts';

const lang = new URLSearchParams(location.search).get('lang') === 'es' ? 'es' : 'en';
document.documentElement.lang = lang;
if (lang === 'es') document.getElementById('h')!.textContent = 'Cuadro de mando sobre la exportación real del CRM';

for (const [id, grouping] of [['office', 'regional_office'], ['manager', 'manager'], ['agent', 'sales_agent']] as [string, CrmGrouping][]) {
  const el = document.getElementById(id) as KpiScorecard;
  el.config = crmConfig(grouping);
}

const team = document.getElementById('team') as KpiScorecard;
team.config = TEAM;
team.data = DEALS;
