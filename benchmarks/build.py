"""Index build rate on a generated corpus of real text, next to a bare encode() of the same passages,
and the cost of a rebuild after one document changes (the embedding cache at work). The model is not
adapted to the generated FAQ here (it would be by default: it has over 50 entries), so that the figures
are the embedding pipeline's.

    python benchmarks/build.py [--passages 20000] [--stackfaq PATH] [--json]

Passages are FAQ entries recombined from StackFAQ: a real question or paraphrase with two or three
real answer sentences, spread over 100 JSON Lines files. Nothing of StackFAQ is written into the
repository (the corpus lives in a temporary folder).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
DEFAULT_XML = HERE.parent.parent / "shared" / "benchmarks" / "stackfaq" / "stackExchange-FAQ.xml"
FILES = 100


def generate(xml: Path, count: int, folder: Path, seed: int = 0) -> None:
    import stackfaq
    from chatbot.text import sentences

    threads = stackfaq.read_threads(xml)
    questions = [q for t in threads for q in [t["question"], *t["queries"]]]
    pool = [s for t in threads for s in sentences(t["answer"]) if 20 <= len(s) <= 300]
    rng = random.Random(seed)
    per_file = -(-count // FILES)
    n = 0
    for f in range(FILES):
        with open(folder / f"part{f:03d}.jsonl", "w", encoding="utf-8") as out:
            for _ in range(per_file):
                if n == count:
                    break
                answer = " ".join(rng.sample(pool, rng.randint(2, 3)))
                out.write(json.dumps({"question": f"{rng.choice(questions)} (#{n})", "answer": answer}) + "\n")
                n += 1


def measure(count: int, xml: Path, embedder_kind: str = "onnx") -> dict:
    """`embedder_kind`: "onnx" (what `chatbot build` uses by default) or "torch" (sentence-transformers)."""
    from chatbot import Chatbot, Settings
    from chatbot.reading.corpus import Corpus
    from chatbot.search.embedder import load_embedder

    embedder = load_embedder(Settings(embedder=embedder_kind))
    embedder.encode(["warm up"])
    with tempfile.TemporaryDirectory() as tmp:
        corpus, index = Path(tmp) / "corpus", Path(tmp) / "index"
        corpus.mkdir()
        generate(xml, count, corpus)
        # The embedding pipeline alone: tuning the model on the FAQ first (adaptation.py) is timed apart.
        settings = Settings(corpus=corpus, index_dir=index, adapt_model=False)
        texts = [p.text for p in Corpus.open(corpus).load().passages]

        start = time.perf_counter()
        embedder.encode(texts)
        bare = time.perf_counter() - start

        start = time.perf_counter()
        bot = Chatbot.load(settings=settings, embedder=embedder)
        full = time.perf_counter() - start
        views = bot.index.manifest["counts"]["views"]

        changed = corpus / "part000.jsonl"
        lines = changed.read_text(encoding="utf-8").splitlines()
        entry = json.loads(lines[0])
        entry["answer"] += " This sentence was added to one entry."
        changed.write_text("\n".join([json.dumps(entry), *lines[1:]]) + "\n", encoding="utf-8")
        start = time.perf_counter()
        again = Chatbot.load(settings=settings, embedder=embedder)
        incremental = time.perf_counter() - start
    return {
        "embedder": type(embedder).__name__, "passages": len(texts), "views": views,
        "bare_encode_passages_per_s": round(len(texts) / bare, 1),
        "build_passages_per_s": round(len(texts) / full, 1),
        "build_rate_ratio": round(bare / full, 3),
        "full_build_s": round(full, 1), "one_file_changed_rebuild_s": round(incremental, 2),
        "rebuild_share": round(incremental / full, 4), "rebuild_embedded_texts": again.report.embedded,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=20000)
    parser.add_argument("--stackfaq", type=Path, default=DEFAULT_XML)
    parser.add_argument("--embedder", choices=["onnx", "torch"], default="onnx")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    r = measure(args.passages, args.stackfaq, args.embedder)
    print(json.dumps(r) if args.json else json.dumps(r, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
