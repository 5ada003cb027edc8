#!/usr/bin/python3
"""Turns the JSON lines written by bench/run.sh into Markdown tables and a
verdict on the targets of the "Speed" issue.

    /usr/bin/python3 bench/report.py RESULTS.jsonl

Lines come from two writers: the load generator (mode unary/stream/upload) and
run.sh itself (mode memory: the server's RSS around the upload).
"""

import json
import sys

UNARY_RATIO_TARGET = 2.0
P99_TARGET_MS = 2.0
STREAM_TARGET = 100_000
OTHER_CPU_WARN_PCT = 10
OURS, PYTHON = "ours", "python"


def load(path):
    runs, order = {}, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line.startswith("{"):
                continue
            r = json.loads(line)
            server = r.get("server", "?")
            if server not in runs:
                runs[server] = {}
                order.append(server)
            runs[server][r["mode"]] = r
    return runs, order


def num(value, fmt="{:,.0f}"):
    return "n/a" if value is None else fmt.format(value)


def mib(kb):
    return None if kb is None else kb / 1024


def main(path):
    runs, order = load(path)
    if not runs:
        print("report: no results in " + path, file=sys.stderr)
        return 1

    first = next(iter(runs.values()))
    unary_cfg = first.get("unary", {})
    stream_cfg = first.get("stream", {})
    upload_cfg = first.get("upload", {})
    print()
    print(
        f"unary: {unary_cfg.get('concurrency', '?')} closed-loop callers over "
        f"{unary_cfg.get('conns', '?')} HTTP/2 connection(s), {unary_cfg.get('req_size', '?')} B request payload, "
        f"{unary_cfg.get('resp_size', '?')} B response payload, {unary_cfg.get('duration_s', '?')} s measured; "
        f"stream: {stream_cfg.get('streams', '?')} stream(s) of {stream_cfg.get('msgs_per_call', '?')} x "
        f"{stream_cfg.get('msg_size', '?')} B messages per call; upload: one call of "
        f"{upload_cfg.get('bytes', 0) / (1 << 20):.0f} MiB in {upload_cfg.get('chunk', '?')} B chunks."
    )
    print()
    print("| server | unary calls/s | p50 (ms) | p99 (ms) | stream msgs/s | upload MiB/s | RSS before upload (MiB) | peak RSS during upload (MiB) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for server in order:
        r = runs[server]
        u, s, up, m = (r.get(k) or {} for k in ("unary", "stream", "upload", "memory"))
        print(
            f"| {server} | {num(u.get('calls_per_s'))} | {num(u.get('p50_ms'), '{:.3f}')} | "
            f"{num(u.get('p99_ms'), '{:.3f}')} | {num(s.get('msgs_per_s'))} | {num(up.get('mib_per_s'), '{:,.1f}')} | "
            f"{num(mib(m.get('rss_before_kb')), '{:.1f}')} | {num(mib(m.get('peak_kb')), '{:.1f}')} |"
        )

    print()
    print("Details (CPU is % of one core during the measured window; the machine has 2 cores shared by server and load generator):")
    print()
    print("| server | unary p90 | unary p99.9 | unary max | unary errors | server CPU unary | loadgen CPU unary | other CPU unary | server CPU stream | other CPU stream | stream errors | upload ok | peak RSS source |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|")
    for server in order:
        r = runs[server]
        u, s, up, m = (r.get(k) or {} for k in ("unary", "stream", "upload", "memory"))
        print(
            f"| {server} | {num(u.get('p90_ms'), '{:.3f}')} | {num(u.get('p999_ms'), '{:.3f}')} | "
            f"{num(u.get('max_ms'), '{:.3f}')} | {num(u.get('errors'))} | {num(u.get('server_cpu_pct'), '{:.0f}%')} | "
            f"{num(u.get('client_cpu_pct'), '{:.0f}%')} | {num(u.get('other_cpu_pct'), '{:.0f}%')} | "
            f"{num(s.get('server_cpu_pct'), '{:.0f}%')} | {num(s.get('other_cpu_pct'), '{:.0f}%')} | {num(s.get('errors'))} | {up.get('aggregated_ok', 'n/a')} | {m.get('peak_source', 'n/a')} |"
        )

    busy = [
        f"{server} {mode} {r['other_cpu_pct']:.0f}%"
        for server in order
        for mode, r in runs[server].items()
        if r.get("other_cpu_pct", 0) > OTHER_CPU_WARN_PCT
    ]
    if busy:
        print()
        print(
            f"WARNING: other processes used more than {OTHER_CPU_WARN_PCT}% of a core during: {', '.join(busy)}. "
            "Those figures are skewed; rerun on an idle machine."
        )

    print()
    print("Targets (for our server):")
    ours = runs.get(OURS, {})
    python = runs.get(PYTHON, {})
    ours_rate = (ours.get("unary") or {}).get("calls_per_s")
    py_rate = (python.get("unary") or {}).get("calls_per_s")
    checks = []
    if ours_rate and py_rate:
        ratio = ours_rate / py_rate
        checks.append((f"unary throughput ours/python = {ratio:.2f}x (target >= {UNARY_RATIO_TARGET:g}x)", ratio >= UNARY_RATIO_TARGET))
    else:
        checks.append(("unary throughput ours/python: missing a result", None))
    p99 = (ours.get("unary") or {}).get("p99_ms")
    checks.append((f"unary p99 = {num(p99, '{:.3f}')} ms (target < {P99_TARGET_MS:g} ms)", None if p99 is None else p99 < P99_TARGET_MS))
    rate = (ours.get("stream") or {}).get("msgs_per_s")
    checks.append((f"server streaming = {num(rate)} msgs/s (target >= {STREAM_TARGET:,})", None if rate is None else rate >= STREAM_TARGET))
    up, m = ours.get("upload") or {}, ours.get("memory") or {}
    if up and m.get("peak_kb") is not None and m.get("rss_before_kb") is not None:
        growth = mib(m["peak_kb"] - m["rss_before_kb"])
        size = up["bytes"] / (1 << 20)
        # A server that buffers the upload grows by about its size; half of it is the line drawn here.
        bounded = up.get("aggregated_ok") and growth < size / 2
        checks.append((
            f"{size:.0f} MiB upload: aggregated_payload_size {'matches' if up.get('aggregated_ok') else 'DOES NOT match'}, "
            f"peak RSS {mib(m['peak_kb']):.1f} MiB = {growth:+.1f} MiB over the {mib(m['rss_before_kb']):.1f} MiB before "
            f"(bounded if growth < half the upload)",
            bounded,
        ))
    else:
        checks.append(("upload memory: missing a result", None))
    for text, ok in checks:
        mark = "n/a " if ok is None else ("MET " if ok else "MISS")
        print(f"- [{mark}] {text}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
