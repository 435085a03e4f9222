"""reStructuredText: read with docutils. Sections, definition lists, literal blocks and tables keep
their meaning; a section title or definition term that asks something is a FAQ question."""

from __future__ import annotations

from ..errors import DocumentError
from ..passage import Passage
from ..text import clean
from .outline import Block, build_passages, heading_block, looks_like_question, question_text

# Sphinx adds these roles and directives; plain docutils would report each use as an error.
_SPHINX_ROLES = ("ref", "doc", "term", "command", "option", "file", "program", "envvar", "class", "func",
                 "meth", "mod", "attr", "data", "const", "exc", "obj", "kbd", "samp", "guilabel", "menuselection")
_SKIP = ("target", "comment", "substitution_definition", "system_message", "pending", "raw", "footnote",
         "citation", "field_list", "docinfo", "problematic")


def parse_restructuredtext(text: str, *, source: str, title: str = "", max_chars: int = 1200) -> list[Passage]:
    return build_passages(restructuredtext_blocks(text, source=source), source=source, title=title, max_chars=max_chars)


def _setup() -> None:
    from docutils import nodes
    from docutils.parsers.rst import directives, roles
    from docutils.parsers.rst.directives.body import CodeBlock

    directives.register_directive("code-block", CodeBlock)
    directives.register_directive("sourcecode", CodeBlock)
    for name in _SPHINX_ROLES:
        roles.register_generic_role(name, nodes.literal)


def restructuredtext_blocks(text: str, *, source: str = "") -> list[Block]:
    from docutils.core import publish_doctree  # only when a corpus has reStructuredText

    _setup()
    try:
        tree = publish_doctree(clean(text, keep_indent=True), settings_overrides={
            "report_level": 5, "halt_level": 5, "doctitle_xform": False, "file_insertion_enabled": False,
            "raw_enabled": False, "input_encoding": "unicode", "warning_stream": False,
            "syntax_highlight": "none"})
    except Exception as exc:  # noqa: BLE001 - docutils reports most mistakes in the tree, but not all
        raise DocumentError(source, f"could not be read as reStructuredText ({type(exc).__name__}: {exc}); "
                                    "file skipped") from exc
    blocks: list[Block] = []
    _walk(tree, blocks, 0)
    return blocks


def _line(node) -> int:
    return node.line or 0


def _flat(node) -> str:
    return " ".join(node.astext().split())


def _walk(node, blocks: list[Block], depth: int) -> None:
    for child in node.children:
        _node(child, blocks, depth)


def _node(node, blocks: list[Block], depth: int) -> None:
    kind = node.tagname
    if kind in _SKIP:
        return
    if kind == "section":
        _walk(node, blocks, depth + 1)
    elif kind in ("title", "rubric"):
        blocks.append(heading_block(_flat(node), level=max(depth, 1), line=_line(node)))
    elif kind == "paragraph":
        text = _flat(node)
        if text:
            blocks.append(Block("paragraph", text, _line(node)))
    elif kind in ("literal_block", "doctest_block", "line_block"):
        code = node.astext().rstrip()
        if code.strip():
            blocks.append(Block("code", code, _line(node)))
    elif kind in ("bullet_list", "enumerated_list"):
        lines: list[str] = []
        _items(node, lines, 0)
        intro = ""
        if blocks and blocks[-1].kind == "paragraph" and blocks[-1].text.endswith(":"):
            intro = blocks.pop().text
        if lines:
            blocks.append(Block("list", "\n".join(lines), _line(node), intro=intro))
    elif kind == "definition_list":
        for item in node.children:
            term = next((c for c in item.children if c.tagname == "term"), None)
            definition = next((c for c in item.children if c.tagname == "definition"), None)
            if term is not None:
                text = _flat(term)
                blocks.append(Block("question", question_text(text)) if looks_like_question(text)
                              else heading_block(text, level=6))
            if definition is not None:
                _walk(definition, blocks, depth)
    elif kind == "table":
        rows = [[_flat(entry) for entry in row.children] for row in node.findall(
            lambda n: n.tagname == "row")]
        if len(rows) >= 2:
            blocks.append(Block("table", line=_line(node), rows=rows))
    else:  # admonitions, block quotes, containers, topics: their content
        _walk(node, blocks, depth)


def _items(node, lines: list[str], depth: int) -> None:
    for item in node.children:
        first = True
        for child in item.children:
            if child.tagname in ("bullet_list", "enumerated_list"):
                _items(child, lines, depth + 1)
            elif child.tagname not in _SKIP:
                text = _flat(child)
                if text:
                    lines.append(("  " * depth + "- " if first else "  " * (depth + 1)) + text)
                    first = False
