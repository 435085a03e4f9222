"""Word documents (.docx): read with python-docx, and split as every word processor's files are
(reading/office.py). The text is what Word shows: tracked insertions in, deletions out, content controls
read, the table of contents left out."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from ..errors import DocumentError
from ..passage import Passage
from .office import Paragraph, Table, is_heading_style, links_only, office_blocks, style_list_level
from .outline import build_passages

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Families of fixed pitch by their names, for a font the document's font table does not declare.
_MONOSPACED_NAME = re.compile(r"\bmono|courier|consolas|menlo|monaco|lucida console|inconsolata|source code|\bcode\b",
                              re.IGNORECASE)
# A drawing's old-style copy (VML), which Word keeps beside the drawing itself.
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def parse_docx(data: bytes, *, source: str, title: str = "", max_chars: int = 1200) -> list[Passage]:
    return build_passages(office_blocks(_parts(data, source)), source=source, title=title, max_chars=max_chars)


def _parts(data: bytes, source: str) -> list[Paragraph | Table]:
    """The body in order: its paragraphs, and its tables as rows of cells."""
    import docx  # only when a corpus has Word files
    from docx.table import Table as WordTable

    try:
        document = docx.Document(io.BytesIO(data))
        levels = _numbering_levels(document)
        fixed = _fixed_pitch_fonts(document)
        counts: dict[str, dict[str, int]] = {}
        parts: list = []
        for part in _body_items(document.element.body, document._body):
            if isinstance(part, WordTable):
                parts.append([[" ".join(" ".join(_visible_text(p._p) for p in cell.paragraphs).split())
                               for cell in row.cells] for row in part.rows])
            else:
                style = _style_name(part)
                visible = _visible_text(part._p)
                level = _list_level(part, style)
                numbering = _numbering(part) if level is not None else None
                continues = numbering in levels and not levels[numbering].shown
                number = _count(numbering, levels, counts) if numbering in levels and not continues else None
                parts.append(Paragraph(style, visible, None if continues else level, _is_bold(part),
                                       _links_only(part._p, visible), continues, number,
                                       monospaced=_is_monospaced(part, fixed)))
        return parts
    except Exception as exc:  # noqa: BLE001 - a damaged file fails in python-docx, zipfile, zlib or lxml
        raise DocumentError(source, f"is not a readable Word .docx file ({type(exc).__name__}: {exc}); "
                                    "file skipped") from exc


def _body_items(element, parent):
    """The paragraphs and tables of the body in order, also those inside content controls (a template's
    fields) and text boxes (after the paragraph they are anchored to), but not a table of contents, which
    Word keeps in a content control of its own."""
    from docx.oxml.ns import nsmap, qn
    from docx.table import Table as WordTable
    from docx.text.paragraph import Paragraph as WordParagraph
    from lxml import etree

    gallery = etree.XPath("./w:sdtPr/w:docPartObj/w:docPartGallery/@w:val", namespaces={"w": nsmap["w"]})
    for child in element.iterchildren():
        if child.tag == qn("w:p"):
            yield WordParagraph(child, parent)
            # A text box's paragraphs (a note set beside the text), not its copy for old Word versions.
            for box in child.iter(qn("w:txbxContent")):
                if not any(ancestor.tag in (_FALLBACK, box.tag) for ancestor in box.iterancestors()):
                    yield from _body_items(box, parent)
        elif child.tag == qn("w:tbl"):
            yield WordTable(child, parent)
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
    from docx.oxml.ns import qn

    return links_only([_visible_text(link) for link in paragraph.iter(qn("w:hyperlink"))] + _field_links(paragraph),
                      visible)


def _field_links(paragraph) -> list[str]:
    """The shown text of each HYPERLINK field of a paragraph. Word 97 wrote every link as a field, and files
    converted from its .doc, or saved by older Word, keep them so rather than as <w:hyperlink>."""
    from docx.oxml.ns import qn

    links = []
    for simple in paragraph.iter(qn("w:fldSimple")):
        if simple.get(qn("w:instr"), "").split()[:1] == ["HYPERLINK"]:
            links.append(_visible_text(simple))
    fields: list[list] = []  # the open fields, innermost last: [instruction, shown text, past the separator]
    for node in paragraph.iter(qn("w:fldChar"), qn("w:instrText"), qn("w:t")):
        if node.tag == qn("w:fldChar"):
            kind = node.get(qn("w:fldCharType"))
            if kind == "begin":
                fields.append(["", [], False])
            elif fields and kind == "separate":
                fields[-1][2] = True
            elif fields and kind == "end":
                instruction, shown, _ = fields.pop()
                if instruction.split()[:1] == ["HYPERLINK"]:
                    links.append("".join(shown))
        elif fields and node.tag == qn("w:instrText"):
            fields[-1][0] += node.text or ""
        elif node.tag == qn("w:t"):
            for field in fields:  # a field's shown text holds that of the fields inside it
                if field[2]:
                    field[1].append(node.text or "")
    return links


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


def _fixed_pitch_fonts(document) -> set[str]:
    """The fonts the document's font table declares of fixed pitch ("Courier New", "Consolas")."""
    from lxml import etree

    fonts: set[str] = set()
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/fontTable") and not rel.is_external:
            table = etree.fromstring(rel.target_part.blob, etree.XMLParser(resolve_entities=False, no_network=True))
            fonts |= {font.get(_W + "name") for font in table.iter(_W + "font")
                      if any(pitch.get(_W + "val") == "fixed" for pitch in font.iter(_W + "pitch"))}
    return fonts


def _is_monospaced(paragraph, fixed: set[str]) -> bool:
    """Whether all the text of a paragraph is set in a font of fixed pitch, by its runs, their character style or
    the paragraph's style and the styles it derives from: a line of code. A font the font table does not declare
    is known by its name ("Courier New", "Liberation Mono", "Consolas")."""
    runs = [run for run in paragraph.runs if run.text.strip()]

    def font(run) -> str | None:
        for style in (run.style, paragraph.style):
            while style is not None:
                if style.font is not None and style.font.name:
                    return style.font.name
                style = style.base_style
        return None

    names = [run.font.name or font(run) for run in runs]
    return bool(runs) and all(name and (name in fixed or _MONOSPACED_NAME.search(name)) for name in names)


def _numbering(paragraph) -> tuple[str, str] | None:
    """A list paragraph's numbering and level ids, as numbering.xml names them: the paragraph's own, else its
    style's (Word's "List Number" numbers its paragraphs so); None for no numbering (numId 0 takes a style's
    numbering away)."""
    chain, style = [paragraph._p], paragraph.style
    while style is not None and len(chain) < 10:  # a chain of based-on styles, never a loop
        chain.append(style.element)
        style = style.base_style
    numbering = next((ids[0] for element in chain if (ids := element.xpath("./w:pPr/w:numPr/w:numId/@w:val"))), None)
    level = next((ids[0] for element in chain if (ids := element.xpath("./w:pPr/w:numPr/w:ilvl/@w:val"))), "0")
    return None if numbering in (None, "0") else (str(numbering), str(level))


@dataclass(frozen=True)
class _Level:
    shown: bool  # a bullet or number is shown: pandoc numbers an item's second paragraph with no marker, to
    # indent it under the item; it goes on with the item, it is no item of its own
    numbered: bool  # its marker is a number ("1.", "2."), not a bullet
    start: int  # the number of its first item


# Word's formats of numbers ("1.", "01."); letters and Roman numerals are read as bullets.
_DECIMAL_FORMATS = ("decimal", "decimalZero")


def _numbering_levels(document) -> dict[tuple[str, str], _Level]:
    """Each numbering level of numbering.xml, by numbering and level ids: what its items are shown with."""
    from docx.oxml.ns import qn

    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return {}

    def value(element, name: str) -> str:
        found = element.find(qn(name)) if element is not None else None
        return found.get(qn("w:val"), "") if found is not None else ""

    levels = {}
    abstract = {a.get(qn("w:abstractNumId")): a for a in numbering.iterchildren(qn("w:abstractNum"))}
    for num in numbering.iterchildren(qn("w:num")):
        definition = abstract.get(value(num, "w:abstractNumId"))
        # A list that numbers again from its own start ("restart at 1") overrides the definition's start.
        starts = {o.get(qn("w:ilvl")): value(o, "w:startOverride") for o in num.iterchildren(qn("w:lvlOverride"))}
        for level in definition.iterchildren(qn("w:lvl")) if definition is not None else ():
            kind, ilvl = value(level, "w:numFmt"), level.get(qn("w:ilvl"))
            start = starts.get(ilvl) or value(level, "w:start")
            levels[(num.get(qn("w:numId")), ilvl)] = _Level(
                shown=kind != "none" and bool(value(level, "w:lvlText").strip()), numbered=kind in _DECIMAL_FORMATS,
                start=int(start) if start.isdigit() else 1)
    return levels


def _count(numbering: tuple[str, str], levels: dict[tuple[str, str], _Level],
           counts: dict[str, dict[str, int]]) -> int | None:
    """The number Word shows before a numbered paragraph, None before a bullet. Word counts a list's items
    through the whole document (`counts`, by numbering id, then level), and numbers a level again from its
    start under each item of a level above it."""
    num, ilvl = numbering
    counted = counts.setdefault(num, {})
    for deeper in [k for k in counted if int(k) > int(ilvl)]:
        del counted[deeper]
    level = levels[numbering]
    counted[ilvl] = counted.get(ilvl, level.start - 1) + 1
    return counted[ilvl] if level.numbered else None


def _style_name(paragraph) -> str:
    """The name of a paragraph's style, as the reader knows styles: a heading by its outline level, set on the
    paragraph or on its style or one it is based on ("Heading 2" for a template's own "FAQ Question" style based
    on Heading 2, or for a "Kapitel" style with an outline level), since Word's navigation pane and contents
    take these as headings."""
    style = paragraph.style
    name = (style.name if style is not None else "") or ""
    levels = paragraph._p.xpath("./w:pPr/w:outlineLvl/@w:val")
    seen = 0
    while not levels and style is not None and seen < 10:  # a chain of based-on styles, never a loop
        levels = style.element.xpath("./w:pPr/w:outlineLvl/@w:val")
        if is_heading_style(style.name or ""):
            return name if style is paragraph.style else style.name
        style, seen = style.base_style, seen + 1
    level = int(levels[0]) if levels and levels[0].isdigit() else 9
    return f"Heading {level + 1}" if level < 9 and not is_heading_style(name) else name


def _list_level(paragraph, style: str) -> int | None:
    """How deep a list paragraph sits (0 for a top item; from its numbering, else from a style such as
    "List Bullet 2"), or None for a paragraph that is no list item."""
    properties = paragraph._p.pPr
    numbering = properties.numPr if properties is not None else None
    if numbering is not None and numbering.ilvl is not None and numbering.ilvl.val is not None:
        return int(numbering.ilvl.val)
    styled = style_list_level(style)
    if styled is not None:
        return styled
    return 0 if numbering is not None else None
