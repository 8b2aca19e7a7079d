import net from 'node:net';

/** The eight 16-bit groups of an IPv6 address, "::" expanded. */
function ipv6Groups(address: string): string[] {
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array.from({ length: 8 - headGroups.length - tailGroups.length }, () => '0');
  return [...headGroups, ...zeros, ...tailGroups];
}

/**
 * The network a client's address stands for: an IPv4 address itself (also when written as
 * ::ffff:a.b.c.d), and an IPv6 address's /64, which one home or one server gets whole.
 */
export function clientNetwork(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (net.isIPv6(address)) {
    const groups = ipv6Groups(address.split('%')[0]);
    return `${groups
      .slice(0, 4)
      .map((group) => parseInt(group, 16).toString(16))
      .join(':')}::/64`;
  }
  return address;
}
