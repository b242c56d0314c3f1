import type { AlertRule } from "./rule";
import type { Silence } from "./silence";
import type { AlertState } from "./state-machine";

/** One alert episode as the API and pages show it. */
export interface AlertDto {
  id: number;
  ruleId: string;
  ruleName: string;
  hostId: number;
  hostName: string;
  subject: string;
  state: AlertState;
  severity: string;
  labels: Record<string, string>;
  /** summary, description (the evidence, a line each), rule, url (the host page). */
  annotations: Record<string, string>;
  /** The summary without its host, and the evidence a line each: in the reader's language, as the annotations. */
  summary: string;
  evidence: string[];
  value: number | null;
  pendingSince: number;
  firingSince: number | null;
  resolvedAt: number | null;
  /** When the rule last looked at this alert: an alert whose host stopped answering keeps its last state. */
  lastEvalAt: number;
  /** The silence that mutes it now, if any. */
  silence: Pick<Silence, "id" | "endsAt" | "createdBy" | "reason"> | null;
}

export interface OpenAlertsDto {
  /** Firing first, then pending; critical before warning; oldest first. */
  alerts: AlertDto[];
  at: number;
}

export interface AlertHistoryDto {
  /** Episodes that fired, newest first. */
  alerts: AlertDto[];
  /** Pass as `before` for the next page; null at the end. */
  next: number | null;
}

export interface AlertRuleDto extends AlertRule {
  /** Pending and firing alerts of the rule now. */
  open: { pending: number; firing: number };
}

export type SilenceDto = Silence & { active: boolean };
