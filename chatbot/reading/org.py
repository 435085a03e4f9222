"""Org (Emacs Org mode, README.org): its syntax written as the Markdown it stands for, then read by the Markdown
reader; each passage keeps the line of the Org file it starts at.

Headlines ("** Setup", without their TODO keyword, priority and tags) are headings; "#+TITLE:" the document's
title; source and example blocks code; quote, verse and centre blocks text, and a special block ("#+BEGIN_NOTE")
a note ("Note: ..."); lists and their levels; a description item that asks ("- Why ...? :: Because ...") a FAQ
entry, another "term: description"; tables pipe tables (the rows over the first rule are the header). Comments,
keywords, property drawers and comment blocks are dropped; links read as their text; fixed-width lines (": ...")
are code, and the commas that escape "*" and "#+" inside a block are dropped.
"""

from __future__ import annotations

import re

from ..passage import Passage
from .markdown import code_fence, labelled, parse_converted, pipe_table
from .outline import QUESTION_LABEL

_HEADLINE = re.compile(r"^(\*+)\s+(?:(?:TODO|DONE|NEXT|WAITING|CANCELLED)\s+)?(?:\[#[A-Z]\]\s+)?(.*?)"
                       r"(?:\s+:[\w@#%:]+:)?\s*$")
_KEYWORD = re.compile(r"^\s*#\+(\w+):\s*(.*)$")
_BLOCK_BEGIN = re.compile(r"^\s*#\+begin_(\w+)\b.*$", re.IGNORECASE)
_COMMENT = re.compile(r"^\s*#(?:\s.*)?$")
_DRAWER = re.compile(r"^\s*:(\w+):\s*$")
_ITEM = re.compile(r"^(\s*)(?:[-+]|(?<=\s)\*|\d+[.)])\s+(.*)$")
_DESCRIPTION = re.compile(r"^(.*?)\s+::(?:\s+(.*))?$", re.DOTALL)
_TABLE_ROW = re.compile(r"^\s*\|")
_TABLE_RULE = re.compile(r"^\s*\|[-+]+\|?\s*$")
_CODE_BLOCKS = {"src", "example", "export"}
_TEXT_BLOCKS = {"quote", "verse", "center"}
_INLINE = [
    (re.compile(r"<<<?[^<>\n]+>>>?"), ""),  # targets: "<<install>>"
    (re.compile(r"\\\\$"), "\\\\"),  # a line break ("\\" at a line's end), as Markdown's ("\")
    # A "file:" link is a path (Markdown readers refuse the scheme).
    (re.compile(r"\[\[(?:file:)?([^\]]+)\]\[([^\]]+)\]\]"), r"[\2](\1)"),
    (re.compile(r"\[\[(?:file:)?([^\]]+)\]\]"), r"\1"),
    (re.compile(r"(?<![\w=])=([^\s=](?:[^=\n]*?[^\s=])?)=(?![\w=])"), r"`\1`"),
    (re.compile(r"(?<![\w~])~([^\s~](?:[^~\n]*?[^\s~])?)~(?![\w~])"), r"`\1`"),
    (re.compile(r"(?<![\w/:])/([^\s/](?:[^/\n]*?[^\s/])?)/(?![\w/])"), r"*\1*"),  # "/not/": italics
    (re.compile(r"\s*-\*-.*?-\*-"), ""),  # Emacs' file variables: "-*- mode: org; coding: utf-8 -*-"
]
_FIXED_WIDTH = re.compile(r"^\s*:(?: |$)")
_ESCAPED = re.compile(r"^(\s*),(?=,*(?:\*|#\+))")  # ",* Target", ",#+begin_src" inside a block


def parse_org(text: str, *, source: str, title: str = "", max_chars: int = 1200) -> list[Passage]:
    return parse_converted(org_to_markdown(text), source=source, title=title, max_chars=max_chars)


def org_to_markdown(text: str) -> list[tuple[int, str]]:
    """The Markdown an Org text stands for, line by line, each with the number of the line it comes from."""
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[tuple[int, str]] = []
    k = 0
    while k < len(lines):
        line, number = lines[k], k + 1
        k += 1

        def emit(*texts: str) -> None:
            out.extend((number, t) for t in texts)

        if begin := _BLOCK_BEGIN.match(line):
            kind = begin.group(1).lower()
            end = next((j for j in range(k, len(lines)) if lines[j].strip().lower() == f"#+end_{kind}"),
                       len(lines))
            body = [_ESCAPED.sub(r"\1", line) for line in lines[k:end]]
            if kind in _CODE_BLOCKS:
                fence = code_fence("\n".join(body))
                emit(fence, *body, fence)
            elif kind != "comment":
                inner = org_to_markdown("\n".join(body))
                inner = [(n + number, t) for n, t in inner]
                if kind not in _TEXT_BLOCKS:  # a special block: "#+BEGIN_NOTE", "#+BEGIN_WARNING"
                    inner = labelled(inner, kind.capitalize())
                emit("")
                out.extend(inner)
                emit("")
            k = end + 1
            continue
        if _DRAWER.match(line) and line.strip().lower() != ":end:":
            end = next((j for j in range(k, len(lines)) if lines[j].strip().lower() == ":end:"), None)
            if end is not None:
                k = end + 1
                continue
        if keyword := _KEYWORD.match(line):
            if keyword.group(1).lower() == "title" and keyword.group(2).strip():
                emit("", f"# {_inline(keyword.group(2).strip())}", "")
            continue
        if _FIXED_WIDTH.match(line):
            # ": (setq ...)" lines: an example set in fixed width, as a block would be.
            end = next((j for j in range(k, len(lines)) if not _FIXED_WIDTH.match(lines[j])), len(lines))
            body = [re.sub(r"^\s*: ?", "", row) for row in lines[k - 1:end]]
            fence = code_fence("\n".join(body))
            emit(fence, *body, fence)
            k = end
            continue
        if _COMMENT.match(line):
            continue
        if headline := _HEADLINE.match(line):
            level = min(len(headline.group(1)), 6)
            emit("", f"{'#' * level} {_inline(headline.group(2))}", "")
        elif _TABLE_ROW.match(line):
            end = next((j for j in range(k, len(lines)) if not _TABLE_ROW.match(lines[j])), len(lines))
            table = lines[k - 1:end]
            rows = [[_inline(c.strip()) for c in row.strip().strip("|").split("|")]
                    for row in table if not _TABLE_RULE.match(row)]
            width = max(map(len, rows), default=0)
            rows = [row + [""] * (width - len(row)) for row in rows]
            # The rows over the first rule are the header; a table without one gets a header of blanks.
            if converted := pipe_table(rows, header=len(table) > 1 and bool(_TABLE_RULE.match(table[1]))):
                emit("", *converted, "")
            k = end
        elif item := _ITEM.match(line):
            indent = len(item.group(1).expandtabs())
            # The item's own lines: those indented under its bullet, up to a blank line.
            end = next((j for j in range(k, len(lines)) if not lines[j].strip()
                        or len(lines[j]) - len(lines[j].lstrip()) <= indent or _ITEM.match(lines[j])), len(lines))
            text = "\n".join([item.group(2), *(lines[j].strip() for j in range(k, end))])
            term = _DESCRIPTION.match(text) if " ::" in text or "\n::" in text else None
            name = term and " ".join(term.group(1).split())
            if name and (name.endswith("?") or QUESTION_LABEL.match(name)):
                # A description item that asks is a FAQ entry: its term a question, its description the answer;
                # a term broken over lines holds several wordings, each asked again under the first.
                wordings = [w.strip() for w in re.split(r"\\\\\s*", term.group(1)) if w.strip()]
                emit("", f"###### {_inline(wordings[0])}", "", *(t for w in wordings[1:] for t in (_inline(w), "")),
                     *(_inline(t.strip()) for t in (term.group(2) or "").split("\n")), "")
                k = end
            elif term and " ::" in item.group(2):
                name, description = item.group(2).split(" ::", 1)
                emit(f"{'  ' * (indent // 2)}- **{_inline(name.strip())}**: {_inline(description.strip())}".rstrip())
            else:
                emit(f"{'  ' * (indent // 2)}- {_inline(item.group(2))}")
        else:
            emit(_inline(line.strip()))
    return out


def _inline(text: str) -> str:
    """A line's text as Markdown: links as Markdown's, verbatim and code as code spans."""
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text
