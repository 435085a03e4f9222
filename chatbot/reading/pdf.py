"""PDF: the text layer read with pypdf (pure Python), then split as hard-wrapped plain text.
A PDF without a text layer (a scan) is reported, not read as empty."""

from __future__ import annotations

import io
import re

from ..errors import DocumentError
from ..passage import Passage
from .outline import Block, build_passages
from .plaintext import plaintext_blocks

_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?\s*$", re.IGNORECASE)


def parse_pdf(data: bytes, *, source: str, title: str = "", max_chars: int = 1200) -> list[Passage]:
    blocks, pdf_title = pdf_blocks(data, source=source)
    # The first heading names the document better than the file's metadata ("Microsoft Word - faq.docx").
    if not title and not (blocks and blocks[0].kind == "heading"):
        title = re.sub(r"^Microsoft Word - ", "", pdf_title)
    return build_passages(blocks, source=source, title=title, max_chars=max_chars)


def pdf_blocks(data: bytes, *, source: str) -> tuple[list[Block], str]:
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
    text = "\n\n".join("\n".join(line.rstrip() for line in page.split("\n") if not _PAGE_NUMBER.match(line))
                       for page in pages)
    return plaintext_blocks(text), " ".join(str(title).split())
