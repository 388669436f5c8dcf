/**
 * `dist/kpi-kit.js`, the one script tag: a loader of about 1 kB that works as a classic
 * `<script>` and as `<script type="module">` (it uses no module syntax). It watches the page
 * for the kit's tags and imports each element's code (`kpi-kit/<tag>.js`, next to this file,
 * from any folder) the first time its tag appears, so a page with one funnel pays for the
 * funnel only. Elements inside other components' shadow roots can be loaded with
 * `kpiKit.discover(root)`.
 */
const TAGS = ['kpi-funnel', 'kpi-ltv', 'kpi-scorecard'] as const;

(() => {
  const d = document;
  const own = d.currentScript as HTMLScriptElement | null;
  // As a module script there is no currentScript: find the tag that loaded the kit.
  const src = own?.src || [...d.querySelectorAll<HTMLScriptElement>('script[src]')].map((s) => s.src).filter((u) => /kpi-kit[\w.-]*\.js([?#]|$)/.test(u)).pop();
  const base = new URL('kpi-kit/', src || d.baseURI);
  const started: Record<string, Promise<unknown>> = {};
  const load = (tag: string): Promise<unknown> =>
    (started[tag] ??= customElements.get(tag)
      ? Promise.resolve()
      : import(/* @vite-ignore */ new URL(`${tag}.js`, base).href).catch((e: unknown) => {
          delete started[tag];
          console.error(`kpi-kit: could not load <${tag}> from ${base.href}`, e);
        }));
  const discover = (root: ParentNode = d): Promise<unknown[]> => Promise.all(TAGS.filter((t) => root.querySelector(t)).map(load));
  new MutationObserver(() => void discover()).observe(d.documentElement, { childList: true, subtree: true });
  void discover();
  (globalThis as { kpiKit?: unknown }).kpiKit = { load, discover, tags: TAGS };
})();
