"""Index: passages, their vectors (FAISS) and keyword statistics (BM25), stored as plain files.

Layout of an index folder:

    index/
      CURRENT                  name of the build in use (replaced atomically)
      build-<time>-<id>/
        manifest.json          model, dimension, corpus hash, settings, version, checksums of the files
        passages.jsonl         one Passage per line
        vectors.faiss          one unit vector per view (passage text, FAQ question, sentence)
        view_passage.npy       passage number of each view
        view_kind.npy          0 passage, 1 question, 2 sentence
        view_keys.txt          content hash of each view's text (the embedding cache key)
        vocabulary.txt         corpus words and their counts, for typo correction
        names.txt              corpus words written as names (Francisco, PuTTY), for correcting names
        bm25/                  bm25s files (JSON and .npy, no pickle)
        model/                 the model fine-tuned on this corpus's FAQ entries, when it was (adaptation.py)
        onnx/                  that model's ONNX export, made when the build is first opened

A build is written into a hidden folder, renamed into place, and only then named in CURRENT, so a
crash at any point leaves the previous build in use.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import re
import secrets
import shutil
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from .analyzer import WORD_JOINT, Analyzer, name_spans
from .embedder import Embedder
from ..errors import IndexCorruptError
from ..passage import Passage
from ..text import sentences, words

FORMAT_VERSION = 13
POINTER = "CURRENT"
MANIFEST = "manifest.json"
# The files Index.load reads (with those under bm25/), each listed in the manifest with its size and checksum.
REQUIRED_FILES = ("passages.jsonl", "vectors.faiss", "view_passage.npy", "view_kind.npy", "vocabulary.txt",
                  "names.txt")
ADAPTED_MODEL = "model"
VIEW_PASSAGE, VIEW_QUESTION, VIEW_SENTENCE = 0, 1, 2
# Vectors read back at a time, when all of them are read (Index.passage_mean).
MEAN_BLOCK = 65536
# A heading that names a command-line option, a parameter or a variable ("--abort", "-r", "<pathspec>...",
# "$HOME"), or a name in code ("`follow_max`"), not a topic.
_NAMES_AN_OPTION = re.compile(r"^(?:[-+]{1,2}[\w-]|[<$@%\[{`])")


def package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("faq-chatbot")
    except PackageNotFoundError:
        return "0+unknown"


def search_text(p: Passage) -> str:
    """Everything keyword matching may look at for one passage."""
    return "\n".join(filter(None, [p.title, p.section, *p.alternates, p.text]))


def views_of(p: Passage) -> list[tuple[int, str, str]]:
    """The texts embedded for one passage, as (kind, text to embed, sentence shown): the whole passage,
    its FAQ questions, and each of its sentences."""
    if p.kind == "faq":
        # Each answer sentence is embedded under its question, so that it says what it answers (this
        # is worth 3 StackFAQ queries and 1 dev case over bare sentences); the whole entry is embedded
        # too, since a question often matches the answer as a whole better than its own question.
        views = [(VIEW_QUESTION, q, "") for q in (p.question, *p.alternates) if q]
        views.append((VIEW_PASSAGE, p.text, ""))
        parts = [s for s in sentences(p.answer) if words(s)]
        if len(parts) > 1:
            views += [(VIEW_SENTENCE, f"{p.question}: {s}", s) for s in parts]
        return views
    body = p.text
    context = p.section
    if context and p.title and _NAMES_AN_OPTION.match(context):
        # An option's description ("--abort: Cancel the operation"), or a setting's named in code ("`follow_max`:
        # Number of redirects to follow"), does not say whose it is; the page it is on does ("git-cherry-pick(1)",
        # "Needle"). One under its command ("read › -r") says so already.
        context = f"{p.title} › {context}"
    whole = f"{context}: {p.text}" if context and p.kind == "text" else p.text
    views = [(VIEW_PASSAGE, whole, "")]
    if p.kind != "table":
        parts = sentences(body)
        if len(parts) > 1:
            # A sentence is embedded under its heading, so "Healthcare – AI-driven diagnostics"
            # still says that it is about machine learning jobs.
            views += [(VIEW_SENTENCE, f"{context}: {s}" if context else s, s) for s in parts if len(words(s)) >= 3]
    return views


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fsync_write(path: Path, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


@dataclass
class Index:
    folder: Path
    manifest: dict
    passages: list[Passage]
    vectors: "object"  # faiss.Index
    view_passage: np.ndarray
    view_kind: np.ndarray
    vocabulary: dict[str, int]  # corpus word -> how often the corpus uses it
    names: frozenset[str]  # corpus words written as names, lower-cased
    bm25: "object"  # bm25s.BM25

    @property
    def adapted_model(self) -> Path | None:
        """The folder of the model fine-tuned on this corpus, which embeds its questions; None if not adapted."""
        name = self.manifest.get("adapted_model")
        return self.folder / name if name else None

    @functools.cached_property
    def passage_mean(self) -> np.ndarray:
        """The mean of the passages' vectors (each passage's whole view): what all the passages share. Read in
        blocks, so that an index of a million vectors is not copied whole."""
        total, count = np.zeros(self.vectors.d, dtype=np.float64), 0
        for start in range(0, self.vectors.ntotal, MEAN_BLOCK):
            block = self.vectors.reconstruct_n(start, min(MEAN_BLOCK, self.vectors.ntotal - start))
            whole = block[self.view_kind[start:start + len(block)] == VIEW_PASSAGE]
            total += whole.sum(axis=0)
            count += len(whole)
        return (total / max(count, 1)).astype(np.float32)

    # ---- building -------------------------------------------------------------------------------

    @classmethod
    def build(cls, index_dir: Path, passages: list[Passage], embedder: Embedder, *, corpus_hash: str,
              settings: dict, progress: bool = False, model_name: str = "", adapted_model: Path | None = None
              ) -> "Index":
        """Embed and store the passages as a new build, and make it the one in use. `model_name` is the model
        the manifest names (the embedder's own name by default); `adapted_model`, a model folder fine-tuned on
        this corpus that `embedder` runs, is moved into the build."""
        import bm25s
        import faiss

        index_dir = Path(index_dir)
        views = [(i, kind, text) for i, p in enumerate(passages) for kind, text, _ in views_of(p)]
        keys = [hashlib.sha1(f"{embedder.name}\0{text}".encode()).hexdigest() for _, _, text in views]
        cached = _cached_vectors(index_dir, embedder.name)
        todo = [n for n, key in enumerate(keys) if key not in cached]
        fresh = embedder.encode([views[n][2] for n in todo], progress=progress) if todo else None
        dimension = fresh.shape[1] if fresh is not None else len(next(iter(cached.values())))
        matrix = np.empty((len(views), dimension), dtype=np.float32)
        for row, n in enumerate(todo):
            matrix[n] = fresh[row]
        for n, key in enumerate(keys):
            if key in cached:
                matrix[n] = cached[key]
        vector_index, index_type = make_vector_index(matrix)

        texts = [search_text(p) for p in passages]
        vocabulary = Counter(part for text in texts for w in words(text) for part in WORD_JOINT.split(w)
                             if part.isalpha())
        names = sorted({name.lower() for text in texts for name in name_spans(text).values()})
        analyzer = Analyzer(vocabulary)  # only for its terms here
        bm25 = bm25s.BM25()
        bm25.index([analyzer.terms(text) or ["\u2205"] for text in texts], show_progress=False)

        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
        name = f"build-{stamp}-{secrets.token_hex(3)}"
        work = index_dir / f".{name}.partial"
        # Made once the passages are embedded: a model that cannot load leaves no empty index folder behind.
        work.mkdir(parents=True)
        with open(work / "passages.jsonl", "w", encoding="utf-8") as f:
            for p in passages:
                f.write(json.dumps(p.to_dict(), ensure_ascii=False) + "\n")
        faiss.write_index(vector_index, str(work / "vectors.faiss"))
        np.save(work / "view_passage.npy", np.array([v[0] for v in views], dtype=np.int32))
        np.save(work / "view_kind.npy", np.array([v[1] for v in views], dtype=np.int8))
        (work / "view_keys.txt").write_text("\n".join(keys) + "\n", encoding="utf-8")
        (work / "vocabulary.txt").write_text("".join(f"{w} {n}\n" for w, n in sorted(vocabulary.items())),
                                             encoding="utf-8")
        (work / "names.txt").write_text("".join(f"{w}\n" for w in names), encoding="utf-8")
        bm25.save(str(work / "bm25"))
        if adapted_model is not None:
            shutil.move(str(adapted_model), str(work / ADAPTED_MODEL))
        files = sorted(p for p in work.rglob("*") if p.is_file())
        manifest = {
            "format": FORMAT_VERSION,
            "package_version": package_version(),
            "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "model": model_name or embedder.name,
            "embedded_with": embedder.name,  # the model itself, or the one adapted from it
            "adapted_model": ADAPTED_MODEL if adapted_model is not None else None,
            "dimension": dimension,
            "corpus_hash": corpus_hash,
            "settings": settings,
            "index_type": index_type,
            "counts": {"passages": len(passages), "views": len(views), "embedded": len(todo)},
            "files": {p.relative_to(work).as_posix(): {"bytes": p.stat().st_size, "sha256": _sha256(p)}
                      for p in files},
        }
        _fsync_write(work / MANIFEST, json.dumps(manifest, indent=2).encode())
        final = index_dir / name
        os.replace(work, final)
        pointer_tmp = index_dir / f".{POINTER}.{secrets.token_hex(3)}"
        _fsync_write(pointer_tmp, (name + "\n").encode())
        os.replace(pointer_tmp, index_dir / POINTER)
        _fsync_dir(index_dir)
        _remove_old_builds(index_dir, keep=name)
        return cls.load(index_dir)

    # ---- loading --------------------------------------------------------------------------------

    @staticmethod
    def current_folder(index_dir: Path) -> Path | None:
        """The folder of the build in use, or None when there is no build yet."""
        pointer = Path(index_dir) / POINTER
        return Path(index_dir) / pointer.read_text(encoding="utf-8").strip() if pointer.exists() else None

    @staticmethod
    def read_manifest(index_dir: Path) -> dict | None:
        """The manifest of the build in use, or None when there is no build yet."""
        folder = Index.current_folder(index_dir)
        if folder is None:
            return None
        fix = "Run `chatbot build` to rebuild the index from the corpus."
        try:
            manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise IndexCorruptError(f"The index manifest {folder / MANIFEST} is missing or unreadable ({exc}). "
                                    f"{fix}") from exc
        if not isinstance(manifest, dict):
            raise IndexCorruptError(f"The index manifest {folder / MANIFEST} is not a JSON object. {fix}")
        return manifest

    @classmethod
    def load(cls, index_dir: Path, *, verify: bool = True) -> "Index":
        import bm25s
        import faiss

        index_dir = Path(index_dir)
        manifest = cls.read_manifest(index_dir)
        if manifest is None:
            raise IndexCorruptError(f"No index in {index_dir}. Run `chatbot build` first.")
        folder = Index.current_folder(index_dir)
        fix = "Run `chatbot build` to rebuild the index from the corpus."
        if manifest.get("format") != FORMAT_VERSION:
            raise IndexCorruptError(f"The index in {folder} has format {manifest.get('format')}, "
                                    f"this version reads {FORMAT_VERSION}. {fix}")
        files = manifest.get("files")
        # Every file read below must be listed with its size and checksum, or an edited one would be served.
        read = [*REQUIRED_FILES,
                *(p.relative_to(folder).as_posix() for p in (folder / "bm25").rglob("*") if p.is_file())]
        if not isinstance(files, dict) or not all(isinstance(files.get(name), dict) for name in read):
            raise IndexCorruptError(f"The index manifest {folder / MANIFEST} does not list the index's files. {fix}")
        for name, meta in files.items():
            path = folder / name
            if not isinstance(meta, dict) or not path.is_file() or path.stat().st_size != meta.get("bytes"):
                raise IndexCorruptError(f"Index file {path} is missing or truncated. {fix}")
            if verify and _sha256(path) != meta.get("sha256"):
                raise IndexCorruptError(f"Index file {path} does not match its checksum. {fix}")
        try:
            passages = [Passage.from_dict(json.loads(line))
                        for line in (folder / "passages.jsonl").read_text(encoding="utf-8").splitlines() if line]
            vectors = faiss.read_index(str(folder / "vectors.faiss"))
            if hasattr(vectors, "nprobe"):
                vectors.nprobe = int(manifest["index_type"]["nprobe"])
                vectors.make_direct_map()  # lets candidates be rescored from their stored vectors
            view_passage = np.load(folder / "view_passage.npy", allow_pickle=False)
            view_kind = np.load(folder / "view_kind.npy", allow_pickle=False)
            vocabulary = {w: int(n) for w, n in (line.split(" ") for line in
                          (folder / "vocabulary.txt").read_text(encoding="utf-8").splitlines() if line)}
            names = frozenset((folder / "names.txt").read_text(encoding="utf-8").split())
            bm25 = bm25s.BM25.load(str(folder / "bm25"), load_corpus=False, allow_pickle=False)
        except Exception as exc:
            raise IndexCorruptError(f"The index in {folder} could not be read ({exc}). {fix}") from exc
        if vectors.d != manifest.get("dimension"):
            raise IndexCorruptError(f"The index in {folder} holds vectors of {vectors.d} dimensions, its manifest "
                                    f"says {manifest.get('dimension')}. {fix}")
        if vectors.ntotal != len(view_passage) or len(view_kind) != len(view_passage):
            raise IndexCorruptError(f"The index in {folder} is inconsistent (vector and view counts differ). {fix}")
        return cls(folder, manifest, passages, vectors, view_passage, view_kind, vocabulary, names, bm25)


# Up to this many vectors the search is exact (a few ms at most); above it an inverted-file index
# (IVF) answers in about a millisecond at a million vectors, with nprobe chosen at build time to keep
# recall@10 high.
EXACT_LIMIT = 50_000
TARGET_RECALL = 0.97
# Tuning queries are stored vectors moved this far (noise per dimension, cosine ~0.7 to the source).
# They are easier than real questions, so nprobe starts at 1/64 of the lists (FAISS's usual 1-5 %)
# and only grows from there.
PROBE_NOISE = 0.05


def make_vector_index(matrix: np.ndarray, *, exact_limit: int | None = None, seed: int = 0):
    """A FAISS inner-product index for unit vectors, and the parameters that describe it."""
    import faiss

    n, d = matrix.shape
    if n <= (EXACT_LIMIT if exact_limit is None else exact_limit):
        flat = faiss.IndexFlatIP(d)
        flat.add(matrix)
        return flat, {"type": "flat", "exact": True}
    nlist = int(2 ** round(math.log2(math.sqrt(n))))
    quantizer = faiss.IndexFlatIP(d)
    ivf = faiss.IndexIVFFlat(quantizer, d, nlist, faiss.METRIC_INNER_PRODUCT)
    rng = np.random.default_rng(seed)
    ivf.train(matrix[rng.choice(n, size=min(n, 64 * nlist), replace=False)])
    ivf.add(matrix)
    ivf.make_direct_map()
    # Pick the smallest nprobe whose recall@10 on a sample of stored vectors, perturbed, reaches the target.
    probe = matrix[rng.choice(n, size=200, replace=False)]
    probe = probe + rng.normal(0, PROBE_NOISE, probe.shape).astype(np.float32)
    probe /= np.linalg.norm(probe, axis=1, keepdims=True)
    exact = faiss.IndexFlatIP(d)
    exact.add(matrix)
    _, truth = exact.search(probe, 10)
    recall = 0.0
    for nprobe in sorted({max(8, nlist // 64) * 2 ** k for k in range(8)}):
        ivf.nprobe = min(nprobe, nlist)
        _, found = ivf.search(probe, 10)
        recall = float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(found, truth)]))
        if recall >= TARGET_RECALL:
            break
    return ivf, {"type": "ivf-flat", "exact": False, "nlist": nlist, "nprobe": int(ivf.nprobe),
                 "sample_recall_at_10": round(recall, 4)}


def _cached_vectors(index_dir: Path, model: str) -> dict[str, np.ndarray]:
    """Vectors of the build in use, by content key, so a rebuild embeds only new or changed text."""
    try:
        manifest = Index.read_manifest(index_dir)
        if not manifest or manifest.get("embedded_with", manifest.get("model")) != model:
            return {}
        import faiss

        folder = Index.current_folder(index_dir)
        # A damaged build's vectors are not reused: only files that still match their checksums.
        if any(_sha256(folder / name) != manifest["files"][name]["sha256"]
               for name in ("view_keys.txt", "vectors.faiss")):
            return {}
        keys = (folder / "view_keys.txt").read_text(encoding="utf-8").split()
        stored = faiss.read_index(str(folder / "vectors.faiss"))
        if stored.ntotal != len(keys):
            return {}
        if hasattr(stored, "make_direct_map"):  # an IVF index can give its vectors back only with this map
            stored.make_direct_map()
        matrix = stored.reconstruct_n(0, stored.ntotal)
        return dict(zip(keys, matrix))
    except Exception:
        return {}  # the cache is an optimisation: anything unreadable is simply re-embedded


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_old_builds(index_dir: Path, keep: str) -> None:
    for child in index_dir.iterdir():
        if child.is_dir() and child.name != keep and (child.name.startswith("build-") or
                                                      child.name.endswith(".partial")):
            # A partial folder younger than a minute may belong to a concurrent build.
            if child.name.endswith(".partial") and time.time() - child.stat().st_mtime < 60:
                continue
            shutil.rmtree(child, ignore_errors=True)
