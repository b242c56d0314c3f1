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

# why FILE: says whether FILE is missing or there but unreadable.
why() {
  if [ -e "$1" ]; then echo "! denied $1"; else echo "! missing $1"; fi
}

# lines FILE TAG: the lines of FILE that start with "TAG:".
lines() {
  grep "^$2:" "$1" 2>/dev/null </dev/null
  case $? in
    0) ;;
    1) echo "! no $2 lines in $1" ;;
    *) why "$1" ;;
  esac
}

if [ "$SS" != none ] && command -v "$SS" >/dev/null 2>&1; then SRC=ss; else SRC=proc; fi

echo "@@twscope-probe 1"
echo "@@meta"
echo "time $(date +%s)"
if up=$(cat "$P/uptime" 2>/dev/null); then echo "uptime ${up%%.*}"; else why "$P/uptime"; fi
printf 'hostname %s\n' "$(uname -n)"
printf 'user %s\n' "$(id -un 2>/dev/null || id -u)"
echo "source $SRC"

echo "@@kernel"
cat "$P/sys/kernel/osrelease" 2>/dev/null || uname -r

echo "@@sockstat"
cat "$P/net/sockstat" 2>/dev/null || why "$P/net/sockstat"
echo "@@sockstat6"
cat "$P/net/sockstat6" 2>/dev/null || why "$P/net/sockstat6"
echo "@@netstat"
lines "$P/net/netstat" TcpExt
echo "@@snmp"
lines "$P/net/snmp" Tcp

echo "@@sysctl"
set -f
for name in net.ipv4.tcp_tw_reuse net.ipv4.tcp_tw_recycle net.ipv4.tcp_tw_reuse_delay \
  net.ipv4.tcp_timestamps net.ipv4.tcp_max_tw_buckets net.ipv4.ip_local_port_range \
  net.ipv4.tcp_fin_timeout net.core.somaxconn net.ipv4.tcp_max_syn_backlog \
  net.ipv4.tcp_syncookies net.netfilter.nf_conntrack_tcp_timeout_time_wait \
  net.netfilter.nf_conntrack_count net.netfilter.nf_conntrack_max; do
  IFS=.; set -- $name; IFS=/; f="$P/sys/$*"; unset IFS  # dots to slashes, without a fork
  # Not the read builtin: dash reads byte by byte, and a /proc/sys file is at its end after
  # the first read().
  if value=$(cat "$f" 2>/dev/null); then
    set -- $value  # so tabs become single spaces in "$*"
    printf '%s = %s\n' "$name" "$*"
  elif [ -e "$f" ]; then
    echo "! denied $name"
  else
    echo "! missing $name"
  fi
done
set +f

# Sysctl settings configured on disk, only the TIME_WAIT-related keys, so a runtime value that a
# reboot would lose (or a line the kernel no longer knows) can be reported. One awk for all files.
echo "@@sysctl-conf"
set --
for f in "$E/etc/sysctl.conf" "$E"/etc/sysctl.d/*.conf "$E"/run/sysctl.d/*.conf \
  "$E"/usr/local/lib/sysctl.d/*.conf "$E"/usr/lib/sysctl.d/*.conf "$E"/lib/sysctl.d/*.conf; do
  [ -f "$f" ] || continue
  if [ -r "$f" ]; then set -- "$@" "$f"; else echo "! denied $f"; fi
done
if [ $# -gt 0 ]; then
  awk -v strip="$E" '{
    line = $0; sub(/^[ \t]*-?[ \t]*/, "", line)
    if (line !~ /^net\.(ipv4\.(tcp_tw_|tcp_timestamps|tcp_max_tw_buckets|ip_local_port_range|tcp_fin_timeout)|netfilter\.nf_conntrack_(max|tcp_timeout_time_wait)|core\.somaxconn)/) next
    i = index(line, "="); if (i == 0 || n >= 100) next
    k = substr(line, 1, i - 1); v = substr(line, i + 1)
    gsub(/[ \t]+$/, "", k); gsub(/^[ \t]+|[ \t]+$/, "", v); gsub(/[ \t]+/, " ", v)
    file = FILENAME; if (strip != "" && index(file, strip) == 1) file = substr(file, length(strip) + 1)
    print file ": " k " = " v; n++
  }' "$@" </dev/null
fi

# The socket lists go to awk as one stream: the listening sockets first, then "@@all", then
# every socket. Listeners must all be known before any TIME_WAIT socket is classified, and
# ss (like /proc/net/tcp) lists IPv6 listeners after IPv4 TIME_WAIT sockets.
sockets() {
  if [ "$SRC" = ss ]; then
    "$SS" -ltn || echo "! $SS -ltn failed with status $?"
    echo "@@all"
    "$SS" -tan || echo "! $SS -tan failed with status $?"
  else
    cat "$P/net/tcp" "$P/net/tcp6" 2>/dev/null
    echo "@@all"
    for f in "$P/net/tcp" "$P/net/tcp6"; do cat "$f" 2>/dev/null || why "$f"; done
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
$0 == "@@all" { all = 1; part = ""; next }
# /proc/net/tcp and tcp6: "sl: local remote state ...", addresses in hex.
$1 ~ /^[0-9]+:$/ {
  if (all || $4 == "0A") tally(procstate[$4], hex(substr($2, index($2, ":") + 1)), $3, 1)
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

function tally(st, lport, remote, fromproc) {
  if (!(st in known)) st = "UNKNOWN"
  if (st == "LISTEN") listening[lport] = 1
  if (!all) return
  count[st]++
  if (st != "TIME-WAIT") return
  tw++
  if (lport in listening) { srv[lport]++; nsrv++ }
  else { cli[fromproc ? procpeer(remote) : sspeer(remote)]++; ncli++ }
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
