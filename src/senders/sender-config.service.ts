import { AppError, notFound } from '../shared/errors';
import { generateSharedKey, type SecretBox } from '../shared/crypto';
import type { Store } from '../stores.port';
import { maskConfig, openConfig, sealConfig } from './sealing';
import { expandUrl } from './url-guard';
import { senderKey, type SenderConfigInput, type SenderConfigRecord, type SenderState } from './sender-config.schema';

/** A sender configuration as the API shows it (SPEC §4 "Sender configuration"). */
export type SenderView = {
  eventType: string;
  scope: 'global' | 'organization';
  organizationId: string | null;
  state?: SenderState;
  createdAt: string;
  updatedAt: string;
} & SenderConfigInput;

export interface SenderConfigDeps {
  store: Store;
  secrets: SecretBox;
  /** Rejects a custom URL that is not https or not public (unless allowed). */
  checkUrl: (url: string) => Promise<void>;
  /** Problems in a subject override (it is Handlebars); empty when it compiles. */
  checkSubject: (subject: string) => { line: number; column?: number; message: string }[];
}

/** Create, read, replace and delete sender configurations, secrets sealed at rest. */
export class SenderConfigService {
  constructor(private readonly deps: SenderConfigDeps) {}

  async put(eventType: string, organizationId: string | null, input: SenderConfigInput): Promise<{ created: boolean; view: SenderView }> {
    const { store, secrets } = this.deps;
    if (organizationId !== null && !(await store.directory.getOrganization(organizationId))) {
      throw notFound('organization', organizationId);
    }
    const full = await this.complete(eventType, organizationId, input);
    const result = await store.senders.putConfig({
      eventType,
      scope: organizationId === null ? 'global' : 'organization',
      organizationId,
      config: sealConfig(secrets, full.config),
    });
    const view = await this.toView(result.value);
    // The shared key is shown in full once: in the response of the PUT that generated or set it.
    if (full.config.kind === 'custom-url' && view.kind === 'custom-url' && full.revealSharedKey) {
      view.sharedKey = full.config.sharedKey;
    }
    return { created: result.created, view };
  }

  async get(eventType: string, organizationId: string | null): Promise<SenderView> {
    const record = await this.deps.store.senders.getConfig(eventType, organizationId);
    if (!record) throw notFound('sender configuration', organizationId ? `${organizationId}/${eventType}` : eventType);
    return this.toView(record);
  }

  async delete(eventType: string, organizationId: string | null): Promise<void> {
    if (!(await this.deps.store.senders.deleteConfig(eventType, organizationId))) {
      throw notFound('sender configuration', organizationId ? `${organizationId}/${eventType}` : eventType);
    }
  }

  /**
   * The stored configuration with its secrets opened, for a form that keeps a secret the
   * operator left empty (secrets are write-only in the console). Never for a response.
   */
  async opened(eventType: string, organizationId: string | null): Promise<SenderConfigInput | null> {
    const record = await this.deps.store.senders.getConfig(eventType, organizationId);
    return record ? openConfig(this.deps.secrets, record.config) : null;
  }

  async list(): Promise<SenderView[]> {
    const records = await this.deps.store.senders.listConfigs();
    return Promise.all(records.map((r) => this.toView(r)));
  }

  async toView(record: SenderConfigRecord): Promise<SenderView> {
    const { eventType, scope, organizationId, createdAt, updatedAt } = record;
    const view: SenderView = { eventType, scope, organizationId, ...maskConfig(this.deps.secrets, record.config), createdAt, updatedAt };
    if (record.config.kind === 'custom-url') {
      view.state = await this.deps.store.senders.getState(senderKey(eventType, organizationId));
    }
    return view;
  }

  /** Checks references and fills in the shared key (kept from the replaced config, else generated). */
  private async complete(eventType: string, organizationId: string | null, input: SenderConfigInput) {
    const { store, secrets } = this.deps;
    if (input.kind !== 'custom-url' && input.kind !== 'disabled' && input.subject !== undefined) {
      const issues = this.deps.checkSubject(input.subject);
      if (issues.length > 0) {
        throw new AppError('validation_failed', 'The subject is not a valid template', issues.map((i) => ({ path: 'subject', ...i })));
      }
    }
    if ((input.kind === 'default-mandrill' || input.kind === 'custom-mandrill') && input.templateId) {
      if (!(await store.templates.get(input.templateId))) {
        throw new AppError('validation_failed', `template '${input.templateId}' does not exist`, [
          { path: 'templateId', message: `no stored template '${input.templateId}'; create it with PUT /v1/templates/${input.templateId} first` },
        ]);
      }
    }
    if (input.kind !== 'custom-url') return { config: input, revealSharedKey: false };
    await this.deps.checkUrl(expandUrl(input.url, eventType));
    if (input.sharedKey !== undefined) return { config: input, revealSharedKey: true };
    const previous = await store.senders.getConfig(eventType, organizationId);
    if (previous?.config.kind === 'custom-url' && previous.config.sharedKey !== undefined) {
      const kept = openConfig(secrets, previous.config);
      if (kept.kind === 'custom-url' && kept.sharedKey !== undefined) return { config: { ...input, sharedKey: kept.sharedKey }, revealSharedKey: false };
    }
    return { config: { ...input, sharedKey: generateSharedKey() }, revealSharedKey: true };
  }
}
