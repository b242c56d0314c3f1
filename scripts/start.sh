#!/bin/sh
# Builds the dashboard when needed, then serves it (127.0.0.1:3000 unless TWSCOPE_HOST / PORT say otherwise).
set -eu
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
stale=""
[ -f .next/BUILD_ID ] || stale=yes
[ -z "$stale" ] && [ -n "$(find app components lib server public instrumentation.ts proxy.ts next.config.ts package-lock.json -newer .next/BUILD_ID -print 2>/dev/null | head -n 1)" ] && stale=yes
if [ -n "$stale" ]; then
  echo "twscope: building the dashboard…"
  node node_modules/next/dist/bin/next build
fi
exec node scripts/serve.mjs
