/**
 * What each TIME_WAIT counter of /proc/net/netstat (TcpExt) counts, in the words the sockets tab,
 * the remedy texts and the README use. A rate of one is that many events per second.
 */
export interface CounterMeaning {
  /** `Group.Name` as in `HostSample.counters`. */
  counter: string;
  /** Short label of its per-second rate. */
  rateLabel: string;
  /** What one increment means. */
  meaning: string;
}

export const TIME_WAIT_COUNTERS: readonly CounterMeaning[] = [
  {
    counter: "TcpExt.TW",
    rateLabel: "entering TIME_WAIT/s",
    meaning: "a socket entered TIME_WAIT: counted when the connection closes into it, not when it expires 60 s later",
  },
  {
    counter: "TcpExt.TWRecycled",
    rateLabel: "TIME_WAIT ports reused/s",
    meaning: "a new outgoing connection took over the port of a TIME_WAIT socket (tcp_tw_reuse)",
  },
  {
    counter: "TcpExt.TWKilled",
    rateLabel: "TIME_WAIT killed early/s",
    meaning: "a TIME_WAIT socket was ended before its time, for example by tcp_tw_recycle on old kernels or by a reset",
  },
  {
    counter: "TcpExt.TCPTimeWaitOverflow",
    rateLabel: "TIME_WAIT not created/s",
    meaning: "a closing connection got no TIME_WAIT socket because tcp_max_tw_buckets was full",
  },
];
