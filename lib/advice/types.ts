import type { StoredText } from "../i18n/message";

/** Risk of doing the action a remedy's title names, with the reason spelled out in its catalogue text (`remedy.<id>.riskReason`). */
export type Risk = "low" | "medium" | "high" | "critical";
/** The severities, most severe first. */
const SEVERITIES = ["critical", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** How severe, as a number that grows with severity: info 1, warning 2, critical 3. */
export function severityWeight(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}

/** Sorts anything with a severity most severe first. */
export const mostSevereFirst = (a: { severity: Severity }, b: { severity: Severity }) =>
  severityWeight(b.severity) - severityWeight(a.severity);
/**
 * How a remedy stands on one particular host. "harmful" marks an "avoid" remedy whose action would
 * do damage here; a "do" remedy is never harmful and an "avoid" one never recommended, possible or applied.
 */
export type Applicability = "recommended" | "possible" | "applied" | "not-applicable" | "harmful";

export interface Source {
  title: string;
  url: string;
}

/** Kernel versions as "major.minor", e.g. "4.12". */
interface KernelRange {
  /** First kernel that has it; absent when it has always existed. */
  since?: string;
  /** First kernel that no longer has it. */
  removedIn?: string;
}

/** What a remedy changes: a kernel setting, how applications or the fleet use connections, or sockets by hand. */
export type RemedyKind = "sysctl" | "design" | "manual";

/**
 * Whether twscope suggests the action a remedy's title names ("do"), or lists it only to warn
 * against it ("avoid"). Either way the title names one action and `risk` rates doing exactly that.
 */
export type RemedyStance = "do" | "avoid";

/** For a "do" remedy the commands apply the action; for an "avoid" one they undo it. */
interface RemedyCommands {
  /** Shell lines that act now (lost on reboot). */
  runtime: string[];
  /** Shell lines that make it survive a reboot, e.g. a file in /etc/sysctl.d/. */
  persist: string[];
  /** Shell lines that undo both. */
  rollback: string[];
}

/**
 * One remediation option, from the source document or the kernel facts. Its words are in the
 * catalogues, per language, under `remedy.<id>`: `title` (the one action it rates, stated positively,
 * never "Do not …"), `summary` (what it does and why it helps or harms, 1–3 sentences), `riskReason`
 * (why that risk, without the risk word: the UI prints it beside), `sideEffects`, `prerequisites`,
 * `steps` (design remedies) and `kernelNote` (see lib/advice/remedy-text.ts).
 */
export interface Remedy {
  /** Stable, kebab-case, e.g. "tcp-tw-reuse". Never renamed once shipped. */
  id: string;
  kind: RemedyKind;
  stance: RemedyStance;
  /** How risky doing the title's action is. */
  risk: Risk;
  kernels: KernelRange;
  /** Sysctl-level remedies have commands; design-level ones (keep-alive, pooling…) have steps instead. */
  commands: RemedyCommands | null;
  sources: Source[];
}

/** A remedy as it stands for one host, with the reason in that host's terms. */
export interface RemedyAdvice {
  id: string;
  applicability: Applicability;
  /** The reason in this host's terms: a catalogue message, or English text stored before findings were data. */
  why: StoredText;
}

/** What a finding is about when it is about one destination or one local port: an alert is raised per subject. */
type FindingSubject = { destination: string } | { port: number };

/** What one rule concluded about one host. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  /** A catalogue message (`advice.…` with the numbers and addresses as values), rendered in the reader's language; English text in findings stored before. */
  title: StoredText;
  /** The destination or port the title names, when it names one. */
  subject?: FindingSubject;
  /** The network namespace (container, pod) the finding is about, when not the host's own. */
  namespace?: { inode: number; name: string };
  /** Numbers that back the finding, e.g. "41,200 TIME_WAIT to 10.0.0.5:5432 = 87% of the 28,232-port range", as catalogue messages. */
  evidence: StoredText[];
  remedies: RemedyAdvice[];
}
