"""Upload: a document sent from the admin page is checked, given a safe name and put in the corpus
folder; a document is deleted only by a name that the corpus lists."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import unicodedata
from pathlib import Path

from . import corpus as corpus_module
from .corpus import Corpus, LoadedCorpus
from ..errors import AdminError, CorpusError

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def supported_suffixes() -> list[str]:
    """The suffixes the corpus reads, as the corpus module lists them."""
    return sorted(corpus_module.DOCUMENT_SUFFIXES)


def safe_name(name: str) -> str:
    """A plain file name made of letters, digits, dots, dashes and underscores; refuses paths."""
    if not isinstance(name, str) or not name.strip():
        raise AdminError("The document has no file name.")
    if "/" in name or "\\" in name or "\0" in name or name.strip() in (".", ".."):
        raise AdminError(f"{name!r} is a path, not a file name: upload a file with a plain name.")
    if name.startswith("."):
        raise AdminError(f"{name!r} is a hidden file name; rename the file without the leading dot.")
    # Split before the letters are folded to ASCII: a stem of only non-ASCII letters folds to nothing, and
    # "\x80.md" had become ".md", whose suffix then read as a hidden stem.
    stem, suffix = (_ascii(part) for part in os.path.splitext(name.strip()))
    stem = _UNSAFE.sub("-", stem).strip("-._")
    suffix = _UNSAFE.sub("", suffix[1:]).lower()
    if not stem:
        raise AdminError(f"{name!r} has no usable file name; rename it with letters or digits.")
    return stem[:100] + (f".{suffix}" if suffix else "")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def check_size(name: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise AdminError(f"{name} is {size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB. Split it into "
                         "smaller documents.")


def save_upload(root: str | Path, name: str, data: bytes, *, max_bytes: int, max_chars: int = 1200,
                suffixes: list[str] | None = None) -> tuple[Path, LoadedCorpus]:
    """Check an uploaded document and put it in the corpus folder; returns its path and its passages.
    Refuses a path, an unsupported or hidden name, a name already taken, a file too big, and a file of
    which nothing can be read (a binary file, say)."""
    root = Path(root)
    name = safe_name(name)
    suffixes = suffixes or supported_suffixes()
    if Path(name).suffix not in suffixes:
        raise AdminError(f"{name}: this kind of file cannot be read. Upload one of: {', '.join(suffixes)}.")
    check_size(name, len(data), max_bytes)
    if not data.strip():
        raise AdminError(f"{name} is empty.")
    target = root / name
    if target.exists() or name == corpus_module.CONFIG_FILE:
        raise AdminError(f"The corpus already has a file named {name}. Delete it first to replace it.")
    if Corpus.open(root).leaves_out(name):
        raise AdminError(f"{name} would not be read: corpus.toml's [files] exclude leaves it out, or it is a "
                         "site's page-not-found page. Rename it, or change corpus.toml.")
    # Parse it in a hidden folder (the corpus skips hidden paths), then move it into place.
    work = root / f".upload-{secrets.token_hex(4)}"
    work.mkdir()
    try:
        staged = work / name
        staged.write_bytes(data)
        try:
            loaded = Corpus(root=work, files=(staged,), titles={}, synonyms={}).load(max_chars=max_chars)
        except CorpusError as exc:
            # The corpus error lists each problem on a line of its own ("  - name: reason").
            reasons = "; ".join(line.strip(" -") for line in str(exc).splitlines()[1:]) or "no text found"
            raise AdminError(f"Nothing could be read from {name} ({reasons}). It was not added.") from exc
        os.replace(staged, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target, loaded


def delete_document(root: str | Path, name: str, *, keep_in: Path | None = None) -> Path:
    """Delete a document of the corpus by the name the corpus lists; refuses anything else, and the last one.
    With `keep_in`, the file is moved into that folder instead (to be put back if need be)."""
    corpus = Corpus.open(root)
    by_name = {corpus.name(p): p for p in corpus.files}
    if name not in by_name:
        raise AdminError(f"The corpus has no document named {name!r}.")
    if len(by_name) == 1:
        raise AdminError(f"{name} is the only document: the bot would have nothing to answer from. Upload "
                         "another document first.")
    path = by_name[name]
    if keep_in is None:
        path.unlink()
    else:
        shutil.move(str(path), Path(keep_in) / path.name)
    return path
