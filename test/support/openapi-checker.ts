import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import type { Response } from 'supertest';

type Media = Record<string, { schema: object }>;
type Operation = { responses: Record<string, { content?: Media }> };
export type OpenApiDocument = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, object> } };

/** `2024-01-31T10:00:00.000Z` or with an offset, as Herald writes and accepts timestamps. */
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/**
 * Checks real responses against the schemas the OpenAPI document gives for them, with a
 * JSON Schema 2020-12 validator, and remembers which answers were seen, so a test can
 * require every 2xx of every operation to have been checked.
 */
export class ResponseChecker {
  private readonly ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  private readonly compiled = new Map<object, ValidateFunction>();
  private readonly defs: Record<string, object>;
  readonly seen = new Set<string>();

  constructor(private readonly doc: OpenApiDocument) {
    this.ajv.addFormat('date-time', DATE_TIME);
    // zod emits a pattern beside these formats, which is what it checks: the pattern is validated
    this.ajv.addFormat('email', true);
    this.ajv.addFormat('uri', true);
    // components refer to each other as #/components/schemas/<id>: made local $defs here
    this.defs = JSON.parse(JSON.stringify(doc.components.schemas).replaceAll('#/components/schemas/', '#/$defs/')) as Record<string, object>;
  }

  /** Fails unless `res` is an answer the document gives for the operation, with a body its schema accepts. */
  check(method: string, path: string, res: Response): void {
    const where = `${method.toUpperCase()} ${path} → ${res.status}`;
    const operation = this.doc.paths[path]?.[method];
    if (!operation) throw new Error(`${where}: the document has no such operation`);
    const response = operation.responses[String(res.status)];
    if (!response) throw new Error(`${where}: the document does not list this status (body: ${res.text.slice(0, 300)})`);
    if (!response.content) {
      if (res.text) throw new Error(`${where}: the document says no body, got ${res.text.slice(0, 300)}`);
      this.seen.add(`${method} ${path} ${res.status}`);
      return;
    }
    const type = String(res.headers['content-type'] ?? '').split(';')[0];
    const media = response.content[type];
    if (!media) throw new Error(`${where}: the document lists ${Object.keys(response.content).join(', ')}, got ${type}`);
    const validate = this.validator(media.schema);
    const body: unknown = type === 'application/json' ? res.body : res.text;
    if (!validate(body)) {
      throw new Error(`${where}: the body does not match the document:\n${this.ajv.errorsText(validate.errors, { separator: '\n' })}\nbody: ${JSON.stringify(body).slice(0, 1500)}`);
    }
    this.seen.add(`${method} ${path} ${res.status} ${type}`);
  }

  /** Every 2xx answer (and its media types) of every operation, as `check` records them. */
  successes(): string[] {
    return Object.entries(this.doc.paths).flatMap(([path, item]) =>
      Object.entries(item).flatMap(([method, operation]) =>
        Object.entries(operation.responses)
          .filter(([status]) => status.startsWith('2'))
          .flatMap(([status, response]) =>
            response.content ? Object.keys(response.content).map((type) => `${method} ${path} ${status} ${type}`) : [`${method} ${path} ${status}`],
          ),
      ),
    );
  }

  private validator(schema: object): ValidateFunction {
    let validate = this.compiled.get(schema);
    if (!validate) {
      const local = JSON.parse(JSON.stringify(schema).replaceAll('#/components/schemas/', '#/$defs/')) as object;
      validate = this.ajv.compile({ ...local, $defs: this.defs });
      this.compiled.set(schema, validate);
    }
    return validate;
  }
}
