"""Outline: the structure every reader finds in a document (headings, questions, paragraphs, lists,
tables, code), and the one place that turns it into passages.

Each format's reader (Markdown, reStructuredText, HTML, PDF, DOCX, plain text) only says what the
blocks are; the rules for what becomes a FAQ entry, a table row or a paragraph live here, so that
every format is split the same way.
"""

from __future__ import annotations

import bisect
import re
import textwrap
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import partial
from itertools import dropwhile, takewhile, zip_longest
from pathlib import PurePosixPath

from ..passage import Passage
from .commandhelp import Option, read_command_help
from ..text import sentences, word_count, words

# Bump when parsing changes, so indexes built by an older parser are rebuilt.
PARSER_VERSION = 326
# Joins the cells of a table's header and rows, so that they can be shown as columns again.
CELL_SEPARATOR = " | "
MAX_QUESTION_WORDS = 30
# A line of this many words or fewer ending in ":" right before a table names it ("Options:", "By default it lives
# under the OS user-cache directory:").
TABLE_LABEL_WORDS = 20
# A page with this many "Q:"-labelled paragraphs that ask is a FAQ: its other "Q:" paragraphs are entries too.
FAQ_PAGE_QUESTIONS = 3
# A titled note's paragraphs up to this length make one paragraph under its title.
CALLOUT_CHARS = 1000
# A paragraph this short may be a scrap of the sentence before it (see _continues).
FRAGMENT_WORDS = 5
# The level of a minor title (a definition's term, a summary): below any heading of a page's outline.
TERM_LEVEL = 6
# A list item's name in code and the colon after it may have a remark this long between them ("(default)").
ENTRY_REMARK_WORDS = 2
# A FAQ answer made of parts under their own headings is split into them past this many times max_chars.
LONG_ANSWER_PARTS = 3
# A paragraph this short that opens with a name in italics or bold and a colon ("*Default*: 3") is a field, in the
# readers that see emphasis (field_text); one this long over an indented block may be its term (names_a_term). A
# field's value longer than this describes what the field names (the reStructuredText reader's field lists).
FIELD_WORDS = 12
_NAME_CHARS = 80
# A field: a name and its value, as reference pages set them over or under a description ("Added in: v0.3.2").
_FIELD = re.compile(r"^[A-Z][\w ()-]{0,30}:\s+\S")
# A version note alone, as Sphinx writes a "versionadded" with no text of its own ("New in version 2.0.",
# "Deprecated since version 8.2."): it dates the text of its section and says nothing alone.
_VERSION_NOTE = re.compile(r"^(?:New|Added|Changed|Removed|Deprecated)\s+(?:in|since)\s+version\s+\S+$",
                           re.IGNORECASE)

# A heading that names a FAQ: "FAQ", "FAQs", "np FAQ", "Frequently Asked Questions", "Common questions"; or one
# of problems and their fixes: "Troubleshooting", "Troubleshooting and Common Pitfalls".
FAQ_HEADING = re.compile(r"(?:^|[\s(])(?:faqs?|frequently asked questions|common questions|troubleshooting"
                         r"|common (?:problems|issues|pitfalls))\)?$", re.IGNORECASE)
# A relative link to a document of the same documentation ("install.md", "../api/index.rst#options").
PAGE_LINK = re.compile(r"^(?![a-z][a-z0-9+.-]*:|/|#)[^?#\s]+\.(?:md|markdown|mdx|rst|txt|html?)(?:#\S*)?$",
                       re.IGNORECASE)
CONTENTS_HEADING = re.compile(r"^(?:table of contents|contents|on this page|in this (?:article|page))$", re.IGNORECASE)
_TABLE_CAPTION = re.compile(r"^table\s*[:\-–]\s*", re.IGNORECASE)
# A numbered caption beside a table, as word processors number them: "Table 3 : Launch sites", "Table 2.1. Ports".
_NUMBERED_CAPTION = re.compile(r"^(?:table|tab\.)\s+\d{1,3}(?:[.-]\d{1,3})*\s*[:.\-–—]\s+(?=\S)", re.IGNORECASE)
MAX_CAPTION_WORDS = 20
# A section's number before its title ("A.2.8 Why ...", "3.10: How ..."), not a version before its date, as
# changelogs head their sections ("18.0 / 2013-08-26", "1.2.0 (2020-01-31)", "1.0.5 (March 27th, 2024)", with the
# release's name or kind between them: "5.0.0 Penny - July 4, 2020", "5.3.2 [Hotfix] Aug 7, 2020"), nor the first
# of two versions ("3.9.1 and 3.9.2"): what follows it is words ("32-bit"), and no date nor version.
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d"
SECTION_NUMBER = re.compile(
    r"^(?:(?:[A-Z]|\d{1,3}|[IVX]{1,4})(?:\.\d{1,3})+[.:)]?|\d{1,3}[.:)]|[IVX]{1,4}\.|\(\d{1,3}\)|[A-Z]{1,2}\d{1,3}[.)])"
    rf"\s+(?!.*\b(?i:{_MONTH})|.*\b\d{{4}}-\d\d-\d\d\b|(?:and|to|or)\s+\d)"
    r"(?=[^\W\d_]|\d[\w-]*[^\W\d_]|[\"'“‘`\[]|\((?!\d))")
# The labels of a FAQ written as "Q: ..." and "A: ..." lines ("Q. ", "A) ", numbered "Q1.", "A1:", and "Ans:"
# too, but not "Q.NET", "A.I.").
# A number only after a capital "Q" or "A" ("q4: (error) ..." is a program's message).
_ANSWER = r"(?:A|Ans|Answer|(?-i:A)\d{1,3}|Answer\s+\d{1,3})"
# A definition's term that is a label alone ("Q", "A.", "Answer:"): see _bare_labels.
_BARE_LABEL = re.compile(rf"^(?:(?P<asks>Q|Question)|{_ANSWER})\s*[.:]?$", re.IGNORECASE)
_ANSWER_HEADING = re.compile(r"^answers?\s*:?$", re.IGNORECASE)
QUESTION_LABEL = re.compile(r"^(?:Q|Question|(?-i:Q)\d{1,3}|Question\s+\d{1,3})\s*(?::\s*|[.)]\s+)(?=\S)",
                            re.IGNORECASE)
ANSWER_LABEL = re.compile(rf"^{_ANSWER}\s*(?::\s*|[.)]\s+)", re.IGNORECASE)
# The second item of a lettered list ("b. Adapter's License means ..."), whose first ("a. ...") is no answer's label.
_SECOND_LETTER = re.compile(r"^b[.)]\s", re.IGNORECASE)
# Where the answer's label starts inside a labelled paragraph: at the start of a line, or after the
# question's end ("Q: Is it free? A: Yes.", not "Q: Is plan A. ok?").
_ANSWER_INSIDE = re.compile(rf"\n[ \t]*{_ANSWER}\s*(?::\s*|[.)]\s+)|(?<=[?.!])[ \t]+{_ANSWER}\s*[:.)]\s+",
                            re.IGNORECASE)
# A heading that a question under it goes on from, and that question ("How do I..." / "... get section numbers?").
_OPEN_END = re.compile(r"\s*(?:\.\.\.|…)$")
_OPEN_START = re.compile(r"^(?:\.\.\.|…)\s*")
_QUESTION_START = re.compile(
    r"^(?:how|what|when|where|which|who|whom|whose|why|is|are|am|was|were|do|does|did|can|could|"
    r"should|shall|will|would|may|might|must|have|has|had)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Block:
    kind: str  # "heading" | "question" | "paragraph" | "list" | "table" | "code" | "break" (a rule: an answer ends)
    text: str = ""  # heading or question; a paragraph; a list's items one per line; code as written
    line: int = 0  # first line in the source file (1-based; 0 when not known)
    level: int = 0  # headings: 1-6 (0 for a heading guessed from the shape of a line)
    # Questions: "entry" answers with every block up to the next heading or question (FAQ pages);
    # "next" with the one block that follows (a question line in an article).
    scope: str = "entry"
    intro: str = ""  # lists and code: the sentence that introduces them ("You need:", a tab's "Windows:")
    rows: tuple[tuple[str, ...], ...] = ()  # tables: header row first, then data rows
    caption: str = ""  # tables: their own caption, if the document gives one
    headless: bool = False  # tables: no header row, every row is data (an HTML table with no header cells)
    flattened: bool = False  # tables guessed from the shape of lines: named only by a "Table: ..." heading
    alternates: tuple[str, ...] = ()  # questions: other wordings the page gives ("Q: ...? Q: ...!")
    # Paragraphs and questions set entirely in bold: titles, entries of a page whose other bold titles ask.
    title: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", tuple(tuple(row) for row in self.rows))
        object.__setattr__(self, "alternates", tuple(self.alternates))


_LIST_MARKER = re.compile(r"^(?:[-*+•]|\d{1,3}[.)])\s+")


# LaTeX's mark for a reference it could not resolve ("pages 169–??", "see Section ??"): no question.
_UNRESOLVED = re.compile(r"(?:^|[\s\d–-])\?\?$")
# A date alone ("May 31, 2022", "2021-01-31") is a title page's line, never a FAQ entry.
_DATE = re.compile(r"^(?:\w+ \d{1,2}, \d{4}|\d{1,2} \w+ \d{4}|\d{4}-\d\d-\d\d)$")


# A sign alone ("?", "\\?": a manual's terms for a shell's special parameter) asks nothing.
LETTER = re.compile(r"[^\W\d_]")
# A "?" with a word or bracket right after it marks syntax, not a question: a command's optional arguments
# ("sqlite3 dbcmd ?database-name? ?options?"), a format's conditional ("%?<sequence_char>?<if_string>?").
_SYNTAX_MARK = re.compile(r"\?(?=[\w<>\[{(%])")
# A closing "?" on its own or ending a name in code, a shell's "$?" or jq's ".foo?", is syntax unless a question
# word opens the line ("What is .bashrc?"): jq's heading "Optional Object Identifier-Index: .foo?" and flock's
# example "... || echo $?" ask nothing; nor does an optional parameter closing a call's signature, p-queue's
# "PQueue(options?)" and ".add(fn, options?)".
_CODE_MARK = re.compile(r"(?:^|\s)[$.]\S*\?$|[^\w\s]\s+\?$|\w\([^()]*\?\)$")


def is_question(text: str) -> bool:
    """A heading, title or line that asks something: ends with "?" and is one short sentence."""
    text = text.strip()
    return (text.endswith("?") and word_count(text) <= MAX_QUESTION_WORDS and LETTER.search(text) is not None
            and len(sentences(text)) == 1 and "```" not in text and not _UNRESOLVED.search(text)
            and not _SYNTAX_MARK.search(text) and not _ends_in_code(text))


def _ends_in_code(text: str) -> bool:
    """Whether a text's closing "?" is syntax: see _CODE_MARK."""
    return bool(_CODE_MARK.search(text)) and not _QUESTION_START.match(text)


def looks_like_question(text: str) -> bool:
    """A paragraph that reads as a question even without its "?" being last ("Is it free? (beta)")."""
    text = QUESTION_LABEL.sub("", text.strip())
    return is_question(text) or (
        word_count(text) <= MAX_QUESTION_WORDS and "?" in text[-3:] and bool(_QUESTION_START.match(text)))


def asks_somewhere(text: str) -> bool:
    """A title (a heading, a bold line) with a sentence that asks, not only the first or the last ("The file
    did not get smaller. Is this a bug?", "Can it make mistakes? This does not sound scientific."): a
    title is short, and a question in it is what it is about."""
    text = question_text(text)
    return word_count(text) <= MAX_QUESTION_WORDS and LETTER.search(text) is not None and any(
        sentence.rstrip("\"'”’)").endswith("?") and not _ends_in_code(sentence) for sentence in sentences(text))


def labelled_entry(text: str) -> tuple[str, str]:
    """(question, answer) of a paragraph that opens with a "Q:" label: the question runs up to the "A:"
    label that opens a line or follows the question's end ("Q: Is it free? A: Yes."), the answer from
    there, both without their labels. ("", "") for any other paragraph."""
    text = text.strip()
    if not QUESTION_LABEL.match(text):
        return "", ""
    question, *answer = _ANSWER_INSIDE.split(QUESTION_LABEL.sub("", text, count=1), maxsplit=1)
    return " ".join(question.split()), " ".join(" ".join(answer).split())


def labelled_question(text: str, *, answered_next: bool = False, faq_page: bool = False) -> tuple[str, str]:
    """labelled_entry() of a paragraph that is a FAQ question: one that asks, or that an "A:" answers, in
    it or in the next paragraph (`answered_next`), or any on a page of labelled questions (`faq_page`:
    "Q: My vararg functions fail after switching to LuaJIT!"); ("", "") for any other."""
    question, answer = labelled_entry(text)
    return (question, answer) if question and (
        answer or answered_next or faq_page or looks_like_question(question) or question.endswith("?")) else ("", "")


def at_questions(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Lines holding entries with no blank line between them ("Q: ...", "A: ...", "Q: ..."), cut before
    each line after the first that opens with a "Q:" label: each part with the number of its first line."""
    cuts = [0, *(k for k, line in enumerate(lines) if k and QUESTION_LABEL.match(line.strip())), len(lines)]
    return [(a, lines[a:b]) for a, b in zip(cuts, cuts[1:])]


def _bare_labels(blocks: list[Block]) -> list[Block]:
    """A term that is only a "Q" or an "A" over its question or answer (supervisor's FAQ: a definition list of
    "Q" and "A" terms) stands for that label: its paragraph reads "Q: ..." or "A: ...", so that the entries are
    read as labelled ones. The heading a reader puts back after each term (last_heading) is dropped between a
    question and its answer, which it would part."""
    if not any(b.kind == "heading" and (m := _BARE_LABEL.match(b.text.strip())) and m.group("asks") for b in blocks):
        return blocks  # an index's "A" heads the names that begin with an A
    read: list[Block] = []
    put_back: Block | None = None
    label = ""  # the label of the term just read, for the paragraph under it
    for block, following in zip(blocks, [*blocks[1:], None]):
        bare = _BARE_LABEL.match(block.text.strip()) if block.kind == "heading" else None
        if bare and following is not None and following.kind == "paragraph":
            put_back = next((b for b in reversed(read) if b.kind == "heading"), put_back)
            label = "Q" if bare.group("asks") else "A"
        elif label:
            read.append(replace(block, text=f"{label}: {block.text}"))
            label = ""
        elif put_back is None or (block.kind, block.text, block.level) != ("heading", put_back.text, put_back.level) \
                or not _labelled(following):
            read.append(block)
    return read


def _without_answer_headings(blocks: list[Block]) -> list[Block]:
    """A heading below an entry's that only says "Answer" (Click's FAQ: "### Calling a command as a regular
    function", the problem told, then "#### Answer") names no topic: the answer under it goes on under the entry,
    whose answer it had parted from its question."""
    kept: list[Block] = []
    level = 0  # the level of the last heading kept
    for block in blocks:
        if block.kind == "heading" and _ANSWER_HEADING.match(block.text.strip()) and 0 < level < block.level:
            continue
        if block.kind in ("heading", "question") and block.level:
            level = block.level
        kept.append(block)
    return kept


def _labelled(block: Block | None) -> bool:
    """A "Q" or "A" term, or a paragraph that opens with such a label."""
    return block is not None and (
        (block.kind == "heading" and _BARE_LABEL.match(block.text.strip()) is not None)
        or (block.kind == "paragraph" and (QUESTION_LABEL.match(block.text) or ANSWER_LABEL.match(block.text))
            is not None))


def _entries_of(block: Block) -> list[Block]:
    """A labelled paragraph that holds several entries, one paragraph for each."""
    if block.kind != "paragraph" or not QUESTION_LABEL.match(block.text):
        return [block]
    return [replace(block, text="\n".join(part).strip()) for _, part in at_questions(block.text.split("\n"))]


def _labelled_entries(blocks: list[Block]) -> list[Block]:
    """FAQs written with "Q:" and "A:" labels, in any format: a paragraph labelled "Q:" is a question when
    it asks, or an "A:" answers it (in the same paragraph or the next), or the page is a FAQ of labelled
    questions (the answer's label is dropped once entries are known: build_passages)."""
    blocks = [part for block in blocks for part in _entries_of(block)]
    asking = sum(bool(labelled_question(b.text)[0]) for b in blocks if b.kind == "paragraph")
    faq_page = asking >= FAQ_PAGE_QUESTIONS
    # Paragraphs lettered "a." and "b." are a list's items (a licence's "a. Adapted Material means ..."), and its
    # "a." no answer: each section's "a." had made its title a question, answered by the whole section.
    lettered = any(_SECOND_LETTER.match(b.text) for b in blocks if b.kind == "paragraph")

    def answers_label(text: str) -> bool:
        label = ANSWER_LABEL.match(text)
        return label is not None and not (lettered and ":" not in label.group(0))

    answers = sum(answers_label(b.text) for b in blocks if b.kind == "paragraph")
    read: list[Block] = []
    unanswered = False  # the last block read is a labelled question with no answer yet
    in_entry = False  # a question was read since the last heading or rule: what follows is its answer
    for k, block in enumerate(blocks):
        if block.kind in ("heading", "break"):
            in_entry = False
        elif block.kind == "question":
            in_entry = True
        if block.kind == "paragraph":
            # The block that answers it, past the code it quotes (an error message between question and answer).
            following = next((blocks[j] for j in range(k + 1, len(blocks)) if blocks[j].kind != "code"), None)
            answered_next = following is not None and following.kind == "paragraph" and answers_label(following.text)
            question, answer = labelled_question(block.text, answered_next=answered_next, faq_page=faq_page)
            if (not question and answered_next and answers >= FAQ_PAGE_QUESTIONS and not in_entry
                    and not answers_label(block.text)):
                # On a page of "A:" answers, what an "A:" answers is its question, labelled or not (sysstat's
                # FAQ: "1.2. When I try to compile sysstat, it fails ..." over the error, then "A: Make sure ...").
                question, answer = question_text(block.text), ""
            again, answered = labelled_entry(block.text)
            if again and not answered and not answered_next and read and read[-1].kind == "question":
                # A labelled line right under a question, before any answer, asks it again: an answer does
                # not open with "Q:" ("Q: Why do I get 'bad FPU precision'?" then "Q: I get weird behavior
                # after initializing Direct3D.", in a PDF or Word file whose questions are headings).
                question, answer, unanswered = again, "", True
            if question:
                if unanswered:
                    # Questions one after the other share the answer that follows them: one entry asked
                    # in several ways ("Q: Why do I get this error? Q: My vararg functions fail!").
                    read[-1] = replace(read[-1], alternates=(*read[-1].alternates, question))
                else:
                    read.append(replace(block, kind="question", text=question))
                unanswered, in_entry = not answer, True
                if answer:
                    read.append(replace(block, text=answer))
                continue
        unanswered = False
        read.append(block)
    return read


def _unlabelled(block: Block, previous: Block | None) -> Block:
    """A paragraph right under a question without its "Answer:" label; so is a list whose introduction the label
    opens (socat's "A: Probably your socat program is ok; ... But the following OS differences result in errors:"
    over its items)."""
    if previous is None or previous.kind != "question":
        return block
    if block.kind == "paragraph" and ANSWER_LABEL.match(block.text):
        return replace(block, text=ANSWER_LABEL.sub("", block.text, count=1))
    if block.kind == "list" and ANSWER_LABEL.match(block.intro):
        return replace(block, intro=ANSWER_LABEL.sub("", block.intro, count=1))
    return block


def _question_paragraphs(blocks: list[Block]) -> list[Block]:
    """A paragraph that is one short question, with a paragraph or list after it, asks what that block
    answers ("Who can deposit data?" then "Any member of staff."), in any format, as a question line of
    plain text does: kept apart, the question alone would be a passage that answers nothing. So does a list
    of one item that asks, with a paragraph after it (Word numbers a FAQ's questions). Inside a FAQ entry's
    answer it is the answer's own ("Have you seen the error message above?")."""
    read: list[Block] = []
    in_answer = False
    for k, block in enumerate(blocks):
        if block.kind in ("heading", "break") or (block.kind == "question" and block.scope == "next"):
            in_answer = False
        elif block.kind == "question":
            in_answer = True
        elif (block.kind in ("paragraph", "list") and not in_answer and is_question(text := _lone_item(block))
              and k + 1 < len(blocks)
              and blocks[k + 1].kind in ("paragraph", "list" if block.kind == "paragraph" else "")):
            block = replace(block, kind="question", text=question_text(text), scope="next")
        read.append(block)
    return read


def _answered_in_full(blocks: list[Block]) -> list[Block]:
    """On a page that asks in paragraphs or lines (FAQ_PAGE_QUESTIONS of them or more), each question is
    answered by every block up to the next question or heading, as a question heading is: an exported
    Google Docs or Word FAQ answers in several paragraphs, whose later ones had been passages of their own,
    under no question. Elsewhere a question line answers with the block after it only (an article's "Why
    does it matter?")."""
    def asked_in_a_line(b: Block) -> bool:
        return b.kind == "question" and b.scope == "next" and not b.level

    if sum(map(asked_in_a_line, blocks)) < FAQ_PAGE_QUESTIONS:
        return blocks
    return [replace(b, scope="entry") if asked_in_a_line(b) else b for b in blocks]


def _lone_item(block: Block) -> str:
    """A paragraph's text, or the item of a list of one (a numbered question, its answer in the paragraph after
    the list, as Word numbers a FAQ's questions); "" for a longer list."""
    if block.kind != "list":
        return block.text
    return "" if block.intro or "\n" in block.text.strip() else _LIST_MARKER.sub("", block.text.strip())


def question_text(text: str) -> str:
    """A question as people ask it: without its "Q:" label or section number."""
    text = " ".join(text.split())
    return QUESTION_LABEL.sub("", SECTION_NUMBER.sub("", text)) or text


def heading_block(text: str, *, level: int, line: int = 0) -> Block:
    """A heading that asks something ("How do I cancel?"), in any of its sentences ("The stack traces look
    wrong. What's happening?"), is a FAQ question, as on help pages. Its section number ("A.2.8", "3.10:") is
    dropped: people do not ask by number."""
    labelled = bool(QUESTION_LABEL.match(text.strip()))
    text = question_text(text)
    # A question left open ("How do I...?") asks nothing: it heads the questions under it (JupyterHub's
    # troubleshooting page, whose first entry under it had been its answer).
    asks = labelled or (is_question(text) or asks_somewhere(text)) and not _OPEN_END.search(text.rstrip("?"))
    return Block("question" if asks else "heading", text, line, level=level)


def _continued(heading: str, question: str) -> str:
    """A question that goes on from its heading, read whole: "How do I..." over "... get section numbers?", as
    Sphinx's FAQ writes them, asks "How do I get section numbers?"."""
    if _OPEN_END.search(heading) and _OPEN_START.match(question):
        return f"{_OPEN_END.sub('', heading)} {_OPEN_START.sub('', question)}"
    return question


def title_block(text: str, *, line: int = 0) -> Block:
    """The title of what follows it (a summary, an accordion's toggle, a definition term): a FAQ question
    when it asks something, else a minor heading."""
    return Block("question", question_text(text), line) if looks_like_question(text) else heading_block(
        text, level=TERM_LEVEL, line=line)


def callout(title: str, content: list[Block], *, line: int = 0) -> list[Block]:
    """A note, tip or warning set apart from the text. Titled with a question (MkDocs' collapsible FAQs,
    `??? question "Why ...?"`), it is a FAQ entry that ends with it; else its title ("Warning", "Python
    version") opens its first paragraph, as a label."""
    if title and looks_like_question(title):
        return [Block("question", question_text(title), line), *content, Block("break")]
    # Its paragraphs are one note: apart, those after the first would lose the title that says what they are
    # about (Flask's "Externally Visible Server": "... add --host=0.0.0.0 to the command line").
    lead = list(takewhile(lambda b: b.kind == "paragraph", content))
    if title and len(lead) > 1 and sum(len(b.text) for b in lead) <= CALLOUT_CHARS:
        content = [replace(lead[0], text="\n".join(b.text for b in lead)), *content[len(lead):]]
    if title and content and content[0].kind == "list" and content[0].intro:
        # A note that opens with the line introducing its list ("Leave it at None ...:" over the list).
        return [replace(content[0], intro=f"{title}: {content[0].intro}"), *content[1:]]
    if (title and content and content[0].kind == "paragraph"
            and not content[0].text.lower().startswith(title.lower())):  # "Note that ...": labelled already
        return [replace(content[0], text=f"{title}: {content[0].text}"), *content[1:]]
    if title and content and content[0].kind == "code":
        # A tab that opens with its command ("Windows" over `msiexec`): its name introduces it. An introduction,
        # not a paragraph "Windows:", which would read as an example's lead-in ("For example:"). A note that
        # opens with a tab keeps the tab's name after its own ("Example: docs/my_page.md:").
        intro = f"{title}: {content[0].intro}" if content[0].intro else f"{title}:"
        rest = content[1:]
        if rest and rest[0].kind == "paragraph" and not rest[0].text.lower().startswith(title.lower()):
            # The text after its code is the tab's too (Cython's "Pure Python" tab: the code, then "The keyword
            # argument check=True indicates ..."): apart from the code, its name says whose text it is.
            rest = [replace(rest[0], text=f"{title}: {rest[0].text}"), *rest[1:]]
        return [replace(content[0], intro=intro), *rest]
    if title and content and content[0].kind == "list":
        # One that opens with its steps ("macOS" over a list): its name introduces them.
        return [Block("paragraph", f"{title}:", content[0].line), *content]
    return content


def _faq_columns(header: tuple[str, ...]) -> tuple[int | None, int | None]:
    """The question and answer columns of a table headed "Question | Answer" (or "Q | A"), else None."""
    names = [re.sub(r"[^a-z]", "", cell.lower()) for cell in header]
    asked = next((k for k, n in enumerate(names) if n in ("q", "question", "questions")), None)
    answered = next((k for k, n in enumerate(names) if n in ("a", "answer", "answers")), None)
    return (asked, answered) if asked is not None and answered is not None else (None, None)


def _faq_table(block: Block) -> bool:
    """A "Question | Answer" table: entries of its own, which end the answer before it."""
    return block.kind == "table" and bool(block.rows) and _faq_columns(block.rows[0])[0] is not None


def introduces(blocks: list[Block]) -> bool:
    """Whether the last block is a paragraph that introduces what follows it ("They include:")."""
    return bool(blocks) and blocks[-1].kind == "paragraph" and blocks[-1].text.endswith(":")


def labels_their_text(terms: list[str]) -> bool:
    """Whether a definition list's terms label the text under them rather than title sections of the page: they
    all end with a colon (Javadoc's "Returns:", python-ldap's "Short answer:")."""
    return bool(terms) and all(t.rstrip().endswith(":") for t in terms)


def asks_as_a_list(firsts: list[str]) -> bool:
    """Whether a list whose every item goes on under its first paragraph, these being the first paragraphs, is a
    FAQ of an entry per item (Passlib's bold questions over their answers): two items or more, most of them
    asking. (A checklist of questions inside an answer has no paragraphs under its items.)"""
    return len(firsts) >= 2 and sum(map(looks_like_question, firsts)) >= 0.5 * len(firsts)


def answering(blocks: list[Block]) -> bool:
    """Whether the blocks read so far end inside a FAQ answer: a question is nearer than any break or heading
    but its own subheadings (see _subheading). A list there whose items ask is the answer's own ("1. How common
    are duplicate tags in your project?", a factor of the ctags FAQ's answer on tag files for a directory tree,
    under its term "D."), not entries that end the answer."""
    at = next((k for k in range(len(blocks) - 1, -1, -1) if blocks[k].kind in ("question", "break")), None)
    return at is not None and blocks[at].kind == "question" and all(
        _subheading(b, blocks[at]) for b in blocks[at + 1:] if b.kind == "heading")


def drop_introduction(blocks: list[Block]) -> None:
    """Take off the sentence that introduced a list the reader drops ("This section covers configuring Black in
    detail:" over links to the pages that do): it announces nothing now, and had ranked first for where
    Black's configuration goes."""
    if introduces(blocks):
        said = sentences(blocks[-1].text)[:-1]
        if said:
            blocks[-1] = replace(blocks[-1], text=" ".join(said))
        else:
            blocks.pop()


def take_intro(blocks: list[Block]) -> str:
    """The introducing paragraph's text, taken off the blocks to open the list after it; else ""."""
    return blocks.pop().text if introduces(blocks) else ""


def last_heading(blocks: list[Block]) -> Block | None:
    """The heading that blocks read so far are under. A term, or a title inside a list item, heads its own
    definition or item only: readers put this heading back after it, so that what follows is under it again.
    None inside a FAQ answer (a question is nearer than any heading): the terms are part of the answer, and
    putting back a heading from before the question would end the answer at the first term."""
    nearest = next((b for b in reversed(blocks) if b.kind in ("heading", "question")), None)
    return nearest if nearest is not None and nearest.kind == "heading" else None


def define(blocks: list[Block], term: str, read_definition: Callable[[], None], *, line: int = 0) -> None:
    """A term over its definition, written without a definition list (a name over an indented block): the term
    titles what `read_definition` adds to `blocks`, then the heading before it is put back (see last_heading)."""
    define_all(blocks, [(term, read_definition, line)])


def define_all(blocks: list[Block], entries: Iterable[tuple[str, Callable[[], None], int]]) -> None:
    """Terms over their definitions, as (term, read_definition, line): a definition list, a glossary. Each term
    titles what its `read_definition` adds to `blocks` (one that asks is a FAQ question); after any other, the
    heading before the first term is put back, so that the next term and the text after the list are under it
    again (see last_heading). Terms that each name a value over a scrap are one list instead."""
    entries = list(entries)
    outer = last_heading(blocks)
    start = len(blocks)
    values: list[str] = []  # "- term: definition" of each term whose definition is a scrap
    for term, read_definition, line in entries:
        titled = title_block(term, line=line)
        if titled.kind == "question":
            # At the level of the terms that are headings: on a FAQ page whose terms mostly ask, the others are
            # entries too, only worded as statements (gitfaq's "I'm on Windows and my text files are detected
            # as binary.").
            titled = replace(titled, level=TERM_LEVEL)
        blocks.append(titled)
        at = len(blocks)
        read_definition()
        defined = blocks[at:]
        if titled.kind == "heading" and len(defined) == 1 and defined[0].kind == "paragraph" \
                and _names_a_value(defined[0].text):
            values.append(f"- {titled.text}: {' '.join(defined[0].text.split())}")
        if titled.kind == "heading" and outer is not None:
            blocks.append(outer)
    if len(values) >= 2 and len(values) == len(entries):
        # Every term names a value over a scrap ("12" over "can't create home directory", useradd's exit values):
        # a table written as terms, one list under what introduces it. Term by term, the sentence that
        # introduced them ("The useradd command exits with the following values:") was a passage saying
        # nothing, yet it outranked the tiny passage of the value asked about.
        del blocks[start:]
        line = blocks[-1].line if introduces(blocks) else entries[0][2]
        blocks.append(Block("list", "\n".join(values), line, intro=take_intro(blocks)))


# The text after an entry's name, up to its colon (see named_entry), a colon inside brackets being the remark's
# ("`'utf8'` (alias: `'utf-8'`): Multi-byte encoded ...").
_NAMED_ENTRY = re.compile(r"^(?P<remark>(?:[^:()\n]|\([^()\n]*\))*?):(?=\s|$)")


def _names_a_value(text: str) -> bool:
    """Whether a definition is a scrap that names what its term stands for, not a description: a few words
    ("End of file."), or a phrase with no sentence's end ("can't create home directory", "UID already in use
    (and no -o)")."""
    count = word_count(text)
    return "\n" not in text.strip() and (count <= FRAGMENT_WORDS or (
        count <= 2 * FRAGMENT_WORDS and not text.rstrip().endswith((".", "!", "?", ":"))))


MAX_SPAN = 99


def spread_cells(rows: list[list[tuple[str, int, int]]]) -> list[list[str]]:
    """Rows of (text, rows spanned, columns spanned) as rows of text, a cell spanning several columns or rows
    filling each of them, so that every value stands under its column. A span out of 1 to MAX_SPAN counts as 1
    (a malformed page's rowspan="9999" would fill thousands of rows)."""
    grid: list[list[str]] = []
    carried: dict[int, tuple[str, int]] = {}  # column -> (text, rows still spanned)
    for cells in rows:
        row: dict[int, str] = {}
        for column, (text, left) in list(carried.items()):
            row[column] = text
            if left > 1:
                carried[column] = (text, left - 1)
            else:
                del carried[column]
        column = 0
        for text, down, across in cells:
            down, across = (n if 1 <= n <= MAX_SPAN else 1 for n in (down, across))
            while column in row:
                column += 1
            for at in range(column, column + across):
                row[at] = text
                if down > 1:
                    carried[at] = (text, down - 1)
            column += across
        grid.append([row.get(k, "") for k in range(max(row) + 1)] if row else [])
    return grid


def table_text(name: str, header: list[str] | tuple[str, ...], row: list[str] | tuple[str, ...]) -> str:
    """A table row's passage: the table's name and its header (each if any) and the row, one a line."""
    return "\n".join(part for part in (name, CELL_SEPARATOR.join(header), CELL_SEPARATOR.join(row)) if part)


# A column's name: a capitalised word or three, with no digit nor a sentence's stop.
_COLUMN_NAME = re.compile(r"^[A-Z][^\d.!?:;]{0,30}$")


def names_columns(cells: list[list[str]]) -> bool:
    """Whether a table's first row, not marked as its header, names its columns by its words alone, as AsciiDoc's
    tables without a header option are written (ntpsec's "Code | Message | Description" over "07 | panic_stop | clock
    error more than 600 s"): each first cell a capitalised name of a few words, and in most columns no cell
    under it capitalised. (In a table of names and values, "Name | Alice" over "Age | 42", the first column's
    cells are all names alike.)"""
    first, rest = (cells or [[]])[0], [row for row in cells[1:] if any(row)]
    if len(rest) < 2 or not all(_COLUMN_NAME.match(cell) and len(cell.split()) <= 3 for cell in first):
        return False
    plain = sum(all(not (i < len(row) and row[i][:1].isupper()) for row in rest) for i in range(len(first)))
    return 2 * plain > len(first)


def _asks_down_first_column(rows: tuple[tuple[str, ...], ...]) -> bool:
    """A FAQ laid out as a table with no header: most rows, the first among them, ask in their first cell and
    are answered in their second."""
    asking = [len(row) >= 2 and looks_like_question(row[0]) and bool(row[1].strip()) for row in rows]
    return len(rows) >= 2 and asking[0] and sum(asking) >= 0.6 * len(rows)


def _pack(units: list[str], limit: int, sep: str) -> list[str]:
    """Group units (sentences, list items, code blocks) into chunks of at most `limit` characters,
    cutting a unit only when it is longer than `limit` by itself (a run-on sentence with no full stop
    to end it, a line of minified code): then between words."""
    chunks: list[str] = []
    for unit in (piece for whole in units for piece in (
            [whole] if len(whole) <= limit else textwrap.wrap(whole, limit, break_long_words=False,
                                                              break_on_hyphens=False))):
        if chunks and len(chunks[-1]) + len(sep) + len(unit) <= limit:
            chunks[-1] += sep + unit
        else:
            chunks.append(unit)
    return chunks


def _pack_code(lines: list[str], limit: int) -> list[str]:
    """Cut code too long for one passage only before a line that opens a statement (one not indented, not a
    blank line, not closing a bracket), so that a piece does not open inside one ("  psutil.Process(pid=2,...)]"
    of a listing begun above). In an interactive session only a prompt opens one: what a command printed stays with
    it. A statement too long by itself is cut between its lines."""
    session = any(line.startswith(">>>") for line in lines)
    statements: list[list[str]] = []
    for line in lines:
        goes_on = (not line.startswith(">>>") if session else
                   not line.strip() or line[:1].isspace() or line.lstrip()[:1] in ")]}")
        if statements and goes_on:
            statements[-1].append(line)
        else:
            statements.append([line])
    chunks: list[str] = []
    for statement in statements:
        text = "\n".join(statement)
        if chunks and len(chunks[-1]) + 1 + len(text) <= limit:
            chunks[-1] += "\n" + text
        else:
            chunks.extend(_pack(statement, limit, "\n") if len(text) > limit else [text])
    return [chunk.strip("\n") for chunk in chunks if chunk.strip()]


def _units(block: Block, limit: int) -> list[str]:
    """The pieces a block may be cut into, without its introduction: sentences of prose, items of a list (an
    item longer than `limit`, its sentences), lines of code or table."""
    if block.kind == "paragraph":
        return sentences(block.text)
    if block.kind == "list":
        # An item with the lines under it (its text's next paragraphs, its sub-items): cut between items, an
        # option's name had been left at the end of one passage and what it does at the start of the next (jq's
        # "--raw-input/-R:" over its description).
        items: list[str] = []
        for line in (i for i in block.text.split("\n") if i.strip()):
            if items and line[:1].isspace():
                items[-1] += "\n" + line
            else:
                items.append(line)
        return [piece for item in items for piece in _item_pieces(item, limit)]
    if block.kind == "table":
        return [CELL_SEPARATOR.join(row) for row in block.rows]
    return block.text.split("\n")  # code: its lines


def _item_pieces(item: str, limit: int) -> list[str]:
    """A list item, cut between its lines, then its sentences, when it is longer than `limit`; the first piece
    keeps the item's indent."""
    if len(item) <= limit:
        return [item]
    if "\n" in item:
        # Its lines packed among themselves first: its name goes with the start of what it says.
        return _pack([piece for line in item.split("\n") for piece in _item_pieces(line, limit)], limit, "\n")
    indent = item[: len(item) - len(item.lstrip())]
    pieces = _pack(sentences(item), limit - len(indent), " ")
    return [indent + pieces[0], *pieces[1:]]


def _block_text(block: Block) -> str:
    if block.kind in ("list", "code"):
        return "\n".join(([block.intro] if block.intro else []) + [block.text])
    if block.kind == "table":
        return "\n".join(CELL_SEPARATOR.join(row) for row in block.rows)
    return block.text


def _subheading(block: Block, question: Block) -> bool:
    """A heading below a FAQ question's level (a "celery" and a "kombu" part under "Does Celery have many
    dependencies?") is part of its answer, not a new section that would end it."""
    return block.kind == "heading" and bool(question.level and block.level) and block.level > question.level


def _without_empty_subheadings(answer: list[Block]) -> list[Block]:
    """An answer without the subheadings that head nothing (a help centre's "Related articles", whose list of
    links is dropped as navigation): a subheading needs text before the next one of its level or above."""
    def heads_something(at: int) -> bool:
        block = answer[at]
        after = next((b for b in answer[at + 1:] if b.kind != "heading" or b.level <= block.level), None)
        return after is not None and after.kind != "heading"

    return [b for k, b in enumerate(answer) if b.kind != "heading" or heads_something(k)]


def _promote_bold_titles(blocks: list[Block]) -> list[Block]:
    """On a page whose entries are bold paragraphs (sqlite's FAQ: "(12) I deleted a lot of data ... Is this a
    bug?"), where most bold titles ask, the others are entries too ("(3) SQLite lets me insert a string into a
    column of type integer!"), when text follows them; so is one that ends asking, however long ("(26) The SQL
    standard requires that a UNIQUE constraint be enforced even if ... Isn't that a bug?"). A bold lead-in inside an
    answer ("Native Windows:", "For example:") is not."""
    titles = [b for b in blocks if b.title]
    asking = sum(b.kind == "question" for b in titles)
    if asking < 3 or asking < 0.5 * len(titles):
        return blocks
    return [replace(b, kind="question", text=question_text(b.text))
            if b.title and b.kind == "paragraph" and not b.text.rstrip().endswith(":")
            and (word_count(b.text) <= MAX_QUESTION_WORDS or b.text.rstrip().endswith("?"))
            and after is not None and after.kind not in ("heading", "question") else b
            for b, after in zip(blocks, [*blocks[1:], None])]


_SMALL_WORDS = frozenset("a an and as at but by for from in into nor of on or per the to up via vs with".split())


def _title_cased(text: str) -> bool:
    """A heading in Title Case ("Help Pages and Exit Codes", "Description") names a section: a FAQ entry worded
    as a statement is a sentence ("PuTTY makes a beep when I type.") or a message ("ImportError: No module
    named x")."""
    significant = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if w.lower() not in _SMALL_WORDS]
    return bool(significant) and all(w[0].isupper() for w in significant) and not text.endswith((".", "!"))


def _promote_faq_headings(blocks: list[Block], title: str, *, named_faq: bool = False) -> list[Block]:
    """On a FAQ page, where most headings of one level ask something, the others of that level are
    entries too, only worded as statements ("PuTTY makes a beep when I type."); not a heading that is the
    document's title (a book's chapter named as the book is)."""
    levels: dict[int, list[Block]] = {}
    parent_of: dict[int, int] = {}  # block -> the heading it is under (0 for none)
    open_headings: list[Block] = []
    for block, after in zip(blocks, [*blocks[1:], None]):
        if block.kind not in ("heading", "question") or not block.level:
            continue
        _close_headings(open_headings, block.level)
        parent_of[id(block)] = id(open_headings[-1]) if open_headings else 0
        open_headings.append(block)
        # A heading with no text of its own (a contents page's, a group's) says nothing of how entries are
        # worded: it is not counted.
        if block.scope == "entry" and after is not None and after.kind not in ("heading", "question"):
            levels.setdefault(block.level, []).append(block)
    promoted = set()
    for level, found in levels.items():
        questions = sum(b.kind == "question" for b in found)
        # Most of them ask, three at least; on a short page, two of three, and then only a sentence is an entry
        # (SQLAlchemy's FAQ on performance: "I'm inserting 400,000 rows ... and it's slow!"), not a section
        # ("Configuration").
        most = questions >= 3 and questions >= 0.5 * len(found)
        if most or (questions >= 2 and questions >= 2 / 3 * len(found)):
            # A part of the page where no heading of that level asks is the FAQ's when its headings are
            # sentences (fetchmail's "Build-time problems": "Make coughs and dies when building on FreeBSD."),
            # not when they name things ("Team" over "Reviewers" and "Committers", beside a FAQ section).
            parts: dict[int, list[Block]] = {}
            for b in found:
                parts.setdefault(parent_of[id(b)], []).append(b)
            for part in parts.values():
                if (any(b.kind == "question" for b in part)
                        or sum(b.text.endswith(".") for b in part) >= 0.5 * len(part)):
                    promoted.update(id(b) for b in part
                                    if b.kind == "heading" and b.text != title and not _DATE.match(b.text)
                                    and not _title_cased(b.text) and (most or b.text.endswith((".", "!"))))
    # Under a heading that names a FAQ ("## FAQ" in a README, or the title of a page that is all FAQ,
    # "Frequently Asked Questions (FAQ)"), the headings of its entries' level are entries, whether or not they
    # end in "?" ("np hangs during the publishing step", Fabric's "The remote shell environment doesn't match
    # interactive shells!"); not one with headings of its own under it: that is a group of entries
    # ("Features supported", Click's "General").
    headings = [b for b in blocks if b.kind in ("heading", "question") and b.level]
    # A page whose title names a FAQ but is no heading of it (an EPUB's, whose chapters pandoc made of its
    # entries), or a file named as one ("FAQ.md", "faqs.rst"), is one from its first heading (aHash's FAQ.md:
    # "## How does aHash prevent DOS attacks", with no "?").
    titled = bool(FAQ_HEADING.search(title))
    faq_level = -1 if (titled or named_faq) and not any(FAQ_HEADING.search(b.text) for b in headings) else 0
    entry_level = 0
    # A heading put back after each term of a definition list under it (define_all) is one block, seen again
    # after each term: it heads terms, though after the last one nothing follows it.
    groups = {id(b) for b, after in zip(headings, [*headings[1:], None]) if after is not None and after.level > b.level}
    # A heading with no text under it (a contents list's group, its links dropped: gettext's FAQ lists its questions
    # under "Problems building GNU gettext" before it answers them under the same heading) sets no entries' level.
    bare = {id(b) for b, after in zip(blocks, [*blocks[1:], None])
            if b.kind == "heading" and (after is None or after.kind == "heading")}
    for block, after in zip(headings, [*headings[1:], None]):
        if faq_level and block.level <= faq_level:
            faq_level = 0
        leaf = id(block) not in groups and id(block) not in bare
        # On a page that is all FAQ, a heading in Title Case names a part ("General Overview", "Instructions"
        # over a template's notes, a manual page's "DESCRIPTION"), as on a page whose headings ask.
        names_part = block.kind == "heading" and faq_level < 0 and _title_cased(block.text)
        if faq_level and block.level == (entry_level or block.level) and (
                entry_level or block.kind == "question" or (leaf and not names_part)):
            # The first question or entry under the FAQ sets the level of its entries: the statements under a
            # question ("It can lead to confusion") are parts of its answer.
            entry_level = block.level
            if block.kind == "heading" and leaf and not _DATE.match(block.text) and not names_part:
                promoted.add(id(block))
        elif not faq_level and block.kind == "heading" and FAQ_HEADING.search(block.text):
            # The page's title names the whole page, whatever the level of its entries (pandoc's EPUB chapters
            # are headings of the title's level).
            faq_level, entry_level = (-1 if block.text == title else block.level), 0
    return [replace(b, kind="question") if id(b) in promoted else b for b in blocks]


def _stops_mid_sentence(text: str) -> bool:
    """Text with no full stop at its end (a colon that announces what follows, a word, a command)."""
    return text.rstrip()[-1:] not in (".", "!", "?", ")", '"', "”", "’", "'")


def _continues(before: str, scrap: str) -> bool:
    """A scrap that is no sentence of its own ("and", "declare -A name") goes on with text that stops
    mid-sentence."""
    scrap = scrap.strip()
    sentence = scrap[:1].isupper() and scrap[-1:] in (".", "!", "?")
    return not sentence and _stops_mid_sentence(before)


def field_text(text: str, *, named: bool) -> str:
    """`text` when it is a field, its name set apart (in italics or bold: "*Default*: 3") and a value after it,
    else "". A name alone ("**Default:**") is no field: it titles what follows it."""
    return text if named and text.partition(":")[2].strip() and len(text.split()) <= FIELD_WORDS else ""


def lists_definitions(blocks: list[Block], named: list[tuple[str, str] | None]) -> bool:
    """Whether a list whose items each name an option or setting in code over what it does (`named`: each item's
    name and text, None for one that names nothing; see named_entry) is a definition list written as a list: two
    items or more, every one named, and not under an entry's own heading, whose parts it lists ("`caseInsensitive`"
    of eslint's "`alphabetize`"). Packed by size, ten of Python-Markdown's options had made one passage that says a
    little of each. (Names over values stay one list: see define_all.)"""
    outer = last_heading(blocks)
    return len(named) >= 2 and all(named) and not (outer is not None and _heads_entry(outer))


def named_entry(name: str, after: str) -> tuple[str, str] | None:
    """(term, description) of a list item that opens with a name in code (`name`), `after` being the text after
    the name: a colon, maybe after a remark of a word or two ("`--dist load` (default): Sends pending tests ..."),
    then what the name stands for. None when no colon follows the name so."""
    match = _NAMED_ENTRY.match(after)
    if match is None or word_count(match.group("remark")) > ENTRY_REMARK_WORDS:
        return None
    return " ".join(f"{name} {match.group('remark')}".split()), " ".join(after[match.end():].split())


def names_a_term(text: str) -> bool:
    """A paragraph short enough, and without the stop of a sentence, to be the term of the indented block under
    it ("``startretries``", "Web Server", "pid <name>": reference pages that write definitions so)."""
    text = text.strip()
    return 0 < len(text) <= _NAME_CHARS and text[-1] not in ".!?:;,"


def _labels_only(text: str) -> bool:
    """Text whose every line labels what follows it: a name ("TIMEOUT") or a field ("Default: `'info'`"), with
    no full stop, a version note ("New in version 2.0.") or an item's number ("12.", exiftool's examples numbered in
    a cell of their own). (Not a scrap of a sentence: "Associative arrays are created using" / "declare -A name".)"""
    return all(_is_version_note(line) or _NUMBER_ALONE.match(line) or _stops_mid_sentence(line) and (
        len(line.split()) == 1 or (_FIELD.match(line) is not None and word_count(line) <= FRAGMENT_WORDS))
        for line in text.split("\n"))


_NUMBER_ALONE = re.compile(r"^\s*\(?\d{1,3}[.)]\s*$")


def _is_version_note(text: str) -> bool:
    return _VERSION_NOTE.match(text.strip()) is not None


def _fields_close_section(blocks: list[Block], start: int) -> bool:
    """Whether the blocks from `start` to the next heading are fields ("Default: None", not a name alone), and
    there is a next heading."""
    for block in blocks[start:]:
        if block.kind != "paragraph":
            return block.kind in ("heading", "question")
        if not (_labels_only(block.text) and all(_FIELD.match(line) for line in block.text.split("\n"))):
            return False
    return False


# A sentence that points back at what came before it: after an example, it tells what the example does.
_REFERS_BACK = re.compile(r"^(?:This|That|These|Those|Here|The above|(?:In t|T)he (?:above )?example(?: above)?)\b")


def _goes_on_after_code(before: str, text: str) -> bool:
    """A paragraph after code that goes on with the sentence that led to the code: a scrap in lower case ("If
    you write:" / code / "results in"), or any paragraph whose first word is a function word in lower case
    ("you can use" / code / "which will notice any modified files"). A paragraph may open with a name in lower
    case ("pymssql is a Python module"): that is a sentence of its own."""
    from bm25s.stopwords import STOPWORDS_EN_PLUS

    first = text.split(maxsplit=1)[0].rstrip(",;:") if text.strip() else ""
    if len(first) == 1 and first != "a":
        return False  # a list's item marked "o" (groff's NEWS), not a word
    return first[:1].islower() and _stops_mid_sentence(before) and (
        word_count(text) <= FRAGMENT_WORDS or first in STOPWORDS_EN_PLUS)


def _leads_in_example(block: Block, following: Block | None, *, room: int) -> bool:
    """A short paragraph that introduces the code right after it ("For example:", "E.g.:", "Will render
    as:"), when both fit in `room`: an example of the text before it, not a passage of its own. Not one that
    opens with a label of its own ("Zsh: Add this to ~/.zshrc:", a tab's): that is another case, not an example."""
    return (following is not None and following.kind == "code" and block.text.endswith(":")
            and block.text.count(":") == 1
            and word_count(block.text) <= FRAGMENT_WORDS and len(block.text) + len(following.text) + 2 < room)


def _close_headings(open_headings: list[Block], level: int) -> None:
    """Close the open headings (outermost first) that a heading or question of this level ends: those at its
    level or deeper; every one for a heading of no known level (0), and a heading of no known level for any but a
    term, which titles only its definition (the heading before it is put back after it: see define_all), so that
    its passages are still under that heading ("NEWS for the Nettle 3.8 release › New functions ...")."""
    while open_headings and (not level or (not open_headings[-1].level and level != TERM_LEVEL)
                             or open_headings[-1].level >= level):
        open_headings.pop()


def _numbered_captions(blocks: list[Block]) -> tuple[dict[int, str], set[int]]:
    """The numbered captions ("Table 3 : Launch sites") of tables without a caption of their own, by the index of
    the table they name, and the indexes of the captions. A document sets them on one side of its tables, over or
    under them (Word's "Insert Caption" offers both): the side most of its captions are on."""
    def caption(k: int) -> bool:
        return (blocks[k].kind == "paragraph" and _NUMBERED_CAPTION.match(blocks[k].text) is not None
                and word_count(blocks[k].text) <= MAX_CAPTION_WORDS)

    def table(k: int) -> bool:
        return 0 <= k < len(blocks) and blocks[k].kind == "table" and bool(blocks[k].rows) and not blocks[k].caption

    under = [k for k in range(len(blocks)) if caption(k) and table(k - 1)]
    over = [k for k in range(len(blocks)) if caption(k) and table(k + 1)]
    chosen, side = (under, -1) if len(under) >= len(over) else (over, 1)
    return {k + side: _NUMBERED_CAPTION.sub("", blocks[k].text).strip() for k in chosen}, set(chosen)


def _tables_beside_others(blocks: list[Block]) -> set[int]:
    """The indexes of the tables without a caption, written in markup, that share their section with another such
    table."""
    by_section: dict[int, list[int]] = {}
    heading = -1
    for k, block in enumerate(blocks):
        if block.kind in ("heading", "question"):
            heading = k
        elif block.kind == "table" and block.rows and not block.caption and not block.flattened:
            # (A table made of a plain text's lines has no markup to tell its introduction from a remark on the
            # table before it: "The number of jobs has been increasing year after year." between two.)
            by_section.setdefault(heading, []).append(k)
    return {k for tables in by_section.values() if len(tables) > 1 for k in tables}


def _table_label(passages: list[Passage], section: str, *, captioned: bool, beside_others: bool = False) -> str:
    """The label that announces a table right before it ("Options:" over each command's options in MkDocs' CLI
    page), taken off the text it ends: alone it was a passage of one word, ranked near the top for any question on
    options, while the rows it names did not say what they list. A table without a caption (`captioned`) is also
    named by the first sentence of a longer paragraph that leads it in, or, when other tables share its section
    (`beside_others`), of the paragraph right before it, though it ends without a colon."""
    if not passages or passages[-1].kind != "text" or passages[-1].section != section:
        return ""
    *before, last = passages[-1].text.split("\n")
    if not last.endswith(":"):
        # nbformat's cell metadata: "The following metadata keys are defined at the cell level within the
        # ``jupyter`` namespace" over one table, "... within the ``execution`` namespace." over another. Named by
        # their section alone, the rows of the two tables had not said which namespace they are in.
        first = next(iter(sentences(last)), "")
        if not (beside_others and first) or captioned or word_count(first) > TABLE_LABEL_WORDS:
            return ""
        if first == passages[-1].text:
            passages.pop()  # a paragraph that only names the table: it names its rows instead
        return first.rstrip(".")
    if word_count(last) > TABLE_LABEL_WORDS:
        # A paragraph that leads in the table says what it lists in its first sentence ("The Select Field displays
        # the current selection status. (...) The values are coded as follows:", ntpsec's): that names the rows,
        # and the paragraph stays a passage of its own.
        first = sentences(last)[0]
        return first.rstrip(".") if not captioned and first != last and word_count(first) <= TABLE_LABEL_WORDS else ""
    if before:
        passages[-1] = replace(passages[-1], text="\n".join(before))
    else:
        passages.pop()
    return last[:-1].strip()


# A heading that names a release: a version number ("1.34", "v2.0.1", "4.9 (2022-11-06)"), not a section's number
# before its title ("1.2 Installing").
_RELEASE = re.compile(r"(?:^|[\s\[(v])\d+\.\d+(?:\.\d+)*(?:[\])]|[.:]?\s*$|\s+[-–(]|,|\s+release\b)"
                      r"|\b(?:version|release)\s+v?\d+(?:\.\d+)+", re.IGNORECASE)

_UNRELEASED = re.compile(r"\bunreleased\b", re.IGNORECASE)


def _says_little(heading: str) -> bool:
    """A heading of no word longer than two letters ("M", "%f", "in"), other than an option's name ("-r", quoted
    as Texinfo quotes it: "‘-q’"), which the search names by its page."""
    return not heading.lstrip(" ‘'\"“`").startswith(("-", "+")) and all(len(w) <= 2 for w in words(heading))


# A heading that is a name in code: a setting's, an option's or a function's ("`cleanup_on_error`", "`multer(opts)`").
_CODE_NAME = re.compile(r"^`[^`]+`$")
# A heading that is one identifier written as a reference names its settings, not in code ("quic-idle-close-timeout",
# "array_info", "KNOT_CONF"): words joined by "-" or "_", in lower case or in capitals (not a file's name, "smb.cgi",
# which the page describes at length).
_IDENTIFIER = re.compile(r"^(?:[a-z][a-z0-9]*(?:[-_][a-z0-9]+)+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)$")


def _heads_entry(heading: Block) -> bool:
    """Whether a heading opens a reference entry: a term over its definition, a name in code or an identifier.
    An entry's paragraphs, lists and code describe the one thing it names and make one passage while they fit, as
    a FAQ answer does: apart, a note ("Info: Not supported in `copier.yml`.") or a field list is a scrap that
    reads like the same scrap under every other entry."""
    return heading.kind == "heading" and (heading.level == TERM_LEVEL or bool(_CODE_NAME.match(heading.text.strip()))
                                          # a page's own title names its product ("git-jump"), not an entry
                                          or heading.level > 1 and bool(_IDENTIFIER.match(heading.text.strip())))


# The labels of notes set apart from the text ("Note: ...", a callout), not fields of what a heading names.
_CALLOUT_LABELS = frozenset({"note", "tip", "hint", "warning", "caution", "important", "danger", "attention", "error",
                             "info", "example", "see also", "todo"})


def _described_by_fields(blocks: list[Block], at: int) -> bool:
    """Whether the heading at `at` is described by fields: it opens with three or more ("Specifies: ...", "Type of
    value: ...", "Default value: ..."), or with two that are half its paragraphs or more, as references describe each
    of their options (the variable lists of DocBook manuals, Privoxy's, whose notes may run on for paragraphs). The
    fields of the one thing it names make a reference entry, as a term over its definition does (_heads_entry); a
    page's introduction under two fields (Node's "Stability: 2 - Stable" / "Source Code: ...") is prose."""
    def field(block: Block) -> bool:
        return (block.kind == "paragraph" and _FIELD.match(block.text) is not None
                and block.text.partition(":")[0].strip().lower() not in _CALLOUT_LABELS)

    section = list(takewhile(lambda b: b.kind not in ("heading", "question"), blocks[at + 1:]))
    opening = len(list(takewhile(field, section)))
    paragraphs = [b for b in section if b.kind == "paragraph"]
    return opening >= 3 or (opening == 2 and 2 * sum(map(field, paragraphs)) >= len(paragraphs))


# Where an item of a contents list starts: its number ("3.1)", "2.4.", "12 -").
_ITEM_NUMBER = re.compile(r"(?:^|\s)\d{1,3}(?:\.\d{1,3})*[.):-]?\s+(?=\S)")
# A contents list's items are at least this many words (a shorter text is found inside a question by chance), and
# it is at most this long.
CONTENTS_ITEM_WORDS = 3
CONTENTS_CHARS = 1000


def _without_contents(blocks: list[Block]) -> list[Block]:
    """The blocks without a list of the document's own questions and headings, as a FAQ written as plain text opens
    ("1.1) What is Rootkit Hunter? 1.2) What are rootkits?", a long question wrapped over two lines that read as
    two paragraphs): each of its items says word for word what a question or heading further on says, and
    kept, it ranked first with no answer. A text whose items are not all found further on is text."""
    positions = [k for k, b in enumerate(blocks) if b.kind in ("question", "heading")]
    titles = [" ".join(words(blocks[k].text.lower())) for k in positions]
    kept = []
    for k, block in enumerate(blocks):
        if block.kind in ("paragraph", "list") and len(block.text) <= CONTENTS_CHARS:
            items = [" ".join(words(item.lower())) for item in _ITEM_NUMBER.split(block.text.replace("\n", " "))]
            items = [item for item in items if item]
            later = range(bisect.bisect_right(positions, k), len(titles))  # the questions and headings after it
            said_further_on = (len(item.split()) >= CONTENTS_ITEM_WORDS and any(item in titles[j] for j in later)
                               for item in items)
            if items and later and all(said_further_on):
                continue
        kept.append(block)
    return kept


def _tab_after_tab(blocks: list[Block], i: int, passage: str) -> bool:
    """Whether blocks[i] is a tab's code (code its title introduces) right after another tab's whole code,
    which ends the passage."""
    block, before = blocks[i], blocks[i - 1] if i else None
    return (block.kind == "code" and bool(block.intro) and before is not None and before.kind == "code"
            and bool(before.intro) and passage.endswith(before.text))


def _has_peers(blocks: list[Block]) -> bool:
    """Whether the first heading is a section of a page without a title, not its title: a heading below the top
    level over another at its level or above ("## Installation" over "## Usage"), a FAQ's first question over
    the next, or a release over another. (A top-level heading over others is a title: READMEs head their name and
    their sections alike.)"""
    first = blocks[0]
    # A changelog's first release over the next ("Version 3.1.2" over "Version 3.1.1"): its notes had gone under no
    # version.
    # So is the heading of what is not released yet over the releases ("Master (Unreleased)" over "3.3.0 - 26 June,
    # 2026", as knex heads its changelog): it had titled every release.
    release = first.kind == "heading" and (_RELEASE.search(first.text) or _UNRELEASED.search(first.text)) is not None
    return first.level > 0 and any(
        0 < b.level <= first.level and (b.kind == first.kind == "question" or first.level > 1 and b.kind == "heading"
                                        or (release and b.kind == "heading" and _RELEASE.search(b.text) is not None))
        for b in blocks[1:])


def _with_command_help(blocks: list[Block]) -> list[Block]:
    """The code blocks that show a command's help (commandhelp.py) read as its options, each titling its description
    as a definition's term does, and the text between them (its usage, its examples) as code."""
    out: list[Block] = []
    for block in blocks:
        parts = read_command_help(block.text) if block.kind == "code" else None
        if parts is None:
            out.append(block)
            continue
        intro = block.intro
        if intro and isinstance(parts[0], Option):
            out.append(Block("paragraph", intro, block.line))
            intro = ""
        run: list[Option] = []
        for part in [*parts, ""]:
            if isinstance(part, Option):
                run.append(part)
                continue
            if run:
                define_all(out, [(option.name, partial(out.append, Block("paragraph", option.description,
                                                                         block.line + option.line)),
                                  block.line + option.line) for option in run])
                run = []
            if part:
                out.append(Block("code", part, block.line, intro=intro))
                intro = ""
    return out


def build_passages(blocks: list[Block], *, source: str, title: str = "", max_chars: int = 1200) -> list[Passage]:
    """Turn an outline into passages: a FAQ question with its whole answer, a table row with its caption
    and header, a paragraph (or list, or code) under its heading, cut to at most `max_chars`."""
    kept = [b for b in blocks if b.text.strip() or b.rows or b.kind == "break"]
    # A contents list's heading heads nothing once its links are gone: kept, it would be the section of the
    # page's next headings when they are a level below it (npm's pages: "Table of contents" over every entry).
    kept = [b for b, after in zip(kept, [*kept[1:], None])
            if not (b.kind == "heading" and CONTENTS_HEADING.match(b.text.strip())
                    and (after is None or after.kind in ("heading", "question")))]
    # What every format's FAQs share, read once here: "Q:"/"A:" labels, question paragraphs, and the
    # statement headings of a page whose other headings ask.
    blocks = _labelled_entries(_without_answer_headings(_bare_labels(list(dropwhile(lambda b: b.kind == "break",
                                                                                    kept)))))
    blocks = _answered_in_full(_question_paragraphs(_with_command_help(blocks)))
    if not title and blocks and blocks[0].kind in ("heading", "question") and (
            blocks[0].kind == "heading" or blocks[0].level) and not _has_peers(blocks):
        title = blocks[0].text
    named_faq = bool(FAQ_HEADING.search(" ".join(re.split(r"[\W_]+", PurePosixPath(source).name.split(".")[0]))))
    blocks = _promote_faq_headings(_promote_bold_titles(blocks), title, named_faq=named_faq)
    # Answers without their "Answer:" label, now that every question is known (a heading promoted to one too).
    blocks = [_unlabelled(b, blocks[k - 1] if k else None) for k, b in enumerate(blocks)]
    blocks = _without_contents(blocks)
    document_title, title = title, title or source
    repeated = {text for text, n in Counter(b.text for b in blocks if b.kind == "heading").items() if n > 1}
    # Headings the document writes more than once ("Parameters" under each function), not only put back after terms.
    written_again = {text for text, n in Counter(b.text for b in {id(b): b for b in blocks if b.kind == "heading"}
                                                   .values()).items() if n > 1}
    # Two releases' headings or more: a changelog, whose sections are named with their release (current_section); a
    # manual's one heading that names its version ("The Expat XML Parser Release 2.5.0") names none.
    changelog = len({b.text for b in blocks if b.kind == "heading" and _RELEASE.search(b.text)}) >= 2
    passages: list[Passage] = []
    section_start = 0  # where the passages of the open section start
    section = ""
    # The headings open where the blocks are, outermost first: a question ends those at its level or deeper,
    # so a question after "Usenet newsgroups" (a subsection of the question before) is not under it.
    open_headings: list[Block] = []
    caption = ""  # a "Table: ..." heading names the next table
    last_kind = ""  # kind of the previous block, to keep a paragraph and the list after it together

    def open_heading(block: Block) -> str:
        """The section once this heading (or heading-like question) opens: those it ends are closed."""
        _close_headings(open_headings, block.level)
        open_headings.append(block)
        return current_section()

    def current_section() -> str:
        # The document's own title heads no section: its passages are shown under the title already.
        if not open_headings or open_headings[-1].text == title:
            return ""
        inner = open_headings[-1].text
        outer = next((h.text for h in reversed(open_headings[:-1]) if h.text != title), "")
        # A heading that the document repeats ("Fixed" under each release of a changelog, "Examples" under each
        # command), or one that says next to nothing alone (a term "M" or "%f" in a list of format letters),
        # names its section only with the heading it is under; and one under a release, with the release
        # ("Noteworthy changes in release 4.9 (2022-11-06) › Changes in behavior"): its notes are that version's.
        named = f"{outer} › {inner}" if (inner in repeated or _says_little(inner)) and outer else inner
        if open_headings[-1].level == TERM_LEVEL and outer in written_again:
            # A term under a heading the document writes again (JSON5's "`value`" under the "Parameters" of each
            # function) is named with the heading that tells which one: "JSON5.stringify() › `value`".
            whose = next((h.text for h in reversed(open_headings[:-1]) if h.text not in (title, *written_again)), "")
            named = f"{whose} › {inner}" if whose else named
        release = next((h.text for h in reversed(open_headings[:-1]) if h.text != title and _RELEASE.search(h.text)),
                       "") if changelog else ""
        return f"{release} › {named}" if release and not named.startswith(release) else named

    def add(kind: str, body: str, line: int, question: str = "", alternates: tuple[str, ...] = ()) -> None:
        passages.append(Passage(text=body, title=title, section=section, source=source, kind=kind,
                                question=question, alternates=alternates, line=line))

    table_captions, caption_blocks = _numbered_captions(blocks)
    field_entries = {id(b) for k, b in enumerate(blocks) if b.kind == "heading" and _described_by_fields(blocks, k)}
    beside_others = _tables_beside_others(blocks)
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if i in caption_blocks:
            i += 1  # it names the rows of the table beside it
            continue
        if block.kind == "heading":
            if _TABLE_CAPTION.match(block.text):
                caption = _TABLE_CAPTION.sub("", block.text)
            section = open_heading(block)
            section_start = len(passages)
            last_kind = "heading"
            i += 1
            continue
        if block.kind == "question":
            j = i + 1
            if block.scope == "entry":
                while j < len(blocks) and (blocks[j].kind not in ("heading", "question", "break")
                                           or _subheading(blocks[j], block)) and not _faq_table(blocks[j]):
                    j += 1
            elif j < len(blocks) and blocks[j].kind in ("paragraph", "list"):
                j += 1
            answer = _without_empty_subheadings(blocks[i + 1:j])
            # An answer of parts under their own headings, too long for one passage (the Debian FAQ's "What programs
            # does Debian provide for managing its packages?" over "dpkg", "APT", "aptitude", ...: 10,000
            # characters): the entry holds what opens it, and each part is a section of its own under the entry.
            first_part = next((k for k in range(i + 1, j) if blocks[k].kind == "heading"), None)
            if first_part is not None and not 0 < blocks[first_part].level < TERM_LEVEL:
                first_part = None  # a term that titles its definition (level 6) is no part of the page's outline
            split = (first_part is not None
                     and len("\n".join(map(_block_text, blocks[i + 1:j]))) > LONG_ANSWER_PARTS * max_chars
                     and bool(_without_empty_subheadings(blocks[i + 1:first_part])))
            if split:
                j = first_part
                answer = _without_empty_subheadings(blocks[i + 1:j])
            following = blocks[j] if j < len(blocks) else None
            if not answer and following is not None and following.kind == "question" and (
                    following.level, following.scope) == (block.level, block.scope):
                # Questions one after the other at one level share the answer after the last of them: one entry
                # asked in several ways (SNMPTT's "Q: I have enabled net_snmp_perl_enable but ...?" over "Q: I
                # have enabled translate_integers but ...?", in bold paragraphs of their own).
                blocks[j] = replace(following, alternates=(*block.alternates, block.text, *following.alternates))
                i = j
                continue
            if not answer:
                # A question with no answer under it is a heading after all.
                if i == len(blocks) - 1 and block.scope == "next":
                    add("text", block.text, block.line)
                section = open_heading(block)
                last_kind = "heading"
                i = j
                continue
            if block.level:
                _close_headings(open_headings, block.level)
                section = current_section()
            question = _continued(section, block.text)
            if block.scope == "next":
                # A paragraph's lines run on as one text; a list keeps an item to a line ("1. First ...").
                body = "\n".join(" ".join(sentences(b.text)) if b.kind == "paragraph" else _block_text(b)
                                  for b in answer)
            else:
                body = "\n".join(_block_text(b) for b in answer)
            # A FAQ entry stays one passage however long its answer, as in a FAQ file: cut in pieces, a
            # later piece lacks the direct answer the entry opens with, yet outranks it.
            add("faq", f"{question}\n{body}", block.line, question=question, alternates=block.alternates)
            if block.level and (block.scope == "next" or split):
                section = open_heading(block)  # more paragraphs under the heading, or its parts, belong to it too
            last_kind = "faq"
            i = j
            continue
        previous = passages[-1] if passages else None
        # Whether this block may go on in the passage before it: a text passage of the same section.
        extends = previous is not None and previous.kind == "text" and previous.section == section
        in_entry = extends and len(passages) > section_start and bool(open_headings) and (
            _heads_entry(open_headings[-1]) or id(open_headings[-1]) in field_entries)
        # The paragraph just read announces what follows it ("... as follows:", "One user writes:").
        announced = extends and last_kind == "paragraph" and previous.text.endswith(":")
        # The paragraph that announced the code just read ("For example:", "If you experience an error like:").
        lead = (blocks[i - 2].text if last_kind == "code" and i >= 2 and blocks[i - 2].kind == "paragraph"
                and blocks[i - 2].text.endswith(":") else "")
        if block.kind == "break":
            pass  # what follows a rule is not part of the passage or answer before it
        elif block.kind == "paragraph":
            if extends and len(previous.text) + len(block.text) < max_chars and (
                    # A reference entry's paragraphs are one passage (_heads_entry);
                    in_entry
                    # a scrap that goes on with the sentence before it ("Associative arrays are created using" /
                    # "declare -A name"; "... the same file:" / "&>word" / "and" / ">&word") is part of it;
                    or (last_kind == "paragraph" and word_count(block.text) <= FRAGMENT_WORDS
                     and _continues(previous.text, block.text))
                    # so is one after code that goes on with the sentence that led to the code ("If you experience
                    # an error like:" / code / "then you may want to ...", though the code ends as a sentence does),
                    # or that tells what the example a paragraph announced does ("For example:" / code / "This will
                    # retry tests 5 times ...");
                    or (last_kind == "code" and (_goes_on_after_code(previous.text, block.text)
                                                 or (bool(lead) and _goes_on_after_code(lead, block.text))))
                    or (bool(lead) and _REFERS_BACK.match(block.text) is not None
                        and not block.text.endswith(":"))  # one that announces the next example opens it
                    # what a paragraph announces ("One user writes:" / a quote) goes with it;
                    or announced
                    # labels of the text after them ("TIMEOUT", "Added in: v0.3.2", "Command line: `--log-level
                    # LEVEL`" / "Default: 'info'") go on in it, as does a section that opens with a scrap ("- Default:
                    # false / - Type: Boolean" over an option's description),
                    or (last_kind == "paragraph" and _labels_only(previous.text))
                    or (last_kind in ("paragraph", "list") and len(passages) - 1 == section_start
                        and word_count(previous.text) <= FRAGMENT_WORDS and _stops_mid_sentence(previous.text))
                    # as does one that opens with a list (an API reference's parameters over what the function
                    # does: "- `pid` {integer} ..." / "Returns the scheduling priority ...");
                    or (last_kind == "list" and len(passages) - 1 == section_start and i >= 2
                        and blocks[i - 2].kind == "heading" and not blocks[i - 1].intro)
                    # fields that close their section ("Default: None" under a setting's description, the next
                    # setting's heading after it) are the text's (a field with text after it labels that text
                    # instead, and one at the document's end is its footer: "Copyright: ...");
                    or _fields_close_section(blocks, i)
                    # a version note dates the text before it in its section (one that opens a section labels the
                    # text after it, as a field does);
                    or _is_version_note(block.text)
                    # and an example's lead-in ("For example:", "E.g.:") goes, with its code, with what it shows.
                    or _leads_in_example(block, blocks[i + 1] if i + 1 < len(blocks) else None,
                                         room=max_chars - len(previous.text))):
                passages[-1] = replace(previous, text=f"{previous.text}\n{block.text}")
            else:
                for chunk in _pack(sentences(block.text), max_chars, " "):
                    add("text", chunk, block.line)
        elif block.kind in ("list", "code"):
            body = _block_text(block)
            follows_prose = last_kind == "paragraph" or (last_kind in ("list", "code") and "code" in (
                block.kind, last_kind))
            # A paragraph followed by bullets or code that support it: one passage, as it reads; a tab's code, which
            # its name introduces, only after the paragraph that announces it ("Create a folder:" / "macOS:").
            if extends and len(previous.text) + len(body) < max_chars and (in_entry or follows_prose and (
                    not block.intro or (block.kind == "code" and announced)
                    or (last_kind == "paragraph" and _labels_only(previous.text))
                    # and a tab's code goes on in the passage of the tab before it: a set of tabs shows one thing
                    # for several shells or systems, and apart they are near copies without the line that says
                    # what they do (Flask's "Bash" / "Fish" / "CMD" / "Powershell" setting a variable).
                    or _tab_after_tab(blocks, i, previous.text))):
                passages[-1] = replace(previous, text=f"{previous.text}\n{body}")
            elif block.kind == "code" and not block.intro:
                lines = block.text.split("\n")
                if announced:
                    # Code too long to go whole with the paragraph that announces it: its first lines do, so that
                    # the paragraph shows what it announces.
                    size, taken = len(previous.text), 0
                    while taken < len(lines) and size + len(lines[taken]) + 1 < max_chars:
                        size, taken = size + len(lines[taken]) + 1, taken + 1
                    passages[-1] = replace(previous, text="\n".join([previous.text, *lines[:taken]]))
                    lines = lines[taken:]
                for chunk in _pack_code(lines, max_chars):
                    add("text", chunk, block.line)
            else:
                head = [block.intro] if block.intro else []
                limit = max(max_chars - (len(block.intro) + 1 if block.intro else 0), 200)  # intro and its line break
                for chunk in _pack(_units(block, limit), limit, "\n"):
                    add("text", "\n".join(head + [chunk]), block.line)
        elif block.kind == "table" and block.rows:
            header, rows = ((), block.rows) if block.headless else (block.rows[0], block.rows[1:])
            # A row is embedded as it reads, so its table's name says what it is about: the section's heading, or,
            # under the document's own title (which heads no section: a page's <h1>), that title.
            captioned = block.caption or table_captions.get(i) or caption
            name = captioned or ("" if block.flattened else section or document_title)
            label = _table_label(passages, section, captioned=bool(captioned), beside_others=i in beside_others)
            if label:
                name = f"{name} › {label}" if name else label
            asked, answered = _faq_columns(header)
            if asked is None and _asks_down_first_column(block.rows):
                # A FAQ laid out as a table with no header (as Word FAQs often are): its first row is an entry.
                header, rows, asked, answered = (), block.rows, 0, 1
            group = ""
            for offset, row in enumerate(rows, start=len(block.rows) - len(rows)):
                if not any(cell.strip() for cell in row):
                    continue  # an empty row (a Word table's spare lines) says nothing
                if row[0].strip():
                    group = row[0]
                elif group and asked is None:
                    # A first cell left blank under a filled one is the same as above: the rows of a group
                    # ("Year" over the tokens YYYY and YY), written once, as a spanning cell is drawn.
                    row = [group, *row[1:]]
                line = block.line + offset if block.line else 0
                cells = dict(enumerate(row))
                if asked is not None and looks_like_question(cells.get(asked, "")) and cells.get(answered, "").strip():
                    # A "Question | Answer" table: a row that asks is a FAQ entry, its other cells with it.
                    question = question_text(cells[asked])
                    others = [f"{h}: {c}" if h else c for k, (h, c) in enumerate(zip_longest(header, row, fillvalue=""))
                              if k not in (asked, answered) and c.strip()]
                    add("faq", "\n".join([question, cells[answered], *others]), line, question=question)
                else:
                    add("table", table_text(name, header, row), line)
            caption = ""
        last_kind = block.kind
        i += 1
    return passages
