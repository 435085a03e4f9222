"""Adaptation: the model fine-tuned on a corpus's own FAQ entries before the corpus is embedded.

Each entry's question (and each other wording of it) is paired with its answer, and the model is trained to
find the answer among the others of a batch (in-batch negatives, both ways). It learns the corpus's own
words for things: which answer a product's FAQ gives to which kind of question. Measured on the quality
suite, a corpus with many entries ranks better (realdocs, COVID-Q), while a model tuned on a handful of
entries, or on article passages, ranks the paraphrase set worse: only a corpus with MIN_ENTRIES answered
entries or more is adapted.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from ..errors import ModelError
from ..passage import Passage

MIN_ENTRIES = 50
MAX_PAIRS = 2000  # a larger FAQ is sampled, so that a build takes minutes, not hours
EPOCHS = 3
BATCH = 32
LEARNING_RATE = 2e-5
MAX_TOKENS = 128  # while training; answers are cut here (a FAQ answer's opening says what it is about)
SCALE = 20.0  # cosine similarities times this are the logits of the in-batch classification
SEED = 0


def training_pairs(passages: list[Passage]) -> list[tuple[str, str]]:
    """(question, answer) of every FAQ entry that has an answer, one pair per wording of its question."""
    pairs = []
    for p in passages:
        if p.kind != "faq" or not p.question:
            continue
        answer = p.text[len(p.question):].strip() if p.text.startswith(p.question) else p.text
        if answer:
            pairs.extend((question, answer) for question in (p.question, *p.alternates))
    return pairs


def answered_entries(passages: list[Passage]) -> int:
    return sum(1 for p in passages if p.kind == "faq" and p.question and p.text.strip() != p.question.strip())


def adapt(model: str, pairs: list[tuple[str, str]], target: Path, *, progress: bool = False) -> Path:
    """Fine-tune the sentence-transformers model at `model` (a folder or hub name) on `pairs` and save it
    in `target`. Deterministic for the same pairs."""
    try:
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging
    except ImportError as exc:
        raise ModelError(f"Adapting the model needs torch and sentence-transformers ({exc}); install them, "
                         "or turn adaptation off (CHATBOT_ADAPT=0).") from exc

    transformers_logging.disable_progress_bar()
    rng = random.Random(SEED)
    pairs = list(pairs)
    if len(pairs) > MAX_PAIRS:
        pairs = rng.sample(pairs, MAX_PAIRS)
    torch.manual_seed(SEED)
    encoder = SentenceTransformer(model, device="cpu")
    length = encoder.max_seq_length
    encoder.max_seq_length = min(MAX_TOKENS, length or MAX_TOKENS)
    encoder.train()
    optimizer = torch.optim.AdamW(encoder.parameters(), lr=LEARNING_RATE)
    batches = [(epoch, start) for epoch in range(EPOCHS) for start in range(0, len(pairs), BATCH)]
    if progress:
        from tqdm import tqdm

        batches = tqdm(batches, desc="Adapting the model to the FAQ", unit="batch")
    prepare = getattr(encoder, "preprocess", None) or encoder.tokenize  # renamed in sentence-transformers 6
    order = pairs
    for epoch, start in batches:
        if start == 0:
            order = rng.sample(pairs, len(pairs))
        batch = order[start:start + BATCH]
        if len(batch) < 2:
            continue
        questions = encoder(prepare([q for q, _ in batch]))["sentence_embedding"]
        answers = encoder(prepare([a for _, a in batch]))["sentence_embedding"]
        logits = SCALE * questions @ answers.T
        labels = torch.arange(len(batch))
        loss = (torch.nn.functional.cross_entropy(logits, labels)
                + torch.nn.functional.cross_entropy(logits.T, labels)) / 2
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    encoder.eval()
    encoder.max_seq_length = length
    if target.exists():
        shutil.rmtree(target)
    encoder.save(str(target))
    return target
