import "server-only";
import { CANNOT_JUDGE, conditionsOf, ruleContextOf, type Condition, type HostFacts } from "@/lib/alerts/conditions";
import { selects, type AlertRule } from "@/lib/alerts/rule";
import { silenceFor, type Silence } from "@/lib/alerts/silence";
import { advance, type AlertEpisode } from "@/lib/alerts/state-machine";
import { renderText } from "@/lib/i18n/message";
import { translatorFor } from "../i18n/translator";
import { enqueueNotifications, type NotifyStatus } from "../db/alert-outbox";
import { alertKey, deleteAlert, insertAlert, latestEpisodes, touchAlert, updateAlert, type AlertRecord } from "../db/alerts";
import type { Db } from "../db/db";

export interface EvaluationSettings {
  /** Every rule (disabled ones too: their open alerts are resolved). */
  rules: readonly AlertRule[];
  silences: readonly Silence[];
  /** Links in annotations point here (TWSCOPE_PUBLIC_URL). */
  publicUrl: string;
  groupWaitMs: number;
  now: number;
}

/** What one evaluation changed, for logs, tests and the benchmark. */
export interface EvaluationResult {
  started: number;
  fired: number;
  resolved: number;
  cleared: number;
  notices: number;
}

/**
 * Runs every rule on one host and moves each of its alerts one step (see `advance`), in one
 * transaction. A firing alert is queued for the channels once, unless silenced (then when the
 * silence ends and it still fires); its resolve is queued only when its firing was.
 */
export async function evaluateHost(db: Db, facts: HostFacts, s: EvaluationSettings): Promise<EvaluationResult> {
  const result: EvaluationResult = { started: 0, fired: 0, resolved: 0, cleared: 0, notices: 0 };
  const maxHoldMs = Math.max(0, ...s.rules.map((r) => r.holdSeconds * 1000));
  const ctx = ruleContextOf(facts);
  await db.tx(async (t) => {
    const episodes = await latestEpisodes(t, facts.host.id, s.now - maxHoldMs);
    for (const rule of s.rules) {
      const applies = rule.enabled && facts.host.transport !== "bundle" && selects(rule.selector, facts.host);
      const judged = applies ? conditionsOf(rule, facts, ctx) : [];
      if (judged === CANNOT_JUDGE) continue;
      const holding = new Map(judged.map((c) => [c.subject, c]));
      const subjects = new Set(holding.keys());
      for (const e of episodes.values()) if (e.ruleId === rule.id && e.state !== "resolved") subjects.add(e.subject);
      for (const subject of subjects) {
        const latest = episodes.get(alertKey(rule.id, subject)) ?? null;
        await stepOne(t, rule, facts, subject, latest, holding.get(subject) ?? null, s, result);
      }
    }
  });
  return result;
}

async function stepOne(
  db: Db,
  rule: AlertRule,
  facts: HostFacts,
  subject: string,
  latest: AlertRecord | null,
  condition: Condition | null,
  s: EvaluationSettings,
  result: EvaluationResult,
): Promise<void> {
  const step = advance(latest, condition !== null, s.now, { forMs: rule.forSeconds * 1000, holdMs: rule.holdSeconds * 1000 });
  const muted = silenceFor(s.silences, { ruleId: rule.id, hostName: facts.host.name, tags: facts.host.tags }, s.now) !== null;
  const seen = condition ? describe(rule, facts, condition, s.publicUrl) : null;
  if (step.kind === "start") {
    result.started++;
    if (step.episode.state === "firing") result.fired++;
    const notice = noticeDue(step.episode.state, null, muted);
    const id = await insertAlert(db, {
      ruleId: rule.id,
      hostId: facts.host.id,
      subject,
      ...step.episode,
      ...seen!,
      lastEvalAt: s.now,
      notified: notice,
    });
    if (notice) result.notices += await queue(db, id, facts, notice, s);
    return;
  }
  if (!latest || latest.state === "resolved") return;
  if (step.kind === "clear") {
    result.cleared++;
    await deleteAlert(db, latest.id);
    return;
  }
  const episode: AlertEpisode = step.kind === "stay" ? latest : step.episode;
  if (step.kind === "fire") result.fired++;
  if (step.kind === "resolve") result.resolved++;
  const next: AlertRecord = { ...latest, ...episode, ...(seen ?? {}), lastEvalAt: s.now };
  const notice = noticeDue(next.state, next.notified, muted);
  if (notice) next.notified = notice;
  if (step.kind === "stay" && !notice && sameAsStored(latest, next)) await touchAlert(db, latest.id, s.now);
  else await updateAlert(db, next);
  if (notice) result.notices += await queue(db, next.id, facts, notice, s);
}

/**
 * The notice an alert's state calls for that was not queued yet: firing once (not while silenced:
 * then when the silence ends, if it still fires), resolved only after a firing was sent.
 */
function noticeDue(state: AlertRecord["state"], notified: AlertRecord["notified"], muted: boolean): NotifyStatus | null {
  if (state === "firing" && notified !== "firing" && !muted) return "firing";
  if (state === "resolved" && notified === "firing") return "resolved";
  return null;
}

/** Whether an alert that stays as it was shows the same as stored: then only its evaluation time is written. */
function sameAsStored(a: AlertRecord, b: AlertRecord): boolean {
  return (
    a.severity === b.severity &&
    a.value === b.value &&
    JSON.stringify(a.labels) === JSON.stringify(b.labels) &&
    JSON.stringify(a.annotations) === JSON.stringify(b.annotations)
  );
}

const queue = async (db: Db, alertId: number, facts: HostFacts, status: NotifyStatus, s: EvaluationSettings) =>
  enqueueNotifications(db, { alertId, hostId: facts.host.id, status, now: s.now, dueAt: s.now + s.groupWaitMs });

function describe(
  rule: AlertRule,
  facts: HostFacts,
  c: Condition,
  publicUrl: string,
): Pick<AlertRecord, "severity" | "labels" | "annotations" | "value"> {
  // Findings' texts are messages: annotations keep the English they always had.
  const english = (text: Condition["summary"]) => renderText(translatorFor("en"), text);
  return {
    severity: c.severity,
    value: c.value,
    labels: { alertname: rule.id, host: facts.host.name, severity: c.severity, ...c.labels },
    annotations: {
      summary: `${facts.host.name}: ${english(c.summary)}`,
      description: c.evidence.map(english).join("\n"),
      rule: rule.name,
      url: `${publicUrl}/hosts/${facts.host.id}`,
    },
  };
}
