#!/usr/bin/env python3
"""Prints the Markdown tables of tools/bench/run.sh from its BENCH_DIR: results.txt (one
"LABEL run=N RESULT ..." line per timed wrk run) and bulk.txt (key=value lines: export, import, release).
The peers' figures are those of ../shared/bench/README.md (same workloads, same data shape, same kind of
machine, server stack on one core, wrk with 1 thread and 16 connections on the other).
Usage: table.py BENCH_DIR"""
import os
import statistics
import sys

d = sys.argv[1]
# label, workload, Datasette 0.64.8 req/s, Platformatic DB 2.61, PostgreSQL 15 floor (pgbench), goal
WORKLOADS = [
    ("a_by_id", "(a) one case by id, random of 1,000", 1484, "3,341/s, p99 19 ms", "22,746/s, p99 2.2 ms", ">= 11,000/s"),
    ("b_page", "(b) country=FR, 2019-2022, 50 rows", 361, "936/s, p99 44 ms", "2,862/s, p99 18 ms", ">= 1,430/s"),
    ("c_search", "(c) full-text search \"telegram\", 20 rows", 51, "no full-text search", "4,752/s, p99 10 ms", ">= 2,400/s"),
    ("d_facet", "(d) facet by country, case_type=seizure", 9.6, "no facets", "54/s, p99 443 ms", ">= 500/s"),
    ("f_stats", "(f) counts and sums by country and year", None, "none", "-", ">= 500/s"),
]
DATASETTE_P99 = {"a_by_id": "38 ms", "b_page": "78 ms", "c_search": "548 ms", "d_facet": "2.5 s"}

runs = {}
path = os.path.join(d, "results.txt")
if os.path.exists(path):
    for line in open(path, encoding="utf-8"):
        parts = line.split()
        if len(parts) < 3 or not parts[1].startswith("run="):
            continue
        runs.setdefault(parts[0], []).append(dict(p.split("=", 1) for p in parts[2:] if "=" in p))
bulk = {}
path = os.path.join(d, "bulk.txt")
if os.path.exists(path):
    for line in open(path, encoding="utf-8"):
        if "=" in line:
            k, v = line.rstrip("\n").split("=", 1)
            bulk[k] = v


def num(x, digits=0):
    return f"{x:,.{digits}f}"


def median(label, key):
    values = [float(r[key]) for r in runs.get(label, []) if key in r]
    return statistics.median(values) if values else None


print()
print("| workload (16 connections; service + PostgreSQL on one core) | ArmsTrace req/s | p99 ms | x Datasette "
      "| Datasette 0.64.8 | Platformatic DB 2.61 | PostgreSQL 15 floor | goal |")
print("|---|---|---|---|---|---|---|---|")
problems = []
for label, name, datasette, platformatic, floor, goal in WORKLOADS:
    rps, p99 = median(label, "rps"), median(label, "p99_ms")
    errors = sum(int(r.get(k, 0)) for r in runs.get(label, []) for k in ("non2xx", "connect", "read", "write", "timeout"))
    if errors:
        problems.append(f"{label}: {errors} non-2xx answers or socket errors in the timed runs (see results.txt.raw)")
    ours = "-" if rps is None else num(rps, 1 if rps < 100 else 0)
    ours_p99 = "-" if p99 is None else num(p99, 1 if p99 < 100 else 0)
    ratio = "-" if rps is None or datasette is None else f"{rps / datasette:,.1f}x"
    peer = "none" if datasette is None else f"{num(datasette, 1 if datasette < 100 else 0)}/s, p99 {DATASETTE_P99[label]}"
    print(f"| {name} | {ours} | {ours_p99} | {ratio} | {peer} | {platformatic} | {floor} | {goal} |")

print()
print("| bulk work | ArmsTrace | x Datasette | Datasette 0.64.8 | Platformatic DB 2.61 | PostgreSQL 15 | goal |")
print("|---|---|---|---|---|---|---|")
export_s = bulk.get("export_s")
if export_s:
    ratio = f"{2.73 / float(export_s):,.1f}x" if float(export_s) > 0 else "-"
    ours = (f"{float(export_s):.2f} s (median of 3), {bulk.get('export_mb', '?')} MB, HTTP {bulk.get('export_status', '?')}, "
            f"peak RSS {bulk.get('export_rss', '?')} MiB over the exports ({bulk.get('total_rss', '?')} MiB since start)")
else:
    ratio, ours = "-", "not measured"
print(f"| (e) every record as CSV | {ours} | {ratio} | 2.73 s, server RSS 61 MB "
      f"| no CSV (one JSON page: 1.68 s, 734 MB) | COPY 0.49 s | <= 1.0 s, <= 256 MiB |")
print(f"| import of {bulk.get('rows', '?')} rows in one request | HTTP {bulk.get('import_status', '?')}, "
      f"{float(bulk.get('import_s', 'nan')):.1f} s, peak RSS {bulk.get('import_rss', '?')} MiB | - | - | - | - "
      f"| <= 30 s, <= 512 MiB |")
print(f"| release of everything | HTTP {bulk.get('release_status', '?')}, {float(bulk.get('release_s', 'nan')):.2f} s "
      f"| - | - | - | - | <= 10 s |")
print()
print("x Datasette: our req/s divided by Datasette's; for the export, Datasette's seconds divided by ours (higher is "
      "better). Peak RSS is the Java process's (VmHWM, reset before the exports where the kernel allows it, so it "
      "starts from the heap already resident); the embedded PostgreSQL's processes are not in it.")
if bulk.get("rows") != "100000":
    print(f"WARNING {bulk.get('rows', '?')} rows here, 100,000 for the peers: the x Datasette ratios compare unlike sizes.")
for p in problems:
    print(f"WARNING {p}")
if bulk.get("import_status") not in ("200", "201"):
    print("WARNING the single import failed; the reads ran on data imported in parts")
