#!/bin/sh
# twscope probe: prints one bundle (format: docs/probe-bundle.md) describing this host's
# TCP TIME_WAIT situation. Read-only, needs no privileges, and never stops early: a problem
# becomes a "! ..." line in its section. Installed on a host, it can also be the forced
# command of a restricted key (README: "Least privilege on the hosts").
#
# Two ways to run it:
# - once (the default): prints one bundle and exits. The poller pipes the script to `sh -s`.
# - serving (`--serve` as an argument, or in SSH_ORIGINAL_COMMAND under a forced command):
#   prints "@@twscope-serve 1", then one bundle for each "@@twscope-poll" line it reads on
#   standard input, ignoring any other line, until its input ends or it has served
#   MAX_POLLS bundles or MAX_SECONDS have passed. A warm poll then costs no SSH session, and
#   no process on the host unless ss has to list its sockets: the same awk reads the files again.

P=${TWSCOPE_PROC:-/proc}
SS=${TWSCOPE_SS:-}
E=${TWSCOPE_ETC_ROOT:-}
MAX_POLLS=${TWSCOPE_SERVE_MAX_POLLS:-240}
MAX_SECONDS=${TWSCOPE_SERVE_MAX_SECONDS:-3600}
OWNERS_EVERY=${TWSCOPE_OWNERS_EVERY:-60}
OWNERS_SOON=${TWSCOPE_OWNERS_SOON:-10}
NSENTER=${TWSCOPE_NSENTER:-nsenter}
NETNS_MAX=${TWSCOPE_NETNS_MAX:-20}
command -v "$NSENTER" >/dev/null 2>&1 || NSENTER=""
LC_ALL=C
export LC_ALL

MODE=once
case " $* ${SSH_ORIGINAL_COMMAND:-} " in *" --serve "*) MODE=serve ;; esac

# The host may be busy and short of CPU: the whole probe is sh and one awk, and forks nothing
# else where sh builtins or awk can do the work (a serving probe asks awk its version, once).

# note TAG FILE: queues FILE for the awk below, marked readable (r), there but unreadable or
# not a file (d), or missing (m), so it can print "! denied" or "! missing" without a fork.
Q=""
note() {
  if [ -f "$2" ] && [ -r "$2" ]; then st=r; elif [ -e "$2" ]; then st=d; else st=m; fi
  Q="$Q$1 $st $2
"
}

# Sockets come from /proc/net/tcp and tcp6, read by the awk itself: the kernel prints a busy
# host's sockets there with less CPU than ss takes to print them, and no process starts. ss
# only where /proc/net/tcp cannot be read (or TWSCOPE_SS names an ss to use; TWSCOPE_SS=none
# forbids ss); should ss fail, the awk reads /proc after all.
if [ -z "$SS" ] && [ -r "$P/net/tcp" ]; then SRC=proc
elif [ "${SS:-ss}" != none ] && command -v "${SS:-ss}" >/dev/null 2>&1; then SRC=ss; SS=${SS:-ss}
else SRC=proc; SS=""; fi

note uptime "$P/uptime"
note hostname "$P/sys/kernel/hostname"
note kernel "$P/sys/kernel/osrelease"
note sockstat "$P/net/sockstat"
note sockstat6 "$P/net/sockstat6"
note TcpExt "$P/net/netstat"
note Tcp "$P/net/snmp"
note tcp "$P/net/tcp"
note tcp6 "$P/net/tcp6"
note meminfo "$P/meminfo"
note conntrack "$P/net/nf_conntrack"
note conntrackstat "$P/net/stat/nf_conntrack"
set -f
for name in net.ipv4.tcp_tw_reuse net.ipv4.tcp_tw_recycle net.ipv4.tcp_tw_reuse_delay \
  net.ipv4.tcp_timestamps net.ipv4.tcp_max_tw_buckets net.ipv4.ip_local_port_range \
  net.ipv4.tcp_fin_timeout net.core.somaxconn net.ipv4.tcp_max_syn_backlog \
  net.ipv4.tcp_syncookies net.netfilter.nf_conntrack_tcp_timeout_time_wait \
  net.netfilter.nf_conntrack_count net.netfilter.nf_conntrack_max net.ipv4.tcp_tw_timeout \
  net.ipv4.ip_local_reserved_ports; do
  IFS=.; set -- $name; IFS=/; f="$P/sys/$*"; unset IFS  # dots to slashes, without a fork
  note "sysctl:$name" "$f"
done
set +f

# Sysctl settings configured on disk, only the TIME_WAIT-related keys, so a runtime value that a
# reboot would lose (or a line the kernel no longer knows) can be reported.
denied=""
for f in "$E/etc/sysctl.conf" "$E"/etc/sysctl.d/*.conf "$E"/run/sysctl.d/*.conf \
  "$E"/usr/local/lib/sysctl.d/*.conf "$E"/usr/lib/sysctl.d/*.conf "$E"/lib/sysctl.d/*.conf; do
  [ -f "$f" ] || continue
  if [ -r "$f" ]; then note conf "$f"; else denied="$denied! denied $f
"; fi
done

# The user sshd logged in (it sets USER and LOGNAME); id only when neither is set.
user=${USER:-${LOGNAME:-}}
[ -n "$user" ] || user=$(id -un 2>/dev/null || id -u)

# The one awk: every section from the queued files (read with getline and closed, so a serving
# awk reads them afresh each time), and the sockets. Listeners are read first, so each TIME_WAIT
# socket is counted at once: per local address (server side: the local port is listening) or per
# peer as printed (client side), decided once per local address and written out at the end.
export TWSCOPE_Q="$Q" TWSCOPE_DENIED="$denied" TWSCOPE_USER="$user"
PROG='
BEGIN {
  n = split(ENVIRON["TWSCOPE_Q"], q, "\n")
  for (i = 1; i <= n; i++) {
    if (q[i] == "") continue
    sp1 = index(q[i], " "); tag[i] = substr(q[i], 1, sp1 - 1)
    first[i] = substr(q[i], sp1 + 1, 1); file[i] = substr(q[i], sp1 + 3)
    at[tag[i]] = i
  }
  OWNED = 10; CTMAX = 2000000; toplimit = 50; NSMAX = netnsmax + 0; NSGROUPS = 10
  nstates = split("ESTAB SYN-SENT SYN-RECV FIN-WAIT-1 FIN-WAIT-2 TIME-WAIT CLOSE CLOSE-WAIT LAST-ACK LISTEN CLOSING NEW-SYN-RECV", names, " ")
  for (x = 1; x <= nstates; x++) { known[names[x]] = 1; procstate[sprintf("%02X", x)] = names[x] }
  for (x = 0; x < 256; x++) { hx = sprintf("%02X", x); h2d[hx] = x; h2d[tolower(hx)] = x }
  if (ss != "") { sslisten = sscall("-tn state listening"); sscmd = sscall("-tan") }
  if (mode != "serve") { bundle(); exit }
  print "@@twscope-serve 1"; fflush()
  while ((getline req) > 0) {
    if (req != "@@twscope-poll") continue
    bundle(); fflush()
    if (!started) started = now
    if (++served >= maxpolls || now - started >= maxseconds) exit
  }
  exit
}

function bundle(   i, sys) {
  for (i = 1; i <= n; i++) st[i] = first[i]
  srand(); now = srand()
  sys = sysctls()
  sockets()
  say("@@twscope-probe 1")
  say("@@meta")
  if (now + 0 > 1000000000) say("time " now)
  else { "date +%s" | getline now; close("date +%s"); say("time " now) }
  if (slurp("uptime")) { sub(/[. ].*/, "", text); say("uptime " text) } else why("uptime")
  if (slurp("hostname")) host = text; else { "uname -n" | getline host; close("uname -n") }
  say("hostname " host)
  say("user " ENVIRON["TWSCOPE_USER"])
  say("source " source)
  put(sourcenote)
  memtotal()
  say("@@kernel")
  if (slurp("kernel")) say(text); else { "uname -r" | getline k; close("uname -r"); say(k) }
  say("@@sockstat"); whole("sockstat")
  say("@@sockstat6"); whole("sockstat6")
  say("@@netstat"); lines("TcpExt")
  say("@@snmp"); lines("Tcp")
  say("@@sysctl")
  put(sys)
  say("@@sysctl-conf")
  nconf = 0
  for (i = 1; i <= n; i++) if (tag[i] == "conf") conf(file[i])
  put(ENVIRON["TWSCOPE_DENIED"])
  socketsections()
  netns()
  say("@@conntrack")
  conntrack()
  say("@@end")
  printf "%s", out; out = ""
}

# The @@sysctl lines; sets rlo and rhi from ip_local_port_range (0 when unreadable), which the
# sockets need.
function sysctls(   i, name, sys) {
  rlo = rhi = 0
  split("", hostsys)
  for (i = 1; i <= n; i++) {
    if (index(tag[i], "sysctl:") != 1) continue
    name = substr(tag[i], 8)
    if (st[i] == "r" && slurp(tag[i], 1, i)) {
      sys = sys name " = " text "\n"; hostsys[name] = text
      if (name == "net.ipv4.ip_local_port_range") { split(text, range, " "); rlo = range[1] + 0; rhi = range[2] + 0 }
    }
    else if (st[i] == "m") sys = sys "! missing " name "\n"
    else sys = sys "! denied " name "\n"
  }
  return sys
}

# The bundle is gathered and written at once: a serving mawk writes each print straight out.
function say(s) { out = out s "\n" }
function put(s) { out = out s }

# slurp(TAG, JOIN, I): the whole file of TAG (or of entry I) into text, lines joined by
# newlines, or by single spaces with every run of blanks squeezed (as sysctl prints values)
# when JOIN is set.
function slurp(t, join, i,   line, r, got) {
  if (!i) i = at[t]
  text = ""
  if (st[i] != "r") return 0
  while ((r = (getline line < file[i])) > 0) {
    if (join) { gsub(/[ \t]+/, " ", line); text = text (got && text != "" ? " " : "") line }
    else text = text (got ? "\n" : "") line
    got = 1
  }
  close(file[i])
  if (r < 0 && !got) { st[i] = "d"; return 0 }
  if (join) { sub(/^ /, "", text); sub(/ $/, "", text) }
  return 1
}
function why(t,   i) {
  i = at[t]
  say((st[i] == "m" ? "! missing " : "! denied ") file[i])
}
# "mem-total-kb N" from the MemTotal line of /proc/meminfo: the kernel sizes tcp_max_tw_buckets by memory.
function memtotal(   i, line, f) {
  i = at["meminfo"]
  if (st[i] != "r") { why("meminfo"); return }
  while ((getline line < file[i]) > 0) if (line ~ /^MemTotal:/) { split(line, f, " "); say("mem-total-kb " f[2]); break }
  close(file[i])
}
function whole(t) { if (slurp(t)) say(text); else why(t) }
function lines(t,   i, line, r, found) {
  i = at[t]
  if (st[i] != "r") { why(t); return }
  while ((r = (getline line < file[i])) > 0) if (index(line, t ":") == 1) { say(line); found = 1 }
  close(file[i])
  if (r < 0 && !found) { st[i] = "d"; why(t); return }
  if (!found) say("! no " t " lines in " file[i])
}

# The TIME_WAIT-related lines of one sysctl configuration file, at most 100 in all, as
# "FILE:LINE: key = value".
function conf(f,   line, i, k, v, shown, no) {
  while ((getline line < f) > 0) {
    no++
    sub(/^[ \t]*-?[ \t]*/, "", line)
    if (line !~ /^net\.(ipv4\.(tcp_tw_|tcp_timestamps|tcp_max_tw_buckets|ip_local_port_range|tcp_fin_timeout)|netfilter\.nf_conntrack_(max|tcp_timeout_time_wait)|core\.somaxconn)/) continue
    i = index(line, "="); if (i == 0 || nconf >= 100) continue
    k = substr(line, 1, i - 1); v = substr(line, i + 1)
    gsub(/[ \t]+$/, "", k); gsub(/^[ \t]+|[ \t]+$/, "", v); gsub(/[ \t]+/, " ", v)
    shown = f; if (strip != "" && index(shown, strip) == 1) shown = substr(shown, length(strip) + 1)
    say(shown ":" no ": " k " = " v); nconf++
  }
  close(f)
}

# Fills count (by state), listening (by port), srv (TIME_WAIT per server-side port), cli (per
# peer group) and tw; source says where they came from, sourcenote why not from ss.
function sockets() {
  source = src; sourcenote = ""
  if (src == "ss" && !fromss()) { source = "proc"; sourcenote = ssfailed "\n" }
  if (source == "proc") fromproc()
  settle()
}

function sscall(args) { return "\047" ss "\047 " args " 2>/dev/null </dev/null || echo \"! " ss " " args " failed with status $?\"" }

# Listeners first (`ss -tan` lists IPv6 listeners after IPv4 TIME_WAIT sockets, dual-stack ones
# included), then every socket. A listener seen only in the second list, on a port already
# counted as client side, makes it read again.
function fromss(   pass, got) {
  viaproc = 0
  split("", listening)
  while ((got = (sslisten | getline)) > 0) {
    if ($1 == "!") break
    # One state asked for: ss leaves its column out.
    if ($1 ~ /^[0-9]+$/ && NF > 2) listening[portof($3)] = 1
    else if ($1 == "LISTEN" && NF > 3) listening[portof($4)] = 1
  }
  close(sslisten)
  if (got > 0) { ssfailed = $0; return 0 }
  for (pass = 1; pass <= 2; pass++) {
    clear()
    while ((sscmd | getline) > 0) {
      if ($1 == "!") { ssfailed = $0; close(sscmd); return 0 }
      ssrow()
    }
    close(sscmd)
    if (!late) return 1
  }
  return 1
}

# /proc/net/tcp and tcp6. The kernel lists the listeners of each file first; those of tcp6 are read
# before tcp (its TIME_WAIT sockets may be on dual-stack ports). Rows out of that order
# (a hand-made file) make it read both again, every listener known.
function fromproc(   pass) {
  if (!elfread) {
    # /proc/net/tcp prints addresses in host byte order: the sixth byte of an ELF file (the awk
    # binary itself) is 1 on a little-endian machine and 2 on a big-endian one.
    getline head < elf; close(elf); bigendian = substr(head, 6, 1) == "\002"; elfread = 1
  }
  viaproc = 1
  split("", listening)
  prelisten("tcp6")
  for (pass = 1; pass <= 2; pass++) {
    clear()
    proctable("tcp"); proctable("tcp6")
    if (!late) return
  }
}

function clear() {
  split("", count); split("", srvat); split("", cliat); split("", clientport); split("", srvby); split("", cli)
  split("", lsock); split("", nlsock); split("", luid); split("", hsock); split("", nheld); split("", huid)
  tw = 0; late = 0; notes = ""; part = ""
  if (naddr > 100000) { split("", addrof); naddr = 0 }
}

# The listeners at the head of a /proc table (request sockets, state 03, follow their listener
# on old kernels); stops reading at the first other row.
function prelisten(t,   i) {
  i = at[t]
  if (st[i] != "r") return
  getline < file[i]
  while ((getline < file[i]) > 0) {
    if ($4 == "0A") listening[hexport($2)] = 1
    else if ($4 != "03") break
  }
  close(file[i])
}

# "sl: local remote state ...", addresses in hex.
function proctable(t,   i, r, s, p) {
  i = at[t]
  if (st[i] != "r") { notes = notes (st[i] == "m" ? "! missing " : "! denied ") file[i] "\n"; return }
  while ((r = (getline < file[i])) > 0) {
    # timewait() inline: a function call per socket costs more than the rest of the loop.
    if ($4 == "06") {
      tw++
      if ($2 in cliat) cli[$3]++
      else if ($2 in srvat) srvby[$2]++
      else side($2, $3)
      continue
    }
    if ($1 !~ /^[0-9]+:$/) continue
    s = ($4 in procstate) ? procstate[$4] : "UNKNOWN"
    count[s]++
    # The sockets a process holds, for owners(): listeners by port, connections opening or open by peer.
    if (s == "LISTEN") { p = hexport($2); listen(p); if (nlsock[p]++ < 4) lsock[p] = lsock[p] " " $10; luid[p] = $8 }
    else if (s == "ESTAB" || s == "SYN-SENT") { if (nheld[$3]++ < 4) hsock[$3] = hsock[$3] " " $10; huid[$3] = $8 }
  }
  close(file[i])
  if (r < 0) notes = notes "! denied " file[i] "\n"
}

# ss: "STATE Recv-Q Send-Q Local Peer". ss 4.15 to 5.5 writing to a pipe breaks rows wider
# than 80 columns over several lines: join them back.
function ssrow(   s) {
  if (part != "") { $0 = part " " $0; part = "" }
  # Header lines and anything else that is not a socket.
  if ($1 !~ /^[A-Z][A-Z0-9-]*$/) return
  if (NF < 5) { part = $0; return }
  if ($1 == "TIME-WAIT") { timewait($4, $5); return }
  s = $1 == "UNCONN" ? "CLOSE" : ($1 in known) ? $1 : "UNKNOWN"
  count[s]++
  if (s == "LISTEN") listen(portof($4))
}

# A TIME_WAIT socket: counted on the side its local address l was given when first seen.
function timewait(l, r) {
  tw++
  if (l in cliat) cli[r]++
  else if (l in srvat) srvby[l]++
  else side(l, r)
}

function listen(port) {
  listening[port] = 1
  if (port in clientport) late = 1
}

# The first TIME_WAIT socket on local address l (peer r): its side holds for every later one. Server
# side if its port listens, or lies outside ip_local_port_range (closed locally on a fixed port:
# a listener that stopped, or an explicit bind; marked "not-listening"); else client side.
function side(l, r,   port) {
  port = viaproc ? hexport(l) : portof(l)
  if (port in listening || (rhi && (port + 0 < rlo || port + 0 > rhi))) { srvat[l] = port; srvby[l]++; return }
  cliat[l] = 1; clientport[port] = 1; cli[r]++
}

# Adds the server side up per port, and turns peers into groups: /proc ones decoded, ss ones
# with a scope, a ::ffff: address or an IPv6 address out of brackets (old ss) rewritten and
# merged; the others ss already writes as the bundle does.
function settle(   l, p, k, odd, nodd, i) {
  split("", srv); split("", fixed)
  nsrv = nfixed = 0
  for (l in srvby) {
    p = srvat[l]; srv[p] += srvby[l]; nsrv += srvby[l]
    if (!(p in listening)) { fixed[p] = 1; nfixed += srvby[l] }
  }
  ncli = tw - nsrv
  split("", peers)
  split("", rawof)
  if (viaproc) { for (k in cli) { p = procpeer(k); peers[p] += cli[k]; rawof[p] = rawof[p] " " k }; return }
  nodd = 0
  for (k in cli) if (k ~ /%|^\[::ffff:|^[^[].*:.*:/) odd[++nodd] = k; else peers[k] = cli[k]
  for (i = 1; i <= nodd; i++) peers[sspeer(odd[i])] += cli[odd[i]]
}

function socketsections(   x, ports, groups) {
  if (tw) count["TIME-WAIT"] = tw
  say("@@states")
  put(notes)
  for (x = 1; x <= nstates; x++) if (names[x] in count) say(names[x] " " count[names[x]])
  if ("UNKNOWN" in count) say("UNKNOWN " count["UNKNOWN"])
  say("@@listen")
  lowest(listening, 200)
  say("@@tw-server")
  ports = top(srv, 1, fixed)
  nsport = firsts(sport)
  say("@@tw-client")
  groups = top(peers, 0)
  nspeer = firsts(speer)
  say("@@tw-totals")
  say("total " tw + 0)
  say("server " nsrv + 0)
  say("client " ncli + 0)
  say("server-ports " ports)
  say("client-peers " groups)
  say("server-not-listening " nfixed + 0)
  say("@@owners")
  if (viaproc) owners(); else say("! owners need /proc/net/tcp: the sockets were read with ss")
}

# The first OWNED keys top() printed, into arr; returns how many.
function firsts(arr,   i) {
  split("", arr)
  for (i = 1; i <= topn && i <= OWNED; i++) arr[i] = topk[i]
  return i - 1
}

# The processes behind the largest TIME_WAIT groups. A TIME_WAIT socket has no process: the
# server side is the process listening on its port, the client side the processes holding
# connections to its destination now. Sockets are matched by inode against the open files of every
# process (one ls); an account sees only the files of its own processes, and counts the others.
# That costs about 10 us of CPU per open file on the host, so a serving probe looks once a minute
# (sooner, but not within 10 s, for a group with sockets open that the last look did not name)
# and repeats what it found, with the time it looked, for the groups still on top.
function owners(   i, j, k, g, a, raw, n2, late) {
  wanted()
  # Late: a group the last look did not cover, or one whose sockets it found held by no process
  # (closed between the read and the look) while it saw every process.
  for (k in want) if (index(k, "k" SUBSEP) == 1 && (!(substr(k, 3) in npids) || (npids[substr(k, 3)] == 0 && hidden == 0))) late = 1
  if (mode != "serve" || !scanned || now - scanned >= ownersevery + 0 || (late && now - scanned >= ownerssoon + 0)) lookup()
  say("hidden " (scanned ? hidden : "?"))
  if (scanned) say("at " scanned)
  for (i = 1; i <= nsport; i++) {
    if (!(sport[i] in lsock)) continue
    k = "port " sport[i]
    say(k " uid " luid[sport[i]] " listeners " nlsock[sport[i]] " processes " found(k)); seenuid(luid[sport[i]])
  }
  for (i = 1; i <= nspeer; i++) {
    k = "peer " speer[i]; n2 = 0; g = ""
    for (j = split(rawof[speer[i]], raw, " "); j > 0; j--) if (raw[j] in nheld) { n2 += nheld[raw[j]]; g = huid[raw[j]] }
    say(k (g == "" ? "" : " uid " g) " sockets " n2 " processes " found(k)); if (g != "") seenuid(g)
  }
  usernames()
}

# How many processes the last look found for subject k ("?" when it was not looked for then),
# then on lines of their own the "process SUBJECT PID UID COMMAND" of the first three.
function found(k,   a, j) {
  if (!(k in npids)) return "?"
  for (j = split(puids[k], a, " "); j > 0; j--) seenuid(a[j])
  return npids[k] (plines[k] == "" ? "" : "\n" substr(plines[k], 1, length(plines[k]) - 1))
}

# want: the inodes of the sockets of the current groups, each to its group, and "k" SUBSEP group
# for each group with at least one; nwant counts the inodes.
function wanted(   i, j, k, g, a, raw) {
  split("", want); nwant = 0
  for (i = 1; i <= nsport; i++) {
    k = "port " sport[i]
    if (!(sport[i] in lsock)) continue
    for (j = split(lsock[sport[i]], a, " "); j > 0; j--) if (a[j] != "0") { want[a[j]] = k; want["k", k] = 1; nwant++ }
  }
  for (i = 1; i <= nspeer; i++) {
    k = "peer " speer[i]
    for (g = split(rawof[speer[i]], raw, " "); g > 0; g--)
      for (j = split(hsock[raw[g]], a, " "); j > 0; j--) if (a[j] != "0") { want[a[j]] = k; want["k", k] = 1; nwant++ }
  }
}

# Reads the open files of every process once, for the wanted inodes.
function lookup(   i, j, k, cmd, line, pid, ino, pids, hid) {
  if (!nwant) return
  split("", npids); split("", plines); split("", puids); split("", ownerpid)
  hidden = 0
  cmd = "ls -l \047" proc "\047/[0-9]*/fd 2>&1"
  while ((cmd | getline line) > 0) {
    if (line ~ /ermission denied/) {
      # "cannot open directory PROC/PID/fd" or "cannot read symbolic link PROC/PID/fd/N": one process hidden.
      i = index(line, proc "/"); if (!i) continue
      pid = substr(line, i + length(proc) + 1); sub(/[^0-9].*/, "", pid)
      if (!(pid in hid)) { hid[pid] = 1; hidden++ }
      continue
    }
    if ((ino = fdline(line)) == "" || !(ino in want)) continue
    pid = fdpid; k = want[ino]
    if ((k SUBSEP pid) in pids) continue
    pids[k, pid] = 1
    if (++npids[k] <= 3) ownerpid[k, npids[k]] = pid
  }
  close(cmd)
  scanned = now
  # Every group looked for is known now, with no process found or with the first three named.
  for (k in want) {
    if (index(k, "k" SUBSEP) != 1) continue
    k = substr(k, 3)
    npids[k] += 0
    for (j = 1; j <= npids[k] && j <= 3; j++) {
      pid = ownerpid[k, j]; procinfo(pid)
      if (pwho != "?") puids[k] = puids[k] " " pwho
      plines[k] = plines[k] "process " k " " pid " " pwho " " pcomm "\n"
    }
  }
}

function seenuid(u) { if (!(u in uids)) { uids[u] = 1; nuids++ } }

# "user UID NAME" for each uid named in @@owners, from the passwd file, in its order.
function usernames(   line, f) {
  if (nuids) {
    while ((getline line < passwd) > 0) {
      split(line, f, ":")
      if (f[3] in uids) { say("user " f[3] " " f[1]); delete uids[f[3]] }
    }
    close(passwd)
  }
  split("", uids); nuids = 0
}

# The other network namespaces of the host (containers, pods), told apart by the inode of
# PROC/PID/ns/net (one ls; only root reads the link of every process), ranked by the TIME_WAIT
# count of their sockstat; the NSMAX largest are aggregated as the host is, from the socket
# tables of one of their processes, with their sysctls read inside them (nsenter and grep, once
# a minute for a serving probe) and what names them: hostname, cgroup, the command of a process.
function netns(   cmd, line, i, pid, ns, self, hidden, hid, pids, size, low, nns, sum, shown, o, rank, r) {
  say("@@netns")
  cmd = "ls -l \047" proc "\047/self/ns/net \047" proc "\047/[0-9]*/ns/net 2>&1"
  while ((cmd | getline line) > 0) {
    i = index(line, proc "/"); if (!i) continue
    pid = substr(line, i + length(proc) + 1); sub(/\/.*/, "", pid)
    if (line ~ /ermission denied/) { if (!(pid in hid)) { hid[pid] = 1; hidden++ }; continue }
    i = index(line, "net:["); if (!i) continue
    ns = substr(line, i + 5); sub(/\].*/, "", ns)
    if (pid == "self") { self = ns; continue }
    if (size[ns]++ < 64) pids[ns] = pids[ns] " " pid
    if (!(ns in low) || pid + 0 < low[ns] + 0) low[ns] = pid
  }
  close(cmd)
  if (self == "") { say("! namespaces: cannot read " proc "/self/ns/net"); return }
  say("self " self)
  say("hidden " hidden + 0)
  split("", nstw)
  for (ns in low) if (ns != self) { nns++; nstw[ns] = sockstattw(low[ns]) }
  o = out; toplimit = NSMAX; top(nstw, 1); out = o; toplimit = 50
  for (r = 1; r <= topn; r++) rank[r] = topk[r]
  shown = topn
  for (ns in nstw) sum += nstw[ns]
  split("", nsw); split("", nsock); nsg = 0; nsmembers = ""
  for (r = 1; r <= shown; r++) { ns = rank[r]; sum -= nstw[ns]; namespace(ns, low[ns], size[ns], pids[ns]) }
  nsowners()
  say("namespaces " nns + 0 " shown " shown + 0 " others-tw " sum + 0)
  usernames()
}

# The TIME_WAIT count of the namespace of process pid, from its sockstat ("TCP: ... tw N ...").
function sockstattw(pid,   f, line, a, j, tw) {
  f = proc "/" pid "/net/sockstat"; tw = 0
  while ((getline line < f) > 0) if (line ~ /^TCP:/) { for (j = split(line, a, " "); j > 1; j--) if (a[j - 1] == "tw") tw = a[j] }
  close(f)
  return tw + 0
}

# One namespace: "ns INODE ..." lines, its sockets aggregated as those of the host are.
function namespace(ns, pid, procs, members,   p, f, line, x, ports, groups, t4, t6, f4, f6, s4, s6) {
  p = "ns " ns " "
  say(p "pid " pid " processes " procs " tw " nstw[ns])
  f = proc "/" pid "/comm"
  if ((getline line < f) > 0) say(p "comm " line)
  close(f)
  f = proc "/" pid "/cgroup"
  while ((getline line < f) > 0) { sub(/^[^:]*:[^:]*:/, "", line); if (line != "/" && length(line) > length(x)) x = line }
  close(f)
  if (x != "") say(p "cgroup " x)
  nssysctls(ns, pid, p)
  # The host aggregation, reading the tables of this namespace through one of its processes.
  t4 = at["tcp"]; t6 = at["tcp6"]; f4 = file[t4]; f6 = file[t6]; s4 = st[t4]; s6 = st[t6]
  file[t4] = proc "/" pid "/net/tcp"; file[t6] = proc "/" pid "/net/tcp6"; st[t4] = st[t6] = "r"
  fromproc(); settle()
  file[t4] = f4; file[t6] = f6; st[t4] = s4; st[t6] = s6
  for (x = 1; x <= nstates; x++) if (names[x] in count) say(p "state " names[x] " " count[names[x]])
  if (tw) say(p "state TIME-WAIT " tw)
  toplimit = NSGROUPS
  prefix = p "server "; ports = top(srv, 1, fixed); nsport = firsts(sport)
  prefix = p "client "; groups = top(peers, 0); nspeer = firsts(speer)
  prefix = ""; toplimit = 50
  # The sockets of its largest groups, looked up for all namespaces at once by nsowners().
  wanted(); nsmembers = nsmembers members
  for (x in want) if (index(x, "k" SUBSEP) != 1) { nsw[x] = p want[x]; nsock[p want[x]]++ }
  for (x = 1; x <= nsport; x++) if (sport[x] in lsock) { nsgp[++nsg] = p; nsgk[nsg] = "port " sport[x] }
  for (x = 1; x <= nspeer; x++) { nsgp[++nsg] = p; nsgk[nsg] = "peer " speer[x] }
  say(p "totals total " tw + 0 " server " nsrv + 0 " client " ncli + 0 " server-ports " ports " client-peers " groups " server-not-listening " nfixed + 0)
}

# The processes behind the largest groups of every namespace shown, matched in the fd directories
# of their own processes (the first 64 of each) with one ls, as owners() does for the host:
# "ns INODE owner port|peer KEY sockets N processes M", then "ns INODE process ..." lines.
function nsowners(   cmd, line, pid, i, j, ino, key, a, seen, cnt, first, m) {
  m = split(nsmembers, a, " ")
  if (m) {
    cmd = "ls -l"
    for (j = m; j > 0; j--) cmd = cmd " \047" proc "/" a[j] "/fd\047"
    # ls names each directory before its list only when given several: a lone one goes twice.
    if (m == 1) cmd = cmd " \047" proc "/" a[1] "/fd\047"
    cmd = cmd " 2>/dev/null"
    while ((cmd | getline line) > 0) {
      if ((ino = fdline(line)) == "" || !(ino in nsw) || ((nsw[ino], fdpid) in seen)) continue
      pid = fdpid; key = nsw[ino]; seen[key, pid] = 1
      if (++cnt[key] <= 3) first[key, cnt[key]] = pid
    }
    close(cmd)
  }
  for (i = 1; i <= nsg; i++) nsowner(nsgp[i], nsgk[i], nsock, cnt, first)
}
function nsowner(p, k, nsock, cnt, first,   j, pid) {
  say(p "owner " k " sockets " nsock[p k] + 0 " processes " cnt[p k] + 0)
  for (j = 1; j <= cnt[p k] && j <= 3; j++) {
    pid = first[p k, j]; procinfo(pid)
    if (pwho != "?") seenuid(pwho)
    say(p "process " k " " pid " " pwho " " pcomm)
  }
}

# One line of `ls -l PROC/PID/fd …`: the inode of a socket it links to ("" for any other line),
# and in fdpid the process whose directory it is (from the "PROC/PID/fd:" line ls writes before each).
function fdline(line,   i, ino) {
  if (line ~ /:$/ && index(line, proc "/") == 1) { fdpid = substr(line, length(proc) + 2); sub(/\/.*/, "", fdpid); return "" }
  if (!(i = index(line, "socket:["))) return ""
  ino = substr(line, i + 8); sub(/\].*/, "", ino)
  return ino
}

# pcomm and pwho: the command (PROC/PID/comm) and real uid (the Uid: line of its status) of process pid, "?" when unreadable.
function procinfo(pid,   f, line, a) {
  pcomm = pwho = "?"
  f = proc "/" pid "/comm"
  if ((getline line < f) > 0) pcomm = line
  close(f)
  f = proc "/" pid "/status"
  while ((getline line < f) > 0) if (line ~ /^Uid:/) { split(line, a, /[ \t]+/); pwho = a[2]; break }
  close(f)
}

# "ns INODE hostname NAME", "ns INODE sysctls read, …" and "ns INODE sysctl NAME = VALUE" for
# each sysctl whose value differs from that of the host, read inside the namespace
# (its UTS hostname is the name of a pod); sets rlo and rhi from its ip_local_port_range. Kept a
# minute by a serving probe.
function nssysctls(ns, pid, p,   cmd, line, i, m, name, value, kept) {
  if (nsenter == "") { say(p "! sysctls need nsenter"); rlo = rhi = 0; return }
  if (!(ns in nssys) || mode != "serve" || now - nssysat[ns] >= ownersevery + 0) {
    if (nsfiles == "") for (i = 1; i <= n; i++) if (index(tag[i], "sysctl:") == 1) { name = substr(tag[i], 8); gsub(/\./, "/", name); nsfiles = nsfiles " \047" proc "/sys/" name "\047" }
    cmd = "\047" nsenter "\047 -t " pid " -n -u grep -H . \047" proc "/sys/kernel/hostname\047" nsfiles " 2>/dev/null </dev/null"
    nssys[ns] = "sysctls read, those unlike the host below\n"; nssysat[ns] = now
    while ((cmd | getline line) > 0) {
      i = index(line, proc "/sys/"); if (i != 1) continue
      line = substr(line, length(proc) + 6); i = index(line, ":")
      name = substr(line, 1, i - 1); value = substr(line, i + 1); gsub(/\//, ".", name); gsub(/[ \t]+/, " ", value)
      nsval[ns, name] = value
      if (name == "kernel.hostname") nssys[ns] = nssys[ns] "hostname " value "\n"
      else if (!(name in hostsys) || hostsys[name] != value) nssys[ns] = nssys[ns] "sysctl " name " = " value "\n"
    }
    close(cmd)
  }
  m = split(nssys[ns], kept, "\n")
  for (i = 1; i <= m; i++) if (kept[i] != "") say(p kept[i])
  rlo = rhi = 0
  if ((ns, "net.ipv4.ip_local_port_range") in nsval) { split(nsval[ns, "net.ipv4.ip_local_port_range"], range, " "); rlo = range[1] + 0; rhi = range[2] + 0 }
}

# The conntrack table: its failure counters summed over the CPUs (PROC/net/stat/nf_conntrack, hex,
# readable by any account: insert_failed and drop rise when NAT runs out of source ports or the
# table is full), and its entries by TCP state (PROC/net/nf_conntrack, root only; at most
# CTMAX lines; a serving probe reads it once a minute and repeats that count with its time).
function conntrack(   i, line, f, cols, m, j, sum, nl, tcp, tws, r) {
  i = at["conntrackstat"]
  if (st[i] == "r") {
    while ((r = (getline line < file[i])) > 0) {
      m = split(line, f, " ")
      if (f[1] == "entries") { for (j = 1; j <= m; j++) cols[j] = f[j]; continue }
      for (j = 1; j <= m; j++) if (cols[j] == "insert_failed" || cols[j] == "drop" || cols[j] == "early_drop") sum[cols[j]] += hex(f[j])
    }
    close(file[i])
    if ("insert_failed" in sum) say("stat insert_failed " sum["insert_failed"] " drop " sum["drop"] + 0 " early_drop " sum["early_drop"] + 0)
  } else why("conntrackstat")
  i = at["conntrack"]
  if (st[i] != "r") { why("conntrack"); return }
  if (mode != "serve" || !ctat || now - ctat >= ownersevery + 0) {
    nl = tcp = tws = 0
    while ((r = (getline line < file[i])) > 0) {
      if (++nl > CTMAX) { nl--; cttrunc = 1; break }
      split(line, f, " ")
      if (f[3] == "tcp") { tcp++; if (f[6] == "TIME_WAIT") tws++ }
    }
    close(file[i])
    if (r < 0 && !nl) { st[i] = "d"; why("conntrack"); return }
    ctline = "entries " nl " tcp " tcp " time-wait " tws; ctat = now
  }
  say(ctline)
  say("at " ctat)
  if (cttrunc) say("! stopped reading after " CTMAX " entries")
}
function hex(h,   v, k) { v = 0; for (k = 1; k <= length(h); k++) v = v * 16 + h2d["0" toupper(substr(h, k, 1))]; return v }

# The port of "1.2.3.4:80", "[::1]:80", ":::80" or "*:80"; of a /proc "0100007F:0050" (hex).
function portof(a) { return substr(a, match(a, /:[^:]*$/) + 1) }
function hexport(a) { return h2d[substr(a, length(a) - 3, 2)] * 256 + h2d[substr(a, length(a) - 1, 2)] }

# "1.2.3.4:80", "[::1]:80", "::ffff:1.2.3.4:80" (old ss), "[fe80::1%eth0]:22" -> group key.
function sspeer(s,   a, colon) {
  colon = match(s, /:[^:]*$/)
  a = substr(s, 1, colon - 1)
  if (!(a in addrof)) { addrof[a] = ssaddr(a); naddr++ }
  return addrof[a] substr(s, colon)
}
function ssaddr(a) {
  gsub(/[][]/, "", a)
  sub(/%.*/, "", a)
  return address(a)
}

# "0100007F:1F90" or 32 hex digits ":port": the address is printed as 32-bit words in host
# byte order, the port as a number.
function procpeer(s,   a) {
  a = substr(s, 1, length(s) - 5)
  if (!(a in addrof)) { addrof[a] = procaddr(a); naddr++ }
  return addrof[a] ":" hexport(s)
}
function procaddr(h,   i, w, g) {
  if (length(h) == 8) {
    w = net32(h)
    return h2d[substr(w, 1, 2)] "." h2d[substr(w, 3, 2)] "." h2d[substr(w, 5, 2)] "." h2d[substr(w, 7, 2)]
  }
  for (i = 0; i < 4; i++) {
    w = net32(substr(h, i * 8 + 1, 8))
    g[i * 2] = h2d[substr(w, 1, 2)] * 256 + h2d[substr(w, 3, 2)]
    g[i * 2 + 1] = h2d[substr(w, 5, 2)] * 256 + h2d[substr(w, 7, 2)]
  }
  return address(v6(g))
}

function net32(w) {
  return bigendian ? w : substr(w, 7, 2) substr(w, 5, 2) substr(w, 3, 2) substr(w, 1, 2)
}

# Eight 16-bit groups -> RFC 5952 text, as inet_ntop (and so ss) writes it.
function v6(g,   i, best, bestlen, run, s) {
  if (g[0] + g[1] + g[2] + g[3] + g[4] == 0 && g[5] == 65535)
    return "::ffff:" int(g[6] / 256) "." g[6] % 256 "." int(g[7] / 256) "." g[7] % 256
  best = -1; bestlen = 1; run = 0
  for (i = 0; i < 8; i++) {
    run = g[i] == 0 ? run + 1 : 0
    if (run > bestlen) { bestlen = run; best = i - run + 1 }
  }
  s = ""
  for (i = 0; i < 8; i++) {
    if (i == best) { s = s "::"; i += bestlen - 1; continue }
    s = s (s == "" || s ~ /:$/ ? "" : ":") sprintf("%x", g[i])
  }
  return s
}

# An address as a group key writes it: IPv6 in brackets, ::ffff:-mapped IPv4 as IPv4.
function address(a) {
  if (!index(a, ":")) return a
  if (a ~ /^::ffff:[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/) return substr(a, 8)
  return "[" a "]"
}

# Prints the `limit` lowest numeric keys of arr, ascending.
function lowest(arr, limit,   k, i, m) {
  m = 0
  for (k in arr) {
    k += 0
    if (m == limit && k >= low[m]) continue
    if (m < limit) m++
    for (i = m; i > 1 && k < low[i - 1]; i--) low[i] = low[i - 1]
    low[i] = k
  }
  for (i = 1; i <= m; i++) say(low[i])
}

# Prints the toplimit (50) largest groups of arr, each after prefix, by count descending then key ascending (numerically if
# numeric is set), a key in mark followed by " not-listening", and returns how many groups there were.
function top(arr, numeric, mark,   k, i, m, groups) {
  m = 0
  for (k in arr) {
    groups++
    if (m == toplimit && (arr[k] < topc[m] || !before(k, arr[k], topk[m], topc[m], numeric))) continue
    if (m < toplimit) m++
    for (i = m; i > 1 && before(k, arr[k], topk[i - 1], topc[i - 1], numeric); i--) {
      topk[i] = topk[i - 1]; topc[i] = topc[i - 1]
    }
    topk[i] = k; topc[i] = arr[k]
  }
  topn = m
  for (i = 1; i <= m; i++) say(prefix topk[i] " " topc[i] (topk[i] in mark ? " not-listening" : ""))
  return groups + 0
}

function before(k, c, k2, c2, numeric) {
  if (c != c2) return c > c2
  return numeric ? k + 0 < k2 + 0 : k < k2
}
'

# Last in the script: a serving awk takes over standard input, and `sh -s` must not read on.
if [ "$MODE" = serve ]; then
  # mawk reads a pipe a whole buffer at a time, and so would wait for polls, unless interactive.
  case $(awk -W version 2>&1 </dev/null) in mawk*) set -- -W interactive ;; *) set -- ;; esac
  exec awk "$@" -v mode=serve -v src="$SRC" -v ss="$SS" -v strip="$E" -v proc="$P" -v passwd="$E/etc/passwd" -v elf="${TWSCOPE_ELF:-/proc/self/exe}" \
    -v maxpolls="$MAX_POLLS" -v maxseconds="$MAX_SECONDS" -v ownersevery="$OWNERS_EVERY" -v ownerssoon="$OWNERS_SOON" -v nsenter="$NSENTER" -v netnsmax="$NETNS_MAX" "$PROG"
fi
exec awk -v mode=once -v src="$SRC" -v ss="$SS" -v strip="$E" -v proc="$P" -v passwd="$E/etc/passwd" -v elf="${TWSCOPE_ELF:-/proc/self/exe}" \
  -v nsenter="$NSENTER" -v netnsmax="$NETNS_MAX" "$PROG" </dev/null
