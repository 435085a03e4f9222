"""Article: turns a plain-text or Markdown document into passages that keep their meaning whole.

The seed articles are flattened web pages, so structure is inferred from the shape of lines:
a short line without end punctuation is a heading, a run of three or more such lines is a table
(header line, then rows), a short line ending in "?" followed by prose is a FAQ question, and
bullets or numbered items form a list that stays with the sentence introducing it. Markdown
headings, pipe tables (whose cells are kept) and question headings ("### How do I ...?") are read
as what they say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..passage import Passage
from ..text import sentences, word_count

_BULLET = re.compile(r"^(?:[-*+•●◦▪–]|\d{1,2}[.)])\s+(?=\S)")
_MD_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*$")
_MD_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")
_END_PUNCT = re.compile(r"[.!?;:,…\"”’]$")
_TABLE_CAPTION = re.compile(r"^table\s*[:\-–]\s*", re.IGNORECASE)
# Bump when parsing changes, so indexes built by an older parser are rebuilt.
PARSER_VERSION = 3
# Joins the cells of a Markdown table's header and rows, so that they can be shown as columns again.
CELL_SEPARATOR = " | "
MAX_HEADING_WORDS = 12
MAX_QUESTION_WORDS = 30


@dataclass
class _Block:
    kind: str  # "heading" | "question" | "prose" | "list" | "table"
    lines: list[str]
    line_no: int
    intro: str = ""  # for lists: the sentence introducing them
    header: list[str] = field(default_factory=list)  # for Markdown tables: column names
    from_heading: bool = False  # for questions: written as a Markdown heading


def _is_short_line(line: str) -> bool:
    return (
        word_count(line) <= MAX_HEADING_WORDS
        and not _END_PUNCT.search(line)
        and not _BULLET.match(line)
        and "|" not in line
    )


def _is_question(line: str) -> bool:
    return (
        line.endswith("?")
        and word_count(line) <= MAX_QUESTION_WORDS
        and len(sentences(line)) == 1
        and not _BULLET.match(line)
    )


def _blocks(text: str) -> list[_Block]:
    lines = text.split("\n")
    blocks: list[_Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line:
            i += 1
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            # A heading that asks something ("### How do I cancel?") is a FAQ question, as on help pages.
            text = heading.group(1)
            blocks.append(_Block("question" if _is_question(text) else "heading", [text], i + 1,
                                 from_heading=True))
            i += 1
            continue
        if line.startswith("|") and i + 1 < len(lines) and _MD_TABLE_RULE.match(lines[i + 1]):
            header = _cells(line)
            j = i + 2
            rows = []
            while j < len(lines) and lines[j].startswith("|"):
                rows.append(CELL_SEPARATOR.join(_cells(lines[j])))
                j += 1
            blocks.append(_Block("table", [CELL_SEPARATOR.join(header), *rows], i + 1, header=header))
            i = j
            continue
        if _BULLET.match(line):
            j = i
            items = []
            while j < len(lines) and _BULLET.match(lines[j]):
                items.append(lines[j])
                j += 1
            intro = ""
            if blocks and blocks[-1].kind == "prose" and blocks[-1].lines[-1].endswith(":"):
                intro = blocks[-1].lines.pop()
                if not blocks[-1].lines:
                    blocks.pop()
            blocks.append(_Block("list", items, i + 1, intro=intro))
            i = j
            continue
        if _is_short_line(line):
            j = i
            while j < len(lines) and lines[j] and _is_short_line(lines[j]):
                j += 1
            run = lines[i:j]
            if len(run) >= 3:
                blocks.append(_Block("table", run, i + 1))
            else:
                blocks.extend(_Block("heading", [h], i + 1 + k) for k, h in enumerate(run))
            i = j
            continue
        if _is_question(line):
            blocks.append(_Block("question", [line], i + 1))
            i += 1
            continue
        # Prose: consecutive lines are one paragraph (Markdown wraps paragraphs across lines).
        if blocks and blocks[-1].kind == "prose" and lines[i - 1] and not blocks[-1].lines[-1].endswith(":"):
            blocks[-1].lines[-1] += " " + line
        else:
            blocks.append(_Block("prose", [line], i + 1))
        i += 1
    return blocks


def _cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().strip("|").split("|")]


def _pack(units: list[str], limit: int, sep: str) -> list[str]:
    """Group units (sentences or list items) into chunks of at most `limit` characters, never cutting a unit."""
    chunks: list[str] = []
    for unit in units:
        if chunks and len(chunks[-1]) + len(sep) + len(unit) <= limit:
            chunks[-1] += sep + unit
        else:
            chunks.append(unit)
    return chunks


def parse_article(text: str, *, source: str, title: str = "", max_chars: int = 1200) -> list[Passage]:
    """Split an article into passages. `text` must already be cleaned (see text.clean)."""
    blocks = _blocks(text)
    if not title and blocks and (blocks[0].kind == "heading" or blocks[0].from_heading):
        title = blocks[0].lines[0]
    title = title or source
    passages: list[Passage] = []
    section = ""
    caption = ""  # a "Table: ..." heading names the next table
    pending_question: _Block | None = None

    def add(kind: str, body: str, line: int, question: str = "") -> None:
        passages.append(Passage(text=body, title=title, section=section, source=source, kind=kind,
                                question=question, line=line))

    def add_prose(body: str, line: int) -> None:
        for chunk in _pack(sentences(body), max_chars, " "):
            add("text", chunk, line)

    for index, block in enumerate(blocks):
        if block.kind == "heading":
            heading = block.lines[0]
            if index == 0 and heading == title:
                continue
            if _TABLE_CAPTION.match(heading):
                caption = _TABLE_CAPTION.sub("", heading)
            section = heading
            continue
        if block.kind == "question":
            pending_question = block
            continue
        if pending_question is not None and block.kind in ("prose", "list"):
            question = pending_question.lines[0]
            body = " ".join(block.lines) if block.kind == "prose" else "\n".join(
                ([block.intro] if block.intro else []) + block.lines)
            units = sentences(body)
            for chunk in _pack(units, max(max_chars - len(question), 200), " "):
                add("faq", f"{question}\n{chunk}", pending_question.line_no, question=question)
            if pending_question.from_heading:
                section = question  # more paragraphs under the heading belong to it too
            pending_question = None
            continue
        if pending_question is not None:
            # A question with no answer under it is a heading after all.
            section = pending_question.lines[0]
            pending_question = None
        if block.kind == "prose":
            add_prose(block.lines[0], block.line_no)
        elif block.kind == "list":
            head = [block.intro] if block.intro else []
            items = "\n".join(block.lines)
            previous = passages[-1] if passages else None
            if (not head and index and blocks[index - 1].kind == "prose" and previous is not None
                    and previous.kind == "text" and previous.section == section
                    and len(previous.text) + len(items) < max_chars):
                # A paragraph followed by bullets that support it: one passage, as it reads.
                passages[-1] = replace(previous, text=f"{previous.text}\n{items}")
                continue
            limit = max(max_chars - len(block.intro), 200)
            for chunk in _pack(block.lines, limit, "\n"):
                add("text", "\n".join(head + [chunk]), block.line_no)
        elif block.kind == "table":
            header, rows = block.lines[0], block.lines[1:]
            # A Markdown table is named by its heading when no "Table: ..." line names it.
            caption = caption or (section if block.header else "")
            top = f"{caption}\n{header}" if caption else header
            for offset, row in enumerate(rows, start=1):
                add("table", f"{top}\n{row}", block.line_no + offset)
            caption = ""
    if pending_question is not None:
        add("text", pending_question.lines[0], pending_question.line_no)
    return passages
