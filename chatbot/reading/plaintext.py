"""Plain text: structure inferred from the shape of lines.

Two kinds of plain text are common. Flattened web pages keep one paragraph per line: there a short
line without end punctuation is a heading, a run of three or more such lines is a table (header line,
then rows), a line that asks something followed by prose is a FAQ question, and bullets stay with
the sentence introducing them. Hard-wrapped text (READMEs, old FAQ files, text taken out of a PDF)
wraps each paragraph over lines of 70 to 80 characters: there the paragraphs are the blocks between
blank lines, lines indented deeper than their paragraph are code, and a table needs several rows of
the same shape. Either kind may be a FAQ: `Q:`/`A:` lines, or numbered questions (" 1. Is it free?")
each answered by the indented text under it. A text file that holds Markdown's fenced code,
reStructuredText's markup or AsciiDoc's is read by that reader, and a manual page saved as text
(`man gzip | col -bx`) by the manual page's reader (manpage.py).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Set as AbstractSet
from dataclasses import replace
from functools import partial
from types import MappingProxyType

from ..passage import Passage
from ..text import clean, indentation, word_count
from .changelog import debian_changelog_text, is_debian_changelog
from .manpage import is_manpage, manpage_markdown
from .vimhelp import is_vim_help, vim_help_markdown
from .markdown import FENCE, markdown_blocks
from .outline import (ANSWER_LABEL, CONTENTS_HEADING, MAX_QUESTION_WORDS, QUESTION_LABEL, TERM_LEVEL, Block,
                      at_questions, build_passages, define_all, heading_block, is_question, labelled_entry,
                      last_heading, question_text, take_intro)

# A list item's mark: a bullet, a number, or a small letter ("a. Adapted Material means ...", the items of a licence's
# sections; a capital "A." may be an answer's label).
BULLET = re.compile(r"^(?:[-*+–]\s+|[•●◦▪→➢►■□✓]\s*|\d{1,2}[.)]\s+|[a-z][.)]\s+)(?=\S)")
_MD_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*$")
_MD_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")
_PARENTHESES = re.compile(r"\([^()]*\)")
_END_PUNCT = re.compile(r"[.!?;:,…\"”’]$")
_ADDRESS = re.compile(r"\b[a-z][a-z0-9+.-]*://\S", re.IGNORECASE)  # "https://support.microsoft.com/..."
# "12. Question", "3.10: Question", "A.2.8 Question": the number that opens a numbered question.
_NUMBERED = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)[.:)]?\s+(?=\S)")
# reStructuredText's own markup: a directive (".. note::") and the option under it ("   :maxdepth: 2", so that
# an index page of one ".. toctree::" counts), a link target (".. _install:"), a substitution (".. |name|
# image::") or an interpreted text (":doc:`install`", ":py:class:`Path`").
_RST_MARKUP = re.compile(r"^\.\.[ \t]+(?:[A-Za-z][\w:+.-]*::|_[^:\n]+:|\|[^|\n]+\|)|:[a-z][a-z0-9:+.-]*:`[^`\n]+`"
                         r"|(?<=::\n)[ \t]+:[a-z][\w-]*:(?=[ \t]|$)",
                         re.M)
RST_MARKUP_USES = 2
# A substitution's definition (".. |command| replace:: **python-coverage**"), whose uses in the text count too.
_RST_SUBSTITUTION = re.compile(r"^\.\.[ \t]+\|([^|\n]+)\|[ \t]+[a-z-]+::", re.M)
# AsciiDoc's own markup, of which a text file needs several kinds to be read as AsciiDoc: anchors ("[[id]]"),
# description terms with a continuation ("Why ...?::" over "+" lines), block attributes ("[source,shell]"),
# admonition labels ("NOTE: "), section titles ("== Setup") and inline macros ("link:url[text]").
_ASCIIDOC_MARKUP = (re.compile(r"^\[\[[\w:.-]+(?:,[^\]]*)?\]\]\s*$", re.M),
                    re.compile(r"^\S.*[^:\s]::\s*\n(?:\s+\S|\+\s*$)", re.M),
                    re.compile(r"^\+\s*$", re.M),
                    re.compile(r"^\[(?:source|listing|literal|quote|verse|NOTE|TIP|WARNING|IMPORTANT|CAUTION|qanda|"
                               r"glossary|appendix)\b[^\]\n]*\]\s*$", re.M),
                    re.compile(r"^(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION): \S", re.M),
                    re.compile(r"^={2,5} \S", re.M),
                    re.compile(r"\b(?:link|xref|linkgit|image|kbd|include)::?[^\s\[\]]*\[[^\]\n]*\]"))
ASCIIDOC_MARKUP_KINDS = 3
# Cells of a plain-text table are set apart by two or more spaces, or a tab.
CELL_GAP = re.compile(r"\s{2,}|\t")
_RULE = re.compile(r"^\s*([=\-~^*+#_])\1{2,}\s*$")
_SCISSORS = re.compile(r"^\s*-+\s*(?:%<|>%|8<|>8)\s*-+\s*$")
# An entry of a table of contents: "1.1  Lsof -- what is it?", "A.2 Setup", "III. Reading" or "Installation ..... 7".
_CONTENTS_ENTRY = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,3})*\.?|[A-Z](?:\.\d{1,3})+\.?|[A-Z]\.|[IVXL]{2,6}\.)\s+\S|(?:\s*\.){3,}\s*\d{1,4}$")
# The bullet of a contents entry written as a list item ("▪ A.1.1 What is PuTTY?"; Word's "o" a level below).
CONTENTS_BULLET = re.compile(r"^\s*(?:[-*+–•●◦▪→➢►■□✓]|o(?=\s))\s*")
_PAGE_NUMBER_AFTER = re.compile(r"(?<=[^\W\d_]|[?!.)’'\"])\s+\d{1,4}$")
# Dot leaders and a page number ("....... 7", ". . . 7"), or the pages of an index's entry ("Aerolab. . . . 2, 13").
LEADER = re.compile(r"(?:\s*\.){3,}\s*\d{1,4}(?:\s*,\s*\d{1,4})*$")
_MULTILEVEL_NUMBER = re.compile(r"^((?:[A-Z]|\d{1,3})(?:\.\d{1,3})+)\.?\s")
# A paragraph is a contents list when this share of its lines are entries naming a line further on.
CONTENTS_SHARE = 0.6
MAX_CONTENTS_ENTRY_CHARS = 200
# An entry names a line further on that begins with this many of its characters (a title wrapped there).
CONTENTS_KEY_START = 24
MAX_HEADING_WORDS = 12
# Hard-wrapped text: most lines are at most this long ...
WRAP_WIDTH = 100
# ... and at least this share of its lines run on into the next line of the same paragraph.
WRAPPED_SHARE = 0.25
# Lines indented this much deeper than the paragraph before them are code.
CODE_INDENT = 3
# A description stands at least this far right of its label, and a label has at most these many characters and words.
MIN_DESCRIPTION_COLUMN = 8
# ... or, when every label is alone on its line, at least this far right (reStructuredText's definition lists,
# as Mercurial's help text writes them: "0" over "   The original revlog version.").
MIN_DEFINITION_INDENT = 2
MAX_LABEL_CHARS = 30
MAX_LABEL_WORDS = 4
_LABEL_END = re.compile(r"[\w>)\]}'\"]$")
_DESCRIPTION_START = re.compile(r"[\w(\[\"'`]")  # a word, a bracket or a quote: not an operator ("$string = ...")


# A sentence's stop with another sentence after it.
_SENTENCE_GOES_ON = re.compile(r"\w[.!]\s+[A-Z]")
# A FAQ of numbered questions has this many at least, so that an ordinary numbered list is not taken for one.
NUMBERED_FAQ_QUESTIONS = 3
# The levels of a numbered FAQ's questions and parts step by two with the depth of their numbers, leaving room for
# a heading with no number between one depth and the next (see _between_numbered).
_LEVEL_STEP = 2


# Emacs' outline headings at the margin, as GNU's NEWS files write them ("* Noteworthy changes in release 4.9
# (2022-11-06) [stable]" over "** Bug fixes"), and a release's line there ("version 1.34 - Sergey Poznyakoff,
# 2021-02-13", tar's releases over their "* ..." entries; "Changes in bc from 1.06 to 1.07.", bc's over their
# indented notes).
_OUTLINE_HEADING = re.compile(r"^(\*+)[ \t]+(?=\S)")
_RELEASE_LINE = re.compile(r"^(?:(?:version|release)[ \t]+v?\d+(?:\.\d+)+\b"
                           r"|(?:\S+[ \t]+){0,2}changes[ \t](?:[^\n.]|\.\d){0,60}?\bv?\d+\.\d+(?:\.\d+)*[.:]?[ \t]*$)",
                           re.IGNORECASE)
# An outline's own mark on its first line: "GNU sed NEWS    -*- outline -*-".
_OUTLINE_MODE = re.compile(r"-\*-.*\boutline\b.*-\*-", re.IGNORECASE)
# Releases or headings of a deeper level at the margin, this many or more, make a text an outline.
OUTLINE_MARKS = 2

# A file of this many lines or more, each one word or name, is a list for a tool, not a document.
MIN_WORD_LIST_LINES = 30
# Rules between blank lines that divide a text into parts: this many or more (see _part_titles).
PART_RULES = 3


def is_word_list(text: str) -> bool:
    """Whether a text file is a list with one word or name a line: a spell checker's word list (coverage.py's
    doc/dict.txt), a package's SOURCES.txt. Read as text, its words made passages that hold every rare term."""
    lines = [line for line in text.split("\n") if line.strip()]
    return len(lines) >= MIN_WORD_LIST_LINES and all(len(line.split()) == 1 for line in lines)


def parse_plaintext(text: str, *, source: str, title: str = "", max_chars: int = 1200) -> list[Passage]:
    """Split a plain-text document into passages."""
    return build_passages(plaintext_blocks(text), source=source, title=title, max_chars=max_chars)


def plaintext_blocks(text: str) -> list[Block]:
    # A manual page saved as text ("man gzip | col -bx > gzip.txt"): its sections, options and examples; or a Vim
    # help file ("*usr_21.txt*  For Vim version 9.0."): its sections, examples and tags.
    converted = manpage_markdown(text) if is_manpage(text) else vim_help_markdown(text) if is_vim_help(text) else None
    if converted is not None:
        return [replace(b, line=converted[b.line - 1][0]) if 0 < b.line <= len(converted) else b
                for b in markdown_blocks("\n".join(line for _, line in converted))]
    if is_debian_changelog(text):
        text = debian_changelog_text(text)  # its entries titled, then read as the text it is
    elif len(FENCE.findall(text)) >= 2:
        # Fenced code blocks: Markdown saved as .txt (a README.txt). Read it as what it is.
        return markdown_blocks(text)
    substitutions = sum(text.count(f"|{name}|") - 1 for name in set(_RST_SUBSTITUTION.findall(text)))
    if len(_RST_MARKUP.findall(text)) + substitutions >= RST_MARKUP_USES:
        # Directives, link targets and roles: reStructuredText saved as .txt, as Django's and docutils'
        # documentation is. Read as plain lines, its tables and markup would come out as raw text.
        from .restructuredtext import restructuredtext_blocks

        return restructuredtext_blocks(text)
    if sum(bool(marker.search(text)) for marker in _ASCIIDOC_MARKUP) >= ASCIIDOC_MARKUP_KINDS:
        # AsciiDoc saved as .txt, as Git's documentation is.
        from .asciidoc import asciidoc_to_markdown

        converted = asciidoc_to_markdown(text)
        return [replace(b, line=converted[b.line - 1][0]) if 0 < b.line <= len(converted) else b
                for b in markdown_blocks("\n".join(line for _, line in converted))]
    text = clean(text, keep_indent=True)
    raw = _scissored_code(text.split("\n"))
    unruled = _without_rules(raw)
    lines, named = _contents(unruled)
    wrapped = _is_hard_wrapped(lines)
    labelled = _is_qa_faq(lines)
    numbered = bool(_numbered_questions(line_groups(lines)))
    # (Numbered questions make an outline of their own: valgrind's FAQ has rules between its chapters.)
    outline, bare_entries = ({}, {}) if numbered else _outline_titles(lines)
    titles = {} if numbered else {**_contents_titles(unruled, lines, named), **_underlined_titles(raw),
                                  **dict.fromkeys(_part_titles(raw, lines), 1), **outline}
    if wrapped or labelled or titles or numbered:
        return _paragraph_blocks(lines, wrapped=wrapped, labelled=labelled, titles=titles, alone=set(outline),
                                 bare_entries=bare_entries)
    return _line_blocks([" ".join(line.split()) for line in lines])


def _underlined_titles(raw: list[str]) -> dict[int, int]:
    """Titles underlined by a rule as long as they are ("Where to report a bug" over "---------------------"), each
    its line number and its level: the rule's character, in the order the text first uses each, gives the level, as
    in reStructuredText. A title may wrap over two lines, its rule as long as the longer. Read by their shape alone,
    a title in lower case ("cpp removes blank lines") or with a colon ('g++: "undefined reference" to static const
    array in class') had been paragraphs of the section before."""
    levels: dict[str, int] = {}
    titles: dict[int, int] = {}
    for k, line in enumerate(raw):
        rule = _RULE.match(line)
        if not rule or k == 0 or not raw[k - 1].strip():
            continue
        start = k - 1
        while start > 0 and raw[start - 1].strip() and not _RULE.match(raw[start - 1]):
            start -= 1
        title = raw[start:k]
        width = max(len(t.rstrip()) for t in title)
        overlined = start > 0 and bool(_RULE.match(raw[start - 1]))
        if (len(title) > (1 if overlined else 2)  # (lines between two rules are an example set off, or a title)
                or not width - 1 <= len(line.strip()) <= max(width + 3, 1.5 * width)
                or any(len(CELL_GAP.split(t.strip())) > 1 for t in title)):  # a table's header over its rule
            continue
        titles[start + 1] = levels.setdefault(rule.group(1), len(levels) + 1)
    return titles


def _outline_titles(lines: list[str]) -> tuple[dict[int, int], dict[int, int]]:
    """The headings of a text written in Emacs' outline mode, as GNU's NEWS files are, each its line number and its
    level: a line at the margin opening with stars ("* Noteworthy changes in release 4.9", "** Bug fixes") is a
    heading as deep as its stars, and a release's line at the margin ("version 1.34 - Sergey Poznyakoff,
    2021-02-13") one above them. The text is an outline when its first line says so ("-*- outline -*-"), or when
    it has two releases' lines, or two headings of two stars or more, at the margin: a list of "* " items has
    neither. A starred line with nothing under it before the next heading of its level, or wrapped into the lines
    under it, is an entry, not a heading (tar's "* Fix memory leak in read_header"): it is returned apart, with its
    level, so that it ends the heading of its level before it. Read as lines of text, the releases had been
    sections of nothing and their notes under no version."""
    stars = {k: len(m.group(1)) for k, line in enumerate(lines) if (m := _OUTLINE_HEADING.match(line))}
    releases = [k for k, line in enumerate(lines) if _RELEASE_LINE.match(line)]
    marked = bool(lines) and _OUTLINE_MODE.search(lines[0]) is not None
    if not (marked or len(releases) >= OUTLINE_MARKS or sum(n > 1 for n in stars.values()) >= OUTLINE_MARKS):
        return {}, {}
    below = 1 if len(releases) >= OUTLINE_MARKS else 0  # releases head the starred headings
    levels = {k: 1 for k in releases} if below else {}
    bare = {}
    for k, depth in stars.items():
        after = next((j for j in range(k + 1, len(lines)) if lines[j].strip()), None)
        # An entry wrapped under its star ("** libgnutls: In FIPS140 mode, RSA signature verification is an
        # approved" over "   operation if the key ...", GnuTLS') is a paragraph, not a heading over its text.
        wrapped = after == k + 1 and (lines[after][:1].isspace() or lines[after][:1].islower())
        if after is not None and not wrapped and after not in releases and stars.get(after, depth + 1) > depth:
            levels[k] = depth + below
        else:
            bare[k + 1] = depth + below
    return {k + 1: level for k, level in levels.items()}, bare


def _part_titles(raw: list[str], lines: list[str]) -> set[int]:
    """The line numbers of the titles of a text's parts, when rules between blank lines divide it into parts
    (PART_RULES rules or more) that mostly open with a short paragraph over the rest (ncurses' FAQ: "********"
    between its entries, each opening with the trouble, "Home/End keys don't work in some non-full-screen
    applications.", over its answer). Read as a paragraph, the trouble had been a passage apart from its answer."""
    rules = [k for k, line in enumerate(raw) if _RULE.match(line)
             and (k == 0 or not raw[k - 1].strip()) and (k + 1 == len(raw) or not raw[k + 1].strip())]
    if len(rules) < PART_RULES:
        return set()
    titles, parts = set(), 0
    for start, end in zip(rules, [*rules[1:], len(raw)]):
        groups = line_groups(lines[start:end])
        if not groups:
            continue
        parts += 1
        (first_line, first), rest = groups[0], groups[1:]
        text = " ".join(" ".join(line.split()) for line in first)
        if rest and len(first) <= 2 and word_count(text) <= MAX_QUESTION_WORDS and not text.endswith(":"):
            titles.add(start + first_line)
    return titles if len(titles) >= 2 / 3 * parts else set()


def _scissored_code(lines: list[str]) -> list[str]:
    """The lines between two scissor lines ("---%<---", "-- >8 --": cut here) indented as the code they are, the
    scissors blank: Dovecot's wiki pages as text set their configuration so, and its lines had run together into
    the paragraph over them ("ssl = yes # Preferred permissions: root:root 0444 ssl_cert = ...")."""
    cuts = [k for k, line in enumerate(lines) if _SCISSORS.match(line)]
    out = list(lines)
    for start, end in zip(cuts[::2], cuts[1::2]):
        out[start] = out[end] = ""
        out[start + 1:end] = [f"    {line}" if line.strip() else line for line in lines[start + 1:end]]
    return out


def _without_rules(lines: list[str]) -> list[str]:
    """Lines of only "=", "-", "~" ... (a title's underline, as in "Release Notes" over "=============",
    or a rule between parts) become blank lines: the title then stands alone and reads as a heading,
    instead of running into its underline. The line count stays, so line numbers still hold."""
    return ["" if _RULE.match(line) else line for line in lines]


def without_contents(lines: list[str]) -> list[str]:
    """A table of contents ("1.1  Lsof -- what is it?", "2 Installation ....... 7") becomes blank lines:
    its entries are the document's own headings and questions again, which would read as FAQ entries
    answered by the next entries. A contents list is a paragraph of three entries or more, mostly
    numbered (or ending in a page number after dot leaders), that name lines in different paragraphs
    further on (a list that is only repeated, as a licence's clauses are, names one paragraph); short
    paragraphs of such lines next to one are part of it."""
    return _contents(lines)[0]


def _contents_titles(lines: list[str], rest: list[str], named: dict[int, str]) -> dict[int, int]:
    """The lines that tables of contents name (`named`, of `lines`; `rest`: the lines without those tables), each
    its line number and its level (one, or as deep as its entry's number: "4.2" is two): they are the document's
    headings. libpng's manual names its chapters "I. Introduction", "III. Reading" in its contents and again over
    each chapter, lines that had read as passages of a line."""
    # A title the text writes again further on (an X protocol's request, once where it is told and once where it
    # is encoded) heads neither for sure; one that opens a paragraph heads no more than it.
    written = Counter(_contents_key(CONTENTS_BULLET.sub("", line)) for line in rest if line.strip())
    return {target + 1: 1 + (m.group(1).count(".") if (m := _MULTILEVEL_NUMBER.match(entry.strip())) else 0)
            for target, entry in named.items()
            if written[_contents_key(CONTENTS_BULLET.sub("", lines[target]))] == 1 and _alone(lines, target)}


def _alone(lines: list[str], k: int) -> bool:
    """Whether line k is a paragraph of its own, blank lines (or the text's ends) round it."""
    return (k == 0 or not lines[k - 1].strip()) and (k + 1 == len(lines) or not lines[k + 1].strip())


def _contents(lines: list[str]) -> tuple[list[str], dict[int, str]]:
    """The lines with each table of contents blank (see without_contents), and the lines its entries name, each
    with the entry that names it."""
    bare = [CONTENTS_BULLET.sub("", line) for line in lines]
    keys = [_contents_key(line) for line in bare]
    # A section number of two levels or more ("4.2", "A.2.8") names its section even when the contents
    # list words the title a little differently.
    numbers = [(m.group(1) if (m := _MULTILEVEL_NUMBER.match(line.strip())) else "") for line in bare]
    last = {key: number for number, key in [*enumerate(keys), *enumerate(numbers)] if key}
    # A long title wrapped over two lines further on ("2 My UPS driver now says it's broken, and won't start. What"
    # over "now?") is named by the entry that begins as its first line does.
    begun = {key[:CONTENTS_KEY_START]: number for number, key in enumerate(keys) if len(key) >= CONTENTS_KEY_START}
    groups = line_groups(lines)
    group_of = [-1] * len(lines)
    for g, (start, group) in enumerate(groups):
        group_of[start - 1:start - 1 + len(group)] = [g] * len(group)

    def targets(start: int, group: list[str]) -> list[tuple[int, str]]:
        """The lines further on that the paragraph's entries name, each with its entry."""
        end = start - 1 + len(group)  # index of the line after the group
        named = [(max(last.get(keys[k], -1) if keys[k] else -1, last.get(numbers[k], -1) if numbers[k] else -1,
                      begun.get(keys[k][:CONTENTS_KEY_START], -1) if len(keys[k]) >= CONTENTS_KEY_START else -1),
                  bare[k]) for k in range(start - 1, end) if keys[k] and _CONTENTS_ENTRY.search(bare[k].strip())]
        return [(target, entry) for target, entry in named if target >= end]

    def entries(start: int, group: list[str]) -> tuple[int, int]:
        """How many of the paragraph's lines are entries naming a line further on, and in how many
        paragraphs those lines are."""
        named = targets(start, group)
        return len(named), len({group_of[target] for target, _ in named})

    def outer(group: list[str]) -> int:
        # The entries, at every level ("1. General" over "1.1 What is slrn?"); without numbers, the lines at
        # the group's least indent. An entry's wrapped lines do not count, nor does a part's title set out to
        # the left of its entries ("SECTION 6 - EDITING MULTIPLE FILES").
        numbered = sum(is_contents_entry(line) for line in group)
        indents = [indentation(line) for line in group]
        return numbered or indents.count(min(indents))

    found = [entries(start, group) for start, group in groups]
    outers = [outer(group) for _, group in groups]
    contents = [o >= 3 and n >= CONTENTS_SHARE * o and spread >= CONTENTS_SHARE * n
                for (n, spread), o in zip(found, outers)]
    # A list whose entries are a paragraph each (Dovecot's wiki pages as text, a blank line between entries): a run
    # of paragraphs of nothing but entries is a contents list as one paragraph of them is.
    k = 0
    while k < len(groups):
        end = k
        while end < len(groups) and 0 < outers[end] <= found[end][0]:
            end += 1
        entries_targets = [target for start, group in groups[k:end] for target, _ in targets(start, group)]
        if len(entries_targets) >= 3 and (len({group_of[target] for target in entries_targets})
                                          >= CONTENTS_SHARE * len(entries_targets)):
            contents[k:end] = [True] * (end - k)
        k = max(end, k + 1)
    # Short paragraphs of nothing but entries, next to a contents list, belong to it: spread forward,
    # then backward.
    for order in (range(1, len(groups)), range(len(groups) - 2, -1, -1)):
        for k in order:
            near = k - 1 if order.step == 1 else k + 1
            if not contents[k] and contents[near] and found[k][0] >= outers[k]:
                contents[k] = True
    out = list(lines)
    named: dict[int, str] = {}
    for (start, group), is_contents in zip(groups, contents):
        if is_contents:
            out[start - 1:start - 1 + len(group)] = [""] * len(group)
            named |= dict(targets(start, group))
            # Its title ("Contents") goes with it: left alone over the text after it, it would head that text.
            above = next((k for k in range(start - 2, -1, -1) if out[k].strip()), None)
            if above is not None and CONTENTS_HEADING.match(out[above].strip()):
                out[above] = ""
    return out, named


def is_contents_entry(line: str) -> bool:
    """A line shaped as a contents list's entry: numbered ("A.2.8 ...", "3. ..."), also as a list item, or
    ending in dot leaders and a page number."""
    return bool(_CONTENTS_ENTRY.search(CONTENTS_BULLET.sub("", line).strip()))


def _contents_key(line: str) -> str:
    """What a contents entry and the heading it points to have in common: the words, without the
    section number or the page number."""
    text = " ".join(line.split())
    if len(text) > MAX_CONTENTS_ENTRY_CHARS:
        return ""
    if _NUMBERED.match(text):
        # A numbered entry's page number, printed after it without dot leaders ("7 Which UPS should I buy? 2").
        text = _PAGE_NUMBER_AFTER.sub("", text)
    return _NUMBERED.sub("", LEADER.sub("", text)).lower()


# ---- flattened pages: one paragraph per line -----------------------------------------------------

def _is_short_line(line: str) -> bool:
    """A line short enough for a heading or a table's cell: no sentence's stop, bullet, cell rule or address ("See
    option TcpMaxConnectRetransmissions on this page: https://..." in curl's FAQ)."""
    return (
        word_count(line) <= MAX_HEADING_WORDS
        and not _END_PUNCT.search(line)
        and not BULLET.match(line)
        and "|" not in line
        and not _ADDRESS.search(line)
    )


def _is_question_line(line: str) -> bool:
    return is_question(line) and not BULLET.match(line)


def _line_blocks(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line:
            i += 1
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            text = heading.group(1)
            level = len(line) - len(line.lstrip("#"))
            kind = "question" if _is_question_line(text) else "heading"
            blocks.append(Block(kind, text, i + 1, level=level, scope="next"))
            i += 1
            continue
        if line.startswith("|") and i + 1 < len(lines) and _MD_TABLE_RULE.match(lines[i + 1]):
            rows = [_cells(line)]
            j = i + 2
            while j < len(lines) and lines[j].startswith("|"):
                rows.append(_cells(lines[j]))
                j += 1
            blocks.append(Block("table", line=i + 1, rows=rows))
            i = j
            continue
        if BULLET.match(line):
            j = i
            while j < len(lines) and BULLET.match(lines[j]):
                j += 1
            blocks.append(Block("list", "\n".join(lines[i:j]), i + 1, intro=take_intro(blocks)))
            i = j
            continue
        if _is_short_line(line):
            j = i
            while j < len(lines) and lines[j] and _is_short_line(lines[j]):
                j += 1
            run = lines[i:j]
            if len(run) >= 3 and all(word_count(r) >= 2 for r in run):
                blocks.append(Block("table", line=i + 1, rows=[[r] for r in run], flattened=True))
            elif len(run) >= 3:
                # A flattened table's lines each hold a label and a value at least; with a line of one word
                # the run is a list (a word list, the platforms supported), not a header over its rows.
                blocks.append(Block("list", "\n".join(run), i + 1, intro=take_intro(blocks)))
            elif blocks and len(run) == 2 and not lines[i - 1] and (j == len(lines) or not lines[j]):
                # Two short lines on their own, between blank lines, past the text's title, are a title over
                # its line of text ("Parking" over "Behind the building"): as two headings, both had been lost.
                blocks += [Block("heading", run[0], i + 1), Block("paragraph", run[1], i + 2)]
            elif blocks and not any(lines[j:]):
                # The text's last lines head nothing: they are its closing words ("Call us on 030 1234"). (Its
                # first lines are its title.)
                blocks.append(Block("paragraph", " ".join(run), i + 1))
            else:
                blocks.extend(Block("heading", h, i + 1 + k) for k, h in enumerate(run))
            i = j
            continue
        if _is_question_line(line) and not QUESTION_LABEL.match(line):  # "Q:" lines: outline's FAQ pass reads them
            blocks.append(Block("question", question_text(line), i + 1, scope="next"))
            i += 1
            continue
        # Consecutive lines are one paragraph, except after a line ending in ":" (it introduces a list).
        if blocks and blocks[-1].kind == "paragraph" and lines[i - 1] and not blocks[-1].text.endswith(":"):
            blocks[-1] = replace(blocks[-1], text=f"{blocks[-1].text} {line}")
        else:
            blocks.append(Block("paragraph", line, i + 1))
        i += 1
    return blocks


def _cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().strip("|").split("|")]


# ---- hard-wrapped text: paragraphs between blank lines ---------------------------------------------

def _is_hard_wrapped(lines: list[str]) -> bool:
    filled = [line for line in lines if line.strip()]
    if len(filled) < 4:
        return False
    lengths = sorted(len(line.strip()) for line in filled)
    if lengths[int(0.95 * (len(lengths) - 1))] > WRAP_WIDTH:
        return False
    runs_on = sum(1 for a, b in zip(lines, lines[1:])
                  if len(a.strip()) >= 40 and b.strip() and not BULLET.match(b.strip()))
    return runs_on >= WRAPPED_SHARE * len(filled)


def _is_qa_faq(lines: list[str]) -> bool:
    questions = sum(1 for line in lines if QUESTION_LABEL.match(line.strip()))
    answers = sum(1 for line in lines if ANSWER_LABEL.match(line.strip()))
    return questions >= 2 and answers >= 2


def line_groups(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines (a line of spaces is blank), each with its first line number."""
    groups: list[tuple[int, list[str]]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if groups and lines[number - 2].strip():
            groups[-1][1].append(line)
        else:
            groups.append((number, [line]))
    return groups


def _parted(start: int, group: list[str], alone: AbstractSet[int]) -> list[tuple[int, list[str]]]:
    """A group of lines (its first at line `start`) parted so that each line numbered in `alone` is a group of its
    own: the lines between them, each part with its offset from `start`."""
    cuts = sorted({0, len(group), *(n - start for n in alone if 0 <= n - start < len(group)),
                   *(n - start + 1 for n in alone if 0 <= n - start < len(group))})
    return [(a, group[a:b]) for a, b in zip(cuts, cuts[1:])]


def _split_question(group: list[str]) -> tuple[list[str], list[str]]:
    """A numbered question's own lines, and the answer lines that follow them without a blank line
    (text out of a PDF often has none): the question ends at its first line ending in "?"."""
    for k, line in enumerate(group[:5]):
        if line.rstrip().endswith("?"):
            return group[:k + 1], group[k + 1:]
    return group, []


def _numbered_questions(groups: list[tuple[int, list[str]]]) -> dict[int, str]:
    """Numbered FAQ questions, each its line number and its text with its number: a short numbered paragraph whose
    answer is the text indented under it (zlib's " 1. Is zlib Y2K-compliant?"), or that asks something ("1.1 What
    does it do?")."""
    found: dict[int, tuple[int, str]] = {}  # line number: indent, text
    asks: dict[str, bool] = {}  # number: whether its paragraph asks
    numbers = [m.group(1) if (m := _NUMBERED.match(group[0].strip())) else "" for _, group in groups]
    for k, (line_no, group) in enumerate(groups):
        first = group[0]
        number = numbers[k]
        question, rest = _split_question(group)
        text = " ".join(" ".join(question).split())
        if not number or word_count(text) > 60:  # Vim's FAQ asks in up to 45 words, over four lines
            continue
        asks[number] = text.endswith("?")
        parent = number.rpartition(".")[0]
        if not asks[number] and not asks.get(parent) and next((n for n in numbers[k + 1:] if n), "").startswith(
                f"{number}."):
            # A part whose entries are numbered under it ("4. EXAMPLES" over "4.1. How do I ...?") is a heading, not
            # an entry answered by the first line of its text; a part of a question's answer stays an entry of it.
            continue
        answered_below = not rest and k + 1 < len(groups) and indentation(groups[k + 1][1][0]) > indentation(first) + 1
        if answered_below or text.endswith("?"):
            found[line_no] = indentation(first), text
    # Numbered steps inside an answer are indented deeper than the questions ("1.2.3 How do I check ...?"
    # at the margin, its answer's "1.  Follow the instructions ..." under it).
    margin = min((indent for indent, _ in found.values()), default=0)
    questions = {line_no: text for line_no, (indent, text) in found.items() if indent <= margin + 1}
    asking = sum(text.endswith("?") for text in questions.values())
    notes = sum(bool(_SENTENCE_GOES_ON.search(_NUMBERED.sub("", text))) for text in questions.values())
    if asking < NUMBERED_FAQ_QUESTIONS and notes >= len(questions) / 2:
        # Numbered notes of a few sentences each, with text indented under some, that ask nothing: a list of notes
        # (bash's COMPAT: 67, "1.  Bash uses a new quoting syntax, $"...", to do locale-specific string translation.
        # Users who ..." over an example), not of questions; read as questions, each had been a paragraph long and
        # the notes with nothing under them had gone into the answer before them.
        return {}
    if not asking:
        # Numbered steps that lead in to what is indented under them (postgresql-common's "2. Get a shell for the
        # database superuser 'postgres'. If your system has an active root user, use su:" over the command), or
        # numbered titles over their text (xz's README: "1.1. Overall documentation"), none of them asking: a
        # procedure or an outline, not questions answered by what is under them.
        return {}
    return questions if len(questions) >= NUMBERED_FAQ_QUESTIONS else {}


def _unwrap(group: list[str]) -> list[str]:
    """Join the wrapped lines of a paragraph; a bullet starts a new item, and its continuation lines
    (indented under it) join it."""
    items: list[str] = []
    item_indent = 0
    for line in group:
        indent, body = indentation(line), " ".join(line.split())
        bullet = BULLET.match(body)
        # A bullet's wrapped lines may sit under it or, out of a PDF, at the margin.
        continues = items and not bullet and (indent == item_indent or (BULLET.match(items[-1]) and (
            indent > item_indent or not items[-1].endswith((".", "!", "?", ":")))))
        if continues:
            # A word hyphenated at the end of a line is joined back ("open-\nsource" stays "open-source"), and
            # so is a path or address broken after a slash ("https://\nwww.debian.org", "/\netc/apt").
            items[-1] += ("" if items[-1].endswith(("-", "/")) and body[:1].islower() else " ") + body
        else:
            items.append(body)
            item_indent = indent
    return items


def _hanging_entries(group: list[str]) -> list[tuple[int, str, str]]:
    """A list of labels whose descriptions stand in a column to their right, wrapped under it (a help text's
    "filter-in <regex> Only display lines that match the given regular" over "expression." at that column):
    (offset of the label's line, label, description) for each entry, or [] when the lines are not laid out so.
    The column lies well right of the labels (or, when each label is alone on its line, right of them), every other
    line starts at it, and a label on a line of its own is followed by its description's lines."""
    group = [line.expandtabs() for line in group]
    indents = sorted({indentation(line) for line in group})
    if len(group) < 2 or len(indents) != 2:
        return []
    margin, column = indents
    if column - margin < (MIN_DEFINITION_INDENT if _labels_alone(group) else MIN_DESCRIPTION_COLUMN):
        return []
    if group[0].rstrip().endswith(":"):
        return []  # a line that introduces the lines under it (a list, an example)
    entries: list[tuple[int, str, list[str]]] = []
    for offset, line in enumerate(group):
        if indentation(line) == column:
            if not entries:
                return []
            entries[-1][2].append(line.strip())
            continue
        # A label alone on its line ("filter-out <regex>", or "disable-filter <regex>" past the column), its
        # description under it; else a label, then its description from the column on.
        label, rest = line.strip(), ""
        if not _label_shaped(label):
            label, rest = line[:column].strip(), line[column:].rstrip()
            if line[column - 1:column] != " " or not _DESCRIPTION_START.match(rest) or not _label_shaped(label):
                return []
        entries.append((offset, label, [rest.strip()] if rest else []))
    if any(not description for _, _, description in entries):
        return []
    return [(offset, label, " ".join(description)) for offset, label, description in entries]


def _labels_alone(group: list[str]) -> bool:
    """Whether every line of a group at its least indent is a label alone on its line, as the terms of a definition
    list are (see _hanging_entries)."""
    group = [line.expandtabs() for line in group]
    margin = min(map(indentation, group))
    return all(indentation(line) > margin or _label_shaped(line.strip()) for line in group)


def _label_shaped(text: str) -> bool:
    """A few words, ending in a word or a bracket (not in the stop of a sentence, a clause's comma or colon, or an
    operator: "$errs ="); not a list item's bullet, whose text hangs at a column too ("* In the manual, fixed"
    over "prototypes.")."""
    return (0 < len(text) <= MAX_LABEL_CHARS and word_count(text) <= MAX_LABEL_WORDS and _LABEL_END.search(text)
            is not None and not BULLET.match(text) and "  " not in text)


def _looks_like_table(group: list[str]) -> bool:
    """Strong evidence only: three or more lines, each split into the same number (≥ 2) of cells by
    wide gaps, none of them prose."""
    if len(group) < 3:
        return False
    shapes = {len(CELL_GAP.split(line.strip())) for line in group}
    return len(shapes) == 1 and shapes.pop() >= 2 and all(_is_short_line(" ".join(line.split())) for line in group)


def _paragraph_blocks(lines: list[str], *, wrapped: bool, labelled: bool,
                      titles: Mapping[int, int] = MappingProxyType({}), alone: AbstractSet[int] = frozenset(),
                      bare_entries: Mapping[int, int] = MappingProxyType({})) -> list[Block]:
    """Blocks of text whose paragraphs are set apart by blank lines. Unless its lines are hard-wrapped,
    a run of three or more short lines is a flattened table, as in a one-paragraph-per-line page.
    `labelled`: the text is a FAQ of "Q:" and "A:" lines; `titles`: the line numbers of its titles, each with its
    level; `alone`: the line numbers of titles that are a line of their own, whatever follows them without a blank
    line (an outline's headings); `bare_entries`: an outline's entries with no text of their own, each its line
    number and the level of a heading it would be (the heading above that level is put back before it)."""
    groups = [(start + k, part) for start, group in line_groups(lines) for k, part in _parted(start, group, alone)]
    if labelled:
        # "Q:" and "A:" lines with no blank line between the entries: each "Q:" line opens a paragraph.
        groups = [(start + offset, part) for start, group in groups for offset, part in at_questions(group)]
    numbered = _numbered_questions(groups)
    # A FAQ of numbered questions, some of them asking, is an outline whose numbers give the levels; numbered
    # steps or notes that ask nothing (Vim's help: "1. If a window displaying ...") are not.
    outline = sum(text.endswith("?") for text in numbered.values()) >= NUMBERED_FAQ_QUESTIONS
    blocks: list[Block] = []
    text_indent = 0  # indentation of the last paragraph of prose
    in_entry = False
    entry_indent = 0  # indentation of the question whose answer is being read
    entry_level = 0  # its level, when it is numbered
    term: tuple[Block | None, int] | None = None  # a bullet's title: the heading before it, and its indent
    entries_indent = -1  # the indent of bullets that title entries, a question's or not
    for at, (line_no, group) in enumerate(groups):
        if line_no in bare_entries:
            parent = next((b for b in reversed(blocks) if b.kind == "heading" and b.level < bare_entries[line_no]),
                          None)
            opened = next((b for b in reversed(blocks) if b.kind == "heading"), None)
            if parent is not None and opened is not parent:
                blocks.append(parent)
            # Its star is its bullet: the entry reads as a paragraph, its wrapped lines joined under it.
            width = _OUTLINE_HEADING.match(group[0]).end()
            group = [group[0][width:],
                     *(line[width:] if line[:width].isspace() else line.lstrip() for line in group[1:])]
        if line_no in titles:
            title = " ".join(" ".join(line.split()) for line in group)
            if line_no in alone:
                title = _OUTLINE_HEADING.sub("", title)  # an outline heading's stars
            blocks.append(heading_block(title, level=titles[line_no], line=line_no))
            # A heading ends a term's definition: the heading before the term is not put back after it.
            in_entry, text_indent, term = False, min(indentation(line) for line in group), None
            continue
        label = ANSWER_LABEL.match(group[0].lstrip()) if in_entry else None
        if label and len(group) > 1 and indentation(group[1]) == indentation(group[0]) + label.end():
            # "A:  Nothing. They are..." with the lines under it set to the text: a hanging label. The
            # answer's paragraphs are indented as its text is, so they are prose, not code.
            group = [" " * (indentation(group[0]) + label.end()) + group[0].lstrip()[label.end():], *group[1:]]
        indent = min(indentation(line) for line in group)
        if term is not None and indent <= term[1]:
            if term[0] is not None:
                blocks.append(term[0])
            term = None
        # The first paragraph under a question or heading sets the indentation of the text.
        if blocks and indent >= text_indent + CODE_INDENT and blocks[-1].kind not in ("heading", "question"):
            # Each line keeps its indent past the code's own, so that a help text's wrapped descriptions stay in
            # their column (under unindented text, every line had been stripped).
            code = "\n".join(line[indent:] for line in group)
            blocks.append(Block("code", code.rstrip(), line_no))
            continue
        prose_indent, text_indent = text_indent, indent
        if line_no in numbered:
            question, rest = _split_question(group)
            text = numbered[line_no]
            level = _outline_level(text) if outline else 0
            blocks.append(Block("question", _NUMBERED.sub("", text), line_no, level=level))
            in_entry, entry_indent, entry_level = True, indent, level
            if not rest:
                continue
            group, line_no = rest, line_no + len(question)
        question, answer = labelled_entry("\n".join(group))
        if question:
            blocks.append(Block("question", question, line_no))
            entry_indent, entry_level = indent, 0
            if answer:
                blocks.append(Block("paragraph", answer, line_no))
            in_entry = True
            continue
        if _looks_like_table(group):
            rows = [CELL_GAP.split(line.strip()) for line in group]
            blocks.append(Block("table", line=line_no, rows=rows))
            continue
        if not wrapped and len(group) >= 3 and all(_is_short_line(" ".join(line.split())) and word_count(line) >= 2
                                                   for line in group):
            rows = [[" ".join(line.split())] for line in group]
            blocks.append(Block("table", line=line_no, rows=rows, flattened=True))
            continue
        if (outer := last_heading(blocks)) is not None and (entries := _hanging_entries(group)):
            # Labels with their descriptions in a column to their right ("filter-out <regex>" over "Do not
            # display lines ..."): each label titles its description, as a definition's term does, and the heading
            # they are under is put back after them (without one, the last label would head the rest).
            define_all(blocks, [(label, partial(blocks.append, Block("paragraph", text, line_no + offset)),
                                 line_no + offset) for offset, label, text in entries])
            if _labels_alone(group) and blocks[-1] is outer:
                # Labels alone on their lines, as a definition list's terms: the paragraphs indented under the last
                # description go on with it (base-passwd's "daemon" over two paragraphs) up to the next label.
                blocks.pop()
                text_indent = max(map(indentation, group))
                term = (outer, text_indent - 1)  # a line left of the descriptions ends it
            continue
        items = _unwrap(group)
        if len(items) == 1:
            text = ANSWER_LABEL.sub("", items[0]) if in_entry else items[0]
            number = _NUMBERED.match(text)
            bare = _NUMBERED.sub("", text) if number else text
            # A peer of the entries before it: a bullet at the indent of the question it follows, or of the bullets
            # that titled entries since
            peer = (in_entry and indent == entry_indent) or indent == entries_indent
            if (titled := _titles_under(text, indent, groups[at + 1][1] if at + 1 < len(groups) else [])) \
                    and not (in_entry and indent > entry_indent) and (
                        is_question(titled) or peer or last_heading(blocks) is not None):
                # A bullet over paragraphs indented under it titles them, a question or not (lm-sensors'
                # README.Debian: "* Is motherboard XYZ supported?", then "* The temperatures are wrong" over
                # what to do, which had run on in the answer before it); elsewhere it is a term, under a heading
                # put back after it (with none, the term would head the rest).
                if is_question(titled) or peer:
                    # A peer of questions is an entry of the FAQ as they are, though it does not ask ("* The
                    # temperatures are wrong"), as headings of the entries' level are.
                    blocks.append(Block("question", titled, line_no))
                    in_entry, entry_indent, entry_level, entries_indent = True, indent, 0, indent
                else:
                    # A term over its definition: what follows at the bullet's indent or less is under the
                    # heading before it again ("* Comes with updated gitk." after git's titled notes).
                    term = (last_heading(blocks), indent)
                    blocks.append(heading_block(titled, level=TERM_LEVEL, line=line_no))
                    in_entry = False
                continue
            if not (BULLET.match(text) and not number):
                # Inside an answer indented under its question, a short line is prose, not a heading; inside
                # an answer, so is one over an example indented as code ("For more information, read" over
                # ":help intro"), and a clause ("You can also use the command: ciw").
                after = groups[at + 1][1] if at + 1 < len(groups) else []
                prose = in_entry and ((bool(after) and min(map(indentation, after)) >= prose_indent + CODE_INDENT)
                                      or bool(re.search(r"\w[,:]\s", bare)))
                # A line in capitals right over a numbered question heads it, however indented ("   CHANGING
                # BLOCKS (consecutive lines)" over "4.20. How do I ...?", indented as the answer before it is).
                heads_next = (outline and _PARENTHESES.sub("", bare).isupper() and at + 1 < len(groups)
                              and groups[at + 1][0] in numbered)
                # In a FAQ of "Q:" and "A:" labels, the labels part its entries: a short line inside an answer is
                # its prose ("Windows NT 4.0 SP2+" over a registry key in dnsmasq's), unless it is in capitals.
                labelled_answer = labelled and in_entry and not bare.isupper()
                # A numbered part of a numbered FAQ is one however it opens ("4.18 file:// URLs containing ...").
                # (In an outline, whose headings are marked, a short line is text: "This can be overridden by the"
                # over the option it names.)
                if (not alone and _is_short_line(bare) and (bare[:1].isupper() or (outline and number is not None))
                        and not (blocks and blocks[-1].kind == "question")
                        and (heads_next or (not (in_entry and indent > entry_indent) and not prose
                                            and not labelled_answer))):
                    level = _outline_level(text) if outline else 0
                    if not level and entry_level and in_entry and indent >= prose_indent and not heads_next:
                        # At the indent of the answer it is in (curl's "CLIENT CERTIFICATE" under "3.16 What
                        # certificates do I need when I use SSL?"): a part of that answer, below its question.
                        blocks.append(heading_block(bare, level=entry_level + 1, line=line_no))
                        continue
                    blocks.append(heading_block(bare, level=level, line=line_no))
                    in_entry = False
                    continue
                if is_question(bare) and not (in_entry and indent > entry_indent):
                    blocks.append(Block("question", bare, line_no))
                    in_entry, entry_indent, entry_level = True, indent, 0
                    continue
                if not number:
                    blocks.append(Block("paragraph", text, line_no))
                    continue
        # Prose followed by bullets: the prose, then the list (introduced by the prose's ":" line).
        prose = [item for item in items if not BULLET.match(item)]
        if prose and not BULLET.match(items[0]):
            split = next((k for k, item in enumerate(items) if BULLET.match(item)), len(items))
            head, bullets = items[:split], items[split:]
            intro = head.pop() if bullets and head[-1].endswith(":") else ""
            blocks.extend(Block("paragraph", h, line_no) for h in head)
            if bullets:
                blocks.append(Block("list", "\n".join(bullets), line_no, intro=intro))
        else:
            blocks.append(Block("list", "\n".join(items), line_no))
    return _between_numbered(blocks) if outline else blocks


def _titles_under(item: str, indent: int, after: list[str]) -> str:
    """The title a bullet gives the paragraph after it, indented under its text ("* Sensors detection" over
    "  The detection of sensor consists of several steps."): the bullet's few words, else ""."""
    bullet = BULLET.match(item)
    if bullet is None or _NUMBERED.match(item) or not after or BULLET.match(after[0].strip()):
        return ""
    title = item[bullet.end():].strip()
    clause = re.search(r":\s+\S", title)  # "... control file say: interest /usr/share/omf": a sentence
    return title if (word_count(title) <= MAX_QUESTION_WORDS and not clause
                     and min(map(indentation, after)) > indent) else ""


def _outline_level(text: str) -> int:
    """The level of a numbered question or heading, by the depth of its number ("4." over "4.41." over
    "4.41.1."), so that a question ends the one before it at its depth, and what that one opened. A part
    numbered "1.0" is at the depth of "1" (lsof's FAQ: "1.0 General Concepts" over "1.1 Lsof -- what is it?")."""
    number = _NUMBERED.match(text)
    return _LEVEL_STEP * (re.sub(r"(?:\.0)+$", "", number.group(1)).count(".") + 1) if number else 0


def _between_numbered(blocks: list[Block]) -> list[Block]:
    """In a FAQ whose questions are numbered, a heading with no number ("CHANGING STRINGS" between "4. EXAMPLES"
    and "4.10. How do I ...?") heads the questions after it, a step above them; with no level, the first of them
    would have closed it. One over the first level's numbers ("CONTENTS" over "1. GENERAL") keeps no level: the
    next number closes it, as a numbered part closes the one before."""
    levels = [b.level for b in blocks]
    for k in range(len(blocks) - 2, -1, -1):
        levels[k] = levels[k] or levels[k + 1]
    return [replace(b, level=levels[k + 1] - 1) if b.kind == "heading" and not b.level and k + 1 < len(blocks)
            and levels[k + 1] > _LEVEL_STEP else b for k, b in enumerate(blocks)]

