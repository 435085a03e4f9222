"""Command help: a command's `--help` output, as documentation shows it in a code block.

argparse, click, yargs and the like print each option over what it does, its description in a column to the right
("-C NOT_COLUMNS, --not-columns NOT_COLUMNS" over "A comma-separated list of column indices ..."). Cut into passages
by size like other code, an option's name and its description had landed in different passages. Read as what it is,
each option titles its description, as a definition's term does.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..text import indentation

# An option's name opens its line: "-c", "--columns", "-c COLUMNS, --columns COLUMNS", "--port, -p" (not a listing's
# "-rw-r--r--", nor a diff's "--- a/file").
_OPTION = re.compile(r"^(?:-[A-Za-z0-9?](?![\w-])|--[A-Za-z0-9][\w-]*)")
# Where a description starts after the option's name on one line: two spaces or more, or leaders drawn to it
# ("--silent   - - - Set ...", "-s, --sequential <tasks> - Run ...").
_GAP = re.compile(r"\S(  +(?:-  ?)*|(?: +-)+ +)(?=\S)")
# Leaders that some help texts draw between a name and its description ("--silent   - - - - Set ...").
_LEADERS = re.compile(r"(?:\s+-)+$")
LABEL_WORDS = 3  # "Options:", "optional arguments:" over the options label them
MIN_OPTIONS = 3  # a block with fewer options described is code that shows a few flags, not a command's help


@dataclass(frozen=True)
class Option:
    name: str  # "-c COLUMNS, --columns COLUMNS"
    description: str  # its lines joined
    line: int  # its first line, counted from 0 in the block


def read_command_help(text: str) -> list[str | Option] | None:
    """The parts of a command's help output in order: each option with its description, and the text between
    them (the usage, the command's description, examples) as runs of lines; None when `text` is no such help (fewer
    than MIN_OPTIONS options that each have a description in words)."""
    lines = text.expandtabs().split("\n")
    options = [k for k, line in enumerate(lines) if _OPTION.match(line.lstrip())]
    if len(options) < MIN_OPTIONS or any(line.rstrip().endswith("\\") for line in lines):
        return None  # (a command over several lines, "rg --colors line:fg:yellow \", is no help)
    margin = Counter(indentation(lines[k]) for k in options).most_common(1)[0][0]
    # The description column: where text stands after an option's name, or where its wrapped lines start.
    starts: Counter[int] = Counter()
    for k, line in enumerate(lines):
        if indentation(line) == margin and k in options and (gap := _GAP.search(line, margin)):
            starts[gap.end(1)] += 1
        elif indentation(line) > margin and line.strip() and not _OPTION.match(line.lstrip()):
            starts[indentation(line)] += 1
    if not starts:
        return None
    column = starts.most_common(1)[0][0]
    parts: list[str | Option] = []
    name, description, first = "", [], 0
    other: list[str] = []

    def text_before() -> None:
        """The lines before an option, without the label over the options ("optional arguments:")."""
        kept = "\n".join(other).strip("\n").split("\n")
        if kept[-1].rstrip().endswith(":") and len(kept[-1].split()) <= LABEL_WORDS:
            kept.pop()
        if "".join(kept).strip():
            parts.append("\n".join(kept).strip("\n"))

    def close() -> None:
        nonlocal name
        if name:
            parts.append(Option(name, " ".join(description), first))
            name = ""

    for k, line in enumerate(lines):
        indent = indentation(line)
        if not line.strip():
            close()
            other.append("")
            continue
        if indent == margin and _OPTION.match(line.lstrip()):
            close()
            text_before()
            other = []
            name, rest = _split(line, column)
            description, first = ([rest] if rest else []), k
        elif name and indent > margin:
            if _OPTION.match(line.lstrip()) and indent < column:
                # Another name of the same option on a line of its own ("-s, --sequential <tasks>" over "--serial
                # <tasks>"), maybe with the description going on to its right.
                more, rest = _split(line, column)
                name = f"{name}, {more}"
            else:
                rest = line.strip()
            if rest:
                description.append(rest)
        else:
            close()
            other.append(line)
    close()
    if other and any(other):
        parts.append("\n".join(other).strip("\n"))
    described = [p for p in parts if isinstance(p, Option)]
    if len(described) < MIN_OPTIONS or not all(re.search(r"[^\W\d_]", p.description) for p in described):
        return None
    return parts


def _split(line: str, column: int) -> tuple[str, str]:
    """An option's line as its name and the description to its right (at the column, or after a gap of two spaces
    when the name runs past the column)."""
    head = line[:column]
    # The column parts name and description where a gap or leaders end there: a name that runs past the column
    # ("-c COLUMNS, --columns COLUMNS" alone on its line) is not cut.
    if len(line) > column and line[column] != " " and (head.endswith("  ") or _LEADERS.search(head.rstrip())):
        name, rest = head, line[column:]
    else:
        gap = _GAP.search(line, indentation(line))
        name, rest = (line[:gap.start(1)], line[gap.end(1):]) if gap else (line, "")
    return _LEADERS.sub("", name.strip()).strip(), " ".join(rest.split())
