/**
 * Rendered emails (template previews, the dev outbox) are author-supplied HTML shown on
 * Herald's origin: no scripts, forms, base URL or framing, and a sandbox (opaque origin)
 * besides; links may still open in a new tab.
 */
export const EMAIL_PAGE_CSP = [
  "default-src 'none'", 'img-src * data:', "style-src 'unsafe-inline'", 'font-src * data:',
  "base-uri 'none'", "form-action 'none'", "frame-ancestors 'self'", 'sandbox allow-popups allow-popups-to-escape-sandbox',
].join('; ');
