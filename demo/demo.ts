// Demo page behaviour: the scorecards' configuration, the language switch, and a line showing the widgets' events.
import { crmConfig } from './scorecard.crm.ts';
import type { KpiScorecard } from '../src/widgets/scorecard/element.ts';

(document.getElementById('scorecard') as KpiScorecard).config = crmConfig('regional_office');
(document.getElementById('scorecard-manager') as KpiScorecard).config = crmConfig('manager');

const buttons = document.querySelectorAll<HTMLButtonElement>('nav button[data-lang]');

function setLang(lang: 'en' | 'es') {
  document.documentElement.lang = lang;
  for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  for (const el of document.querySelectorAll<HTMLElement>('[data-en]')) el.textContent = el.dataset[lang] ?? el.textContent;
  for (const el of document.querySelectorAll<HTMLElement>('kpi-funnel, kpi-ltv, kpi-scorecard')) {
    el.setAttribute('lang', lang);
    const label = el.dataset[lang === 'en' ? 'labelEn' : 'labelEs'];
    if (label) el.setAttribute('label', label);
    const group = el.dataset[lang === 'en' ? 'groupLabelEn' : 'groupLabelEs'];
    if (group) el.setAttribute('group-label', group);
  }
  const url = new URL(location.href);
  url.searchParams.set('lang', lang);
  history.replaceState(null, '', url);
}

for (const b of buttons) b.addEventListener('click', () => setLang(b.dataset.lang as 'en' | 'es'));
const initial = new URLSearchParams(location.search).get('lang');
if (initial === 'es' || initial === 'en') setLang(initial);

const log = document.getElementById('events')!;
document.addEventListener('kpi-select', (e) => {
  log.textContent = `kpi-select: ${JSON.stringify(e.detail)}`;
});
document.addEventListener('kpi-error', (e) => {
  log.textContent = `kpi-error: ${e.detail.code}: ${e.detail.message}`;
});
