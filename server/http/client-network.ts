import { ipKeyGenerator } from 'express-rate-limit';

/**
 * The network a client's address stands for, as every per-address counter keys it: an IPv4
 * address itself (also when written as ::ffff:a.b.c.d), and an IPv6 address's /64, which one
 * home or one server gets whole.
 */
export function clientNetwork(address: string | undefined): string {
  return address ? ipKeyGenerator(address, 64) : 'unknown';
}
