import dns, { type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isPublicAddress } from './url-guard';

/** A connection was refused because the host resolved to a non-public address. */
export class BlockedAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`${host} resolves to ${address}, which is not a public address; refused (ALLOW_PRIVATE_NETWORK_URLS is off)`);
    this.name = 'BlockedAddressError';
  }
}

type AllLookup = (host: string, cb: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

const systemLookupAll: AllLookup = (host, cb) => dns.lookup(host, { all: true, verbatim: true }, cb);

/**
 * A `lookup` for `net.connect` that refuses non-public addresses. It runs on every new
 * connection, after DNS, so a name that re-binds to a private address between configuration
 * and delivery is still refused. Every address is checked, not only the first: with
 * happy-eyeballs Node may try any of them.
 */
export function guardedLookup(resolveAll: AllLookup = systemLookupAll): LookupFunction {
  return (hostname: string, options: LookupOptions, callback) => {
    resolveAll(hostname, (err, found) => {
      if (err) return callback(err, '', 0);
      const wanted = options.family === 4 || options.family === 6 ? found.filter((a) => a.family === options.family) : found;
      const blocked = wanted.find((a) => !isPublicAddress(a.address));
      if (blocked) return callback(new BlockedAddressError(hostname, blocked.address), '', 0);
      const first = wanted[0];
      if (!first) {
        const notFound: NodeJS.ErrnoException = new Error(`${hostname} has no usable address`);
        notFound.code = 'ENOTFOUND';
        return callback(notFound, '', 0);
      }
      if (options.all) return callback(null, wanted);
      return callback(null, first.address, first.family);
    });
  };
}
