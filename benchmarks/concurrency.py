"""Many users at once: N concurrent clients asking through the running web server's API on 127.0.0.1.

    python benchmarks/concurrency.py [--clients 1,8,32] [--seconds 15] [--json]

The server is started as `chatbot serve` would start it, on a free port of 127.0.0.1, and stopped at
the end. Each client asks questions one after another through Gradio's REST API (POST, then read the
result stream) until the time is up or it has asked --max-requests; errors are counted, never retried.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ["How much do ML engineers earn in New York?", "What skills does an ML engineer need?",
             "How many machine learning engineer jobs were there in 2016?", "Where can I buy a bicycle?",
             "What are the challenges faced by machine learning engineers?", "Which company offers the Data "
             "Science Certification?", "Is machine learning engineering a rewarding career?"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, env: dict) -> subprocess.Popen:
    server = subprocess.Popen([sys.executable, "-m", "chatbot", "serve", "--port", str(port)], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.5)
    server.kill()
    raise RuntimeError("the server did not come up within 180 s")


def ask(client: httpx.Client, base: str, question: str) -> str:
    posted = client.post(f"{base}/gradio_api/call/chat", json={"data": [question]}, timeout=60)
    posted.raise_for_status()
    result = client.get(f"{base}/gradio_api/call/chat/{posted.json()['event_id']}", timeout=60)
    result.raise_for_status()
    if "event: complete" not in result.text:
        raise RuntimeError(result.text[:200])
    return result.text


def run_clients(base: str, clients: int, seconds: float, max_requests: int) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    busy = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def loop(n: int):
        with httpx.Client() as client:
            i = n
            while time.monotonic() < stop:
                with lock:
                    if len(latencies) + len(errors) >= max_requests:
                        return
                start = time.perf_counter()
                try:
                    text = ask(client, base, QUESTIONS[i % len(QUESTIONS)])
                    with lock:
                        latencies.append(time.perf_counter() - start)
                        busy[0] += "busy" in text
                except Exception as exc:  # noqa: BLE001 - counted, not retried
                    with lock:
                        errors.append(repr(exc))
                i += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=loop, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "clients": clients, "requests": len(latencies), "errors": len(errors), "busy_replies": busy[0],
        "throughput_per_s": round(len(latencies) / elapsed, 2),
        "p50_ms": round(statistics.median(ordered) * 1000, 1) if ordered else None,
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 1) if ordered else None,
    }


def measure(clients: list[int], seconds: float, max_requests: int = 5000) -> dict:
    import psutil

    port = free_port()
    server = start_server(port, dict(os.environ))
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client() as client:
            for q in QUESTIONS:
                ask(client, base, q)  # warm up
        rss_start = psutil.Process(server.pid).memory_info().rss
        runs = [run_clients(base, n, seconds, max_requests) for n in clients]
        rss_end = psutil.Process(server.pid).memory_info().rss
    finally:
        server.terminate()
        server.wait(timeout=30)
    single = next((r for r in runs if r["clients"] == 1), None)
    most = runs[-1]
    return {"runs": runs, "server_rss_mib": [round(rss_start / 2**20), round(rss_end / 2**20)],
            "p95_over_single_p50": round(most["p95_ms"] / single["p50_ms"], 2) if single and most["p95_ms"] else None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", default="1,8,32")
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--max-requests", type=int, default=5000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    r = measure([int(c) for c in args.clients.split(",")], args.seconds, args.max_requests)
    print(json.dumps(r, indent=None if args.json else 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
