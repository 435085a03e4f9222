"""PDF: the text layer read with pdfplumber, each line with its position and type, so that the layout gives
the structure a PDF has lost: a gap or a change of margin after a sentence ends a paragraph, larger or
bold type is a heading (its size gives the level), bullets are lists, monospaced lines are code, ruled
tables are tables, and a page in two columns is read one column after the other. Running headers,
footers and page numbers are dropped, and a sentence that runs on over a page break stays one paragraph.
A PDF set in one type throughout says nothing of its headings: its layout paragraphs are read as plain
text, and its monospaced lines as code. A font is monospaced by its name or by its glyphs, all one width.
A PDF without a text layer (a scan) is reported, not read as empty."""

from __future__ import annotations

import io
import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass, replace
from itertools import groupby

from ..errors import DocumentError
from ..passage import Passage
from ..text import clean, word_count, words
from .outline import (ANSWER_LABEL, MAX_QUESTION_WORDS, QUESTION_LABEL, SECTION_NUMBER, Block, build_passages,
                      heading_block, is_question, last_heading, looks_like_question, names_a_term, question_text,
                      take_intro, title_block)
from .manpage import is_manpage
from .plaintext import BULLET, CONTENTS_BULLET, LEADER, is_contents_entry, plaintext_blocks, without_contents

# A line at the top or bottom of this many pages, and of half of them, is a running header or footer.
RUNNING_PAGES = 2
NUMBERED_RUNNING_PAGES = 3  # pages a header with a page number recurs on ("Chapter 1. Overview 7", "... 9")
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?(?:\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?|[ivxlc]{1,7})\s*$", re.IGNORECASE)
# A glyph the font does not map to a character comes out as "(cid:13)".
# A page number at either end of a header or footer line, in digits or roman numerals.
_PAGE_NUMBERED = re.compile(r"^(?:page\s+)?(?:\d{1,4}|[ivxlc]{1,7})\s|\s(?:\d{1,4}|[ivxlc]{1,7})$", re.IGNORECASE)
# The number at either end of a line that has words too ("Chapter 2: Parsing 3", "Page 3 of 10").
_NUMBER_AT_ENDS = re.compile(r"^(?:page\s+)?(\d{1,4})\s+(?=\S)|(?<=\S)\s+(\d{1,4})$", re.IGNORECASE)
_ROMAN_AT_ENDS = re.compile(r"^[ivxlc]{1,7}(?=\s)|(?<=\s)[ivxlc]{1,7}$")
# Sphinx's note where a code block runs over a page break.
_PAGE_BREAK_NOTE = re.compile(r"^\s*\((?:continues on next page|continued from previous page)\)\s*$", re.IGNORECASE)
_UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|cmbx", re.IGNORECASE)
_MONO_FONT = re.compile(r"mono|courier|consol|menlo|monaco|cmtt|typewriter|code", re.IGNORECASE)
# The number that opens each entry of a contents list: "1.", "1.1.", "A.2.8".
_ENTRY_NUMBER = re.compile(r"(?:^|\s)(?:\d{1,3}(?:\.\d{1,3})*\.?|[A-Z](?:\.\d{1,3})+\.?)\s+(?=\S)")
# A chapter's number with no stop after it ("7 Which UPS should I buy?").
_CHAPTER_NUMBER = re.compile(r"^(\d{1,3})\s+(?=[^\W\d_])")
# A section's number in digits ("3.", "3.1.", "3.1") before a heading's words.
_HEADING_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?\s+(?=[^\W\d_])")
# The category Texinfo sets at the right end of a definition's first line ("[Function]", "[Data type]").
_DEFINITION_CATEGORY = re.compile(r"\s\[[A-Z][a-z]+(?: [a-z]+){0,2}\]$")
# A line that goes on with a number and words ("50 bytes. Random data ..."), not a numbered item or line of a listing.
_GOES_ON_WITH_NUMBER = re.compile(r"^\d[\d,.]*\s+[a-z]")
_SENTENCE_END = re.compile(r"[.!?:;…]['\")\]”’]*$")
# Words are set apart by a gap of this share of the type's size: pdfplumber's fixed 3 points runs the
# words of tight 10-point type together ("Thekeywords").
WORD_GAP = 0.15
# Two runs of text that share more than this share of the lower one's height, this share of the type's
# size apart or closer, are one line.
SAME_LINE = 0.6
SAME_LINE_GAP = 1.0
GLYPH_OVERLAP = 0.5  # points: glyphs of two runs that overlap more stand over each other (not one line)
# Larger type than the body's by this many points is a heading's.
HEADING_SIZE_STEP = 0.9
# Dot leaders that end a cell, their page number in a column of its own (a contents page laid out in columns).
_DOT_LEADER = re.compile(r"(?:\s*\.){4,}\s*$")
# A gap between lines wider than the body's usual gap by this share of a line's height ends a paragraph,
# and so does any gap wider than a blank line (this share of a line's height), as in a document whose
# paragraphs are all one line.
PARAGRAPH_GAP = 0.25
PAGE_GAPS = 10  # a page with this many gaps between body lines is measured on its own
BLANK_LINE = 1.2
# Heading lines this close (a share of a line's height) are one heading wrapped: Word sets a heading's lines
# about a fifth of their height apart, a browser's print of a web page half of it; two headings stand a
# margin apart.
WRAPPED_HEADING_GAP = 0.75
# A left edge further than this (points) from the line above's is another margin.
MARGIN_STEP = 2.0
# A monospaced character is this share of its type's size wide.
MONO_WIDTH = 0.6
# A font whose glyphs, among them this many letters or more, are all as wide as one another (within this
# share of the type's size) is monospaced, whatever its name ("NimbusMonL", as Ghostscript names its
# Courier); with fewer letters seen, only its name tells.
MONO_LETTERS = 8
SAME_WIDTH = 0.01
# A glyph whose foot stands further than this share of its size from the line's is set off its baseline.
OFF_BASELINE = 0.2
# Two columns of text: a strip at least this wide (points) in the middle part of a page that at most this
# share of its lines cross, with this many lines of prose (this many words, as a median) on each side.
MIN_GUTTER = 6
GUTTER_CROSSINGS = 0.03
MIN_COLUMN_LINES = 8
MIN_COLUMN_WORDS = 4
# A table body drawn as one row, its first cell holding this many short lines (names, of at most this many words)
# or more, beside a cell with as many lines: the rows stacked in one (see _unstacked).
STACKED_ROWS = 4
STACKED_NAME_WORDS = 3
# A table cell with more words than this holds a text of its own: the table is the layout of a page.
MAX_CELL_WORDS = 100
# The cells of a table drawn without rules are set apart by at least this share of the type's size of
# white space, down every row: wider than the spaces between words, even in justified lines.
CELL_GAP = 0.8
# A table drawn without rules is told only by this many rows (its header with them) or more, no further
# apart than this share of a line's height (the padding of roomy cells), nor than this many times the
# widest gap between the rows above.
MIN_UNRULED_ROWS = 3
ROW_GAP = 3.0
ROW_SPREAD = 1.5
# A line hyphenated at its end joins the next without the hyphen when the joined word is this common in
# English ("identi-fier") or written so elsewhere in the document; else the hyphen stays ("real-time").
JOINED_WORD_ZIPF = 3.0


@dataclass(frozen=True)
class Line:
    text: str
    x0: float
    top: float
    bottom: float
    size: float  # the type size most of its characters have
    bold: bool  # all its letters bold
    mono: bool  # all its characters monospaced
    columns: str = ""  # a monospaced line's characters each in its column, the spaces between them kept


@dataclass(frozen=True)
class Table:
    rows: list[list[str]]
    top: float
    page: int


def parse_pdf(data: bytes, *, source: str, title: str = "", max_chars: int = 1200) -> list[Passage]:
    blocks, pdf_title, running_title = pdf_blocks(data, source=source)
    # A running header names the document ("Acme Backup User Guide" atop every page); else the first
    # heading does, better than the file's metadata ("Microsoft Word - faq.docx").
    if not title:
        title = running_title
    if not title and not (blocks and blocks[0].kind in ("heading", "question")):
        title = re.sub(r"^Microsoft Word - ", "", pdf_title)
    return build_passages(blocks, source=source, title=title, max_chars=max_chars)


def pdf_blocks(data: bytes, *, source: str) -> tuple[list[Block], str, str]:
    """The outline of a PDF, its metadata title and its running header's text (if it has one)."""
    pages, tables, pdf_title = _read(data, source)
    if not any(pages) and not tables:
        raise DocumentError(source, f"has {len(pages)} pages but no text layer (a scanned PDF?). Run OCR on it "
                                    "(for example `ocrmypdf in.pdf out.pdf`) and put the result in the corpus; "
                                    "file skipped")
    running = _running_shapes(pages)
    first = pages[0][0].text if pages and pages[0] else ""
    header = first if _shape(first) in running and not any(ch.isdigit() for ch in first) else ""
    offset = _numbering_offset(pages)
    type_of_all = _body_type(pages)
    titles = {key for page in pages for line in page if _is_heading_type(line, type_of_all)
              if (key := _title_key(line.text))}
    chapter_headers = _chapter_headers(pages, titles, type_of_all)
    kept = [[line for k, line in enumerate(page) if not _is_furniture(line, k, len(page), running, None if (
                offset is None or _is_heading_type(line, type_of_all)) else place + offset)
             and not _names_its_page(line, k, len(page), titles, chapter_headers, type_of_all)]
            for place, page in enumerate(pages)]
    body = _body_type(kept)
    # A paragraph of a number alone is a page number the furniture rules left (an index's pages, numbered apart).
    paragraphs = [p for p in _without_contents(_paragraphs(kept, tables, body))
                  if isinstance(p, Table) or len(p) > 1 or not p[0].text.strip().isdigit()]
    if any(_is_heading_type(line, body) for page in kept for line in page):
        return _styled_blocks(paragraphs, kept, body), pdf_title, header
    return _plain_blocks(paragraphs, kept), pdf_title, header


def _plain_blocks(paragraphs: list[list[Line] | Table], pages: list[list[Line]]) -> list[Block]:
    """Blocks of a PDF set in one type throughout: only the shape of its text can tell a heading from a
    line, so its layout paragraphs are read as plain text; its monospaced lines, beside text that is not,
    are code."""
    vocabulary = _vocabulary(pages)
    lines = [line for page in pages for line in page]
    # A text file printed to PDF is all monospaced but for the header and footer a browser prints atop and below
    # a page (on a single page they are not told as running, and are left out here): its lines and indents are
    # the plain text's own, which mark its code and its answers.
    printed_text = any(line.mono for line in lines) and all(line.mono for page in pages for line in page[1:-1])
    left = min((line.x0 for line in lines if line.mono or not printed_text), default=0.0)
    if printed_text:
        text = _printed_text(pages, left)
        if is_manpage(text):
            # A manual page saved as text, then printed: the manual page reader reads its sections and tags.
            return plaintext_blocks(_unwrapped_manpage(text))
    blocks: list[Block] = []
    run: list[str] = []
    for paragraph in [*paragraphs, None]:
        if isinstance(paragraph, list) and printed_text and not paragraph[0].mono:
            continue
        if isinstance(paragraph, list) and (printed_text or not paragraph[0].mono):
            run.append(_indented(paragraph, left) if printed_text else _join(paragraph, vocabulary))
            continue
        blocks.extend(plaintext_blocks("\n\n".join(run)) if run else [])
        run = []
        if isinstance(paragraph, Table):
            blocks.append(Block("table", rows=paragraph.rows))
        elif paragraph is not None:
            _add_code(blocks, paragraph)
    return blocks


def _printed_text(pages: list[list[Line]], left: float) -> str:
    """A text file printed to PDF, as the text it was: each monospaced line at its indent from the `left` margin,
    with its columns, and a blank line where the page leaves one. Between pages, a page that ends a line higher
    than the fullest pages do, or starts one lower, had a blank line there."""
    printed = [[line for line in page if line.mono] for page in pages]
    printed = [page for page in printed if page]
    steps = Counter(round(b.top - a.top, 1) for page in printed for a, b in zip(page, page[1:]))
    pitch = steps.most_common(1)[0][0] if steps else 0.0
    first_top = min((page[0].top for page in printed), default=0.0)
    last_top = max((page[-1].top for page in printed), default=0.0)
    out: list[str] = []
    for k, page in enumerate(printed):
        if k and (printed[k - 1][-1].top < last_top - pitch / 2 or page[0].top > first_top + pitch / 2):
            out.append("")
        for n, line in enumerate(page):
            if n and pitch:
                out += [""] * max(round((line.top - page[n - 1].top) / pitch) - 1, 0)
            out.append(" " * round((line.x0 - left) / (MONO_WIDTH * line.size)) + line.columns)
    return "\n".join(out)


def _unwrapped_manpage(text: str) -> str:
    """A printed manual page with the lines the printer wrapped joined back: the rest of a line too long for the
    paper starts at the margin, where the page has only its section headings, in capitals."""
    out: list[str] = []
    for line in text.split("\n"):
        if out and out[-1][:1] == " " and line[:1] not in ("", " ") and line != line.upper():
            out[-1] += " " + line
        else:
            out.append(line)
    return "\n".join(out)


def _add_code(blocks: list[Block], paragraph: list[Line]) -> None:
    """Monospaced lines as code, indented as set; code right after code (a blank line or a page break between
    them) is one block."""
    code = _indented(paragraph, min(line.x0 for line in paragraph))
    if blocks and blocks[-1].kind == "code":
        blocks[-1] = Block("code", f"{blocks[-1].text}\n\n{code}", blocks[-1].line)
    else:
        blocks.append(Block("code", code))


def _indented(paragraph: list[Line], left: float) -> str:
    """Monospaced lines as written, each indented by its distance from the `left` margin."""
    return "\n".join(" " * round((line.x0 - left) / (MONO_WIDTH * line.size)) + line.text for line in paragraph)


def _read(data: bytes, source: str) -> tuple[list[list[Line]], list[Table], str]:
    """Each page's lines, top to bottom, outside its ruled tables; the tables (page, top, rows); the
    metadata title."""
    import pdfplumber  # only when a corpus has PDFs
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    # pdfminer warns of every font flaw it works around ("Could not get FontBBox"): noise for people
    # building an index; what cannot be read is reported per file.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)

    pages: list[list[Line]] = []
    tables: list[Table] = []
    glyphs: dict[str, dict[str, float]] = {}  # each font's glyphs seen so far, with their widths
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            _mend_fonts(pdf.rsrcmgr)
            title = pdf.metadata.get("Title", "")
            for number, whole in enumerate(pdf.pages):
                page = whole.filter(lambda obj: obj.get("upright", True))  # not watermarks or rotated labels
                # Words in cells are parted as in lines, by a gap relative to their size: pdfplumber's fixed 3 points
                # ran tightly set words together ("Softwareinstalled", "471MBsoftware").
                grids = [(t.bbox, _unstacked(page, t, rows)) for t in page.find_tables()
                         if _is_table(rows := t.extract(x_tolerance_ratio=WORD_GAP))]
                tables.extend(Table([[" ".join(clean(c or "").split()) for c in row] for row in rows], box[1], number)
                              for box, rows in grids)
                if grids:
                    page = page.filter(lambda obj: not any(_inside(obj, box) for box, _ in grids))
                mono = _monospaced_fonts(page.chars, glyphs)
                unruled, lines = _unruled_tables([found for found in _text_lines(page) if found["text"].strip()],
                                                 [edge["top"] for edge in page.horizontal_edges], number, mono)
                tables.extend(unruled)
                pages.append(lines)
                whole.close()  # its characters are read: free them before the next page
    except Exception as exc:  # noqa: BLE001 - pdfminer fails on damaged files with many kinds of error
        # pdfplumber wraps pdfminer's errors (PdfminerException(PDFPasswordIncorrect())).
        if any(isinstance(e, PDFPasswordIncorrect) for e in (exc, exc.__cause__, *exc.args)):
            raise DocumentError(source, "is encrypted with a password; save an unprotected copy; file skipped") from exc
        raise DocumentError(source, f"is not a readable PDF ({type(exc).__name__}: {exc}); file skipped") from exc
    if isinstance(title, bytes):
        title = title.decode("utf-8", "ignore")
    return pages, tables, " ".join(title.split()) if isinstance(title, str) else ""


def _unstacked(page, table, rows: list[list[str | None]]) -> list[list[str | None]]:
    """A table's rows, each row drawn without a rule under it apart: ruled only round its header and its body
    (Graphviz's tables of attributes), the body is one row whose cells hold every row's text, a line each. Its first
    column, one short line a row (the names), gives where each row starts; every other cell's words go with the
    row they stand beside. Read as one row, neato's "len" had been one name among twenty, its default and meaning
    out of reach."""
    out: list[list[str | None]] = []
    for row, texts in zip(table.rows, rows):
        first = (texts[0] or "").split("\n") if texts else []
        stacked = (row.cells[0] is not None and len(first) >= STACKED_ROWS
                   and all(len(line.split()) <= STACKED_NAME_WORDS for line in first)
                   and any(len((text or "").split("\n")) >= len(first) for text in texts[1:]))
        if not stacked:
            out.append(texts)
            continue
        cells = [page.crop(box).extract_words(x_tolerance_ratio=WORD_GAP) if box else [] for box in row.cells]
        starts = sorted({round(word["top"]) for word in cells[0]})
        split = [[[] for _ in cells] for _ in starts]
        for column, words in enumerate(cells):
            for word in words:
                at = max((k for k, top in enumerate(starts) if top <= word["top"] + 1), default=0)
                split[at][column].append(word["text"])
        out.extend([" ".join(words) for words in parts] for parts in split)
    return out


def _mend_fonts(rsrcmgr) -> None:
    """Mend what pdfminer reads of a page's fonts as it loads them (_with_builtin_encoding, then
    _with_ligature_widths)."""
    get_font = rsrcmgr.get_font

    def get_mended_font(objid, spec):
        font = get_font(objid, spec)
        _with_builtin_encoding(font, spec)
        _with_ligature_widths(font)
        return font

    rsrcmgr.get_font = get_mended_font


def _with_builtin_encoding(font, spec) -> None:
    """A Type 1 font embedded in the compact form (CFF, "FontFile3") and given no /Encoding has its own: the codes
    of its glyphs' names (TeX's "fi" at 12, "infinity" at 49). pdfminer reads a built-in encoding only from a font
    in the older form ("FontFile") and takes the standard one here, so that the ligatures its ToUnicode map lacks
    came out as "(cid:12)" and were lost ("implicit eld named RECNO", of "field"), and a symbol read as another
    character ("1" for "∞")."""
    from pdfminer.pdffont import PDFType1Font
    from pdfminer.pdftypes import resolve1, stream_value

    if not isinstance(font, PDFType1Font) or "Encoding" in spec:
        return
    descriptor = resolve1(spec.get("FontDescriptor")) or {}
    embedded = resolve1(descriptor.get("FontFile3")) if isinstance(descriptor, dict) else None
    if embedded is None:
        return
    try:
        from fontTools import agl
        from fontTools.cffLib import CFFFontSet

        cff = CFFFontSet()
        cff.decompile(io.BytesIO(stream_value(embedded).get_data()), None)
        names = cff[cff.fontNames[0]].Encoding
    except Exception:  # a font its reader cannot parse keeps what pdfminer made of it
        return
    if isinstance(names, list):
        font.cid2unicode = {code: text for code, name in enumerate(names)
                            if name != ".notdef" and (text := agl.toUnicode(name))}


def _with_ligature_widths(font) -> None:
    """Give each glyph of a standard font (Times, Helvetica, Courier) the width its metrics have. pdfminer looks a
    glyph's width up by the text the font's ToUnicode map gives it, and the "fi" ligature that groff's gropdf maps
    to "f" "i" is in the metrics as "ﬁ": it came out with no width, every glyph after it in its run stood a
    ligature's width to the left, and the words were cut where the next run started ("grof f", "giv e")."""
    widths, encoded = getattr(font, "widths", None), getattr(font, "cid2unicode", None)
    if isinstance(widths, dict) and isinstance(encoded, dict):
        for cid, text in encoded.items():
            if cid not in widths and text in widths:
                widths[cid] = widths[text]


def _monospaced_fonts(chars: list[dict], glyphs: dict[str, dict[str, float]]) -> set[str]:
    """The fonts whose glyphs, those of this page and of the pages before (`glyphs`, kept up to date), are
    all one width: a code font is told by its widths when its name does not say it is monospaced."""
    for c in chars:
        # (A font without widths gives its glyphs none: that says nothing of its pitch.)
        if c["text"].strip() and c["size"] > 0 and c["adv"] > 0:
            glyphs.setdefault(c["fontname"], {})[c["text"]] = c["adv"] / c["size"]
    return {font for font, widths in glyphs.items()
            if sum(glyph.isalpha() for glyph in widths) >= MONO_LETTERS
            and max(widths.values()) - min(widths.values()) <= SAME_WIDTH}


def _text_lines(page) -> list[dict]:
    """The page's lines in reading order: top to bottom, and on a page set in columns, where a line side by side
    with another is two, the left column before the right one (each column read so in turn: a reference card's
    three columns are a column and two more)."""
    lines = _lines_of(page)
    gutter = _gutter(lines, page.bbox[0], page.bbox[2])
    if gutter is None:
        return lines
    middle = sum(gutter) / 2
    ordered: list[dict] = []
    # Lines that cross the gutter (a title, an abstract, a figure's caption over both columns) cut the page
    # into bands; each band between them is read column by column.
    for crossing, band in groupby(lines, key=lambda line: _crosses(line, gutter)):
        band = list(band)
        if crossing:
            ordered.extend(band)
            continue
        top, bottom = min(line["top"] for line in band) - 1, max(line["bottom"] for line in band) + 1
        for x0, x1 in ((page.bbox[0], middle), (middle, page.bbox[2])):
            ordered.extend(_text_lines(page.within_bbox((x0, max(top, page.bbox[1]), x1, min(bottom, page.bbox[3])))))
    return ordered


def _lines_of(page) -> list[dict]:
    lines: list[dict] = []
    for found in page.extract_text_lines(return_chars=True, strip=True, x_tolerance_ratio=WORD_GAP):
        if lines and _one_line(lines[-1], found):
            lines[-1] = _joined(lines[-1], found)
        else:
            lines.append(found)
    return lines


def _one_line(a: dict, b: dict) -> bool:
    """Two runs of one printed line. pdfplumber groups characters by their tops, so that type of another
    size beside the text (inline code, a superscript) is a line of its own, and the text read without it
    ("When  reports that ..."). They share most of their height, no character of one stands over one of
    the other, and where one gives way to the other there is no more than a space between them, not the
    gap between two columns."""
    overlap = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    if overlap <= SAME_LINE * min(a["bottom"] - a["top"], b["bottom"] - b["top"]):
        return False
    # (Not a hundredth of a point where one ends and the next begins: Chromium sets inline code in a heading so.)
    if any(min(c["x1"], d["x1"]) - max(c["x0"], d["x0"]) > GLYPH_OVERLAP for c in a["chars"] for d in b["chars"]):
        return False
    sides = sorted([(c, 0) for c in _visible(a["chars"])] + [(c, 1) for c in _visible(b["chars"])],
                   key=lambda pair: pair[0]["x0"])
    return all(d["x0"] - c["x1"] <= SAME_LINE_GAP * d["size"]
               for (c, one), (d, other) in zip(sides, sides[1:]) if one != other)


def _joined(a: dict, b: dict) -> dict:
    chars = _visible(a["chars"] + b["chars"])
    return {"text": _spaced(chars), "chars": chars, "x0": min(a["x0"], b["x0"]), "x1": max(a["x1"], b["x1"]),
            "top": min(a["top"], b["top"]), "bottom": max(a["bottom"], b["bottom"])}


def _visible(chars: list[dict]) -> list[dict]:
    """The characters that show, left to right; a glyph drawn twice in one place (Chromium draws its
    ligatures so) is one."""
    out: list[dict] = []
    for c in sorted((c for c in chars if c["text"].strip()), key=lambda c: c["x0"]):
        if not (out and out[-1]["text"] == c["text"] and abs(out[-1]["x0"] - c["x0"]) < 1
                and abs(out[-1]["top"] - c["top"]) < 1):
            out.append(c)
    return out


def _spaced(chars: list[dict]) -> str:
    """Characters, left to right, as text: a space where they stand a word's gap apart."""
    return "".join((" " if previous and c["x0"] - previous["x1"] > WORD_GAP * c["size"] else "") + c["text"]
                   for previous, c in zip([None, *chars], chars))


def _gutter(lines: list[dict], left: float, right: float) -> tuple[float, float] | None:
    """The gap between two columns of text: an upright strip, in the middle part of the page (between `left` and
    `right`), that (nearly) no line crosses, with lines of prose on both sides of it. A table's or a menu's columns
    are no text columns: their lines hold a few words each."""
    if len(lines) < MIN_COLUMN_LINES:
        return None
    width = right - left
    covered = [0] * (int(right) + 2)
    for line in lines:
        marks = set()
        for c in line["chars"]:
            if c["text"].strip():
                marks.update(range(max(int(c["x0"]), 0), min(int(c["x1"]) + 1, len(covered))))
        for x in marks:
            covered[x] += 1
    allowed = max(1, round(GUTTER_CROSSINGS * len(lines)))
    best: tuple[int, int] | None = None
    start = None
    for x in range(int(left + width * 0.2), int(left + width * 0.8) + 1):
        if covered[x] <= allowed:
            start = x if start is None else start
            if x - start + 1 >= MIN_GUTTER and (best is None or x - start > best[1] - best[0]):
                best = (start, x)
        else:
            start = None
    if best is None:
        return None
    sides = ([_side_words(line, left, best[0]) for line in lines],
             [_side_words(line, best[1], right) for line in lines])
    for side in sides:
        counts = [n for n in side if n]
        if len(counts) < MIN_COLUMN_LINES or statistics.median(counts) < MIN_COLUMN_WORDS:
            return None
    return float(best[0]), float(best[1])


def _side_words(line: dict, x0: float, x1: float) -> int:
    """How many words of a line lie between x0 and x1 (a word ends at a gap, as pdfplumber reads them)."""
    chars = [c for c in line["chars"] if x0 <= c["x0"] < x1 and c["text"].strip()]
    return sum(1 for a, b in zip([None, *chars], chars) if a is None or b["x0"] - a["x1"] > WORD_GAP * b["size"])


def _crosses(line: dict, gutter: tuple[float, float]) -> bool:
    return any(c["x0"] < gutter[1] and c["x1"] > gutter[0] for c in line["chars"] if c["text"].strip())


def _is_table(rows: list[list[str | None]]) -> bool:
    """A ruled grid of two rows and two columns or more, most of its cells filled: not a box drawn
    around a note or a code sample, nor a web page's layout grid, whose cells hold whole texts."""
    cells = [c or "" for row in rows for c in row]
    return (len(rows) >= 2 and min(len(row) for row in rows) >= 2
            and sum(bool(c.strip()) for c in cells) >= 0.5 * len(cells)
            and max(word_count(c) for c in cells) <= MAX_CELL_WORDS)


def _unruled_tables(found: list[dict], rules: list[float], page: int,
                    mono: set[str]) -> tuple[list[Table], list[Line]]:
    """The tables drawn without rules among a page's lines (as pdfplumber finds them), and the lines outside
    them. A table is a run of lines with white space down it, as wide as a cell's gap (CELL_GAP), that parts
    every line into the same columns, under a header. `mono`: the fonts measured monospaced."""
    cells = [_cells(one) for one in found]
    lines = [_line(one, mono) for one in found]
    tables: list[Table] = []
    rest: list[Line] = []
    start = 0
    while start < len(lines):
        # Code in columns (a command's help) is code: a table has a header in text type, and rows in text
        # type too, beside any names in code ("RBENV_ROOT").
        table = (_unruled_table(found, lines, cells, start, rules, page)
                 if len(cells[start]) >= 2 and not lines[start].mono else None)
        if table is not None and all(line.mono for line in lines[start + 1:table[1]]):
            table = None
        if table is None:
            rest.append(lines[start])
            start += 1
        else:
            tables.append(table[0])
            start = table[1]
    return tables, rest


def _cells(found: dict) -> list[tuple[float, float, str]]:
    """A line's runs of text set apart by a cell's gap, as (x0, x1, text)."""
    chars = _visible(found["chars"])
    runs: list[list[dict]] = []
    for previous, c in zip([None, *chars], chars):
        if previous is None or c["x0"] - previous["x1"] > CELL_GAP * c["size"]:
            runs.append([])
        runs[-1].append(c)
    return [(run[0]["x0"], max(c["x1"] for c in run), _tidy(_spaced(run))) for run in runs]


def _columns(run: list[list[tuple[float, float, str]]], size: float) -> list[tuple[float, float]] | None:
    """The columns of a run of lines, as (x0, x1): the stretches between white space at least a cell's gap
    wide that no line crosses. None unless there are two or more."""
    spans = sorted((x0, x1) for cells in run for x0, x1, _ in cells)
    columns: list[list[float]] = []
    for x0, x1 in spans:
        if columns and x0 - columns[-1][1] <= CELL_GAP * size:
            columns[-1][1] = max(columns[-1][1], x1)
        else:
            columns.append([x0, x1])
    return [(x0, x1) for x0, x1 in columns] if len(columns) >= 2 else None


def _unruled_table(found: list[dict], lines: list[Line], cells: list[list[tuple[float, float, str]]], start: int,
                   rules: list[float], page: int) -> tuple[Table, int] | None:
    """The table drawn without rules whose first row is the line at `start`, and the line after it."""
    size = statistics.median(c["size"] for c in found[start]["chars"])
    height = lines[start].bottom - lines[start].top
    end, columns, widest = start + 1, None, None
    while end < len(lines) and cells[end]:
        gap = lines[end].top - lines[end - 1].bottom
        # Rows no further apart than a roomy cell's padding, and not much further than the rows above: a
        # wider gap is the space after the table, whatever lines in columns follow it.
        if gap > ROW_GAP * height or (widest is not None and gap > ROW_SPREAD * widest + PARAGRAPH_GAP * height):
            break
        widest = max(gap, widest or 0.0)  # lines of cells centred side by side overlap: a gap below 0
        wider = _columns(cells[start:end + 1], size)
        if wider is None or (columns is not None and len(wider) != len(columns)):
            if len(cells[end]) >= 2:
                return None  # a row of other columns: cells set too close to tell (a browser's bare table)
            break
        columns, end = wider, end + 1
    if columns is None:
        return None
    gaps = [b.top - a.bottom for a, b in zip(lines[start:end], lines[start + 1:end])]
    # Rows with room between them (a cell's padding) are told by it, however their cells are aligned; rows
    # set as closely as the lines of a cell are told by their first cell, as the cells open at a row's top.
    # (Lines of a cell centred beside a longer one overlap its lines: the gap between lines is at least 0.)
    row_gap = max(min(gaps), 0.0) + PARAGRAPH_GAP * height
    padded = max(gaps) > row_gap
    rows: list[tuple[int, list[str]]] = []  # the first line of each row, and its cells
    for k in range(start, end):
        placed = [(next(n for n, (x0, x1) in enumerate(columns) if x0 <= a and b <= x1), text)
                  for a, b, text in cells[k]]
        if k == start or (gaps[k - start - 1] > row_gap if padded else placed[0][0] == 0):
            rows.append((k, [""] * len(columns)))
        for n, text in placed:
            rows[-1][1][n] = f"{rows[-1][1][n]} {text}".strip()
    while rows and sum(map(bool, rows[-1][1])) < 2:  # a line of text after the table, within one column
        end = rows.pop()[0]
    grid = [row for _, row in rows]
    filled = [sum(bool(row[n]) for row in grid) for n in range(len(columns))]
    # Dot leaders to page numbers are a contents list's or an index's, laid out in columns.
    if (len(grid) < MIN_UNRULED_ROWS or min(filled) < 2 or not _is_table(grid)
            or any(LEADER.search(cell) or _DOT_LEADER.search(cell) for row in grid for cell in row)
            or not _has_header(lines, [k for k, _ in rows], end, rules)):
        return None
    return Table(grid, lines[start].top, page), end


def _has_header(lines: list[Line], firsts: list[int], end: int, rules: list[float]) -> bool:
    """The first row names the columns: it alone is bold, or a rule parts it from the rows, as it does no
    other two rows. Without a header, lines in columns are as likely a layout (a label and its text, a
    function and its tag) as a table, and are read as lines. `firsts`: each row's first line."""
    bounds = [*firsts, end]
    bold = [all(line.bold for line in lines[a:b]) for a, b in zip(bounds, bounds[1:])]
    ruled = [any(lines[b - 1].bottom - 1 <= y <= lines[b].top + 1 for y in rules) for b in bounds[1:-1]]
    return (bold[0] and not all(bold[1:])) or (ruled[0] and not all(ruled[1:]))


def _inside(obj: dict, box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    return obj["x0"] >= x0 - 1 and obj["x1"] <= x1 + 1 and obj["top"] >= top - 1 and obj["bottom"] <= bottom + 1


def _line(found: dict, mono: set[str]) -> Line:
    glyphs = [c for c in found["chars"] if c["text"].strip()]
    # A smaller glyph set off the line's baseline, a superscript or a mark placed apart ("lÃ¤ers", its "¤"
    # drawn from another font in a line of code), does not tell the line's type.
    baseline = Counter(round(c["bottom"]) for c in glyphs).most_common(1)[0][0] if glyphs else 0
    shifted = [abs(c["bottom"] - baseline) > OFF_BASELINE * c["size"] for c in glyphs]
    line_size = max((c["size"] for c, off in zip(glyphs, shifted) if not off), default=0.0)
    chars = [c for c, off in zip(glyphs, shifted) if not (off and c["size"] < line_size)]
    fonts = [c["fontname"].split("+")[-1] for c in chars]
    letters = [f for c, f in zip(chars, fonts) if c["text"].isalpha()] or fonts
    fixed = [c["fontname"] in mono or bool(_MONO_FONT.search(f)) for c, f in zip(chars, fonts)]
    # The size of the line's prose when it has any: inline code is often set smaller ("$PATH?" ending a heading
    # wrapped onto a second line had read as smaller type, another heading), or larger (groff's mom sets it a
    # point above the text: "PDF_LINK_COLOR #ff0000 and ..." had read as larger type, a heading).
    prose = [c for c, code in zip(chars, fixed) if not code]
    size = _usual_size(prose or chars)
    mono_line = bool(fixed) and all(fixed)
    return Line(_tidy(found["text"]), found["x0"], found["top"], found["bottom"], size,
                bool(letters) and all(_BOLD_FONT.search(f) for f in letters), mono_line,
                _in_columns(chars) if mono_line else "")


def _in_columns(chars: list[dict]) -> str:
    """Monospaced characters each in its column: the runs of spaces that set a manual page's header apart
    ("GITFAQ(7)      Git Manual      GITFAQ(7)") come out as one space in the text pdfplumber gives."""
    chars = sorted(chars, key=lambda c: c["x0"])
    if not chars:
        return ""
    pitch = statistics.median(c["x1"] - c["x0"] for c in chars) or MONO_WIDTH * chars[0]["size"]
    text = ""
    for c in chars:
        column = round((c["x0"] - chars[0]["x0"]) / pitch)
        text += " " * max(column - len(text), 0) + c["text"]
    return text


def _usual_size(chars: list[dict]) -> float:
    """The size most of the characters have, to half a point; 0 for none."""
    return Counter(round(c["size"] * 2) / 2 for c in chars).most_common(1)[0][0] if chars else 0.0


def _tidy(text: str) -> str:
    return " ".join(_UNMAPPED_GLYPH.sub("", clean(text)).split())


def _shape(line: str) -> str:
    """A line with its numbers masked, a roman page number at either end too: "Page 3 of 10" and "Page 4 of
    10" have one shape, as have "Guide ii" and "Guide iii"."""
    return _ROMAN_AT_ENDS.sub("#", re.sub(r"\d+", "#", " ".join(line.split()).lower()))


def _running_shapes(pages: list[list[Line]]) -> set[str]:
    """The shapes of the running headers and footers: lines among the first or last two of every page,
    or of half the pages if there are more than two, such as a manual's title or "Acme Inc. - Page 3 of
    10"; and those that carry a page number on a few pages, as a book's header names the chapter or section
    its page is in ("Chapter 1: Running lilypond 16"). Left in, they would read as headings in the middle
    of the text."""
    counts: Counter[str] = Counter()
    numbered: set[str] = set()
    for page in pages:
        edges = {_shape(line.text): line.text for line in page[:2] + page[-2:]}
        counts.update(edges.keys())
        numbered.update(shape for shape, text in edges.items() if _PAGE_NUMBERED.search(" ".join(text.split())))
    return {shape for shape, n in counts.items()
            if n >= max(RUNNING_PAGES, len(pages) / 2) or (n >= NUMBERED_RUNNING_PAGES and shape in numbered)}


def _numbering_offset(pages: list[list[Line]]) -> int | None:
    """How far the numbers that pages print beside their header or footer run from their places in the file,
    when NUMBERED_RUNNING_PAGES pages or more agree (front matter numbered apart makes it nonzero); None when
    the pages are not numbered so. A header printed on one or two pages only, as over a short chapter
    ("Chapter 2: Parsing 3"), is then told by its number; a heading's number is its own ("1 Introduction" atop
    page 1)."""
    offsets = Counter(offset for place, page in enumerate(pages)
                      for offset in {number - place for line in page[:2] + page[-2:]
                                     for number in _edge_numbers(line.text)})
    offset, agreeing = offsets.most_common(1)[0] if offsets else (0, 0)
    return offset if agreeing >= NUMBERED_RUNNING_PAGES else None


def _names_its_page(line: Line, k: int, count: int, titles: set[str], chapter_headers: set[str],
                    body: BodyType) -> bool:
    """A running header or footer that names the chapter or section its page is in: a line at the page's edge
    with the words of a heading, beside the page's number ("6 Chapter 1. General aspects of PyX", "1.8. Will I be
    able to embed ...? 5", as Sphinx prints a book), no larger than the text, a number at one end (a contents entry
    has one at both); or, without a number, in the text's type, one of the chapter headers (_chapter_headers)."""
    if not (k < 2 or k >= count - 2):
        return False
    key = _title_key(line.text)
    numbered = (line.size < body.size + HEADING_SIZE_STEP
                and len(_NUMBER_AT_ENDS.findall(" ".join(line.text.split()))) == 1 and key in titles)
    return numbered or (not _is_heading_type(line, body) and key in chapter_headers)


def _chapter_headers(pages: list[list[Line]], titles: set[str], body: BodyType) -> set[str]:
    """The running headers that name the chapter their pages are in, with no page number beside them (bzip2's
    manual heads each page of its second chapter "How to use bzip2", its page number a footer apart): the words
    of a heading (or of two, _joins_two), in the text's type at a page's edge, on NUMBERED_RUNNING_PAGES pages or
    more. Too few pages for a running header of the whole document, they had been read as lines of the text they
    interrupt."""
    counts = Counter(key for page in pages
                     for key in {_title_key(line.text) for line in page[:2] + page[-2:]
                                 if not _is_heading_type(line, body)} if key in titles or _joins_two(key, titles))
    return {key for key, n in counts.items() if n >= NUMBERED_RUNNING_PAGES}


def _joins_two(key: str, titles: set[str]) -> bool:
    """Whether a line's words are those of two headings, one after the other: a book's header that names the section
    and the chapter its page is in ("2.4. BUILDING SDCC CHAPTER 2. INSTALLING SDCC", LaTeX's two marks on one line)."""
    words = key.split()
    return any(" ".join(words[:k]) in titles and " ".join(words[k:]) in titles for k in range(1, len(words)))


def _title_key(text: str) -> str:
    """A heading's words, without its numbers and the word "Chapter": what a running header repeats of it."""
    return " ".join(w for w in re.findall(r"[^\W\d_]+", text.lower()) if w not in ("chapter", "section"))


def _edge_numbers(text: str) -> set[int]:
    """The numbers at either end of a line that has words too."""
    return {int(number) for match in _NUMBER_AT_ENDS.finditer(" ".join(text.split())) for number in match.groups()
            if number}


def _is_furniture(line: Line, k: int, count: int, running: set[str], page_number: int | None) -> bool:
    edge = k < 2 or k >= count - 2
    return (edge and (_shape(line.text) in running or bool(_PAGE_NUMBER.match(line.text))
                      or page_number in _edge_numbers(line.text))) or bool(_PAGE_BREAK_NOTE.match(line.text))


@dataclass(frozen=True)
class BodyType:
    """The type most of a document's text is set in."""
    size: float
    bold: bool


def _body_type(pages: list[list[Line]]) -> BodyType:
    styles: Counter[tuple[float, bool]] = Counter()
    for page in pages:
        for line in page:
            if not line.mono:
                styles[(line.size, line.bold)] += len(line.text)
    return BodyType(*styles.most_common(1)[0][0]) if styles else BodyType(0.0, False)


def _is_heading_type(line: Line, body: BodyType) -> bool:
    """Larger type than the body's, or bold in a body that is not."""
    return not line.mono and (line.size >= body.size + HEADING_SIZE_STEP or (line.bold and not body.bold))


def _paragraphs(pages: list[list[Line]], tables: list[Table], body: BodyType) -> list[list[Line] | Table]:
    """Lines grouped into paragraphs by the layout: a wider gap than the body's usual one, another type
    (heading, code, text), a bullet or a "Q:" label, or a new margin after a line that ends a sentence
    starts a paragraph. A sentence cut by a page break runs on into the next page. The tables stand
    between them where they are on the page."""
    def usual(gaps: list[float]) -> float:
        # The gap between the lines of one paragraph is the smallest usual one: in a FAQ of one-line answers
        # most gaps are between paragraphs.
        return statistics.quantiles(gaps, n=10)[0] if len(gaps) >= 2 else min(gaps, default=0.0)

    # Boxes that overlap (a line with a taller glyph, as a link's font has) say nothing of the spacing: left
    # out, or they would make every gap of a page read as a paragraph break.
    page_gaps = [[b.top - a.bottom for a, b in zip(page, page[1:])
                  if a.size == b.size == body.size and b.top >= a.bottom] for page in pages]
    document_gap = usual([gap for gaps in page_gaps for gap in gaps])
    # Each page by its own gaps when it has enough: a contents page set tight (or a table's rows) would
    # otherwise make every gap of the text's looser pages read as a paragraph break.
    usual_gaps = [usual(gaps) if len(gaps) >= PAGE_GAPS else document_gap for gaps in page_gaps]

    def kind(line: Line) -> str:
        return "code" if line.mono else "heading" if _is_heading_type(line, body) else "text"

    paragraphs: list[list[Line] | Table] = []
    waiting = sorted(tables, key=lambda t: (t.page, t.top))
    for number, page in enumerate(pages):
        usual_gap = usual_gaps[number]
        for k, line in enumerate([*page, None]):
            while waiting and (waiting[0].page, waiting[0].top) < (number, line.top if line else float("inf")):
                paragraphs.append(waiting.pop(0))
            if line is None:
                break
            current = paragraphs[-1] if paragraphs and isinstance(paragraphs[-1], list) else []
            previous = current[-1] if current else None
            if previous is None or k == 0:
                # (A sentence may go on with a number: "... a constant overhead in the region of" / "50 bytes.")
                runs_on = (previous is not None and kind(previous) == kind(line) == "text"
                           and not _SENTENCE_END.search(previous.text)
                           and (line.text[:1].islower() or bool(_GOES_ON_WITH_NUMBER.match(line.text))))
                if runs_on:
                    current.append(line)
                else:
                    paragraphs.append([line])
                continue
            gap = line.top - previous.bottom
            height = max(line.bottom - line.top, 1.0)
            if (kind(previous) == "heading" and line.bold == previous.bold and gap < WRAPPED_HEADING_GAP * height
                    and not _SENTENCE_END.search(previous.text)
                    and ((kind(line) == "heading" and line.size == previous.size) or (line.mono and line.bold))):
                # A heading wrapped over two lines ("... managing its pack-" / "ages?"), the second may be all
                # inline code ("... fails with error:" / "Can not find Rust compiler").
                current.append(line)
                continue
            new = (kind(line) != kind(previous)
                   or (kind(line) != "code" and gap > min(usual_gap + PARAGRAPH_GAP * height, BLANK_LINE * height))
                   or (kind(line) == "code" and gap > usual_gap + height)  # a blank line in code
                   or (kind(line) == "text" and bool(BULLET.match(line.text) or ANSWER_LABEL.match(line.text)))
                   or (kind(line) != "code" and bool(QUESTION_LABEL.match(line.text)))
                   or (kind(line) == "text" and abs(line.x0 - previous.x0) > MARGIN_STEP
                       and bool(_SENTENCE_END.search(previous.text)))
                   or (len(current) == 1 and kind(line) == "text" and is_question(previous.text)))
            if new:
                paragraphs.append([line])
            else:
                current.append(line)
    return paragraphs


def _without_contents(paragraphs: list[list[Line] | Table]) -> list[list[Line] | Table]:
    """A table of contents is dropped (its entries name the headings further on; read as text they would
    be entries answered by the next entries), as the plain-text reader drops one; so are lines ending in
    dot leaders and a page number, which only contents and index pages have."""
    lines: list[str] = []
    # An entry's wrapped line, indented under its bullet, is indented in the text too: the contents finder
    # counts only the outermost lines as entries.
    texts_of = [[f"  {line.text}" if k and line.x0 > p[0].x0 + MARGIN_STEP and not is_contents_entry(line.text)
                 else line.text for k, line in enumerate(p)] if isinstance(p, list) else [] for p in paragraphs]
    # A bullet starts a paragraph, so a contents list whose entries are list items ("▪ A.1.1 What is
    # PuTTY?", as Word and LibreOffice print a linked list) is a paragraph per entry, and so is one whose entries
    # stand apart ("7 Which UPS should I buy? 2", as AsciiDoc's PDFs print them): they are one here.
    entry = [bool(texts) and is_contents_entry(texts[0]) for texts in texts_of]
    type_of = [(p[0].size, p[0].bold) if isinstance(p, list) else None for p in paragraphs]
    # (Not with a numbered heading right after the list, in its own type.)
    apart = [not (entry[k] and k + 1 < len(entry) and entry[k + 1] and type_of[k] == type_of[k + 1])
             for k in range(len(entry))]
    for texts, blank in zip(texts_of, apart):
        lines.extend(texts + [""] * blank)
    kept = iter(without_contents(lines))
    out: list[list[Line] | Table] = []
    for paragraph, own, blank in zip(paragraphs, texts_of, apart):
        texts = [next(kept) for _ in own]
        if blank:
            next(kept)  # the blank line after it
        if isinstance(paragraph, Table):
            out.append(paragraph)
        else:
            out.append([line for line, text in zip(paragraph, texts) if text and not LEADER.search(text)])
    return [p for p in out if p]


def _vocabulary(pages: list[list[Line]]) -> set[str]:
    return {w for page in pages for line in page for w in words(line.text)}


def _join(paragraph: list[Line], vocabulary: set[str]) -> str:
    """A paragraph's lines as one text; a word hyphenated over a line break is joined."""
    from wordfreq import zipf_frequency

    text = ""
    for line in paragraph:
        if not text:
            text = line.text
            continue
        cut = re.search(r"([A-Za-z]+)-$", text)
        if cut and line.text[:1].isalpha():
            rest = re.match(r"[A-Za-z]*", line.text).group()
            joined = cut.group(1) + rest
            # A capital after the break is a word's own when the document writes the word whole ("Fc-" /
            # "ConfigParse"), or when the word is in capitals throughout ("ELE-" / "MENT"); else the hyphen is
            # the word's ("non-" / "English"). Either way the word goes on without a space.
            same_case = line.text[:1].islower() or (cut.group(1).isupper() and rest.isupper())
            keep = not (joined.lower() in vocabulary
                        or (same_case and zipf_frequency(joined.lower(), "en") >= JOINED_WORD_ZIPF))
            text = text[:-1] + ("-" if keep else "") + line.text
        elif re.search(r"\w_$", text) and line.text[:1].isalnum():
            text += line.text  # a name broken after an underscore ("asn1_der_" / "decoding()")
        else:
            text += " " + line.text
    return text


def _styled_blocks(paragraphs: list[list[Line] | Table], pages: list[list[Line]], body: BodyType) -> list[Block]:
    """Blocks of a PDF whose type marks its structure: headings by size (the largest is level 1) or bold,
    lists by their bullets, code by its monospaced type."""
    vocabulary = _vocabulary(pages)
    # A cover: a first page set all in headings' type, followed by others (a title, then the release, the author
    # and the date, as Sphinx and LaTeX set one). Its first paragraph is the title; the others say who and when,
    # and head nothing: as headings, "Gert-Ludwig Ingold" had been the section of every chapter after it.
    cover = {id(line) for line in pages[0]} if len(pages) > 1 and pages[0] and all(
        _is_heading_type(line, body) for line in pages[0]) else set()
    sizes = sorted({line.size for page in (pages[1:] if cover else pages) for line in page
                    if _is_heading_type(line, body) and line.size >= body.size + HEADING_SIZE_STEP}, reverse=True)
    credits: list[str] = []  # the cover's lines under its title
    blocks: list[Block] = []
    list_left = 0.0
    label = ""  # a bold label waiting for the paragraph it titles
    under_question = False  # the last heading asks: what follows answers it
    numbered: dict[tuple[str, ...], int] = {}  # the numbers of the headings read so far ("3", "3.1"), with their levels
    term_left: float | None = None  # the left edge of the terms being read, over their indented definitions
    outer: Block | None = None  # the heading over those terms, put back where their definitions end
    terms = _definition_terms(paragraphs, body)
    for at, paragraph in enumerate(paragraphs):
        term = " ".join(paragraph[0].text.split()) if at in terms else ""
        if term_left is not None and not term and (isinstance(paragraph, Table) or paragraph[0].x0 <= term_left
                                                   + MARGIN_STEP or _is_heading_type(paragraph[0], body)):
            # Back at the terms' margin: the text after the definitions is the section's again.
            if outer is not None:
                blocks.append(outer)
            term_left = outer = None
        if term:
            if term_left is None:
                outer = last_heading(blocks)
            term_left = paragraph[0].x0
            if label:
                blocks.append(Block("paragraph", label))
                label = ""
            blocks.append(title_block(term))
            continue
        text = "" if isinstance(paragraph, Table) or paragraph[0].mono else _join(paragraph, vocabulary)
        if label and not (text and not BULLET.match(text) and not _is_heading_type(paragraph[0], body)):
            blocks.append(Block("paragraph", label))  # a label over a table, code or list stands alone
            label = ""
        if isinstance(paragraph, Table):
            blocks.append(Block("table", rows=paragraph.rows))
            continue
        first = paragraph[0]
        if id(first) in cover:
            if blocks:
                credits.append(text)
            else:
                blocks.append(heading_block(text, level=1))
            continue
        if credits:
            blocks.append(Block("paragraph", " · ".join(credits)))
            credits = []
        if first.mono:
            _add_code(blocks, paragraph)
            continue
        if label:
            text, label = f"{label}: {text}", ""
        subsection = _numbered_under(paragraph, numbered, vocabulary)
        if subsection:
            # A line numbered under a heading ("3.1. Creating destination points" under "3. Creating PDF links")
            # is its subsection's heading, whatever its type (groff's mom sets them in italics a point larger),
            # and so is such a line set in its own type over the paragraph it heads.
            number, heading = subsection
            block = heading_block(heading, level=min(numbered[number[:-1]] + 1, 6))
            blocks.append(block)
            under_question = block.kind == "question"
            numbered[number] = block.level
            if len(paragraph) == 1:
                continue
            paragraph, first = paragraph[1:], paragraph[1]
            text = _join(paragraph, vocabulary)
        if _is_heading_type(first, body) and _DEFINITION_CATEGORY.search(first.text):
            # Texinfo's definition line, set larger than the text, its category at the right ("int asn1_get_tag_der
            # (const unsigned char * der, int der_len, [Function]" / "unsigned char * cls, ...)"): the heading is the
            # whole signature, without the category. (Its first line alone had been, and the rest opened the text
            # under it. Read as one entry, a function's arguments drowned the sentence a question asks of it.)
            named = _join([replace(first, text=_DEFINITION_CATEGORY.sub("", first.text)), *paragraph[1:]], vocabulary)
            blocks.append(heading_block(named, level=_heading_level(first.size, sizes)))
            continue
        if _is_heading_type(first, body) and _is_heading_text(text, larger=first.size in sizes):
            block = heading_block(text, level=_heading_level(first.size, sizes))
            if sizes and first.size not in sizes and block.kind == "heading" and not SECTION_NUMBER.match(text):
                # Bold at the body's size beside larger headings, neither asking nor numbered, is a label
                # ("Important", "Example") of the paragraph under it, as a note's title is.
                label = text
            else:
                blocks.append(block)
                under_question = block.kind == "question"
                if number := _heading_number(text):
                    numbered[number] = block.level
        elif BULLET.match(text) and not is_question(BULLET.sub("", text)):
            item = BULLET.sub("", text)
            if blocks and blocks[-1].kind == "list":
                depth = "  " if first.x0 > list_left + MARGIN_STEP * 3 else ""  # a sub-item, indented deeper
                blocks[-1] = replace(blocks[-1], text=f"{blocks[-1].text}\n{depth}- {item}")
            else:
                blocks.append(Block("list", f"- {item}", intro=take_intro(blocks)))
                list_left = first.x0
        elif looks_like_question(text) and not QUESTION_LABEL.match(text) and not under_question:
            # A paragraph that asks is a FAQ question answered by what follows it, as in the Word document
            # most such PDFs are saved from; but under a heading that asks, it is part of the answer ("Have
            # you seen the error message above?"). "Q:" paragraphs are read by outline's FAQ pass.
            blocks.append(Block("question", question_text(text)))
        else:
            blocks.append(Block("paragraph", text))
    blocks += [Block("paragraph", text) for text in (" · ".join(credits), label) if text]
    return _without_linked_contents(_without_chapter_numbers(blocks))


def _heading_level(size: float, sizes: list[float]) -> int:
    """A heading's level by its type's size: the largest headings' size is level 1; a heading at the body's size
    (bold) is one level under the smallest."""
    return min(sizes.index(size) + 1 if size in sizes else len(sizes) + 1, 6)


def _definition_terms(paragraphs: list[list[Line] | Table], body: BodyType) -> set[int]:
    """The paragraphs that are the terms of a definition list laid out with hanging indents (bzip2's options,
    "-c --stdout" over "Compress or decompress to standard output.", as DocBook sets a variable list): lines of
    their own, short and not sentences, in the text's type or in code, one after the other at one margin, each over
    text indented under it, every line of it (not a paragraph's first line indented), at one indent for all. Two
    terms or more: a line alone over indented text is a lead-in to a formula, or the end of an example. Read as
    lines of code, each option's name had gone with the text of the option before it."""
    def lines(k: int) -> list[Line]:
        return paragraphs[k] if 0 <= k < len(paragraphs) and isinstance(paragraphs[k], list) else []

    def indent(k: int) -> float | None:
        """Where the text under a term at `k` starts, if `k` is one."""
        term, under = lines(k), lines(k + 1)
        if (len(term) != 1 or not under or under[0].mono or _is_heading_type(term[0], body)
                or any(_is_heading_type(line, body) for line in under)
                or min(line.x0 for line in under) <= term[0].x0 + 3 * MARGIN_STEP):
            return None
        text = " ".join(term[0].text.split())
        return under[0].x0 if names_a_term(text) and not BULLET.match(text) else None

    terms: set[int] = set()
    k = 0
    while k < len(paragraphs):
        run: list[int] = []
        left, inner = (lines(k)[0].x0 if lines(k) else None), indent(k)
        while inner is not None and k < len(paragraphs):
            run.append(k)
            k += 1
            while lines(k) and min(line.x0 for line in lines(k)) >= inner - MARGIN_STEP:
                k += 1  # the definition's paragraphs (and its code, indented as deep or deeper)
            following = indent(k)
            if not (lines(k) and following is not None and abs(lines(k)[0].x0 - left) <= MARGIN_STEP
                    and abs(following - inner) <= MARGIN_STEP):
                break
        if len(run) >= 2:
            terms.update(run)
        if not run:
            k += 1
    return terms


def _numbered_under(paragraph: list[Line], numbered: dict[tuple[str, ...], int],
                    vocabulary: set[str]) -> tuple[tuple[str, ...], str] | None:
    """The number and text of a paragraph's first line when it heads a subsection of a numbered heading: a line of
    its own, or one in another type than the lines under it, numbered one level below a heading read before."""
    first = paragraph[0]
    if len(paragraph) > 1 and (first.size, first.bold) == (paragraph[1].size, paragraph[1].bold):
        return None
    text = _join([first], vocabulary)
    number = _heading_number(text)
    if len(number) < 2 or number[:-1] not in numbered or not _is_heading_text(text):
        return None
    return number, text


def _without_chapter_numbers(blocks: list[Block]) -> list[Block]:
    """Headings numbered 1, 2, 3 ... with no stop after the number ("7 Which UPS should I buy?", as LaTeX and
    AsciiDoc print their chapters) without their numbers, as "3.1." is dropped: people do not ask by number. A
    heading that only opens with a number ("3 Ways to Back Up") keeps it."""
    numbered = [(k, int(m[1])) for k, b in enumerate(blocks)
                if b.kind in ("heading", "question") and (m := _CHAPTER_NUMBER.match(b.text))]
    steps = [b - a for (_, a), (_, b) in zip(numbered, numbered[1:])]
    if len(numbered) < 3 or sum(step == 1 for step in steps) < 2 / 3 * len(steps):
        return blocks
    out = list(blocks)
    for k, _ in numbered:
        block = out[k]
        out[k] = replace(heading_block(_CHAPTER_NUMBER.sub("", block.text), level=block.level, line=block.line),
                         alternates=block.alternates)
    return out


def _heading_number(text: str) -> tuple[str, ...]:
    """The parts of the number that opens a heading ("3.1. Creating ...": ("3", "1")), or none."""
    number = _HEADING_NUMBER.match(text)
    return tuple(number[1].split(".")) if number else ()


def _without_linked_contents(blocks: list[Block]) -> list[Block]:
    """A contents list printed from a web page ("1.1. How do you pronounce "Valgrind"? 1.2. Where does the
    name come from?") runs its entries together in one paragraph; when every entry names a heading further
    on, it is dropped, as a contents list in text is."""
    later: set[str] = set()
    kept: list[Block] = []
    for block in reversed(blocks):
        if block.kind in ("heading", "question"):
            later.update(" ".join(t.split()).lower() for t in (block.text, *block.alternates))
        elif block.kind == "paragraph" and _ENTRY_NUMBER.match(block.text):
            entries = [" ".join(e.split()).lower() for e in _ENTRY_NUMBER.split(block.text) if e.strip()]
            if entries and all(e in later for e in entries):
                continue
        kept.append(block)
    return kept[::-1]


def _is_heading_text(text: str, *, larger: bool = False) -> bool:
    """Heading type set on text that reads as a heading or a question, or that a section number opens
    ("3.1. Programs run OK on Valgrind, but at exit ..."), or in type larger than the body's (a FAQ's entry
    told as a statement: "My cd calls don't seem to work!"), not on a sentence in bold."""
    return word_count(text) <= MAX_QUESTION_WORDS and (
        larger or text.endswith("?") or not re.search(r"[.;,!]$", text) or bool(SECTION_NUMBER.match(text)))
