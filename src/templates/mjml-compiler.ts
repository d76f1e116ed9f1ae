/** One MJML validation error, as MJML reports it (1-based line in the compiled source). */
export interface MjmlError {
  line: number;
  message: string;
  tagName: string;
}

export interface MjmlResult {
  /** Empty when `errors` is not. */
  html: string;
  errors: MjmlError[];
}

/**
 * MJML → HTML at strict validation. Injectable so tests can count compiles: the registry
 * must call it once per template version, never per message.
 */
export type MjmlCompile = (source: string) => Promise<MjmlResult>;

function isMjmlErrorList(value: unknown): value is MjmlError[] {
  return Array.isArray(value) && value.every((e) => typeof e === 'object' && e !== null && 'message' in e);
}

/**
 * Loads MJML (slow: ~300 ms of requires) and returns the compile function. Call once per
 * process. Includes are ignored so a template can never read a file (`<mj-include>` is reported
 * by validation instead).
 */
export async function loadMjml(): Promise<MjmlCompile> {
  const { default: mjml2html } = await import('mjml');
  return async (source) => {
    try {
      // fonts: {} stops MJML from linking Google Fonts into every email (system fonts only)
      const result = await mjml2html(source, { validationLevel: 'strict', ignoreIncludes: true, keepComments: false, fonts: {} });
      return { html: result.html, errors: [] };
    } catch (error) {
      // strict validation throws a ValidationError carrying the list of errors with line numbers
      const errors: unknown = typeof error === 'object' && error !== null && 'errors' in error ? error.errors : undefined;
      if (isMjmlErrorList(errors)) {
        return { html: '', errors: errors.map((e) => ({ line: Number(e.line) || 1, message: String(e.message).trim(), tagName: String(e.tagName ?? '') })) };
      }
      throw error;
    }
  };
}
