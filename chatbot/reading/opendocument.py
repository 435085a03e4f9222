"""OpenDocument files, read from their XML with lxml: text (.odt: LibreOffice and OpenOffice Writer, and Google
Docs' export), split as every word processor's files are (reading/office.py), and spreadsheets (.ods: Calc),
whose sheets are read as FAQ tables (reading/faqfile.py).

In a text document, headings are Writer's outline levels; a style is known by the name Writer shows
("Title", "List Heading"), through the automatic styles Writer derives from it; the text is what Writer
shows: notes, comments and the text of tracked deletions left out, a text box read after the paragraph it
is anchored to, the table of contents and other indexes left out."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

from ..errors import DocumentError
from ..passage import Passage
from .office import Paragraph, Table, links_only, office_blocks, style_list_level
from .outline import build_passages, spread_cells

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
}


def _tag(prefix: str, name: str) -> str:
    return f"{{{_NS[prefix]}}}{name}"


_P, _H, _SPAN, _LINK = _tag("text", "p"), _tag("text", "h"), _tag("text", "span"), _tag("text", "a")
_LIST, _LIST_ITEM, _LIST_HEADER = _tag("text", "list"), _tag("text", "list-item"), _tag("text", "list-header")
_TABLE, _ROW, _CELL = _tag("table", "table"), _tag("table", "table-row"), _tag("table", "table-cell")
_SECTION, _FRAME, _TEXT_BOX = _tag("text", "section"), _tag("draw", "frame"), _tag("draw", "text-box")
_SPACES, _TAB, _LINE_BREAK = _tag("text", "s"), _tag("text", "tab"), _tag("text", "line-break")
# Inside a paragraph: a footnote or endnote, a comment, a drawing (read after the paragraph when it holds a
# text box), ruby annotations; none of them is the paragraph's own text.
_NOT_TEXT = {_tag("text", "note"), _tag("office", "annotation"), _tag("office", "annotation-end"), _FRAME,
             _tag("draw", "custom-shape"), _tag("text", "ruby-text")}
# Blocks of the body that are not the document's text: indexes Writer generates (the table of contents),
# the text of tracked deletions, declarations.
_GENERATED = {_tag("text", name) for name in ("table-of-content", "alphabetical-index", "illustration-index",
                                               "table-index", "object-index", "user-index", "bibliography",
                                               "tracked-changes", "sequence-decls", "variable-decls",
                                               "user-field-decls", "dde-connection-decls")}


def parse_odt(data: bytes, *, source: str, title: str = "", max_chars: int = 1200) -> list[Passage]:
    return build_passages(office_blocks(_parts(data, source)), source=source, title=title, max_chars=max_chars)


def spreadsheet_sheets(data: bytes, *, source: str) -> list[tuple[str, list[tuple[int, list[str]]]]]:
    """The sheets of a spreadsheet (.ods), each its name and its rows that hold something, numbered as Calc
    numbers them, with each cell's text as shown."""
    def read(content, styles):
        body = content.find("office:body/office:spreadsheet", _NS)
        if body is None:
            raise ValueError("it holds no spreadsheet (a text document saved as .ods?)")
        reader = _Reader(styles)
        return [(sheet.get(_tag("table", "name"), ""), _sheet_rows(sheet, reader)) for sheet in body.iter(_TABLE)]

    return _read(data, source, "spreadsheet (.ods)", read)


def _parts(data: bytes, source: str) -> list[Paragraph | Table]:
    def read(content, styles):
        body = content.find("office:body/office:text", _NS)
        if body is None:
            raise ValueError("it holds no text document (a spreadsheet or slides saved as .odt?)")
        return list(_Reader(styles).body(body))

    return _read(data, source, "text document (.odt)", read)


def _read(data: bytes, source: str, kind: str, read):
    """What `read` finds in a file's content and styles; a file it cannot read is a DocumentError."""
    from lxml import etree  # only when a corpus has OpenDocument files

    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            content = etree.fromstring(archive.read("content.xml"), parser)
            styles = etree.fromstring(archive.read("styles.xml"), parser) if "styles.xml" in archive.namelist() \
                else None
        return read(content, _Styles(content, styles))
    except Exception as exc:  # noqa: BLE001 - a damaged file fails in zipfile, zlib or lxml
        raise DocumentError(source, f"is not a readable OpenDocument {kind} file ({type(exc).__name__}: {exc}); "
                                    "file skipped") from exc


# Calc writes the empty cells and rows that run to the sheet's edge as one element repeated (a million rows);
# only so many repeats of a cell or row are read.
MAX_REPEATS = 1000


def _sheet_rows(sheet, reader: "_Reader") -> list[tuple[int, list[str]]]:
    rows, number = [], 0
    for row in sheet.iter(_ROW):
        repeats = int(row.get(_tag("table", "number-rows-repeated"), "1") or 1)
        cells: list[str] = []
        for cell in row.iterchildren(_CELL, _tag("table", "covered-table-cell")):
            text = "\n".join(_text_of(part) for part in reader.body(cell))  # not a comment on the cell
            cells += [text] * min(int(cell.get(_tag("table", "number-columns-repeated"), "1") or 1), MAX_REPEATS)
        while cells and not cells[-1].strip():
            cells.pop()
        if cells:
            rows += [(number + k + 1, cells) for k in range(min(repeats, MAX_REPEATS))]
        number += repeats
    return rows


class _Styles:
    """The paragraph and text styles of a document: the name Writer shows for each, and whether it sets bold or a
    font of fixed pitch, by itself or through the style it is derived from."""

    def __init__(self, content, styles):
        self._parent: dict[tuple[str, str], str] = {}
        self._shown: dict[tuple[str, str], str] = {}
        self._bold: dict[tuple[str, str], bool] = {}
        self._named: set[tuple[str, str]] = set()
        self._font: dict[tuple[str, str], str] = {}
        # Fonts of fixed pitch ("Liberation Mono", "Courier New"), as the document declares its fonts.
        self._fixed = {face.get(_tag("style", "name")) for root in (styles, content) if root is not None
                       for face in root.iter(_tag("style", "font-face"))
                       if face.get(_tag("style", "font-pitch")) == "fixed"}
        # The start of each numbered level of each list style (levels counted from 0); bulleted levels are not in it.
        self._numbered: dict[tuple[str, int], int] = {}
        for root in (styles, content):
            for level in root.iter(_tag("text", "list-level-style-number")) if root is not None else ():
                # A number shown as a number ("1", not "a" or "i", nor "" for none), as Markdown writes "1.".
                depth, start = level.get(_tag("text", "level"), ""), level.get(_tag("text", "start-value"), "1")
                if level.get(_tag("style", "num-format")) == "1" and depth.isdigit():
                    self._numbered[(level.getparent().get(_tag("style", "name"), ""), int(depth) - 1)] = \
                        int(start) if start.isdigit() else 1
            for style in root.iter(_tag("style", "style")) if root is not None else ():
                key = (style.get(_tag("style", "family"), ""), style.get(_tag("style", "name"), ""))
                if style.getparent().tag == _tag("office", "styles"):
                    self._named.add(key)
                self._shown[key] = style.get(_tag("style", "display-name")) or key[1].replace("_20_", " ")
                if parent := style.get(_tag("style", "parent-style-name")):
                    self._parent[key] = parent
                properties = style.find("style:text-properties", _NS)
                if properties is not None and (weight := properties.get(_tag("fo", "font-weight"))):
                    self._bold[key] = weight == "bold" or weight.isdigit() and int(weight) >= 600
                if properties is not None and (font := properties.get(_tag("style", "font-name"))):
                    self._font[key] = font

    def shown_name(self, name: str) -> str:
        """The name Writer shows for a paragraph style: an automatic style ("P3") shows the one it derives from."""
        key, seen = ("paragraph", name), set()
        while key not in self._named and key in self._parent and key not in seen:
            seen.add(key)
            key = ("paragraph", self._parent[key])
        return self._shown.get(key, key[1])

    def list_start(self, name: str, level: int) -> int | None:
        """The number of the first item at a level of a list style; None for a level of bullets."""
        return self._numbered.get((name, level))

    def bold(self, family: str, name: str) -> bool | None:
        """Whether a paragraph or text style sets its text in bold (None when neither it nor its parents say)."""
        return self._inherited(self._bold, family, name)

    def monospaced(self, name: str) -> bool:
        """Whether a paragraph style sets its text in a font of fixed pitch: code (aprx's "verbatim" style)."""
        return self._inherited(self._font, "paragraph", name) in self._fixed

    def _inherited(self, values: dict, family: str, name: str):
        """A style's value, or the nearest one of the styles it derives from (None when none sets it)."""
        key, seen = (family, name), set()
        while key[1] and key not in seen:
            seen.add(key)
            if key in values:
                return values[key]
            key = (family, self._parent.get(key, ""))
        return None


def _inside(node, element, tags: set[str]) -> bool:
    """Whether a node of a paragraph sits inside one of these elements, within the paragraph."""
    for ancestor in node.iterancestors():
        if ancestor is element:
            return False
        if ancestor.tag in tags:
            return True
    return False


class _Reader:
    def __init__(self, styles: _Styles):
        self.styles = styles
        # The number the next item of a numbered list would have, by the list's id and by its style and level: a
        # list that continues another ("text:continue-list", "text:continue-numbering") counts on from it.
        self.next_numbers: dict[str | tuple[str, int], int] = {}

    def body(self, element, level: int | None = None):
        """The paragraphs and tables under an element in order; `level` is the list level of a list's items."""
        for child in element:
            tag = child.tag
            if tag in _GENERATED:
                continue
            if tag in (_P, _H):
                yield from self.paragraph(child, level)
            elif tag == _LIST:
                yield from self.list(child, 0 if level is None else level + 1)
            elif tag == _LIST_ITEM:
                yield from self.item(child, level)
            elif tag in (_LIST_HEADER, _SECTION) or tag == _tag("text", "soft-page-break"):
                yield from self.body(child, level)
            elif tag == _TABLE:
                yield self.table(child)

    def list(self, element, level: int):
        """A list's items, each numbered when its list style numbers their level. A nested list takes the style
        of the list it is in."""
        style = next((s for s in (element.get(_tag("text", "style-name")),
                                  *(a.get(_tag("text", "style-name")) for a in element.iterancestors(_LIST))) if s), "")
        number = self.styles.list_start(style, level)
        if number is not None:
            continued = element.get(_tag("text", "continue-list")) or (
                (style, level) if element.get(_tag("text", "continue-numbering")) == "true" else None)
            number = self.next_numbers.get(continued, number)
        for child in element:
            if child.tag != _LIST_ITEM:
                yield from self.body([child], level)
                continue
            if number is not None and (own := child.get(_tag("text", "start-value"), "")).isdigit():
                number = int(own)
            yield from self.item(child, level, number)
            number = None if number is None else number + 1
        if number is not None:
            self.next_numbers[(style, level)] = number
            if identifier := element.get("{http://www.w3.org/XML/1998/namespace}id"):
                self.next_numbers[identifier] = number

    def item(self, element, level: int | None, number: int | None = None):
        """A list item's parts: its paragraphs after the first go on with it, under it (a question's answer,
        in a list of questions each answered under its item), not items of their own. The first shows the
        item's number, in a numbered list."""
        opened = False
        for child in element:
            if child.tag not in (_P, _H):
                yield from self.body([child], level)
                continue
            parts = list(self.paragraph(child, level))
            if parts and isinstance(parts[0], Paragraph) and parts[0].list_level == level:
                parts[0] = replace(parts[0], list_level=None, continues=True) if opened else \
                    replace(parts[0], number=number)
            opened = True
            yield from parts

    def paragraph(self, element, level: int | None):
        style = element.get(_tag("text", "style-name"), "")
        if element.tag == _H:
            outline = element.get(_tag("text", "outline-level"), "1")
            shown, level = f"Heading {outline if outline.isdigit() else 1}", None
        else:
            shown = self.styles.shown_name(style)
            if level is None:
                level = style_list_level(shown)
        runs = list(self.runs(element, self.styles.bold("paragraph", style) or False))
        visible = "".join(text for text, _ in runs)
        bold = any(text.strip() for text, _ in runs) and all(b for t, b in runs if t.strip())
        links = [link for link in element.iter(_LINK) if not _inside(link, element, _NOT_TEXT)]
        yield Paragraph(shown, visible, level, bold,
                        links_only(["".join(t for t, _ in self.runs(link)) for link in links], visible),
                        monospaced=element.tag == _P and self.styles.monospaced(style))
        # A text box anchored to the paragraph (a note set beside the text) follows it.
        for box in element.iter(_TEXT_BOX):
            if not _inside(box, element, {_TEXT_BOX}):
                yield from self.body(box)

    def runs(self, element, bold: bool = False):
        """The paragraph's text as (text, whether it is bold) pieces, in order."""
        if element.text:
            yield element.text, bold
        for child in element:
            tag = child.tag
            if tag == _SPACES:
                yield " " * min(int(child.get(_tag("text", "c"), "1") or 1), MAX_REPEATS), bold
            elif tag == _TAB:
                yield " ", bold
            elif tag == _LINE_BREAK:
                yield "\n", bold
            elif tag not in _NOT_TEXT and tag not in _GENERATED:
                inner = self.styles.bold("text", child.get(_tag("text", "style-name"), "")) if tag == _SPAN else None
                yield from self.runs(child, bold if inner is None else inner)
            if child.tail:
                yield child.tail, bold

    def table(self, element) -> Table:
        rows = []
        for row in element.iter(_ROW):
            if next(a for a in row.iterancestors() if a.tag == _TABLE) is not element:
                continue  # a row of a table inside a cell: read as that cell's text
            # A cell spanning rows or columns fills them; the cells it covers are written as covered cells.
            rows.append([(" ".join(" ".join(_text_of(part) for part in self.body(cell)).split()),
                          _span(cell, "number-rows-spanned"), _span(cell, "number-columns-spanned"))
                         for cell in row.iterchildren(_CELL)])
        return spread_cells(rows)


def _span(cell, name: str) -> int:
    value = cell.get(_tag("table", name), "1")
    return int(value) if value.isdigit() else 1


def _text_of(part: Paragraph | Table) -> str:
    return part.text if isinstance(part, Paragraph) else " ".join(cell for row in part for cell in row)
