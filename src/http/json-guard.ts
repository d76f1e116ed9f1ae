import { AppError } from '../shared/errors';

/** The deepest nesting of objects and arrays a body may have (SPEC §8). */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

const isNumberByte = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45;

/**
 * Checks a JSON body's bytes before anything parses or walks it: nesting deeper than 64
 * levels, and numbers JSON.parse would turn into ±Infinity (`1e400`), are a 400. One pass,
 * no recursion, so a body nested 100,000 deep costs what any body of its size costs, and
 * nothing downstream (validation, masking, the Redis store) ever sees such a value. Invalid
 * JSON is left to the parser to report.
 */
export function checkJsonBody(body: Uint8Array): AppError | null {
  let depth = 0;
  let i = 0;
  const n = body.length;
  while (i < n) {
    const c = body[i] as number;
    if (c === QUOTE) {
      i = endOfString(body, i + 1);
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth += 1;
      if (depth > MAX_JSON_DEPTH) return refuse(body, i, `nested deeper than ${MAX_JSON_DEPTH} levels`);
      i += 1;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth -= 1;
      i += 1;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      while (i < n && isNumberByte(body[i] as number)) i += 1;
      // Only a literal with an exponent, or of more than 308 digits, can overflow a double.
      if ((i - start > 308 || hasExponent(body, start, i)) && isInfinite(body, start, i)) return refuse(body, start, 'must be a finite number');
    } else {
      i += 1;
    }
  }
  return null;
}

/** The index just past the closing quote of a string whose content starts at `from`. */
function endOfString(body: Uint8Array, from: number): number {
  let i = from;
  const n = body.length;
  while (i < n) {
    const c = body[i] as number;
    if (c === BACKSLASH) i += 2;
    else if (c === QUOTE) return i + 1;
    else i += 1;
  }
  return n;
}

function hasExponent(body: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i += 1) if (body[i] === 0x65 || body[i] === 0x45) return true;
  return false;
}

function isInfinite(body: Uint8Array, start: number, end: number): boolean {
  const value = Number(Buffer.from(body.buffer, body.byteOffset + start, end - start).toString('latin1'));
  return value === Infinity || value === -Infinity;
}

/** The 400 for the value at `offset`, naming its path as validation errors do (`data.order.total`). */
function refuse(body: Uint8Array, offset: number, message: string): AppError {
  const path = pathAt(body, offset);
  return new AppError('validation_failed', `The body is invalid: ${path} ${message}`, [{ path, message }]);
}

/**
 * The dotted path of the value starting at `offset`. A second, slower pass that tracks keys
 * and indexes: run only for a body being refused, and never more than 65 levels deep.
 */
function pathAt(body: Uint8Array, offset: number): string {
  const path: (string | number)[] = [];
  const inArray: boolean[] = [];
  let expectKey = false;
  let i = 0;
  while (i < offset) {
    const c = body[i] as number;
    if (c === QUOTE) {
      const end = endOfString(body, i + 1);
      if (expectKey) path[path.length - 1] = keyText(body, i, end);
      expectKey = false;
      i = end;
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      inArray.push(c === OPEN_BRACKET);
      path.push(c === OPEN_BRACKET ? 0 : '');
      expectKey = c === OPEN_BRACE;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      inArray.pop();
      path.pop();
    } else if (c === COMMA) {
      if (inArray[inArray.length - 1]) path[path.length - 1] = (path[path.length - 1] as number) + 1;
      else expectKey = true;
    }
    i += 1;
  }
  return path.join('.') || '(body)';
}

function keyText(body: Uint8Array, start: number, end: number): string {
  const raw = Buffer.from(body.buffer, body.byteOffset + start, end - start).toString('utf8');
  try {
    return String(JSON.parse(raw));
  } catch {
    return raw.slice(1, -1);
  }
}
