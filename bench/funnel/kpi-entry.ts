// <kpi-funnel> alone, self-contained, as the bench loads it.
import '../../src/entries/kpi-funnel.ts';
