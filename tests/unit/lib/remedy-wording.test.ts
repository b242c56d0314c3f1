import fs from "node:fs";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { analyzeSample } from "@/lib/advice/analyze";
import { REMEDIES, remedyById } from "@/lib/advice/remedies";
import { commandBlocks, filterRemedies, remedyFilterOf, remedyFilterQuery, RISKS } from "@/lib/advice/remedy-catalogue";
import { remedyText, type RemedyText } from "@/lib/advice/remedy-text";
import { RULES } from "@/lib/advice/rules";
import { parseProbeBundle } from "@/lib/bundle/parse-probe-bundle";
import { codeSpans, withoutCodeMarks } from "@/lib/code-spans";
import { TIME_WAIT_COUNTERS } from "@/lib/counter-meanings";
import { RemedyArticle } from "@/components/remedies/remedy-article";
import { RemedyDetails } from "@/components/remedies/remedy-details";
import { fixturePath, readFixture } from "../../support/fixtures";
import { chinese, english, remedyProse } from "../../support/i18n";
import { renderIn, visibleText as textOf } from "../../support/render-in";
import { renderText } from "@/lib/i18n/message";

const en = (id: string): RemedyText => remedyText(english, id);
const zh = (id: string): RemedyText => remedyText(chinese, id);
const LANGUAGES = [
  ["en", en, english],
  ["zh-CN", zh, chinese],
] as const;

/** A title that opens as a warning: "Do not …", "Never …", "Leave … alone"; 不要、禁止、切勿、别、勿、避免 in Chinese. */
const WARNING_TITLE = {
  en: /^(do not|don't|never|avoid|leave|stop)\b|\balone\b/i,
  "zh-CN": /^(不要|不可|禁止|切勿|避免|别|勿|停止|保持.*不变)/,
};

describe("remedy titles and risks", () => {
  it("name one action positively: no title is a warning such as 'Do not …', 'Never …' or 'Leave … alone'", () => {
    for (const r of REMEDIES)
      for (const [lang, textOf] of LANGUAGES) expect(textOf(r.id).title, `${lang} ${r.id}`).not.toMatch(WARNING_TITLE[lang]);
  });

  it("rate an action twscope warns against (stance avoid) high or critical, and what it suggests below critical", () => {
    for (const r of REMEDIES) {
      if (r.stance === "avoid") expect(["high", "critical"], r.id).toContain(r.risk);
      else expect(r.risk, r.id).not.toBe("critical");
    }
  });

  it("rate switching tcp_tw_recycle on as critical, and its commands only ever switch it off", () => {
    const recycle = remedyById("tcp-tw-recycle")!;
    expect(recycle).toMatchObject({ stance: "avoid", risk: "critical" });
    expect(en(recycle.id).title).toMatch(/tcp_tw_recycle on/);
    expect(zh(recycle.id).title).toMatch(/^开启 tcp_tw_recycle/);
    const titles = (t: typeof english) => commandBlocks(recycle).map((b) => t(`remedies.commands.${b.purpose}`));
    expect(titles(english)).toEqual(["Undo it now", "Undo it for good", "Reverse these changes"]);
    expect(titles(chinese)).toEqual(["立即撤销", "永久撤销", "还原这些改动"]);
    expect(recycle.commands!.runtime.join("\n")).toContain("tcp_tw_recycle=0");
  });

  it("rate raising tcp_max_tw_buckets back as low, explaining that lowering it is the dangerous direction", () => {
    const buckets = remedyById("tcp-max-tw-buckets")!;
    expect(buckets).toMatchObject({ stance: "do", risk: "low" });
    expect(en(buckets.id).title).toMatch(/^Raise /);
    expect(zh(buckets.id).title).toMatch(/恢复为默认值/);
    expect(en(buckets.id).riskReason).toMatch(/lowering it/i);
    expect(zh(buckets.id).riskReason).toMatch(/调低它/);
  });

  it("title SO_LINGER 0 as the abortive close itself, so 'harmful here' never reads as a double negative", () => {
    expect(remedyById("so-linger-zero")).toMatchObject({ stance: "avoid", risk: "high" });
    expect(en("so-linger-zero").title).toBe("Abort connections with SO_LINGER set to 0");
    expect(zh("so-linger-zero").title).toBe("将 SO_LINGER 设为 0，以 RST 中止连接");
  });

  it("set, in a 'do' remedy's runtime command, the value its title names, and name the same value in every language", () => {
    const namedIn = (title: string) => /[(（](\w+) = (\d+)[)）]$/.exec(title)?.slice(1) ?? null;
    for (const r of REMEDIES.filter((r) => r.stance === "do")) {
      const named = namedIn(en(r.id).title);
      expect(namedIn(zh(r.id).title), r.id).toEqual(named);
      if (!named) continue;
      expect(r.commands!.runtime.join("\n"), r.id).toMatch(new RegExp(`sysctl -w net\\.ipv4\\.${named[0]}=${named[1]}\\b`));
    }
  });

  it("never begin a risk reason with a risk word, which the UI already prints beside it", () => {
    for (const r of REMEDIES) {
      for (const [lang, textOf, t] of LANGUAGES) {
        const reason = textOf(r.id).riskReason.toLowerCase();
        for (const risk of RISKS) expect(reason.startsWith(t(`remedies.risk.${risk}`)), `${lang} ${r.id}: ${reason}`).toBe(false);
      }
    }
  });

  it("keep Markdown code marks out of titles, which are shown as plain text", () => {
    for (const r of REMEDIES) for (const [lang, textOf] of LANGUAGES) expect(textOf(r.id).title, `${lang} ${r.id}`).not.toContain("`");
  });
});

describe("how the advisor's applicability words meet remedy titles", () => {
  const samples = [
    ...fs.readdirSync(fixturePath("bundles", "lab")).map((f) => parseProbeBundle(readFixture("bundles", "lab", f))),
    ...["centos7-3.10.txt", "localhost-6x.txt", "netns-reuse-no-ts.txt"].map((f) => parseProbeBundle(readFixture("bundles", f))),
  ];
  // Variants that wake the rules a lab host never triggers: recycle on an old kernel, a lowered cap.
  const variants = samples.flatMap((s) => [
    s,
    { ...s, kernel: "3.10.0-1160.el7.x86_64", sysctls: { ...s.sysctls, "net.ipv4.tcp_tw_recycle": "1" } },
    { ...s, sysctls: { ...s.sysctls, "net.ipv4.tcp_max_tw_buckets": "200" } },
  ]);
  const advice = variants.flatMap((s) => analyzeSample(s).findings.flatMap((f) => f.remedies));

  it("exercises harmful, recommended and not-applicable advice", () => {
    const seen = new Set(advice.map((a) => a.applicability));
    for (const a of ["harmful", "recommended", "not-applicable"] as const) expect(seen).toContain(a);
  });

  it("calls only an action twscope warns against 'harmful here', and never recommends, offers or credits one", () => {
    for (const a of advice) {
      const stance = remedyById(a.id)!.stance;
      if (a.applicability === "harmful") expect(stance, `${a.id} marked harmful`).toBe("avoid");
      if (stance === "avoid") expect(["harmful", "not-applicable"], `${a.id}: ${a.applicability}`).toContain(a.applicability);
    }
  });
});

describe("rendered remedy text", () => {
  it("shows no literal backtick in any catalogue entry or inline remedy, in any language, and shows the code spans as <code>", () => {
    for (const r of REMEDIES) {
      for (const [lang] of LANGUAGES) {
        for (const html of [
          renderIn(lang, createElement(RemedyArticle, { remedy: r })),
          renderIn(lang, createElement(RemedyDetails, { id: r.id })),
        ]) {
          expect(textOf(html), `${lang} ${r.id}`).not.toContain("`");
        }
      }
    }
    const steps = renderIn("en", createElement(RemedyArticle, { remedy: remedyById("client-active-close")! }));
    expect(steps).toContain("<code");
    expect(textOf(steps)).toContain("as listed by ss -Hltn)");
    const zhSteps = renderIn("zh-CN", createElement(RemedyArticle, { remedy: remedyById("client-active-close")! }));
    expect(zhSteps).toMatch(/<code[^>]*>ss -Hltn<\/code>/);
  });

  it("repeats no risk word: 'Why low risk:' is followed by the reason, not by 'Low:'", () => {
    const html = textOf(renderIn("en", createElement(RemedyDetails, { id: "http-keep-alive" })));
    expect(html).toContain("Why low risk: Persistent connections");
    expect(html).not.toMatch(/risk:\s*(low|medium|high|critical)\b/i);
    const zhHtml = textOf(renderIn("zh-CN", createElement(RemedyDetails, { id: "http-keep-alive" })));
    expect(zhHtml).toContain("为何评为低风险：长连接是");
    expect(zhHtml).not.toMatch(/风险：\s*[低中高]：/);
  });
});

describe("codeSpans()", () => {
  it("splits text into plain and code pieces without the backticks", () => {
    expect(codeSpans("run `ss -K` now")).toEqual([
      { code: false, text: "run " },
      { code: true, text: "ss -K" },
      { code: false, text: " now" },
    ]);
  });

  it("drops an unpaired backtick instead of showing it", () => {
    expect(withoutCodeMarks("a `b")).toBe("a b");
    expect(codeSpans("a `b").every((p) => !p.code)).toBe(true);
  });
});

describe("the /remedies filter", () => {
  it("reads risk and kind from the URL and ignores unknown values", () => {
    expect(remedyFilterOf({ risk: "low", kind: "sysctl" })).toEqual({ risk: "low", kind: "sysctl" });
    expect(remedyFilterOf({ risk: "nonsense", kind: ["design", "x"] })).toEqual({ risk: null, kind: "design" });
  });

  it("narrows the catalogue and writes the same filter back as a query", () => {
    const low = filterRemedies(REMEDIES, { risk: "low", kind: null });
    expect(low.length).toBeGreaterThan(0);
    expect(low.length).toBeLessThan(REMEDIES.length);
    expect(low.every((r) => r.risk === "low")).toBe(true);
    expect(filterRemedies(REMEDIES, { risk: null, kind: "design" }).every((r) => r.kind === "design")).toBe(true);
    expect(remedyFilterQuery({ risk: "low", kind: "sysctl" })).toBe("?risk=low&kind=sysctl");
    expect(remedyFilterQuery({ risk: null, kind: null })).toBe("");
  });
});

describe("TIME_WAIT counter wording", () => {
  it("says TcpExt TW counts sockets entering TIME_WAIT, and covers the four TIME_WAIT counters", () => {
    expect(TIME_WAIT_COUNTERS.map((c) => c.counter)).toEqual([
      "TcpExt.TW",
      "TcpExt.TWRecycled",
      "TcpExt.TWKilled",
      "TcpExt.TCPTimeWaitOverflow",
    ]);
    expect(renderText(english, TIME_WAIT_COUNTERS[0]!.meaning)).toMatch(/entered TIME_WAIT/);
    expect(renderText(english, TIME_WAIT_COUNTERS[3]!.meaning)).toMatch(/tcp_max_tw_buckets was full/);
    for (const c of TIME_WAIT_COUNTERS) expect(renderText(chinese, c.meaning), c.counter).toMatch(/[\u4e00-\u9fff]/);
  });

  it("never calls a TIME_WAIT socket 'finished' in remedy texts or rule descriptions", () => {
    for (const r of REMEDIES) for (const text of remedyProse(en(r.id))) expect(text, r.id).not.toMatch(/finished/i);
    for (const rule of RULES) expect(renderText(english, rule.description), rule.id).not.toMatch(/finished/i);
  });
});
