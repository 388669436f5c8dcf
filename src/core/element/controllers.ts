/**
 * The base class's other duties as lit controllers, so the element itself stays properties,
 * lifecycle and render: the events a page listens to, and the message tables of its language.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { KpiErrorDetail } from '../data/errors.ts';
import { kpiEvent } from '../events.ts';
import { hasMessages, loadMessages, translator, type LocaleInfo, type Translate } from '../i18n/index.ts';
import type { Built } from './spec.ts';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * After each update: the `state` attribute (and `aria-busy` while loading), then `kpi-update`
 * (with `kpi-warning` when rows were left out or findings made)
 * for every new model, and `kpi-error` for a new error — once per distinct error, unless the
 * widget recovered in between.
 */
export class Announcer implements ReactiveController {
  private lastBuilt: unknown;
  private lastError: KpiErrorDetail | undefined;
  private lastErrorKey?: string;

  constructor(
    private readonly host: Host,
    private readonly now: () => {
      readonly phase: string;
      readonly built: Built<unknown, unknown> | undefined;
      readonly error: KpiErrorDetail | undefined;
      /** False while a new result is still drawing its later parts: nothing is announced until they are in. */
      readonly settled: boolean;
    },
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const { phase, built, error, settled } = this.now();
    if (!settled) return;
    this.host.setAttribute('state', phase);
    this.host.toggleAttribute('aria-busy', phase === 'loading');
    if (built !== this.lastBuilt) {
      this.lastBuilt = built;
      if (built && phase !== 'error') {
        this.host.dispatchEvent(kpiEvent('kpi-update', { result: built.result }));
        const { rejected = [], findings = [], total = 0 } = built;
        if (rejected.length > 0 || findings.length > 0) this.host.dispatchEvent(kpiEvent('kpi-warning', { rejected, findings, total }));
      }
    }
    if (error !== this.lastError) {
      const before = this.lastError;
      this.lastError = error;
      if (!error) return;
      const key = JSON.stringify(error);
      if (key !== this.lastErrorKey || before === undefined) {
        this.lastErrorKey = key;
        this.host.dispatchEvent(kpiEvent('kpi-error', error));
      }
    }
  }
}

/**
 * The translator for the host's language. A message locale other than English is loaded on
 * first use: English until then, and a new render when it is in; `pending` lets
 * `updateComplete` wait for it.
 */
export class Messages implements ReactiveController {
  pending?: Promise<void>;
  /** Bumped when a message table arrives: views built with the fallback are built again. */
  version = 0;

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  hostConnected(): void {}

  t(info: LocaleInfo, namespace: string): Translate {
    if (!this.pending && !hasMessages(info.messages)) {
      this.pending = loadMessages(info.messages).then(() => {
        this.pending = undefined;
        this.version++;
        this.host.requestUpdate();
      });
    }
    return translator(info, namespace);
  }
}
