/**
 * English and Spanish text of <kpi-scorecard>, and the one-line explanation of each "A" mark
 * (reason code + params → a sentence a manager understands). Numbers are formatted by the
 * caller's `fmt` (src/format/format.ts), never here.
 */
import type { MessageTable, Translate } from '../../core/i18n/i18n.ts';
import type { ACheck } from './six-a.ts';

export const scorecardMessages: MessageTable = {
  en: {
    title: 'Scorecard',
    summary: '{count} KPIs as of {date}: {onTrack} on track, {atRisk} at risk, {offTrack} off track.',
    summaryUnknown: '{count} not judged yet.',
    'status.on-track': 'On track',
    'status.at-risk': 'At risk',
    'status.off-track': 'Off track',
    'status.unknown': 'Not judged',
    'status.too-early': 'Too early to judge',
    'reason.neutral': 'within the neutral band around target',
    value: 'Value',
    target: 'Target',
    targetPeriod: 'Target per {period}',
    'period.month': 'month',
    'period.quarter': 'quarter',
    'period.year': 'year',
    kpi: 'KPI',
    status: 'Status',
    period: 'Period',
    comparison: 'Comparison',
    delta: 'Change',
    vs: 'vs {period}',
    vsToDate: 'vs {period} to the same day',
    noComparison: 'no comparison',
    pace: 'Pace',
    paceRunning: '{value} of {expected} expected by day {day} of {days} · projected {projected}',
    paceTooEarly: 'Day {day} of {days}: too early to judge the pace',
    paceNotStarted: 'The period has not started',
    expectedToDate: 'Expected to date',
    projected: 'Projected',
    trend: 'Trend',
    trendAria: '{label}, last {count} periods: {points}',
    leading: 'leading',
    lagging: 'lagging',
    sixA: '6 A',
    sixAScore: '{pass} of 6',
    sixATitle: 'The 6 A of a good KPI',
    sixAToggle: '6 A check of {label}: {pass} of 6 pass',
    'mark.pass': 'pass',
    'mark.warn': 'warning',
    'mark.fail': 'fail',
    'a.aligned': 'Aligned',
    'a.achievable': 'Achievable',
    'a.sharp': 'Sharp',
    'a.accurate': 'Accurate',
    'a.actionable': 'Actionable',
    'a.alive': 'Alive',
    tooMany: 'This scorecard has {count} KPIs, more than the {max} a team can follow: keep the few that matter most.',
    matrixTitle: 'By {group}',
    'group.sales_agent': 'Sales agent',
    'group.owner': 'Sales agent',
    'group.manager': 'Manager',
    'group.team': 'Team',
    'group.regional_office': 'Regional office',
    'group.region': 'Region',
    'group.product': 'Product',
    'group.account': 'Account',
    member: 'Member',
    sortBy: 'Sort by {column}',
    contrastNote: 'Marked ◆: better than the median on {high} but worse on {low}.',
    contrastNoteExample: 'Marked ◆: better than the median on {high} but worse on {low} — e.g. opens many opportunities but closes few.',
    contrastMark: 'better than the median on {high}, worse on {low}',
    selectKpi: 'Select {label}',
    ownerLabel: 'Owner',
    objectiveLabel: 'Objective',
    nextActionLabel: 'Next action',
    configProblems: 'Configuration problems',
    days: '{n} d',
    none: '—',
    // The six A, one line each.
    'aligned.objective': 'Serves the objective “{objective}”.',
    'aligned.no-objective': 'No business objective is named: say which goal this KPI serves.',
    'achievable.within-reach': 'Target {target} is within reach of the {basis} ({reference}).',
    'achievable.stretch': 'Stretch target: {target} is {stretch} above the {basis} ({reference}).',
    'achievable.out-of-reach': 'Out of reach: {target} is {stretch} beyond the {basis} ({reference}).',
    'achievable.too-easy': 'Target {target} is worse than every recent period (worst {worst}): it asks for nothing.',
    'achievable.no-history': 'Only {periods} past periods: too little history to judge the target.',
    'basis.best': 'best recent period',
    'basis.trend': 'trend',
    'sharp.varies': 'The series moves ({min} to {max} over {points} periods): it carries information.',
    'sharp.constant': 'The value never changes ({value} in all {points} periods): it tells nothing.',
    'sharp.short-series': 'Only {points} periods of data: too short to show a trend.',
    'sharp.too-many-kpis': '{count} KPIs on the scorecard, more than the {max} a team can follow.',
    'accurate.all-valid': 'All {total} input rows passed validation.',
    'accurate.few-rejected': '{valid} of {total} rows valid; {rejected} dropped ({reason}).',
    'accurate.some-rejected': '{share} of rows valid: {rejected} of {total} dropped ({reason}).',
    'accurate.many-rejected': 'Only {share} of rows valid: {rejected} of {total} dropped ({reason}).',
    'accurate.flagged': 'All {valid} rows valid, but {flags}.',
    'accurate.no-rows': 'No input rows: nothing to check.',
    'accurate.unverified': 'Value supplied directly: its source rows cannot be checked here.',
    'flag.unknown': '{count} name a {field} not in the reference list ({example})',
    'flag.open-without-account': '{count} open deals have no account',
    'flag.won-without-amount': '{count} won deals have no amount',
    'actionable.owner-and-action': 'Owner: {owner}. Next action: {action}.',
    'actionable.owner': 'Owner: {owner} (no next action named).',
    'actionable.action': 'Next action: {action} (no owner named).',
    'actionable.no-owner': 'No owner and no next action: nobody is set to act on it.',
    'alive.fresh': 'Data age {age} d, within its {allowed}-day review cycle.',
    'alive.ageing': 'Data age {age} d, past its {allowed}-day review cycle.',
    'alive.stale': 'Stale: data age {age} d, more than twice its {allowed}-day review cycle.',
    'alive.no-cadence': 'No review cadence or maximum data age is set.',
    'alive.unknown-age': 'The data carries no date: its age cannot be checked.',
  },
  es: {
    title: 'Cuadro de mando',
    summary: '{count} KPI a {date}: {onTrack} en línea, {atRisk} en riesgo, {offTrack} desviados.',
    summaryUnknown: '{count} aún sin evaluar.',
    'status.on-track': 'En línea',
    'status.at-risk': 'En riesgo',
    'status.off-track': 'Desviado',
    'status.unknown': 'Sin evaluar',
    'status.too-early': 'Demasiado pronto para juzgar',
    'reason.neutral': 'dentro de la banda neutra alrededor del objetivo',
    value: 'Valor',
    target: 'Objetivo',
    targetPeriod: 'Objetivo por {period}',
    'period.month': 'mes',
    'period.quarter': 'trimestre',
    'period.year': 'año',
    kpi: 'KPI',
    status: 'Estado',
    period: 'Periodo',
    comparison: 'Comparación',
    delta: 'Variación',
    vs: 'frente a {period}',
    vsToDate: 'frente a {period} al mismo día',
    noComparison: 'sin comparación',
    pace: 'Ritmo',
    paceRunning: '{value} de {expected} esperados al día {day} de {days} · previsión {projected}',
    paceTooEarly: 'Día {day} de {days}: demasiado pronto para juzgar el ritmo',
    paceNotStarted: 'El periodo no ha empezado',
    expectedToDate: 'Esperado a la fecha',
    projected: 'Previsión',
    trend: 'Tendencia',
    trendAria: '{label}, últimos {count} periodos: {points}',
    leading: 'adelantado',
    lagging: 'de resultado',
    sixA: '6 A',
    sixAScore: '{pass} de 6',
    sixATitle: 'Las 6 A de un buen KPI',
    sixAToggle: 'Control de las 6 A de {label}: {pass} de 6 superadas',
    'mark.pass': 'superado',
    'mark.warn': 'aviso',
    'mark.fail': 'no superado',
    'a.aligned': 'Alineado',
    'a.achievable': 'Alcanzable',
    'a.sharp': 'Agudo',
    'a.accurate': 'Preciso',
    'a.actionable': 'Accionable',
    'a.alive': 'Vivo',
    tooMany: 'Este cuadro tiene {count} KPI, más de los {max} que un equipo puede seguir: quédese con los que más importan.',
    matrixTitle: 'Por {group}',
    'group.sales_agent': 'Comercial',
    'group.owner': 'Comercial',
    'group.manager': 'Responsable de equipo',
    'group.team': 'Equipo',
    'group.regional_office': 'Oficina regional',
    'group.region': 'Región',
    'group.product': 'Producto',
    'group.account': 'Cuenta',
    member: 'Miembro',
    sortBy: 'Ordenar por {column}',
    contrastNote: 'Marcado ◆: mejor que la mediana en {high} pero peor en {low}.',
    contrastNoteExample: 'Marcado ◆: mejor que la mediana en {high} pero peor en {low}; p. ej., abre muchas oportunidades pero cierra pocas.',
    contrastMark: 'mejor que la mediana en {high}, peor en {low}',
    selectKpi: 'Seleccionar {label}',
    ownerLabel: 'Responsable',
    objectiveLabel: 'Objetivo de negocio',
    nextActionLabel: 'Próxima acción',
    configProblems: 'Problemas de configuración',
    days: '{n} d',
    none: '—',
    'aligned.objective': 'Sirve al objetivo «{objective}».',
    'aligned.no-objective': 'No nombra ningún objetivo de negocio: indique a qué meta sirve este KPI.',
    'achievable.within-reach': 'El objetivo {target} está al alcance del {basis} ({reference}).',
    'achievable.stretch': 'Objetivo exigente: {target} está un {stretch} por encima del {basis} ({reference}).',
    'achievable.out-of-reach': 'Fuera de alcance: {target} está un {stretch} más allá del {basis} ({reference}).',
    'achievable.too-easy': 'El objetivo {target} es peor que todos los periodos recientes (el peor, {worst}): no exige nada.',
    'achievable.no-history': 'Solo {periods} periodos anteriores: poca historia para juzgar el objetivo.',
    'basis.best': 'mejor periodo reciente',
    'basis.trend': 'valor de la tendencia',
    'sharp.varies': 'La serie se mueve (de {min} a {max} en {points} periodos): aporta información.',
    'sharp.constant': 'El valor no cambia nunca ({value} en los {points} periodos): no dice nada.',
    'sharp.short-series': 'Solo {points} periodos de datos: demasiado poco para ver una tendencia.',
    'sharp.too-many-kpis': '{count} KPI en el cuadro, más de los {max} que un equipo puede seguir.',
    'accurate.all-valid': 'Las {total} filas de entrada han pasado la validación.',
    'accurate.few-rejected': '{valid} de {total} filas válidas; {rejected} descartadas ({reason}).',
    'accurate.some-rejected': '{share} de filas válidas: {rejected} de {total} descartadas ({reason}).',
    'accurate.many-rejected': 'Solo un {share} de filas válidas: {rejected} de {total} descartadas ({reason}).',
    'accurate.flagged': 'Las {valid} filas son válidas, pero {flags}.',
    'accurate.no-rows': 'No hay filas de entrada: nada que comprobar.',
    'accurate.unverified': 'Valor aportado directamente: aquí no se pueden comprobar sus filas de origen.',
    'flag.unknown': '{count} nombran un {field} que no está en la lista de referencia ({example})',
    'flag.open-without-account': '{count} oportunidades abiertas no tienen cuenta',
    'flag.won-without-amount': '{count} oportunidades ganadas no tienen importe',
    'actionable.owner-and-action': 'Responsable: {owner}. Próxima acción: {action}.',
    'actionable.owner': 'Responsable: {owner} (sin próxima acción).',
    'actionable.action': 'Próxima acción: {action} (sin responsable).',
    'actionable.no-owner': 'Sin responsable ni próxima acción: nadie tiene que actuar.',
    'alive.fresh': 'Antigüedad de los datos: {age} d, dentro de su ciclo de revisión de {allowed} días.',
    'alive.ageing': 'Antigüedad de los datos: {age} d, más que su ciclo de revisión de {allowed} días.',
    'alive.stale': 'Caducado: antigüedad de los datos {age} d, más del doble de su ciclo de revisión de {allowed} días.',
    'alive.no-cadence': 'No hay cadencia de revisión ni antigüedad máxima de los datos.',
    'alive.unknown-age': 'Los datos no tienen fecha: no se puede comprobar su antigüedad.',
  },
};

export interface ExplainFormat {
  /** A value in the KPI's unit (money, %, days…). */
  readonly value: (v: number) => string;
  readonly count: (v: number) => string;
  readonly percent: (v: number) => string;
}

const n = (p: ACheck['params'], k: string): number => (typeof p[k] === 'number' ? (p[k] as number) : Number.NaN);

/**
 * One line explaining an "A" mark. `flagged` / `examples` (from the KPI's quality counts) list
 * every flag reason, not only the top one.
 */
export function explainCheck(
  t: Translate,
  c: ACheck,
  fmt: ExplainFormat,
  quality?: { readonly flagged?: Readonly<Record<string, number>>; readonly examples?: Readonly<Record<string, string>> } | null,
): string {
  const p = c.params;
  const key = `${c.a}.${c.code}`;
  switch (key) {
    case 'achievable.within-reach':
    case 'achievable.stretch':
    case 'achievable.out-of-reach':
      return t(key, {
        target: fmt.value(n(p, 'target')),
        reference: fmt.value(n(p, 'reference')),
        basis: t(`basis.${String(p.basis)}`),
        stretch: n(p, 'stretch') < 0 ? '∞' : fmt.percent(n(p, 'stretch')),
      });
    case 'achievable.too-easy':
      return t(key, { target: fmt.value(n(p, 'target')), worst: fmt.value(n(p, 'worst')) });
    case 'achievable.no-history':
      return t(key, { periods: n(p, 'periods') });
    case 'sharp.varies':
      return t(key, { min: fmt.value(n(p, 'min')), max: fmt.value(n(p, 'max')), points: n(p, 'points') });
    case 'sharp.constant':
      return t(key, { value: fmt.value(n(p, 'value')), points: n(p, 'points') });
    case 'sharp.short-series':
      return t(key, { points: n(p, 'points') });
    case 'sharp.too-many-kpis':
      return t(key, { count: n(p, 'count'), max: n(p, 'max') });
    case 'accurate.flagged': {
      const flags = Object.entries(quality?.flagged ?? { [String(p.flag)]: n(p, 'flagCount') })
        .filter(([, count]) => count > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([reason, count]) => {
          if (reason.startsWith('unknown-')) {
            return t('flag.unknown', { count: fmt.count(count), field: reason.slice(8), example: quality?.examples?.[reason] ?? '?' });
          }
          const k = `flag.${reason}`;
          const text = t(k, { count: fmt.count(count) });
          return text === k ? `${fmt.count(count)} ${reason}` : text;
        });
      return t(key, { valid: fmt.count(n(p, 'valid')), flags: flags.join('; ') });
    }
    case 'accurate.all-valid':
    case 'accurate.few-rejected':
    case 'accurate.some-rejected':
    case 'accurate.many-rejected':
      return t(key, {
        valid: fmt.count(n(p, 'valid')),
        total: fmt.count(n(p, 'total')),
        rejected: fmt.count(n(p, 'rejected')),
        share: fmt.percent(n(p, 'share')),
        reason: typeof p.reason === 'string' ? p.reason : '',
      });
    case 'alive.fresh':
    case 'alive.ageing':
    case 'alive.stale':
      return t(key, { age: fmt.count(n(p, 'age')), allowed: fmt.count(n(p, 'allowed')) });
    default: {
      const params: Record<string, string | number> = {};
      for (const [k, v] of Object.entries(p)) params[k] = v;
      return t(key, params);
    }
  }
}
