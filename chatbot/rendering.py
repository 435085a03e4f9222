"""How the bot writes document text into its replies: as Markdown that shows the text as written (the web UI,
the API), and back as plain text for a terminal."""

from __future__ import annotations

import html
import re

# Outside code spans, the characters that would turn document text into Markdown emphasis or a heading
# ("__init__", "**kwargs", a code line "# equivalent to ...").
_CODE_SPAN = re.compile(r"(`+)[^`]*?\1")
_MARKDOWN_SIGN = re.compile(r"[*_]|^#", re.MULTILINE)
_LIST_STAR = re.compile(r"^(\s*)\\\*(?= )", re.MULTILINE)
# The bot's own emphasis in an answer's Markdown: bold and italics that are not escaped.
_OWN_EMPHASIS = re.compile(r"(?<!\\)(?:\*\*|_)")


def _outside_code_spans(text: str, pattern: re.Pattern, replacement) -> str:
    """`pattern` replaced in `text` except inside its code spans, which stay as written."""
    out, end = [], 0
    for span in [*_CODE_SPAN.finditer(text), None]:
        start = span.start() if span else len(text)
        out.append(pattern.sub(replacement, text[end:start]))
        if span:
            out.append(span.group())
            end = span.end()
    return "".join(out)


def markdown_text(text: str) -> str:
    """Document text as Markdown that shows it as written: HTML-escaped (quotes need no escape), and its
    emphasis signs and heading marks escaped outside code spans; a "* " bullet stays a bullet."""
    escaped = _outside_code_spans(html.escape(text, quote=False), _MARKDOWN_SIGN, lambda m: "\\" + m.group())
    return _LIST_STAR.sub(r"\1*", escaped)


def plain_text(markdown: str) -> str:
    """An answer's text for a terminal, which renders nothing: the characters themselves (code's indent in
    plain spaces, which code copied from the terminal needs), without the bot's own emphasis ("**", "_": the
    document's are escaped outside code spans) and line-break spaces."""
    text = re.sub(r"\\([*_#])", r"\1", _outside_code_spans(markdown, _OWN_EMPHASIS, "")).replace("&nbsp;", " ")
    return html.unescape(re.sub(r" +$", "", text, flags=re.MULTILINE))


def suggestion_line(question: str) -> str:
    """A question the bot offers, as the line of its reply's list that offers it (the web UI shows these lines
    as buttons instead)."""
    return f"- {markdown_text(question)}"
