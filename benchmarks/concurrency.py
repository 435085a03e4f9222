"""Many users at once: N concurrent clients asking the running web server on 127.0.0.1.

    python benchmarks/concurrency.py [--clients 1,8,32] [--seconds 15] [--json]

The server is started as `chatbot serve` would start it, on a free port of 127.0.0.1, and stopped at
the end. Closed loop: each client asks questions one after another through the REST API (POST
/api/answer) until the time is up or it has asked --max-requests; errors are counted, never retried.
The same closed loop runs through Gradio's client protocol (/gradio_api/call/chat) for comparison.
Then, in the same run:

- the engine alone: `answer()` from as many threads as the most clients, in this process, while the
  server idles (target: REST answers/s >= 0.7 x this);
- open loop: questions arrive on the REST API at half the rate the most clients got, evenly spaced,
  whatever the answers take; latency counts from when a question was due (target: p95 <= 4 x the
  1-client p50).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
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


def start_server(port: int, env: dict, *options: str) -> subprocess.Popen:
    server = subprocess.Popen([sys.executable, "-m", "chatbot", "serve", "--port", str(port), *options], cwd=ROOT,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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


class Connection:
    """One keep-alive HTTP/1.1 connection from the standard library: a load generator that costs far less
    CPU per request than httpx, which matters when it shares two cores with the server."""

    def __init__(self):
        self._conn: http.client.HTTPConnection | None = None

    def post_json(self, base: str, path: str, body: dict) -> tuple[int, dict]:
        if self._conn is None:
            host, port = base.split("//", 1)[1].rstrip("/").split(":")
            self._conn = http.client.HTTPConnection(host, int(port), timeout=60)
        try:
            self._conn.request("POST", path, json.dumps(body), {"Content-Type": "application/json"})
            response = self._conn.getresponse()
            return response.status, json.loads(response.read())
        except (OSError, http.client.HTTPException):
            self.close()
            raise

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def api_ask(client: Connection, base: str, question: str) -> str:
    status, body = client.post_json(base, "/api/answer", {"question": question})
    if status == 429:
        return "busy"
    if status != 200:
        raise RuntimeError(f"{status}: {body}")
    return body["text"]


def run_clients(base: str, clients: int, seconds: float, max_requests: int, ask=ask, connect=httpx.Client) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    busy = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def loop(n: int):
        client = connect()
        try:
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
        finally:
            client.close()

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


def in_process(threads: int, seconds: float) -> dict:
    """answer() from `threads` threads in this process: what the engine gives without HTTP."""
    from chatbot import Chatbot

    bot = Chatbot.load()
    for q in QUESTIONS:
        bot.answer(q)
    done = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def loop(n: int):
        i = n
        while time.monotonic() < stop:
            bot.answer(QUESTIONS[i % len(QUESTIONS)])
            with lock:
                done[0] += 1
            i += 1

    started = time.perf_counter()
    workers = [threading.Thread(target=loop, args=(n,)) for n in range(threads)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    return {"threads": threads, "answers_per_s": round(done[0] / (time.perf_counter() - started), 2)}


def open_loop(base: str, rate: float, seconds: float) -> dict:
    """Questions due every 1/rate s on the REST API, each on its own connection slot, whatever came before."""
    from concurrent.futures import ThreadPoolExecutor

    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    local = threading.local()
    count = max(1, int(rate * seconds))

    def one(n: int, due: float):
        client = getattr(local, "client", None) or Connection()
        local.client = client
        try:
            text = api_ask(client, base, QUESTIONS[n % len(QUESTIONS)])
            if text == "busy":
                raise RuntimeError("busy")
            with lock:
                latencies.append(time.perf_counter() - due)
        except Exception as exc:  # noqa: BLE001 - counted, not retried
            with lock:
                errors.append(repr(exc))

    start = time.perf_counter() + 0.1
    with ThreadPoolExecutor(max_workers=64) as pool:
        for n in range(count):
            due = start + n / rate
            time.sleep(max(0.0, due - time.perf_counter()))
            pool.submit(one, n, due)
    ordered = sorted(latencies)
    return {"rate_per_s": round(rate, 2), "requests": len(ordered), "errors": len(errors),
            "p50_ms": round(statistics.median(ordered) * 1000, 1) if ordered else None,
            "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 1) if ordered else None}


def measure(clients: list[int], seconds: float, max_requests: int = 5000, *, log: bool = True) -> dict:
    import psutil

    port = free_port()
    # The server logs every question as it would in production, into a log of its own for this run.
    data = tempfile.TemporaryDirectory(prefix="chatbot-concurrency-")
    server = start_server(port, {**os.environ, "CHATBOT_DATA": data.name}, *([] if log else ["--no-log"]))
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client() as client:
            for q in QUESTIONS:
                ask(client, base, q)  # warm up
                api_ask(Connection(), base, q)
        rss_start = psutil.Process(server.pid).memory_info().rss
        runs = [run_clients(base, n, seconds, max_requests, ask=api_ask, connect=Connection) for n in clients]
        gradio_runs = [run_clients(base, n, seconds, max_requests) for n in clients[-1:]]
        engine = in_process(clients[-1], seconds)
        open_run = open_loop(base, runs[-1]["throughput_per_s"] / 2, seconds)
        rss_end = psutil.Process(server.pid).memory_info().rss
    finally:
        server.terminate()
        server.wait(timeout=30)
        data.cleanup()
    single = next((r for r in runs if r["clients"] == 1), None)
    most = runs[-1]
    return {"runs": runs, "gradio_runs": gradio_runs, "in_process": engine, "open_loop": open_run,
            "server_rss_mib": [round(rss_start / 2**20), round(rss_end / 2**20)],
            "throughput_over_in_process": round(most["throughput_per_s"] / engine["answers_per_s"], 3),
            "open_loop_p95_over_single_p50": (round(open_run["p95_ms"] / single["p50_ms"], 2)
                                              if single and open_run["p95_ms"] else None),
            "p95_over_single_p50": round(most["p95_ms"] / single["p50_ms"], 2) if single and most["p95_ms"] else None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", default="1,8,32")
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--max-requests", type=int, default=5000)
    parser.add_argument("--no-log", action="store_true", help="serve without the question log")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    r = measure([int(c) for c in args.clients.split(",")], args.seconds, args.max_requests, log=not args.no_log)
    print(json.dumps(r, indent=None if args.json else 2))
    if not args.json:
        most, engine, open_run = r["runs"][-1], r["in_process"], r["open_loop"]
        print(f"{most['clients']} clients on POST /api/answer: {most['throughput_per_s']} answers/s, {most['errors']} "
              f"errors; answer() from {engine['threads']} threads: {engine['answers_per_s']}/s: ratio "
              f"{r['throughput_over_in_process']} (target >= 0.7)\n"
              f"open loop at {open_run['rate_per_s']}/s: p95 {open_run['p95_ms']} ms, {open_run['errors']} errors; "
              f"ratio to the 1-client p50 {r['open_loop_p95_over_single_p50']} (target <= 4)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
