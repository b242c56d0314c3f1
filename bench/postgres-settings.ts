/**
 * The memory the benchmark's PostgreSQL servers cache pages in. PostgreSQL's default (128 MB) is meant to start
 * on any machine; its documentation suggests about a quarter of memory for a dedicated server. This machine
 * shares its memory with twscope, Chromium and the lab, and 2 GB holds what the pages read over and over (the
 * hosts, their latest summaries and findings, the last hour of samples) beside the 10,000-host day of samples.
 */
export const BENCH_SHARED_BUFFERS = "2GB";
