import { describe, expect, it } from "vitest";
import { parseProbeBundle } from "@/lib/bundle/parse-probe-bundle";
import { parsePlainInEnglish } from "../../support/advice";
import type { HostSample } from "@/lib/types";
import { readFixture } from "../../support/fixtures";

// Every socket-list form of tests/fixtures/plain/netns-forms.txt (see its README) was printed
// over the same sockets as netns-forms.probe.txt, the probe's own bundle taken right after: each
// must give the probe's counts exactly.

const FORMS = readFixture("plain", "netns-forms.txt");
const PROBE = parseProbeBundle(readFixture("plain", "netns-forms.probe.txt"));

/** A plain bundle of the named sections of netns-forms.txt. */
function bundleOf(...headings: string[]): string {
  return headings
    .map((heading) => {
      const start = FORMS.indexOf(`### ${heading}\n`);
      if (start === -1) throw new Error(`no "### ${heading}"`);
      const body = FORMS.slice(start + heading.length + 5);
      const end = body.search(/^### /m);
      return `### ${heading}\n${end === -1 ? body : body.slice(0, end)}`;
    })
    .join("");
}

const sockets = (s: HostSample) => ({ states: s.states, listeningPorts: s.listeningPorts, timeWait: s.timeWait });
const socketNotes = (missing: string[]) => missing.filter((m) => !/^no (kernel|\/proc|sysctl)/.test(m));

describe("socket lists of sosreports and support tools give the probe's counts", () => {
  it("the probe's bundle holds what make-sockets.mjs made: 26 server side on 4 ports, 24 client side toward 4 peers", () => {
    expect(PROBE.timeWait).toMatchObject({ total: 50, server: 26, client: 24 });
    expect(PROBE.timeWait.byListeningPort).toEqual([
      { port: 7100, count: 11 },
      { port: 7101, count: 9 },
      { port: 7102, count: 3 },
      { port: 7120, count: 3 },
    ]);
    expect(PROBE.timeWait.byPeer).toEqual([
      { peer: "198.51.100.7:7110", count: 8 },
      { peer: "198.51.100.7:7113", count: 6 },
      { peer: "[2001:db8:aaaa:bbbb::7]:7111", count: 6 },
      { peer: "198.51.100.7:7112", count: 4 },
    ]);
    expect(PROBE.states).toEqual({ ESTAB: 4, "TIME-WAIT": 50, LISTEN: 9 });
  });

  it.each([
    [["ss -tan"], "ss"],
    [["netstat -W -neopa"], null],
    [["ss -peaonmi"], "ss"],
    [["ss -tanpoim"], "ss"],
    [["ss -tupna"], "ss"],
    [["ss -4 -tan", "ss -6 -tan"], "ss"],
    [["netstat -4 -tanW", "netstat -6 -tanW"], null],
    [["cat /proc/net/tcp", "cat /proc/net/tcp6"], "proc"],
    [["busybox netstat -ant"], null],
  ])("%j: the probe's states, listening ports, groups and totals, with nothing left unexplained", (headings, source) => {
    const { sample, missing } = parsePlainInEnglish(bundleOf(...headings));
    expect(sockets(sample)).toEqual(sockets(PROBE));
    expect(sample.socketSource).toBe(source);
    expect(socketNotes(missing)).toEqual([]);
  });

  it.each(["netstat -antp", "netstat -tanpe", "netstat -an"])(
    "%s (no -W): the probe's totals, and a note that IPv6 peers were cut short",
    (heading) => {
      const { sample, missing } = parsePlainInEnglish(bundleOf(heading));
      expect(sample.timeWait).toMatchObject({ total: 50, server: 26, client: 24, byListeningPort: PROBE.timeWait.byListeningPort });
      // net-tools printed 2001:db8:aaaa:bbbb::7 port 7111 as "2001:db8:aaaa:bbbb:7111".
      expect(sample.timeWait.byPeer).toContainEqual({ peer: "[2001:db8:aaaa:bbbb]:7111", count: 6 });
      expect(socketNotes(missing)).toEqual([
        `netstat without -W cuts long IPv6 addresses short: peers in "### ${heading}" may be grouped wrongly; run netstat -tanW`,
      ]);
    },
  );

  it("no cut-short note where the addresses are visibly whole: BusyBox's output under a plain netstat heading", () => {
    const text = bundleOf("busybox netstat -ant").replace("### busybox netstat -ant", "### netstat -ant");
    const { sample, missing } = parsePlainInEnglish(text);
    expect(sockets(sample)).toEqual(sockets(PROBE));
    expect(socketNotes(missing)).toEqual([]);
  });

  it.each([
    "(Not all processes could be identified, non-owned process info\n will not be shown, you would have to be root to see it all.)\n",
    '(No info could be read for "-p": geteuid()=65534 but you should be root.)\n',
  ])("netstat -p run as a user: its note %j is no unread line", (note) => {
    const { sample, missing } = parsePlainInEnglish(
      bundleOf("netstat -W -neopa").replace("### netstat -W -neopa\n", `### netstat -W -neopa\n${note}`),
    );
    expect(sockets(sample)).toEqual(sockets(PROBE));
    expect(socketNotes(missing)).toEqual([]);
  });

  it("netstat -an (no -t): skips the Unix socket section after the TCP rows", () => {
    expect(FORMS).toMatch(/### netstat -an\n(.*\n)*Active UNIX domain sockets/);
    expect(parsePlainInEnglish(bundleOf("netstat -an")).sample.states).toEqual(PROBE.states);
  });

  it("merges an IPv4 list with an IPv6 list of another tool", () => {
    expect(sockets(parsePlainInEnglish(bundleOf("ss -4 -tan", "cat /proc/net/tcp6")).sample)).toEqual(sockets(PROBE));
  });

  it("one family alone: counts its sockets only and says which list to add", () => {
    const { sample, missing } = parsePlainInEnglish(bundleOf("ss -4 -tan"));
    expect(sample.timeWait).toMatchObject({ total: 28, server: 14, client: 14 });
    expect(socketNotes(missing)).toEqual([
      'no IPv6 socket list: "### ss -4 -tan" lists IPv4 sockets only; add ss -6 -tan for the IPv6 ones',
    ]);
    const proc = parsePlainInEnglish(bundleOf("cat /proc/net/tcp6")).missing;
    expect(socketNotes(proc)).toEqual([
      'no IPv4 socket list: "### cat /proc/net/tcp6" lists IPv6 sockets only; add cat /proc/net/tcp for the IPv4 ones',
    ]);
  });

  it("drops a list only when it repeats sockets another list holds, and names that list", () => {
    const { sample, missing } = parsePlainInEnglish(bundleOf("netstat -W -neopa", "ss -4 -tan", "ss -peaonmi", "cat /proc/net/tcp6"));
    expect(sockets(sample)).toEqual(sockets(PROBE));
    expect(sample.socketSource).toBe("ss");
    expect(socketNotes(missing)).toEqual([
      'ignored section "### netstat -W -neopa": it lists the same IPv4 and IPv6 sockets as "### ss -peaonmi", taken at another moment',
      'ignored section "### ss -4 -tan": it lists the same IPv4 sockets as "### ss -peaonmi", taken at another moment',
      'ignored section "### cat /proc/net/tcp6": it lists the same IPv6 sockets as "### ss -peaonmi", taken at another moment',
    ]);
  });
});

describe("/proc/net/tcp and tcp6", () => {
  const proc = (file: string) => readFixture("probe", "host-6x", "proc", "net", file);

  it("captured files give what the probe sent when it read the same files (proc-fallback.txt)", () => {
    const probe = parseProbeBundle(readFixture("bundles", "proc-fallback.txt"));
    const { sample } = parsePlainInEnglish(`### cat /proc/net/tcp\n${proc("tcp")}### cat /proc/net/tcp6\n${proc("tcp6")}`);
    expect(probe.timeWait.total).toBeGreaterThan(0);
    expect(sockets(sample)).toEqual(sockets(probe));
    expect(parsePlainInEnglish(`### cat /proc/net/tcp /proc/net/tcp6\n${proc("tcp")}${proc("tcp6")}`).sample.timeWait).toEqual(
      probe.timeWait,
    );
  });

  it("reads state 06 as TIME_WAIT and the hex words in the host's byte order: little-endian unless uname -a names a big-endian machine", () => {
    const header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
    const listen = "   0: 0100000A:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0\n";
    const tw = "   1: 0100000A:0050 0200000A:9C40 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0\n";
    const client = "   2: 0100000A:C350 0500A8C0:01BB 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0\n";
    const little = parsePlainInEnglish(`### cat /proc/net/tcp\n${header}${listen}${tw}${client}`).sample;
    expect(little.listeningPorts).toEqual([80]);
    expect(little.timeWait).toMatchObject({ total: 2, server: 1, client: 1, byPeer: [{ peer: "192.168.0.5:443", count: 1 }] });
    const swap = (row: string) => row.replace(/([0-9A-F]{8}):/g, (_m, w: string) => `${w.match(/../g)!.reverse().join("")}:`);
    const big = parsePlainInEnglish(
      `### uname -a\nLinux z1 5.14.0-362.el9.s390x #1 SMP Wed Sep 6 2023 s390x s390x s390x GNU/Linux\n### cat /proc/net/tcp\n${header}${swap(listen)}${swap(tw)}${swap(client)}`,
    ).sample;
    expect(big.timeWait).toEqual(little.timeWait);
  });
});

describe("a section that cannot be used says why and how to fix it", () => {
  const tan = bundleOf("ss -tan").split("\n").slice(1).join("\n");
  it.each([
    ["ss -ta", "without -n, ports are printed as service names; run ss -tan"],
    ["netstat -ta", "without -n, ports are printed as service names; run netstat -tan"],
    ["ss -tn", "without -a, ss leaves out listening and TIME_WAIT sockets; run ss -tan"],
    ["ss -uan", "ss -u lists UDP sockets, not TCP ones (no -t); run ss -tan"],
    ["ss -s", "ss -s prints a summary, not the sockets; run ss -tan"],
    ["ss -tanr", "ss -r prints host and service names instead of addresses and ports; run ss -tan"],
    ["netstat -s", "netstat -s prints protocol statistics, not the sockets; run netstat -tan"],
    ["netstat -tanc", "netstat -c repeats the list every second, so sockets would be counted several times; run netstat -tan"],
    ["netstat -tan 1", 'netstat takes no argument "1" here; run netstat -tan'],
    ["ss -tan state sleeping", 'unknown ss state "sleeping"; ss(8) names the states'],
    ["ss -tanZ", "option -Z is not one twscope knows the output of; run ss -tan"],
    ["sysctl -N -a", "sysctl -N prints names without values; run sysctl -a"],
    ["cat /proc/net/tcp /proc/net/sockstat", "print them under a heading of their own (### cat /proc/net/tcp)"],
    ["cat /etc/sysctl.conf /etc/sysctl.d/10-tw.conf", "run head -n 1000 /etc/sysctl.conf /etc/sysctl.d/*.conf"],
    ["grep -l tw /etc/sysctl.conf", "this grep prints no whole lines; run grep -r . /etc/sysctl.conf /etc/sysctl.d"],
    ["df -h", "not a command twscope reads (twscope reads uname, hostname, sysctl, ss, netstat"],
  ])("%s", (heading, why) => {
    const { missing } = parsePlainInEnglish(`### uname -r\n6.1.0-18-amd64\n### ${heading}\n${tan}`);
    const note = missing.find((m) => m.startsWith(`ignored section "### ${heading}": `));
    expect(note).toContain(why);
  });

  it.each([
    ["uname -r", "Linux\n", "expected a kernel release such as 6.1.0-18-amd64 on the first line"],
    ["cat /proc/net/netstat", "IpExt: InNoRoutes\n", "expected the kernel's TCP:, TcpExt: or Tcp: lines"],
    ["sysctl kernel.pid_max", "kernel.pid_max = 1\n", "expected net.* name = value lines"],
  ])("a recognised %s holding nothing usable names what was expected", (heading, body, why) => {
    const { missing } = parsePlainInEnglish(`### uname -a\nLinux h 6.1.0 #1 SMP x86_64 GNU/Linux\n### ${heading}\n${body}`);
    expect(missing).toContain(`section "### ${heading}" has nothing twscope reads: ${why}`);
  });

  it("an empty section says the command printed nothing", () => {
    const { missing } = parsePlainInEnglish("### uname -r\n6.1.0\n### ss -tan\n\n");
    expect(missing).toContain(
      'section "### ss -tan" is empty: the command printed nothing (not installed, or run without the rights to read it?)',
    );
  });
});
