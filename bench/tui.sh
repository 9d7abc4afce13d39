#!/bin/sh
# Bytes the screens send per keystroke at 80x24 on the large demo database, measured with
# ttybench (a pty harness with an emulated terminal), against the targets in the issue.
# Usage: sh bench/tui.sh ./khai   (uses $BENCH_DB when it exists, else builds it)
set -eu
KHAI=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
TTYBENCH=${TTYBENCH:-$HERE/../../shared/tools/ttybench}
[ -x "$TTYBENCH" ] || { echo "tui bench: ttybench not found (set TTYBENCH)"; exit 0; }
/usr/bin/python3 -c 'import pyte' 2>/dev/null || { echo "tui bench: needs python3-pyte"; exit 0; }
DB=${BENCH_DB:-}
if [ -z "$DB" ] || [ ! -s "$DB" ]; then
    DB=${DB:-$(mktemp -d)/large.db}
    "$KHAI" --db "$DB" demo --size large >/dev/null 2>&1
fi
OUT=$(mktemp -d)
cat >"$OUT/script" <<'KEYS'
expect Members
label move
repeat 20 key Down
label scroll
repeat 30 key Down
label pagedown
repeat 5 key PageDown
label search3
key /
type สมช
label open
key Enter
key Enter
label idle
idle 10000
label back
key q
KEYS
"$TTYBENCH" --size 80x24 --script "$OUT/script" --json "$OUT/report.json" \
    -- "$KHAI" --db "$DB" >/dev/null 2>"$OUT/err" || cat "$OUT/err"
python3 - "$OUT/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
g = {x["group"]: x for x in r["groups"]}
def show(name, label, target, key="bytes_per_action", unit="bytes"):
    x = g.get(name)
    if not x:
        print(f"  {label:24s} (not measured)")
        return
    print(f"  {label:24s} {x[key]:8.1f} {unit:14s} target {target}")
print("Screens at 80x24 on the large demo database (ttybench):")
show("startup", "start-up", "< 50 ms", "done_p50_ms", "ms")
show("startup", "start-up output", "-")
show("move", "one-row move", "<= 250 bytes")
show("scroll", "one-line scroll", "(less: 233)")
show("pagedown", "page down", "<= 4.5 bytes/cell", "bytes_per_cell", "bytes/cell")
show("search3", "3-letter search", "-")
show("open", "open a member", "-")
show("idle", "idle 10 s", "0 bytes", "bytes", "bytes")
p = r.get("process", {})
print(f"  {'peak memory':24s} {p.get('rss_peak_kb', 0) / 1024:8.1f} MB             target < 16 MB")
for e in r.get("errors", []):
    print("  error:", e)
PY
