"""Run every benchmark, write results/results.json, results/results.md and PNG plots.

    python benchmarks/run_all.py            # full size (about 25 minutes on 2 cores)
    python benchmarks/run_all.py --tiny     # every script end to end on tiny sizes (a minute or two)

Timings are reported as medians and as ratios measured in the same run, since these machines are noisy.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
sys.path.insert(0, str(HERE))

FULL = {"latency_rounds": 5, "cold_runs": 5, "build_passages": 20000, "scale_sizes": [10_000, 100_000, 1_000_000],
        "scale_exact_limit": None, "clients": [1, 8, 32], "client_seconds": 15, "quality_limit": None}
TINY = {"latency_rounds": 1, "cold_runs": 1, "build_passages": 300, "scale_sizes": [2_000, 6_000],
        "scale_exact_limit": 3_000, "clients": [1, 2], "client_seconds": 2, "quality_limit": 20}


STEPS = ("latency", "cold_start", "build", "scale", "concurrency", "quality")


def run(size: dict, out: Path, only: list[str] | None = None) -> dict:
    import build
    import coldstart
    import concurrency
    import latency
    import quality
    import scale
    from chatbot import Chatbot
    from chatbot.evaluation import load_cases

    xml = SHARED / "benchmarks" / "stackfaq" / "stackExchange-FAQ.xml"
    dev = SHARED / "eval" / "dev.jsonl"
    previous = out / "results.json"
    results: dict = json.loads(previous.read_text(encoding="utf-8")) if only and previous.exists() else {"seconds": {}}
    results["date"] = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    results["machine"] = f"{platform.machine()}, {_cores()} cores, {_memory_gib()} GiB, Python {platform.python_version()}"

    def timed(name, fn):
        if only and name not in only:
            return
        start = time.perf_counter()
        print(f"[{name}] ...", file=sys.stderr, flush=True)
        results[name] = fn()
        results["seconds"][name] = round(time.perf_counter() - start, 1)
        print(f"[{name}] {json.dumps(results[name])[:300]}", file=sys.stderr, flush=True)

    cases = load_cases(dev) if dev.exists() else [{"question": q, "history": []} for q in latency.FALLBACK]
    timed("latency", lambda: latency.measure(Chatbot.load(), cases, size["latency_rounds"]))
    timed("cold_start", lambda: coldstart.measure(size["cold_runs"]))
    timed("build", lambda: build.measure(size["build_passages"], xml))
    timed("scale", lambda: scale.measure(size["scale_sizes"], xml, size["scale_exact_limit"]))
    timed("concurrency", lambda: concurrency.measure(size["clients"], size["client_seconds"]))
    timed("quality", lambda: quality.run_suite(list(quality.SETS), SHARED, out / "tmp" / "quality",
                                               limit=size["quality_limit"]))
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (out / "results.md").write_text(markdown(results), encoding="utf-8")
    plots(results, out)
    return results


def _cores() -> int:
    import os

    return os.cpu_count() or 0


def _memory_gib() -> int:
    import psutil

    return round(psutil.virtual_memory().total / 2**30)


def _mark(ok: bool) -> str:
    return "met" if ok else "**not met**"


def markdown(r: dict) -> str:
    import quality

    lat, cold, bld, con = r["latency"], r["cold_start"], r["build"], r["concurrency"]
    big = r["scale"][-1]
    most = con["runs"][-1]
    lines = [
        f"Measured {r['date']} on {r['machine']}.",
        "",
        "| what | this project | floor or baseline, same run | ratio | target | |",
        "|---|---|---|---|---|---|",
        f"| warm `answer()` p50 (p95) | {lat['answer_p50_ms']} ms ({lat['answer_p95_ms']}) | bare `encode()` "
        f"{lat['encode_p50_ms']} ms ({lat['encode_p95_ms']}) | {lat['ratio_p50']} | ≤ 1.3 | {_mark(lat['ratio_p50'] <= 1.3)} |",
        f"| warm `answer()` p50, {lat['embedder']} | {lat['answer_p50_ms']} ms | torch `encode()` "
        f"{lat['torch_encode_p50_ms']} ms | {lat['ratio_to_torch_encode_p50']} | ≤ 0.6 | "
        f"{_mark(lat['ratio_to_torch_encode_p50'] <= 0.6)} |",
        f"| cold `chatbot ask`, median of {cold['runs']} | {cold['ask_median_s']} s | torch path "
        f"{cold['torch_ask_median_s']} s | {cold['ratio_to_torch']} | ≤ 2.0 s and ≤ 0.35 | "
        f"{_mark(cold['ask_median_s'] <= 2.0 and cold['ratio_to_torch'] <= 0.35)} |",
        f"| index build, {bld['passages']:,} passages ({bld['views']:,} texts embedded) | "
        f"{bld['build_passages_per_s']} passages/s | bare `encode()` {bld['bare_encode_passages_per_s']} passages/s | "
        f"{bld['build_rate_ratio']} | ≥ 0.85 | {_mark(bld['build_rate_ratio'] >= 0.85)} |",
        f"| rebuild after one file changed | {bld['one_file_changed_rebuild_s']} s ({bld['rebuild_embedded_texts']} "
        f"texts embedded) | full build {bld['full_build_s']} s | {bld['rebuild_share']} | < 0.05 | "
        f"{_mark(bld['rebuild_share'] < 0.05)} |",
        f"| search at {big['vectors']:,} vectors ({big['index']['type']}) | p50 {big['p50_ms']} ms, recall@10 "
        f"{big['recall_at_10']} | exact p50 {big['exact_p50_ms']} ms | "
        f"{round(big['p50_ms'] / big['exact_p50_ms'], 3)} | ≤ 2 ms, recall ≥ 0.95 | "
        f"{_mark(big['p50_ms'] <= 2 and big['recall_at_10'] >= 0.95)} |",
        f"| {most['clients']} clients on `POST /api/answer` | {most['throughput_per_s']} answers/s, "
        f"{most['errors']} errors | `answer()` from {con['in_process']['threads']} threads "
        f"{con['in_process']['answers_per_s']}/s | {con['throughput_over_in_process']} | ≥ 0.7, 0 errors | "
        f"{_mark(con['throughput_over_in_process'] >= 0.7 and most['errors'] == 0)} |",
        f"| open loop at {con['open_loop']['rate_per_s']}/s on `POST /api/answer` | p95 {con['open_loop']['p95_ms']} ms, "
        f"{con['open_loop']['errors']} errors | 1 client p50 {con['runs'][0]['p50_ms']} ms | "
        f"{con['open_loop_p95_over_single_p50']} | ≤ 4, 0 errors | "
        f"{_mark(bool(con['open_loop_p95_over_single_p50']) and con['open_loop_p95_over_single_p50'] <= 4 and con['open_loop']['errors'] == 0)} |",
        "",
        "Scale (exact search below 50,000 vectors, IVF above it):",
        "",
        "| vectors | index | p50 | exact p50 | recall@10 | peak memory | build |",
        "|---|---|---|---|---|---|---|",
    ]
    for s in r["scale"]:
        kind = s["index"]["type"] + (f" (nlist {s['index']['nlist']}, nprobe {s['index']['nprobe']})"
                                     if s["index"]["type"] != "flat" else "")
        lines.append(f"| {s['vectors']:,} | {kind} | {s['p50_ms']} ms | {s['exact_p50_ms']} ms | {s['recall_at_10']} "
                     f"| {s['peak_rss_mib']} MiB | {s['build_s']} s |")
    lines += ["", "Many users (closed loop, each client asks again as soon as it has its answer):", "",
              "| API | clients | answers/s | p50 | p95 | errors | busy replies |", "|---|---|---|---|---|---|---|"]
    for api, runs in (("REST", con["runs"]), ("Gradio", con.get("gradio_runs", []))):
        for c in runs:
            lines.append(f"| {api} | {c['clients']} | {c['throughput_per_s']} | {c['p50_ms']} ms | {c['p95_ms']} ms | "
                         f"{c['errors']} | {c['busy_replies']} |")
    lines += ["", "Quality (`benchmarks/quality.py`; Hit@1 counts an answer only when the bot did not decline, "
              "ranking Hit@1 ignores declines):", "", quality.table(r["quality"])]
    return "\n".join(lines) + "\n"


def plots(r: dict, out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 4, figsize=(18, 4))
    lat = r["latency"]
    axes[0].bar(["torch encode()", "encode()", "answer()"],
                [lat["torch_encode_p50_ms"], lat["encode_p50_ms"], lat["answer_p50_ms"]], color=["#ccc", "#999", "#2a7"])
    axes[0].set_title(f"Warm latency p50 (answer/torch encode {lat['ratio_to_torch_encode_p50']})")
    axes[0].set_ylabel("ms")
    sizes = [s["vectors"] for s in r["scale"]]
    axes[1].loglog(sizes, [s["exact_p50_ms"] for s in r["scale"]], "o--", label="exact")
    axes[1].loglog(sizes, [s["p50_ms"] for s in r["scale"]], "o-", label="chosen index")
    axes[1].axhline(2, color="red", lw=0.8, ls=":", label="2 ms target")
    axes[1].set_title("Search p50 by index size")
    axes[1].set_xlabel("vectors")
    axes[1].set_ylabel("ms")
    axes[1].legend()
    con = r["concurrency"]["runs"]
    axes[2].plot([c["clients"] for c in con], [c["p50_ms"] for c in con], "o-", label="p50")
    axes[2].plot([c["clients"] for c in con], [c["p95_ms"] for c in con], "o-", label="p95")
    twin = axes[2].twinx()
    twin.plot([c["clients"] for c in con], [c["throughput_per_s"] for c in con], "s:", color="gray", label="answers/s")
    twin.set_ylabel("answers/s")
    axes[2].set_title("Concurrent clients, REST API")
    axes[2].set_xlabel("clients")
    axes[2].set_ylabel("ms")
    axes[2].legend(loc="upper left")
    names, values, colors = [], [], []
    for set_name, systems in r["quality"].items():
        for system, q in systems.items():
            if system == "reliability":
                continue
            names.append(f"{set_name}\n{system}")
            values.append(q["ranking_hit_at_1"])
            colors.append("#2a7" if system == "this project" else "#999")
    axes[3].bar(range(len(values)), values, color=colors)
    axes[3].set_xticks(range(len(values)), names, fontsize=7, rotation=35, ha="right")
    axes[3].set_ylim(0, 1)
    axes[3].set_title("Ranking Hit@1")
    fig.suptitle(f"{r['date']} · {r['machine']}")
    fig.tight_layout()
    fig.savefig(out / "benchmarks.png", dpi=110)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", action="store_true", help="tiny sizes: checks that everything runs")
    parser.add_argument("--out", type=Path, default=HERE / "results")
    parser.add_argument("--only", help=f"comma-separated steps to re-run into an existing results.json ({', '.join(STEPS)}); "
                                         "'report' only rewrites the table and plot")
    args = parser.parse_args(argv)
    results = run(TINY if args.tiny else FULL, args.out, args.only.split(",") if args.only else None)
    print((args.out / "results.md").read_text(encoding="utf-8"))
    print(f"total {sum(results['seconds'].values()):.0f} s; files in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
