"""Vim's help files (usr_21.txt, options.txt, a plugin's doc/*.txt, the Vim FAQ), written as the Markdown they stand
for, then read by the Markdown reader; each line keeps the number of the help file's line it comes from.

A help file is known by its first line, its own name as a tag ("*usr_21.txt*  For Vim version 9.0."). That line,
the modeline at the end ("vim:tw=78:ts=8:ft=help") and the rules ("=====", "-----") are dropped; the line after a
rule is a heading ("*21.3*  Remembering information; viminfo", its tag and number dropped), and so is a line in
capitals with a tag ("SESSIONS AND VIMINFO  *viminfo-session*"). The manual's title is the first line under its
header line ("Go away and come back"); the links that open the file (its contents, "Next chapter: |usr_22.txt|")
are dropped. An example, announced by a line that ends in ">", runs to a line that starts with "<" or is back at the
margin: code. Tags ("*:mksession*") that end a line are dropped, and a link ("|:mkview|") reads as its target.
"""

from __future__ import annotations

import re

from ..text import clean
from .markdown import code_fence, escaped

_HEADER = re.compile(r"^\*[^*\s]+\.txt\*\s")
_MODELINE = re.compile(r"(?:^|\s)vim?:\s*(?:set\s+)?[\w=:]*(?:ft|filetype)=help\b.*$")
_RULE = re.compile(r"^(?:={10,}|-{10,})\s*$")
_TAGS_AT_END = re.compile(r"(?:\s+\*[^*\s|]+\*)+\s*$")
_TAGS_ONLY = re.compile(r"^\s*(?:\*[^*\s|]+\*\s*)+$")
_LINK = re.compile(r"\|([^|\s]+)\|")
_TAG = re.compile(r"\*([^*\s|]+)\*")
# A section's tag or number before its title ("*21.3*", "21.3", "1.").
_NUMBER = re.compile(r"^(?:\*[\d.]+\*|\d{1,3}(?:\.\d{1,3})*\.?)\s+")
# An entry of the contents that opens a file: "|21.1|  Suspend and resume", "1. Setting options  |set-option|".
_CONTENTS_ENTRY = re.compile(r"^\s*\|[^|\s]+\|\s+\S|^.*\S\s+\|[^|\s]+\|\s*$")
_NAVIGATION = re.compile(r"^\s*(?:(?:Next|Previous) chapter|Table of contents):")
# A line in capitals at the margin: a sub-heading ("GETTING BACK TO WHERE YOU STOPPED VIM").
_CAPITALS = re.compile(r"^[A-Z][A-Z0-9 ,'&/()-]*[A-Z0-9)]$")
# The mark that sets a line apart as a column heading ("1: ~/.viminfo ~").
_COLUMN_MARK = re.compile(r"\s~$")


def is_vim_help(text: str) -> bool:
    """Whether a text is a Vim help file: its first line names it as a tag ("*usr_21.txt*  For Vim ...")."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return bool(_HEADER.match(first))


def vim_help_markdown(text: str) -> list[tuple[int, str]]:
    """The help file as Markdown lines, each with the number of the file's line it comes from."""
    lines = clean(text.lstrip("\ufeff"), keep_indent=True).split("\n")
    out: list[tuple[int, str]] = []
    body = next((k for k, line in enumerate(lines) if _RULE.match(line)), len(lines))
    titled = False
    k = 1  # the header line is dropped
    while k < len(lines):
        number, line = k + 1, _COLUMN_MARK.sub("", _MODELINE.sub("", lines[k])).rstrip()
        stripped = line.strip()
        if (_TAGS_ONLY.match(line) or _NAVIGATION.match(line) or (k < body and _CONTENTS_ENTRY.match(line))
                or (lines[k].strip() and not stripped)):
            k += 1
            continue
        if k < body and not titled and stripped and "MANUAL" not in stripped:
            # The manual's title, centred under the line that names the manual ("VIM USER MANUAL - by ...").
            out += [(number, f"# {escaped(_text(stripped))}"), (number, "")]
            titled = True
            k += 1
            continue
        if k < body and "MANUAL" in stripped:
            k += 1
            continue
        if _RULE.match(line):
            k += 1
            while k < len(lines) and not lines[k].strip():
                k += 1
            if k < len(lines) and not _RULE.match(lines[k]) and not _NAVIGATION.match(lines[k]):
                out += [(k + 1, f"## {escaped(_heading(lines[k]))}"), (k + 1, "")]
                k += 1
            continue
        if not line[:1].isspace() and _CAPITALS.match(_TAGS_AT_END.sub("", line).strip()) and " " in stripped:
            out += [(number, f"### {escaped(_heading(line))}"), (number, "")]
            k += 1
            continue
        announces = stripped == ">" or line.rstrip().endswith(" >")
        if stripped != ">":
            text = line.rstrip()[:-1].rstrip() if announces else line
            # An indented line goes on with the paragraph above it; after a blank line, or under a line that
            # announces them, indented lines are laid out as written (a table of commands, a list of items): code.
            after_text = bool(out) and bool(out[-1][1].strip()) and not out[-1][1].startswith("`")
            if text[:1].isspace() and text.strip() and not announces and (not after_text or out[-1][1].endswith(":")):
                end = k
                while end < len(lines) and lines[end].strip() and lines[end][:1].isspace():
                    end += 1
                block = [_text(_COLUMN_MARK.sub("", row).rstrip()) for row in lines[k:end]]
                least = min(len(row) - len(row.lstrip()) for row in block)
                fence = code_fence("\n".join(block))
                out += [(number, ""), (number, fence), *((k + 1 + j, row[least:]) for j, row in enumerate(block)),
                        (end, fence), (end, "")]
                k = end
                continue
            out.append((number, escaped(_text(text.strip())) if text.strip() else ""))
        k += 1
        if announces:
            start = k
            while k < len(lines) and (not lines[k].strip() or lines[k][:1].isspace()) and not lines[k].startswith("<"):
                k += 1
            code = lines[start:k]
            while code and not code[-1].strip():
                code.pop()
            least = min((len(c) - len(c.lstrip()) for c in code if c.strip()), default=0)
            shown = [c[least:] for c in code]
            if shown:
                fence = code_fence("\n".join(shown))
                out += [(start, ""), (start, fence), *((start + 1 + j, c) for j, c in enumerate(shown)),
                        (k, fence), (k, "")]
            if k < len(lines) and lines[k].startswith("<"):
                # The example ends; the text after "<" goes on at the margin.
                if lines[k][1:].strip():
                    lines[k] = lines[k][1:].strip()
                else:
                    k += 1
    return out


def _heading(line: str) -> str:
    """A heading's text: without its tags and number."""
    return _text(_NUMBER.sub("", _TAGS_AT_END.sub("", line).strip()).strip())


def _text(text: str) -> str:
    """A line as it reads: a link as its target, a tag's text without its stars, no tags at its end."""
    return _TAG.sub(r"\1", _LINK.sub(r"\1", _TAGS_AT_END.sub("", text)))
