import { notice } from '../views/components';
import type { Html } from '../views/html';

/**
 * What a form just did, carried across its redirect as `?done=<code>&n=<count>` (a fixed set
 * of sentences: nothing from the query is shown as text).
 */
const SENTENCES: Record<string, (n: number) => string> = {
  resumed: (n) => `Resumed. ${n} held message${n === 1 ? '' : 's'} queued again.`,
  replayed: () => 'Replayed: the message is queued for a new attempt.',
  saved: () => 'Saved.',
  savedVersion: (n) => `Saved as version ${n}.`,
  deleted: () => 'Deleted.',
  activated: () => 'Marked active.',
  deactivated: () => 'Marked inactive.',
  sample: () => 'Added the sample organization and user.',
};

export function doneNotice(query: Record<string, unknown>): Html | undefined {
  const sentence = typeof query.done === 'string' ? SENTENCES[query.done] : undefined;
  const n = Number(query.n);
  return sentence ? notice('ok', sentence(Number.isSafeInteger(n) ? n : 0)) : undefined;
}

/** `path?done=code[&n=count]`, keeping the path's own query. */
export function doneUrl(path: string, code: keyof typeof SENTENCES, n?: number): string {
  const sep = path.includes('?') ? '&' : '?';
  return `${path}${sep}done=${code}${n === undefined ? '' : `&n=${n}`}`;
}
