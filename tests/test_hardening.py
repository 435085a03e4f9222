"""Bad input, broken files, crashes and concurrency: the bot keeps working and loses nothing.

Loops that are long at full size run smaller by default; set CHATBOT_FULL_TESTS=1 for the full size.
"""

import csv
import io
import json
import os
import random
import re
import signal
import subprocess
import sys
import textwrap
import threading
import time
import unicodedata

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from chatbot import Answer, Chatbot, IndexCorruptError, QuestionError, Settings
from chatbot.reading.corpus import READER_BUG, Corpus
from chatbot.reading.faqfile import parse_csv, parse_json, parse_jsonl
from chatbot.serving.feedback import FeedbackStore
from chatbot.search.index import POINTER, Index

from .conftest import FAQ_CSV, ROOT, FakeEmbedder

FULL = os.environ.get("CHATBOT_FULL_TESTS") == "1"


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hardening")
    corpus = tmp / "corpus"
    corpus.mkdir()
    (corpus / "faq.csv").write_text(FAQ_CSV, encoding="utf-8")
    return Chatbot.load(settings=Settings(corpus=corpus, index_dir=tmp / "index"), embedder=FakeEmbedder())


# Any code point, lone surrogates included (st.text leaves them out unless asked): a browser or a JSON
# client can send "\ud800".
ANY_CHARACTER = st.one_of(st.characters(), st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF,
                                                         exclude_categories=[]))


def check_answer_or_typed_error(bot, question):
    started = time.perf_counter()
    try:
        a = bot.answer(question)
    except QuestionError as exc:
        # Refused only when nothing of it can be read: no letter or digit once invisible characters are gone, and
        # those a backspace takes back ("0\x08", as a terminal shows it).
        shown = re.sub(r"[^\n\x08]\x08", "", question)
        assert not any(ch.isalnum() and unicodedata.category(ch) not in ("Co", "Cs") for ch in shown), exc
        assert str(exc)
        return
    finally:
        assert time.perf_counter() - started < 5.0
    assert isinstance(a, Answer) and isinstance(a.text, str) and a.text
    assert 0.0 <= a.confidence <= 1.0 and isinstance(a.found, bool)
    assert len(a.passages) <= bot.settings.top_k
    assert "<script" not in a.text.lower()


@settings(max_examples=300 if FULL else 80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(ANY_CHARACTER, max_size=300))
def test_any_unicode_question_gives_an_answer_or_a_typed_error(bot, question):
    check_answer_or_typed_error(bot, question)


@pytest.mark.parametrize("question", [
    "", "   \t\n ", "a" * 100_000, "password " * 20_000, "\x00\x1b[31mreset\x07 password\x7f",
    "🔑🔑 reset my password? 🙏", "كيف أعيد تعيين كلمة المرور؟", "\u202eloot tesser\u202c password",
    "<script>alert(1)</script> opening hours", "**bold** [link](javascript:alert(1)) `code` | table |",
    "\U0010ffff private use", "?" * 50, "\ud800", "reset \udfff my \ud83d\ude00 password\udbff",
])
def test_hostile_questions(bot, question):
    check_answer_or_typed_error(bot, question)


SUFFIXES = [".txt", ".md", ".html", ".csv", ".jsonl"]


@settings(max_examples=150 if FULL else 40, deadline=None)
@given(data=st.binary(max_size=2000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_in_any_format_are_loaded_or_reported_by_name(tmp_path_factory, data, suffix):
    folder = tmp_path_factory.mktemp("random")
    (folder / "good.jsonl").write_text('{"question": "Q?", "answer": "A."}\n', encoding="utf-8")
    (folder / f"random{suffix}").write_bytes(data)
    loaded = Corpus.open(folder).load()
    assert any(p.source == "good.jsonl" for p in loaded.passages)
    for problem in loaded.problems:
        assert str(problem).startswith(f"random{suffix}")
        assert READER_BUG not in str(problem)  # a file may be unreadable; a reader may not fail on it


# Cells and values of the kinds that decide how a FAQ file named otherwise is read: questions, sentences, numbers,
# flags, dates, blanks, and anything else.
_CELLS = st.one_of(st.text(max_size=30), st.sampled_from(["Why?", "How do I sync?", "Yes, in a day or two.", "12",
                                                          "", "true", "2020-01-01T10:00", "a b c"]))
_VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), _CELLS,
                    st.lists(_CELLS, max_size=2))


@settings(max_examples=300 if FULL else 100, deadline=None)
@given(rows=st.lists(st.lists(_CELLS, min_size=1, max_size=5), min_size=1, max_size=8),
       records=st.lists(st.dictionaries(st.sampled_from(["a", "b", "pregunta", "id"]), _VALUES, max_size=4),
                        max_size=6))
def test_faq_files_of_any_columns_or_keys_are_read_or_reported(rows, records):
    # What is read by its header, or else by its rows (a column that asks, one of words), never fails.
    table = io.StringIO()
    csv.writer(table).writerows(rows)
    for passages, problems in (parse_csv(table.getvalue(), source="t.csv", title="T"),
                               parse_json(json.dumps(records), source="r.json", title="R"),
                               parse_jsonl("\n".join(map(json.dumps, records)), source="r.jsonl", title="R")):
        assert all(p.kind in ("faq", "table") and p.text for p in passages)
        assert all(READER_BUG not in str(problem) for problem in problems)


@pytest.mark.parametrize("content, questions, bad_lines", [
    ("question,answer\nA?,a\nB?\n", ["A?"], [3]),                                   # missing column
    ("question,answer\nA?,a,extra\nB?,b\n", ["B?"], [2]),                          # extra column
    ('question,answer\n"Multi\nline?","Yes,\nreally."\nC?,c\n', ["Multi line?", "C?"], []),  # quoted newlines
    ("\ufeffquestion,answer\nBOM?,fine\n", ["BOM?"], []),                              # byte order mark
    ("answer,question\nfirst,Reversed?\n", ["Reversed?"], []),                          # columns in any order
])
def test_csv_variants(tmp_path, content, questions, bad_lines):
    (tmp_path / "f.csv").write_text(content, encoding="utf-8")
    (tmp_path / "other.jsonl").write_text('{"question": "Other?", "answer": "o"}\n', encoding="utf-8")
    loaded = Corpus.open(tmp_path).load()
    assert sorted(p.question for p in loaded.passages if p.source == "f.csv") == sorted(questions)
    assert [p.line for p in loaded.problems] == bad_lines
    assert all(str(p).startswith("f.csv line") for p in loaded.problems)


def test_latin1_and_utf16_documents(tmp_path):
    (tmp_path / "latin.md").write_bytes("Menü\n\nDer Kaffee kostet zwei Euro für Gäste.\n".encode("latin-1"))
    (tmp_path / "wide.txt").write_bytes("Guide\n\nDelivery takes five days.\n".encode("utf-16"))
    loaded = Corpus.open(tmp_path).load()
    text = " ".join(p.text for p in loaded.passages)
    assert "Gäste" in text and "five days" in text
    assert [p.path for p in loaded.problems] == ["latin.md"]


# ---- broken index files -------------------------------------------------------------------------

def test_manifest_that_does_not_match_its_files_is_detected(bot):
    folder = bot.settings.index_dir / (bot.settings.index_dir / POINTER).read_text().strip()
    passages = folder / "passages.jsonl"
    original = passages.read_bytes()
    try:
        passages.write_bytes(original.replace(b"password", b"passw0rd"))  # same size, other content
        with pytest.raises(IndexCorruptError, match="checksum"):
            Index.load(bot.settings.index_dir)
    finally:
        passages.write_bytes(original)
    Index.load(bot.settings.index_dir)


def test_pickled_arrays_are_never_loaded(bot, tmp_path):
    import shutil

    index_dir = tmp_path / "index"
    shutil.copytree(bot.settings.index_dir, index_dir)
    folder = index_dir / (index_dir / POINTER).read_text().strip()
    target = folder / "view_kind.npy"
    np.save(target, np.array([{"evil": True}], dtype=object), allow_pickle=True)
    # Even with a manifest that vouches for the pickled file, loading refuses it.
    import hashlib
    import json
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["files"]["view_kind.npy"] = {"bytes": target.stat().st_size,
                                          "sha256": hashlib.sha256(target.read_bytes()).hexdigest()}
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(IndexCorruptError, match="could not be read"):
        Index.load(index_dir)


KILL_CHILD = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    from chatbot import Chatbot, Settings
    from tests.conftest import FakeEmbedder
    settings = Settings(corpus={corpus!r}, index_dir={index!r})
    print("ready", flush=True)
    while True:
        Chatbot.load(settings=settings, embedder=FakeEmbedder(), rebuild=True)
""")


def test_sigkill_during_builds_never_leaves_a_half_index(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rows = "\n".join(f'{{"question": "Question number {i} about topic {i % 37}?", "answer": "Answer {i}. '
                     f'It has two sentences about item {i}."}}' for i in range(3000))
    (corpus / "faq.jsonl").write_text(rows + "\n", encoding="utf-8")
    index = tmp_path / "index"
    settings = Settings(corpus=corpus, index_dir=index)
    Chatbot.load(settings=settings, embedder=FakeEmbedder())  # a first good index
    rng = random.Random(7)
    code = KILL_CHILD.format(root=str(ROOT), corpus=str(corpus), index=str(index))
    for _ in range(100 if FULL else 20):
        child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        assert child.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.0, 2.5))
        child.send_signal(signal.SIGKILL)
        child.wait()
        loaded = Index.load(index)  # the build in use is always complete
        assert len(loaded.passages) == loaded.manifest["counts"]["passages"] == 3000
        bot = Chatbot.load(settings=settings, embedder=FakeEmbedder())
        assert bot.answer("Question number 1234 about topic 13?").passages[0].question.startswith(
            "Question number 1234 ")


STORE_CHILD = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    from chatbot.serving.feedback import FeedbackStore
    store = FeedbackStore({data!r})
    n = 0
    while True:
        row = store.add(liked=n % 2 == 0, question=f"q{{n}}", history=[], answer=None)
        print(row, flush=True)  # acknowledged only after the row is on disk
        n += 1
""")


def test_acknowledged_feedback_survives_sigkill(tmp_path):
    rng = random.Random(3)
    acknowledged: list[int] = []
    code = STORE_CHILD.format(root=str(ROOT), data=str(tmp_path))
    for _ in range(10 if FULL else 4):
        child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        started = threading.Event()

        def read(child=child, started=started):
            for line in child.stdout:
                acknowledged.append(int(line))
                started.set()

        reader = threading.Thread(target=read)
        reader.start()
        started.wait(timeout=120)  # importing the package takes seconds on a loaded machine: kill only once it writes
        time.sleep(rng.uniform(0.1, 1.0))
        child.send_signal(signal.SIGKILL)
        child.wait()
        reader.join()
    stored = {row["id"] for row in FeedbackStore(tmp_path).rows()}
    assert acknowledged and set(acknowledged) <= stored


def test_feedback_export_keeps_text_as_text(tmp_path):
    import csv
    import io

    store = FeedbackStore(tmp_path)
    store.add(liked=True, question="=HYPERLINK(\"http://x\")", history=["<b>hi</b>"], answer=None)
    out = io.StringIO()
    assert store.export_csv(out) == 1
    row = list(csv.DictReader(io.StringIO(out.getvalue())))[0]
    assert row["question"].startswith("'=") and row["history"] == '["<b>hi</b>"]'


# ---- concurrency --------------------------------------------------------------------------------

@pytest.mark.integration
def test_answers_from_many_threads_equal_the_serial_answers(shipped_bot):
    from chatbot.evaluation import load_cases

    from .conftest import DEV_SET

    cases = load_cases(DEV_SET) if DEV_SET.exists() else [{"question": "How much do ML engineers earn?",
                                                          "history": []}]
    per_thread = 200
    work = [(cases[i % len(cases)]["question"], cases[i % len(cases)]["history"]) for i in range(per_thread)]

    def key(a):
        return a.found, a.text, [p.text for p in a.passages], a.confidence

    serial = [key(shipped_bot.answer(q, history=h)) for q, h in work]
    results: dict[int, list] = {}

    def run(n):
        results[n] = [key(shipped_bot.answer(q, history=h)) for q, h in work]

    threads = [threading.Thread(target=run, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for n in range(8):
        for mine, theirs in zip(results[n], serial):
            # Everything shown to a person is identical. Questions encoded in one batch can differ
            # from lone ones in the last float bits, so the confidence is compared to 1e-4.
            assert mine[:3] == theirs[:3]
            assert abs(mine[3] - theirs[3]) < 1e-4
    assert shipped_bot.encoder.batches < len(work) * 9  # concurrent questions shared model calls
