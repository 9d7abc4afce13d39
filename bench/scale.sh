#!/bin/sh
# How khai grows with the database (issue 12): full --tsv listings of a search and of sorts
# against sqlite3 reading the same rows (the floor; target: at most 3x), first pages of short
# and rare searches, `show` of each kind, `khai check`, and the CPU instructions of each
# (callgrind, when valgrind is installed: repeatable on a busy machine, where wall times
# are not). Median of RUNS runs (3).
# Usage: sh bench/scale.sh ./khai DB large|huge
set -eu
KHAI=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
DB=$2
SIZE=${3:-large}
[ -s "$DB" ] || { echo "scale bench: no database at $DB" >&2; exit 2; }
command -v sqlite3 >/dev/null 2>&1 || { echo "scale bench: needs sqlite3" >&2; exit 2; }
python3 - "$KHAI" "$DB" "$SIZE" <<'EOF'
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

KHAI, DB, SIZE = sys.argv[1:4]
RUNS = int(os.environ.get("RUNS", "3"))
HUGE = SIZE == "huge"
# The targets of issue 12: first pages and detail views, per database size.
PAGE_MS = 50 if HUGE else 20
SHOW_MS = 20
# khai check runs quick_check and a lookup per distinct reference (`--full` the integrity check:
# minutes). At 1,000,000 members: 7.1 s CPU, 12.8 s wall at load 7 (was over 150 s).
CHECK_S = 10 if HUGE else None
FLOOR_RATIO = 3.0
VALGRIND = shutil.which("valgrind") if os.environ.get("CALLGRIND", "1") != "0" else None


def run(argv):
    """(wall s, cpu s, peak MB) of one run, output discarded."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("scale bench: %s failed: %s" % (" ".join(argv), err.decode(errors="replace")))
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0


def median(argv):
    run(argv)  # warm the page cache, as an open session would be
    rs = [run(argv) for _ in range(RUNS)]
    return (statistics.median(r[0] for r in rs), statistics.median(r[1] for r in rs),
            max(r[2] for r in rs))


def instructions(argv):
    """Instructions callgrind counts for one run, or None."""
    if not VALGRIND:
        return None
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "cg")
        subprocess.run([VALGRIND, "--tool=callgrind", "--callgrind-out-file=" + out] + argv,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        for line in open(out):
            if line.startswith("summary:") or line.startswith("totals:"):
                return int(line.split()[1])
    return None


def mark(ok):
    return "ok" if ok else "OVER TARGET"


def khai(*args):
    return [KHAI, "--db", DB] + list(args)


def sqlite(sql):
    return ["sqlite3", "-readonly", "-cmd", "PRAGMA mmap_size = 1099511627776", DB, sql]


print("khai at scale: %s (%s, %.0f MB)" % (DB, SIZE, os.path.getsize(DB) / 1048576.0))
print()
print("Full --tsv listings against sqlite3 reading the same rows (target: at most %.0fx)"
      % FLOOR_RATIO)
# The floor reads what khai prints: the same rows, in the same order, with the same columns
# (a member's phones, organisations and tags joined as khai joins them), through a memory map
# as khai's listing does. The order is sorted on the ids alone first (a MATERIALIZED CTE with
# a LIMIT, so that SQLite keeps its ORDER BY) and the rows read in it: sqlite3 has no Thai
# collation, so its order is the byte order of the same keys, which visits the rows as
# scattered as khai's index walk does. A floor of "SELECT *" in rowid order (the first one
# used) read no organisations or tags, and in the file's own order.
MEMBER_COLUMNS = (
    "m.id, m.title, m.given_name, m.family_name, m.nickname, m.gender, (SELECT "
    "group_concat(phone, '; ') FROM (SELECT phone FROM member_phones WHERE member_id = m.id "
    "ORDER BY position)), m.email, m.line_id, m.facebook, m.sort_province, m.district, "
    "m.subdistrict, m.position, (SELECT group_concat(name, '; ') FROM (SELECT o.name FROM "
    "affiliations a JOIN organisations o ON o.id = a.org_id WHERE a.member_id = m.id ORDER BY "
    "a.position)), (SELECT group_concat(name, '; ') FROM (SELECT t.name FROM member_tags x JOIN "
    "tags t ON t.id = x.tag_id WHERE x.member_id = m.id ORDER BY t.name)), m.notes")


def members_in_order(where, order):
    return ("WITH k AS MATERIALIZED (SELECT id FROM members WHERE deleted_at IS NULL%s ORDER BY "
            "%s LIMIT -1) SELECT %s FROM k CROSS JOIN members m ON m.id = k.id"
            % (where, order, MEMBER_COLUMNS))


LISTINGS = [
    ("search ส (1 letter)", ["--search", "ส"],
     members_in_order(" AND instr(search_key, 'ส') > 0", "given_name, family_name, id")),
    ("sort province", ["--sort", "province"],
     members_in_order("", "sort_province, given_name, id")),
    ("sort org", ["--sort", "org"], members_in_order("", "sort_org, given_name, id")),
]
for label, args, sql in LISTINGS:
    wall, cpu, peak = median(khai("list", "members", "--tsv", *args))
    fwall, fcpu, _ = median(sqlite(sql))
    ratio = cpu / fcpu if fcpu > 0 else float("inf")
    print("  %-22s khai %6.2f s (cpu %6.2f s, %5.1f MB)  sqlite3 %5.2f s (cpu %5.2f s)  "
          "%4.1fx  [<= %.0fx: %s]" % (label, wall, cpu, peak, fwall, fcpu, ratio, FLOOR_RATIO,
                                       mark(ratio <= FLOOR_RATIO)))
print()
print("First page (--limit 50) and detail views (median wall; instructions by callgrind)")
CASES = [
    ("search ฬา (rare, 2)", ["list", "members", "--search", "ฬา", "--limit", "50", "--tsv"],
     PAGE_MS),
    ("search ฮฮ (absent, 2)", ["list", "members", "--search", "ฮฮ", "--limit", "50", "--tsv"],
     PAGE_MS),
    ("search ส (common, 1)", ["list", "members", "--search", "ส", "--limit", "50", "--tsv"],
     PAGE_MS),
    ("search สมช (3)", ["list", "members", "--search", "สมช", "--limit", "50", "--tsv"],
     PAGE_MS),
    ("search วา (2)", ["list", "members", "--search", "วา", "--limit", "50", "--tsv"],
     PAGE_MS),
    ("search 081 (phone)", ["list", "members", "--search", "081", "--limit", "50", "--tsv"],
     PAGE_MS),
    ("search somchai (3+)", ["list", "members", "--search", "somchai", "--limit", "50", "--tsv"],
     PAGE_MS),
    ("sort province page", ["list", "members", "--sort", "province", "--limit", "50", "--tsv"],
     PAGE_MS),
    ("sort org page", ["list", "members", "--sort", "org", "--limit", "50", "--tsv"], PAGE_MS),
    ("show member 1", ["show", "member", "1"], SHOW_MS),
    ("show org 1", ["show", "org", "1"], SHOW_MS),
    ("show event 1", ["show", "event", "1"], SHOW_MS),
    ("list event 1's people", ["list", "attendance", "--event", "1", "--tsv"], SHOW_MS),
]
for label, args, target in CASES:
    wall, cpu, peak = median(khai(*args))
    ins = instructions(khai(*args))
    print("  %-22s %7.1f ms (cpu %6.1f ms, %5.1f MB) %s [< %d ms: %s]"
          % (label, wall * 1000, cpu * 1000, peak,
             "%6.1f M instr" % (ins / 1e6) if ins else "", target,
             mark(wall * 1000 < target)))
print()
wall, cpu, peak = median(khai("check")) if RUNS else (0, 0, 0)
print("  %-22s %7.2f s (cpu %6.2f s, %5.1f MB)%s" % (
    "khai check", wall, cpu, peak,
    "  [< %d s: %s]" % (CHECK_S, mark(wall < CHECK_S)) if CHECK_S else ""))
print("load average: %.2f %.2f %.2f (%d CPUs): wall times include waiting for a CPU"
      % (os.getloadavg() + (os.cpu_count(),)))
EOF
