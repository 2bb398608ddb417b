import dns from 'node:dns';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * A push endpoint is a URL a browser hands us and the server then POSTs to,
 * so it is checked like any URL from outside (SSRF): https only, no
 * credentials, and never an address inside the server's own networks —
 * neither written in the URL nor what its name resolves to when sending.
 */

export const maxEndpointLength = 1024;

const internal = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  internal.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64 reaches IPv4 addresses
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  internal.addSubnet(net, prefix, 'ipv6');
}

/** True for an IP address the server must not be made to call. */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return internal.check(address, 'ipv4');
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return internal.check(mapped[1], 'ipv4');
  return internal.check(address, 'ipv6');
}

const internalNames = /(^|\.)(localhost|local|internal|intranet|lan|home\.arpa)$/i;

/** Why an endpoint is refused, or undefined when it may be used. */
export function endpointProblem(endpoint: string): string | undefined {
  if (endpoint.length > maxEndpointLength) return 'The push endpoint is too long.';
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'The push endpoint is not a URL.';
  }
  if (url.protocol !== 'https:') return 'The push endpoint must use https.';
  if (url.username || url.password) return 'The push endpoint must not carry credentials.';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    if (isInternalAddress(host)) return 'The push endpoint points inside a private network.';
  } else if (!host.includes('.') || internalNames.test(host.replace(/\.$/, ''))) {
    return 'The push endpoint points inside a private network.';
  }
  return undefined;
}

/**
 * Resolves names as usual but refuses when any address is internal, so a
 * public name that resolves to 10.x or 127.x (or is re-pointed there after
 * subscribing) is not called.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 4);
    const refused = addresses.find((a) => isInternalAddress(a.address));
    if (refused || addresses.length === 0) {
      const error = Object.assign(
        new Error(`push endpoint ${hostname} resolves inside a private network`),
        {
          code: 'EPUSHINTERNAL',
        },
      );
      return callback(error, '', 4);
    }
    if (options.all) return callback(null, addresses);
    const first = addresses[0]!;
    return callback(null, first.address, first.family);
  });
};

/** The agent push requests go through: public addresses only, few sockets kept. */
export function publicOnlyAgent(): https.Agent {
  return new https.Agent({ lookup: publicOnlyLookup, keepAlive: true, maxSockets: 16 });
}
