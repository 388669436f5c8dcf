import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define.ts';

/** A B2B marketing → sales funnel, as a marketing team would aggregate it per month. */
const B2B = [
  { stage: 'Visitors', count: 48_200, value: null },
  { stage: 'Leads', count: 3_610 },
  { stage: 'MQL', count: 1_240 },
  { stage: 'SQL', count: 402 },
  { stage: 'Opportunities', count: 236 },
  { stage: 'Won', count: 61 },
];

const meta: Meta = {
  title: 'Widgets/kpi-funnel',
  component: 'kpi-funnel',
  parameters: {
    docs: {
      description: {
        component:
          'Conversion at each step and overall, drop-off, the bottleneck, a breakdown by any field and a period comparison. ' +
          'Data comes as the `data` property, an inline `<script type="application/json">` / `text/csv` child, or a `src` URL.',
      },
    },
  },
  render: () => html`<kpi-funnel .data=${B2B}></kpi-funnel>`,
};
export default meta;
type Story = StoryObj;

export const Typical: Story = {};

/** The real CRM export (8,800 opportunities) loaded as CSV through `src`, with its columns mapped. */
export const RealCrmExport: Story = {
  render: () => html`<kpi-funnel
    label="Pipeline, Oct 2016 – Dec 2017"
    src="/data/sales_pipeline.csv"
    stage-field="deal_stage"
    stages="Prospecting, Engaging, Won"
    lost-values="Lost"
    value-field="close_value"
    stage-dates="Engaging:engage_date, Won:close_date"
  ></kpi-funnel>`,
};

/** One funnel per regional office, with each step's conversion side by side. */
export const GroupedByOffice: Story = {
  render: () => html`<kpi-funnel
    label="Pipeline by regional office"
    src="/data/crm_pipeline_teams.csv"
    stage-field="deal_stage"
    stages="Prospecting, Engaging, Won"
    lost-values="Lost"
    group-by="regional_office"
  ></kpi-funnel>`,
};

/** Grouped by sales agent: 30 agents, the largest 11 drawn and the rest summed as "Other". */
export const GroupedByAgent: Story = {
  render: () => html`<kpi-funnel
    src="/data/sales_pipeline.csv"
    stage-field="deal_stage"
    stages="Prospecting, Engaging, Won"
    lost-values="Lost"
    group-by="sales_agent"
  ></kpi-funnel>`,
};

/** Targets per step: missed ones are marked ▼ in the chart and the table, not only by colour. */
export const TargetsMissed: Story = {
  render: () => html`<kpi-funnel targets="Leads:6%, MQL:40%, SQL:40%, Opportunities:50%, Won:30%" .data=${B2B}></kpi-funnel>`,
};

/** Targets set as a property object, as React or Vue would pass them: the same marks as the attribute text. */
export const TargetsAsProperty: Story = {
  render: () => html`<kpi-funnel .targets=${{ Leads: 0.06, MQL: 0.4, SQL: 0.4, Opportunities: 0.5, Won: 0.3 }} .data=${B2B}></kpi-funnel>`,
};

/** Grouped by sales agent with `max-groups="5"`: the four largest agents and the rest summed as "Other". */
export const FiveGroups: Story = {
  render: () => html`<kpi-funnel
    src="/data/sales_pipeline.csv"
    stage-field="deal_stage"
    stages="Prospecting, Engaging, Won"
    lost-values="Lost"
    group-by="sales_agent"
    group-label="sales agent"
    max-groups="5"
  ></kpi-funnel>`,
};

/** This quarter against the last: outlines show the previous quarter's counts. */
export const PeriodComparison: Story = {
  render: () => html`<kpi-funnel
    period-field="quarter"
    .data=${[
      ...B2B.map((r) => ({ ...r, quarter: '2025-Q3', count: Math.round(r.count * 0.92) })),
      ...B2B.map((r, i) => ({ ...r, quarter: '2025-Q4', count: Math.round(r.count * (1 + i * 0.04)) })),
    ]}
  ></kpi-funnel>`,
};

/** Spanish labels, euros, and a CSV with ";" separators and decimal commas, inline as a CMS editor would paste it. */
export const Spanish: Story = {
  render: () => {
    const el = document.createElement('div');
    el.lang = 'es';
    const f = document.createElement('kpi-funnel');
    f.setAttribute('currency', 'EUR');
    f.setAttribute('targets', 'MQL:40%, SQL:35%');
    const s = document.createElement('script');
    s.type = 'text/csv';
    s.textContent = 'etapa;cantidad;importe\nVisitas;48.200;\nLeads;3.610;541.500,00\nMQL;1.240;186.000,00\nSQL;402;120.600,00\nOportunidades;236;94.400,00\nGanados;61;30.500,00';
    f.append(s);
    el.append(f);
    return el;
  },
};

/** Rows whose stage is larger than the one before are shown and flagged, not hidden. */
export const NonMonotonicData: Story = {
  render: () => html`<kpi-funnel .data=${[{ stage: 'Leads', count: 500 }, { stage: 'MQL', count: 620 }, { stage: 'SQL', count: 140 }]}></kpi-funnel>`,
};

export const Loading: Story = {
  render: () => html`<kpi-funnel .data=${new Promise(() => {})}></kpi-funnel>`,
};

export const Empty: Story = {
  render: () => html`<kpi-funnel></kpi-funnel>`,
};

/** A failed fetch: the error names the URL and status, with a retry button. */
export const ErrorHttp: Story = {
  render: () => html`<kpi-funnel src="/data/no-such-file.csv"></kpi-funnel>`,
};

/** A bad option value: a `config` error naming the attribute and the values it accepts. */
export const ErrorBadOption: Story = {
  render: () => html`<kpi-funnel scale="cubic" .data=${B2B}></kpi-funnel>`,
};

/** Bad rows: the valid rest is shown, and each left-out row is listed with its column and reason. */
export const ErrorInvalidRows: Story = {
  render: () => html`<kpi-funnel .data=${[{ stage: 'Leads', count: 1200 }, { stage: 'MQL', count: 'n/a' }, { stage: 'SQL', count: 150 }, { stage: 'Won', count: -3 }]}></kpi-funnel>`,
};

/** Themed through custom properties only. */
export const Themed: Story = {
  render: () => html`<div class="dark-theme">
    <kpi-funnel .data=${B2B} label="Dark theme"></kpi-funnel>
  </div>
  <style>
    .dark-theme kpi-funnel {
      --kpi-color-surface: #0f172a; --kpi-color-text: #e2e8f0; --kpi-color-muted: #94a3b8;
      --kpi-color-accent: #38bdf8; --kpi-color-grid: #334155; --kpi-font: Georgia, serif;
      padding: 16px; border-radius: 12px;
    }
  </style>`,
};
