"""Word documents (.docx): read with python-docx. Heading styles give the sections; a paragraph that
asks something is a FAQ question answered by what follows it; list paragraphs and tables are kept."""

from __future__ import annotations

import io
import re
import zipfile

from ..errors import DocumentError
from ..passage import Passage
from .outline import Block, build_passages, heading_block, looks_like_question

_HEADING_STYLE = re.compile(r"^(?:heading|überschrift|titre)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = {"title", "subtitle"}


def parse_docx(data: bytes, *, source: str, title: str = "", max_chars: int = 1200) -> list[Passage]:
    return build_passages(docx_blocks(data, source=source), source=source, title=title, max_chars=max_chars)


def docx_blocks(data: bytes, *, source: str) -> list[Block]:
    import docx  # only when a corpus has Word files
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(source, f"is not a readable Word .docx file ({exc}); file skipped") from exc
    blocks: list[Block] = []
    for part in document.iter_inner_content():
        if isinstance(part, Table):
            rows = [[" ".join(cell.text.split()) for cell in row.cells] for row in part.rows]
            if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
                blocks.append(Block("table", rows=rows))
            elif text := " ".join(c for r in rows for c in r if c):
                blocks.append(Block("paragraph", text))
            continue
        text = " ".join(part.text.split())
        if not text:
            continue
        style = (part.style.name if part.style is not None else "") or ""
        heading = _HEADING_STYLE.match(style)
        if heading or style.lower() in _TITLE_STYLES:
            blocks.append(heading_block(text, level=int(heading.group(1)) if heading else 1))
        elif _is_list_item(part, style):
            if blocks and blocks[-1].kind == "list":
                blocks[-1].text += f"\n- {text}"
            else:
                intro = blocks.pop().text if blocks and blocks[-1].kind == "paragraph" and \
                    blocks[-1].text.endswith(":") else ""
                blocks.append(Block("list", f"- {text}", intro=intro))
        elif looks_like_question(text):
            blocks.append(Block("question", text))
        else:
            blocks.append(Block("paragraph", text))
    return blocks


def _is_list_item(paragraph, style: str) -> bool:
    if "list" in style.lower():
        return True
    properties = paragraph._p.pPr
    return properties is not None and properties.numPr is not None
