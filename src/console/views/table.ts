import { tableRegion } from './components';
import { html, type Html, type Part } from './html';

export interface Column {
  /** The header text; also each cell's label when the table stacks on a narrow screen. */
  header: string;
  /** Right-aligned numbers. */
  num?: boolean;
  /** The cell that names its row (`<th scope="row">`). */
  rowHeader?: boolean;
  /** A header only assistive technology reads (an actions column). */
  hidden?: boolean;
  /** A class for its cells (`actions`). */
  className?: string;
}

/** A cell: its content, or its content and an id (for `aria-describedby` from buttons in the row). */
export type Cell = Part | { id: string; content: Part };

const isIdCell = (cell: Cell): cell is { id: string; content: Part } => typeof cell === 'object' && cell !== null && !Array.isArray(cell) && 'content' in cell;

/**
 * A data table: scrolls sideways in its region when wide, and below 640 px stacks each row
 * into a card whose cells carry their column's name (`data-label`).
 */
export function dataTable(opts: { label: string; columns: Column[]; rows: Cell[][]; caption?: Part; className?: string }): Html {
  const head = opts.columns.map((c) => html`<th scope="col"${c.num ? ' class="num"' : ''}>${c.hidden ? html`<span class="visually-hidden">${c.header}</span>` : c.header}</th>`);
  const body = opts.rows.map((row) => html`<tr>${row.map((cell, i) => {
    const col = opts.columns[i] ?? { header: '' };
    const id = isIdCell(cell) ? html` id="${cell.id}"` : '';
    const content = isIdCell(cell) ? cell.content : cell;
    const label = col.hidden ? '' : html` data-label="${col.header}"`;
    return col.rowHeader
      ? html`<th scope="row"${id}${label}>${content}</th>`
      : html`<td${id}${label}${classes(col)}>${content}</td>`;
  })}</tr>`);
  return tableRegion(opts.label, html`<table class="data-table${opts.className ? ` ${opts.className}` : ''}">${opts.caption ? html`<caption>${opts.caption}</caption>` : ''}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`);
}

function classes(col: Column): Html | '' {
  const names = [col.num ? 'num' : '', col.className ?? ''].filter(Boolean).join(' ');
  return names ? html` class="${names}"` : '';
}
