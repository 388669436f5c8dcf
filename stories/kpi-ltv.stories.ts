import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define.ts';

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
          'customers at risk. Data comes as the `data` property, an inline `<script type="application/json">` / `text/csv` child, or a `src` URL.',
      },
    },
  },
  render: () => html`<kpi-ltv src="/data/cdnow_transactions.json" calibration-end="1997-09-30" cac="12"></kpi-ltv>`,
};
export default meta;
type Story = StoryObj;

/** The CDNOW sample (6,919 purchases of 2,357 customers): predictive, as the papers fit it, with a CAC of $12. */
export const Predictive: Story = {};

/** The same data, historical LTV with a 30 % margin. */
export const Historical: Story = {
  render: () => html`<kpi-ltv method="historical" margin="30%" src="/data/cdnow_transactions.json" cac="12"></kpi-ltv>`,
};

/** Simple CLTV: lifespan estimated as 1 ÷ annual churn; CAC from acquisition cost ÷ new customers. */
export const Simple: Story = {
  render: () => html`<kpi-ltv method="simple" margin="0.3" acquisition-cost="60000" new-customers="2357" src="/data/cdnow_transactions.json"></kpi-ltv>`,
};

/** Simple CLTV with the lifespan set by the page (3 years). */
export const SimpleGivenLifespan: Story = {
  render: () => html`<kpi-ltv method="simple" lifespan="3" src="/data/cdnow_transactions.json"></kpi-ltv>`,
};

/** Few repeat customers: the widget picks the simple CLTV and says why; margin from the cost column. */
export const SmallShop: Story = {
  render: () => html`<kpi-ltv currency="EUR" cac="450" .data=${SHOP}></kpi-ltv>`,
};

/** LTV:CAC below its 3:1 target. */
export const BelowTarget: Story = {
  render: () => html`<kpi-ltv method="historical" margin="30%" cac="20" src="/data/cdnow_transactions.json"></kpi-ltv>`,
};

/** Monthly time unit, a 24-month horizon and a 15 % discount rate. */
export const MonthlyHorizon: Story = {
  render: () => html`<kpi-ltv time-unit="months" horizon="24" discount-rate="15%" src="/data/cdnow_transactions.json"></kpi-ltv>`,
};

/** Spanish, euros, a semicolon CSV with decimal commas written inline by a CMS editor. */
export const Spanish: Story = {
  render: () => {
    const el = document.createElement('kpi-ltv');
    el.setAttribute('lang', 'es');
    el.setAttribute('currency', 'EUR');
    el.setAttribute('margin', '35%');
    const script = document.createElement('script');
    script.type = 'text/csv';
    script.textContent = [
      'cliente;fecha;importe',
      'Ana;12/01/2023;120,50',
      'Ana;03/05/2023;80,00',
      'Ana;20/02/2024;150,25',
      'Bruno;01/02/2023;1.400,00',
      'Bruno;15/03/2024;650,00',
      'Carla;10/02/2023;230,00',
    ].join('\n');
    el.append(script);
    return el;
  },
};

/** Spanish, predictive, on the CDNOW sample. */
export const SpanishPredictive: Story = {
  render: () => html`<kpi-ltv lang="es" currency="EUR" src="/data/cdnow_transactions.json" calibration-end="1997-09-30" cac="12"></kpi-ltv>`,
};

/** Loading: a `src` that never answers. */
export const Loading: Story = {
  render: () => html`<kpi-ltv src="/never-answers.json" timeout="0"></kpi-ltv>`,
  loaders: [
    async () => {
      // Only this story's URL hangs; every other request goes through (patched once).
      const w = window as unknown as { __kpiLtvHang?: boolean };
      if (!w.__kpiLtvHang) {
        w.__kpiLtvHang = true;
        const orig = window.fetch.bind(window);
        window.fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
          String(input).includes('never-answers') ? new Promise<Response>(() => {}) : orig(input, init)) as typeof fetch;
      }
      return {};
    },
  ],
};

/** Empty: no rows. */
export const Empty: Story = {
  render: () => html`<kpi-ltv .data=${[]}></kpi-ltv>`,
};

/** Some rows are not valid: they are listed and left out. */
export const InvalidRows: Story = {
  render: () => html`<kpi-ltv method="historical" .data=${[...SHOP, { customer: 'Zeta', date: 'yesterday', amount: 10 }, { customer: 'Eta', date: '2024-01-01', amount: 'n/a' }]}></kpi-ltv>`,
};

/** Error: the file does not exist (a Retry button appears). */
export const HttpError: Story = {
  render: () => html`<kpi-ltv src="/data/missing.json"></kpi-ltv>`,
};

/** Error: a configuration mistake, named. */
export const ConfigError: Story = {
  render: () => html`<kpi-ltv method="magic" .data=${SHOP}></kpi-ltv>`,
};

/** Themed through custom properties and ::part. */
export const Themed: Story = {
  render: () => html`<style>
      .dark kpi-ltv {
        --kpi-color-surface: #0f172a;
        --kpi-color-text: #e2e8f0;
        --kpi-color-muted: #94a3b8;
        --kpi-color-subtle: #1e293b;
        --kpi-color-grid: #334155;
        --kpi-color-accent: #38bdf8;
        --kpi-bullet-poor: #475569;
        --kpi-bullet-satisfactory: #334155;
        --kpi-bullet-good: #1e293b;
      }
      .dark kpi-ltv::part(title) {
        letter-spacing: 0.04em;
      }
    </style>
    <div class="dark"><kpi-ltv method="historical" margin="30%" cac="12" src="/data/cdnow_transactions.json"></kpi-ltv></div>`,
};

/** Narrow: a phone-width column. */
export const Narrow: Story = {
  render: () => html`<div style="max-width: 360px"><kpi-ltv src="/data/cdnow_transactions.json" calibration-end="1997-09-30" cac="12"></kpi-ltv></div>`,
};
