/**
 * The apps frameworks.test.ts builds and opens, as file name → text. Every page shows the same six
 * widgets: a funnel, a scorecard and an LTV widget with their data and targets given as
 * attributes (and HTML), and the same three given as properties. `pages.js` waits for the six
 * results and sets `window.kpiReport`.
 */

const FUNNEL_ROWS = [
  { stage: 'Visitors', count: 1000 },
  { stage: 'Leads', count: 400 },
  { stage: 'MQL', count: 120 },
  { stage: 'SQL', count: 60 },
  { stage: 'Won', count: 15 },
];
const FUNNEL_CSV = 'stage,count\n' + FUNNEL_ROWS.map((r) => `${r.stage},${r.count}`).join('\n') + '\n';
const CONFIG = {
  kpis: [
    { id: 'nps', label: 'NPS', target: 40, value: 42 },
    { id: 'cpl', label: 'Cost per lead', target: 50, value: 70, direction: 'down' },
  ],
};
const CONFIG_JSON = JSON.stringify(CONFIG);
const CDNOW = '/data/cdnow_transactions.json';

/** Shared by every page: collect the six results (a classic script, also imported by the bundled apps). */
const PAGES_JS = `(function () {
  var w = window;
  w.kpiEvents = w.kpiEvents || [];
  w.kpiRecord = function (e) { if (e && e.detail && e.detail.result) w.kpiEvents.push(e.target.localName); };
  w.kpiCollect = function () {
    var timer = setInterval(function () {
      var els = Array.prototype.slice.call(document.querySelectorAll('kpi-funnel, kpi-scorecard, kpi-ltv'));
      var failed = els.filter(function (el) { return el.state === 'error'; });
      if (failed.length) { clearInterval(timer); console.error('widget in error: ' + failed.map(function (el) { return el.localName + ' ' + el.shadowRoot.textContent.replace(/\\s+/g, ' '); }).join('; ')); return; }
      if (els.length !== 6 || els.some(function (el) { return !el.result || el.state !== 'ready'; }) || w.kpiEvents.length < 6) return;
      clearInterval(timer);
      var of = function (tag) { return els.filter(function (el) { return el.localName === tag; }); };
      w.kpiReport = {
        funnel: of('kpi-funnel').map(function (el) { var s = el.result.current.steps; return { counts: s.map(function (x) { return x.count; }), targets: s.map(function (x) { return x.target; }) }; }),
        scorecard: of('kpi-scorecard').map(function (el) { var k = el.result.kpis; return { status: el.result.status, values: k.map(function (x) { return x.value.ok ? x.value.value : null; }), statuses: k.map(function (x) { return x.status; }) }; }),
        ltv: of('kpi-ltv').map(function (el) { var p = el.result.predictive; return { method: el.result.method, r: p && p.params ? p.params.r : null, customers: el.result.customers }; }),
        events: w.kpiEvents.slice(),
      };
    }, 100);
  };
})();
`;

/** Data and targets as properties, for the plain and classic pages. */
const PROPERTIES_JS = (sel: string) => `
  var f = document.querySelector('${sel} kpi-funnel');
  f.data = ${JSON.stringify(FUNNEL_ROWS)};
  f.targets = { MQL: 0.4 };
  var s = document.querySelector('${sel} kpi-scorecard');
  s.config = ${CONFIG_JSON};
  s.asOf = new Date('2024-06-30');
  var l = document.querySelector('${sel} kpi-ltv');
  l.calibrationEnd = new Date('1997-09-30');
  l.cac = 12;
  l.data = fetch('${CDNOW}').then(function (r) { return r.json(); });
  kpiCollect();
`;

const ATTRIBUTES_HTML = `<section id="attrs">
  <kpi-funnel src="/app/fixtures/funnel.csv" targets="MQL:40%"></kpi-funnel>
  <kpi-scorecard as-of="2024-06-30"><script type="application/json" data-config>${CONFIG_JSON}</script></kpi-scorecard>
  <kpi-ltv src="${CDNOW}" calibration-end="1997-09-30" cac="12"></kpi-ltv>
</section>
<section id="props"><kpi-funnel></kpi-funnel><kpi-scorecard></kpi-scorecard><kpi-ltv></kpi-ltv></section>`;

const page = (title: string, head: string, body: string) =>
  `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title>${head}</head>\n<body>\n${body}\n</body></html>\n`;

export const APPS: Record<string, string> = {
  'fixtures/funnel.csv': FUNNEL_CSV,
  'pages.js': PAGES_JS,
  // The events bubble and are composed: the plain pages listen on the document from the start.
  'listen.js': "document.addEventListener('kpi-update', kpiRecord);\n",

  // (c) plain page: the loader as a module script from a sub-folder; properties set once the tags are defined.
  'plain.html': page(
    'plain',
    '<script type="module" src="/static/js/kpi-kit.js"></script><script src="/app/pages.js"></script><script src="/app/listen.js"></script>',
    `${ATTRIBUTES_HTML}
<script type="module">
  await Promise.all(['kpi-funnel', 'kpi-scorecard', 'kpi-ltv'].map((t) => customElements.whenDefined(t)));
  ${PROPERTIES_JS('#props')}
</script>`,
  ),

  // (d) classic page: the loader as a classic script; everything else classic too.
  'classic.html': page(
    'classic',
    '<script src="/static/js/kpi-kit.js"></script><script src="/app/pages.js"></script><script src="/app/listen.js"></script>',
    `${ATTRIBUTES_HTML}
<script>
  Promise.all(['kpi-funnel', 'kpi-scorecard', 'kpi-ltv'].map(function (t) { return customElements.whenDefined(t); })).then(function () {
    ${PROPERTIES_JS('#props')}
  });
</script>`,
  ),

  // (a) React 19 + TypeScript.
  'react.html': page('react', '', '<div id="root"></div><script type="module" src="./react.tsx"></script>'),
  'react.tsx': `import { createRoot } from 'react-dom/client';
import 'kpi-kit/define';
import type {} from 'kpi-kit/react';
import type { FunnelResult, KpiScorecard, KpiUpdateEvent, LtvResult } from 'kpi-kit';
import './pages.js';

declare global {
  interface Window { kpiRecord(e: Event): void; kpiCollect(): void }
}

const rows = ${JSON.stringify(FUNNEL_ROWS)};
const config: NonNullable<KpiScorecard['config']> = ${CONFIG_JSON};
const transactions: Promise<unknown> = fetch('${CDNOW}').then((r) => r.json());

function onFunnel(e: KpiUpdateEvent<FunnelResult>): void {
  if (e.detail.result.current.steps.length > 0) window.kpiRecord(e);
}
function onLtv(e: KpiUpdateEvent<LtvResult>): void {
  if (e.detail.result.customers > 0) window.kpiRecord(e);
}

function App() {
  return (
    <>
      <section id="attrs">
        <kpi-funnel src="/app/fixtures/funnel.csv" targets="MQL:40%" onkpi-update={onFunnel}></kpi-funnel>
        <kpi-scorecard as-of="2024-06-30" onkpi-update={(e) => e.detail.result.kpis.length && window.kpiRecord(e)}>
          <script type="application/json" data-config="" dangerouslySetInnerHTML={{ __html: JSON.stringify(config) }} />
        </kpi-scorecard>
        <kpi-ltv src="${CDNOW}" calibration-end="1997-09-30" cac="12" onkpi-update={onLtv}></kpi-ltv>
      </section>
      <section id="props">
        <kpi-funnel data={rows} targets={{ MQL: 0.4 }} onkpi-update={onFunnel} stage-field="stage"></kpi-funnel>
        <kpi-scorecard config={config} asOf={new Date('2024-06-30')} onkpi-update={(e) => window.kpiRecord(e)}></kpi-scorecard>
        <kpi-ltv data={transactions} calibrationEnd={new Date('1997-09-30')} cac={12} ltvCacTarget={3} onkpi-update={onLtv}></kpi-ltv>
      </section>
    </>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
window.kpiCollect();
`,
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', jsx: 'react-jsx', strict: true, noEmit: true,
      lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: [], skipLibCheck: false, allowJs: false, isolatedModules: true,
    },
    files: ['react.tsx', 'vue-types.ts'],
  }),
  // Only bad.tsx's own errors matter here (the typings themselves are checked by tsconfig.json).
  'tsconfig.bad.json': JSON.stringify({ extends: './tsconfig.json', compilerOptions: { skipLibCheck: true }, files: ['bad.tsx'] }),
  'bad-react.txt': `import type {} from 'kpi-kit/react';
export const a = <kpi-funnel scale={true}></kpi-funnel>;
export const b = <kpi-funnel onkpi-update={(e) => e.detail.result.nope}></kpi-funnel>;
`,
  // The Vue typings, checked by the same tsc run: GlobalComponents lists the tags with typed props and handlers.
  'vue-types.ts': `import type { DefineComponent, GlobalComponents } from 'vue';
import type { KpiFunnelVueProps, KpiLtvVueProps } from 'kpi-kit/vue';
export const registered: DefineComponent<KpiFunnelVueProps> = {} as GlobalComponents['kpi-funnel'];
const funnel: KpiFunnelVueProps = { targets: { MQL: 0.4 }, lostValues: ['Lost'], 'stage-field': 'stage', onKpiUpdate: (e) => e.detail.result.current.steps.length };
const ltv: KpiLtvVueProps = { cac: 12, calibrationEnd: new Date(), onKpiUpdate: (e) => e.detail.result.customers };
export { funnel, ltv };
`,

  // (b) Vue 3 with h() render functions.
  'vue.html': page('vue', '', '<div id="root"></div><script type="module" src="./vue.ts"></script>'),
  'vue.ts': `import { createApp, h } from 'vue';
import 'kpi-kit/define';
import type {} from 'kpi-kit/vue';
import './pages.js';

const w = window as unknown as { kpiRecord(e: Event): void; kpiCollect(): void };
const rows = ${JSON.stringify(FUNNEL_ROWS)};
const config = ${CONFIG_JSON};
const transactions = fetch('${CDNOW}').then((r) => r.json());
const onKpiUpdate = (e: Event) => w.kpiRecord(e);

createApp({
  render: () => [
    h('section', { id: 'attrs' }, [
      h('kpi-funnel', { src: '/app/fixtures/funnel.csv', targets: 'MQL:40%', onKpiUpdate }),
      h('kpi-scorecard', { 'as-of': '2024-06-30', onKpiUpdate }, [h('script', { type: 'application/json', 'data-config': '', innerHTML: JSON.stringify(config) })]),
      h('kpi-ltv', { src: '${CDNOW}', 'calibration-end': '1997-09-30', cac: '12', onKpiUpdate }),
    ]),
    h('section', { id: 'props' }, [
      h('kpi-funnel', { data: rows, targets: { MQL: 0.4 }, onKpiUpdate }),
      h('kpi-scorecard', { config, asOf: new Date('2024-06-30'), onKpiUpdate }),
      h('kpi-ltv', { data: transactions, calibrationEnd: new Date('1997-09-30'), cac: 12, onKpiUpdate }),
    ]),
  ],
}).mount('#root');
w.kpiCollect();
`,
};
