import type { RenderedEmail } from '../templates/template.port';

/**
 * What one delivery try came to. Adapters classify, never sleep or retry: the queue owns
 * attempts and backoff.
 */
export type DeliveryResult =
  | { outcome: 'success'; statusCode: number | null; response: string | null }
  | {
      outcome: 'transient' | 'permanent';
      statusCode: number | null;
      /** Human-readable, free of secrets. */
      error: string;
      response: string | null;
      /** From a `Retry-After` header, when the receiver sent one. */
      retryAfterMs?: number;
    };

export interface EmailEnvelope {
  from: { email: string; name: string };
  to: { email: string; name: string };
  cc: string[];
  /** Mandrill tags: the event type. */
  tags: string[];
  /** Mandrill metadata: event type, event id, message id. */
  metadata: Record<string, string>;
}

/** A Mandrill account, reached through the official Mailchimp Transactional client. */
export interface MandrillGateway {
  /** `messages/send` with HTML and text rendered by Herald. */
  sendRendered(apiKey: string, envelope: EmailEnvelope, email: RenderedEmail): Promise<DeliveryResult>;
  /** `messages/send-template` with `merge_language: handlebars` and global merge vars. */
  sendTemplate(
    apiKey: string,
    envelope: EmailEnvelope,
    template: { name: string; subject?: string; variables: Record<string, unknown> },
  ): Promise<DeliveryResult>;
}

/** One signed request to a customer's URL (SPEC §6). */
export interface WebhookRequest {
  url: string;
  /** A GET sends `body` empty (and so is signed over the empty body). */
  method: 'POST' | 'PUT' | 'GET';
  /** Becomes `webhook-id`. */
  messageId: string;
  timestamp: Date;
  /** The exact text that is signed and sent (JSON, or empty for a GET). */
  body: string;
  /** `whsec_…`, in clear. */
  sharedKey: string;
  headers: Record<string, string>;
  basicAuth?: { username: string; password: string };
  timeoutMs: number;
}

export interface WebhookGateway {
  send(request: WebhookRequest): Promise<DeliveryResult>;
}
