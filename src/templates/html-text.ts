import { convert, type HtmlToTextOptions } from 'html-to-text';

const OPTIONS: HtmlToTextOptions = {
  wordwrap: 100,
  selectors: [
    // links stay usable in plain text: "Track package [https://…]"
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    { selector: 'img', format: 'skip' },
    // MJML's preview text is hidden in the HTML; it should not lead the text part either
    { selector: 'div[style*="display:none"]', format: 'skip' },
    // MJML's layout tables are role="presentation"; the rest (<mj-table>) hold data worth aligning
    { selector: 'table[role="presentation"]', format: 'block' },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false, maxColumnWidth: 50 } },
  ],
};

/** Plain-text part derived from a rendered HTML email (for templates without `text`). */
export function htmlToText(html: string): string {
  return convert(html, OPTIONS).replace(/\n{3,}/g, '\n\n').trim();
}
