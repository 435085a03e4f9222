"""Markdown: read with a CommonMark parser (markdown-it-py, with pipe tables), not line by line.

Soft-wrapped lines join into one paragraph; fenced and indented code stays code inside the passage it
belongs to; raw HTML headings (`<h3>How do I ...?</h3>`) count as headings; a list made only of
links (a table of contents) is dropped; a list item that is a bold question ("1. **Why ...?**")
is a FAQ entry answered by the rest of the item.
"""

from __future__ import annotations

import re

from ..passage import Passage
from ..text import clean
from .outline import Block, build_passages, heading_block, looks_like_question

_HTML_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def parse_markdown(text: str, *, source: str, title: str = "", max_chars: int = 1200) -> list[Passage]:
    return build_passages(markdown_blocks(text), source=source, title=title, max_chars=max_chars)


def markdown_blocks(text: str) -> list[Block]:
    from markdown_it import MarkdownIt  # only when a corpus has Markdown
    from markdown_it.tree import SyntaxTreeNode

    text = clean(text, keep_indent=True)
    parser = MarkdownIt("commonmark").enable("table")
    tree = SyntaxTreeNode(parser.parse(text))
    blocks: list[Block] = []
    for node in tree.children:
        _emit(node, blocks)
    return blocks


def _line(node) -> int:
    return node.map[0] + 1 if node.map else 0


def inline_text(node) -> str:
    """The text a reader sees: link text without its target, code with its backticks, soft breaks as spaces."""
    parts: list[str] = []
    for child in node.children:
        if child.type == "text":
            parts.append(child.content)
        elif child.type == "code_inline":
            parts.append(f"`{child.content}`")
        elif child.type in ("softbreak",):
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "html_inline":
            parts.append(" " if re.match(r"<br\b", child.content, re.IGNORECASE) else "")
        elif child.type == "image":
            parts.append(child.attrs.get("alt", "") or inline_text(child))
        else:  # link, strong, em, s: their text
            parts.append(inline_text(child))
    return "".join(parts)


def _text(node) -> str:
    """Inline text of a paragraph-like node, spaces folded, line breaks kept."""
    inline = next((c for c in node.children if c.type == "inline"), None)
    raw = inline_text(inline) if inline is not None else node.content
    return "\n".join(" ".join(line.split()) for line in raw.split("\n")).strip()


def _is_link_only(item) -> bool:
    """A list item that is nothing but a link: an entry of a table of contents."""
    paragraphs = [c for c in item.children if c.type == "paragraph"]
    if len(paragraphs) != 1 or any(c.type not in ("paragraph", "bullet_list", "ordered_list") for c in item.children):
        return False
    inline = paragraphs[0].children[0]
    meaningful = [c for c in inline.children if not (c.type == "text" and not c.content.strip())]
    return len(meaningful) == 1 and meaningful[0].type == "link" and all(
        _is_link_only(sub) for lst in item.children if lst.type != "paragraph" for sub in lst.children)


def _bold_question(item) -> str:
    """The question of a list item that opens with a bold question ("**How do I ...?**"), else ""."""
    first = item.children[0] if item.children else None
    if first is None or first.type != "paragraph":
        return ""
    inline = first.children[0]
    if not inline.children or inline.children[0].type != "strong":
        return ""
    question = " ".join(inline_text(inline.children[0]).split())
    return question if looks_like_question(question) else ""


def _emit(node, blocks: list[Block], depth: int = 0) -> None:
    kind = node.type
    if kind == "heading":
        blocks.append(heading_block(_text(node), level=int(node.tag[1]), line=_line(node)))
    elif kind == "paragraph":
        text = _text(node)
        if text:
            blocks.append(Block("paragraph", text, _line(node)))
    elif kind in ("fence", "code_block"):
        code = node.content.rstrip("\n")
        if code.strip():
            blocks.append(Block("code", code, _line(node)))
    elif kind == "html_block":
        _html_block(node, blocks)
    elif kind in ("bullet_list", "ordered_list"):
        _list(node, blocks, depth)
    elif kind == "table":
        rows = []
        for section in node.children:
            for tr in section.children:
                rows.append([_text(cell) for cell in tr.children])
        if len(rows) >= 2:
            blocks.append(Block("table", line=_line(node), rows=rows))
    elif kind == "blockquote":
        for child in node.children:
            _emit(child, blocks, depth)
    # hr, and anything else without text: nothing to keep


def _html_block(node, blocks: list[Block]) -> None:
    content = node.content
    heading = _HTML_HEADING.search(content)
    if heading:
        text = " ".join(_TAG.sub("", heading.group(2)).split())
        if text:
            blocks.append(heading_block(_unescape(text), level=int(heading.group(1)), line=_line(node)))
        return
    if content.lstrip().startswith("<!--"):
        return
    text = " ".join(_TAG.sub(" ", content).split())
    if text:
        blocks.append(Block("paragraph", _unescape(text), _line(node)))


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


def _list(node, blocks: list[Block], depth: int) -> None:
    items = node.children
    if items and all(_is_link_only(item) for item in items):
        return  # a table of contents repeats the headings below it
    ordered = node.type == "ordered_list"
    # Nested items continue their parent's list.
    current: Block | None = blocks[-1] if depth and blocks and blocks[-1].kind == "list" else None
    intro = ""
    if depth == 0 and blocks and blocks[-1].kind == "paragraph" and blocks[-1].text.endswith(":"):
        intro = blocks.pop().text
    for number, item in enumerate(items, start=1):
        question = _bold_question(item) if depth == 0 else ""
        if question:
            current = None
            blocks.append(Block("question", question, _line(item), level=0))
            first = item.children[0].children[0]
            rest = " ".join(inline_text(c) for c in first.children[1:]).strip()
            if rest:
                blocks.append(Block("paragraph", " ".join(rest.split()), _line(item)))
            for child in item.children[1:]:
                _emit(child, blocks, depth + 1)
            continue
        marker = f"{number}." if ordered else "-"
        lead = "  " * depth + marker + " "
        for k, child in enumerate(item.children):
            if child.type == "paragraph":
                text = _text(child)
                if not text:
                    continue
                if current is None or blocks[-1] is not current:
                    current = Block("list", "", _line(child), intro=intro)
                    intro = ""
                    blocks.append(current)
                line = (lead if k == 0 else " " * len(lead)) + text.replace("\n", " ")
                current.text = f"{current.text}\n{line}" if current.text else line.lstrip()
            elif child.type in ("bullet_list", "ordered_list"):
                if current is None or blocks[-1] is not current:
                    current = Block("list", "", _line(child))
                    blocks.append(current)
                nested: list[Block] = [current]
                _list(child, nested, depth + 1)
                # Nested items join their parent's list; code or headings inside them follow it.
                blocks.extend(nested[1:])
            else:
                _emit(child, blocks, depth + 1)
