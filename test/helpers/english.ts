/** Every English part (core/i18n/en.ts) as one table, for tests that compare locales key by key. */
import { commonEn } from '../../src/core/i18n/en.ts';
import { kpiEn } from '../../src/core/i18n/en-kpi.ts';
import { funnelEn } from '../../src/widgets/funnel/en.ts';
import { ltvEn } from '../../src/widgets/ltv/en.ts';
import { scorecardEn } from '../../src/widgets/scorecard/en.ts';

export const en = { ...commonEn, ...kpiEn, ...funnelEn, ...ltvEn, ...scorecardEn };
