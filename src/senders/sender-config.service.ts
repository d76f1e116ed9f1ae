import type { EventTypeCatalog } from '../event-types/event-type-catalog';
import { notFound } from '../shared/errors';
import type { SecretBox } from '../shared/crypto';
import type { Store } from '../stores.port';
import type { SenderKinds } from './kinds/registry';
import type { ConfigCheckContext } from './kinds/sender-kind.port';
import { maskConfig, openConfig, sealConfig } from './sealing';
import { senderKey, type SenderConfigInput, type SenderConfigRecord, type SenderState } from './sender-config.schema';
import { policyView, suspendRuleOf, type PolicyDefaults, type PolicyView } from './sender-policy';

/** A suspendable sender's state as reads show it: with its failures in the suspension window (null: it counts failures in a row). */
export type SenderStateView = SenderState & { failuresInWindow: number | null };

/** A sender configuration as the API shows it (SPEC §4 "Sender configuration"). */
export type SenderView = {
  eventType: string;
  scope: 'global' | 'organization';
  organizationId: string | null;
  state?: SenderStateView;
  /** The retry schedule and suspension rule that apply: its own, else the environment's. */
  policy?: PolicyView;
  createdAt: string;
  updatedAt: string;
} & SenderConfigInput;

export interface SenderConfigDeps {
  store: Store;
  secrets: SecretBox;
  kinds: SenderKinds;
  /** Rejects a custom URL that is not https or not public (unless allowed). */
  checkUrl: (url: string) => Promise<void>;
  /** Problems in a subject override (it is Handlebars); empty when it compiles. */
  checkSubject: (subject: string) => { line: number; column?: number; message: string }[];
  /** What config checks may ask of an event type (MessageType, sample, whether it carries an order). */
  eventTypes: Pick<EventTypeCatalog, 'get' | 'sample' | 'resolveVariables'>;
  /** RETRY_SCHEDULE and SUSPEND_AFTER_FAILURES, shown for senders that set no policy of their own. */
  policyDefaults: PolicyDefaults;
  now: () => Date;
}

/** Create, read, replace and delete sender configurations, secrets sealed at rest. */
export class SenderConfigService {
  constructor(private readonly deps: SenderConfigDeps) {}

  /** The sender kinds configurations may name (the `PUT` body schema, what each kind does). */
  get kinds(): SenderKinds {
    return this.deps.kinds;
  }

  async put(eventType: string, organizationId: string | null, input: SenderConfigInput): Promise<{ created: boolean; view: SenderView }> {
    const { store, secrets } = this.deps;
    if (organizationId !== null && !(await store.directory.getOrganization(organizationId))) {
      throw notFound('organization', organizationId);
    }
    const kind = this.deps.kinds.of(input);
    const checked = await kind.check(input, this.checkContext(eventType, organizationId, input.kind));
    const result = await store.senders.putConfig({
      eventType,
      scope: organizationId === null ? 'global' : 'organization',
      organizationId,
      config: sealConfig(secrets, checked.config, kind),
    });
    const view = await this.toView(result.value);
    // A secret the PUT generated or set (a shared key) is shown in full once: in its response.
    Object.assign(view, checked.reveal);
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
    const kind = this.deps.kinds.of(record.config);
    const view: SenderView = { eventType, scope, organizationId, ...maskConfig(this.deps.secrets, record.config, kind), createdAt, updatedAt };
    const own = kind.policy?.(record.config);
    if (kind.policy) view.policy = policyView(own, this.deps.policyDefaults);
    if (kind.suspendable) view.state = await this.stateOf(senderKey(eventType, organizationId), suspendRuleOf(own, this.deps.policyDefaults).windowMs);
    return view;
  }

  private async stateOf(key: string, windowMs: number | null): Promise<SenderStateView> {
    const { senders } = this.deps.store;
    const since = windowMs === null ? null : new Date(this.deps.now().getTime() - windowMs);
    const [state, failuresInWindow] = await Promise.all([senders.getState(key), since === null ? null : senders.failuresSince(key, since)]);
    return { ...state, failuresInWindow };
  }

  /** What a kind's config-time checks see: the URL guard, subjects, templates, the replaced configuration. */
  private checkContext(eventType: string, organizationId: string | null, kind: string): ConfigCheckContext<SenderConfigInput> {
    const { store, secrets, kinds } = this.deps;
    return {
      eventType,
      eventTypes: this.deps.eventTypes,
      checkUrl: (url) => this.deps.checkUrl(url),
      subjectIssues: (subject) => this.deps.checkSubject(subject),
      templateExists: async (id) => Boolean(await store.templates.get(id)),
      previous: async () => {
        const previous = await store.senders.getConfig(eventType, organizationId);
        return previous?.config.kind === kind ? openConfig(secrets, previous.config, kinds.of(previous.config)) : null;
      },
    };
  }
}
