#!/bin/sh
# Builds the dashboard when needed, then serves it on 127.0.0.1 (there is no sign-in yet).
set -eu
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
stale=""
[ -f .next/BUILD_ID ] || stale=yes
[ -z "$stale" ] && [ -n "$(find app components lib server public instrumentation.ts next.config.ts package-lock.json -newer .next/BUILD_ID -print 2>/dev/null | head -n 1)" ] && stale=yes
if [ -n "$stale" ]; then
  echo "twscope: building the dashboard…"
  node node_modules/next/dist/bin/next build
fi
exec node node_modules/next/dist/bin/next start -H 127.0.0.1 -p "${PORT:-3000}"
