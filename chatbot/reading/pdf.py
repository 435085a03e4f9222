"""PDF: the text layer read with pypdf (pure Python), then split as hard-wrapped plain text.
A PDF without a text layer (a scan) is reported, not read as empty."""

from __future__ import annotations

import io
import re
from collections import Counter

from ..errors import DocumentError
from ..passage import Passage
from .outline import Block, build_passages
from .plaintext import plaintext_blocks

# A line at the top or bottom of this many pages, or of half of them if more, is a running header or footer.
RUNNING_PAGES = 3
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?\s*$", re.IGNORECASE)


def parse_pdf(data: bytes, *, source: str, title: str = "", max_chars: int = 1200) -> list[Passage]:
    blocks, pdf_title, running_title = pdf_blocks(data, source=source)
    # A running header names the document ("Acme Backup User Guide" atop every page); else the first
    # heading does, better than the file's metadata ("Microsoft Word - faq.docx").
    if not title:
        title = running_title
    if not title and not (blocks and blocks[0].kind == "heading"):
        title = re.sub(r"^Microsoft Word - ", "", pdf_title)
    return build_passages(blocks, source=source, title=title, max_chars=max_chars)


def pdf_blocks(data: bytes, *, source: str) -> tuple[list[Block], str, str]:
    """The outline of a PDF, its metadata title and its running header's text (if it has one)."""
    import pypdf  # only when a corpus has PDFs

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(source, "is encrypted; save an unprotected copy; file skipped")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata.title if reader.metadata and reader.metadata.title else "") or ""
    except DocumentError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf fails on damaged files with many kinds of error
        raise DocumentError(source, f"is not a readable PDF ({type(exc).__name__}: {exc}); file skipped") from exc
    if pages and not any(page.strip() for page in pages):
        raise DocumentError(source, f"has {len(pages)} pages but no text layer (a scanned PDF?). Run OCR on it "
                                    "(for example `ocrmypdf in.pdf out.pdf`) and put the result in the corpus; "
                                    "file skipped")
    running = _running_lines(pages)
    text = ""
    for page in pages:
        body = "\n".join(line.rstrip() for line in page.split("\n")
                         if not _PAGE_NUMBER.match(line) and _shape(line) not in running).strip("\n")
        if not body:
            continue
        # A sentence that runs on from the page before stays one paragraph; else a page break ends one.
        runs_on = text and not text.rstrip().endswith((".", "!", "?", ":")) and body.lstrip()[:1].islower()
        text += ("\n" if runs_on else "\n\n" if text else "") + body
    first = next((line for line in pages[0].split("\n") if line.strip()), "") if pages else ""
    header = " ".join(first.split()) if _shape(first) in running and not any(ch.isdigit() for ch in first) else ""
    return plaintext_blocks(text), " ".join(str(title).split()), header


def _shape(line: str) -> str:
    """A line with its numbers masked: "Page 3 of 10" and "Page 4 of 10" have one shape."""
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def _running_lines(pages: list[str]) -> set[str]:
    """The shapes of the running headers and footers: lines among the first or last two of at least half
    the pages (and three), such as a manual's title or "Acme Inc. - Page 3 of 10". Left in, they would
    read as headings in the middle of the text."""
    counts: Counter[str] = Counter()
    for page in pages:
        lines = [line for line in page.split("\n") if line.strip()]
        counts.update({_shape(line) for line in lines[:2] + lines[-2:]})
    return {shape for shape, n in counts.items() if n >= max(RUNNING_PAGES, len(pages) / 2)}
