#!/usr/bin/env bash
# Installs what the tests need, starts a throwaway PostgreSQL on 127.0.0.1, and runs every test.
# This is README's test command; .ci/run calls it and nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n== %s\n' "$*"; }

# --- System packages: PostgreSQL (the store's second provider), Chromium (the web page's browser tests),
#     LibreOffice and poppler (the ledger and report are rendered to PDF and PNG), CJK fonts for both,
#     nginx (the shipped site is tested in front of the server, as docs/deploy.md sets it up).
missing=()
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui libreoffice-writer-nogui)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
if ((${#missing[@]})); then
  log "Installing ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# --- npm peers: WeCom's own crypto implementation, for the interoperability tests.
log "Installing npm test peers"
npm ci --prefix tests/interop --no-audit --no-fund --loglevel=error

# --- A throwaway PostgreSQL server for this run only, on loopback, removed on exit.
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pgdata=$(mktemp -d /tmp/rectifybot-pg.XXXXXX)
pgport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$pgdata"
stop_pg() { as_pg "'$pgbin/pg_ctl' -D '$pgdata' -m immediate stop" >/dev/null 2>&1 || true; rm -rf "$pgdata"; }
trap stop_pg EXIT
log "Starting PostgreSQL on 127.0.0.1:$pgport"
as_pg "'$pgbin/initdb' -D '$pgdata' -A trust -U rectifybot -E UTF8 --no-sync" >/dev/null
as_pg "'$pgbin/pg_ctl' -D '$pgdata' -l '$pgdata/server.log' -w -o \"-p $pgport -k '$pgdata' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200\" start" >/dev/null
export RECTIFYBOT_TEST_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=rectifybot;Database=postgres"

# --- Build once, then run every test project.
log "Building"
dotnet build RectifyBot.sln -c Release -nologo -v quiet
# Domestic servers (Kunpeng, Phytium) are ARM64: the self-contained server must publish for them too.
log "Publishing the server for linux-arm64"
arm64=$(mktemp -d /tmp/rectifybot-arm64.XXXXXX)
dotnet publish src/RectifyBot.Host -p:PublishProfile=linux-arm64 -o "$arm64" -nologo -v quiet
rm -rf "$arm64"
log "Testing"
# From here on a failure must not stop the script: the totals are reported either way.
set +e
dotnet test RectifyBot.sln -c Release --no-build -nologo --logger "console;verbosity=normal" > /tmp/rectifybot-test.log 2>&1
status=$?
# Failures in full, each after what the servers logged while it ran (a CI log is often all there is to go on),
# then each project's totals.
python3 - /tmp/rectifybot-test.log <<'PY'
import re, sys
lines = open(sys.argv[1], encoding="utf-8", errors="replace").read().splitlines()
for i, line in enumerate(lines):
    if re.match(r"^\s+Failed [A-Za-z]", line):
        logged = [l for l in lines[max(0, i - 300):i] if re.match(r"^(info|warn|fail|crit): |^      \S", l)]
        if logged:
            print("  Logged before it:")
            print("\n".join("    " + l for l in logged[-40:]))
        print("\n".join(lines[i:i + 13]))
PY
grep -E '^Total tests:|^\s+(Passed|Failed|Skipped): [0-9]+$' /tmp/rectifybot-test.log || true

# One closing line CI understands: "N passed, N failed, N skipped".
python3 - /tmp/rectifybot-test.log <<'PY'
import re, sys
totals = {"Passed": 0, "Failed": 0, "Skipped": 0}
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    m = re.match(r"^\s+(Passed|Failed|Skipped): (\d+)$", line)
    if m:
        totals[m.group(1)] += int(m.group(2))
print(f"{totals['Passed']} passed, {totals['Failed']} failed, {totals['Skipped']} skipped")
PY
exit "$status"
