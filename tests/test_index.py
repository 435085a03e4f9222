import json

import numpy as np
import pytest

from chatbot import Chatbot, IndexCorruptError, Passage, Settings
from chatbot.search.index import POINTER, VIEW_PASSAGE, Index, views_of


def current_build(index_dir):
    return index_dir / (index_dir / POINTER).read_text().strip()


def edit_manifest(index_dir, change) -> None:
    """Rewrites the manifest of the build in use with `change` applied to it."""
    path = current_build(index_dir) / "manifest.json"
    manifest = json.loads(path.read_text())
    change(manifest)
    path.write_text(json.dumps(manifest))


def test_manifest_records_what_the_index_was_built_from(fake_bot):
    manifest = fake_bot.index.manifest
    assert manifest["model"] == "fake-bag-of-words" and manifest["dimension"] == 256
    assert manifest["corpus_hash"] and manifest["package_version"] and manifest["built_at"]
    assert manifest["settings"]["max_passage_chars"] == 1200 and "parser" in manifest["settings"]
    assert manifest["counts"]["passages"] == len(fake_bot.index.passages) > 0
    assert all(len(f["sha256"]) == 64 for f in manifest["files"].values())


def test_index_is_plain_files_without_pickle(fake_bot):
    folder = fake_bot.index.folder
    names = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert {"manifest.json", "passages.jsonl", "vectors.faiss", "view_passage.npy"} <= names
    assert not any(n.endswith((".pkl", ".pickle", ".joblib")) for n in names)
    for npy in folder.rglob("*.npy"):
        np.load(npy, allow_pickle=False)  # an array of Python objects (pickled) raises here


def test_load_reuses_a_fresh_index_and_rebuilds_a_stale_one(faq_corpus, tmp_path, fake_embedder):
    settings = Settings(corpus=faq_corpus, index_dir=tmp_path / "index")
    first = Chatbot.load(settings=settings, embedder=fake_embedder)
    again = Chatbot.load(settings=settings, embedder=fake_embedder)
    assert first.report.rebuilt and not again.report.rebuilt
    assert again.index.folder == first.index.folder

    (faq_corpus / "more.jsonl").write_text('{"question": "Do you sell gift cards?", "answer": "Yes, online."}\n')
    changed = Chatbot.load(settings=settings, embedder=fake_embedder)
    assert changed.report.rebuilt and changed.index.folder != first.index.folder
    assert any(p.question == "Do you sell gift cards?" for p in changed.index.passages)
    # Only the new entry's texts were embedded: the rest came from the embedding cache.
    assert 0 < changed.report.embedded < first.report.embedded
    # The old build is cleaned up.
    assert not first.index.folder.exists()


def test_changed_settings_rebuild(faq_corpus, tmp_path, fake_embedder):
    Chatbot.load(settings=Settings(corpus=faq_corpus, index_dir=tmp_path / "i"), embedder=fake_embedder)
    bot = Chatbot.load(settings=Settings(corpus=faq_corpus, index_dir=tmp_path / "i", max_passage_chars=300),
                       embedder=fake_embedder)
    assert bot.report.rebuilt


def test_an_index_of_other_terms_is_rebuilt(faq_corpus, tmp_path, fake_embedder, monkeypatch):
    """The keyword index holds the passages' terms: an analyzer that makes other terms needs a new one."""
    import chatbot.chatbot

    settings = Settings(corpus=faq_corpus, index_dir=tmp_path / "i")
    Chatbot.load(settings=settings, embedder=fake_embedder)
    assert not Chatbot.load(settings=settings, embedder=fake_embedder).report.rebuilt
    monkeypatch.setattr(chatbot.chatbot, "ANALYZER_VERSION", chatbot.chatbot.ANALYZER_VERSION + 1)
    assert Chatbot.load(settings=settings, embedder=fake_embedder).report.rebuilt


@pytest.mark.parametrize("damage", ["truncate", "tamper", "delete"])
def test_a_damaged_index_file_is_a_clear_error(fake_bot, damage):
    target = current_build(fake_bot.settings.index_dir) / "vectors.faiss"
    if damage == "truncate":
        target.write_bytes(target.read_bytes()[:100])
    elif damage == "tamper":
        data = bytearray(target.read_bytes())
        data[-1] ^= 0xFF
        target.write_bytes(bytes(data))
    else:
        target.unlink()
    with pytest.raises(IndexCorruptError, match="chatbot build"):
        Index.load(fake_bot.settings.index_dir)


def test_a_garbled_manifest_is_a_clear_error(fake_bot):
    (current_build(fake_bot.settings.index_dir) / "manifest.json").write_text("{not json")
    with pytest.raises(IndexCorruptError, match="manifest"):
        Chatbot.load(settings=fake_bot.settings, embedder=fake_bot.embedder)


@pytest.mark.parametrize("content", ["[]", "null", '"manifest"'])
def test_a_manifest_that_is_not_an_object_is_a_clear_error(fake_bot, content):
    (current_build(fake_bot.settings.index_dir) / "manifest.json").write_text(content)
    with pytest.raises(IndexCorruptError, match="not a JSON object.*chatbot build"):
        Chatbot.load(settings=fake_bot.settings, embedder=fake_bot.embedder)


@pytest.mark.parametrize("unlisted", [None, "passages.jsonl", "bm25/params.index.json"])
def test_files_the_manifest_does_not_vouch_for_are_not_read(fake_bot, unlisted):
    folder = current_build(fake_bot.settings.index_dir)
    edit_manifest(fake_bot.settings.index_dir,
                  lambda manifest: manifest.pop("files") if unlisted is None else manifest["files"].pop(unlisted))
    # An edited file that the manifest no longer lists would otherwise be served as it is.
    (folder / "passages.jsonl").write_text((folder / "passages.jsonl").read_text().replace("password", "passXXXX"))
    with pytest.raises(IndexCorruptError, match="does not list the index's files"):
        Index.load(fake_bot.settings.index_dir)


def test_a_manifest_with_another_dimension_is_a_clear_error(fake_bot):
    edit_manifest(fake_bot.settings.index_dir, lambda manifest: manifest.update(dimension=768))
    with pytest.raises(IndexCorruptError, match="256 dimensions, its manifest says 768"):
        Index.load(fake_bot.settings.index_dir)


def test_a_damaged_build_gives_no_vectors_to_the_next(fake_bot):
    from chatbot.search.index import _cached_vectors

    index_dir = fake_bot.settings.index_dir
    assert len(_cached_vectors(index_dir, fake_bot.embedder.name)) == fake_bot.index.manifest["counts"]["views"]
    target = current_build(index_dir) / "vectors.faiss"
    data = bytearray(target.read_bytes())
    data[-1] ^= 0xFF  # still a readable index, with one vector changed
    target.write_bytes(bytes(data))
    assert _cached_vectors(index_dir, fake_bot.embedder.name) == {}


def test_a_failed_build_leaves_the_previous_index_in_use(fake_bot, faq_corpus):
    before = current_build(fake_bot.settings.index_dir)

    class Exploding:
        name = fake_bot.embedder.name
        dimension = 256

        def encode(self, texts, progress=False):
            raise RuntimeError("killed mid-build")

    (faq_corpus / "new.jsonl").write_text('{"question": "New?", "answer": "Yes."}\n')
    with pytest.raises(RuntimeError):
        Chatbot.load(settings=fake_bot.settings, embedder=Exploding())
    assert current_build(fake_bot.settings.index_dir) == before
    assert Index.load(fake_bot.settings.index_dir).manifest == json.loads((before / "manifest.json").read_text())


def test_large_indexes_switch_to_ivf_and_keep_recall():
    import numpy as np

    from chatbot.search.index import make_vector_index

    rng = np.random.default_rng(0)
    centres = rng.normal(size=(50, 64)).astype(np.float32)
    matrix = centres[rng.integers(0, 50, 5000)] + rng.normal(0, 0.4, (5000, 64)).astype(np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    small, small_params = make_vector_index(matrix[:500], exact_limit=1000)
    assert small_params == {"type": "flat", "exact": True}
    ivf, params = make_vector_index(matrix, exact_limit=1000)
    assert params["type"] == "ivf-flat" and params["sample_recall_at_10"] >= 0.97
    assert 1 <= params["nprobe"] <= params["nlist"]
    _, found = ivf.search(matrix[:20], 1)
    assert list(found[:, 0]) == list(range(20))  # a stored vector finds itself


def test_an_ivf_index_round_trips_and_answers(faq_corpus, tmp_path, fake_embedder, monkeypatch):
    import chatbot.search.index

    monkeypatch.setattr(chatbot.search.index, "EXACT_LIMIT", 5)
    rows = "\n".join(f'{{"question": "How do I configure widget {i}?", "answer": "Open panel {i}."}}'
                     for i in range(300))
    (faq_corpus / "widgets.jsonl").write_text(rows + "\n")
    bot = Chatbot.load(settings=Settings(corpus=faq_corpus, index_dir=tmp_path / "ivf"), embedder=fake_embedder)
    assert bot.index.manifest["index_type"]["type"] == "ivf-flat"
    again = Chatbot.load(settings=Settings(corpus=faq_corpus, index_dir=tmp_path / "ivf"), embedder=fake_embedder)
    assert not again.report.rebuilt
    assert again.answer("How can I reset my password?").passages[0].question == "How do I reset my password?"
    (faq_corpus / "one-more.jsonl").write_text('{"question": "Is there a mobile app?", "answer": "Yes."}\n')
    changed = Chatbot.load(settings=Settings(corpus=faq_corpus, index_dir=tmp_path / "ivf"), embedder=fake_embedder)
    assert changed.report.rebuilt and changed.report.embedded == 2  # the cache works for IVF indexes too


@pytest.mark.parametrize("section, embedded", [
    ("--abort", "git-cherry-pick(1) › --abort: Cancel the operation."),
    ("<pathspec>…", "git-cherry-pick(1) › <pathspec>…: Cancel the operation."),
    ("read › -r", "read › -r: Cancel the operation."),  # under its command already
    ("Sequencer", "Sequencer: Cancel the operation.")])
def test_an_option_is_embedded_under_the_page_it_belongs_to(section, embedded):
    # A manual page's option ("--abort: Cancel the operation.") says nothing of whose option it is: asked how to
    # bail out of a cherry-pick, Git's manual ranked cherry-pick's --abort below 40 other passages.
    passage = Passage(text="Cancel the operation.", title="git-cherry-pick(1)", section=section,
                      source="git-cherry-pick.html", kind="text")
    assert [text for kind, text, _ in views_of(passage) if kind == VIEW_PASSAGE] == [embedded]
