"""Rich Text Format (.rtf: WordPad, TextEdit's default, Word's and LibreOffice's "Save as RTF", pandoc), read by
its grammar (groups, control words and destinations, as the RTF 1.9 specification defines them) and split as
every word processor's files are (reading/office.py). The Python packages on the registry give an RTF file's
text without its styles, lists or tables; read so, the realdocs probe lost a tenth of its answers.

A paragraph's style is named by the document's stylesheet ("heading 1" is a heading; so is a paragraph whose
outline level is set, on it or on its style); a list paragraph (numbered by a list, \\ls, or by the bullet text
older writers put before it, or drawn as a bullet or number and a tab over a hanging indent) is an item at its
level; a paragraph set all in a fixed-pitch font, in a document that is not, is code; table cells and rows
are a table; a HYPERLINK field's text is a link. What a reader does not see is left out: headers, footers,
footnotes, comments, pictures, the table of contents field, and every destination a reader may skip."""

from __future__ import annotations

import codecs
import re
from dataclasses import replace

from ..errors import DocumentError
from ..passage import Passage
from .office import Paragraph, Table, links_only, office_blocks
from .outline import build_passages

_TOKEN = re.compile(rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\([^a-zA-Z])|([{}])|[\r\n]+"
                    rb"|([^\\{}\r\n]+)")
# Destinations whose text is not the document's (a group that opens with one of them is skipped whole).
_SKIPPED = {
    "colortbl", "info", "pict", "header", "headerl", "headerr", "headerf", "footer", "footerl", "footerr",
    "footerf", "footnote", "annotation", "atnid", "atnauthor", "listtable", "listoverridetable", "rsidtbl",
    "generator", "xmlnstbl", "themedata", "colorschememapping", "latentstyles", "datastore", "mmathPr", "pgdsctbl",
    "object", "nonshppict", "shp", "bkmkstart", "bkmkend", "txe", "xe", "tc", "tcn", "revtbl", "filetbl", "userprops",
    "ftnsep", "ftnsepc", "aftnsep", "aftnsepc", "listtext", "pntext", "pntxta", "pntxtb", "pn", "expandedcolortbl",
    "template", "docvar", "fchars", "lchars", "leveltext", "levelnumbers", "upr",
}
# Symbols written as control words, and as control symbols.
_CHARACTERS = {"emdash": "—", "endash": "–", "bullet": "•", "lquote": "‘", "rquote": "’", "ldblquote": "“",
               "rdblquote": "”", "emspace": " ", "enspace": " ", "qmspace": " ", "tab": "\t", "line": "\n"}
_SYMBOLS = {"~": "\u00a0", "_": "‑", "\\": "\\", "{": "{", "}": "}", "\t": "\t"}
_FIXED_PITCH_NAME = re.compile(r"courier|consolas|menlo|monaco|mono|code|typewriter", re.IGNORECASE)
# A list item drawn by hand: a bullet or a number, then a tab (over a hanging indent).
_DRAWN_ITEM = re.compile(r"^\s*(?:([•·▪◦‣○■□➢✓-])|(\d{1,3}[.)]|[a-zA-Z][.)]))\t\s*")


def parse_rtf(data: bytes, *, source: str, title: str = "", max_chars: int = 1200) -> list[Passage]:
    return build_passages(office_blocks(rtf_parts(data, source)), source=source, title=title, max_chars=max_chars)


def rtf_parts(data: bytes, source: str) -> list[Paragraph | Table]:
    if not data.lstrip()[:5] == b"{\\rtf":
        raise DocumentError(source, "is not an RTF file (it does not begin with {\\rtf); file skipped")
    try:
        return _Reader().read(data)
    except ValueError as exc:
        raise DocumentError(source, f"is not a readable RTF file ({exc}); file skipped") from exc


def _entry() -> dict:
    """A stylesheet or font table entry, as its control words and name are read."""
    return {"number": 0, "name": "", "outline": None, "kind": "s", "fixed": False}


class _Group:
    """What a group sets, restored when it closes."""
    __slots__ = ("skip", "bold", "font", "uc", "destination", "field", "entry")

    def __init__(self):
        self.skip = False  # inside a destination whose text is not shown
        self.bold = False
        self.font = 0
        self.uc = 1  # how many fallback characters follow a \u character
        self.destination = ""  # "stylesheet", "fonttbl", one of their entries, "fldinst" or "fldrslt"
        self.field: dict | None = None  # the field this group is in: its number, instruction, whether it links
        self.entry: dict | None = None  # the stylesheet or font table entry being read

    def copy(self) -> "_Group":
        group = _Group()
        for name in self.__slots__:
            setattr(group, name, getattr(self, name))
        return group


class _Reader:
    def __init__(self):
        self.parts: list[Paragraph | Table] = []
        self.fixed_pitch: list[int] = []  # the paragraphs (positions in parts) set all in a fixed-pitch font
        self.styles: dict[int, tuple[str, int | None]] = {}  # style number: (name, outline level)
        self.fonts: set[int] = set()  # the fixed-pitch fonts' numbers
        self.default_font = 0
        self.codec = "cp1252"
        self.pending = bytearray()  # \'hh bytes, decoded together (a double-byte code page needs both)
        self.skip_fallback = 0  # the characters that stand for a \u character in readers that lack it
        self.runs: list[tuple[str, bool, int]] = []  # the paragraph's text: (text, bold, font)
        self.links: dict[int, str] = {}  # the text of each HYPERLINK field in the paragraph, by its number
        self.fields = 0
        self.listed = False  # bullet text (\listtext, \pntext) came before the paragraph's text
        self.indents: list[int] = []  # the left indents of the list drawn by hand being read, outermost first
        self.cells: list[str] = []  # the table row being read
        self.cell = ""  # the cell's earlier paragraphs
        self.rows: list[list[str]] = []
        self._new_paragraph()

    def _new_paragraph(self) -> None:
        self.style, self.outline, self.in_table, self.in_list, self.list_level = 0, None, False, False, 0
        self.left_indent = self.first_indent = 0

    def read(self, data: bytes) -> list[Paragraph | Table]:
        group, stack, opened = _Group(), [], False
        at = 0
        while (match := _TOKEN.search(data, at)) is not None:
            word, parameter, hex_byte, symbol, brace, text = match.groups()
            at = match.end()
            if word == b"bin" and parameter:
                at += max(int(parameter), 0)  # raw binary data (a picture): its bytes are not RTF
                continue
            if hex_byte is not None:
                if self.skip_fallback:
                    self.skip_fallback -= 1
                else:
                    self.pending.append(int(hex_byte, 16))
                continue
            self._flush_bytes(group)
            if brace == b"{":
                stack.append(group)
                group, opened = group.copy(), True
                if len(stack) > 1000:
                    raise ValueError("groups nested deeper than 1,000")
            elif brace == b"}":
                group, opened = (stack.pop() if stack else group), False
            elif symbol == b"*" and opened:
                # A destination a reader may skip: skipped unless its word is one read here (a field's
                # instruction, a stylesheet entry). The word after it still opens the group.
                group.skip = True
                if group.destination in ("style", "font"):
                    group.destination = "ignored"  # a font's other name ({\*\falt ...}) is not its name
            elif word is not None:
                self._word(word.decode("ascii"), int(parameter) if parameter else None, group, opened)
                opened = False
            elif symbol is not None:
                opened = False
                if symbol in (b"\n", b"\r"):  # a backslash before a line break is a \par (TextEdit writes it)
                    self._word("par", None, group, False)
                else:
                    self._text(_SYMBOLS.get(symbol.decode("latin-1"), ""), group)
            elif text is not None:
                opened = False
                self._text(text.decode(self.codec, errors="replace"), group)
        self._flush_bytes(group)
        if self.runs:
            self._paragraph_end()
        self._end_table()
        return self._with_code()

    def _word(self, word: str, parameter: int | None, group: _Group, first: bool) -> None:
        if first and word in _SKIPPED:
            group.skip = True
            self.listed = self.listed or word in ("listtext", "pntext")
        elif word == "ansicpg" and parameter:
            try:
                self.codec = codecs.lookup(f"cp{parameter}").name
            except LookupError:
                pass
        elif word == "deff":
            self.default_font = group.font = parameter or 0
        elif word in ("stylesheet", "fonttbl"):
            group.destination, group.skip = word, True
        elif group.destination in ("stylesheet", "fonttbl") and (first or word == "f"):
            # An entry, in a group of its own or (a font table as TextEdit writes it) one after another.
            group.destination = "style" if group.destination == "stylesheet" else "font"
            group.entry = _entry()
            self._entry_word(word, parameter, group.entry, group.destination)
        elif group.destination in ("style", "font") and group.entry is not None:
            self._entry_word(word, parameter, group.entry, group.destination)
        elif word == "field":
            self.fields += 1
            group.field = {"number": self.fields, "instruction": "", "link": False}
        elif word == "fldinst":
            group.destination, group.skip = "fldinst", True
        elif word == "fldrslt":
            group.destination = "fldrslt"
            instruction = (group.field or {}).get("instruction", "").strip().upper()
            # A table of contents is a field of Word's: its result repeats the headings.
            group.skip = group.skip or instruction.startswith("TOC")
            if group.field is not None:
                group.field["link"] = instruction.startswith("HYPERLINK")
        elif group.skip:
            return
        elif word == "uc":
            group.uc = parameter or 0
        elif word == "u" and parameter is not None:
            self._add(chr(parameter % 65536), group)  # the fallback of an earlier \u that has none is not due
            self.skip_fallback = group.uc
        elif word in _CHARACTERS:
            self._text(_CHARACTERS[word], group)
        elif word == "par":
            self._paragraph_end()
        elif word == "pard":
            self._new_paragraph()
        elif word == "plain":
            group.bold, group.font = False, self.default_font
        elif word == "b":
            group.bold = parameter != 0
        elif word == "f":
            group.font = parameter or 0
        elif word == "s":
            self.style = parameter or 0
        elif word == "ls":
            self.in_list = True
        elif word == "ilvl":
            self.list_level = parameter or 0
        elif word == "outlinelevel":
            self.outline = parameter
        elif word in ("li", "fi"):
            setattr(self, "left_indent" if word == "li" else "first_indent", parameter or 0)
        elif word == "intbl":
            self.in_table = True
        elif word in ("cell", "nestcell"):
            visible = self._take_runs()[0]
            self.cells.append(" ".join(f"{self.cell}\n{visible}".split()))
            self.cell = ""
        elif word == "row":
            if self.cells:
                self.rows.append(self.cells)
            self.cells = []

    @staticmethod
    def _entry_word(word: str, parameter: int | None, entry: dict, destination: str) -> None:
        if word in (("s", "cs", "ds", "ts") if destination == "style" else ("f",)):
            entry["number"], entry["kind"] = parameter or 0, word
        elif word == "outlinelevel":
            entry["outline"] = parameter
        elif word == "fmodern" or (word == "fprq" and parameter == 1):
            entry["fixed"] = True

    def _flush_bytes(self, group: _Group) -> None:
        if self.pending:
            text = bytes(self.pending).decode(self.codec, errors="replace")
            self.pending.clear()
            self._add(text, group)

    def _text(self, text: str, group: _Group) -> None:
        if self.skip_fallback and text:
            dropped = min(self.skip_fallback, len(text))
            self.skip_fallback -= dropped
            text = text[dropped:]
        self._add(text, group)

    def _add(self, text: str, group: _Group) -> None:
        if group.destination == "fldinst" and group.field is not None:
            group.field["instruction"] += text
        elif group.destination in ("style", "font") and group.entry is not None:
            entry = group.entry
            entry["name"] += text
            # An entry's name ends with a semicolon; in a font table as TextEdit writes it, the next entry follows.
            while ";" in entry["name"]:
                name, rest = entry["name"].split(";", 1)
                if group.destination == "style" and entry["kind"] == "s":
                    self.styles[entry["number"]] = (name.strip(), entry["outline"])
                elif group.destination == "font" and (entry["fixed"] or _FIXED_PITCH_NAME.search(name)):
                    self.fonts.add(entry["number"])
                entry.update(_entry(), name=rest)
        elif not group.skip and text:
            self.runs.append((text, group.bold, group.font))
            if group.destination == "fldrslt" and group.field is not None and group.field["link"]:
                number = group.field["number"]
                self.links[number] = self.links.get(number, "") + text

    def _take_runs(self) -> tuple[str, bool, bool, list[str]]:
        """The paragraph's text (a character beyond the first 65,536 is written as two \\u halves: joined), whether
        it is all in bold, whether all in a fixed-pitch font, and the texts of its links."""
        visible = "".join(text for text, _, _ in self.runs).encode("utf-16-le", "surrogatepass").decode(
            "utf-16-le", "replace")
        shown = [(bold, font) for text, bold, font in self.runs if text.strip()]
        bold = bool(shown) and all(b for b, _ in shown)
        fixed = bool(shown) and all(font in self.fonts for _, font in shown)
        links = list(self.links.values())
        self.runs, self.links, self.listed = [], {}, False
        return visible, bold, fixed, links

    def _paragraph_end(self) -> None:
        if self.in_table:
            visible = self._take_runs()[0]
            self.cell = f"{self.cell}\n{visible}" if self.cell else visible
            return
        self._end_table()
        listed = self.listed
        visible, bold, fixed, links = self._take_runs()
        name, outline = self.styles.get(self.style, ("", None))
        outline = self.outline if self.outline is not None else outline
        if outline is not None and 0 <= outline < 9 and not re.match(r"(?i)heading\s*\d", name):
            name = f"Heading {outline + 1}"
        level = self.list_level if self.in_list or listed else None
        drawn = _DRAWN_ITEM.match(visible) if level is None and self.first_indent < 0 else None
        if drawn:
            # Items of a list drawn by hand sit deeper the further they are indented.
            while self.indents and self.indents[-1] > self.left_indent:
                self.indents.pop()
            if not self.indents or self.indents[-1] < self.left_indent:
                self.indents.append(self.left_indent)
            level = len(self.indents) - 1
            visible = visible[drawn.end():] if drawn.group(1) else f"{drawn.group(2)} {visible[drawn.end():]}"
        else:
            self.indents = []
        if fixed:
            self.fixed_pitch.append(len(self.parts))
        self.parts.append(Paragraph(name, visible.replace("\t", " ") if not fixed else visible, level, bold,
                                    links_only(links, visible)))

    def _end_table(self) -> None:
        if self.cells:
            self.rows.append(self.cells)
            self.cells = []
        if self.rows:
            self.parts.append(self.rows)
            self.rows = []

    def _with_code(self) -> list[Paragraph | Table]:
        """The parts, with paragraphs set in a fixed-pitch font as code, unless most of the text is (a document
        typed in Courier)."""
        texts = sum(isinstance(p, Paragraph) and bool(p.text.strip()) for p in self.parts)
        if not self.fixed_pitch or len(self.fixed_pitch) * 2 > texts:
            return self.parts
        parts = list(self.parts)
        for k in self.fixed_pitch:
            paragraph = parts[k]
            if paragraph.list_level is None and not re.match(r"(?i)(heading|title)", paragraph.style):
                parts[k] = replace(paragraph, style="Preformatted Text")
        return parts
