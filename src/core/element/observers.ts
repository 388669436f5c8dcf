/**
 * What the base class watches on its host, as lit controllers: its width (for layouts) and its
 * light-DOM children (inline data edited in place). Both stop when the element disconnects.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

/** Hosts connected but not measured yet: `measure` reads them all at once. */
const unmeasured = new Set<WidthObserver>();

/** The content width of an element (0 when it is not laid out). */
function contentWidth(el: HTMLElement): number {
  const cs = getComputedStyle(el);
  return Math.max(0, Math.round(el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight)));
}

/** Calls `onWidth` with the host's rounded content width when it changes by a pixel or more. */
export class WidthObserver implements ReactiveController {
  private observer?: ResizeObserver;
  private frame?: number;

  constructor(private readonly host: Host, private readonly current: () => number, private readonly onWidth: (width: number) => void) {
    host.addController(this);
  }

  hostConnected(): void {
    if (typeof ResizeObserver === 'undefined') return;
    unmeasured.add(this);
    this.observer = new ResizeObserver((entries) => {
      unmeasured.delete(this);
      const w = Math.round(entries[0]?.contentRect.width ?? 0);
      if (w <= 0 || Math.abs(w - this.current()) < 1) return;
      // Re-render in the next frame, not in this one: a render that changes the host's
      // height inside the observer's own frame makes the browser report "ResizeObserver
      // loop completed with undelivered notifications" to the page's error handlers.
      if (this.frame !== undefined) cancelAnimationFrame(this.frame);
      this.frame = requestAnimationFrame(() => {
        this.frame = undefined;
        this.onWidth(w);
      });
    });
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    unmeasured.delete(this);
    this.observer?.disconnect();
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
  }

  /**
   * The host's content width now (0 when it is not laid out): read when a first result is drawn
   * before the observer has reported, so the layout is not a guess corrected a frame later (which
   * moves a chart, and reflows a scorecard's grid, after it was painted). Every other host still
   * unmeasured is read in the same pass (one layout for fifty widgets added at once, not fifty).
   */
  measure(): number {
    if (!this.host.isConnected) return 0;
    const pending = [...unmeasured].filter((o) => o !== this && o.host.isConnected);
    unmeasured.clear();
    const own = contentWidth(this.host);
    for (const [o, w] of pending.map((o) => [o, contentWidth(o.host)] as const)) if (w > 0 && !o.current()) o.onWidth(w);
    return own;
  }
}

/** Calls `onChange` when the host's children or their text change (not its own attributes). */
export class ChildrenObserver implements ReactiveController {
  private observer?: MutationObserver;

  constructor(private readonly host: Host, private readonly onChange: () => void) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new MutationObserver((records) => {
      if (records.some((r) => r.target !== this.host || r.type === 'childList')) this.onChange();
    });
    this.observer.observe(this.host, { childList: true, subtree: true, characterData: true });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
  }
}
