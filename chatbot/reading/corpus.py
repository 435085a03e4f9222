"""Corpus: a folder of documents (articles and FAQ files), its optional corpus.toml, and its passages."""

from __future__ import annotations

import bz2
import codecs
import fnmatch
import gzip
import hashlib
import io
import logging
import lzma
import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import CorpusError, DocumentError
from ..passage import KINDS, Passage
from .faqfile import (FaqColumns, parse_csv, parse_json, parse_jsonl, parse_sheets, parse_xls, parse_xlsx, parse_yaml,
                      tab_separated_faq)
from .learned import fold_learned, learned_name

_log = logging.getLogger(__name__)
# The start of the problem reported for a file a reader failed on (a bug of the reader, not of the file).
READER_BUG = "the reader failed on this file"

# The format of each file, by its suffix. Files with other suffixes are listed as unsupported.
FORMATS = {
    ".txt": "text", ".text": "text",
    # Markdown and HTML under every suffix GitHub knows them by (README.mdown, faq.shtml).
    **dict.fromkeys((".md", ".markdown", ".mdx", ".mdown", ".mdwn", ".mkd", ".mkdn", ".mkdown"), "markdown"),
    ".adoc": "asciidoc", ".asciidoc": "asciidoc",
    ".rst": "restructuredtext", ".rest": "restructuredtext",
    **dict.fromkeys((".html", ".htm", ".xhtml", ".xht", ".shtml"), "html"),
    ".pdf": "pdf", ".docx": "docx", ".doc": "doc", ".odt": "odt", ".rtf": "rtf", ".pptx": "pptx", ".epub": "epub",
    ".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl", ".json": "json", ".xlsx": "xlsx", ".xls": "xls", ".ods": "ods",
    ".yaml": "yaml", ".yml": "yaml", ".ipynb": "notebook", ".org": "org", ".pod": "pod", ".info": "info",
    # A configuration file whose comments document its settings ("hostapd.conf", "php.ini"); also as an example
    # ("mdadm.conf-example", "jail.conf.sample"): see format_of.
    **dict.fromkeys((".conf", ".cfg", ".ini", ".cnf"), "config"),
    # A manual page, by its section's number ("gzip.1"): its roff source, or the page as shown (`man ./gzip.1 |
    # col -bx`).
    **dict.fromkeys((f".{section}" for section in range(1, 10)), "man"), ".man": "man",
}
DOCUMENT_SUFFIXES = set(FORMATS)
# Compressed documents, as Debian installs its manuals and notes ("ssh_config.5.gz", "FAQ.gz", "tinc.info.gz"):
# read as the file inside, whose format its name without the compression's suffix gives.
COMPRESSED = {".gz": gzip, ".bz2": bz2, ".xz": lzma}
_MAX_DECOMPRESSED = 256 * 1024 * 1024  # a compressed file that grows past this is no document (a "zip bomb")
# The suffixes of a configuration file, also shipped as an example: "mdadm.conf-example", "jail.conf.sample".
_CONFIG_SUFFIX = re.compile(r"\.(?:conf|cfg|ini|cnf)(?:[-.](?:example|sample|dist|default|orig))?",
                            re.IGNORECASE)
# Markup a text file may hold under a double suffix ("faq.rst.txt").
_MARKUP = ("markdown", "restructuredtext", "asciidoc", "org", "pod")
# A file without a suffix is read as plain text: projects name their text documents README, FAQ, INSTALL, NEWS.
NO_SUFFIX_FORMAT = "text"
# What to save a document of a format no reader takes as, so that one does.
_CONVERT_TO = {
    ".pages": "export it as .docx or as PDF",
    ".ppt": "save it as .pptx or export it as PDF", ".odp": "save it as .pptx or export it as PDF",
    ".key": "export it as .pptx or as PDF",
    ".numbers": "export it as CSV",
}
CONFIG_FILE = "corpus.toml"
# The one hidden folder that holds documents (see _visible_files).
DOCUMENTATION_FOLDER = ".github"
_TARGET_READ = "file skipped. The page it names is read when it is in the corpus"
# Files a project's tools read, known by their names: a build script, a list of packages or of words to
# spell-check is no document. A Makefile has no suffix and was read as text (Sphinx's docs folder holds
# one), and a requirements.txt or a word list as a table of one column.
_TOOL_FILE = re.compile(
    r"(?:GNU)?makefile|dockerfile|containerfile|jenkinsfile|vagrantfile|gemfile|rakefile|procfile|brewfile|pipfile"
    r"|justfile|codeowners|cmakelists\.txt|robots\.txt|spelling_wordlist\.txt"
    # a Python project's tools' settings, not its documentation
    r"|setup\.cfg|tox\.ini|pytest\.ini|mypy\.ini|\.?pylintrc|\.flake8"
    r"|(?:requirements|constraints)(?:[-_.][\w.-]+)?\.txt", re.IGNORECASE)

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")


@dataclass(frozen=True)
class FileReport:
    """What one file became: its format, how many passages of each kind, and what went wrong."""
    name: str
    format: str  # "unsupported" for a file no reader takes, "left out" for one not read (Corpus.left_out)
    counts: dict[str, int]
    problems: tuple[DocumentError, ...] = ()


@dataclass(frozen=True)
class LoadedCorpus:
    passages: list[Passage]
    problems: list[DocumentError] = field(default_factory=list)  # files or lines skipped, or read with a caveat
    files: list[FileReport] = field(default_factory=list)


@dataclass(frozen=True)
class Corpus:
    root: Path
    files: tuple[Path, ...]
    titles: dict[str, str]
    synonyms: dict[str, list[str]]
    faq_columns: FaqColumns = FaqColumns()
    unsupported: tuple[Path, ...] = ()
    excluded: tuple[str, ...] = ()  # corpus.toml's [files] exclude patterns
    left_out: tuple[Path, ...] = ()  # files below the folder not read: excluded, or a documentation site's machinery

    @classmethod
    def open(cls, root: str | Path) -> "Corpus":
        root = Path(root)
        if root.is_file():
            raise CorpusError(f"The corpus {root} is a file: the corpus is a folder of documents. Pass its folder "
                              f"(--corpus {root.parent}), or put the file in a folder of its own.")
        if not root.is_dir():
            raise CorpusError(f"The corpus folder {root} does not exist. Create it and put documents in it "
                              f"({', '.join(sorted(DOCUMENT_SUFFIXES))}), or pass --corpus DIR.")
        titles, synonyms, faq_columns, excluded = _read_config(root / CONFIG_FILE)
        visible = [p for p in _visible_files(root) if p.is_file() and p.name != CONFIG_FILE]
        every = set(visible)
        left_out = {p for p in visible if _excluded(p.relative_to(root).as_posix(), excluded)
                    or _site_machinery(p, every)}
        found = [p for p in visible if p not in left_out]
        return cls(root=root, files=tuple(p for p in found if format_of(p)), titles=titles,
                   synonyms=synonyms, faq_columns=faq_columns,
                   unsupported=tuple(p for p in found if not format_of(p)), excluded=excluded,
                   left_out=tuple(p for p in visible if p in left_out))

    def leaves_out(self, name: str) -> bool:
        """Whether a file of this name (its path in the folder) would not be read: corpus.toml excludes it, or
        it is a documentation site's machinery (a not-found page, say)."""
        path = self.root / name
        return _excluded(name, self.excluded) or _site_machinery(path, {*self.files, *self.unsupported, path})

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
        reports: list[FileReport] = []
        for path in self.files:
            found, bad = self.read(path, max_chars=max_chars)
            passages.extend(found)
            problems.extend(bad)
            reports.append(FileReport(self.name(path), format_of(path),
                                      {k: sum(p.kind == k for p in found) for k in KINDS}, tuple(bad)))
        reports += [FileReport(self.name(path), "left out", {k: 0 for k in KINDS}) for path in self.left_out]
        for path in self.unsupported:
            readable = "" if tool_file(path) else (f". Readable: {', '.join(sorted(FORMATS))}, and each of them "
                                                   f"compressed ({', '.join(COMPRESSED)})")
            problem = DocumentError(self.name(path), unsupported_reason(path) + readable)
            problems.append(problem)
            reports.append(FileReport(self.name(path), "unsupported", {k: 0 for k in KINDS}, (problem,)))
        passages = fold_learned(_distinct_titles(passages), learned_name(self.root))
        if not passages:
            detail = "".join(f"\n  - {p}" for p in problems)
            raise CorpusError(
                f"No passages could be read from {self.root} ({len(self.files)} document "
                f"file{'' if len(self.files) == 1 else 's'} found). "
                f"Add documents ({', '.join(sorted(FORMATS))}).{detail}")
        return LoadedCorpus(passages, problems, reports)

    def read(self, path: Path, *, max_chars: int = 1200) -> tuple[list[Passage], list[DocumentError]]:
        """The passages of one file, and its problems (a file that cannot be read is one problem)."""
        name = self.name(path)
        problems: list[DocumentError] = []
        try:
            found, bad = read_document(path, source=name, title=self.titles.get(name, ""), max_chars=max_chars,
                                       faq_columns=self.faq_columns)
        except DocumentError as exc:
            return [], [exc]
        except Exception as exc:  # noqa: BLE001 - a reader's bug costs this file, not the whole corpus
            _log.exception("Reading %s failed", name)
            return [], [DocumentError(name, f"{READER_BUG} ({type(exc).__name__}: {exc}); file skipped. "
                                            "Please report it with the file, if you can share it")]
        problems.extend(bad)
        if not found and not bad:
            problems.append(DocumentError(name, "no text found; file skipped"))
        return found, problems


def _visible_files(root: Path) -> list[Path]:
    """Every file below `root` but hidden ones (a name, or a folder's, starting with "."), in order, and the
    documents in a `.github` folder: a project keeps its contributing guide, security policy and code of conduct
    there, where GitHub shows them (its workflows, issue forms and settings there are GitHub's). A folder that
    cannot be read, or that is removed while it is walked (a tool's temporary folder), is passed over: it had
    stopped the whole corpus from opening."""
    found: list[Path] = []
    for folder, folders, names in os.walk(root):  # os.walk skips what it cannot list
        if Path(folder).name == DOCUMENTATION_FOLDER and Path(folder) != root:
            folders[:] = []
            names = [name for name in names if format_of(Path(name)) in (*_MARKUP, "text", "html")]
        folders[:] = [name for name in folders if not name.startswith(".") or name == DOCUMENTATION_FOLDER]
        found += [Path(folder, name) for name in names if not name.startswith(".")]
    return sorted(found)


def format_of(path: Path) -> str | None:
    """The format a file is read as, by its suffix; None when no reader takes it. A text file named after the
    source it holds ("faq.rst.txt", as Sphinx copies its sources into a built site; "notes.md.txt") is read
    as that source."""
    if tool_file(path):
        return None
    if path.suffix.lower() in COMPRESSED:
        return format_of(path.with_suffix("")) if path.stem else None
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes[-2:-1] and suffixes[-1] in (".txt", ".text") and FORMATS.get(suffixes[-2]) in _MARKUP:
        return FORMATS[suffixes[-2]]
    if _CONFIG_SUFFIX.fullmatch(path.suffix) or _CONFIG_SUFFIX.fullmatch("".join(suffixes[-2:])):
        return "config"
    if re.fullmatch(r"\.info-\d{1,3}", path.suffix.lower()):
        return "info"  # a part of an Info manual split over several files ("find.info-1")
    if re.fullmatch(r"\.[1-9][a-z]{1,6}", path.suffix.lower()):
        return "man"  # a manual page of a section's subsection: "ack.1p", "Carp.3pm", "openssl.1ssl"
    # A Unix documentation file named in capitals ("README.Debian", "INSTALL.unix", "FAQ.old") is text
    # whatever follows its name.
    stem = path.name.split(".")[0]
    documentation = len(stem) >= 3 and stem.isalpha() and stem.isupper()
    return FORMATS.get(path.suffix.lower(), "" if path.suffix and not documentation else NO_SUFFIX_FORMAT) or None


def tool_file(path: Path) -> bool:
    """Whether a file is one a project's tools read (a Makefile, a requirements.txt), known by its name."""
    return bool(_TOOL_FILE.fullmatch(path.name))


def convertible(suffix: str) -> bool:
    """Whether a file of a format no reader takes can be saved as one that a reader does (.ppt, .pages)."""
    return suffix.lower() in _CONVERT_TO


def unsupported_reason(path: Path) -> str:
    """Why a file is skipped, and how to make it readable when its format can be saved as one that is."""
    if tool_file(path):
        return f"{path.name} is read by a project's tools (a build script, a list of packages or words), not a " \
               "document; file skipped"
    suffix = "".join(path.suffixes[-2:]) if path.suffix.lower() in COMPRESSED else path.suffix
    hint = _CONVERT_TO.get(suffix.lower())
    return f"format not supported ({suffix}); " + (f"{hint}; file skipped" if hint else "file skipped")


def read_document(path: Path, *, source: str, title: str = "", max_chars: int = 1200,
                  faq_columns: FaqColumns = FaqColumns()) -> tuple[list[Passage], list[DocumentError]]:
    """Read one file with the reader for its format. Raises DocumentError when the file cannot be read."""
    kind = format_of(path)
    if kind is None:
        raise DocumentError(source, unsupported_reason(path))
    data = document_bytes(path, source)
    if kind in ("pdf", "docx", "doc", "odt", "rtf", "pptx", "epub", "xlsx", "xls", "ods", "html"):
        if kind == "pdf":
            from .pdf import parse_pdf

            return parse_pdf(data, source=source, title=title, max_chars=max_chars), []
        if kind == "docx":
            from .docx import parse_docx

            return parse_docx(data, source=source, title=title, max_chars=max_chars), []
        if kind == "doc":
            from .doc import parse_doc

            return parse_doc(data, source=source, title=title, max_chars=max_chars), []
        if kind == "odt":
            from .opendocument import parse_odt

            return parse_odt(data, source=source, title=title, max_chars=max_chars), []
        if kind == "rtf":
            from .rtf import parse_rtf

            return parse_rtf(data, source=source, title=title, max_chars=max_chars), []
        if kind == "pptx":
            from .slides import parse_pptx

            return parse_pptx(data, source=source, title=title, max_chars=max_chars), []
        if kind == "epub":
            from .epub import parse_epub

            return parse_epub(data, source=source, title=title, max_chars=max_chars), []
        if kind == "xlsx":
            return parse_xlsx(data, source=source, title=title or _stem(source), columns=faq_columns)
        if kind == "xls":
            return parse_xls(data, source=source, title=title or _stem(source), columns=faq_columns)
        if kind == "ods":
            from .opendocument import spreadsheet_sheets

            return parse_sheets(spreadsheet_sheets(data, source=source), source=source, title=title or _stem(source),
                                columns=faq_columns)
        from .html import REDIRECT, is_template, parse_html, redirect_target

        if b"\0" in data[:4096] and not data.startswith(tuple(bom for bom, _ in _BOMS)):
            raise DocumentError(source, "looks like a binary file, not text; file skipped")
        if target := redirect_target(data):
            raise DocumentError(source, f"{REDIRECT} ({target}); {_TARGET_READ}")
        if is_template(data):
            raise DocumentError(source, "a template that a site generator fills in ({% block %} and the like), not a "
                                        "page; file skipped. Add the pages built from it to answer from them")
        # Bytes, so that the page's declared charset (<meta charset=...>) is honoured.
        return parse_html(data, source=source, title=title, max_chars=max_chars), []
    text, notice = decode_text(data, source, info=kind == "info")
    found, problems = parse_document(text, kind=kind, source=source, title=title, max_chars=max_chars,
                                     faq_columns=faq_columns)
    return found, ([notice] if notice else []) + problems


def document_bytes(path: Path, name: str) -> bytes:
    """A file's bytes, decompressed when its name says it is compressed ("dig.1.gz")."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(name, f"cannot be read ({exc.strerror}); file skipped") from exc
    compression = COMPRESSED.get(path.suffix.lower())
    if compression is None:
        return data
    try:
        with compression.open(io.BytesIO(data)) as stream:
            data = stream.read(_MAX_DECOMPRESSED + 1)
    except (OSError, EOFError, lzma.LZMAError) as exc:
        raise DocumentError(name, f"is not a readable {path.suffix} file ({exc}); file skipped. Decompress it, "
                                  "or replace it with a good copy") from exc
    if len(data) > _MAX_DECOMPRESSED:
        raise DocumentError(name, f"decompresses to more than {_MAX_DECOMPRESSED // 2**20} MB; file skipped")
    return data


def decode_text(data: bytes, name: str, *, info: bool = False) -> tuple[str, DocumentError | None]:
    """Decode a file: a BOM wins, then UTF-8; anything else is read as Windows-1252 with a notice. An Info file
    (`info`) holds NUL bytes that are no sign of a binary file: the markers for the Info reader
    ("\\0\\b[index\\0\\b]"), which its reader drops."""
    notice = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            break
    else:
        if b"\0" in data and not info:
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


def parse_document(text: str, *, kind: str, source: str, title: str = "", max_chars: int = 1200,
                   faq_columns: FaqColumns = FaqColumns()) -> tuple[list[Passage], list[DocumentError]]:
    """Split decoded text of one of the text formats (text, markdown, asciidoc, org, pod, man, restructuredtext,
    html, csv, tsv, jsonl, json, yaml, notebook, config)."""
    text = text.lstrip("\ufeff")
    if kind == "text" and tab_separated_faq(text):
        kind = "tsv"  # Excel's "Text (Tab delimited)" and "Unicode Text" save a sheet as .txt
    if kind in ("csv", "tsv"):
        return parse_csv(text, source=source, title=title or _stem(source), columns=faq_columns,
                         delimiter="\t" if kind == "tsv" else ",")
    if kind in ("jsonl", "json", "yaml"):
        parse = {"jsonl": parse_jsonl, "json": parse_json, "yaml": parse_yaml}[kind]
        return parse(text, source=source, title=title or _stem(source), columns=faq_columns)
    if kind == "markdown":
        from .markdown import parse_markdown, pulled_in

        passages = parse_markdown(text, source=source, title=title, max_chars=max_chars)
        reason = "" if passages else pulled_in(text)
        return passages, [DocumentError(source, reason)] if reason else []
    if kind == "config":
        from .config import parse_config

        if text.lstrip().startswith("<"):
            # D-Bus' and fontconfig's ".conf" files are XML, not settings over comments.
            raise DocumentError(source, "an XML file, not a configuration file of settings and comments; "
                                        "file skipped")
        return parse_config(text, source=source, title=title or Path(source).name, max_chars=max_chars), []
    if kind == "org":
        from .org import parse_org

        return parse_org(text, source=source, title=title, max_chars=max_chars), []
    if kind == "notebook":
        from .notebook import parse_notebook

        return parse_notebook(text, source=source, title=title, max_chars=max_chars), []
    if kind == "asciidoc":
        from .asciidoc import parse_asciidoc

        return parse_asciidoc(text, source=source, title=title, max_chars=max_chars), []
    if kind == "man":
        from .manpage import is_manpage, parse_manpage
        from .roff import is_man_source, parse_roff

        if is_manpage(text):
            return parse_manpage(text, source=source, title=title, max_chars=max_chars), []
        if is_man_source(text):
            return parse_roff(text, source=source, title=title, max_chars=max_chars), []
        if link := re.fullmatch(r"\.so\s+(\S+)", text.strip()):  # environment.5: ".so man5/pam_env.conf.5"
            raise DocumentError(source, f"a link to another manual page ({link[1]}); {_TARGET_READ}")
        raise DocumentError(source, "not a manual page as `man` shows it (its first line names the page at both "
                                    "ends, \"GZIP(1) ... GZIP(1)\"); file skipped")
    if kind == "info":
        from .info import is_info, parse_info

        if not is_info(text):
            if table := re.search(r"\x1f\n?Indirect:\n(.*?)(?:\x1f|\Z)", text, re.DOTALL):
                # The parts as the table names them ("m4.info-1"; installed compressed, "m4.info-1.gz").
                parts = re.findall(r"^([^\s:]+): \d+$", table[1], re.MULTILINE)
                raise DocumentError(source, "the table of an Info manual split over several files: the parts it names "
                                            f"({', '.join(parts)}) hold its text, and are read; file skipped")
            raise DocumentError(source, "not an Info file as makeinfo writes it (its nodes open with \"File: ..., "
                                        "Node: ...\" after a 0x1F character); file skipped")
        return parse_info(text, source=source, title=title, max_chars=max_chars), []
    if kind == "pod":
        from .pod import parse_pod

        return parse_pod(text, source=source, title=title, max_chars=max_chars), []
    if kind == "restructuredtext":
        from .html import REDIRECT
        from .restructuredtext import parse_restructuredtext, pulled_in, redirect_target

        if target := redirect_target(text):
            return [], [DocumentError(source, f"{REDIRECT} ({target}); {_TARGET_READ}")]
        passages = parse_restructuredtext(text, source=source, title=title, max_chars=max_chars)
        reason = "" if passages else pulled_in(text)
        return passages, [DocumentError(source, reason)] if reason else []
    if kind == "html":
        from .html import parse_html

        return parse_html(text, source=source, title=title, max_chars=max_chars), []
    from .plaintext import is_word_list, parse_plaintext

    if is_word_list(text):
        raise DocumentError(source, "a list of words or names, one a line (a spell checker's word list, a "
                                    "package's list of files), not a document; file skipped")
    return parse_plaintext(text, source=source, title=title, max_chars=max_chars), []


def _stem(source: str) -> str:
    return Path(source).stem.replace("-", " ").replace("_", " ").strip().capitalize()


def _distinct_titles(passages: list[Passage]) -> list[Passage]:
    """Passages whose title was made from their file's name are titled with the file's path instead where two
    files would share a title (billing/faq.csv and shipping/faq.csv were both "Faq"): an answer's source line
    must say which file it comes from."""
    sources: dict[str, set[str]] = {}
    for p in passages:
        sources.setdefault(p.title, set()).add(p.source)
    shared = {title for title, held_by in sources.items() if len(held_by) > 1}
    return [replace(p, title=p.source) if p.title in shared and p.title == _stem(p.source) else p for p in passages]


def _copy_of_built_page(path: Path, files: set[Path]) -> bool:
    """Whether this is a built Sphinx site's copy of a page's source (`_sources/faq.rst.txt` for `faq.html`)
    whose page the site's folder holds: the page is read, and the copy would be every passage again, cited by
    a file nobody opens."""
    parts = path.parts
    if "_sources" not in parts or path.suffix != ".txt":
        return False
    at = len(parts) - 1 - parts[::-1].index("_sources")
    page = Path(*parts[:at], *parts[at + 1:]).with_suffix("")  # "faq.rst"
    return page.with_suffix(".html") in files or page.with_suffix(".htm") in files


def _site_machinery(path: Path, files: set[Path]) -> bool:
    """A file a documentation site keeps beside its pages that is not one of them, when the pages are there:
    Sphinx's copies of their sources (see _copy_of_built_page); the pages a Sphinx build generates to find the others
    (index, module index, search page, beside its inventory, objects.inv), which held only "Searching for
    multiple words only shows matches ..." and rows of module names; MkDocs' search index (every page again, as
    FAQ entries that outranked the pages); VitePress's map of its pages' script names (hashmap.json) and
    Pagefind's search index (Starlight's, Hugo's: pagefind/pagefind-entry.json), "no list of question and answer
    records" otherwise; a site's page-not-found page (404.html or 404/index.html, its
    source 404.md); and an mdBook's whole book on one page to print (print.html: every passage again) and
    its table of contents for browsers without scripts (toc.html)."""
    if path.suffix in (".html", ".htm", ".md", ".rst") and (path.stem == "404" or (
            path.stem == "index" and path.parent.name == "404")):
        return True
    if path.name in ("print.html", "toc.html") and path.parent / "index.html" in files:
        return _made_by_mdbook(path)
    pagefind = (path.parent.name in ("pagefind", "_pagefind") and path.name.startswith("pagefind")
                and path.suffix == ".json")
    if path.name == "hashmap.json" or pagefind:
        site = path.parent.parent if pagefind else path.parent
        return site / "index.html" in files or site / "404.html" in files
    if path.name == "search_index.json" and path.parent.name == "search":
        return path.parent.parent / "index.html" in files or path.parent.parent / "sitemap.xml" in files
    if path.suffix == ".html" and path.parent / "objects.inv" in files:
        return path.stem in ("genindex", "search") or path.stem.endswith("modindex")
    return _copy_of_built_page(path, files)


def _made_by_mdbook(path: Path) -> bool:
    """Whether a page says it was made by mdBook, as its head does ("Book generated using mdBook")."""
    try:
        with open(path, "rb") as f:
            return b"using mdBook" in f.read(4096)
    except OSError:
        return False


def _excluded(name: str, patterns: tuple[str, ...]) -> bool:
    """Whether corpus.toml's [files] exclude leaves out this file: a pattern matches its path in the corpus
    ("drafts/*", "docs/*-news.md") or its name ("CHANGELOG*")."""
    return any(fnmatch.fnmatchcase(name, pattern) or fnmatch.fnmatchcase(name.rsplit("/", 1)[-1], pattern)
               for pattern in patterns)


# corpus.toml's tables and the keys each takes (None: any key, as [titles] names files).
_CONFIG_TABLES = {"titles": None, "synonyms": None, "faq": {"question_column", "answer_column"},
                  "files": {"exclude"}, "learned": {"file"}}


def _check_names(path: Path, config: dict) -> None:
    """A misspelt table or key ("[titel]", "question_colum") is an error: ignored, it had changed nothing."""
    tables = ", ".join(f"[{t}]" for t in _CONFIG_TABLES)
    for table, value in config.items():
        if table not in _CONFIG_TABLES:
            raise CorpusError(f"{path}: unknown table [{table}] (or a key outside any table). corpus.toml takes "
                              f"{tables}: see the README, \"Your own documents\".")
        keys = _CONFIG_TABLES[table]
        if not isinstance(value, dict):
            raise CorpusError(f"{path}: {table} must be a table, [{table}], with its entries on the lines under it.")
        unknown = sorted(set(value) - keys) if keys is not None else []
        if unknown:
            raise CorpusError(f"{path}: [{table}] has no key {unknown[0]!r}; it takes "
                              f"{', '.join(sorted(keys))}.")


def _read_config(path: Path) -> tuple[dict[str, str], dict[str, list[str]], FaqColumns, tuple[str, ...]]:
    if not path.exists():
        return {}, {}, FaqColumns(), ()
    try:
        config = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path} is not valid TOML ({exc}). Fix it or delete it.") from exc
    _check_names(path, config)
    titles = config.get("titles", {})
    synonyms = config.get("synonyms", {})
    if not all(isinstance(v, str) for v in titles.values()):  # (each table is a table: _check_names)
        raise CorpusError(f'{path}: every [titles] entry must be "file name" = "Title".')
    synonyms = {k: [v] if isinstance(v, str) else v for k, v in synonyms.items()}
    if not all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in synonyms.values()):
        raise CorpusError(f'{path}: every [synonyms] entry must be "term" = ["long form", ...].')
    faq = config.get("faq", {})
    if not isinstance(faq, dict) or not all(isinstance(faq.get(k, ""), str) for k in ("question_column",
                                                                                     "answer_column")):
        raise CorpusError(f'{path}: [faq] takes question_column = "column name" and answer_column = "column name".')
    columns = FaqColumns(question=faq.get("question_column", ""), answer=faq.get("answer_column", ""))
    excluded = config.get("files", {}).get("exclude", []) if isinstance(config.get("files", {}), dict) else None
    if not isinstance(excluded, list) or not all(isinstance(x, str) for x in excluded):
        raise CorpusError(f'{path}: [files] takes exclude = ["pattern", ...] (e.g. "CHANGELOG*", "drafts/*").')
    return titles, synonyms, columns, tuple(excluded)
