import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { withErrorHandledOcWebhookAuth } from '@ordercloud/catalyst';
import express from 'express';
import type { MessageSenderPayloads } from 'ordercloud-javascript-sdk';

/*
 * Receivers built the way each seed platform's public documentation describes them, for
 * driving Herald end to end (issue 12). Each records what it understood of every request
 * (`seen`) and answers as that platform's receivers do.
 */

export interface PlatformReceiver<S> {
  url: string;
  /** What the receiver understood, one entry per request it accepted or refused. */
  seen: S[];
  /** Status codes to answer with next, in order (then 200). */
  failNext(...statuses: number[]): void;
  close(): Promise<void>;
}

async function listen<S>(handler: (req: IncomingMessage, res: ServerResponse) => void, seen: S[], script: number[]): Promise<PlatformReceiver<S>> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    failNext: (...statuses) => void script.push(...statuses),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks).toString('utf8'))).on('error', reject);
  });
}

const answer = (res: ServerResponse, status: number, body: unknown = { ok: status < 300 }): void => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

// ---------------------------------------------------------------------------------------
/** What an OrderCloud Message Sender endpoint read from one OrderSubmitted payload. */
export interface OrderCloudSeen {
  path: string;
  messageType: string | undefined;
  buyerId: string | undefined;
  recipientEmail: string | undefined;
  orderId: string | undefined;
  orderTotal: number | undefined;
  lines: string[];
  cc: string[];
  configData: unknown;
}

/**
 * An OrderCloud Message Sender receiver as OrderCloud's docs and SDKs build one: an API route
 * `POST /api/messagesenders/{messagetype}` behind catalyst's `withOcWebhookAuth` (X-oc-hash
 * verified against the hash key; 401 in OrderCloud's error format otherwise), reading the
 * body as the SDK's `MessageSenderPayloads<'OrderSubmitted'>`.
 */
export async function startOrderCloudReceiver(hashKey: string): Promise<PlatformReceiver<OrderCloudSeen>> {
  const seen: OrderCloudSeen[] = [];
  const script: number[] = [];
  const app = express();
  const handler = async (req: express.Request, res: express.Response): Promise<void> => {
    const payload = req.body as MessageSenderPayloads<'OrderSubmitted'>;
    const body = payload.EventBody;
    seen.push({
      path: req.path,
      messageType: payload.MessageType,
      buyerId: payload.BuyerID,
      recipientEmail: payload.Recipient?.Email,
      orderId: body?.Order?.ID,
      orderTotal: body?.Order?.Total,
      lines: body?.LineItems?.map((li) => `${li.Quantity} x ${li.Product?.Name ?? '?'} (${li.ProductID})`) ?? [],
      cc: payload.CCList ? payload.CCList.split(',') : [],
      configData: payload.ConfigData,
    });
    const status = script.shift() ?? 200;
    res.status(status).json({ ok: status < 300 });
  };
  // catalyst reads and verifies the raw body itself: no body parser in front of it.
  app.post('/api/messagesenders/:messagetype', withErrorHandledOcWebhookAuth(handler, hashKey));
  return listen((req, res) => void app(req, res), seen, script);
}

// ---------------------------------------------------------------------------------------
/** What a Tradecloud-style order endpoint saw. */
export interface TradecloudSeen {
  method: string;
  path: string;
  orderId: string | undefined;
  query: Record<string, string>;
  user: string | null;
  bodyBytes: number;
}

/**
 * A Tradecloud-style receiver: `GET /any/path/:orderId`, HTTP basic auth required (401 with
 * `WWW-Authenticate` otherwise), any other method 405. The order id comes from the path.
 */
export async function startTradecloudReceiver(username: string, password: string): Promise<PlatformReceiver<TradecloudSeen>> {
  const seen: TradecloudSeen[] = [];
  const script: number[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    void readBody(req).then((body) => {
      const url = new URL(req.url ?? '/', 'http://receiver');
      const auth = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const [user, pass] = auth ? Buffer.from(auth, 'base64').toString('utf8').split(':') : [];
      const entry: TradecloudSeen = {
        method: req.method ?? '', path: url.pathname, orderId: url.pathname.split('/').pop(),
        query: Object.fromEntries(url.searchParams), user: user === username && pass === password ? user : null, bodyBytes: Buffer.byteLength(body),
      };
      seen.push(entry);
      if (req.method !== 'GET') return answer(res.setHeader('allow', 'GET'), 405);
      if (entry.user === null) return answer(res.setHeader('www-authenticate', 'Basic realm="orders"'), 401);
      answer(res, script.shift() ?? 200);
    });
  };
  return listen(handler, seen, script);
}

// ---------------------------------------------------------------------------------------
/** What an Ordermentum-style webhook endpoint saw. */
export interface OrdermentumSeen {
  at: number;
  authorized: boolean;
  event: unknown;
  timestamp: unknown;
  data: Record<string, unknown> | undefined;
  keys: string[];
  status: number;
}

/**
 * An Ordermentum-style receiver: `POST` of JSON `{ event, timestamp, data }` with
 * `Authorization: Bearer <token>` (401 otherwise; 400 when the body lacks a field).
 */
export async function startOrdermentumReceiver(token: string): Promise<PlatformReceiver<OrdermentumSeen>> {
  const seen: OrdermentumSeen[] = [];
  const script: number[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    void readBody(req).then((text) => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        body = {};
      }
      const authorized = req.method === 'POST' && req.headers.authorization === `Bearer ${token}`;
      const complete = typeof body.event === 'string' && typeof body.timestamp === 'string' && typeof body.data === 'object';
      const status = !authorized ? 401 : !complete ? 400 : (script.shift() ?? 200);
      seen.push({ at: Date.now(), authorized, event: body.event, timestamp: body.timestamp, data: body.data as Record<string, unknown> | undefined, keys: Object.keys(body).sort(), status });
      answer(res, status);
    });
  };
  return listen(handler, seen, script);
}

// ---------------------------------------------------------------------------------------
/** What a ReadyCloud-style endpoint saw. */
export interface ReadyCloudSeen {
  method: string;
  authorized: boolean;
  type: unknown;
  status: number;
}

/** A ReadyCloud-style receiver: `PUT` of JSON with an `Auth: <token>` header (401 otherwise). */
export async function startReadyCloudReceiver(token: string): Promise<PlatformReceiver<ReadyCloudSeen>> {
  const seen: ReadyCloudSeen[] = [];
  const script: number[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    void readBody(req).then((text) => {
      const authorized = req.method === 'PUT' && req.headers.auth === token;
      const status = authorized ? (script.shift() ?? 200) : 401;
      seen.push({ method: req.method ?? '', authorized, type: (JSON.parse(text || '{}') as { type?: unknown }).type, status });
      answer(res, status);
    });
  };
  return listen(handler, seen, script);
}
