import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { AcceptEvent } from '../events/accept-event';
import type { AppError } from '../shared/errors';
import { checkJsonBody } from './json-guard';
import { bodyError, errorReply, MAX_BODY_BYTES } from './middleware/errors';
import { acceptBody, acceptStatus } from './routes/events.route';
import type { TrackRequest } from './middleware/request-log';

/** Content types the fast path reads itself; anything else (charsets, `+json`) goes through express. */
const PLAIN_JSON = /^application\/json\s*(;\s*charset="?utf-8"?\s*)?$/i;

export interface FastIngestDeps {
  acceptEvent: AcceptEvent;
  check: (method: string, path: string, authorization: string | undefined) => AppError | null;
  track: TrackRequest;
  logger: Logger;
  onAccepted: (type: string) => void;
}

/**
 * `POST /v1/events` without express: express's per-request machinery (prototype swaps,
 * router walk, body-parser's negotiation) cost more CPU than everything Herald does for an
 * event. The answers are the same as the express route's — same auth, request id, log line,
 * statuses and error envelope (the API suite runs through this path). Only the common shape is
 * taken here — exactly `/v1/events`, a body with a length, `application/json` in UTF-8, no
 * content encoding; any other request returns false and express handles it as before.
 */
export function fastIngest(deps: FastIngestDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if (req.method !== 'POST' || req.url !== '/v1/events') return false;
    const headers = req.headers;
    const length = headers['content-length'];
    if (length === undefined || Number(length) === 0 || headers['transfer-encoding'] !== undefined) return false;
    if (headers['content-encoding'] !== undefined && headers['content-encoding'] !== 'identity') return false;
    const type = headers['content-type'];
    if (type === undefined || !PLAIN_JSON.test(type)) return false;
    void handle(deps, req, res, Number(length));
    return true;
  };
}

async function handle(deps: FastIngestDeps, req: IncomingMessage, res: ServerResponse, declared: number): Promise<void> {
  const requestId = deps.track(req, res);
  try {
    const denied = deps.check('POST', '/v1/events', req.headers.authorization);
    if (denied) throw denied;
    if (!(declared <= MAX_BODY_BYTES)) throw bodyError.tooLarge();
    const body = await readBody(req, declared);
    if (body === null) return; // the client went away
    // Depth and non-finite numbers before anything recursive (JSON.parse, validation) runs.
    const refused = checkJsonBody(body);
    if (refused) throw refused;
    const result = await deps.acceptEvent.execute(parseJson(body.toString('utf8')));
    if (!result.duplicate) deps.onAccepted(result.type);
    send(res, acceptStatus(result), acceptBody(result));
  } catch (err) {
    const reply = errorReply(err, deps.logger, requestId);
    for (const [name, value] of Object.entries(reply.headers)) res.setHeader(name, value);
    // An answer before the body was read (401, 413) keeps the connection: node reads and
    // discards the rest, as with express. Closing instead broke clients that upload the
    // whole body before reading (EPIPE instead of the status).
    send(res, reply.status, reply.body);
  }
}

/** The body's bytes, or null when the client aborted; 400 when it ends short of its Content-Length. */
function readBody(req: IncomingMessage, declared: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > declared) {
        req.removeAllListeners('data');
        reject(bodyError.notItsLength());
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => {
      if (received !== declared) return reject(bodyError.notItsLength());
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
    });
    req.once('close', () => {
      if (!req.complete) resolve(null);
    });
  });
}

/** Like body-parser's strict JSON: only an object or an array, else "not valid JSON"; a UTF-8 BOM is dropped. */
function parseJson(raw: string): unknown {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const first = /^[ \t\n\r]*(.)/.exec(text)?.[1];
  if (first !== '{' && first !== '[') throw bodyError.notJson();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw bodyError.notJson();
  }
}

/** What express's `res.status(s).json(body)` writes, without ETag. */
function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const json = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.end(json);
}
