import type { SenderConfigInput, SenderKind } from '../../../senders/sender-config.schema';
import type { SenderView } from '../../../senders/sender-config.service';
import type { Html } from '../../views/html';

/** A posted form: every field a string (url-encoded, one value per name). */
export type FormBody = Record<string, string | undefined>;

/** What a kind's form is drawn with. */
export interface FormContext {
  /** The sender's current configuration as reads show it (secrets masked), when it is of this kind. */
  current: SenderView | null;
  /** Stored template ids, for template pickers. */
  templateIds: string[];
}

/**
 * The console form of one sender kind: its fields, and the PUT body they make. The body then
 * goes through the API's own schema (`senderConfigInputSchema`) and `SenderChanges.put`, so the
 * form carries no rule of its own. One module per kind, listed in `index.ts`.
 */
export interface KindForm<K extends SenderKind = SenderKind> {
  kind: K;
  /** What the kind means, for the kind picker. */
  label: string;
  fields(ctx: FormContext): Html;
  /**
   * The PUT body. `kept`: the current configuration with its secrets opened, when it is of
   * this kind: a secret field left empty keeps its value from there (secrets are write-only).
   */
  body(form: FormBody, kept: SenderConfigInput | null): Record<string, unknown>;
}

/** `a@x.com, b@y.com` or one per line → a list (empty entries dropped). */
export function list(value: string | undefined): string[] {
  return (value ?? '').split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean);
}

/** An optional text field: empty = absent. */
export function optional(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
