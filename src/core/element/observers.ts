/**
 * What the base class watches on its host, as lit controllers: its width (for layouts) and its
 * light-DOM children (inline data edited in place). Both stop when the element disconnects.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

/** Calls `onWidth` with the host's rounded content width when it changes by a pixel or more. */
export class WidthObserver implements ReactiveController {
  private observer?: ResizeObserver;
  private frame?: number;

  constructor(private readonly host: Host, private readonly current: () => number, private readonly onWidth: (width: number) => void) {
    host.addController(this);
  }

  hostConnected(): void {
    if (typeof ResizeObserver === 'undefined') return;
    this.observer = new ResizeObserver((entries) => {
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
    this.observer?.disconnect();
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
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
