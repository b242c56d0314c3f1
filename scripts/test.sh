#!/bin/sh
# Checks formatting (prettier) and unused code (knip), then runs every test. As root it first installs the Debian packages the tests need (openssh-server, busybox,
# iproute2, xz-utils for the sosreport archives, chromium for the browser tests, ansible-core for the benchmark's comparison,
# prometheus (prometheus and promtool) for the /metrics checks and the scrape test, prometheus-alertmanager for the alerting tests,
# postgresql for the storage and service tests' second pass and the tests of several processes on one database, sudo for the
# lab hosts probed through the probe's sudo rule, fonts-noto-cjk when Chromium would have no font for the Chinese pages);
# otherwise it names them.
set -eu
cd "$(dirname "$0")/.."

missing=""
[ -x /usr/sbin/sshd ] || missing="$missing openssh-server"
command -v ssh-keygen >/dev/null 2>&1 || missing="$missing openssh-client"
command -v busybox >/dev/null 2>&1 || missing="$missing busybox"
command -v ss >/dev/null 2>&1 && command -v ip >/dev/null 2>&1 || missing="$missing iproute2"
command -v bash >/dev/null 2>&1 || missing="$missing bash"
command -v xz >/dev/null 2>&1 || missing="$missing xz-utils"
[ -x /usr/bin/chromium ] || missing="$missing chromium"
command -v ansible >/dev/null 2>&1 || missing="$missing ansible-core"
[ -x /usr/bin/prometheus ] && [ -x /usr/bin/promtool ] || missing="$missing prometheus"
[ -x /usr/bin/prometheus-alertmanager ] || missing="$missing prometheus-alertmanager"
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing="$missing postgresql"
[ -x /usr/bin/sudo ] || missing="$missing sudo"
[ -n "$(fc-list :lang=zh-cn 2>/dev/null)" ] || missing="$missing fonts-noto-cjk"
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "twscope tests: installing Debian packages:$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "twscope tests need these Debian packages:$missing" >&2
    echo "install them (sudo apt-get install$missing) or run 'npm test' as root once" >&2
    exit 2
  fi
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

export NEXT_TELEMETRY_DISABLED=1
mkdir -p test-results
status=0
failed=""
# check FIX COMMAND...: runs COMMAND; if it fails, names it and its fix and fails the run, which goes on to the tests.
check() {
  fix=$1; shift
  "$@" && return
  status=1
  note="twscope tests: '$*' failed; to fix: $fix"
  echo "$note" >&2
  failed="$failed$note
"
}
check "npm run format" npx prettier --check .
check "fix the type errors it lists" npx tsc --noEmit -p .
check "remove (or use) what it lists as unused" npx knip --no-progress
check "await (or void) each promise it lists" npx eslint .
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json "$@" || status=$?
printf '%s' "$failed" >&2
node scripts/test-summary.mjs test-results/vitest.json || status=$?
exit "$status"
