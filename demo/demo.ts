// Demo page behaviour: the scorecard's configuration, the language and theme switches (also read
// from ?lang=es&theme=dark, which the screenshots use), and a line showing the widgets' events.
import { crmConfig } from './scorecard.crm.ts';
import type { KpiScorecard } from '../src/widgets/scorecard/element.ts';

(document.getElementById('scorecard') as KpiScorecard).config = crmConfig('regional_office');

const langButtons = document.querySelectorAll<HTMLButtonElement>('nav button[data-lang]');
const themeButtons = document.querySelectorAll<HTMLButtonElement>('nav button[data-theme-choice]');
const widgets = () => document.querySelectorAll<HTMLElement>('kpi-funnel, kpi-ltv, kpi-scorecard');

function remember(name: string, value: string) {
  const url = new URL(location.href);
  url.searchParams.set(name, value);
  history.replaceState(null, '', url);
}

function setLang(lang: 'en' | 'es') {
  document.documentElement.lang = lang;
  for (const b of langButtons) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  for (const el of document.querySelectorAll<HTMLElement>('[data-en]')) el.textContent = el.dataset[lang] ?? el.textContent;
  for (const el of widgets()) {
    el.setAttribute('lang', lang);
    const label = el.dataset[lang === 'en' ? 'labelEn' : 'labelEs'];
    if (label) el.setAttribute('label', label);
    const group = el.dataset[lang === 'en' ? 'groupLabelEn' : 'groupLabelEs'];
    if (group) el.setAttribute('group-label', group);
  }
  remember('lang', lang);
}

/** The page's theme and every widget's `theme` attribute (the widgets follow prefers-color-scheme without it). */
function setTheme(theme: 'light' | 'dark') {
  document.documentElement.dataset.theme = theme;
  for (const b of themeButtons) b.setAttribute('aria-pressed', String(b.dataset.themeChoice === theme));
  for (const el of widgets()) el.setAttribute('theme', theme);
  remember('theme', theme);
}

for (const b of langButtons) b.addEventListener('click', () => setLang(b.dataset.lang as 'en' | 'es'));
for (const b of themeButtons) b.addEventListener('click', () => setTheme(b.dataset.themeChoice as 'light' | 'dark'));
const params = new URLSearchParams(location.search);
const lang = params.get('lang');
if (lang === 'es' || lang === 'en') setLang(lang);
const theme = params.get('theme') ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
setTheme(theme === 'dark' ? 'dark' : 'light');

const log = document.getElementById('events')!;
document.addEventListener('kpi-select', (e) => {
  log.textContent = `kpi-select: ${JSON.stringify(e.detail)}`;
});
document.addEventListener('kpi-error', (e) => {
  log.textContent = `kpi-error: ${e.detail.code}: ${e.detail.message}`;
});
