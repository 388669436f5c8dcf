#!/usr/bin/env node
// SYNTHETIC marketing data for the CRM export (data/sales_pipeline.csv), which has no channels,
// leads or costs. Seeded: running it again writes the same bytes. Documented in
// data/ASSUMPTIONS.md ("Marketing leads and costs"). Writes:
//   data/marketing-leads.csv  lead_id,created,channel,opportunity_id
//   data/marketing-costs.csv  month,channel,kind,amount,currency
//
// Assumptions (all invented, stated so the arithmetic can be checked by hand):
// - each of the 85 accounts came through one acquisition channel (drawn once per account with
//   the weights below); an opportunity's lead has its account's channel, or a drawn one when the
//   opportunity names no account;
// - every opportunity was a lead first: created 3–30 days before its engage date (an opportunity
//   still in Prospecting, with no engage date: a day in Oct–Dec 2017);
// - channels also bring leads that never became an opportunity: per opportunity lead, about
//   LEADS_PER_OPPORTUNITY − 1 more, on days of the same month;
// - marketing cost per channel and month = the month's leads of the channel × the channel's cost
//   per lead × a noise factor in [0.9, 1.1]. Only marketing costs: the CRM export has no sales costs.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SEED = 20171231;

export const CHANNELS = ['web', 'paid-search', 'social', 'referral', 'events'];
const WEIGHTS = { web: 0.3, 'paid-search': 0.25, social: 0.15, referral: 0.18, events: 0.12 };
const LEADS_PER_OPPORTUNITY = { web: 3, 'paid-search': 4, social: 5, referral: 1.25, events: 2 };
const COST_PER_LEAD = { web: 18, 'paid-search': 45, social: 25, referral: 60, events: 120 };

/** mulberry32: a small seeded PRNG (uniform in [0, 1)). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const iso = (t) => new Date(t).toISOString().slice(0, 10);

function main() {
  const rand = rng(SEED);
  const pick = () => {
    let u = rand();
    for (const c of CHANNELS) {
      u -= WEIGHTS[c];
      if (u < 0) return c;
    }
    return CHANNELS[CHANNELS.length - 1];
  };
  const lines = readFileSync(join(ROOT, 'data/sales_pipeline.csv'), 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const col = (name) => header.indexOf(name);
  const [iId, iAccount, iEngage] = [col('opportunity_id'), col('account'), col('engage_date')];
  const accounts = readFileSync(join(ROOT, 'data/accounts.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(',')[0]);
  const channelOf = new Map(accounts.map((a) => [a, pick()]));

  const leads = [];
  const prospectFrom = Date.UTC(2017, 9, 1);
  for (const line of lines.slice(1)) {
    const f = line.split(',');
    const account = f[iAccount];
    const channel = account ? channelOf.get(account) ?? pick() : pick();
    const engage = f[iEngage] ? Date.parse(`${f[iEngage]}T00:00:00Z`) : null;
    const created = engage === null ? prospectFrom + Math.floor(rand() * 92) * DAY : engage - (3 + Math.floor(rand() * 28)) * DAY;
    leads.push({ created, channel, opportunity: f[iId] });
  }
  // Leads that never became an opportunity, in the month of each opportunity's lead.
  const more = [];
  for (const l of leads) {
    const extra = LEADS_PER_OPPORTUNITY[l.channel] - 1;
    const n = Math.floor(extra) + (rand() < extra - Math.floor(extra) ? 1 : 0);
    const d = new Date(l.created);
    const monthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    const days = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).getTime() - monthStart;
    for (let i = 0; i < n; i++) more.push({ created: monthStart + Math.floor(rand() * (days / DAY)) * DAY, channel: l.channel, opportunity: '' });
  }
  const all = [...leads, ...more].sort((a, b) => a.created - b.created || a.channel.localeCompare(b.channel) || a.opportunity.localeCompare(b.opportunity));
  const leadLines = ['lead_id,created,channel,opportunity_id', ...all.map((l, i) => `L${String(i + 1).padStart(5, '0')},${iso(l.created)},${l.channel},${l.opportunity}`)];
  writeFileSync(join(ROOT, 'data/marketing-leads.csv'), leadLines.join('\n') + '\n');

  // Monthly marketing cost per channel.
  const count = new Map();
  for (const l of all) {
    const key = `${iso(l.created).slice(0, 7)}|${l.channel}`;
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  const months = [...new Set([...count.keys()].map((k) => k.split('|')[0]))].sort();
  const costLines = ['month,channel,kind,amount,currency'];
  for (const m of months) {
    for (const c of CHANNELS) {
      const n = count.get(`${m}|${c}`) ?? 0;
      if (n === 0) continue;
      const amount = Math.round(n * COST_PER_LEAD[c] * (0.9 + 0.2 * rand()));
      costLines.push(`${m}-01,${c},marketing,${amount},USD`);
    }
  }
  writeFileSync(join(ROOT, 'data/marketing-costs.csv'), costLines.join('\n') + '\n');
  console.log(`data/marketing-leads.csv: ${all.length} leads (${leads.length} became opportunities); data/marketing-costs.csv: ${costLines.length - 1} monthly costs`);
}

main();
