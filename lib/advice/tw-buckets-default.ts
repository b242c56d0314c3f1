import type { Message } from "../i18n/message";
import { int, say } from "./rules/rule";

/** The kernel caps its established hash at this many slots unless booted with thash_entries. */
const MAX_EHASH = 512 * 1024;

export interface TwBucketsDefault {
  /** The lowest value this host's kernel default can have. */
  atLeast: number;
  /** How it was determined, for the evidence. */
  how: Message;
}

/**
 * This host's default tcp_max_tw_buckets, from its memory: the kernel sizes the established hash at
 * one slot per 128 KiB of the memory it manages at boot, rounded up to a power of two and at most
 * 524,288 slots, and sets the default to half of it (tcp_sk_init). MemTotal is a little below the
 * memory the kernel sized the hash from, so this is a lower bound. Null when MemTotal is unknown.
 */
export function twBucketsDefault(memTotalKb: number | null | undefined): TwBucketsDefault | null {
  if (!memTotalKb || memTotalKb <= 0) return null;
  let slots = 1;
  while (slots < Math.ceil(memTotalKb / 128) && slots < MAX_EHASH) slots *= 2;
  const atLeast = slots / 2;
  const gib = Number((memTotalKb / 1024 / 1024).toFixed(1));
  return { atLeast, how: say("twBuckets.defaultHere", { atLeast: int(atLeast), gib, maxSlots: int(MAX_EHASH) }) };
}

/** Kernel defaults are powers of two: any other value was set by hand. */
export const isPowerOfTwo = (v: number) => v > 0 && Number.isInteger(Math.log2(v));
