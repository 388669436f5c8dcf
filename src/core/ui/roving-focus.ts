/**
 * One tab stop over N items (a chart's stages, a histogram's bars): Tab reaches the group
 * once, the arrow keys move within it (WAI-ARIA "roving tabindex").
 *
 * - ArrowLeft / ArrowUp: previous item; ArrowRight / ArrowDown: next item (no wrapping).
 * - Home / End: first / last item.
 * - Enter / Space: `onSelect(index)`.
 * - Escape: `onEscape()` (e.g. hide the tooltip).
 *
 * The items live in the host's render root, match `items` and carry `data-index`. Render
 * each with `tabindex=${roving.tabIndex(i, n)}` and put `@keydown=${roving.onKeyDown}` on
 * them or on their container.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type RovingKeyResult = { readonly move: number } | { readonly select: true } | { readonly escape: true } | null;

/** What a key does to `index` among `n` items (pure). */
export function rovingKey(key: string, index: number, n: number): RovingKeyResult {
  if (n <= 0) return null;
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowUp':
      return { move: Math.max(0, index - 1) };
    case 'ArrowRight':
    case 'ArrowDown':
      return { move: Math.min(n - 1, index + 1) };
    case 'Home':
      return { move: 0 };
    case 'End':
      return { move: n - 1 };
    case 'Enter':
    case ' ':
    case 'Spacebar':
      return { select: true };
    case 'Escape':
      return { escape: true };
    default:
      return null;
  }
}

export interface RovingFocusOptions {
  /** Selector of the items inside the host's render root (each carries `data-index`). */
  readonly items: string;
  readonly onSelect?: (index: number) => void;
  readonly onEscape?: () => void;
}

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

export class RovingFocus implements ReactiveController {
  /** The item last moved to or selected; -1 until then. */
  active = -1;

  constructor(
    private readonly host: Host,
    private readonly options: RovingFocusOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    // Nothing to release (the listener is bound in the host's template); declared so the
    // class satisfies ReactiveController, whose members are all optional.
  }

  /** The index holding the tab stop among `n` items. */
  tabStop(n: number): number {
    return this.active >= 0 && this.active < n ? this.active : 0;
  }

  tabIndex(index: number, n: number): 0 | -1 {
    return index === this.tabStop(n) ? 0 : -1;
  }

  /** Make `index` the active item (a click, say) without moving focus. */
  set(index: number): void {
    if (index === this.active) return;
    this.active = index;
    this.host.requestUpdate();
  }

  /** Forget the active item (new data). */
  reset(): void {
    this.set(-1);
  }

  /** Make `index` active and focus it once the host has rendered. */
  focus(index: number): void {
    this.set(index);
    void this.host.updateComplete.then(() => {
      const el = this.host.renderRoot.querySelector(`${this.options.items}[data-index="${index}"]`) as HTMLElement | SVGElement | null;
      el?.focus();
    });
  }

  private items(): Element[] {
    return [...this.host.renderRoot.querySelectorAll(this.options.items)];
  }

  /** The keydown listener: `@keydown=${roving.onKeyDown}`. */
  readonly onKeyDown = (e: KeyboardEvent): void => {
    const item = (e.target as Element | null)?.closest?.(this.options.items);
    if (!item) return;
    const index = Number(item.getAttribute('data-index'));
    if (!Number.isInteger(index) || index < 0) return;
    const r = rovingKey(e.key, index, this.items().length);
    if (!r) return;
    if ('escape' in r) {
      this.options.onEscape?.();
      return;
    }
    e.preventDefault();
    if ('select' in r) {
      this.set(index);
      this.options.onSelect?.(index);
      return;
    }
    this.focus(r.move);
  };
}
