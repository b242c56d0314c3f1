/** Risk of applying a remedy, with the reason spelled out in `Remedy.riskReason`. */
export type Risk = "low" | "medium" | "high" | "critical";
export type Severity = "critical" | "warning" | "info";
/** How a remedy stands on one particular host. */
export type Applicability = "recommended" | "possible" | "applied" | "not-applicable" | "harmful";

export interface Source {
  title: string;
  url: string;
}

/** Kernel versions as "major.minor", e.g. "4.12". */
export interface KernelRange {
  /** First kernel that has it; absent when it has always existed. */
  since?: string;
  /** First kernel that no longer has it. */
  removedIn?: string;
  note?: string;
}

export interface RemedyCommands {
  /** Shell lines that apply it now (lost on reboot). */
  runtime: string[];
  /** Shell lines that make it survive a reboot, e.g. a file in /etc/sysctl.d/. */
  persist: string[];
  /** Shell lines that undo both. */
  rollback: string[];
}

/** One remediation option, from the source document or the kernel facts, written in twscope's words. */
export interface Remedy {
  /** Stable, kebab-case, e.g. "tcp-tw-reuse". Never renamed once shipped. */
  id: string;
  title: string;
  /** What it does and why it helps, 1–3 sentences. */
  summary: string;
  risk: Risk;
  riskReason: string;
  sideEffects: string[];
  prerequisites: string[];
  kernels: KernelRange;
  /** Sysctl-level remedies have commands; design-level ones (keep-alive, pooling…) have steps instead. */
  commands: RemedyCommands | null;
  steps: string[];
  sources: Source[];
}

/** A remedy as it stands for one host, with the reason in that host's terms. */
export interface RemedyAdvice {
  id: string;
  applicability: Applicability;
  why: string;
}

/** What one rule concluded about one host. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  title: string;
  /** Numbers that back the finding, e.g. "41,200 TIME_WAIT to 10.0.0.5:5432 = 87% of the 28,232-port range". */
  evidence: string[];
  remedies: RemedyAdvice[];
}
