"""Perl's POD (.pod: perlfaq, a CPAN module's FAQ and manual, OpenSSL's manual pages): its paragraphs, as
perlpodspec defines them, written as the Markdown they stand for, then read by the Markdown reader; each
passage keeps the line of the POD text it starts at.

"=head1" to "=head6" are headings (a "NAME" section's line, "libnetFAQ - libnet Frequently Asked
Questions", is the document's title); a verbatim paragraph (indented) is code; "=over" ... "=back" lists
whose "=item *" and "=item 1." are bullets and numbers, and whose "=item" with a text of its own titles the
paragraphs under it as a heading does (up to the next item or the list's end), so that one that asks is a FAQ
question. Formatting codes read as what they show (C<...>
code, L<text|target> its text, E<gt> ">"); index entries (X<...>), "=begin"/"=end" and "=for" blocks for
other formatters, "=encoding" and the text outside POD ("=cut" to the next command) are dropped."""

from __future__ import annotations

import html
import re
import textwrap

from ..passage import Passage
from .markdown import code_fence, parse_converted
from .plaintext import line_groups

_COMMAND = re.compile(r"^=([a-zA-Z]\w*)\s*(.*)$", re.DOTALL)
_BULLET_ITEM = re.compile(r"^(?:\*|[-+o•])?\s*$|^\*\s+(.+)$", re.DOTALL)
_NUMBER_ITEM = re.compile(r"^(\d{1,3})\.?(?:\s+(.*))?$", re.DOTALL)
# A formatting code's start: its letter and its opening brackets ("C<", "C<< ").
_CODE_START = re.compile(r"([IBCLEFSXZ])(<+)(\s*)")
MAX_NESTING = 50  # codes inside codes, deeper than any document writes them
_ENTITIES = {"lt": "<", "gt": ">", "verbar": "|", "sol": "/", "lchevron": "«", "rchevron": "»"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def parse_pod(text: str, *, source: str, title: str = "", max_chars: int = 1200) -> list[Passage]:
    return parse_converted(pod_markdown(text), source=source, title=title, max_chars=max_chars)


def pod_markdown(text: str) -> list[tuple[int, str]]:
    """The POD text as Markdown lines, each with the number of the POD line it comes from."""
    out: list[tuple[int, str]] = []
    in_pod, skipping, titled, name_section = False, "", False, False
    lists: list[str] = []  # the kind of each open "=over": "bullet", "number", "term" ("" before its first item)
    marker = ""  # an item's bullet or number, when its text is the paragraph that follows
    for number, lines in line_groups(text.splitlines()):
        command = _COMMAND.match("\n".join(lines)) if lines[0].startswith("=") else None
        if command:
            word, argument = command.group(1), " ".join(command.group(2).split())
            in_pod, marker = word != "cut", ""
            if skipping:  # a block for another formatter, up to its "=end"
                skipping = "" if word == "end" and argument.split()[:1] == [skipping] else skipping
            elif word == "begin":
                skipping = (argument.split() or ["?"])[0]
            elif word.startswith("head") and word[4:].isdigit():
                name_section = word == "head1" and argument.upper() == "NAME"
                if not name_section:
                    level = min(int(word[4:]) + titled, 6)  # under the NAME line's title, one level down
                    out += [(number, f"{'#' * level} {_inline(argument)}"), (number, "")]
            elif word == "over":
                lists.append("")
            elif word == "back":
                # What follows a list of terms is not part of its last term's paragraphs: a rule ends them.
                out += [(number, ""), (number, "---"), (number, "")] if lists[-1:] == ["term"] else [(number, "")]
                lists = lists[:-1]
            elif word == "item":
                item, marker = _item(argument, lists)
                nested = "   " * max(_depth(lists) - 1, 0) if lists[-1] != "term" else ""
                marker = nested + marker if marker else ""
                if item:
                    out += [(number, nested + item), (number, "")]
            continue  # =pod, =cut, =for, =encoding and commands perlpodspec does not know
        if not in_pod or skipping:
            continue
        indent = "   " * _depth(lists)  # inside a list item, under its bullet or number
        if lines[0][:1] in (" ", "\t"):
            verbatim = textwrap.dedent("\n".join(line.expandtabs(8) for line in lines)).split("\n")
            code = [(number + k, f"{indent}{line}") for k, line in enumerate(verbatim)]
            fence = code_fence("\n".join(lines))
            out += [(number, f"{marker or indent}{fence}"), *code, (code[-1][0], f"{indent}{fence}"), (number, "")]
        elif name_section:
            # "libnetFAQ - libnet Frequently Asked Questions": the document's title.
            out += [(number, f"# {_inline(' '.join(lines))}"), (number, "")]
            name_section, titled = False, True
        else:
            # Codes may run over lines ("I<... \n ...>"): read over the paragraph, then kept line by line.
            out += [(number + k, f"{marker if k == 0 and marker else indent}{line}")
                    for k, line in enumerate(_inline("\n".join(lines)).split("\n"))]
            out.append((number, ""))
        marker = ""
    return out


def _depth(lists: list[str]) -> int:
    """How many bulleted or numbered lists are open: the depth of their items' paragraphs."""
    return sum(kind in ("bullet", "number") for kind in lists)


def _item(argument: str, lists: list[str]) -> tuple[str, str]:
    """An "=item" as a Markdown line, or as the marker of the paragraph that follows when it has no text of its
    own: a bullet, a number, or a term that titles the paragraphs under it (its list's kind is its first item's)."""
    if not lists:
        lists.append("")
    bullet, numbered = _BULLET_ITEM.match(argument), _NUMBER_ITEM.match(argument)
    lists[-1] = lists[-1] or ("bullet" if bullet else "number" if numbered else "term")
    if lists[-1] == "bullet" and bullet:
        return (f"- {_inline(bullet.group(1))}", "") if bullet.group(1) else ("", "- ")
    if lists[-1] == "number" and numbered:
        return (f"{numbered.group(1)}. {_inline(numbered.group(2))}", "") if numbered.group(2) else \
            ("", f"{numbered.group(1)}. ")
    # A term ("=item --verbose", "=item Why does it fail?") titles its paragraphs as a heading does, so that one
    # that asks is a FAQ question answered by them.
    return (f"###### {_inline(argument)}" if argument else "", "")


def _inline(text: str) -> str:
    """A paragraph's text with its formatting codes read: C<...> as a code span, L<...> as its text, E<...> as
    its character, X<...> and Z<> as nothing, others (I, B, F, S) as their text."""
    return _codes(text, 0, 0)[0]


def _codes(text: str, at: int, closing: int, depth: int = 0) -> tuple[str, int]:
    """The text from `at` up to the end of a code opened with `closing` brackets ("C<": ">"; "C<< ": a space,
    then ">>"; 0: the end of the text), with its codes read, and where it ended."""
    out: list[str] = []
    while at < len(text):
        if closing == 1 and text[at] == ">":
            return "".join(out), at + 1
        if closing > 1 and text[at].isspace():
            end = len(text) - len(text[at:].lstrip())
            if text.startswith(">" * closing, end):
                return "".join(out), end + closing
        start = _CODE_START.match(text, at)
        if start and depth < MAX_NESTING:
            brackets = len(start.group(2))
            inner, at = _codes(text, start.end() if brackets > 1 else at + 2, brackets, depth + 1)
            out.append(_code(start.group(1), inner))
            continue
        out.append(_MARKDOWN_SPECIAL.sub(r"\\\1", text[at]))
        at += 1
    return "".join(out), at


def _unescaped(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _code(letter: str, inner: str) -> str:
    if letter == "C":
        plain = _unescaped(inner).strip()
        fence = "``" if "`" in plain else "`"
        return f"{fence}{plain}{fence}" if plain else ""
    if letter == "L":
        shown, bar, _ = inner.partition("\\|")  # its text was escaped for Markdown: "|" is "\|"
        if bar:
            return shown
        # L<name/"section">, L</section>, L<name>: the section when one is named, else the name; L<url>: the url.
        if re.match(r"[a-z][a-z0-9+.-]*:\S", inner):
            return inner
        name, slash, section = inner.partition("/")
        return section.strip('"') if slash and section else name
    if letter == "E":
        return _MARKDOWN_SPECIAL.sub(r"\\\1", _entity(_unescaped(inner).strip()))
    if letter in "XZ":
        return ""
    return inner  # I, B, F, S: italic, bold, a file name, text that does not break


def _entity(name: str) -> str:
    """E<...>: a named character (lt, gt, verbar, sol, and HTML's names) or a number (decimal, 0x hex, 0 octal)."""
    if name in _ENTITIES:
        return _ENTITIES[name]
    if re.fullmatch(r"0x[0-9a-fA-F]{1,6}|0[0-7]{1,8}|\d{1,7}", name):
        value = int(name, 16) if name.startswith("0x") else int(name, 8) if name.startswith("0") and len(name) > 1 \
            else int(name)
        return chr(value) if value < 0x110000 and not 0xD800 <= value < 0xE000 else ""
    shown = html.unescape(f"&{name};")
    return "" if shown == f"&{name};" else shown
