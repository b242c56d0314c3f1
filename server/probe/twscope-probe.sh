#!/bin/sh
# twscope probe: prints one bundle (format: docs/probe-bundle.md) describing this host's
# TCP TIME_WAIT situation. Read-only, needs no privileges, and never stops early: a problem
# becomes a "! ..." line in its section. The poller pipes it to `sh -s`, so nothing in here
# may read standard input. Installed on a host, it can also be the forced command of a
# restricted key (README: "Least privilege on the hosts").

P=${TWSCOPE_PROC:-/proc}
SS=${TWSCOPE_SS:-ss}
E=${TWSCOPE_ETC_ROOT:-}
LC_ALL=C
export LC_ALL

# The host may be busy and short of CPU: the whole probe runs sh, one ss and two awk, and
# forks nothing else (no cat, no command substitution) where sh builtins can do the work.

# note TAG FILE: queues FILE for the reading awk below, marked readable (r), there but
# unreadable or not a file (d), or missing (m), so it can print "! denied" or "! missing"
# without a fork.
Q=""
note() {
  if [ -f "$2" ] && [ -r "$2" ]; then st=r; elif [ -e "$2" ]; then st=d; else st=m; fi
  Q="$Q$1 $st $2
"
}

if [ "$SS" != none ] && command -v "$SS" >/dev/null 2>&1; then SRC=ss; else SRC=proc; fi

note uptime "$P/uptime"
note hostname "$P/sys/kernel/hostname"
note kernel "$P/sys/kernel/osrelease"
note sockstat "$P/net/sockstat"
note sockstat6 "$P/net/sockstat6"
note TcpExt "$P/net/netstat"
note Tcp "$P/net/snmp"
set -f
for name in net.ipv4.tcp_tw_reuse net.ipv4.tcp_tw_recycle net.ipv4.tcp_tw_reuse_delay \
  net.ipv4.tcp_timestamps net.ipv4.tcp_max_tw_buckets net.ipv4.ip_local_port_range \
  net.ipv4.tcp_fin_timeout net.core.somaxconn net.ipv4.tcp_max_syn_backlog \
  net.ipv4.tcp_syncookies net.netfilter.nf_conntrack_tcp_timeout_time_wait \
  net.netfilter.nf_conntrack_count net.netfilter.nf_conntrack_max; do
  IFS=.; set -- $name; IFS=/; f="$P/sys/$*"; unset IFS  # dots to slashes, without a fork
  note "sysctl:$name" "$f"
done
set +f

# Sysctl settings configured on disk, only the TIME_WAIT-related keys, so a runtime value that a
# reboot would lose (or a line the kernel no longer knows) can be reported.
set --
denied=""
for f in "$E/etc/sysctl.conf" "$E"/etc/sysctl.d/*.conf "$E"/run/sysctl.d/*.conf \
  "$E"/usr/local/lib/sysctl.d/*.conf "$E"/usr/lib/sysctl.d/*.conf "$E"/lib/sysctl.d/*.conf; do
  [ -f "$f" ] || continue
  if [ -r "$f" ]; then set -- "$@" "$f"; else denied="$denied! denied $f
"; fi
done
[ $# -gt 0 ] || set -- /dev/null

# The user sshd logged in (it sets USER and LOGNAME); id only when neither is set.
user=${USER:-${LOGNAME:-}}
[ -n "$user" ] || user=$(id -un 2>/dev/null || id -u)

# One awk prints every section up to @@sysctl-conf: the queued files first (in BEGIN, with
# getline), then the sysctl files given as arguments.
TWSCOPE_Q=$Q TWSCOPE_DENIED=$denied TWSCOPE_USER=$user awk -v src="$SRC" -v strip="$E" '
BEGIN {
  n = split(ENVIRON["TWSCOPE_Q"], q, "\n")
  for (i = 1; i <= n; i++) {
    if (q[i] == "") continue
    sp1 = index(q[i], " "); tag[i] = substr(q[i], 1, sp1 - 1)
    st[i] = substr(q[i], sp1 + 1, 1); file[i] = substr(q[i], sp1 + 3)
    at[tag[i]] = i
  }
  srand(); now = srand()
  print "@@twscope-probe 1"
  print "@@meta"
  if (now + 0 > 1000000000) print "time " now
  else { "date +%s" | getline now; print "time " now }
  if (slurp("uptime")) { sub(/[. ].*/, "", text); print "uptime " text } else why("uptime")
  if (slurp("hostname")) host = text; else { "uname -n" | getline host }
  print "hostname " host
  print "user " ENVIRON["TWSCOPE_USER"]
  print "source " src
  print "@@kernel"
  if (slurp("kernel")) print text; else { "uname -r" | getline k; print k }
  print "@@sockstat"; whole("sockstat")
  print "@@sockstat6"; whole("sockstat6")
  print "@@netstat"; lines("TcpExt")
  print "@@snmp"; lines("Tcp")
  print "@@sysctl"
  for (i = 1; i <= n; i++) {
    if (index(tag[i], "sysctl:") != 1) continue
    name = substr(tag[i], 8)
    if (st[i] == "r" && slurp(tag[i], 1)) print name " = " text
    else if (st[i] == "m") print "! missing " name
    else print "! denied " name
  }
  print "@@sysctl-conf"
  printf "%s", ENVIRON["TWSCOPE_DENIED"]
}
# read(TAG, JOIN): the whole file of TAG into text, lines joined by newlines, or by single
# spaces with every run of blanks squeezed (as sysctl prints values) when JOIN is set.
function slurp(t, join,   i, line, r, got) {
  i = at[t]; text = ""
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
  print (st[i] == "m" ? "! missing " : "! denied ") file[i]
}
function whole(t) { if (slurp(t)) print text; else why(t) }
function lines(t,   i, line, r, found) {
  i = at[t]
  if (st[i] != "r") { why(t); return }
  while ((r = (getline line < file[i])) > 0) if (index(line, t ":") == 1) { print line; found = 1 }
  close(file[i])
  if (r < 0 && !found) { st[i] = "d"; why(t); return }
  if (!found) print "! no " t " lines in " file[i]
}
{
  line = $0; sub(/^[ \t]*-?[ \t]*/, "", line)
  if (line !~ /^net\.(ipv4\.(tcp_tw_|tcp_timestamps|tcp_max_tw_buckets|ip_local_port_range|tcp_fin_timeout)|netfilter\.nf_conntrack_(max|tcp_timeout_time_wait)|core\.somaxconn)/) next
  i = index(line, "="); if (i == 0 || nconf >= 100) next
  k = substr(line, 1, i - 1); v = substr(line, i + 1)
  gsub(/[ \t]+$/, "", k); gsub(/^[ \t]+|[ \t]+$/, "", v); gsub(/[ \t]+/, " ", v)
  f = FILENAME; if (strip != "" && index(f, strip) == 1) f = substr(f, length(strip) + 1)
  print f ": " k " = " v; nconf++
}' "$@" </dev/null

# Every socket goes to awk as one stream (ss -tan, or /proc/net/tcp and tcp6). TIME_WAIT
# sockets are counted per local port and peer while reading, and split into server side
# (the local port is listening) and client side at the end, once every listener is known:
# ss lists IPv6 listeners after IPv4 TIME_WAIT sockets.
sockets() {
  if [ "$SRC" = ss ]; then
    "$SS" -tan || echo "! $SS -tan failed with status $?"
  else
    for f in "$P/net/tcp" "$P/net/tcp6"; do
      cat "$f" 2>/dev/null || if [ -e "$f" ]; then echo "! denied $f"; else echo "! missing $f"; fi
    done
  fi
}

# /proc/net/tcp prints addresses in host byte order.
bigendian=0
if [ "$SRC" = proc ]; then
  case $(printf AB | od -An -tx2 2>/dev/null) in *4142*) bigendian=1 ;; esac
fi

sockets </dev/null 2>/dev/null | awk -v bigendian=$bigendian '
BEGIN {
  nstates = split("ESTAB SYN-SENT SYN-RECV FIN-WAIT-1 FIN-WAIT-2 TIME-WAIT CLOSE CLOSE-WAIT LAST-ACK LISTEN CLOSING NEW-SYN-RECV", names, " ")
  for (x = 1; x <= nstates; x++) { known[names[x]] = 1; procstate[sprintf("%02X", x)] = names[x] }
}
/^!/ { notes = notes $0 "\n"; next }
# /proc/net/tcp and tcp6: "sl: local remote state ...", addresses in hex.
$1 ~ /^[0-9]+:$/ {
  tally(procstate[$4], hex(substr($2, index($2, ":") + 1)), $3, 1)
  next
}
# ss: "STATE Recv-Q Send-Q Local Peer". ss 4.15 to 5.5 writing to a pipe breaks rows wider
# than 80 columns over several lines: join them back.
part != "" { $0 = part " " $0; part = "" }
$1 ~ /^[A-Z][A-Z0-9-]*$/ && NF < 5 { part = $0; next }
# Header lines (ss and /proc) and anything else that is not a socket.
$1 !~ /^[A-Z][A-Z0-9-]*$/ || NF < 5 { next }
{
  match($4, /:[^:]*$/)
  tally($1 == "UNCONN" ? "CLOSE" : $1, substr($4, RSTART + 1), $5, 0)
}

# A TIME_WAIT socket whose local port is already known to listen counts as server side at once
# (ss lists the listeners of each address family before its other sockets). The others wait, per local port and
# peer, until every listener is known: an IPv6 listener can come after IPv4 TIME_WAIT sockets.
function tally(st, lport, remote, fromproc) {
  if (!(st in known)) st = "UNKNOWN"
  count[st]++
  if (st == "LISTEN") { listening[lport] = 1; return }
  if (st != "TIME-WAIT") return
  tw++
  if (lport in listening) { srv[lport]++; nsrv++; return }
  pending[lport SUBSEP remote]++
  if (fromproc) viaproc = 1
}

# Settles the waiting TIME_WAIT sockets: server side if their port turned out to listen, else
# client side grouped by peer (each distinct peer decoded once).
function classify(   key, parts, c, remote) {
  for (key in pending) {
    split(key, parts, SUBSEP)
    c = pending[key]
    if (parts[1] in listening) { srv[parts[1]] += c; nsrv += c; continue }
    remote = parts[2]
    if (!(remote in decoded)) decoded[remote] = viaproc ? procpeer(remote) : sspeer(remote)
    cli[decoded[remote]] += c; ncli += c
  }
}

function hex(s,   i, n) {
  n = 0
  s = toupper(s)
  for (i = 1; i <= length(s); i++) n = n * 16 + index("0123456789ABCDEF", substr(s, i, 1)) - 1
  return n
}

# "1.2.3.4:80", "[::1]:80", "::ffff:1.2.3.4:80" (old ss), "[fe80::1%eth0]:22" -> group key.
function sspeer(s,   a) {
  match(s, /:[^:]*$/)
  a = substr(s, 1, RSTART - 1)
  gsub(/[][]/, "", a)
  sub(/%.*/, "", a)
  return peer(a, substr(s, RSTART + 1))
}

# "0100007F:1F90" or 32 hex digits ":port": the address is printed as 32-bit words in host
# byte order, the port as a number.
function procpeer(s,   h, i, w, g) {
  h = substr(s, 1, index(s, ":") - 1)
  if (length(h) == 8) {
    w = net32(h)
    return peer(hex(substr(w, 1, 2)) "." hex(substr(w, 3, 2)) "." hex(substr(w, 5, 2)) "." hex(substr(w, 7, 2)), hex(substr(s, 10)))
  }
  for (i = 0; i < 4; i++) {
    w = net32(substr(h, i * 8 + 1, 8))
    g[i * 2] = hex(substr(w, 1, 4))
    g[i * 2 + 1] = hex(substr(w, 5, 4))
  }
  return peer(v6(g), hex(substr(s, 34)))
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

function peer(addr, port) {
  if (addr ~ /^::ffff:[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/) addr = substr(addr, 8)
  return (index(addr, ":") ? "[" addr "]" : addr) ":" port
}

# Prints the 50 largest groups of arr, by count descending then key ascending (numerically if
# numeric is set), and returns how many groups there were.
function top(arr, numeric,   k, i, m, groups) {
  m = 0
  for (k in arr) {
    groups++
    if (m == 50 && !before(k, arr[k], topk[m], topc[m], numeric)) continue
    if (m < 50) m++
    for (i = m; i > 1 && before(k, arr[k], topk[i - 1], topc[i - 1], numeric); i--) {
      topk[i] = topk[i - 1]; topc[i] = topc[i - 1]
    }
    topk[i] = k; topc[i] = arr[k]
  }
  for (i = 1; i <= m; i++) print topk[i], topc[i]
  return groups + 0
}

function before(k, c, k2, c2, numeric) {
  if (c != c2) return c > c2
  return numeric ? k + 0 < k2 + 0 : k < k2
}

END {
  classify()
  print "@@states"
  printf "%s", notes
  for (x = 1; x <= nstates; x++) if (names[x] in count) print names[x], count[names[x]]
  if ("UNKNOWN" in count) print "UNKNOWN", count["UNKNOWN"]
  print "@@listen"
  for (p = 0; p <= 65535 && shown < 200; p++) if (p in listening) { print p; shown++ }
  print "@@tw-server"
  ports = top(srv, 1)
  print "@@tw-client"
  peers = top(cli, 0)
  print "@@tw-totals"
  print "total", tw + 0
  print "server", nsrv + 0
  print "client", ncli + 0
  print "server-ports", ports
  print "client-peers", peers
}'

echo "@@end"
