"""The documentation sets: their documents come out of registry packages, checked byte for byte."""

import hashlib
import json
import sys

import pytest

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
docsets = pytest.importorskip("docsets")


def _one_set(tmp_path, monkeypatch, text: bytes, packaged: bytes) -> list[str]:
    """A set "ZZ" of one document, whose npm package holds `packaged` (the registry stands in: no network).
    Returns the packages downloaded, as they are."""
    folder = tmp_path / "docsets" / "ZZ"
    folder.mkdir(parents=True)
    (folder / "cases.jsonl").write_text('{"id": "ZZ1", "kind": "fact", "question": "Why?", "expect": ["x"]}\n')
    entry = {"file": "tool/README.md", "registry": "npm", "package": "tool", "version": "1.0.0",
             "member": "package/README.md", "sha256": hashlib.sha256(text).hexdigest()}
    (folder / "sources.json").write_text(json.dumps({"files": [entry]}))
    monkeypatch.setattr(docsets, "DOCSETS", tmp_path / "docsets")
    downloads = []

    def unpack(registry, package, version, scratch, into):
        downloads.append(f"{registry} {package} {version}")
        (into / "package").mkdir(parents=True)
        (into / "package" / "README.md").write_bytes(packaged)

    monkeypatch.setattr(docsets, "unpack", unpack)
    return downloads


def test_a_document_is_copied_from_its_package_and_a_stale_one_removed(tmp_path, monkeypatch):
    downloads = _one_set(tmp_path, monkeypatch, b"# Tool\n\nIt runs.\n", b"# Tool\n\nIt runs.\n")
    old = tmp_path / "work" / "ZZ" / "corpus" / "tool" / "OLD.md"
    old.parent.mkdir(parents=True)
    old.write_text("a document of an older version of the set")

    corpus = docsets.corpus("ZZ", tmp_path / "work")
    assert (corpus / "tool" / "README.md").read_bytes() == b"# Tool\n\nIt runs.\n"
    assert not old.exists()
    assert docsets.names() == ["ZZ"]
    # Fetched once: the next run finds the document as it should be.
    docsets.corpus("ZZ", tmp_path / "work")
    assert downloads == ["npm tool 1.0.0"]
    assert [p.name for p in (tmp_path / "work").iterdir()] == ["ZZ"]  # nothing of the package is left


def test_a_package_that_holds_another_document_is_a_clear_error(tmp_path, monkeypatch):
    _one_set(tmp_path, monkeypatch, b"# Tool\n\nIt runs.\n", b"# Tool\n\nIt runs fast.\n")

    with pytest.raises(docsets.DocsetError, match="tool/README.md of set ZZ: npm package tool 1.0.0 holds another"):
        docsets.corpus("ZZ", tmp_path / "work")
    assert not (tmp_path / "work" / "ZZ" / "corpus" / "tool" / "README.md").exists()


def test_every_shipped_set_names_a_pinned_source_for_each_document_and_has_questions():
    from chatbot.evaluation import load_cases

    assert len(docsets.names()) >= 11
    for name in docsets.names():
        entries = docsets.sources(name)
        assert entries and len({s.file for s in entries}) == len(entries)
        for s in entries:
            assert s.registry in ("debian", "pypi", "npm") and s.version and len(s.sha256) == 64
        cases = load_cases(docsets.cases_file(name))
        assert len(cases) >= 50 and any(c["kind"] == "out_of_scope" for c in cases)


def test_a_debian_version_the_registry_no_longer_offers_is_replaced_by_the_one_it_offers(tmp_path, monkeypatch):
    # BG's dovecot-core was pinned at deb12u7 and a machine whose mirror offers deb12u6 could not fetch the set,
    # although both hold the same documents: the version offered is taken, its documents checked all the same.
    commands = []

    def run(command, cwd, package, version, needs):
        commands.append(" ".join(command))
        if command[:2] == ["apt-get", "download"]:
            if "=" in command[2]:
                raise docsets.DocsetError(f"cannot fetch {package} {version}")
            (cwd / "tool_1.1_all.deb").write_bytes(b"")
        elif command[0] == "dpkg-deb":
            (tmp_path / "into" / "usr" / "share" / "doc").mkdir(parents=True)
            (tmp_path / "into" / "usr" / "share" / "doc" / "FAQ").write_text("the FAQ")

    monkeypatch.setattr(docsets, "_run", run)
    (tmp_path / "scratch").mkdir()
    docsets.unpack("debian", "tool", "1.0-1+deb12u7", tmp_path / "scratch", tmp_path / "into")
    assert commands[:2] == ["apt-get download tool=1.0-1+deb12u7", "apt-get download tool"]
    assert (tmp_path / "into" / "usr" / "share" / "doc" / "FAQ").read_text() == "the FAQ"
