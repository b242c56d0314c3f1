import "server-only";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { zoneSchema } from "@/lib/schemas";

const seconds = (fallback: number) => z.coerce.number().positive().default(fallback);

const schema = z
  .object({
    TWSCOPE_DATA_DIR: z.string().min(1).default("./data"),
    TWSCOPE_DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "a postgres:// URL")
      .optional(),
    TWSCOPE_POLL_INTERVAL: seconds(15),
    TWSCOPE_POLL_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
    TWSCOPE_POLLER: z.enum(["on", "off"]).default("on"),
    TWSCOPE_ZONE: zoneSchema.optional(),
    TWSCOPE_COLLECTOR_NAME: z.string().min(1).max(80).optional(),
    TWSCOPE_LEASE: z.coerce.number().min(1).max(600).default(15),
    TWSCOPE_SSH_READY_TIMEOUT: seconds(10),
    TWSCOPE_PROBE_TIMEOUT: seconds(20),
    TWSCOPE_PROBE_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(4096)
      .default(256 * 1024),
    TWSCOPE_PROBE_SESSIONS: z.enum(["on", "off"]).default("on"),
    TWSCOPE_RAW_RETENTION_HOURS: z.coerce.number().positive().default(48),
    TWSCOPE_MINUTE_RETENTION_DAYS: z.coerce.number().positive().default(14),
    TWSCOPE_QUARTER_RETENTION_DAYS: z.coerce.number().positive().default(365),
    SSH_AUTH_SOCK: z.string().optional(),
    TWSCOPE_HOST: z.string().min(1).default("127.0.0.1"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    TWSCOPE_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    TWSCOPE_SESSION_IDLE_HOURS: z.coerce.number().positive().default(168),
    TWSCOPE_SESSION_MAX_DAYS: z.coerce.number().positive().default(30),
    TWSCOPE_AUTH_PROXY_HEADER: z
      .string()
      .regex(/^[A-Za-z0-9-]+$/, "an HTTP header name")
      .optional(),
    TWSCOPE_AUTH_PROXY_ADDRESSES: z.string().optional(),
    TWSCOPE_SECRET_KEY: z.string().optional(),
    TWSCOPE_SECRET_KEY_FILE: z.string().min(1).optional(),
    TWSCOPE_ALERT_GROUP_WAIT: z.coerce.number().min(0).default(10),
    TWSCOPE_ALERT_RESEND: seconds(60),
    TWSCOPE_METRICS_TOP_N: z.coerce.number().int().min(0).max(50).default(10),
  })
  .refine((e) => !e.TWSCOPE_AUTH_PROXY_HEADER || !!e.TWSCOPE_AUTH_PROXY_ADDRESSES?.trim(), {
    message: "TWSCOPE_AUTH_PROXY_HEADER needs TWSCOPE_AUTH_PROXY_ADDRESSES (the proxies allowed to name users)",
    path: ["TWSCOPE_AUTH_PROXY_ADDRESSES"],
  });

export interface AppConfig {
  dataDir: string;
  databaseFile: string;
  /** PostgreSQL instead of the SQLite file: TWSCOPE_DATABASE_URL. */
  databaseUrl: string | null;
  pollIntervalMs: number;
  pollConcurrency: number;
  pollerEnabled: boolean;
  /** This process's collector: the zone it polls (null: hosts without one), its name, and how long its leases last. */
  collector: { zone: string | null; name: string | undefined; leaseMs: number };
  readyTimeoutMs: number;
  probeTimeoutMs: number;
  probeMaxBytes: number;
  /** Keep a serving probe open per SSH host between polls; off runs the probe once per poll. */
  probeSessions: boolean;
  sshAgentSocket: string | undefined;
  retention: { rawMs: number; minuteMs: number; quarterMs: number };
  /** Where the dashboard is reached; from TWSCOPE_PUBLIC_URL, else the listen address. */
  publicUrl: string;
  session: { idleMs: number; maxMs: number };
  /** Trusted reverse-proxy sign-in: honoured only when both are set, only from these addresses. */
  authProxy: { header: string; addresses: string[] } | null;
  /** The key for stored secrets: base64 of 32 bytes in an env variable, else a file outside the data directory. */
  secretKey: { value: string | undefined; file: string };
  /** Notices of one host's alerts queued within `groupWaitMs` go out as one message; firing alerts go to Alertmanager again every `resendMs`. */
  alerts: { groupWaitMs: number; resendMs: number };
  /** Destinations and listening ports per host that `/metrics` exports (0–50; the probe keeps 50 of each). */
  metricsTopN: number;
}

/** The one place that reads `process.env`; throws a readable error for a bad setting. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`twscope configuration is invalid: ${issues}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.TWSCOPE_DATA_DIR);
  return {
    dataDir,
    databaseFile: path.join(dataDir, "twscope.db"),
    databaseUrl: e.TWSCOPE_DATABASE_URL ?? null,
    pollIntervalMs: e.TWSCOPE_POLL_INTERVAL * 1000,
    pollConcurrency: e.TWSCOPE_POLL_CONCURRENCY,
    pollerEnabled: e.TWSCOPE_POLLER === "on",
    collector: { zone: e.TWSCOPE_ZONE ?? null, name: e.TWSCOPE_COLLECTOR_NAME, leaseMs: e.TWSCOPE_LEASE * 1000 },
    readyTimeoutMs: e.TWSCOPE_SSH_READY_TIMEOUT * 1000,
    probeTimeoutMs: e.TWSCOPE_PROBE_TIMEOUT * 1000,
    probeMaxBytes: e.TWSCOPE_PROBE_MAX_BYTES,
    probeSessions: e.TWSCOPE_PROBE_SESSIONS === "on",
    sshAgentSocket: e.SSH_AUTH_SOCK,
    retention: {
      rawMs: e.TWSCOPE_RAW_RETENTION_HOURS * 3_600_000,
      minuteMs: e.TWSCOPE_MINUTE_RETENTION_DAYS * 86_400_000,
      quarterMs: e.TWSCOPE_QUARTER_RETENTION_DAYS * 86_400_000,
    },
    publicUrl: (e.TWSCOPE_PUBLIC_URL ?? `http://${hostForUrl(e.TWSCOPE_HOST)}:${e.PORT}`).replace(/\/+$/, ""),
    session: { idleMs: e.TWSCOPE_SESSION_IDLE_HOURS * 3_600_000, maxMs: e.TWSCOPE_SESSION_MAX_DAYS * 86_400_000 },
    authProxy: e.TWSCOPE_AUTH_PROXY_HEADER
      ? {
          header: e.TWSCOPE_AUTH_PROXY_HEADER.toLowerCase(),
          addresses: e
            .TWSCOPE_AUTH_PROXY_ADDRESSES!.split(",")
            .map((a) => a.trim())
            .filter(Boolean),
        }
      : null,
    secretKey: {
      value: e.TWSCOPE_SECRET_KEY,
      file: path.resolve(
        e.TWSCOPE_SECRET_KEY_FILE ?? path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), ".config"), "twscope", "secret.key"),
      ),
    },
    alerts: { groupWaitMs: e.TWSCOPE_ALERT_GROUP_WAIT * 1000, resendMs: e.TWSCOPE_ALERT_RESEND * 1000 },
    metricsTopN: e.TWSCOPE_METRICS_TOP_N,
  };
}

function hostForUrl(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

/** Reads a key passphrase from the environment variable a host names (the name is stored, never the value). */
export function readPassphraseEnv(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return /^[A-Z_][A-Z0-9_]*$/.test(name) ? env[name] : undefined;
}
