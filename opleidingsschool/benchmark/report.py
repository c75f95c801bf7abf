"""The one table `make bench` prints (and docs/performance.md records)."""

from __future__ import annotations


def _ms(microseconds: int) -> str:
    return f"{microseconds / 1000:.0f}"


def _thousands(calls) -> str:
    return "-" if calls is None else f"{calls / 1000:.1f}k"


def _who(page: dict) -> str:
    who = page["who"].split("@")[0]
    return who if page.get("session", True) else f"{who} (no cookie)"


def table(results: dict) -> str:
    demo, scale = results["demo"], results["scale"]
    bare_demo, bare_scale = demo["bare"]["rps"], scale["bare"]["rps"]
    header = (
        "| page | who | queries demo/scale | Python calls demo/scale | HTML KB scale "
        "| req/s demo | req/s scale "
        "| % bare (scale) | p50 ms | p95 ms | p99 ms | p95 demo ms | p95 scale/demo | errors |"
    )
    lines = [header, "|" + "---|" * 14]
    lines.append(
        f"| bare Django view | - | 0/0 | - | 0 | {bare_demo:.0f} | {bare_scale:.0f} | 100 "
        f"| {_ms(scale['bare']['p50'])} | {_ms(scale['bare']['p95'])} | {_ms(scale['bare']['p99'])} "
        f"| {_ms(demo['bare']['p95'])} | - | {scale['bare']['errors'] + scale['bare']['non2xx']} |"
    )
    for key, page in scale["pages"].items():
        small = demo["pages"][key]
        bare = page.get("bare_rps", bare_scale)  # the bare view's run right before this one
        ratio = page["p95"] / small["p95"] if small["p95"] else 0
        status = "" if page["status"] == 200 and small["status"] == 200 else (
            f" (HTTP {small['status']}/{page['status']})")
        lines.append(
            f"| {key}{status} | {_who(page)} | {small['queries']}/{page['queries']} "
            f"| {_thousands(small.get('calls'))}/{_thousands(page.get('calls'))} "
            f"| {page['bytes'] / 1024:.0f} | {small['rps']:.0f} | {page['rps']:.0f} "
            f"| {100 * page['rps'] / bare:.1f} | {_ms(page['p50'])} | {_ms(page['p95'])} "
            f"| {_ms(page['p99'])} | {_ms(small['p95'])} | {ratio:.2f} "
            f"| {page['errors'] + page['non2xx']} |"
        )
    lines.append("")
    beside = [run["bare_rps"] for page in scale["pages"].values() for run in page.get("runs", ())]
    if beside:
        rounds = max(len(page.get("runs", ())) for page in scale["pages"].values())
        lines.append(
            f"each page: the fastest of {rounds} run(s) per size; % bare against the bare view "
            f"run right before it ({min(beside):.0f}-{max(beside):.0f} req/s in this run)")
    for size in ("demo", "scale"):
        mix = results[size]["mix"]
        lines.append(
            f"{size}: {mix.get('users', 50)}-user page mix: {mix['requests']} requests, "
            f"{mix['rps']:.0f} req/s, "
            f"p50 {_ms(mix['p50'])} ms, p95 {_ms(mix['p95'])} ms, p99 {_ms(mix['p99'])} ms, "
            f"errors {mix['errors'] + mix['non2xx']}"
        )
    sweep = results["sweep"]
    lines.append(
        f"reminder sweep: {sweep['done']} of {sweep['count']} due reminders sent in "
        f"{sweep['seconds']:.1f} s (send_due_reminders + a worker with 2 processes, locmem mail)"
    )
    if "seed_scale" in results.get("timings", {}):
        lines.append(f"seed_scale took {results['timings']['seed_scale']:.0f} s")
    return "\n".join(lines)


def pages_table(results: dict, size: str) -> str:
    """One size's figures on their own, printed as soon as that size is measured."""
    measured = results[size]
    bare = measured["bare"]["rps"]
    lines = [f"(bare view {bare:.0f} req/s)",
             "| page | queries | KB | req/s | % bare | p50 | p95 | p99 ms | errors |"]
    for key, page in measured["pages"].items():
        lines.append(
            f"| {key} | {page['queries']} | {page['bytes'] / 1024:.0f} | {page['rps']:.0f} "
            f"| {100 * page['rps'] / page.get('bare_rps', bare):.1f} | {_ms(page['p50'])} "
            f"| {_ms(page['p95'])} | {_ms(page['p99'])} | {page['errors'] + page['non2xx']} |"
        )
    mix = measured["mix"]
    lines.append(f"mix: {mix['rps']:.0f} req/s, p99 {_ms(mix['p99'])} ms, errors "
                 f"{mix['errors'] + mix['non2xx']}")
    return "\n".join(lines)
