import "server-only";
import { analyzeSample } from "@/lib/advice/analyze";
import type { Finding } from "@/lib/advice/types";
import type { HostFacts } from "@/lib/alerts/conditions";
import type { AlertRule } from "@/lib/alerts/rule";
import type { Silence } from "@/lib/alerts/silence";
import { STALE_AFTER_INTERVALS } from "@/lib/host/freshness";
import type { HostSample, SampleRates } from "@/lib/types";
import { listRules } from "../db/alert-rules";
import { getHost, listHosts, type HostRecord } from "../db/hosts";
import type { Db } from "../db/open-database";
import { latestRates, latestSample, latestSampleAt } from "../db/samples";
import { currentSilences } from "../db/silences";
import type { PollOutcome } from "../poll/poll-host";
import { evaluateHost, type EvaluationResult } from "./evaluate-host";

/** A sample fresh enough for the sample rules, with its rates and, when the write path computed them, the advisor's findings. */
interface FreshSample {
  sample: HostSample;
  rates: SampleRates | null;
  findings?: readonly Finding[] | undefined;
}

export interface EvaluatorOptions {
  db: Db;
  publicUrl: string;
  pollIntervalMs: number;
  groupWaitMs: number;
}

/**
 * Evaluates the alert rules on a host after each of its polls, and on every host on demand (at
 * start, after a rule changes). Rules and silences are read once and kept until `settingsChanged`.
 */
export class AlertEvaluator {
  private rules: AlertRule[] | null = null;
  private silences: Silence[] | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly o: EvaluatorOptions) {}

  /**
   * Every poll interval, evaluates the hosts no poll evaluated lately (a host awaiting a trusted key,
   * say), so that their host-status and staleness rules still run.
   */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      try {
        this.evaluateUnpolled();
      } catch (err) {
        console.error(`twscope: alert evaluation failed: ${(err as Error).message}`);
      }
    }, this.o.pollIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Hosts without a poll for 2 intervals, evaluated from what is stored. */
  evaluateUnpolled(now = Date.now()): number {
    if (!this.o.db.open) return 0;
    const due = listHosts(this.o.db).filter((h) => h.transport !== "bundle" && (h.lastPollAt ?? 0) < now - 2 * this.o.pollIntervalMs);
    for (const host of due) this.evaluate(host, this.storedFresh(host.id, now), now);
    return due.length;
  }

  /** Rules or silences were edited: read them again at the next evaluation. */
  settingsChanged(): void {
    this.rules = null;
    this.silences = null;
  }

  /** After a poll: an ok poll brings its sample and rates; a failed one leaves sample rules their state. */
  afterPoll(outcome: PollOutcome, now = Date.now()): EvaluationResult | null {
    if (!this.o.db.open) return null;
    const host = getHost(this.o.db, outcome.hostId);
    if (!host) return null;
    const fresh =
      outcome.status === "ok" && outcome.sample ? { sample: outcome.sample, rates: outcome.rates, findings: outcome.findings } : null;
    return this.evaluate(host, fresh, now);
  }

  /** Every polled host, from what is stored: its latest sample when it is fresh. */
  evaluateAll(now = Date.now()): EvaluationResult {
    const total: EvaluationResult = { started: 0, fired: 0, resolved: 0, cleared: 0, notices: 0 };
    for (const host of listHosts(this.o.db)) {
      if (host.transport === "bundle") continue;
      const r = this.evaluate(host, this.storedFresh(host.id, now), now);
      for (const k of Object.keys(total) as (keyof EvaluationResult)[]) total[k] += r[k];
    }
    return total;
  }

  private storedFresh(hostId: number, now: number): FreshSample | null {
    const latest = latestSample(this.o.db, hostId);
    if (!latest || this.isStale(latest.at, now)) return null;
    return { sample: latest.sample, rates: latestRates(this.o.db, hostId) };
  }

  private isStale(at: number | null, now: number): boolean {
    return at !== null && now - at > STALE_AFTER_INTERVALS * this.o.pollIntervalMs;
  }

  private evaluate(host: HostRecord, fresh: FreshSample | null, now: number): EvaluationResult {
    const facts: HostFacts = {
      host,
      sample: fresh?.sample ?? null,
      rates: fresh?.rates ?? null,
      findings: fresh ? (fresh.findings ?? analyzeSample(fresh.sample, fresh.rates).findings) : [],
      stale: fresh ? false : this.isStale(latestSampleAt(this.o.db, host.id), now),
    };
    this.rules ??= listRules(this.o.db);
    this.silences ??= currentSilences(this.o.db, now);
    return evaluateHost(this.o.db, facts, {
      rules: this.rules,
      silences: this.silences,
      publicUrl: this.o.publicUrl,
      groupWaitMs: this.o.groupWaitMs,
      now,
    });
  }
}
