import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REMEDIES, remedyById } from "@/lib/advice/remedies";
import { remedyText, type RemedyText } from "@/lib/advice/remedy-text";
import type { Remedy } from "@/lib/advice/types";
import { chinese, english, remedyProse } from "../../support/i18n";
import {
  copiedRun,
  DIGEST_FILE,
  digestFromDocuments,
  readDigest,
  referenceDir,
  referencesPresent,
  windowHashes,
} from "../../support/reference-windows";

/** Sysctl-level remedies and the keys their commands must handle. */
const SYSCTL_KEYS: Record<string, string[]> = {
  "tcp-tw-reuse": ["net.ipv4.tcp_tw_reuse"],
  "tcp-tw-recycle": ["net.ipv4.tcp_tw_recycle"],
  "tcp-max-tw-buckets": ["net.ipv4.tcp_max_tw_buckets"],
  "widen-port-range": ["net.ipv4.ip_local_port_range"],
  "tcp-tw-reuse-delay": ["net.ipv4.tcp_tw_reuse_delay"],
  "keep-tcp-fin-timeout": ["net.ipv4.tcp_fin_timeout"],
  "tcp-timestamps-on": ["net.ipv4.tcp_timestamps"],
  "conntrack-capacity": ["net.netfilter.nf_conntrack_max", "net.netfilter.nf_conntrack_tcp_timeout_time_wait"],
};

/** Application- or fleet-level remedies: steps only. */
const STEP_ONLY = [
  "client-active-close",
  "http-keep-alive",
  "so-linger-zero",
  "scale-out",
  "connection-pooling",
  "force-close-time-wait",
  "bind-address-no-port",
];

const EXPECTED_RISK: Record<string, Remedy["risk"]> = {
  "tcp-tw-reuse": "medium",
  "tcp-tw-recycle": "critical",
  "tcp-max-tw-buckets": "low",
  "client-active-close": "low",
  "http-keep-alive": "low",
  "so-linger-zero": "high",
  "widen-port-range": "low",
  "scale-out": "low",
  "connection-pooling": "medium",
  "force-close-time-wait": "high",
  "tcp-tw-reuse-delay": "medium",
  "keep-tcp-fin-timeout": "low",
  "tcp-timestamps-on": "low",
  "conntrack-capacity": "medium",
};

const REQUIRED_IDS = [...Object.keys(SYSCTL_KEYS), ...STEP_ONLY];

/** Hosts the catalogue may cite: the source document's articles and canonical kernel / RFC pages. */
const ALLOWED_HOSTS = new Set([
  "coolshell.cn",
  "stackoverflow.com",
  "www.serverframework.com",
  "blog.csdn.net",
  "www.cnblogs.com",
  "serverfault.com",
  "en.wikipedia.org",
  "www.rfc-editor.org",
  "datatracker.ietf.org",
  "tools.ietf.org",
  "docs.kernel.org",
  "www.kernel.org",
  "git.kernel.org",
]);

const get = (id: string): Remedy => {
  const remedy = remedyById(id);
  if (!remedy) throw new Error(`no remedy ${id}`);
  return remedy;
};

/** A remedy's words in English, as the catalogue gives them. */
const en = (id: string): RemedyText => remedyText(english, id);
const zh = (id: string): RemedyText => remedyText(chinese, id);
const LANGUAGES = [
  ["en", en],
  ["zh-CN", zh],
] as const;

const commandsOf = (id: string) => {
  const commands = get(id).commands;
  if (!commands) throw new Error(`${id} has no commands`);
  return commands;
};

/** Shell lines as one text, with regex-escaped dots (`net[.]ipv4[.]…` in grep/sed patterns) read as dots. */
const plain = (lines: string[]) => lines.join("\n").replaceAll("[.]", ".");

/** Keys set with `sysctl -w key=…` in some shell lines. */
const keysWritten = (lines: string[]) => [...lines.join("\n").matchAll(/sysctl -w ([a-z0-9_.]+)=/g)].map((m) => m[1]);

// --- copy detection --------------------------------------------------------------------------

// --- tests -----------------------------------------------------------------------------------

describe("remedy catalogue", () => {
  it("has unique kebab-case ids", () => {
    const ids = REMEDIES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("contains every remedy the advisor refers to", () => {
    expect(REMEDIES.map((r) => r.id)).toEqual(expect.arrayContaining(REQUIRED_IDS));
  });

  it("finds remedies by id and returns undefined for an unknown id", () => {
    expect(remedyById("tcp-tw-reuse")?.id).toBe("tcp-tw-reuse");
    expect(remedyById("tcp-tw-nonsense")).toBeUndefined();
  });

  it("gives every remedy a title, a summary and a risk reason in every language, and at least one http(s) source", () => {
    for (const r of REMEDIES) {
      for (const [lang, textOf] of LANGUAGES) {
        const text = textOf(r.id);
        // remedyText() gives the key itself for a missing message.
        for (const field of ["title", "summary", "riskReason"] as const) {
          expect(text[field].trim(), `${lang} ${r.id}`).not.toBe("");
          expect(text[field], `${lang} ${r.id}`).not.toBe(`remedy.${r.id}.${field}`);
        }
      }
      expect(r.sources.length, r.id).toBeGreaterThan(0);
      for (const s of r.sources) {
        expect(s.title.trim(), r.id).not.toBe("");
        expect(s.url, r.id).toMatch(/^https?:\/\/[^\s/]+\/?\S*$/);
      }
    }
  });

  it("cites only the source document's articles and canonical kernel or RFC pages", () => {
    for (const r of REMEDIES) {
      for (const s of r.sources) expect(ALLOWED_HOSTS.has(new URL(s.url).hostname), `${r.id}: ${s.url}`).toBe(true);
    }
  });

  it("rates each remedy as the source document and the kernel facts do", () => {
    for (const [id, risk] of Object.entries(EXPECTED_RISK)) expect(get(id).risk, id).toBe(risk);
    expect(["low", "medium"]).toContain(get("bind-address-no-port").risk);
  });

  it("rates enabling tcp_tw_recycle critical, marks it removed in 4.12 and only ever switches it off", () => {
    const recycle = get("tcp-tw-recycle");
    expect(recycle.risk).toBe("critical");
    expect(en("tcp-tw-recycle").title).toBe("Switch tcp_tw_recycle on");
    expect(zh("tcp-tw-recycle").title).toBe("开启 tcp_tw_recycle");
    expect(recycle.kernels.removedIn).toBe("4.12");
    expect(en("tcp-tw-recycle").riskReason).toMatch(/recycling is on|enabl|switching it on|turning it on/i);
    expect(zh("tcp-tw-recycle").riskReason).toMatch(/开启/);
    for (const [lang, textOf] of LANGUAGES) expect(textOf("tcp-tw-recycle").riskReason, lang).toMatch(/NAT/);
    const commands = commandsOf("tcp-tw-recycle");
    expect(commands.runtime.join("\n")).toContain("net.ipv4.tcp_tw_recycle=0");
    const all = [...commands.runtime, ...commands.persist, ...commands.rollback].join("\n");
    expect(all).not.toMatch(/tcp_tw_recycle\s*=\s*1/);
  });

  it("names the same sysctl in the runtime, persist and rollback commands of every sysctl remedy", () => {
    for (const [id, keys] of Object.entries(SYSCTL_KEYS)) {
      const { runtime, persist, rollback } = commandsOf(id);
      for (const key of keys) {
        expect(runtime.join("\n"), `${id} runtime`).toContain(`sysctl -w ${key}=`);
        expect(plain(persist), `${id} persist`).toContain(key);
        expect(plain(rollback), `${id} rollback`).toContain(key);
      }
      const written = keysWritten([...runtime, ...persist, ...rollback]);
      for (const key of written) expect(keys, `${id} writes ${key}`).toContain(key);
    }
  });

  it("persists sysctl remedies under /etc/sysctl.d/ and reloads them with sysctl --system", () => {
    for (const id of Object.keys(SYSCTL_KEYS)) {
      const persist = commandsOf(id).persist.join("\n");
      expect(persist, id).toContain("/etc/sysctl.d/");
      expect(persist, id).toContain("sysctl --system");
    }
  });

  it("rolls sysctl remedies back with sysctl -w, tcp_tw_recycle excepted", () => {
    for (const id of Object.keys(SYSCTL_KEYS).filter((id) => id !== "tcp-tw-recycle")) {
      expect(keysWritten(commandsOf(id).rollback), id).not.toEqual([]);
    }
    expect(keysWritten(commandsOf("tcp-tw-recycle").rollback)).toEqual([]);
  });

  it("states the kernel defaults it rolls back to", () => {
    expect(commandsOf("tcp-tw-reuse").rollback.join("\n")).toContain("net.ipv4.tcp_tw_reuse=2");
    expect(commandsOf("widen-port-range").rollback.join("\n")).toContain("net.ipv4.ip_local_port_range='32768 60999'");
    expect(commandsOf("tcp-tw-reuse-delay").rollback.join("\n")).toContain("net.ipv4.tcp_tw_reuse_delay=1000");
    expect(commandsOf("conntrack-capacity").rollback.join("\n")).toContain("net.netfilter.nf_conntrack_tcp_timeout_time_wait=120");
    expect(commandsOf("keep-tcp-fin-timeout").runtime.join("\n")).toContain("net.ipv4.tcp_fin_timeout=60");
    expect(commandsOf("tcp-timestamps-on").runtime.join("\n")).toContain("net.ipv4.tcp_timestamps=1");
  });

  it("restores a lowered tcp_max_tw_buckets to the value recorded before the change", () => {
    const { runtime, rollback } = commandsOf("tcp-max-tw-buckets");
    const record = runtime.find((line) => line.startsWith("sysctl -n net.ipv4.tcp_max_tw_buckets >"));
    expect(record).toBeDefined();
    const file = record!.split(">")[1]!.trim();
    expect(rollback.join("\n")).toContain(`net.ipv4.tcp_max_tw_buckets="$(cat ${file})"`);
  });

  it("gives executable commands without <placeholders>", () => {
    for (const r of REMEDIES) {
      const lines = r.commands ? [...r.commands.runtime, ...r.commands.persist, ...r.commands.rollback] : [];
      for (const line of lines) expect(line, r.id).not.toMatch(/<[^<>]*>/);
    }
  });

  it("requires timestamps on both ends for tcp_tw_reuse", () => {
    const peer = { en: /peer/i, "zh-CN": /对端/ };
    for (const [lang, textOf] of LANGUAGES) {
      const prerequisites = textOf("tcp-tw-reuse").prerequisites.join("\n");
      expect(prerequisites, lang).toContain("tcp_timestamps");
      expect(prerequisites, lang).toMatch(peer[lang]);
    }
  });

  it("gives step-only remedies 3 to 6 steps in every language and no commands", () => {
    for (const id of STEP_ONLY) {
      expect(get(id).commands, id).toBeNull();
      for (const [lang, textOf] of LANGUAGES) {
        const steps = textOf(id).steps;
        expect(steps.length, `${lang} ${id}`).toBeGreaterThanOrEqual(3);
        expect(steps.length, `${lang} ${id}`).toBeLessThanOrEqual(6);
        for (const step of steps) expect(step.trim(), `${lang} ${id}`).not.toBe("");
      }
    }
  });

  it("writes kernel versions as major.minor", () => {
    for (const r of REMEDIES) {
      for (const v of [r.kernels.since, r.kernels.removedIn]) {
        if (v !== undefined) expect(v, r.id).toMatch(/^\d+\.\d+$/);
      }
    }
    expect(get("bind-address-no-port").kernels.since).toBe("4.2");
    expect(get("tcp-tw-reuse-delay").kernels.since).toBe("6.14");
  });

  it("detects a 40-character run through a digest of window hashes, whatever its case and marks", () => {
    const reference = windowHashes("Some reference text that says **TIME_WAIT** lasts a minute on mainline kernels.");
    expect(copiedRun("we read: some reference text that says `time_wait` lasts a minute!", reference)).not.toBeNull();
    expect(copiedRun(en("keep-tcp-fin-timeout").summary, reference)).toBeNull();
    expect(readDigest().size).toBeGreaterThan(10_000);
  });

  it("contains no 40-character run copied from the knowledge file or the source document, in any language", () => {
    const reference = readDigest();
    for (const r of REMEDIES) {
      for (const [lang, textOf] of LANGUAGES) {
        for (const text of remedyProse(textOf(r.id))) expect(copiedRun(text, reference), `${lang} ${r.id}: ${text}`).toBeNull();
      }
    }
  });
});

// Only where the documents themselves are at hand (CI has them beside the clone; a user's clone does
// not): there the committed digest must be theirs. Not registered elsewhere, so a clone alone passes under CI too.
if (referencesPresent()) {
  describe("reference digest", () => {
    it("matches the reference documents (after they change: npx tsx scripts/reference-digest.ts)", () => {
      expect(readFileSync(DIGEST_FILE, "utf8")).toBe(digestFromDocuments());
    });

    it("flags a run taken from the knowledge file", () => {
      const knowledge = readFileSync(`${referenceDir()}/knowledge/time-wait.md`, "utf8");
      const run = knowledge.slice(knowledge.length / 2, knowledge.length / 2 + 60);
      expect(copiedRun(`prefix ${run} suffix`, readDigest())).not.toBeNull();
    });
  });
}
