import { describe, expect, it } from "vitest";
import { BundleError } from "@/lib/bundle/bundle-error";
import { parseAnyBundle } from "@/lib/bundle/parse-any-bundle";
import { parsePlainBundle } from "@/lib/bundle/plain/parse-plain-bundle";
import { renderText } from "@/lib/i18n/message";
import { chinese, english } from "../../support/i18n";

// What a paste leaves out is data (`advice.input.*`): the same notes read in either language.

const TAN = "State Recv-Q Send-Q Local Address:Port Peer Address:Port\nTIME-WAIT 0 0 10.0.0.1:45000 10.0.0.2:80\n";
const PASTE = [
  "some text before any heading",
  "### uname -r",
  "not a release",
  "### df -h",
  "/dev/sda1 10G",
  "### ss -s",
  "Total: 3",
  "### netstat -rn",
  "Kernel IP routing table",
  "### ss -tan state bogus",
  TAN,
  "### ss -tn",
  TAN,
  "### ss -uan",
  TAN,
  "### ss -4 -tan",
  TAN,
  "### ss -4 -tan state time-wait",
  TAN,
  "### cat /proc/net/netstat",
  "",
  "### sysctl -N -a",
  "net.ipv4.tcp_tw_reuse",
  "### cat /etc/sysctl.conf /etc/sysctl.d/a.conf",
  "net.ipv4.tcp_tw_reuse = 1",
  "",
].join("\n");

describe("notes on a pasted bundle", () => {
  const { missing } = parsePlainBundle(PASTE);

  it("are messages, said in English as before and in Chinese from the same data", () => {
    expect(missing.every((m) => typeof m !== "string")).toBe(true);
    const en = missing.map((m) => renderText(english, m));
    const zh = missing.map((m) => renderText(chinese, m));
    expect(en).toContain('ignored 1 line(s) before the first "###" heading');
    expect(en).toContain(
      'section "### uname -r" has nothing twscope reads: expected a kernel release such as 6.1.0-18-amd64 on the first line',
    );
    expect(en).toContain('ignored section "### ss -s": ss -s prints a summary, not the sockets; run ss -tan');
    expect(en).toContain('ignored section "### ss -uan": ss -u lists UDP sockets, not TCP ones (no -t); run ss -tan');
    expect(en).toContain(
      'ignored section "### ss -tan state bogus": unknown ss state "bogus"; ss(8) names the states (established, time-wait, listening, …) and groups (all, connected, bucket, …)',
    );
    expect(en).toContain('no IPv6 socket list: "### ss -4 -tan" lists IPv4 sockets only; add ss -6 -tan for the IPv6 ones');
    expect(en).toContain(
      'ignored section "### ss -4 -tan state time-wait": it lists the same IPv4 sockets as "### ss -4 -tan", taken at another moment',
    );
    expect(zh).toContain('忽略了第一个 "###" 标题之前的 1 行');
    expect(zh).toContain('已忽略段落 "### ss -s"：ss -s 输出的是汇总，不是套接字；请运行 ss -tan');
    expect(zh.join("\n")).not.toMatch(/\b(ignored|section|sockets|run)\b/);
  });

  it("name every kind of ignored section in both languages", () => {
    const reasons = missing.map((m) => renderText(chinese, m)).filter((m) => m.startsWith("已忽略段落"));
    expect(reasons.length).toBeGreaterThanOrEqual(8);
  });
});

describe("a refused bundle", () => {
  const refusal = (text: string) => {
    try {
      parseAnyBundle(text);
    } catch (err) {
      if (err instanceof BundleError) return err;
      throw err;
    }
    throw new Error("not refused");
  };

  it("keeps its English message and is said in Chinese from the same data", () => {
    const empty = refusal("   \n");
    expect(empty.message).toBe("the text is empty");
    expect(renderText(chinese, empty.text)).toBe("内容为空");
    const none = refusal("### df -h\n/dev/sda1\n");
    expect(none.message).toBe("no recognised section: expected the probe's output or '### <command>' headings such as '### ss -tan'");
    expect(renderText(english, none.text)).toBe(none.message);
    expect(renderText(chinese, none.text)).toContain("'### <command>'");
    const nothing = refusal("### uname -r\nnot a release\n");
    expect(nothing.message).toBe(
      'the recognised sections hold nothing twscope reads (section "### uname -r" has nothing twscope reads: expected a kernel release such as 6.1.0-18-amd64 on the first line)',
    );
    expect(renderText(chinese, nothing.text)).toMatch(/^可识别的段落中没有 twscope 能读取的内容（段落 "### uname -r"/);
  });

  it("says the probe bundle's faults in both languages", () => {
    const truncated = refusal("@@twscope-probe 1\n@@sockstat\nTCP: inuse 1\n");
    expect(truncated.message).toBe("the bundle is truncated (no @@end line)");
    expect(renderText(chinese, truncated.text)).toBe("采集包不完整（没有 @@end 行）");
    const version = refusal("@@twscope-probe 9\n@@end\n");
    expect(version.message).toBe("bundle format 9 is not supported (expected 1)");
    expect(renderText(chinese, version.text)).toBe("不支持采集包格式 9（应为 1）");
  });
});
