/**
 * English and Spanish text. Each element keeps its own message table next to it and
 * merges it with `common` here; `{name}` placeholders are filled from params.
 * Every key must exist in both languages (checked by a unit test).
 */
export type Lang = 'en' | 'es';
export type Messages = Readonly<Record<string, string>>;
export type MessageTable = Readonly<Record<Lang, Messages>>;

export const common: MessageTable = {
  en: {
    loading: 'Loading data…',
    empty: 'No data to show.',
    emptyHint: 'Give the widget rows through its data property, an inline script, or a src URL.',
    errorTitle: 'This widget could not show its data',
    'error.network': 'The data could not be fetched: {message}',
    'error.http': 'The server answered HTTP {status} for {url}.',
    'error.timeout': 'The data took too long to arrive: {message}',
    'error.parse': 'The data could not be read: {message}',
    'error.validation': 'The data does not have the expected shape.',
    'error.config': 'The widget is not configured correctly: {message}',
    retry: 'Retry',
    rejectedRows: '{count} rows were left out because they are not valid.',
    rejectedRowsOne: '1 row was left out because it is not valid.',
    showDetails: 'Show details',
    moreIssues: '…and {count} more.',
    dataTable: 'Data table',
    showTable: 'Show the numbers as a table',
    hideTable: 'Hide the table',
    notAvailable: 'not available',
    'reason.zero-denominator': 'not available: nothing to divide by',
    'reason.no-data': 'not available: no data',
    'reason.missing-input': 'not available: input missing',
    'reason.invalid-input': 'not available: invalid input',
    'reason.mixed-currency': 'not available: mixed currencies',
  },
  es: {
    loading: 'Cargando datos…',
    empty: 'No hay datos que mostrar.',
    emptyHint: 'Dé filas al widget con su propiedad data, un script en línea o una URL en src.',
    errorTitle: 'Este widget no ha podido mostrar sus datos',
    'error.network': 'No se han podido obtener los datos: {message}',
    'error.http': 'El servidor respondió HTTP {status} para {url}.',
    'error.timeout': 'Los datos han tardado demasiado en llegar: {message}',
    'error.parse': 'No se han podido leer los datos: {message}',
    'error.validation': 'Los datos no tienen la forma esperada.',
    'error.config': 'El widget no está bien configurado: {message}',
    retry: 'Reintentar',
    rejectedRows: 'Se han excluido {count} filas porque no son válidas.',
    rejectedRowsOne: 'Se ha excluido 1 fila porque no es válida.',
    showDetails: 'Ver detalles',
    moreIssues: '…y {count} más.',
    dataTable: 'Tabla de datos',
    showTable: 'Ver las cifras en una tabla',
    hideTable: 'Ocultar la tabla',
    notAvailable: 'no disponible',
    'reason.zero-denominator': 'no disponible: no hay nada entre lo que dividir',
    'reason.no-data': 'no disponible: sin datos',
    'reason.missing-input': 'no disponible: faltan datos',
    'reason.invalid-input': 'no disponible: datos no válidos',
    'reason.mixed-currency': 'no disponible: monedas mezcladas',
  },
};

export type Translate = (key: string, params?: Readonly<Record<string, string | number>>) => string;

export function translator(lang: Lang, ...tables: MessageTable[]): Translate {
  return (key, params) => {
    let text: string | undefined;
    for (let i = tables.length - 1; i >= 0 && text === undefined; i--) text = tables[i]![lang][key];
    text ??= common[lang][key] ?? common.en[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
  };
}
