"""Word 97-2003 documents (.doc): converted to .docx by msdoc2docx (pure Python, written from Microsoft's
published binary-format specifications; styles, lists, tables and links kept), then read as Word documents
are (reading/docx.py). A ".doc" that is really RTF, HTML or .docx, as web apps and mail merges save them, is
read as what it is."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..errors import DocumentError
from ..passage import Passage
from .docx import parse_docx

_COMPOUND_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the OLE container Word 97-2003 files are stored in


def parse_doc(data: bytes, *, source: str, title: str = "", max_chars: int = 1200) -> list[Passage]:
    head = data[:1024].lstrip()
    if head.startswith(b"{\\rtf"):
        from .rtf import parse_rtf

        return parse_rtf(data, source=source, title=title, max_chars=max_chars)
    if head.startswith(b"PK\x03\x04"):
        return parse_docx(data, source=source, title=title, max_chars=max_chars)
    if head[:1] == b"<" and b"<html" in head.lower():
        from .html import parse_html

        return parse_html(data, source=source, title=title, max_chars=max_chars)
    return parse_docx(_as_docx(data, source), source=source, title=title, max_chars=max_chars)


def _as_docx(data: bytes, source: str) -> bytes:
    if not data.startswith(_COMPOUND_FILE):
        raise DocumentError(source, "is not a Word 97-2003 .doc file (no OLE compound file header); file skipped")
    from doc2docx import convert  # msdoc2docx; only when a corpus has .doc files
    from doc2docx.errors import EncryptedDocumentError

    with tempfile.TemporaryDirectory(prefix="chatbot-doc-") as folder:
        original, converted = Path(folder) / "document.doc", Path(folder) / "document.docx"
        original.write_bytes(data)
        try:
            convert(original, converted)
        except EncryptedDocumentError as exc:
            raise DocumentError(source, "is protected by a password; save it without one (Word: File > Info > "
                                        "Protect Document); file skipped") from exc
        except Exception as exc:  # noqa: BLE001 - a damaged file fails anywhere in the converter's parsers
            raise DocumentError(source, f"is not a readable Word 97-2003 .doc file ({type(exc).__name__}: {exc}); "
                                        "save it as .docx; file skipped") from exc
        return converted.read_bytes()
