import "server-only";

/**
 * The unit a client is limited by: an IPv4 address, or the /64 an IPv6 address is in (one
 * subscriber usually holds a whole /64, so single IPv6 addresses would be free to rotate).
 */
export function clientNetwork(address: string): string {
  if (!address.includes(":")) return address;
  const groups = expandIpv6(address);
  return groups ? `${groups.slice(0, 4).join(":")}::/64` : address;
}

function expandIpv6(address: string): string[] | null {
  const [head, tail, extra] = address.split("::");
  if (extra !== undefined) return null;
  const left = head ? head.split(":") : [];
  const right = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  if (fill < 0) return null;
  const groups = [...left, ...Array<string>(fill).fill("0"), ...right];
  return groups.length === 8 ? groups.map((g) => (parseInt(g, 16) || 0).toString(16)) : null;
}
