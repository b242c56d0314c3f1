/**
 * The TIME_WAIT counters of /proc/net/netstat (TcpExt) the sockets tab explains, by their name
 * there. What one increment of each means is in the catalogue, `host.tables.counters.<name>`, in
 * the words the remedy texts and the README use.
 */
export const TIME_WAIT_COUNTERS = ["TW", "TWRecycled", "TWKilled", "TCPTimeWaitOverflow"] as const;

export type TimeWaitCounter = (typeof TIME_WAIT_COUNTERS)[number];

/** Its meaning's full catalogue key, for a `Translate` over the whole catalogue. */
export const counterMeaningKey = (name: TimeWaitCounter) => `host.tables.counters.${name}`;
