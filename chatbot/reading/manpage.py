"""A manual page saved as text (`man gzip | col -bx > gzip.txt`, the way people keep a command's documentation):
its layout, as grotty and man-db print it, written as the Markdown it stands for, then read by the Markdown
reader; each passage keeps the line of the text it starts at.

The page is known by its first line, the name and section at both ends ("GZIP(1)   General Commands Manual
GZIP(1)"), and a section heading at the margin. That line and the page's last one (its date, version and name
again) are dropped. Headings at the margin ("DESCRIPTION", "SEE ALSO") are sections, lines indented less than the
text ("   Main porcelain commands") sub-sections; the NAME section's line ("gzip, gunzip, zcat - compress or expand
files") is the title. Text is indented (7 spaces; 5 in BSD's pages): its wrapped lines are joined, words
hyphenated at a line's end joined back and the spaces that justified it folded. A tagged paragraph, an option's
label over its description indented deeper ("-c --stdout" at 7, its text at 14), or on the same line when the label
is short ("-k     keep ..."), is a term that titles its description, as a definition list's term does; a tagged
paragraph inside a description ("b      block (buffered) special", the kinds of "-type c") is a list item of it.
Lines indented deeper than the text around them are a display (an example, a command to type): code. SYNOPSIS is
kept as written, a line per form of the command.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..passage import Passage
from ..text import clean
from .markdown import code_fence, escaped, parse_converted

# "GZIP(1)    General Commands Manual    GZIP(1)": the name and section at both ends, anything between.
_HEADER = re.compile(r"^(\S+?)\((\d\w{0,9}|n|l)\)(?:\s{2,}.*?)?\s{2,}\1\(\2\)\s*$")
# Groff's hyphen (U+2010) and minus sign (U+2212), as typed: "-".
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2212": "-"})
# A tagged paragraph's label that is a list's bullet or number.
_BULLET = re.compile(r"^(?:[•·○◦▪*+o-]|\d{1,3}[.)]|\(\d{1,3}\))$")
# A short label of a word or two and the spaces after it, when a page sets no width for its list.
_LABEL_GAP = re.compile(r"^\S+(?: \S+)? {2,}(?=\S)")
# A label longer than this is a line of text, not a term.
MAX_LABEL_CHARS = 60
# A description's usual indent past its label's, when the page shows none (groff's default .TP indent).
TAG_WIDTH = 7
# Lines this much deeper than the text around them, not a tagged paragraph's description, are a display.
DISPLAY_INDENT = 2


def is_manpage(text: str) -> bool:
    """Whether a text is a rendered manual page: its first line names the page and section at both ends, and a
    section heading stands at the margin under it."""
    return _page(text.lstrip("\ufeff").split("\n")) is not None


def _page(lines: list[str]) -> tuple[int, str] | None:
    """The header's index and the page's "name(section)", or None when the text is not a manual page."""
    first = next((k for k, line in enumerate(lines) if line.strip()), None)
    if first is None or not (header := _HEADER.match(lines[first].strip())):
        return None
    if not any(line[:1].isalpha() and line.rstrip() == line.rstrip().upper() for line in lines[first + 1:]):
        return None  # no section heading ("NAME", "DESCRIPTION") at the margin
    return first, f"{header.group(1)}({header.group(2)})"


def parse_manpage(text: str, *, source: str, title: str = "", max_chars: int = 1200) -> list[Passage]:
    return parse_converted(manpage_markdown(text), source=source, title=title, max_chars=max_chars)


@dataclass
class _Line:
    number: int  # 1-based, in the text
    indent: int
    text: str  # without its indent, as printed


@dataclass
class PageNode:
    kind: str  # "paragraph", "code", "term", "table"
    line: int
    text: str = ""
    lines: list[str] = field(default_factory=list)  # code
    children: list["PageNode"] = field(default_factory=list)  # a term's description
    rows: list[list[str]] = field(default_factory=list)  # a table's, its header first


def manpage_markdown(text: str) -> list[tuple[int, str]]:
    """The page as Markdown lines, each with the number of the text's line it comes from."""
    lines = clean(text.lstrip("\ufeff"), keep_indent=True).split("\n")
    found = _page(lines)
    if found is None:
        return [(k + 1, line) for k, line in enumerate(lines)]
    first, name = found
    header = lines[first].strip()
    body = [_Line(k + 1, len(line) - len(line.lstrip(" ")), line.strip()) for k, line in enumerate(lines)
            if k > first and line.strip()]
    if body and _is_footer(body[-1], name):
        footer = body.pop().text
        body = [line for line in body if line.text != footer]
    body = [line for line in body if line.text != header]  # a page printed in pages repeats its header
    blank_before = {line.number for k, line in enumerate(body) if k == 0 or body[k - 1].number < line.number - 1}
    hyphen = "\u2010" in text  # groff wrote its hyphens as U+2010: a "-" at a line's end is the word's own
    margin = _text_indent(body)
    page_widths = _description_indents(body)
    sections: list[tuple[_Line, list[_Line]]] = []
    for line in body:
        if line.indent < margin or not sections:
            sections.append((line, []))
        else:
            sections[-1][1].append(line)
    out: list[tuple[int, str]] = []
    titled = False
    for head, under in sections:
        if head.indent == 0 and head.text.upper() == "NAME" and under and not titled:
            out += [(under[0].number, "# " + escaped(_joined([line.text for line in under], hyphen))),
                    (under[0].number, "")]
            titled = True
            continue
        level = 2 if head.indent == 0 else 3
        out += [(head.number, f"{'#' * level} {escaped(' '.join(head.text.split()))}"), (head.number, "")]
        if head.indent == 0 and head.text.upper() == "SYNOPSIS" and under:
            out += _code(under)
            continue
        units = _Reader(under, blank_before, hyphen, page_widths).nodes(margin)
        out += render_nodes(units, depth=0)
    if not titled:
        # No NAME section: the page's name ("gzip(1)") is its title.
        out = [(first + 1, f"# {escaped(name.lower())}"), (first + 1, ""), *out]
    return out


def _is_footer(line: _Line, name: str) -> bool:
    """The page's last line: its name and section again at the end ("GNU grep 3.8   2019-12-29   GREP(1)"), or
    BSD's, its system's name at both ends of a date ("BSD    November 28, 2022    BSD")."""
    if line.text.endswith(name) or line.text.upper().endswith(name.upper()):
        return True
    return line.indent == 0 and len(re.findall(r"\S\s{3,}\S", line.text)) >= 1 and line.text.split()[0] == \
        line.text.split()[-1]


def _text_indent(body: list[_Line]) -> int:
    """Where the text stands: the indent of the most lines indented at all, at most 8."""
    counts: dict[int, int] = {}
    for line in body:
        if 0 < line.indent <= 8:
            counts[line.indent] = counts.get(line.indent, 0) + 1
    shallow = [indent for indent, n in counts.items() if n >= 0.2 * max(counts.values())]
    return min(shallow) if shallow else 1


class _Reader:
    """Reads a section's lines, by their indents, into paragraphs, displays and tagged paragraphs."""

    def __init__(self, lines: list[_Line], blank_before: set[int], hyphen: bool, page_widths: dict[int, int]) -> None:
        self.lines, self.blank_before, self.hyphen, self.at = lines, blank_before, hyphen, 0
        # The indent of a tag's description, by the indent of its label, as this section and the page set them.
        self.widths, self.page_widths = _description_indents(lines), page_widths

    def _run(self, k: int) -> list[_Line]:
        """The lines from k up to the next blank line."""
        run = [self.lines[k]]
        while k + 1 < len(self.lines) and self.lines[k + 1].number not in self.blank_before:
            k += 1
            run.append(self.lines[k])
        return run

    def nodes(self, indent: int) -> list[PageNode]:
        """The nodes of the text at `indent`, up to a line indented less."""
        out: list[PageNode] = []
        while self.at < len(self.lines) and self.lines[self.at].indent >= indent:
            line = self.lines[self.at]
            if line.indent > indent:
                out.append(self._display(indent))
                continue
            run = self._run(self.at)
            labels = list(_labels(run))
            if labels and len(run) > len(labels):
                # Labels over their description, indented deeper ("-c --stdout" over its text at 14).
                described = run[len(labels)].indent
                term = PageNode("term", line.number, text=", ".join(label.text for label in labels))
                self.at += len(labels)
                term.children = self.nodes(described)
                out.append(term)
                continue
            wrapped = self._wrapped_label(run)
            if wrapped:
                # A label too long for one line ("How do I use multiple accounts with the same hosting provider
                # using" over "HTTP?"), wrapped at the label's indent, over its description.
                term = PageNode("term", line.number, text=_joined([w.text for w in wrapped], self.hyphen))
                self.at += len(wrapped)
                term.children = self.nodes(run[len(wrapped)].indent)
                out.append(term)
                continue
            inline = self._inline_label(line, run)
            if inline:
                label, described = inline
                term = PageNode("term", line.number, text=label)
                self.lines[self.at] = _Line(line.number, described, line.text[described - line.indent:].lstrip())
                term.children = self.nodes(described)
                out.append(term)
                continue
            # A paragraph: its lines at this indent (a line a little deeper, a link set apart, goes with them).
            taken = [run[0]]
            for other in run[1:]:
                if other.indent >= indent + DISPLAY_INDENT and taken[-1].text.endswith(":"):
                    break
                taken.append(other)
            self.at += len(taken)
            out.append(PageNode("paragraph", line.number, text=_joined([t.text for t in taken], self.hyphen)))
        return out

    def _inline_label(self, line: _Line, run: list[_Line]) -> tuple[str, int] | None:
        """A label with its description on the same line ("-k     keep ..."; "-uid n File's numeric user ID"):
        the label and the description's indent, which the lines after it keep, or which tags at this indent
        have elsewhere on the page."""
        described = self.widths.get(line.indent, line.indent + TAG_WIDTH)
        offset = described - line.indent
        if len(run) > 1 and run[1].indent > line.indent:
            offset = run[1].indent - line.indent  # the description's next line shows where it stands
        elif line.indent not in self.widths and (gap := _LABEL_GAP.match(line.text)):
            offset = gap.end()  # a list of its own width ("cipher  Supported ciphers" in BSD's pages)
        full = " " * line.indent + line.text
        if len(full) <= line.indent + offset or full[line.indent + offset] == " " or \
                full[line.indent + offset - 1] != " ":
            return None
        label = full[line.indent:line.indent + offset].rstrip()
        gap = line.indent + offset - line.indent - len(label)
        if not label or not _label_shaped(label) or "  " in label:
            return None
        if gap < 2 and not label.startswith(("-", "+")):
            return None
        if len(run) > 1 and run[1].indent != line.indent + offset:
            return None
        return label, line.indent + offset

    def _wrapped_label(self, run: list[_Line]) -> list[_Line]:
        """The lines of a label longer than a term's ("How do I use multiple accounts with the same hosting provider
        using" over "HTTP?") or a sentence ("I'm on Windows and my text files are detected as binary."), when a
        description follows them at the indent the page sets for its labels' descriptions: the label's lines (up
        to three), or none. A clause that introduces what follows ("For example:") is no label."""
        head: list[_Line] = []
        for other in run:
            if other.indent != run[0].indent:
                break
            head.append(other)
        if len(head) > 3 or len(head) == len(run) or head[-1].text.endswith((",", ";", ":")):
            return []
        return head if self.page_widths.get(run[0].indent) == run[len(head)].indent else []

    def _display(self, indent: int) -> PageNode:
        """Lines indented deeper than the text, up to a line back at its indent: code, kept as laid out."""
        start = self.at
        while self.at < len(self.lines) and self.lines[self.at].indent > indent:
            self.at += 1
        shown = self.lines[start:self.at]
        least = min(line.indent for line in shown)
        code: list[str] = []
        for k, line in enumerate(shown):
            if k and line.number in self.blank_before:
                code.append("")
            code.append(" " * (line.indent - least) + line.text.translate(_DASHES))
        return PageNode("code", shown[0].number, lines=code)


def _description_indents(lines: list[_Line]) -> dict[int, int]:
    """The indent of a tag's description, by the indent of its label: the one most of the lines' labels have."""
    widths: dict[int, dict[int, int]] = {}
    for a, b in zip(lines, lines[1:]):
        if b.number == a.number + 1 and b.indent > a.indent and _label_shaped(a.text):
            widths.setdefault(a.indent, {}).setdefault(b.indent, 0)
            widths[a.indent][b.indent] += 1
    return {indent: max(seen, key=seen.get) for indent, seen in widths.items()}


def _labels(run: list[_Line]) -> list[_Line]:
    """The label lines that open a run of lines, each at the run's first indent, when a deeper line follows them:
    a tagged paragraph's labels (several when stacked: "-a" over "--all" over the description)."""
    labels: list[_Line] = []
    for line in run:
        if line.indent == run[0].indent and _label_shaped(line.text) and len(labels) < 3:
            labels.append(line)
            continue
        return labels if line.indent > run[0].indent else []
    return []


def _label_shaped(text: str) -> bool:
    """A line that may be a term: short, not a sentence's end or a clause that introduces what follows."""
    return 0 < len(text) <= MAX_LABEL_CHARS and (len(text) <= 3 or not text.endswith((".", ",", ";", ":")))


def _joined(lines: list[str], hyphen: bool) -> str:
    """Lines of a paragraph as one: a word hyphenated at a line's end joined back, the spaces that justified the
    lines folded."""
    text = ""
    for line in lines:
        line = " ".join(line.split())
        if text.endswith("\u2010") and text[-2:-1].isalpha() and line[:1].isalpha():
            text = text[:-1] + line  # "com‐" "pressed": groff's hyphenation
        elif text.endswith("-") and text[-2:-1].isalpha() and line[:1].islower():
            # In a page without U+2010 groff hyphenated with "-"; in one with it, a "-" is the word's own.
            text = (text if hyphen else text[:-1]) + line
        else:
            text = f"{text} {line}" if text else line
    return text.translate(_DASHES)


def _code(lines: list[_Line]) -> list[tuple[int, str]]:
    """Lines kept as laid out, as a fenced code block."""
    least = min(line.indent for line in lines)
    code = [(line.number, " " * (line.indent - least) + line.text.translate(_DASHES)) for line in lines]
    fence = code_fence("\n".join(text for _, text in code))
    return [(lines[0].number, fence), *code, (lines[-1].number, fence), (lines[-1].number, "")]


def render_nodes(nodes: list[PageNode], depth: int) -> list[tuple[int, str]]:
    """Nodes as Markdown lines. A term at the section's level is a definition list's term, its description the
    definition; one inside a description is a list item."""
    pad = "    " * depth
    out: list[tuple[int, str]] = []
    for node in nodes:
        if node.kind == "paragraph":
            out += [(node.line, pad + escaped(node.text)), (node.line, "")]
        elif node.kind == "code":
            fence = code_fence("\n".join(node.lines))
            out += [(node.line, pad + fence), *((node.line + k, pad + t if t else "") for k, t in
                                                 enumerate(node.lines)), (node.line, pad + fence), (node.line, "")]
        elif node.kind == "table":
            width = max(len(row) for row in node.rows)
            rows = [[escaped(cell).replace("|", "\\|") for cell in row] + [""] * (width - len(row)) for row in node.rows]
            out += [(node.line, f"{pad}| {' | '.join(row)} |") for row in [rows[0], ["---"] * width, *rows[1:]]]
            out.append((node.line, ""))
        elif node.kind == "term" and _BULLET.match(node.text):
            # "•" or "1." over its text: a list's item, at any depth.
            marker = "1." if node.text[:1].isdigit() else "-"
            inner = render_nodes(node.children, depth + 1)
            first = inner[0][1].strip() if inner and not inner[0][1].strip().startswith("`") else ""
            out.append((node.line, f"{pad}{marker} {first}"))
            out += [(n, pad + "   " + t[len(pad) + 4:] if t.strip() else "") for n, t in inner[1 if first else 0:]]
        elif node.kind == "term" and depth == 0:
            inner = render_nodes(node.children, depth + 1) or [(node.line, "    "), (node.line, "")]
            out.append((node.line, escaped(node.text)))
            # The definition's first line follows its ":" marker.
            first_line, first = inner[0]
            out.append((first_line, ":   " + first[4:]))
            out += inner[1:]
        elif node.kind == "term":
            inner = render_nodes(node.children, depth + 1)
            label = escaped(node.text)
            if inner and inner[0][1].startswith(pad + "    ") and not inner[0][1].strip().startswith("`"):
                # "- b: block (buffered) special", then its other paragraphs under it.
                out.append((node.line, f"{pad}- {label}: {inner[0][1].strip()}"))
                out += [(n, pad + "   " + t[len(pad) + 4:] if t.strip() else "") for n, t in inner[1:]]
            else:
                out += [(node.line, f"{pad}- {label}"), (node.line, "")]
                out += [(n, pad + "   " + t[len(pad) + 4:] if t.strip() else "") for n, t in inner]
    return out
