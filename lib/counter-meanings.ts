import { msg, type Message } from "./i18n/message";

/**
 * What each TIME_WAIT counter of /proc/net/netstat (TcpExt) counts, in the words the sockets tab,
 * the remedy texts and the README use (catalogue `advice.counters.<name>`). A rate of one is that many events per second.
 */
export interface CounterMeaning {
  /** `Group.Name` as in `HostSample.counters`. */
  counter: string;
  /** Short label of its per-second rate. */
  rateLabel: Message;
  /** What one increment means. */
  meaning: Message;
}

const meaningOf = (counter: string): CounterMeaning => {
  const name = counter.replace("TcpExt.", "");
  return { counter, rateLabel: msg(`advice.counters.${name}.rateLabel`), meaning: msg(`advice.counters.${name}.meaning`) };
};

export const TIME_WAIT_COUNTERS: readonly CounterMeaning[] = [
  "TcpExt.TW",
  "TcpExt.TWRecycled",
  "TcpExt.TWKilled",
  "TcpExt.TCPTimeWaitOverflow",
].map(meaningOf);
