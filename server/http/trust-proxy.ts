import { isIP } from 'node:net';

/** What Express's `trust proxy` setting gets: nobody, a hop count, or named ranges, addresses and CIDR ranges. */
export type TrustProxy = false | number | string[];

export const trustProxyForms =
  'must be unset or false (no proxy), a hop count of 1 or more, loopback, linklocal, uniquelocal, or a comma-separated list of them and of proxy addresses or CIDR ranges such as 10.0.0.2,192.168.0.0/16,fd00::/8 ("true" would believe any client\'s X-Forwarded-For)';

const namedRanges = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An IPv4 netmask (255.255.240.0) as the prefix length it stands for; undefined when its bits are not contiguous. */
function netmaskPrefix(mask: string): number | undefined {
  const bits = mask
    .split('.')
    .map((octet) => Number(octet).toString(2).padStart(8, '0'))
    .join('');
  if (!/^1*0*$/.test(bits)) return undefined;
  return bits.includes('0') ? bits.indexOf('0') : 32;
}

function isTrustedRange(entry: string): boolean {
  if (namedRanges.has(entry)) return true;
  const [address, range, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (range === undefined) return true;
  const max = family === 4 ? 32 : 128;
  const prefix = /^\d{1,3}$/.test(range) ? Number(range) : family === 4 && isIP(range) === 4 ? netmaskPrefix(range) : undefined;
  // A zero-length prefix trusts every address: the same as "true".
  return prefix !== undefined && prefix >= 1 && prefix <= max;
}

/** TRUST_PROXY as Express reads it, or undefined when it is none of the accepted forms. */
export function parseTrustProxy(value: string): TrustProxy | undefined {
  const text = value.trim().toLowerCase();
  if (text === 'false') return false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops >= 1 && Number.isSafeInteger(hops) ? hops : undefined;
  }
  const entries = text.split(',').map((entry) => entry.trim());
  return entries.every(isTrustedRange) ? entries : undefined;
}
