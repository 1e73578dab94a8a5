#!/usr/bin/env python3
"""Where a benchmarked run's time went, from caprune's call log (-Dcaprune.callLog=FILE).

Usage: bench-phases.py CALL_LOG START END   (START, END: the command's wall-clock start and end,
seconds since the epoch, as `date +%s.%N` prints them). Run by packaging/bench-scale.sh --phases
and packaging/bench-policy.sh --phases; see docs/benchmarks.md.

Per endpoint (a policy run's target) and for the run, in seconds from the command's start:
the JVM's start, the gateway's opening, the first call, the first and last write, the end; then
the write span against writes / 100 (the write quota), its slowest second, its longest pause
between two writes, and the tail after the last write.
"""
import collections
import sys

WRITES = {"DeletePackageVersions", "UpdatePackageVersionsStatus", "DisposePackageVersions",
          "DeletePackage"}


def main():
    path, start, end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    rows = []
    for line in open(path, encoding="utf-8"):
        parts = line.split()
        if len(parts) >= 5:
            rows.append((int(parts[0]) / 1e6 - start, int(parts[1]) / 1e6 - start, parts[2],
                         parts[3], parts[4]))
    wall = end - start
    jvm = [r for r in rows if r[2] == "jvm"]
    if jvm:
        print(f"JVM started          {jvm[0][0]:7.3f} s")
    endpoints = sorted({r[4] for r in rows if r[2] not in ("jvm",)})
    for ep in endpoints:
        mine = [r for r in rows if r[4] == ep]
        report(mine, wall, ep if len(endpoints) > 1 else None)
    print(f"exit                 {wall:7.3f} s")


def report(rows, wall, name):
    label = f"[{name}] " if name else ""
    opens = [r for r in rows if r[2] == "open"]
    closes = [r for r in rows if r[2] == "close"]
    calls = sorted((r for r in rows if r[2] not in ("open", "close")), key=lambda r: r[0])
    writes = [r for r in calls if r[2] in WRITES]
    reads = [r for r in calls if r[2] not in WRITES]
    for o in opens:
        print(f"{label}gateway opened       {o[0]:7.3f} s -> {o[1]:7.3f} s ({(o[1]-o[0])*1000:.0f} ms)")
    if calls:
        print(f"{label}first call sent      {calls[0][0]:7.3f} s  ({calls[0][2]})")
    if reads:
        first_list = next((r for r in reads if r[2] == "ListPackageVersions"), None)
        if first_list:
            print(f"{label}first version list   {first_list[0]:7.3f} s -> {first_list[1]:7.3f} s")
    if not writes:
        return
    first, last = writes[0][0], max(w[1] for w in writes)
    span = last - first
    bound = len(writes) / 100.0
    print(f"{label}first write sent     {first:7.3f} s")
    print(f"{label}last write answered  {last:7.3f} s")
    print(f"{label}write span           {span:7.3f} s for {len(writes)} writes"
          f" (writes / 100 = {bound:.2f} s; span / that = {span / bound if bound else 0:.3f})")
    starts = [w[0] for w in writes]
    gaps = sorted(((b - a), a) for a, b in zip(starts, starts[1:]))
    if gaps:
        g, at = gaps[-1]
        print(f"{label}longest pause        {g*1000:7.1f} ms between writes (at {at:.3f} s)")
    per_second = collections.Counter(int(s - first) for s in starts)
    full = [per_second[i] for i in range(int(span))]
    if full:
        print(f"{label}writes a second      min {min(full)}, median {sorted(full)[len(full)//2]},"
              f" max {max(full)} (whole seconds of the span)")
    lat = sorted(w[1] - w[0] for w in writes)
    print(f"{label}write latency        median {lat[len(lat)//2]*1000:.1f} ms,"
          f" p99 {lat[int(len(lat)*0.99)]*1000:.1f} ms")
    not_ok = sum(1 for r in calls if r[3] != "ok")
    if not_ok:
        print(f"{label}calls not ok         {not_ok}")
    for c in closes:
        print(f"{label}gateway closed       {c[0]:7.3f} s -> {c[1]:7.3f} s")
    print(f"{label}tail                 {wall - last:7.3f} s after the last write")
    print(f"{label}before the first write {first:5.3f} s; over the bound:"
          f" {wall - bound:.3f} s = {first:.3f} before + {span - bound:.3f} in the span"
          f" + {wall - last:.3f} after")


if __name__ == "__main__":
    main()
