"""Word documents (.docx): read with python-docx. Heading styles give the sections (in a document without
them, short lines all in bold: headings made by hand); a paragraph that asks something is a FAQ question
answered by what follows it; list paragraphs and tables are kept. The text is what Word shows: tracked
insertions in, deletions out, content controls read, the table of contents left out."""

from __future__ import annotations

import io
import re
from dataclasses import replace

from ..errors import DocumentError
from ..passage import Passage
from ..text import word_count
from .outline import (ANSWER_LABEL, QUESTION_LABEL, Block, build_passages, heading_block, looks_like_question,
                      question_text, title_block)

_HEADING_STYLE = re.compile(r"^(?:heading|überschrift|titre)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = {"title", "subtitle"}
MAX_TITLE_WORDS = 12
# A drawing's old-style copy (VML), which Word keeps beside the drawing itself.
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_NAVIGATION_MARKS = re.compile(r"[\W_]+")  # what stands between links in a menu: "|", "»", spaces
# "List Bullet 2", "List Number", "List Paragraph"; not LibreOffice's "List Heading" and "List Contents", the
# term and the description of a definition list (a FAQ's question and its answer).
_LIST_STYLE = re.compile(r"^(?!list (?:heading|contents)\b).*\blist\b.*?(?:\s(\d))?$", re.IGNORECASE)


def parse_docx(data: bytes, *, source: str, title: str = "", max_chars: int = 1200) -> list[Passage]:
    return build_passages(docx_blocks(data, source=source), source=source, title=title, max_chars=max_chars)


def _parts(data: bytes, source: str) -> list[tuple[str, str, int | None, bool, int] | list[list[str]]]:
    """The body in order: (style, text, list level or None, whether it is a short line all in bold, how many
    links it is made of: 0 when it holds text of its own) for a paragraph, rows of cells for a table."""
    import docx  # only when a corpus has Word files
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        parts: list = []
        for part in _body_items(document.element.body, document._body):
            if isinstance(part, Table):
                parts.append([[" ".join(" ".join(_visible_text(p._p) for p in cell.paragraphs).split())
                               for cell in row.cells] for row in part.rows])
            else:
                style = (part.style.name if part.style is not None else "") or ""
                visible = _visible_text(part._p)
                text = _paragraph_text(visible)
                parts.append((style, text, _list_level(part, style), _is_bold(part) and _is_title(text),
                              _links_only(part._p, visible)))
        return parts
    except Exception as exc:  # noqa: BLE001 - a damaged file fails in python-docx, zipfile, zlib or lxml
        raise DocumentError(source, f"is not a readable Word .docx file ({type(exc).__name__}: {exc}); "
                                    "file skipped") from exc


def _body_items(element, parent):
    """The paragraphs and tables of the body in order, also those inside content controls (a template's
    fields) and text boxes (after the paragraph they are anchored to), but not a table of contents, which
    Word keeps in a content control of its own."""
    from docx.oxml.ns import nsmap, qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from lxml import etree

    gallery = etree.XPath("./w:sdtPr/w:docPartObj/w:docPartGallery/@w:val", namespaces={"w": nsmap["w"]})
    for child in element.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, parent)
            # A text box's paragraphs (a note set beside the text), not its copy for old Word versions.
            for box in child.iter(qn("w:txbxContent")):
                if not any(ancestor.tag in (_FALLBACK, box.tag) for ancestor in box.iterancestors()):
                    yield from _body_items(box, parent)
        elif child.tag == qn("w:tbl"):
            yield Table(child, parent)
        elif child.tag == qn("w:sdt") and "Table of Contents" not in gallery(child):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _body_items(content, parent)


def _visible_text(paragraph) -> str:
    """A paragraph's text as Word shows it: with tracked insertions (python-docx's text leaves out runs
    inside <w:ins>), without tracked deletions, and without the text of its text boxes."""
    from docx.oxml.ns import qn

    hidden = {qn("w:del"), qn("w:moveFrom"), qn("w:txbxContent"), _FALLBACK}
    breaks = (qn("w:br"), qn("w:cr"))
    out = []
    for node in paragraph.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")):
        ancestor = node.getparent()
        while ancestor is not None and ancestor is not paragraph and ancestor.tag not in hidden:
            ancestor = ancestor.getparent()
        if ancestor is paragraph:
            out.append(node.text or "" if node.tag == qn("w:t") else "\n" if node.tag in breaks else " ")
    return "".join(out)


def _links_only(paragraph, visible: str) -> int:
    """How many links a paragraph (whose visible text is `visible`) is made of ("A.1.1 What is PuTTY?" in a
    linked contents list, "Previous | Next"), or 0 when it holds text outside them."""
    from docx.oxml.ns import qn

    links = list(paragraph.iter(qn("w:hyperlink")))
    linked = _NAVIGATION_MARKS.sub("", "".join(_visible_text(link) for link in links))
    return len(links) if linked and len(linked) >= len(_NAVIGATION_MARKS.sub("", visible)) else 0


def _paragraph_text(text: str) -> str:
    """A paragraph's text on one line, unless a line break in it starts a "Q:" or "A:" label: a FAQ typed as
    "Q: ...", Shift+Enter, "A: ..." (or several wordings of a question) keeps its lines, so that each label is
    read as one."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    if any(QUESTION_LABEL.match(line) or ANSWER_LABEL.match(line) for line in lines[1:]):
        return "\n".join(line for line in lines if line)
    return " ".join(text.split())


def docx_blocks(data: bytes, *, source: str) -> list[Block]:
    blocks: list[Block] = []
    parts = _parts(data, source)
    # Where no paragraph has a heading style, short lines all in bold are the headings, made by hand as
    # many Word FAQs are. Beside real headings, a bold line is only a label ("Example") under one.
    styled = any(not isinstance(part, list) and _HEADING_STYLE.match(part[0]) for part in parts)
    texts: set[int] = set()  # the lists with an item that is not just a link
    for part in parts:
        if isinstance(part, list):
            rows = part
            if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
                blocks.append(Block("table", rows=rows))
            elif text := " ".join(c for r in rows for c in r if c):
                blocks.append(Block("paragraph", text))
            continue
        style, text, level, bold_title, links = part
        # A list of links only is a contents list or a menu, as the HTML reader reads one; so is a line of them.
        if not text or (links >= 2 and level is None):
            continue
        heading = _HEADING_STYLE.match(style)
        if heading or style.lower() in _TITLE_STYLES:
            # The document's title (Word's "Title" style) stands over its level-1 headings, not among them:
            # on a FAQ whose headings ask, it is not one more entry.
            blocks.append(heading_block(text, level=int(heading.group(1)) if heading else 0))
        elif bold_title and level is None and not styled:
            blocks.append(title_block(text))
        elif level is not None:
            item = f"{'  ' * level}- {text}"  # a sub-item indented under its item, as Markdown writes it
            if blocks and blocks[-1].kind == "list":
                blocks[-1] = replace(blocks[-1], text=f"{blocks[-1].text}\n{item}")
            else:
                intro = blocks.pop().text if blocks and blocks[-1].kind == "paragraph" and \
                    blocks[-1].text.endswith(":") else ""
                blocks.append(Block("list", item, intro=intro))
            if not links:
                texts.add(len(blocks) - 1)
        elif looks_like_question(text):
            blocks.append(Block("question", question_text(text)))
        else:
            blocks.append(Block("paragraph", text))
    return [block for k, block in enumerate(blocks) if block.kind != "list" or k in texts]


def _is_bold(paragraph) -> bool:
    """Whether all the text of a paragraph is bold, by its runs, their character style or the paragraph's."""
    runs = [run for run in paragraph.runs if run.text.strip()]

    def bold(run) -> bool:
        if run.bold is not None:
            return run.bold
        for style in (run.style, paragraph.style):
            if style is not None and style.font is not None and style.font.bold is not None:
                return style.font.bold
        return False

    return bool(runs) and all(bold(run) for run in runs)


def _is_title(text: str) -> bool:
    """A line short enough to title what follows, ending as a title or a question does, not as a sentence."""
    return word_count(text) <= MAX_TITLE_WORDS and not re.search(r"[.:;,!]$", text)


def _list_level(paragraph, style: str) -> int | None:
    """How deep a list paragraph sits (0 for a top item; from its numbering, else from a style such as
    "List Bullet 2"), or None for a paragraph that is no list item."""
    properties = paragraph._p.pPr
    numbering = properties.numPr if properties is not None else None
    if numbering is not None and numbering.ilvl is not None and numbering.ilvl.val is not None:
        return int(numbering.ilvl.val)
    styled = _LIST_STYLE.match(style)
    if styled:
        return int(styled.group(1)) - 1 if styled.group(1) else 0
    return 0 if numbering is not None else None
