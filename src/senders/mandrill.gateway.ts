import mailchimpTransactional from '@mailchimp/mailchimp_transactional';
import type { RenderedEmail } from '../templates/template.port';
import type { DeliveryResult, EmailEnvelope, MandrillGateway } from './sender.port';
import { mandrillResult } from './mandrill-result';

type MandrillClient = ReturnType<typeof mailchimpTransactional>;

/** How long one Mandrill call may take, unless the gateway is given another deadline. */
export const MANDRILL_TIMEOUT_MS = 30_000;

export interface OfficialMandrillGatewayOptions {
  /** MANDRILL_API_URL, e.g. `https://mandrillapp.com/api/1.3`. */
  apiUrl: string;
  /** Per-call deadline (default MANDRILL_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Clients kept, one per API key (default 100). */
  maxClients?: number;
}

interface MandrillRecipient {
  email: string;
  name?: string;
  type: 'to' | 'cc';
}

function recipients(envelope: EmailEnvelope): MandrillRecipient[] {
  return [
    { email: envelope.to.email, name: envelope.to.name, type: 'to' },
    ...envelope.cc.map((email): MandrillRecipient => ({ email, type: 'cc' })),
  ];
}

/** Fields common to `messages/send` and `messages/send-template`. */
function baseMessage(envelope: EmailEnvelope): Record<string, unknown> {
  return {
    from_email: envelope.from.email,
    from_name: envelope.from.name,
    to: recipients(envelope),
    // Without this Mandrill sends each recipient a separate copy and the cc is invisible.
    preserve_recipients: true,
    tags: envelope.tags,
    metadata: envelope.metadata,
    track_opens: true,
    // Click tracking rewrites links, which breaks single-use password-reset URLs.
    track_clicks: false,
  };
}

/**
 * Mandrill through the official Mailchimp Transactional client. One client per API key
 * (LRU-bounded) with its own base URL and timeout; the client never throws, so its resolved
 * value is classified, and the API key it copies into error objects is scrubbed.
 */
export class OfficialMandrillGateway implements MandrillGateway {
  private readonly clients = new Map<string, MandrillClient>();
  private readonly timeoutMs: number;
  private readonly maxClients: number;

  constructor(private readonly opts: OfficialMandrillGatewayOptions) {
    this.timeoutMs = opts.timeoutMs ?? MANDRILL_TIMEOUT_MS;
    this.maxClients = opts.maxClients ?? 100;
  }

  async sendRendered(apiKey: string, envelope: EmailEnvelope, email: RenderedEmail): Promise<DeliveryResult> {
    const message = { ...baseMessage(envelope), subject: email.subject, html: email.html, text: email.text, auto_text: false };
    return this.call(apiKey, envelope, (client) => client.messages.send({ message }));
  }

  async sendTemplate(
    apiKey: string,
    envelope: EmailEnvelope,
    template: { name: string; subject?: string; variables: Record<string, unknown> },
  ): Promise<DeliveryResult> {
    const message = {
      ...baseMessage(envelope),
      ...(template.subject !== undefined ? { subject: template.subject } : {}),
      merge: true,
      // Set per message so the customer need not change their account default.
      merge_language: 'handlebars',
      global_merge_vars: Object.entries(template.variables).map(([name, content]) => ({ name, content })),
    };
    return this.call(apiKey, envelope, (client) =>
      client.messages.sendTemplate({ template_name: template.name, template_content: [], message }),
    );
  }

  private async call(apiKey: string, envelope: EmailEnvelope, run: (client: MandrillClient) => Promise<unknown>): Promise<DeliveryResult> {
    let value: unknown;
    try {
      value = await run(this.client(apiKey));
    } catch (err) {
      value = err;
    }
    return mandrillResult(value, envelope.to.email, apiKey, this.timeoutMs);
  }

  private client(apiKey: string): MandrillClient {
    const cached = this.clients.get(apiKey);
    if (cached) {
      // Re-insert to mark it most recently used.
      this.clients.delete(apiKey);
      this.clients.set(apiKey, cached);
      return cached;
    }
    const client = mailchimpTransactional(apiKey);
    client.basePath = this.opts.apiUrl.replace(/\/+$/, '');
    // Per-client config, not setDefaultTimeoutMs(), which changes a module-wide axios instance.
    client.requestConfig = { ...client.requestConfig, timeout: this.timeoutMs, maxRedirects: 0 };
    this.clients.set(apiKey, client);
    if (this.clients.size > this.maxClients) {
      const oldest = this.clients.keys().next();
      if (!oldest.done) this.clients.delete(oldest.value);
    }
    return client;
  }
}
