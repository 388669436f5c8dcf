import type { Args, Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import '../src/define.ts';
import { inlineScript, pending, widget, type Props } from './render.ts';

/** A B2B marketing → sales funnel, as a marketing team would aggregate it per month. */
const B2B = [
  { stage: 'Visitors', count: 48_200, value: null },
  { stage: 'Leads', count: 3_610 },
  { stage: 'MQL', count: 1_240 },
  { stage: 'SQL', count: 402 },
  { stage: 'Opportunities', count: 236 },
  { stage: 'Won', count: 61 },
];

/** The real CRM export's columns, mapped by attribute. */
const CRM = {
  src: '/data/sales_pipeline.csv',
  'stage-field': 'deal_stage',
  stages: 'Prospecting, Engaging, Won',
  'lost-values': 'Lost',
};

/** `<kpi-funnel>` with the story's args as attributes and `props` (data…) as properties. */
const funnel = (args: Args, context: StoryContext, props?: Props, children?: Node[]) => widget('kpi-funnel', args, context, props, children);

const meta: Meta = {
  title: 'Widgets/kpi-funnel',
  component: 'kpi-funnel',
  parameters: {
    docs: {
      description: {
        component:
          'Conversion at each step and overall, drop-off, the bottleneck, a breakdown by any field and a period comparison. ' +
          'Data comes as the `data` property, an inline `<script type="application/json">` / `text/csv` child or `<table>`, or a `src` URL. ' +
          'The controls set the attributes; the B2B rows of most stories are the `data` property.',
      },
    },
  },
  render: (args, context) => funnel(args, context, { data: B2B }),
};
export default meta;
type Story = StoryObj;

/** Monthly B2B funnel rows as the `data` property; every control sets an attribute (try `scale`). */
export const Typical: Story = {};

/** The real CRM export (8,800 opportunities) loaded as CSV through `src`, with its columns mapped. */
export const RealCrmExport: Story = {
  args: { label: 'Pipeline, Oct 2016 – Dec 2017', ...CRM, 'value-field': 'close_value', 'stage-dates': 'Engaging:engage_date, Won:close_date' },
  render: (args, context) => funnel(args, context),
};

/**
 * What fixing the bottleneck is worth, and the open pipeline's expected wins: Engaging → Won at its
 * 55% target would add 327 wins (+$772,017); the 2,089 open deals, each weighted by its stage's
 * win rate among closed deals (63.2%), should bring 1,319 wins. Choose a stage to see its step's what-if.
 */
export const WhatIfAndForecast: Story = {
  args: { label: 'Pipeline: what-if and forecast', ...CRM, 'value-field': 'close_value', targets: 'Engaging:90%, Won:55%', 'as-of': '2017-12-31' },
  render: (args, context) => funnel(args, context),
};

/** A deal closed "in 2099": flagged in the data-quality notice, its date ignored, the deal still counted at its stage. */
export const FutureDatedDeal: Story = {
  args: { stages: 'Prospecting, Engaging, Won', 'stage-dates': 'Engaging:engage, Won:close', 'as-of': '2017-12-31', 'id-field': 'id', 'value-field': 'amount' },
  render: (args, context) =>
    funnel(args, context, {}, [
      inlineScript(
        'text/csv',
        'id,stage,engage,close,amount\nA1,Won,2017-01-10,2099-01-01,1200\nA2,Won,2017-01-12,2017-03-01,800\nA3,Lost,2017-02-01,2017-04-01,0\nA4,Engaging,2017-02-03,,\nA5,Prospecting,,,',
      ),
    ]),
};

/** One funnel per regional office, with each step's conversion side by side. */
export const GroupedByOffice: Story = {
  args: { label: 'Pipeline by regional office', ...CRM, src: '/data/crm_pipeline_teams.csv', 'group-by': 'regional_office' },
  render: (args, context) => funnel(args, context),
};

/** Grouped by sales agent: 30 agents, the largest 11 drawn and the rest summed as "Other". */
export const GroupedByAgent: Story = {
  args: { ...CRM, 'group-by': 'sales_agent' },
  render: (args, context) => funnel(args, context),
};

/** Targets per step: missed ones are marked ▼ in the chart and the table, not only by colour. */
export const TargetsMissed: Story = {
  args: { targets: 'Leads:6%, MQL:40%, SQL:40%, Opportunities:50%, Won:30%' },
};

/** Targets set as a property object, as React or Vue would pass them: the same marks as the attribute text. */
export const TargetsAsProperty: Story = {
  render: (args, context) => funnel(args, context, { data: B2B, targets: { Leads: 0.06, MQL: 0.4, SQL: 0.4, Opportunities: 0.5, Won: 0.3 } }),
};

/** Grouped by sales agent with `max-groups="5"`: the four largest agents and the rest summed as "Other". */
export const FiveGroups: Story = {
  args: { ...CRM, 'group-by': 'sales_agent', 'group-label': 'sales agent', 'max-groups': '5' },
  render: (args, context) => funnel(args, context),
};

/** This quarter against the last: outlines show the previous quarter's counts. */
export const PeriodComparison: Story = {
  args: { 'period-field': 'quarter' },
  render: (args, context) =>
    funnel(args, context, {
      data: [
        ...B2B.map((r) => ({ ...r, quarter: '2025-Q3', count: Math.round(r.count * 0.92) })),
        ...B2B.map((r, i) => ({ ...r, quarter: '2025-Q4', count: Math.round(r.count * (1 + i * 0.04)) })),
      ],
    }),
};

/** Spanish labels, euros, and a CSV with ";" separators and decimal commas, inline as a CMS editor would paste it. */
export const Spanish: Story = {
  args: { lang: 'es', currency: 'EUR', targets: 'MQL:40%, SQL:35%' },
  render: (args, context) =>
    funnel(args, context, {}, [
      inlineScript('text/csv', 'etapa;cantidad;importe\nVisitas;48.200;\nLeads;3.610;541.500,00\nMQL;1.240;186.000,00\nSQL;402;120.600,00\nOportunidades;236;94.400,00\nGanados;61;30.500,00'),
    ]),
};

/** Rows whose stage is larger than the one before are shown and flagged, not hidden. */
export const NonMonotonicData: Story = {
  render: (args, context) => funnel(args, context, { data: [{ stage: 'Leads', count: 500 }, { stage: 'MQL', count: 620 }, { stage: 'SQL', count: 140 }] }),
};

/** Loading: the `data` property is a promise that never settles. */
export const Loading: Story = {
  render: (args, context) => funnel(args, context, { data: pending() }),
};

/** Empty: no rows. */
export const Empty: Story = {
  render: (args, context) => funnel(args, context, { data: [] }),
};

/** A failed fetch: the error names the URL and status, with a retry button. */
export const ErrorHttp: Story = {
  args: { src: '/data/no-such-file.csv' },
  render: (args, context) => funnel(args, context),
};

/** A bad option value: a `config` error naming the attribute and the values it accepts. */
export const ErrorBadOption: Story = {
  args: { scale: 'cubic' },
};

/** Bad stage rows: a funnel needs every stage, so none is drawn; the error lists each bad row with its column and reason. */
export const ErrorInvalidRows: Story = {
  render: (args, context) =>
    funnel(args, context, { data: [{ stage: 'Leads', count: 1200 }, { stage: 'MQL', count: 'n/a' }, { stage: 'SQL', count: 150 }, { stage: 'Won', count: -3 }] }),
};

/** Themed through custom properties only: each one is a control. */
export const Themed: Story = {
  args: {
    label: 'Dark theme',
    '--kpi-color-surface': '#0f172a',
    '--kpi-color-text': '#e2e8f0',
    '--kpi-color-muted': '#94a3b8',
    '--kpi-color-accent': '#38bdf8',
    '--kpi-color-grid': '#334155',
    '--kpi-font': 'Georgia, serif',
  },
  render: (args, context) => {
    const el = funnel(args, context, { data: B2B });
    el.style.padding = '16px';
    el.style.borderRadius = '12px';
    return el;
  },
};
