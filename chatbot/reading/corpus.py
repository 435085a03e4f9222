"""Corpus: a folder of documents (articles and FAQ files), its optional corpus.toml, and its passages."""

from __future__ import annotations

import codecs
import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .article import parse_article
from ..errors import CorpusError, DocumentError
from .faqfile import parse_csv, parse_jsonl
from .learned import fold_learned, learned_name
from ..passage import Passage
from ..text import clean

ARTICLE_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
FAQ_SUFFIXES = {".csv", ".jsonl"}
DOCUMENT_SUFFIXES = ARTICLE_SUFFIXES | HTML_SUFFIXES | FAQ_SUFFIXES
CONFIG_FILE = "corpus.toml"

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")


@dataclass(frozen=True)
class LoadedCorpus:
    passages: list[Passage]
    problems: list[DocumentError] = field(default_factory=list)  # files or lines skipped, or read with a caveat


@dataclass(frozen=True)
class Corpus:
    root: Path
    files: tuple[Path, ...]
    titles: dict[str, str]
    synonyms: dict[str, list[str]]

    @classmethod
    def open(cls, root: str | Path) -> "Corpus":
        root = Path(root)
        if not root.is_dir():
            raise CorpusError(f"The corpus folder {root} does not exist. Create it and put documents in it "
                              f"({', '.join(sorted(DOCUMENT_SUFFIXES))}), or pass --corpus DIR.")
        files = tuple(sorted(
            p for p in root.rglob("*")
            if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(root).parts)
        ))
        titles, synonyms = _read_config(root / CONFIG_FILE)
        return cls(root=root, files=files, titles=titles, synonyms=synonyms)

    def name(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def content_hash(self) -> str:
        """Changes whenever a document or corpus.toml is added, removed or edited."""
        digest = hashlib.sha256()
        config = self.root / CONFIG_FILE
        for path in (*self.files, *([config] if config.exists() else [])):
            digest.update(self.name(path).encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        return digest.hexdigest()

    def load(self, *, max_chars: int = 1200) -> LoadedCorpus:
        """Parse every document. A file that cannot be read is reported and skipped, never fatal alone."""
        passages: list[Passage] = []
        problems: list[DocumentError] = []
        for path in self.files:
            name = self.name(path)
            try:
                text, notice = read_text(path, name)
                if notice:
                    problems.append(notice)
                found, bad = parse_document(text, suffix=path.suffix.lower(), source=name,
                                            title=self.titles.get(name, ""), max_chars=max_chars)
            except DocumentError as exc:
                problems.append(exc)
                continue
            problems.extend(bad)
            if not found and not bad:
                problems.append(DocumentError(name, "no text found; file skipped"))
            passages.extend(found)
        passages = fold_learned(passages, learned_name(self.root))
        if not passages:
            detail = "".join(f"\n  - {p}" for p in problems)
            raise CorpusError(
                f"No passages could be read from {self.root} ({len(self.files)} document files found). "
                f"Add .txt, .md, .html, .csv or .jsonl documents.{detail}")
        return LoadedCorpus(passages, problems)


def read_text(path: Path, name: str) -> tuple[str, DocumentError | None]:
    """Decode a file: a BOM wins, then UTF-8; anything else is read as Windows-1252 with a notice."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(name, f"cannot be read ({exc.strerror}); file skipped") from exc
    notice = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            break
    else:
        if b"\0" in data:
            raise DocumentError(name, "looks like a binary file, not text; file skipped")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            text = data.decode("cp1252", errors="replace")
            notice = DocumentError(name, "is not UTF-8; read as Windows-1252 (Latin-1). Save it as UTF-8 "
                                         "if accented letters look wrong", line)
    if text and len(_UNPRINTABLE.findall(text)) > 0.05 * len(text):
        raise DocumentError(name, "looks like a binary file, not text; file skipped")
    return text, notice


def parse_document(text: str, *, suffix: str, source: str, title: str = "",
                   max_chars: int = 1200) -> tuple[list[Passage], list[DocumentError]]:
    if suffix == ".csv":
        return parse_csv(text.lstrip("\ufeff"), source=source, title=title or _stem(source))
    if suffix == ".jsonl":
        return parse_jsonl(text.lstrip("\ufeff"), source=source, title=title or _stem(source))
    if suffix in HTML_SUFFIXES:
        text, html_title = _html_to_markdown(text)
        title = title or html_title
    return parse_article(clean(text), source=source, title=title, max_chars=max_chars), []


def _stem(source: str) -> str:
    return Path(source).stem.replace("-", " ").replace("_", " ").strip().capitalize()


def _html_to_markdown(html: str) -> tuple[str, str]:
    import trafilatura  # heavy: only imported when a corpus has HTML pages

    text = trafilatura.extract(html, output_format="markdown", include_tables=True, include_formatting=True,
                               include_comments=False, favor_recall=True) or trafilatura.html2txt(html)
    metadata = trafilatura.extract_metadata(html)
    return text or "", (metadata.title if metadata and metadata.title else "")


def _read_config(path: Path) -> tuple[dict[str, str], dict[str, list[str]]]:
    if not path.exists():
        return {}, {}
    try:
        config = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path} is not valid TOML ({exc}). Fix it or delete it.") from exc
    titles = config.get("titles", {})
    synonyms = config.get("synonyms", {})
    if not all(isinstance(v, str) for v in titles.values()):
        raise CorpusError(f'{path}: every [titles] entry must be "file name" = "Title".')
    synonyms = {k: [v] if isinstance(v, str) else v for k, v in synonyms.items()}
    if not all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in synonyms.values()):
        raise CorpusError(f'{path}: every [synonyms] entry must be "term" = ["long form", ...].')
    return titles, synonyms
