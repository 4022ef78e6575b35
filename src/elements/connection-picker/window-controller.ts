import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The slice of a long list that is worth putting in the DOM, and the space around it. */
export interface WindowRange {
  /** First item index rendered. */
  readonly start: number;
  /** One past the last item index rendered. */
  readonly end: number;
  /** Space above the first rendered row, in px. */
  readonly before: number;
  /** Height of all rows, in px. */
  readonly total: number;
}

const OVERSCAN_ROWS = 4;

/**
 * Windowing for a scrolling list or grid of equal-height rows: the host renders only the items in
 * `range(count)` inside the element `scroller()` answers, each item marked with `[data-index]`.
 * Row height and column count are read from the layout after each update, so CSS stays in charge.
 */
export class WindowController implements ReactiveController {
  /** Measured height of one row, including the gap below it (an estimate until measured). */
  rowHeight = 44;
  /** Items per row, as the layout placed them. */
  columns = 1;
  #viewport = 400;
  #scrollTop = 0;
  #scroller: HTMLElement | null = null;
  readonly #resize = new ResizeObserver(() => this.#measure());
  readonly #onScroll = (): void => {
    const before = this.#firstRow();
    this.#scrollTop = this.#scroller!.scrollTop;
    if (this.#firstRow() !== before) this.host.requestUpdate();
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly scroller: () => HTMLElement | null,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const scroller = this.scroller();
    if (scroller !== this.#scroller) this.#watch(scroller);
    this.#measure();
  }

  hostDisconnected(): void {
    this.#watch(null);
  }

  /** Follows the scroll position and size of `scroller` (and no longer of the one before). */
  #watch(scroller: HTMLElement | null): void {
    this.#scroller?.removeEventListener('scroll', this.#onScroll);
    // The observer only ever watches the one scroller.
    this.#resize.disconnect();
    this.#scroller = scroller;
    if (scroller) {
      scroller.addEventListener('scroll', this.#onScroll, { passive: true });
      this.#resize.observe(scroller);
      this.#scrollTop = scroller.scrollTop;
    }
  }

  /** Which items to render out of `count`. */
  range(count: number): WindowRange {
    const rows = Math.ceil(count / this.columns);
    const visibleRows = Math.ceil(this.#viewport / this.rowHeight) + 1;
    const firstRow = Math.max(0, Math.min(this.#firstRow() - OVERSCAN_ROWS, rows - visibleRows - OVERSCAN_ROWS));
    const lastRow = Math.min(rows, firstRow + visibleRows + 2 * OVERSCAN_ROWS);
    return {
      start: firstRow * this.columns,
      end: Math.min(count, lastRow * this.columns),
      before: firstRow * this.rowHeight,
      total: rows * this.rowHeight,
    };
  }

  /** Scrolls the least needed to show item `index`, and renders the window around it. */
  reveal(index: number): void {
    const top = Math.floor(index / this.columns) * this.rowHeight;
    let next = this.#scrollTop;
    if (top < next) next = top;
    else if (top + this.rowHeight > next + this.#viewport) next = top + this.rowHeight - this.#viewport;
    if (next === this.#scrollTop) return;
    this.#scrollTop = next;
    if (this.#scroller) this.#scroller.scrollTop = next;
    this.host.requestUpdate();
  }

  /** How many items one page (a viewport) holds, at least one row. */
  get pageSize(): number {
    return Math.max(1, Math.floor(this.#viewport / this.rowHeight)) * this.columns;
  }

  /** Back to the top, for a new list. */
  reset(): void {
    this.#scrollTop = 0;
    if (this.#scroller) this.#scroller.scrollTop = 0;
  }

  #firstRow(): number {
    return Math.floor(this.#scrollTop / this.rowHeight);
  }

  #measure(): void {
    const scroller = this.#scroller;
    if (!scroller) return;
    const before = `${this.#viewport} ${this.columns} ${this.rowHeight}`;
    this.#viewport = scroller.clientHeight || this.#viewport;
    const items = scroller.querySelectorAll<HTMLElement>('[data-index]');
    const first = items[0];
    if (first?.offsetHeight) {
      let columns = 1;
      while (columns < items.length && items[columns]!.offsetTop === first.offsetTop) columns++;
      const next = items[columns];
      // A lone short last row says nothing about the column count; keep the wider reading.
      if (next || columns > this.columns) this.columns = columns;
      const rowHeight = next ? next.offsetTop - first.offsetTop : first.offsetHeight;
      if (rowHeight > 0) this.rowHeight = rowHeight;
    }
    // Measured after an update: the next one is scheduled apart from it, not inside it.
    if (`${this.#viewport} ${this.columns} ${this.rowHeight}` !== before) {
      queueMicrotask(() => this.host.requestUpdate());
    }
  }
}
