// Minimal typings for @mailchimp/mailchimp_transactional 1.4.1, which ships none. Only what
// Herald calls. Every method RESOLVES (never rejects) on HTTP and network errors, with the
// AxiosError as the value: callers must inspect what they get back.
declare module '@mailchimp/mailchimp_transactional' {
  interface MailchimpTransactionalClient {
    /** Public field: where every call goes (`https://mandrillapp.com/api/1.3`). */
    basePath: string;
    /** Per-client axios request config, merged over the module-wide axios instance. */
    requestConfig: { headers: Record<string, string>; timeout?: number; maxRedirects?: number };
    messages: {
      /** Mutates `body` (adds `key`): always pass a fresh object. */
      send(body: object): Promise<unknown>;
      sendTemplate(body: object): Promise<unknown>;
    };
    users: { ping(body?: object): Promise<unknown> };
    templates: { info(body: object): Promise<unknown> };
  }
  function mailchimpTransactional(apiKey: string): MailchimpTransactionalClient;
  export = mailchimpTransactional;
}
