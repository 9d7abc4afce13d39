#!/bin/sh
# The screens at 1,000,000 members (issue 12): start-up time and memory, the CPU of every key
# on every tab (a move, End and Home in each sort order, each search letter, opening a record
# and going back) and of a change another process makes while a session is open, each printed
# beside its target. ttybench drives khai in a pty (bytes, latency); khai itself writes the
# CPU of each round of keys to $KHAI_CPU_LOG (screens/ui_timing.c), since wall time on a
# shared machine is noise. The external changes edit, add and delete a member in DB.
# Usage: sh bench/tui_huge.sh ./khai DB
set -eu
KHAI=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
DB=$2
HERE=$(cd "$(dirname "$0")" && pwd)
TTYBENCH=${TTYBENCH:-$HERE/../../shared/tools/ttybench}
[ -x "$TTYBENCH" ] || { echo "tui bench: ttybench not found (set TTYBENCH)"; exit 0; }
/usr/bin/python3 -c 'import pyte' 2>/dev/null || { echo "tui bench: needs python3-pyte"; exit 0; }
[ -s "$DB" ] || { echo "tui bench: no database $DB"; exit 1; }
OUT=$(mktemp -d)
[ -n "${BENCH_KEEP:-}" ] && echo "kept in $OUT" || trap 'rm -rf "$OUT"' EXIT
/usr/bin/python3 - "$KHAI" "$DB" "$TTYBENCH" "$OUT" <<'PY'
import json, os, sqlite3, subprocess, sys, time

khai, db, ttybench, out = sys.argv[1:5]
log = os.path.join(out, "cpu.log")
steps = []  # (label, ttybench command, keys it sends)
external = []  # (keys sent before it, label, khai arguments)


def keys(label, command, n=1, times=1):
    for _ in range(times):
        steps.append((label, command, n))


def change(label, *args):
    external.append((sum(s[2] for s in steps), label, list(args)))
    steps.append((label, "idle 4000", 0))


def first_id(kind):
    rows = subprocess.run([khai, "--db", db, "list", kind, "--limit", "1", "--tsv"],
                          capture_output=True, text=True, check=True).stdout.splitlines()
    return rows[1].split("\t")[0]


def list_tab(tab, name, sorts):
    if tab != "1":
        keys(f"{name}: open the tab", f"key {tab}")
    keys(f"{name}: Down", "key Down", times=5)
    keys(f"{name}: PageDown", "key PageDown", times=3)
    keys(f"{name}: PageUp", "key PageUp", times=2)
    keys(f"{name}: End", "key End")
    keys(f"{name}: Home", "key Home")
    for _ in range(sorts - 1):
        keys(f"{name}: s (next sort)", "key s")
        keys(f"{name}: End, sorted", "key End")
        keys(f"{name}: PageUp, sorted", "key PageUp")
        keys(f"{name}: Home, sorted", "key Home")
    keys(f"{name}: s (next sort)", "key s")  # back to the first order
    keys(f"{name}: Enter (open)", "key Enter")
    keys(f"{name}: Down in the detail", "key Down", times=2)
    keys(f"{name}: q (back)", "key q")


member = first_id("members")
list_tab("1", "members", 6)
keys("members: / (search)", "key /")
for n, letter in enumerate("สมช"):  # each letter on its own line: 1, 2, 3 letters cost apart
    keys(f"members: search letter {n + 1} ({'สมช'[:n + 1]})", f"type {letter}")
for n in (2, 1, 0):
    keys(f"members: Backspace (to {'สมช'[:n] or 'none'})", "key Backspace")
keys("members: a rare letter", "type ฬ")
keys("members: Backspace", "key Backspace")
keys("members: 3 letters typed ahead", "type ชาย", 3)
keys("members: Enter (search done)", "key Enter")
keys("members: End in the found", "key End")
keys("members: Enter (open)", "key Enter")
keys("members: q (back)", "key q")
keys("members: Esc (search cleared)", "key Esc")
change("external: a member edited", "edit", "member", member, "--nickname", f"เบนช์{os.getpid()}")
change("external: a member added", "add", "member", "--name", "นายทดสอบ เบนช์")
keys("members: Enter (open)", "key Enter")
change("external: the open member edited", "edit", "member", member, "--nickname", "")
keys("members: q (back)", "key q")
list_tab("2", "organisations", 3)
list_tab("3", "events", 4)
list_tab("4", "tasks", 3)
change("external: a task edited", "edit", "task", first_id("tasks"), "--notes", f"เบนช์ {time.time()}")
keys("calendar: open the tab", "key 5")
keys("calendar: Right (next day)", "key Right", times=3)
keys("calendar: PageDown (next month)", "key PageDown", times=2)
keys("calendar: Home (today)", "key Home")
keys("reports: open the tab", "key 6")
keys("reports: Down", "key Down", times=3)
keys("members: back to the tab", "key 1")

script = ["expect Members"]
for label, command, _ in steps:
    script += [f"label {label}", command]
script += ["label quit", "key q", "exit 120000"]
with open(os.path.join(out, "script"), "w") as f:
    f.write("\n".join(script) + "\n")


def rounds():
    try:
        with open(log) as f:
            return [line.split() for line in f if line.strip()]
    except FileNotFoundError:
        return []


def keys_done():
    return sum(int(r[2]) for r in rounds() if r[0] == "keys")


# The other process: each change once the session has handled the keys before it.
finished = os.path.join(out, "finished")
pid = os.fork()
if pid == 0:
    for before, label, args in external:
        while keys_done() < before and not os.path.exists(finished):
            time.sleep(0.05)
        time.sleep(0.3)
        subprocess.run([khai, "--db", db] + args, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    os._exit(0)
report = os.path.join(out, "report.json")
env = ["--env", f"KHAI_CPU_LOG={log}"]
# A key whose screen takes long would otherwise meet the next key typed ahead: wait for it.
rc = subprocess.run([ttybench, "--size", "80x24", "--first-wait", "5000", *env, "--script", os.path.join(out, "script"),
                     "--json", report, "--", khai, "--db", db],
                    stdout=subprocess.DEVNULL, stderr=open(os.path.join(out, "err"), "w")).returncode
open(finished, "w").close()
os.waitpid(pid, 0)
# The member the bench added goes again (a soft delete, as a user's would).
added = subprocess.run([khai, "--db", db, "list", "members", "--search", "ทดสอบ เบนช์", "--tsv"],
                       capture_output=True, text=True).stdout.splitlines()[1:]
for row in added:
    subprocess.run([khai, "--db", db, "delete", "member", row.split("\t")[0]],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
if not os.path.exists(report):
    print("tui bench: ttybench failed:", open(os.path.join(out, "err")).read()[-2000:])
    sys.exit(1)

r = json.load(open(report))
log_rounds = rounds()


# Start-up on its own, three times (the median): the first screen, its CPU and its memory.
def start_once(n):
    script, cpu_log = os.path.join(out, "start"), os.path.join(out, f"start{n}.log")
    with open(script, "w") as f:
        f.write("expect Members\nlabel quit\nkey q\nexit 60000\n")
    got = os.path.join(out, f"start{n}.json")
    subprocess.run([ttybench, "--size", "80x24", "--env", f"KHAI_CPU_LOG={cpu_log}", "--script",
                    script, "--json", got, "--", khai, "--db", db],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    j = json.load(open(got))
    wall = next(g for g in j["groups"] if g["group"] == "startup")["done_p50_ms"] or 0
    line = open(cpu_log).read().split()
    return float(line[1]), wall, j["process"].get("rss_peak_kb", 0) / 1024


starts = sorted(start_once(n) for n in range(3))
startup, wall, mem = starts[1]
key_rounds = [(float(x[1]), int(x[2])) for x in log_rounds if x[0] == "keys"]
ext_rounds = [float(x[1]) for x in log_rounds if x[0] == "external"]

# Each step's CPU: the rounds that handled its keys (keys typed ahead make one round).
cpu = {}
order = []
i = 0
for label, command, n in steps:
    if label not in cpu:
        cpu[label] = []
        order.append(label)
    if n == 0:
        continue
    got = ms = 0.0
    while got < n and i < len(key_rounds):
        ms += key_rounds[i][0]
        got += key_rounds[i][1]
        i += 1
    cpu[label].append(ms)

session_mem = r.get("process", {}).get("rss_peak_kb", 0) / 1024


def line(label, value, unit, target, ok):
    mark = "ok" if ok else "OVER TARGET"
    print(f"  {label:40s} {value:8.1f} {unit:3s} target {target:9s} {mark}")


members = sqlite3.connect(f"file:{db}?mode=ro", uri=True).execute(
    "SELECT n FROM live_counts WHERE tbl = 'members'").fetchone()[0]
print(f"Screens at {members:,} members, 80x24 (ttybench; CPU from KHAI_CPU_LOG; "
      f"load {os.getloadavg()[0]:.2f}):")
line("start-up CPU (median of 3)", startup, "ms", "< 50 ms", startup < 50)
line("start-up wall, to the first screen", wall, "ms", "< 50 ms", wall < 50)
line("start-up peak memory", mem, "MB", "< 16 MB", mem < 16)
line("peak memory over the whole session", session_mem, "MB", "-", True)
print(f"  {'each key: CPU ms, the worst of its steps':40s}")
for label in order:
    if label.startswith("external"):
        continue
    if not cpu[label]:
        print(f"  {label:40s} (not measured)")
        continue
    worst = max(cpu[label])
    line(label, worst, "ms", "< 50 ms", worst < 50)
ext_labels = [label for label in order if label.startswith("external")]
for n, label in enumerate(ext_labels):
    if n < len(ext_rounds):
        line(label, ext_rounds[n], "ms", "< 10 ms", ext_rounds[n] < 10)
    else:
        print(f"  {label:40s} (not seen by the session)")
if i != len(key_rounds):
    print(f"  note: {len(key_rounds) - i} rounds of keys left over: the steps and the log differ")
for e in r.get("errors", []):
    print("  error:", e)
PY
