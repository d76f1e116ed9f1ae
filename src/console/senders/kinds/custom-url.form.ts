import type { CustomUrlConfig } from '../../../senders/kinds/custom-url/custom-url.schema';
import { BODY_FORMATS } from '../../../senders/kinds/custom-url/formats/body-format';
import { generateSharedKey } from '../../../shared/crypto';
import { html } from '../../views/html';
import { checkbox, secretInput, selectInput, textArea, textInput } from '../../views/inputs';
import { list, optional, type FormBody, type KindForm } from './kind-form';

/** `Name: value` lines; a line with a name and no value keeps that header's current (secret) value. */
function headersFrom(text: string | undefined, kept: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of (text ?? '').split('\n')) {
    const colon = line.indexOf(':');
    const name = (colon < 0 ? line : line.slice(0, colon)).trim();
    if (!name) continue;
    const value = colon < 0 ? '' : line.slice(colon + 1).trim();
    const keptValue = Object.entries(kept).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
    headers[name] = value === '' && keptValue !== undefined ? keptValue : value;
  }
  return headers;
}

function basicAuthFrom(form: FormBody, kept: CustomUrlConfig | null): { username: string; password: string } | undefined {
  const username = optional(form.basicAuthUsername);
  if (!username) return undefined;
  const password = form.basicAuthPassword ?? '';
  return { username, password: password === '' && kept?.basicAuth ? kept.basicAuth.password : password };
}

/** Parsed JSON, or the text itself (the schema then says what is wrong with it). */
function jsonOrText(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function suspendFrom(form: FormBody): { failures: number; withinMinutes?: number } | undefined {
  const failures = optional(form.suspendFailures);
  if (failures === undefined) return undefined;
  const within = optional(form.suspendWithinMinutes);
  return { failures: Number(failures), ...(within === undefined ? {} : { withinMinutes: Number(within) }) };
}

export const customUrlForm: KindForm<'custom-url'> = {
  kind: 'custom-url',
  label: "The customer's URL (signed webhook, one request per message)",
  fields: ({ current }) => {
    const c = current?.kind === 'custom-url' ? current : null;
    const headerLines = Object.keys(c?.headers ?? {}).map((name) => `${name}:`).join('\n');
    const shown = Object.entries(c?.headers ?? {});
    const currentHeaders = shown.length === 0 ? '' : html` Now ${shown.map(([name, masked], i) => html`${i > 0 ? ', ' : ''}<code>${name}: ${masked}</code>`)}.`;
    return html`${textInput({ id: 'cu-url', name: 'url', label: 'URL', type: 'url', value: c?.url, required: true, placeholder: 'https://hooks.example.com/{eventType}', hint: html`<code>https:</code> and public unless <code>ALLOW_PRIVATE_NETWORK_URLS</code>; <code>{eventType}</code> is replaced by the event type.` })}
${selectInput({ id: 'cu-method', name: 'method', label: 'Method', choices: ['POST', 'PUT', 'GET'], value: c?.method ?? 'POST' })}
${selectInput({ id: 'cu-format', name: 'format', label: 'Body format', choices: [...BODY_FORMATS], value: c?.format ?? 'herald' })}
${textArea({ id: 'cu-body-template', name: 'bodyTemplate', label: 'Body template', value: c?.bodyTemplate, rows: 4, spellcheck: false, hint: html`Format <code>template</code> only: Handlebars producing JSON, e.g. <code>{"event": {{json event.type}}}</code>.` })}
${textArea({ id: 'cu-config-data', name: 'configData', label: 'Config data (JSON)', value: c?.configData ? JSON.stringify(c.configData, null, 2) : '', rows: 3, spellcheck: false, hint: 'Sent as ConfigData (OrderCloud format) and to body templates. Not for secrets.' })}
${textInput({ id: 'cu-retry', name: 'retrySchedule', label: 'Retry schedule (seconds)', value: c?.retry?.schedule.join(', '), placeholder: '5, 60, 300', hint: 'Comma-separated; empty: RETRY_SCHEDULE.' })}
${textInput({ id: 'cu-suspend-failures', name: 'suspendFailures', label: 'Suspend after failures', type: 'number', value: c?.suspend?.failures, hint: 'Empty: SUSPEND_AFTER_FAILURES in a row.' })}
${textInput({ id: 'cu-suspend-window', name: 'suspendWithinMinutes', label: 'Within minutes', type: 'number', value: c?.suspend?.withinMinutes, hint: 'Empty: failures count while in a row.' })}
${secretInput({ id: 'cu-shared-key', name: 'sharedKey', label: 'Shared key', masked: c?.sharedKey, hint: c ? undefined : 'whsec_… (Standard Webhooks). Empty: Herald generates one and shows it once.' })}
${c ? checkbox({ id: 'cu-rotate', name: 'rotateSharedKey', label: 'Generate a new shared key (shown once after saving)' }) : ''}
${textArea({ id: 'cu-headers', name: 'headers', label: 'Headers', value: headerLines, rows: 3, spellcheck: false, hint: html`One <code>Name: value</code> per line. Values are secrets: a name with no value keeps its current value; a removed line removes the header.${currentHeaders}` })}
${textInput({ id: 'cu-basic-user', name: 'basicAuthUsername', label: 'Basic auth username', value: c?.basicAuth?.username, hint: 'Empty: no basic auth.' })}
${secretInput({ id: 'cu-basic-password', name: 'basicAuthPassword', label: 'Basic auth password', masked: c?.basicAuth ? c.basicAuth.password : null })}
${textInput({ id: 'cu-timeout', name: 'timeoutMs', label: 'Timeout (ms)', type: 'number', value: c?.timeoutMs ?? 10000, extra: html` min="100" max="60000" step="100"` })}
${textArea({ id: 'cu-cc', name: 'cc', label: 'Cc', value: (c?.cc ?? []).join('\n'), rows: 2, spellcheck: false, hint: 'E-mail addresses passed along in the payload.' })}`;
  },
  body: (form, kept) => {
    const k = kept?.kind === 'custom-url' ? kept : null;
    const timeout = optional(form.timeoutMs);
    return {
      kind: 'custom-url',
      url: optional(form.url),
      method: optional(form.method),
      // empty keeps the current key (SenderConfigService keeps it when absent, or generates one)
      sharedKey: form.rotateSharedKey === 'on' ? generateSharedKey() : optional(form.sharedKey),
      headers: headersFrom(form.headers, k?.headers ?? {}),
      basicAuth: basicAuthFrom(form, k),
      timeoutMs: timeout === undefined ? undefined : Number(timeout),
      cc: list(form.cc),
      format: optional(form.format),
      bodyTemplate: optional(form.bodyTemplate),
      configData: jsonOrText(optional(form.configData)),
      retry: optional(form.retrySchedule) === undefined ? undefined : { schedule: list(form.retrySchedule).map(Number) },
      suspend: suspendFrom(form),
    };
  },
};
