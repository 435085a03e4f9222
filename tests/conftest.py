"""Shared fixtures. FakeEmbedder stands in for the model where the model does not matter."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import pytest

from chatbot import Chatbot, Settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV_SET = SHARED / "eval" / "dev.jsonl"
STACKFAQ = SHARED / "benchmarks" / "stackfaq" / "stackExchange-FAQ.xml"


class FakeEmbedder:
    """Deterministic bag-of-words vectors: texts sharing words are similar, nothing else is."""

    name = "fake-bag-of-words"
    dimension = 256

    def __init__(self):
        self.calls = 0
        self.texts_encoded = 0

    def encode(self, texts, *, progress=False):
        self.calls += 1
        self.texts_encoded += len(texts)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z0-9]+", text.lower()):
                h = int.from_bytes(hashlib.md5(word[:6].encode()).digest()[:4], "little")
                out[row, h % self.dimension] += 1.0 if h & (1 << 31) else -1.0
            norm = np.linalg.norm(out[row])
            out[row] = out[row] / norm if norm else out[row]
        return out


@pytest.fixture
def fake_embedder():
    return FakeEmbedder()


FAQ_CSV = """question,answer,alternates
How do I reset my password?,"Open Settings, choose Security and click Reset password. A link is emailed to you.",Forgot my password|Change password
What are your opening hours?,"We are open Monday to Friday, 9am to 5pm. On weekends we are closed.",
Do you ship abroad?,"Yes. We ship to 40 countries; delivery takes 5 to 10 days.",International shipping
"""


@pytest.fixture
def faq_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "help.csv").write_text(FAQ_CSV, encoding="utf-8")
    (corpus / "guide.md").write_text(
        "# Store guide\n\n## Returns\n\nYou can return any item within 30 days. Refunds take a week.\n\n"
        "## Prices by plan\n\n| Plan | Price |\n|---|---|\n| Basic | $5 |\n| Pro | $20 |\n",
        encoding="utf-8")
    return corpus


@pytest.fixture
def fake_bot(faq_corpus, tmp_path, fake_embedder):
    settings = Settings(corpus=faq_corpus, index_dir=tmp_path / "index", data_dir=tmp_path / "data")
    return Chatbot.load(settings=settings, embedder=fake_embedder)


@pytest.fixture(scope="session")
def shipped_bot(tmp_path_factory):
    """The real model and a real FAISS index over the shipped corpus (built once per test session)."""
    index = tmp_path_factory.mktemp("shipped-index")
    return Chatbot.load(settings=Settings(corpus=ROOT / "corpus", index_dir=index,
                                          data_dir=tmp_path_factory.mktemp("data")))
