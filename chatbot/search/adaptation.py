"""Adaptation: the model fine-tuned on a corpus's own FAQ entries before the corpus is embedded.

Each entry's question (and each other wording of it) is paired with its answer, and the model is trained to
find the answer among the others of a batch (in-batch negatives, both ways). It learns the corpus's own
words for things: which answer a product's FAQ gives to which kind of question. Measured on the quality
suite, a corpus with many entries ranks better (realdocs, COVID-Q), while a model tuned on a handful of
entries, or on article passages, ranks the paraphrase set worse: only a corpus with MIN_ENTRIES answered
entries or more is adapted.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
from pathlib import Path

from ..errors import IndexCorruptError, ModelError
from ..passage import Passage

MIN_ENTRIES = 50
MIN_ANSWER_WORDS = 3  # "Yes." names nothing the model could learn to find
MAX_PAIRS = 2000  # a larger FAQ is sampled, so that a build takes minutes, not hours
EPOCHS = 3
BATCH = 32
LEARNING_RATE = 2e-5
MAX_TOKENS = 128  # while training; answers are cut here (a FAQ answer's opening says what it is about)
# Cosine similarities times this are the logits of the in-batch classification. Lower than the usual 20, the
# choice is softer: measured on the quality suite's three tuned sets together, 7 ranked best of 5, 7, 10, 15
# and 20 (README, "Adaptation to the corpus"). COVID-Q gains most, whose FAQ pages answer many questions
# twice: a batch's "wrong" answer is often another source's answer to the same question.
SCALE = 7.0
SEED = 0
RECIPE = 2  # bump when the training changes: a model tuned by another recipe is tuned anew
# A rebuild keeps the model of the build before while this share of the answers is among those it was tuned
# on: editing an entry or adding a few re-embeds only them, in seconds, instead of tuning and embedding all.
REUSE_SHARE = 0.9
RECORD = "adaptation.json"  # in the tuned model's folder: what it was tuned from and on


def training_pairs(passages: list[Passage]) -> list[tuple[str, str]]:
    """(question, answer) of every FAQ entry with an answer, one pair per wording of its question. An answer
    of a word or two ("Yes.") is left out: it names nothing the model could learn to find."""
    pairs = []
    for p in passages:
        if p.kind != "faq" or not p.question:
            continue
        if len(p.answer.split()) >= MIN_ANSWER_WORDS:
            pairs.extend((question, p.answer) for question in (p.question, *p.alternates))
    return pairs


def answered_entries(pairs: list[tuple[str, str]]) -> int:
    """How many distinct answers the model would be tuned on."""
    return len({answer for _, answer in pairs})


def batches_of(pairs: list[tuple[str, str]], rng: random.Random) -> list[list[tuple[str, str]]]:
    """The pairs shuffled into batches in which no answer appears twice (entries that share an answer, as
    COVID-Q's do, would teach the model that each question's answer is not the other's)."""
    batches: list[list[tuple[str, str]]] = []
    waiting = rng.sample(pairs, len(pairs))
    while waiting:
        batch, answers, later = [], set(), []
        for pair in waiting:
            if len(batch) < BATCH and pair[1] not in answers:
                batch.append(pair)
                answers.add(pair[1])
            else:
                later.append(pair)
        batches.append(batch)
        waiting = later
    return batches


def _answer_keys(pairs: list[tuple[str, str]]) -> set[str]:
    return {hashlib.sha1(answer.encode()).hexdigest()[:16] for _, answer in pairs}


def reusable(folder: Path, base: str, pairs: list[tuple[str, str]]) -> bool:
    """Whether the model tuned in `folder` may serve a corpus with these pairs: tuned from `base` by this
    recipe, on nearly all of their answers (REUSE_SHARE)."""
    try:
        record = json.loads((folder / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if record.get("base") != base or record.get("recipe") != RECIPE:
        return False
    current = _answer_keys(pairs)
    return bool(current) and len(current & set(record.get("answers", []))) >= REUSE_SHARE * len(current)


def tuned_name(folder: Path) -> str:
    """A name for the model tuned in `folder` that another build holding a copy of it shares: the key of the
    vectors it embedded, so that a rebuild with the same model embeds only new text."""
    try:
        record = (folder / RECORD).read_bytes()
    except OSError as exc:
        raise IndexCorruptError(f"The model tuned for this index, in {folder}, lacks its record {RECORD} ({exc}). "
                                "Rebuild the index: chatbot build --force") from exc
    digest = hashlib.sha256(record).hexdigest()[:16]
    return f"adapted-{digest}"


def adapt(model: str, pairs: list[tuple[str, str]], target: Path, *, base: str, progress: bool = False) -> Path:
    """Fine-tune the sentence-transformers model at `model` (a folder or hub name; `base` names it) on `pairs`
    and save it in `target`, with a record of what it was tuned on. Deterministic for the same pairs."""
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
    try:
        encoder = SentenceTransformer(model, device="cpu")
    except Exception as exc:  # a folder of another format, a hub name not cached here, ...
        raise ModelError(f"Could not load the model {base!r} to tune it to the FAQ ({exc}). Pass a model "
                         "that loads with --model (CHATBOT_MODEL), or build without tuning: --no-adapt "
                         "(CHATBOT_ADAPT=0).") from exc
    length = encoder.max_seq_length
    encoder.max_seq_length = min(MAX_TOKENS, length or MAX_TOKENS)
    encoder.train()
    optimizer = torch.optim.AdamW(encoder.parameters(), lr=LEARNING_RATE)
    prepare = getattr(encoder, "preprocess", None) or encoder.tokenize  # renamed in sentence-transformers 6
    batches = [batch for _ in range(EPOCHS) for batch in batches_of(pairs, rng)]
    if progress:
        from tqdm import tqdm

        batches = tqdm(batches, desc="Adapting the model to the FAQ", unit="batch")
    for batch in batches:
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
    record = {"base": base, "recipe": RECIPE, "answers": sorted(_answer_keys(pairs))}
    (target / RECORD).write_text(json.dumps(record), encoding="utf-8")
    return target
