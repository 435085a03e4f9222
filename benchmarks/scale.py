"""Vector search at scale: exact search next to the index type the project picks by size.

    python benchmarks/scale.py [--sizes 10000,100000,1000000] [--json]

Vectors are real all-MiniLM-L6-v2 embeddings of StackFAQ answer sentences, recombined (one plus a
random fraction of another) with small noise, so they keep the structure of real text; queries are
the embeddings of StackFAQ's user paraphrases. Each size runs in its own process so that its peak
memory (max RSS) is its own. recall@10 is measured against exact search on the same vectors.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
DEFAULT_XML = HERE.parent.parent / "shared" / "benchmarks" / "stackfaq" / "stackExchange-FAQ.xml"
QUERIES = 200


def real_embeddings(xml: Path, folder: Path) -> tuple[Path, Path]:
    import stackfaq
    from chatbot.search.embedder import SentenceTransformerEmbedder
    from chatbot.text import sentences

    threads = stackfaq.read_threads(xml)
    texts = list(dict.fromkeys(s for t in threads for s in sentences(t["answer"]) if len(s) >= 20))[:4000]
    queries = [q for t in threads for q in t["queries"]][:QUERIES]
    embedder = SentenceTransformerEmbedder()
    base, query = folder / "base.npy", folder / "queries.npy"
    np.save(base, embedder.encode(texts))
    np.save(query, embedder.encode(queries))
    return base, query


def synthesize(base: np.ndarray, n: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out = np.empty((n, base.shape[1]), dtype=np.float32)
    for start in range(0, n, 100_000):
        m = min(100_000, n - start)
        mix = base[rng.integers(len(base), size=m)] + rng.random((m, 1), dtype=np.float32) * base[
            rng.integers(len(base), size=m)]
        mix += rng.normal(0, 0.01, mix.shape).astype(np.float32)
        out[start:start + m] = mix / np.linalg.norm(mix, axis=1, keepdims=True)
    return out


def one_size(n: int, base_path: Path, query_path: Path, exact_limit: int | None) -> dict:
    import faiss

    from chatbot.search.index import make_vector_index

    matrix = synthesize(np.load(base_path), n)
    queries = np.load(query_path)
    start = time.perf_counter()
    chosen, params = make_vector_index(matrix, exact_limit=exact_limit)
    build_s = time.perf_counter() - start
    exact = faiss.IndexFlatIP(matrix.shape[1])
    exact.add(matrix)

    def p50(index) -> tuple[float, np.ndarray]:
        times, found = [], []
        for q in queries:
            t = time.perf_counter()
            _, ids = index.search(q.reshape(1, -1), 10)
            times.append(time.perf_counter() - t)
            found.append(ids[0])
        return statistics.median(times) * 1000, np.array(found)

    exact_ms, truth = p50(exact)
    chosen_ms, found = p50(chosen)
    recall = float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(found, truth)]))
    return {"vectors": n, "index": params, "build_s": round(build_s, 1), "exact_p50_ms": round(exact_ms, 3),
            "p50_ms": round(chosen_ms, 3), "recall_at_10": round(recall, 4),
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def measure(sizes: list[int], xml: Path, exact_limit: int | None = None) -> list[dict]:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        base, queries = real_embeddings(xml, Path(tmp))
        for n in sizes:
            cmd = [sys.executable, __file__, "--one", str(n), "--base", str(base), "--queries", str(queries)]
            if exact_limit is not None:
                cmd += ["--exact-limit", str(exact_limit)]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--stackfaq", type=Path, default=DEFAULT_XML)
    parser.add_argument("--exact-limit", type=int, help="override the size above which search is approximate")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--base", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--queries", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one_size(args.one, args.base, args.queries, args.exact_limit)))
        return 0
    results = measure([int(s) for s in args.sizes.split(",")], args.stackfaq, args.exact_limit)
    print(json.dumps(results, indent=None if args.json else 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
