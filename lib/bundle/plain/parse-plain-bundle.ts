import { msg, type Message, type StoredText } from "../../i18n/message";
import type { HostSample } from "../../types";
import { BundleError } from "../bundle-error";
import { inputError, inputNote, noteList } from "../input-note";
import { parseCounterPairs } from "../parse-counters";
import { parseSockstat } from "../parse-sockstat";
import { assertBundleSize, normaliseCommand, splitPlainSections, type PlainSection } from "./command-sections";
import { emptyHostFacts, isBigEndian, readHostFacts } from "./host-facts";
import { NOT_A_COMMAND, recogniseSection, type SectionSpec } from "./section-kinds";
import { readSocketLists, type SocketListSection } from "./socket-lists";

export interface PlainBundle {
  sample: HostSample;
  /** What the analysis lacks, and which sections were not used (`advice.missing`, `advice.input`). */
  missing: StoredText[];
}

export const noSectionError = inputError("noSection", { heading: "'### <command>'", example: "'### ss -tan'" });

/**
 * Reads the plain output of standard commands pasted under `### <command>` headings (for hosts
 * twscope cannot reach) into the sample a probe bundle would give. Fields nothing was pasted for
 * stay null or empty, and `missing` says what they cost. Without `/proc/net/sockstat` the
 * TIME_WAIT count is the socket list's (`sockstat.tcpTw` stays null). `socketSource` is "ss" or
 * "proc" when the lists read are all ss or all /proc/net/tcp, and null otherwise (a netstat list
 * has no value of its own in `HostSample`). Sysctl files pasted (`cat /etc/sysctl.conf` …) fill
 * `configuredSysctls` as the probe's own section does; without any it stays absent.
 * Throws `BundleError` for text over 8 MiB, without any recognised section, or whose recognised
 * sections hold nothing usable.
 */
export function parsePlainBundle(text: string): PlainBundle {
  assertBundleSize(text);
  const { sections: split, preamble } = splitPlainSections(text);
  const notes: Message[] = [];
  if (preamble) notes.push(inputNote("preamble", { count: preamble }));
  const facts = emptyHostFacts();
  const socketSections: SocketListSection[] = [];
  let recognised = 0;
  for (const { section, spec } of keepCommentsInFiles(split)) {
    if (spec.kind === "ignored") {
      notes.push(inputNote("ignoredSection", { heading: section.heading, reason: spec.reason }));
      continue;
    }
    recognised++;
    if (section.lines.every((l) => l.trim() === "")) {
      if (spec.kind === "sysctl-conf") facts.configured ??= [];
      else notes.push(inputNote("emptySection", { heading: section.heading }));
    } else if (spec.kind === "sockets") {
      socketSections.push({ spec, section });
    } else {
      const note = readHostFacts(facts, spec, section, normaliseCommand(section.heading).piped);
      if (note) notes.push(note);
    }
  }
  if (recognised === 0) throw new BundleError("not-a-bundle", noSectionError);

  const [low, high] = (facts.sysctls["net.ipv4.ip_local_port_range"] ?? "").split(" ").map(Number);
  const sockets = readSocketLists(socketSections, isBigEndian(facts), low && high && high >= low ? { low, high } : null);
  const proc = facts.procLines;
  const sample: HostSample = {
    hostTime: null,
    uptimeSeconds: facts.uptimeSeconds,
    memTotalKb: facts.memTotalKb,
    hostname: facts.hostname,
    user: null,
    kernel: facts.kernel,
    socketSource: sockets.source,
    sockstat: parseSockstat(proc, proc),
    counters: {
      ...parseCounterPairs(proc.filter((l) => l.startsWith("TcpExt:"))),
      ...parseCounterPairs(proc.filter((l) => l.startsWith("Tcp:"))),
    },
    sysctls: facts.sysctls,
    missingSysctls: facts.missingSysctls.filter((name) => !(name in facts.sysctls)),
    ...(facts.configured === null ? {} : { configuredSysctls: facts.configured }),
    deniedSysctls: facts.deniedSysctls,
    states: sockets.states,
    listeningPorts: sockets.listeningPorts,
    timeWait: sockets.timeWait,
    problems: [],
  };
  if (!holdsData(sample)) {
    throw new BundleError("malformed", inputError("nothingRead", { notes: noteList([...sockets.notes, ...notes]) }));
  }
  return { sample, missing: [...describeGaps(sample, sockets.listed), ...sockets.notes, ...notes] };
}

/**
 * A `### …` comment inside a pasted sysctl file splits it like a heading; one that names no
 * command twscope knows goes back into the file's section as the comment it is.
 */
function keepCommentsInFiles(sections: PlainSection[]): { section: PlainSection; spec: SectionSpec }[] {
  const out: { section: PlainSection; spec: SectionSpec }[] = [];
  for (const section of sections) {
    const spec = recogniseSection(section.heading);
    const last = out[out.length - 1];
    if (last?.spec.kind === "sysctl-conf" && spec.kind === "ignored" && spec.reason.key === NOT_A_COMMAND) {
      last.section.lines.push(`### ${section.heading}`, ...section.lines);
    } else {
      out.push({ section: { heading: section.heading, lines: [...section.lines] }, spec });
    }
  }
  return out;
}

function holdsData(s: HostSample): boolean {
  return (
    s.kernel !== null ||
    s.hostname !== null ||
    s.uptimeSeconds !== null ||
    Object.keys(s.counters).length > 0 ||
    Object.values(s.sockstat).some((v) => v !== null) ||
    Object.keys(s.sysctls).length > 0 ||
    s.missingSysctls.length > 0 ||
    s.deniedSysctls.length > 0 ||
    Object.keys(s.states).length > 0 ||
    s.configuredSysctls !== undefined
  );
}

/** What a sample lacks, judged from its content (both bundle formats). */
export function describeGaps(sample: HostSample, hasSocketList: boolean): StoredText[] {
  const out: StoredText[] = [];
  const lacks = (key: string) => out.push(msg(`advice.missing.${key}`));
  const hasCounter = (group: string) => Object.keys(sample.counters).some((k) => k.startsWith(`${group}.`));
  if (sample.kernel === null) lacks("kernel");
  if (sample.sockstat.tcpTw === null) lacks(hasSocketList ? "sockstatFromList" : "sockstatNoCount");
  if (sample.sockstat.tcp6Inuse === null) lacks("sockstat6");
  if (!hasCounter("TcpExt")) lacks("netstat");
  if (!hasCounter("Tcp")) lacks("snmp");
  if (Object.keys(sample.sysctls).length === 0) lacks("sysctls");
  if (!hasSocketList) lacks("socketList");
  return out;
}
