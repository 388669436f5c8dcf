import type { Args, Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import '../src/define.ts';
import { inlineScript, pending, widget, type Props } from './render.ts';

/**
 * A small shop: five customers over two years, with the cost of each sale (so the gross
 * margin comes from the data).
 */
const SHOP = [
  { customer: 'Acme', date: '2023-01-12', amount: 1200, cost: 780 },
  { customer: 'Acme', date: '2023-05-03', amount: 800, cost: 520 },
  { customer: 'Acme', date: '2024-02-20', amount: 1500, cost: 960 },
  { customer: 'Borealis', date: '2023-02-01', amount: 400, cost: 250 },
  { customer: 'Borealis', date: '2023-03-15', amount: 650, cost: 410 },
  { customer: 'Cobalt', date: '2023-02-10', amount: 2300, cost: 1600 },
  { customer: 'Delta', date: '2023-06-30', amount: 300, cost: 180 },
  { customer: 'Delta', date: '2024-11-05', amount: 900, cost: 540 },
  { customer: 'Estela', date: '2023-09-09', amount: 120, cost: 70 },
  { customer: 'Estela', date: '2024-12-18', amount: 480, cost: 300 },
];

const CDNOW = '/data/cdnow_transactions.json';

/** The CDNOW sample as the papers fit it: calibration to 30 Sep 1997. */
const PREDICTIVE = { src: CDNOW, 'calibration-end': '1997-09-30', cac: '12' };

/** `<kpi-ltv>` with the story's args as attributes and `props` (data…) as properties. */
const ltv = (args: Args, context: StoryContext, props?: Props, children?: Node[]) => widget('kpi-ltv', args, context, props, children);

const meta: Meta = {
  title: 'Widgets/kpi-ltv',
  component: 'kpi-ltv',
  parameters: {
    docs: {
      description: {
        component:
          'Customer lifetime value from transactions: historical (Σ purchases × average gross margin), simple CLTV ' +
          '(average purchase × purchases a year × lifespan) or predictive (BG/NBD + Gamma-Gamma fitted in a Worker), with ' +
          'the distribution of customer LTV, cohort curves, LTV:CAC against 3:1 and, for the predictive method, the valuable ' +
          'customers at risk. Data comes as the `data` property, an inline `<script type="application/json">` / `text/csv` child or `<table>`, or a `src` URL. ' +
          'The controls set the attributes (try `method`).',
      },
    },
  },
  render: (args, context) => ltv(args, context),
};
export default meta;
type Story = StoryObj;

/** The CDNOW sample (6,919 purchases of 2,357 customers): predictive, as the papers fit it, with a CAC of $12. */
export const Predictive: Story = {
  args: PREDICTIVE,
};

/** The same data, historical LTV with a 30 % margin. */
export const Historical: Story = {
  args: { method: 'historical', margin: '30%', src: CDNOW, cac: '12' },
};

/** Simple CLTV: lifespan estimated as 1 ÷ annual churn; CAC from acquisition cost ÷ new customers. */
export const Simple: Story = {
  args: { method: 'simple', margin: '0.3', 'acquisition-cost': '60000', 'new-customers': '2357', src: CDNOW },
};

/** Simple CLTV with the lifespan set by the page (3 years). */
export const SimpleGivenLifespan: Story = {
  args: { method: 'simple', lifespan: '3', src: CDNOW },
};

/** Few repeat customers: the widget picks the simple CLTV and says why; margin from the cost column. */
export const SmallShop: Story = {
  args: { currency: 'EUR', cac: '450' },
  render: (args, context) => ltv(args, context, { data: SHOP }),
};

/** LTV:CAC below its 3:1 target. */
export const BelowTarget: Story = {
  args: { method: 'historical', margin: '30%', cac: '20', src: CDNOW },
};

/** Monthly time unit, a 24-month horizon and a 15 % discount rate. */
export const MonthlyHorizon: Story = {
  args: { 'time-unit': 'months', horizon: '24', 'discount-rate': '15%', src: CDNOW },
};

/** Spanish, euros, a semicolon CSV with decimal commas written inline by a CMS editor. */
export const Spanish: Story = {
  args: { lang: 'es', currency: 'EUR', margin: '35%' },
  render: (args, context) =>
    ltv(args, context, {}, [
      inlineScript(
        'text/csv',
        ['cliente;fecha;importe', 'Ana;12/01/2023;120,50', 'Ana;03/05/2023;80,00', 'Ana;20/02/2024;150,25', 'Bruno;01/02/2023;1.400,00', 'Bruno;15/03/2024;650,00', 'Carla;10/02/2023;230,00'].join('\n'),
      ),
    ]),
};

/** Spanish, predictive, on the CDNOW sample. */
export const SpanishPredictive: Story = {
  args: { lang: 'es', currency: 'EUR', ...PREDICTIVE },
};

/** Loading: the `data` property is a promise that never settles, so the widget stays in its loading state. */
export const Loading: Story = {
  render: (args, context) => ltv(args, context, { data: pending() }),
};

/** Empty: no rows. */
export const Empty: Story = {
  render: (args, context) => ltv(args, context, { data: [] }),
};

/** Some rows are not valid: they are listed and left out. */
export const InvalidRows: Story = {
  args: { method: 'historical' },
  render: (args, context) => ltv(args, context, { data: [...SHOP, { customer: 'Zeta', date: 'yesterday', amount: 10 }, { customer: 'Eta', date: '2024-01-01', amount: 'n/a' }] }),
};

/** Error: the file does not exist (a Retry button appears). */
export const ErrorHttp: Story = {
  args: { src: '/data/missing.json' },
};

/** Error: a configuration mistake, named. */
export const ErrorBadOption: Story = {
  args: { method: 'magic' },
  render: (args, context) => ltv(args, context, { data: SHOP }),
};

/** Themed through custom properties (each one a control) and ::part. */
export const Themed: Story = {
  args: {
    method: 'historical',
    margin: '30%',
    cac: '12',
    src: CDNOW,
    // A dark theme: the scheme too, so every token not set here (good, warn, bad) takes its dark value.
    '--kpi-color-scheme': 'dark',
    '--kpi-color-surface': '#0f172a',
    '--kpi-color-text': '#e2e8f0',
    '--kpi-color-muted': '#94a3b8',
    '--kpi-color-subtle': '#1e293b',
    '--kpi-color-grid': '#334155',
    '--kpi-color-accent': '#38bdf8',
    '--kpi-bullet-poor': '#475569',
    '--kpi-bullet-satisfactory': '#334155',
    '--kpi-bullet-good': '#1e293b',
  },
  render: (args, context) => {
    const wrap = document.createElement('div');
    wrap.className = 'dark';
    const style = document.createElement('style');
    style.textContent = '.dark kpi-ltv::part(title) { letter-spacing: 0.04em; }';
    wrap.append(style, ltv(args, context));
    return wrap;
  },
};

/** Narrow: a phone-width column. */
export const Narrow: Story = {
  args: PREDICTIVE,
  render: (args, context) => {
    const wrap = document.createElement('div');
    wrap.style.maxWidth = '360px';
    wrap.append(ltv(args, context));
    return wrap;
  },
};

// ---- LTV by segment (group-by) -----------------------------------------------------------

/** The CRM export's 85 accounts, won deals as purchases: account LTV by sector, with ASSUMED sector costs and margin (data/ASSUMPTIONS.md). */
export const BySector: Story = {
  args: {
    src: '/data/crm-account-purchases.csv', 'customer-field': 'account', 'date-field': 'close_date', 'amount-field': 'close_value',
    'group-by': 'sector', method: 'historical', margin: '60%', 'src-costs': '/data/assumed-sector-costs.csv',
  },
};

/** Acquisition channels with costs as an attribute ("channel: cost/new customers"): which channel earns back 3× its cost? */
export const ByChannel: Story = {
  args: { 'group-by': 'channel', method: 'historical', margin: '40%', costs: 'Search: 2400/12; Referral: 600/10; Events: 5200/8; Social: 1500/10' },
  render: (args, context) => {
    const channels = ['Search', 'Referral', 'Events', 'Social'];
    const data = Array.from({ length: 40 }, (_, i) => ({
      customer: `C${i + 1}`,
      channel: channels[i % 4],
      date: `2024-${String((i % 12) + 1).padStart(2, '0')}-0${(i % 9) + 1}`,
      amount: 150 + ((i * 37) % 11) * 40 + (i % 4 === 1 ? 300 : 0),
    }));
    const repeat = data.filter((_, i) => i % 3 === 0).map((r) => ({ ...r, date: r.date.replace('2024', '2025'), amount: r.amount / 2 }));
    return ltv(args, context, { data: [...data, ...repeat] });
  },
};

/** Predictive LTV by first-purchase month on CDNOW: the one pooled BG/NBD + Gamma-Gamma fit applied to each cohort, in Spanish. */
export const ByCohortPredictive: Story = {
  args: { ...PREDICTIVE, lang: 'es', 'group-by': 'cohort-month' },
};

/** BG/NBD pattern counts of the CDNOW sample (a "patterns" aggregate file, as the CLI writes it): the weighted fit and what it can tell. */
export const Patterns: Story = {
  args: { input: 'patterns', src: '/data/cdnow_patterns.json' },
};

/** The same pattern counts, in Spanish. */
export const PatternsSpanish: Story = {
  args: { input: 'patterns', lang: 'es', src: '/data/cdnow_patterns.json' },
};

/** Binned patterns (weekly bins of t_x and T carrying Σt_x and ΣT), inline: fitted at the bin means. */
export const PatternsBinned: Story = {
  args: { input: 'patterns' },
  render: (args, context) =>
    ltv(args, context, {
      data: [
        { x: 0, t_x: 0, T: 30, n: 700, sum_t_x: 0, sum_T: 21420 },
        { x: 0, t_x: 0, T: 35, n: 650, sum_t_x: 0, sum_T: 23205 },
        { x: 1, t_x: 7, T: 30, n: 120, sum_t_x: 1150, sum_T: 3660 },
        { x: 1, t_x: 28, T: 35, n: 110, sum_t_x: 3300, sum_T: 3960 },
        { x: 2, t_x: 14, T: 35, n: 60, sum_t_x: 1000, sum_T: 2150 },
        { x: 3, t_x: 28, T: 35, n: 40, sum_t_x: 1240, sum_T: 1440 },
        { x: 5, t_x: 35, T: 35, n: 25, sum_t_x: 900, sum_T: 910 },
      ],
    }),
};

/** A pattern row whose last purchase is after its age: a validation error naming the row. */
export const ErrorPatternInvalid: Story = {
  args: { input: 'patterns' },
  render: (args, context) => ltv(args, context, { data: [{ x: 1, t_x: 3, T: 10, n: 2 }, { x: 2, t_x: 12, T: 10, n: 1 }] }),
};
