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
import type { Duty } from "../collect/duty";
import type { Db } from "../db/db";
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
  /** With several processes on one database, only the one holding this duty evaluates the hosts no poll reached. */
  duty?: Duty;
}

/**
 * Evaluates the alert rules on a host after each of its polls, and on every host on demand (at
 * start, after a rule changes). Rules and silences are read once and kept until `settingsChanged`.
 */
export class AlertEvaluator {
  private rules: AlertRule[] | null = null;
  private silences: Silence[] | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Each host's evaluation under way: a host's evaluations run one after the other, never side by side. */
  private readonly perHost = new Map<number, Promise<unknown>>();

  constructor(private readonly o: EvaluatorOptions) {}

  /**
   * Every poll interval, evaluates the hosts no poll evaluated lately (a host awaiting a trusted key,
   * say), so that their host-status and staleness rules still run.
   */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.evaluateUnpolled().catch((err: Error) => console.error(`twscope: alert evaluation failed: ${err.message}`));
    }, this.o.pollIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Hosts without a poll for 2 intervals, evaluated from what is stored. */
  async evaluateUnpolled(now = Date.now()): Promise<number> {
    if (!this.o.db.open) return 0;
    if (this.o.duty && !(await this.o.duty.active(now))) return 0;
    const due = (await listHosts(this.o.db)).filter(
      (h) => h.transport !== "bundle" && (h.lastPollAt ?? 0) < now - 2 * this.o.pollIntervalMs,
    );
    for (const host of due) await this.evaluate(host, await this.storedFresh(host.id, now), now);
    return due.length;
  }

  /** Rules or silences were edited: read them again at the next evaluation. */
  settingsChanged(): void {
    this.rules = null;
    this.silences = null;
  }

  /** After a poll: an ok poll brings its sample and rates; a failed one leaves sample rules their state. */
  async afterPoll(outcome: PollOutcome, now = Date.now()): Promise<EvaluationResult | null> {
    if (!this.o.db.open) return null;
    const host = await getHost(this.o.db, outcome.hostId);
    if (!host) return null;
    const fresh =
      outcome.status === "ok" && outcome.sample ? { sample: outcome.sample, rates: outcome.rates, findings: outcome.findings } : null;
    return this.evaluate(host, fresh, now);
  }

  /** Every polled host, from what is stored: its latest sample when it is fresh. */
  async evaluateAll(now = Date.now()): Promise<EvaluationResult> {
    const total: EvaluationResult = { started: 0, fired: 0, resolved: 0, cleared: 0, notices: 0 };
    for (const host of await listHosts(this.o.db)) {
      if (host.transport === "bundle") continue;
      const r = await this.evaluate(host, await this.storedFresh(host.id, now), now);
      for (const k of Object.keys(total) as (keyof EvaluationResult)[]) total[k] += r[k];
    }
    return total;
  }

  private async storedFresh(hostId: number, now: number): Promise<FreshSample | null> {
    const latest = await latestSample(this.o.db, hostId);
    if (!latest || this.isStale(latest.at, now)) return null;
    return { sample: latest.sample, rates: await latestRates(this.o.db, hostId) };
  }

  private isStale(at: number | null, now: number): boolean {
    return at !== null && now - at > STALE_AFTER_INTERVALS * this.o.pollIntervalMs;
  }

  private evaluate(host: HostRecord, fresh: FreshSample | null, now: number): Promise<EvaluationResult> {
    const before = this.perHost.get(host.id);
    const run = (before ?? Promise.resolve()).catch(() => {}).then(() => this.evaluateNow(host, fresh, now));
    this.perHost.set(host.id, run);
    return run.finally(() => {
      if (this.perHost.get(host.id) === run) this.perHost.delete(host.id);
    });
  }

  private async evaluateNow(host: HostRecord, fresh: FreshSample | null, now: number): Promise<EvaluationResult> {
    const facts: HostFacts = {
      host,
      sample: fresh?.sample ?? null,
      rates: fresh?.rates ?? null,
      findings: fresh ? (fresh.findings ?? analyzeSample(fresh.sample, fresh.rates).findings) : [],
      stale: fresh ? false : this.isStale(await latestSampleAt(this.o.db, host.id), now),
    };
    this.rules ??= await listRules(this.o.db);
    this.silences ??= await currentSilences(this.o.db, now);
    return evaluateHost(this.o.db, facts, {
      rules: this.rules,
      silences: this.silences,
      publicUrl: this.o.publicUrl,
      groupWaitMs: this.o.groupWaitMs,
      now,
    });
  }
}
