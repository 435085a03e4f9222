"""AsciiDoc: its block syntax (as the AsciiDoc language defines it) written as the Markdown it stands for, then
read by the Markdown reader; each passage keeps the line of the AsciiDoc text it starts at.

Section titles ("== Setup") are headings; listing and literal blocks ("----", "....") code; "|===" tables
(and CSV ones) pipe tables (a header row when the table says so, a blank line follows its first row or that
row names the columns by its words);
lists ("*", "**", ".", "1.") lists; a description list's term titles its description, so that a term that
asks ("Why ...?::", or any in a "[qanda]" list) is a FAQ question answered by it; admonitions ("NOTE: ...",
"[WARNING]" over a block) read "Note: ..."; a block title (".Example") opens its block. Comments, attribute
entries, block attributes, anchors, preprocessor directives and includes are dropped; attribute references
("{project-name}") are replaced with their values; inline macros read as the text they show
("link:url[text]": text, "<<id,text>>": text, "kbd:[Ctrl+C]": Ctrl+C).
"""

from __future__ import annotations

import re

from ..passage import Passage
from .markdown import code_fence, labelled, parse_converted, pipe_table
from .outline import MAX_SPAN, QUESTION_LABEL, names_columns

# A delimited block's fence: a line of four or more of one character ("----"), or an open block ("--").
_FENCE = re.compile(r"^(-{4,}|\.{4,}|={4,}|\*{4,}|_{4,}|\+{4,}|/{4,}|--)\s*$")
# The underline of a two-line section title, by level: "=" for the document's title, then "-", "~", "^", "+".
_UNDERLINE_LEVELS = "=-~^+"
_UNDERLINE = re.compile(r"^(?:={2,}|-{2,}|~{2,}|\^{2,}|\+{2,})$")
_TABLE_FENCE = re.compile(r"^([|,:!])={3,}\s*$")
_SECTION = re.compile(r"^(={1,6})\s+(\S.*?)(?:\s+=+)?\s*$")
_ATTRIBUTE_ENTRY = re.compile(r"^:(!?[\w][\w-]*!?):(?:\s+(.*))?$")
_BLOCK_ATTRIBUTES = re.compile(r"^\[(.*)\]\s*$")
_BLOCK_TITLE = re.compile(r"^\.([^\s.].*)$")
_DIRECTIVE = re.compile(r"^(?:ifdef|ifndef|ifeval|endif|include|toc|image|video|audio)::(\S*)\[(.*)\]\s*$")
_CONDITIONAL = re.compile(r"^(ifdef|ifndef|endif)::(\S*)\[(.*)\]\s*$")
_ADMONITION = re.compile(r"^(NOTE|TIP|IMPORTANT|WARNING|CAUTION):\s+(.*)$")
_ADMONITION_STYLES = {"NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"}
_UNORDERED = re.compile(r"^\s*(\*{1,5}|-)\s+(.*)$")
_ORDERED = re.compile(r"^\s*(\.{1,5}|\d{1,3}\.)\s+(.*)$")
# A description list's term and its separator ("CPU:: The processor", "Why ...?::", "term;;").
_TERM = re.compile(r"^\s*(\S.*?)(:{2,4}|;;)(?:\s+(.*))?$")
_URL_START = re.compile(r"^(?:https?|ftp|irc|link|xref|mailto):")
_BLOCK_START = re.compile(r"^\s*(?:#|[-*+] |\d+\. |```|\||---)")
_BREAKS = re.compile(r"^(?:'{3,}|<{3})\s*$")
_CONTINUATION = re.compile(r"^\+\s*$")
_HARD_BREAK = re.compile(r"\s\+$")
# What ends a description list's term when the term runs over lines of its own (pandoc writes these).
_TERM_END = re.compile(r"^\s*(?::{2,4}|;;)\s*$")
# Inline markup, as Markdown that shows the same: text with a role or highlighted ("[.ext]#»#", "#text#") and
# passthroughs ("++*++") as their text; links, cross references and images as Markdown's, so that the Markdown
# reader drops a list made only of links (a menu, a contents list) as it does any; other macros as their text.
_INLINE = [
    (re.compile(r"(?:\[[#.%][^\[\]\n]*\])?####"), ""),  # an anchor on an empty phrase: "[#faq-intro]####"
    (re.compile(r"\[[^\[\]\n]*\]##(.+?)##"), r"\1"),
    (re.compile(r"\[[^\[\]\n]*\]#([^#\n]+)#"), r"\1"),
    (re.compile(r"##([^#\n]+)##"), r"\1"),
    (re.compile(r"(?<![\w#/&])#(\S|\S[^#\n]*?\S)#(?![\w#])"), r"\1"),
    (re.compile(r"\+\+\+(\S(?:.*?\S)??)\+\+\+|\+\+(\S(?:.*?\S)??)\+\+"), lambda m: m.group(1) or m.group(2)),
    # A link's text ending in "^" opens it in a new window ("{url-rubygem}[asciidoctor^]"): the caret is no text.
    (re.compile(r"((?:https?|ftp|irc|link|xref):[^\s\[\]]*\[[^\[\]\n]*?)\^\]"), r"\1]"),
    # "link:" before a bare address: with attributes substituted first, its target is often one.
    (re.compile(r"\b(?:link|xref):([^\s\[\]]*)\[([^\]]*)\]"), r"[\2](\1)"),
    (re.compile(r"\b((?:https?|ftp|irc)://[^\s\[\]]+)\[\]"), r"\1"),
    (re.compile(r"\b((?:https?|ftp|irc)://[^\s\[\]]+)\[([^\]]*)\]"), r"[\2](\1)"),
    (re.compile(r"\bmailto:([^\s\[\]]+)\[([^\]]*)\]"), r"\2 (\1)"),
    (re.compile(r"<<([^,>]+),\s*([^>]+)>>"), r"[\2](#\1)"),
    # A reference by the id or title it names ("<<Boolean values>>"): that name, which may hold spaces, as text.
    (re.compile(r"<<([^>]+)>>"), r"\1"),
    (re.compile(r"\b(?:kbd|btn|pass|footnote|indexterm2?|stem|latexmath|asciimath):\[([^\]]*)\]"), r"\1"),
    (re.compile(r"\bmenu:([^\[\s]+)\[([^\]]*)\]"), r"\1 > \2"),
    # Git's (and projects that copy its set-up) link to a manual page: "linkgit:git-fetch[1]" shows "git-fetch(1)".
    (re.compile(r"\blinkgit:([^\s\[\]]+)\[(\d\w*)\]"), r"\1(\2)"),
    (re.compile(r"\bimage:[^\s\[\]]*\[([^\],]*)[^\]]*\]"), r"\1"),
    (re.compile(r"\[\[[^\]]*\]\]|\[#[\w-]+\]"), ""),
]
_BUILT_IN_ATTRIBUTES = {"nbsp": " ", "empty": "", "sp": " ", "plus": "+", "vbar": "|", "amp": "&", "lt": "<",
                        "gt": ">", "startsb": "[", "endsb": "]", "caret": "^", "asterisk": "*", "tilde": "~",
                        "backslash": "\\", "backtick": "`", "two-colons": "::", "zwsp": "", "quot": '"',
                        "apos": "'", "deg": "°", "brvbar": "¦", "ldquo": "“", "rdquo": "”", "lsquo": "‘",
                        "rsquo": "’"}
_CODE_SPAN = re.compile(r"(`+[^`]*`+)")
_COLUMNS = re.compile(r"""\bcols\s*=\s*["']?([^"'\]]+)""")
_ATTRIBUTE_REFERENCE = re.compile(r"(?<!\\)\{([\w][\w-]*)\}")
_CELL = re.compile(r"(?:^|(?<=\s))(?:\d+[*+]|\.\d+\+|\d+\.\d+\+)?[<^>]?(?:\.[<^>])?[adehlmsv]?(?<!\\)\|")


def parse_asciidoc(text: str, *, source: str, title: str = "", max_chars: int = 1200) -> list[Passage]:
    return parse_converted(asciidoc_to_markdown(text), source=source, title=title, max_chars=max_chars)


def asciidoc_to_markdown(text: str, first_line: int = 1, attributes: dict[str, str] | None = None
                         ) -> list[tuple[int, str]]:
    """The Markdown an AsciiDoc text stands for, line by line, each with the number of the line it comes from.
    A block inside the text is read with the attributes set so far (`attributes`)."""
    attributes = dict(_BUILT_IN_ATTRIBUTES) if attributes is None else attributes
    lines = _conditioned([line.rstrip() for line in text.split("\n")], attributes)
    out: list[tuple[int, str]] = []
    style = ""  # the block attributes' first word ("source", "NOTE", "qanda") for the next block
    header = False  # the next table's first row is its header ([options="header"], [%header])
    columns = 0  # the next table's columns, when it names them ([cols="1,2"], [cols="3*"])
    qanda = False  # in a [qanda] list, whose terms are questions, up to the next section
    last_term = 0  # the line of the last term that titles the lines after it, while nothing has followed it
    item_indent = 0  # where the text of the last list item starts in the Markdown ("1. " at depth 1: 3)
    attached = None  # the indent of a block attached to a list item with "+", while it is being written
    attached_written = False
    k = 0
    while k < len(lines):
        line, number = lines[k], first_line + k
        if attached_written:
            attached, attached_written = None, False

        def emit(*texts: str) -> None:
            write([(number, t) for t in texts])

        def write(written: list[tuple[int, str]]) -> None:
            # A block attached to a list item goes under the item in Markdown, so that the list goes on after it.
            nonlocal attached_written
            if attached is not None:
                written, attached_written = [(n, " " * attached + t if t.strip() else t) for n, t in written], True
            out.extend(written)

        underline = lines[k + 1] if k + 1 < len(lines) else ""
        if (_UNDERLINE.match(underline) and abs(len(underline) - len(line)) <= 1 and line.strip()
                and not line.startswith((" ", "\t", "[", ".", ":", "//")) and not line.endswith(":")
                and not _FENCE.match(line) and not _CONTINUATION.match(line)):  # "+" over an open block's "--"
            # A two-line section title (older AsciiDoc, Git's manuals): "Synopsis" over "--------".
            level = _UNDERLINE_LEVELS.index(underline[0]) + 1
            emit("", f"{'#' * level} {_inline(line.strip(), attributes)}", "")
            k += 2
            continue
        fence, table = _FENCE.match(line), _TABLE_FENCE.match(line)
        if fence or table:
            end = next((j for j in range(k + 1, len(lines)) if lines[j] == line), len(lines))
            body = lines[k + 1:end]
            if table:
                cells = [[_inline(cell, attributes) for cell in row] for row in _table(body, table.group(1), columns)]
                emit("", *pipe_table(cells, header or _header_apart(body) or names_columns(cells)), "")
            elif (line.startswith(("-", ".")) and line != "--") or style in ("source", "listing", "literal"):
                fence = code_fence("\n".join(body))
                emit(fence, *body, fence)
            elif line.startswith("+"):
                emit("", *body, "")  # passthrough: HTML, read by the Markdown reader's HTML reader
            elif not line.startswith("/"):  # a comment block is dropped
                # An example, sidebar, quote or open block: its text is the document's own, under the
                # admonition it may stand for ("[WARNING]" over "====").
                inner = asciidoc_to_markdown("\n".join(body), number + 1, attributes)
                if style in _ADMONITION_STYLES:
                    inner = labelled(inner, style.capitalize())
                emit("")
                write(inner)
                emit("")
            style, header, columns = "", False, 0
            k = end + 1
            continue
        k += 1
        if line.startswith("//") or _DIRECTIVE.match(line) and not line.startswith("image::"):
            continue
        if entry := _ATTRIBUTE_ENTRY.match(line):
            attributes[entry.group(1)] = entry.group(2) or ""
        elif attrs := _BLOCK_ATTRIBUTES.match(line):
            if not line.startswith("[["):
                style = re.split(r"[,.%#\s]", attrs.group(1).strip(), maxsplit=1)[0].strip('"')
                header = "header" in attrs.group(1)
                qanda = qanda or style == "qanda"
                if cols := _COLUMNS.search(attrs.group(1)):
                    spec = cols.group(1)
                    columns = int(spec.split("*")[0]) if "*" in spec else len(spec.split(","))
        elif image := _DIRECTIVE.match(line):
            emit(image.group(2).split(",")[0].strip())
        elif title := _BLOCK_TITLE.match(line):
            # A title that asks is a question paragraph over its block; another opens it ("Example: ...").
            named = _inline(title.group(1), attributes)
            emit("", named, "") if named.endswith("?") else emit(f"{named}:")
        elif section := _SECTION.match(line):
            qanda = False
            emit("", f"{'#' * len(section.group(1))} {_inline(section.group(2), attributes)}", "")
            if len(section.group(1)) == 1 and first_line == 1:
                # The document's header: its author and revision lines, up to the first blank line, are no text.
                while k < len(lines) and lines[k].strip():
                    if entry := _ATTRIBUTE_ENTRY.match(lines[k]):
                        attributes[entry.group(1)] = entry.group(2) or ""
                    k += 1
        elif _BREAKS.match(line):
            emit("", "---", "")
        elif _CONTINUATION.match(line.strip()) or _TERM_END.match(line):
            emit("")
            if _CONTINUATION.match(line.strip()) and _follows_list_item(lines[:k - 1]):
                attached = item_indent
        elif admonition := _ADMONITION.match(line):
            emit(f"{admonition.group(1).capitalize()}: {_inline(admonition.group(2), attributes)}")
        elif (line[:1] in (" ", "\t") and (k == 1 or not lines[k - 2].strip())
              and not (_UNORDERED.match(line) or _ORDERED.match(line) or _TERM.match(line))
              and not _describes(lines[:k - 1])):
            # A literal paragraph: its lines indented (" $ brew update" over " $ brew upgrade asciidoctor"), shown
            # as typed.
            end = next((j for j in range(k, len(lines)) if not lines[j].strip()), len(lines))
            body = lines[k - 1:end]
            least = min(len(text) - len(text.lstrip()) for text in body)
            fence = code_fence("\n".join(body))
            emit(fence, *(text[least:] for text in body), fence)
            k = end
        elif item := _UNORDERED.match(line):
            depth = 1 if item.group(1) == "-" else len(item.group(1))
            attached = None  # an item is never part of the one before it ("+" over "2. Next step")
            emit(f"{'  ' * (depth - 1)}- {_inline(item.group(2), attributes)}")
            item_indent = 2 * depth
        elif item := _ORDERED.match(line):
            depth = len(item.group(1)) if item.group(1).startswith(".") else 1
            attached = None
            emit(f"{'   ' * (depth - 1)}1. {_inline(item.group(2), attributes)}")
            item_indent = 3 * depth
        elif (term := _TERM.match(line)) and not _URL_START.match(line.strip()):
            # A term's lines broken with " +" (several wordings of a question) are one paragraph each.
            words = [_inline(term.group(1), attributes)]
            while out and out[-1][1].endswith("\\") and out[-1][1].strip() != "\\":
                words.insert(0, out.pop()[1][:-1].strip())
            if qanda:
                words = [w if w.endswith("?") or QUESTION_LABEL.match(w) else f"Q: {w}" for w in words]
            if term.group(3):
                # The description on the term's line: "CPU: The processor", or a bold question answered.
                colon = "" if words[-1].endswith(("?", ":", ".")) else ":"
                emit("", *words[:-1], f"**{words[-1]}**{colon} {_inline(term.group(3), attributes)}")
            else:
                # The description on the lines after it: the term titles it as a heading does, and one that
                # asks is a FAQ question; the other wordings follow as questions asked again. Terms stacked over
                # one description ("-a::" over "--all::") title it together, as Asciidoctor shows them.
                stacked = len(out) >= 2 and not out[-1][1] and out[-2][0] == last_term
                asked = stacked and out[-2][1].endswith("?") and (words[0].endswith("?") or qanda)
                if asked:
                    emit(words[0], "")  # another wording of the question, as after a " +" break
                elif stacked and not qanda and not words[0].endswith("?") and not out[-2][1].endswith("?"):
                    out[-2] = (out[-2][0], f"{out[-2][1]}, {words[0]}")
                else:
                    emit("", f"###### {words[0]}", "", *(t for w in words[1:] for t in (w, "")))
                    last_term = out[-2][0] if len(words) == 1 else 0
        else:
            emit(_inline(line.strip(), attributes))
            if style in _ADMONITION_STYLES and len(out) >= 2 and not out[-2][1].strip():
                out[-1] = (number, f"{style.capitalize()}: {out[-1][1]}")
        if not line.strip():
            style, header, columns = "", False, 0
    # A hard break ends a line only inside a paragraph: before a blank line or a block it would be a backslash.
    for n, (number, text) in enumerate(out):
        following = out[n + 1][1] if n + 1 < len(out) else ""
        if text.endswith("\\") and (not following.strip() or _BLOCK_START.match(following)):
            out[n] = (number, text[:-1].rstrip())
    return out


def _follows_list_item(before: list[str]) -> bool:
    """Whether a "+" after these lines attaches what follows it to a list item: the item's text, or a block
    attached to it before, ends right above it."""
    j = len(before) - 1
    while j >= 0 and before[j].strip():
        line = before[j]
        if _FENCE.match(line):  # the end of a block attached before: go on above where it opens
            j = next((i for i in range(j - 1, -1, -1) if before[i] == line), -1) - 1
        elif _UNORDERED.match(line) or _ORDERED.match(line):
            return True
        elif _TERM.match(line) or _SECTION.match(line):
            return False
        else:
            j -= 1
    return False


def _describes(before: list[str]) -> bool:
    """Whether the text after these lines is a description's: the last of them that is not blank is a term with
    nothing after it ("*base_dir*::"). Its indent does not make it a literal paragraph then, as Asciidoctor reads it."""
    last = next((line for line in reversed(before) if line.strip()), "")
    term = _TERM.match(last)
    return bool(term and not term.group(3) and not _URL_START.match(last.strip()))


def _conditioned(lines: list[str], attributes: dict[str, str]) -> list[str]:
    """The lines with what `ifdef::name[]` and `ifndef::name[]` leave out made comments (so that line numbers
    hold): a badge "ifdef::status[]" shows only where the attribute is set. Attribute entries are followed
    as they come; `a,b` is any of them, `a+b` all."""
    defined = {name for name, value in attributes.items() if value is not None}
    out, skipping = [], []  # skipping: for each open conditional, whether it leaves its lines out
    for line in lines:
        directive = _CONDITIONAL.match(line)
        if directive and directive.group(1) in ("ifdef", "ifndef") and not directive.group(3):
            names = directive.group(2)
            parts = names.split("+") if "+" in names else names.split(",")
            held = (all if "+" in names else any)(part in defined for part in parts)
            skipping.append(held != (directive.group(1) == "ifdef") or any(skipping))
            out.append("//")
            continue
        if directive and directive.group(1) == "endif":
            if skipping:
                skipping.pop()
            out.append("//")
            continue
        if skipping and skipping[-1]:
            out.append("//")
            continue
        if entry := _ATTRIBUTE_ENTRY.match(line):
            name = entry.group(1)
            if name.startswith("!") or name.endswith("!"):
                defined.discard(name.strip("!"))
            else:
                defined.add(name)
        out.append(line)
    return out


def _inline(text: str, attributes: dict[str, str]) -> str:
    """A line's text as Markdown: macros as their text or Markdown's links, attribute references as their
    values, a hard break (" +") as Markdown's ("\\")."""
    text = _HARD_BREAK.sub(lambda _: "\\", text)
    # Attribute references first, as Asciidoctor substitutes them: a link's address is often one
    # ("{url-docs}/install[the guide]"), and a value may hold another.
    for _ in range(3):
        text, before = _ATTRIBUTE_REFERENCE.sub(lambda m: attributes.get(m.group(1), m.group(0)), text), text
        if text == before:
            break
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    # "<" is text in AsciiDoc ("rg <pattern>"); in Markdown it would open a tag, which the reader drops. A code
    # span shows it as it is.
    return "".join(part if part.startswith("`") else part.replace("<", "&lt;") for part in _CODE_SPAN.split(text))


def _table(body: list[str], separator: str, columns: int) -> list[list[str]]:
    """A table's rows of cells: as many columns as the table names, else as the cells of its first line. A cell's
    spec spans columns ("2+|"), rows (".2+|") or both ("2.3+|"), filling each cell it spans, or repeats the cell
    ("3*|"), as Asciidoctor lays the table out."""
    if separator == "|":
        lines = [_spanned_cells(line) if _CELL.search(line) else None for line in body]
    else:
        lines = [[(c.strip(), 1, 1) for c in line.split("," if separator == "," else ":")] if line.strip() else None
                 for line in body]
    cells = [cell for found in lines if found for cell in found]
    width = columns or next((sum(across for _, _, across in found) for found in lines if found), 0)
    if not width:
        return []
    grid: dict[tuple[int, int], str] = {}
    row = column = 0
    for text, down, across in cells:
        while True:  # the next cell not spanned already
            if column >= width:
                row, column = row + 1, 0
            if (row, column) not in grid:
                break
            column += 1
        for r in range(row, row + down):
            for c in range(column, min(column + across, width)):
                grid[r, c] = text
        column += across
    rows = max((r for r, _ in grid), default=-1) + 1
    return [[grid.get((r, c), "") for c in range(width)] for r in range(rows)]


# A cell's spec, before its "|": repeated ("3*"), or spanning columns and rows ("2+", ".2+", "2.3+").
_CELL_SPEC = re.compile(r"^(?:(\d+)\*|(\d+)?(?:\.(\d+))?\+)")


def _spanned_cells(line: str) -> list[tuple[str, int, int]]:
    """A table line's cells as (text, rows spanned, columns spanned), a repeated cell once per copy."""
    separators = list(_CELL.finditer(line))
    cells = []
    for k, separator in enumerate(separators):
        end = separators[k + 1].start() if k + 1 < len(separators) else len(line)
        spec = _CELL_SPEC.match(separator.group())
        copies = int(spec.group(1)) if spec and spec.group(1) else 1
        across = int(spec.group(2)) if spec and spec.group(2) else 1
        down = int(spec.group(3)) if spec and spec.group(3) else 1
        copies, across, down = (n if 1 <= n <= MAX_SPAN else 1 for n in (copies, across, down))
        cells += [(line[separator.end():end].strip(), down, across)] * copies
    return cells


def _header_apart(body: list[str]) -> bool:
    """Whether a table's first row stands alone, a blank line under it: then it is the header."""
    first = next((n for n, line in enumerate(body) if line.strip()), None)
    return first is not None and first + 1 < len(body) and not body[first + 1].strip()
