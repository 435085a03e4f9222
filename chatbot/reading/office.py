"""Office documents: what the files of word processors and slide programs (.docx, .odt, .rtf, .pptx) have in
common, and how their paragraphs and tables become blocks. Each format's reader only says what a paragraph is
(its style's name, its text, its list level, whether it is all in bold, how many links it is made of); the
rules live here, so that a FAQ saved by Word, by LibreOffice or as RTF reads alike.

Heading styles give the sections (in a document without them, short lines all in bold: headings made by
hand); a paragraph that asks something is a FAQ question answered by what follows it; list paragraphs and
tables are kept; paragraphs in a code style (a web page's <pre>, pandoc's code blocks) or in a font of fixed pitch
are code; a list or line made of links only (a contents list or menu) is dropped."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..text import word_count
from .outline import (ANSWER_LABEL, QUESTION_LABEL, Block, asks_as_a_list, heading_block, looks_like_question,
                      question_text, take_intro, title_block)

_HEADING_STYLE = re.compile(r"^(?:heading|überschrift|titre)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = {"title", "subtitle"}
MAX_TITLE_WORDS = 12


def is_heading_style(name: str) -> bool:
    """Whether a style's name is a heading's ("Heading 2") or the title's."""
    return bool(_HEADING_STYLE.match(name)) or name.lower() in _TITLE_STYLES
_NAVIGATION_MARKS = re.compile(r"[\W_]+")  # what stands between links in a menu: "|", "»", spaces
# "List Bullet 2", "List Number", "List Paragraph"; not LibreOffice's "List Heading" and "List Contents", the
# term and the description of a definition list (a FAQ's question and its answer).
_LIST_STYLE = re.compile(r"^(?!list (?:heading|contents)\b).*\blist\b.*?(?:\s(\d))?$", re.IGNORECASE)
# pandoc's style for the term of a definition list (its definitions are in "Definition").
_TERM_STYLE = re.compile(r"^definition term$", re.IGNORECASE)
# Writer's and Word's styles for a web page's <pre>, and pandoc's for a code block.
_CODE_STYLE = re.compile(r"^(?:preformatted text|html preformatted|source code)$", re.IGNORECASE)


@dataclass(frozen=True)
class Paragraph:
    style: str  # its style's name as the word processor shows it ("Heading 1", "List Bullet 2", "Title")
    text: str  # as shown, with its line breaks
    list_level: int | None  # 0 for a top list item, None for a paragraph that is no list item
    bold: bool  # all its text is bold
    links: int  # how many links it is made of; 0 when it holds text of its own
    continues: bool = False  # a paragraph of the list item above it, indented under it with no marker of its own
    number: int | None = None  # the number shown before an item of a numbered list; None for a bullet
    monospaced: bool = False  # its style sets a font of fixed pitch: a line of code


Table = list[list[str]]  # rows of cells


def _lines(text: str) -> str:
    """A paragraph's text with its line breaks (Shift+Enter: two paths, the lines of an address), spaces folded."""
    return "\n".join(line for line in (" ".join(line.split()) for line in text.split("\n")) if line)


def _paragraph_text(text: str) -> str:
    """A paragraph's text on one line, as a title, a question or a list item reads, unless a line break in it
    starts a "Q:" or "A:" label: a FAQ typed as "Q: ...", Shift+Enter, "A: ..." (or several wordings of a
    question) keeps its lines, so that each label is read as one."""
    lines = _lines(text)
    if any(QUESTION_LABEL.match(line) or ANSWER_LABEL.match(line) for line in lines.split("\n")[1:]):
        return lines
    return " ".join(text.split())


def _is_title(text: str) -> bool:
    """A line short enough to title what follows, ending as a title or a question does, not as a sentence."""
    return word_count(text) <= MAX_TITLE_WORDS and not re.search(r"[.:;,!]$", text)


def links_only(link_texts: list[str], visible: str) -> int:
    """How many links a paragraph whose visible text is `visible` is made of ("A.1.1 What is PuTTY?" in a
    linked contents list, "Previous | Next"), or 0 when it holds text outside them."""
    linked = _NAVIGATION_MARKS.sub("", "".join(link_texts))
    return len(link_texts) if linked and len(linked) >= len(_NAVIGATION_MARKS.sub("", visible)) else 0


def _link_runs(parts: list[Paragraph | Table]) -> set[int]:
    """The paragraphs in runs of three or more that are each one link: a contents list written as paragraphs
    (a page's contents saved as a document by LibreOffice), not a Word contents field."""
    linked = [isinstance(part, Paragraph) and part.links > 0 for part in parts] + [False]
    runs, start = set(), None
    for k, link in enumerate(linked):
        if link and start is None:
            start = k
        elif not link and start is not None:
            if k - start >= 3:
                runs.update(range(start, k))
            start = None
    return runs


def _faq_list(parts: list[Paragraph | Table]) -> tuple[set[int], set[int]]:
    """The top items of lists of questions, and the last paragraphs of their answers: items in a row, each with
    paragraphs of its own under it, that ask as a list (outline.asks_as_a_list)."""
    items: list[tuple[int, int]] = []  # (a top item, the last of the paragraphs under it)
    for k, part in enumerate(parts):
        if isinstance(part, Paragraph) and part.list_level == 0:
            end = k
            while end + 1 < len(parts) and isinstance(parts[end + 1], Paragraph) and (
                    parts[end + 1].continues or (parts[end + 1].list_level or 0) > 0):
                end += 1
            if any(parts[j].continues for j in range(k + 1, end + 1)):
                items.append((k, end))
    questions: set[int] = set()
    ends: set[int] = set()
    run: list[tuple[int, int]] = []
    for item in [*items, None]:
        if item is not None and (not run or item[0] == run[-1][1] + 1):
            run.append(item)
            continue
        if asks_as_a_list([_paragraph_text(parts[k].text) for k, _ in run]):
            questions.update(k for k, _ in run)
            ends.add(run[-1][1])
        run = [item] if item is not None else []
    return questions, ends


def style_list_level(style: str) -> int | None:
    """The list level a paragraph style names ("List Bullet 2" is 1), or None for a style of no list."""
    styled = _LIST_STYLE.match(style)
    if not styled:
        return None
    return int(styled.group(1)) - 1 if styled.group(1) else 0


def office_blocks(parts: list[Paragraph | Table]) -> list[Block]:
    """The blocks of a word processor's body, given in order as paragraphs and tables."""
    blocks: list[Block] = []
    # Where no paragraph has a heading style, short lines all in bold are the headings, made by hand as
    # many Word FAQs are. Beside real headings, a bold line is only a label ("Example") under one.
    styled = any(isinstance(part, Paragraph) and _HEADING_STYLE.match(part.style) for part in parts)
    texts: set[int] = set()  # the lists with an item that is not just a link
    contents = _link_runs(parts)
    questions, answers_end = _faq_list(parts)
    label = ""  # a definition term that labels the paragraph after it ("Short answer:")
    for k, part in enumerate(parts):
        if k in contents:
            continue
        if k in questions:
            # An item of a list of questions, each answered in the paragraphs under it (Passlib's FAQ as pandoc
            # writes it): a FAQ entry, as in the other formats.
            blocks.append(Block("question", question_text(_paragraph_text(part.text))))
            continue
        if isinstance(part, Paragraph) and part.continues:
            # A paragraph of the list item above it: indented under the item, or an entry's answer.
            text = _paragraph_text(part.text)
            if blocks and blocks[-1].kind == "list" and text:
                blocks[-1] = replace(blocks[-1], text=f"{blocks[-1].text}\n  {text}")
            elif text:
                blocks.append(Block("paragraph", text))
            if k in answers_end:
                blocks.append(Block("break"))
            continue
        if not isinstance(part, Paragraph):
            rows = part
            if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
                blocks.append(Block("table", rows=rows))
            elif text := " ".join(c for r in rows for c in r if c):
                blocks.append(Block("paragraph", text))
            continue
        if (_CODE_STYLE.match(part.style) or part.monospaced) and part.list_level is None:
            # A code block is a paragraph of this style for each line (Writer), or one with line breaks (Word).
            if blocks and blocks[-1].kind == "code":
                blocks[-1] = replace(blocks[-1], text=f"{blocks[-1].text}\n{part.text}")
            else:
                blocks.append(Block("code", part.text))
            continue
        text, lines, level = _paragraph_text(part.text), _lines(part.text), part.list_level
        if label and text and not _TERM_STYLE.match(part.style):
            text, lines, label = f"{label}: {text}", f"{label}: {lines}", ""
        # A list of links only is a contents list or a menu, as the HTML reader reads one; so is a line of them.
        if not text or (part.links >= 2 and level is None):
            continue
        heading = _HEADING_STYLE.match(part.style)
        if heading or part.style.lower() in _TITLE_STYLES:
            # The document's title (the "Title" style) stands over its level-1 headings, not among them: on a
            # FAQ whose headings ask, it is not one more entry.
            blocks.append(heading_block(text, level=int(heading.group(1)) if heading else 0))
        elif _TERM_STYLE.match(part.style) and level is None:
            # A definition list's term, as pandoc styles it: it titles the "Definition" paragraphs under it
            # (psycopg2's FAQ: its entries told as statements, "Arrays of TYPE are not casted to list."), or
            # labels the first of them when it ends with a colon ("Short answer:"), as in the other formats.
            if text.endswith(":"):
                label = text.rstrip(":")
            else:
                blocks.append(title_block(text))
        elif part.bold and _is_title(text) and level is None and not styled:
            blocks.append(title_block(text))
        elif level is not None:
            # A sub-item indented under its item, a numbered one after its number, as Markdown writes them.
            item = f"{'  ' * level}{'-' if part.number is None else f'{part.number}.'} {text}"
            if blocks and blocks[-1].kind == "list":
                blocks[-1] = replace(blocks[-1], text=f"{blocks[-1].text}\n{item}")
            else:
                blocks.append(Block("list", item, intro=take_intro(blocks)))
            if not part.links:
                texts.add(len(blocks) - 1)
        elif looks_like_question(text):
            blocks.append(Block("question", question_text(text)))
        else:
            # A line break stays one, as a <br> does in a web page.
            blocks.append(Block("paragraph", lines))
    # A code block's blank lines at its ends are the spacing around it (Writer's empty lines in its code style).
    return [replace(block, text=block.text.strip("\n")) if block.kind == "code" else block
            for k, block in enumerate(blocks) if block.kind != "list" or k in texts]
