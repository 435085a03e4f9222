"""GNU Info: a Texinfo manual as makeinfo writes it for the `info` reader (grep.info, a FAQ's asy-faq.info),
written as the Markdown it stands for, then read by the Markdown reader; each passage keeps the line of the file
it starts at.

The file is a run of nodes, each after the control character 0x1F and opening with its "File: ..., Node: ..., Up:
..." line. That line, a node's menu ("* Menu:" and its entries; text after them is kept), a footnote that is only a
link, what comes before the first node (the copyright and the directory entry) and the tag table are dropped. A
title underlined with "*", "=", "-" or "." is a heading of level 1 to 4 (its chapter or section number dropped:
"2.1 Usage" is "Usage"); in a file without such titles, a node's first line, when it stands alone, heads the node
at its depth in the "Up:" tree ("Question 1.1. What is Asymptote?" under "About Asymptote" under the manual's
title). A term over its description indented five spaces ("‘-c’" and "‘--count’" over "Suppress normal output")
titles the description, as a definition's term does; "•" and numbered items are list items; other text indented
five spaces (an example) is code.
"""

from __future__ import annotations

import re

from ..passage import Passage
from ..text import clean, indentation
from .markdown import code_fence, escaped, parse_converted, pipe_table
from .plaintext import CELL_GAP, line_groups

_NODE = re.compile(r"^File:\s*[^,]*,\s*Node:\s*([^,]+?)\s*(?:,|$)")
_UP = re.compile(r"\bUp:\s*([^,]+?)\s*(?:,|$)")
# What follows a separator but is no node: the tag table and its end, an Emacs file-variables block, and the index
# of a manual split over several files.
_NOT_A_NODE = ("Tag Table:", "End Tag Table", "Local Variables:", "Indirect:")
_UNDERLINE = re.compile(r"^([*=.-])\1{2,}$")
# A cross-reference: "*Note Zero Address::.", "(*note insert command: The i Command.)" or one to another manual,
# "*Note plzip manual: (plzip)Top.", read as "see ...". It may wrap over two lines (not over a blank one).
_SPACE = r"(?:[ \t]*\n)?[ \t]+|[ \t]*\n"
_REFERENCE = re.compile(rf"\*([Nn])ote(?:{_SPACE})((?:[^:\n]|\n(?![ \t]*\n))+?)::"
                        rf"|\*([Nn])ote(?:{_SPACE})((?:[^:\n]|\n(?![ \t]*\n))+?):(?:{_SPACE})"
                        rf"(?:\([^()\s]+\))?(?:[^.,:()\n]|\n(?![ \t]*\n))*?(?=[.,)])")
# The first line makeinfo writes: "This is bc.info, produced by makeinfo version 6.8 from bc.texi."
_MANUAL = re.compile(r"^This is (\S+?)\.info(?:-\d+)?,")
# A marker for the Info reader ("\0\b[index\0\b]" opens an index): no text.
_MARKER = re.compile(r"\x00\x08\[[^\x00]*\x00\x08\]")
# A footnote that is only a link.
_LINK_NOTE = re.compile(r"^\(\d+\)\s+(?:see\s+)?<[^>\s]+>\.?$", re.IGNORECASE)
_LEVELS = {"*": 1, "=": 2, "-": 3, ".": 4}
# A chapter's, section's, appendix's or FAQ question's number before its title.
_NUMBER = re.compile(r"^(?:(?:Question|Section|Chapter)\s+)?(?:Appendix\s+[A-Z](?:\.\d{1,3})*|[A-Z](?:\.\d{1,3})+"
                     r"|\d{1,3}(?:\.\d{1,3})*)[.:]?\s+(?=\S)", re.IGNORECASE)
_BULLET = re.compile(r"^\s{0,4}[•*-]\s+(?=\S)")
_ORDERED = re.compile(r"^\s{0,4}(\d{1,3})\.\s+(?=\S)")
# A menu's comments head groups of its entries: a line or two each, at most two over a group (the detailed
# listing's "-- The Detailed Node Listing --" over "How to use bzip2").
MENU_COMMENT_LINES = 2
MENU_COMMENTS = 2
# makeinfo's indent of a paragraph's first line, after another paragraph.
PARAGRAPH_INDENT = 3
# makeinfo's indent of an example, a quotation and a table item's description.
TEXT_INDENT = 5


def is_info(text: str) -> bool:
    """Whether a text is an Info file: a node's header after the separator."""
    return bool(re.search(r"(?:^|\n)\x1f\n?File:\s*[^,\n]*,\s*Node:", text))


def parse_info(text: str, *, source: str, title: str = "", max_chars: int = 1200) -> list[Passage]:
    return parse_converted(info_markdown(text), source=source, title=title, max_chars=max_chars)


def info_markdown(text: str) -> list[tuple[int, str]]:
    """The manual as Markdown lines, each with the number of the file's line it comes from."""
    nodes: list[list[tuple[int, str]]] = []
    text = _REFERENCE.sub(_seen_reference, _MARKER.sub("", text))
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if line.startswith("\x1f"):
            nodes.append([])
        elif nodes:
            nodes[-1].append((number, clean(line, keep_indent=True)))
    titled = any(_UNDERLINE.match(line.strip()) for node in nodes for _, line in node)
    depths: dict[str, int] = {}
    out: list[tuple[int, str]] = []
    for lines in nodes:
        header = next((k for k, (_, line) in enumerate(lines) if line.strip()), None)
        if header is None or lines[header][1].startswith(_NOT_A_NODE):
            continue
        found = _NODE.match(lines[header][1])
        if not found:
            continue
        up = _UP.search(lines[header][1])
        depth = depths[found[1]] = depths.get(up[1], -1) + 1 if up else 0
        body = lines[header + 1:]
        body = _without_link_notes(_without_menus(body))
        converted = _node_markdown(body, None if titled else min(depth + 1, 6))
        if depth == 0:
            # A top node titled "Top" (tinc's "@top Top") has no title of its own: "Top" names the node.
            converted = [(n, line) for n, line in converted if line.strip() != "# Top"]
        if depth == 0 and not any(line.startswith("# ") for _, line in converted) and (name := _MANUAL.match(text)):
            # A top node with no title of its own (bc's is a menu): the manual is named by its file.
            converted = [(lines[header][0], f"# {escaped(name[1])}"), (lines[header][0], ""), *converted]
        out += converted
    return out


def _without_menus(body: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A node's lines without its menus: "* Menu:" and its entries ("* Name::", at the line's start), with the
    comments that head groups of them ("-- The Detailed Node Listing --", "Useful one-liners:"). Text may follow a
    menu in its node (units' "CGS Units" introduces its systems after the menu of its sections): it is kept."""
    out: list[tuple[int, str]] = []
    k = 0
    while k < len(body):
        if not body[k][1].startswith("* Menu:"):
            out.append(body[k])
            k += 1
            continue
        k += 1
        comments = 0
        for start, end in _paragraphs(body, k):
            if body[start][1].strip() == "-- The Detailed Node Listing --":
                k = len(body)  # the rest of the top node lists every section
                break
            if any(line.startswith("* ") for _, line in body[start:end]):
                k, comments = end, 0
            elif end - start > MENU_COMMENT_LINES or comments == MENU_COMMENTS:
                break
            else:
                comments += 1  # a group's comment, when entries follow it
    return out


def _without_link_notes(body: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A node's lines without the rule over its footnotes, nor the footnotes that are only a link ("(1) See
    <https://...>."): read apart from the sentence that points to them, they say nothing."""
    rule = next((k for k, (_, line) in enumerate(body) if line.strip().startswith("---------- Footnotes")), None)
    if rule is None:
        return body
    notes = [body[start:end] for start, end in _paragraphs(body, rule + 1)]
    kept = [note for note in notes if not _LINK_NOTE.match(" ".join(line.strip() for _, line in note))]
    return body[:rule] + [line for note in kept for line in (*note, (note[-1][0], ""))]


def _paragraphs(body: list[tuple[int, str]], k: int) -> list[tuple[int, int]]:
    """The paragraphs from line k on (the plain-text reader's line groups), each as where it starts and ends."""
    return [(k + start - 1, k + start - 1 + len(group)) for start, group in line_groups([line for _, line in body[k:]])]


def _node_markdown(body: list[tuple[int, str]], title_level: int | None) -> list[tuple[int, str]]:
    """A node's text as Markdown; `title_level`: the level of the heading its first line makes, when it stands alone
    (in a manual without underlined titles)."""
    out: list[tuple[int, str]] = []
    start = next((k for k, (_, line) in enumerate(body) if line.strip()), len(body))
    # (The top node's first line is the manual's title, whatever follows it: "ASYMPTOTE FREQUENTLY ASKED QUESTIONS"
    # over its date, both centred.)
    if title_level and start < len(body) and (title_level == 1 or start + 1 == len(body)
                                              or not body[start + 1][1].strip()):
        number, line = body[start]
        out += [(number, f"{'#' * title_level} {escaped(_NUMBER.sub('', line.strip()))}"), (number, "")]
        start += 1
    k = start
    while k < len(body):
        number, line = body[k]
        following = body[k + 1][1].strip() if k + 1 < len(body) else ""
        if not line.strip():
            out.append((number, ""))
            k += 1
        elif _UNDERLINE.match(following) and (found := _table_rows(body, k))[0]:
            # Columns under a header and its rule (Ivy's "Short   Normal   Command name" over its key bindings): a
            # table, its rule no title's underline.
            rows, end = found
            table = pipe_table([cells for _, cells in rows], header=True)  # its header, its rule, its rows
            out += zip([number, number, *(n for n, _ in rows[1:])], table)
            out.append((body[end - 1][0], ""))
            k = end
        elif _UNDERLINE.match(following) and not _UNDERLINE.match(line.strip()):
            level = _LEVELS[following[0]]
            out += [(number, f"{'#' * level} {escaped(_NUMBER.sub('', line.strip()))}"), (number, "")]
            k += 2
        elif indentation(line) >= TEXT_INDENT:
            end = _indented_end(body, k)
            code = _dedented(body[k:end])
            fence = code_fence("\n".join(text for _, text in code))
            out += [(number, fence), *code, (body[end - 1][0], fence), (body[end - 1][0], "")]
            k = end
        elif item := (_BULLET.match(line) or _ORDERED.match(line)):
            marker = f"{item[1]}." if item.re is _ORDERED else "-"
            out.append((number, f"{marker} {_prose(line[item.end():])}"))
            k += 1
            while k < len(body) and body[k][1].strip() and indentation(body[k][1]) >= TEXT_INDENT:
                out.append((body[k][0], " " * (len(marker) + 1) + _prose(body[k][1])))
                k += 1
        else:
            terms = k + 1
            while (terms < len(body) and body[terms][1].strip() and indentation(body[terms][1]) < TEXT_INDENT
                   and not (_BULLET.match(body[terms][1]) or _ORDERED.match(body[terms][1]))):
                terms += 1
            # Text that leads in what follows it ("For example, with:", "Valid debug options include:") is no table's
            # item, nor is a paragraph whose first line makeinfo indents: an example under them is no description.
            lead_in = next((j for j in range(terms - 1, k - 1, -1) if body[j][1].rstrip().endswith(":")), None)
            items_follow = terms < len(body) and indentation(body[terms][1]) >= TEXT_INDENT
            parted = lead_in is not None and lead_in + 1 < terms and items_follow and terms - lead_in - 1 <= 3
            if parted:
                terms = lead_in + 1  # its lines are text; the items after it are read next, a paragraph apart
            described = (items_follow and terms - k <= 3 and lead_in is None
                         and not (terms - k > 1 and indentation(line) == PARAGRAPH_INDENT))
            if not described:
                out += [(n, _prose(text)) for n, text in body[k:terms]] + ([(body[lead_in][0], "")] if parted else [])
                k = terms
                continue
            # A table's item: its terms over its description, indented deeper (a definition list's term).
            out.append((number, escaped(", ".join(text.strip() for _, text in body[k:terms]))))
            end = _indented_end(body, terms)
            for j, (n, text) in enumerate(_dedented(body[terms:end], TEXT_INDENT)):
                # Its lines indented deeper still are an example: kept as written, code inside the description.
                shown = text if indentation(text) else _prose(text)
                out.append((n, (":   " if j == 0 else "    ") + shown if text.strip() else ""))
            out.append((body[end - 1][0], ""))
            k = end
    return out


def _table_rows(body: list[tuple[int, str]], k: int) -> tuple[list[tuple[int, list[str]]], int]:
    """The rows of a table laid out in columns whose header is line k, over a rule, each its line number and its
    cells, and where the table ends: the lines after the rule that split into as many cells as the header, blank
    lines between them (coreutils' set operations), and a line alone under the last column going on with the cell
    above it (none when line k is no header of two columns or more, or no row follows)."""
    header = CELL_GAP.split(body[k][1].strip())
    last_column = body[k][1].rfind(header[-1])  # where a cell's wrapped line sits, under its column
    rows = [(body[k][0], header)]
    end = k + 2
    for j in range(k + 2, len(body)):
        number, line = body[j]
        cells = CELL_GAP.split(line.strip())
        if not line.strip():
            continue
        if len(cells) == len(header):
            rows.append((number, cells))
        elif len(cells) == 1 and indentation(line) >= last_column and len(rows) > 1:
            rows[-1][1][-1] += " " + cells[0]
        else:
            break
        end = j + 1
    return (rows, end) if len(header) > 1 and len(rows) > 1 else ([], k)


def _seen_reference(found: re.Match) -> str:
    """A cross-reference read as "see ...": on the line where it ends when it wraps, so that every line keeps its
    number."""
    # A node of another manual, "(gcc)Bugs", reads "gcc Bugs".
    label = re.sub(r"^\(([^()\s]+)\)\s*", r"\1 ", " ".join((found[2] or found[4]).split()))
    wrapped = found[0].count("\n")
    indent = re.match(r"[ \t]*", found[0][found[0].rfind("\n") + 1:])[0] if wrapped else ""
    # "Also see *note Common options::." (Texinfo's "see @ref{...}") says "see" once.
    said = re.search(r"\bsee\s*$", found.string[max(0, found.start() - 20):found.start()], re.IGNORECASE)
    return "\n" * wrapped + indent + (label if said else f"{'S' if (found[1] or found[3]) == 'N' else 's'}ee {label}")


def _prose(text: str) -> str:
    """A line of text as Markdown."""
    return escaped(text.strip())


def _indented_end(body: list[tuple[int, str]], k: int) -> int:
    """Where the lines indented TEXT_INDENT or more from `k` end: at a line indented less (blank lines between
    indented ones go with them)."""
    end = k
    while end < len(body) and (indentation(body[end][1]) >= TEXT_INDENT or not body[end][1].strip()):
        end += 1
    while end > k + 1 and not body[end - 1][1].strip():
        end -= 1
    return end


def _dedented(lines: list[tuple[int, str]], by: int | None = None) -> list[tuple[int, str]]:
    """Lines without the indent they share (or `by` spaces of it)."""
    least = min((indentation(text) for _, text in lines if text.strip()), default=0) if by is None else by
    return [(n, text[least:] if text.strip() else "") for n, text in lines]
