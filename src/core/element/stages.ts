/**
 * Drawing a new result over frames, and reusing its view model meanwhile (for core/element/kpi-element.ts).
 *
 * `RenderStages`: how much of a new result is drawn: stage 0 in its first frame (the headline and
 * the chart), one more each frame after, up to the widget's count (everything). So neither
 * render is one long task. The element's `updateComplete`, `state` attribute and `kpi-update`
 * wait for the last stage (`pending`, `done`).
 *
 * `ViewMemo`: the view model built again only when its key changed, so a render that only draws
 * more of the same result reuses it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { yieldToEventLoop } from '../jobs/client.ts';

export class RenderStages implements ReactiveController {
  /** The stage drawn; Infinity outside a staged draw (everything). */
  stage = Infinity;
  /** The next stage's wait, while one is coming. */
  pending?: Promise<void>;
  private shownPhase = 'idle';

  constructor(
    private readonly host: ReactiveControllerHost,
    /** The widget's later stages (1: the chart, then the rest). */
    private readonly count: () => number,
  ) {
    host.addController(this);
  }

  /** Every stage is drawn. */
  get done(): boolean {
    return this.stage >= this.count();
  }

  /** From the host's willUpdate: a result shown for the first time (not a change to one shown) starts at stage 0. */
  phase(phase: string): void {
    if (phase === 'ready' && this.shownPhase !== 'ready') this.stage = 0;
    this.shownPhase = phase;
  }

  hostUpdated(): void {
    if (this.done || this.pending) return;
    this.pending = afterNextPaint().then(() => {
      this.pending = undefined;
      this.stage++;
      this.host.requestUpdate();
    });
  }
}

export class ViewMemo {
  private last?: { readonly key: readonly unknown[]; readonly view: unknown };

  get<V>(key: readonly unknown[], build: () => V): V {
    const m = this.last;
    if (m && m.key.length === key.length && m.key.every((k, i) => Object.is(k, key[i]))) return m.view as V;
    const view = build();
    this.last = { key, view };
    return view;
  }
}

/**
 * After the next frame is painted: a task queued from the next animation frame, or after
 * 100 ms where no frame comes (a background tab).
 */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const go = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      void yieldToEventLoop().then(resolve);
    };
    const timer = setTimeout(go, 100);
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(go);
  });
}
