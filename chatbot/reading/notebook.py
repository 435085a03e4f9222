"""Jupyter notebooks (.ipynb): their Markdown cells read by the Markdown reader, each code cell as code in
the passage it belongs to; outputs (results, plots, tracebacks) and raw cells are left out. A notebook is
JSON, so a passage's line in the file means nothing: it is left unknown (0)."""

from __future__ import annotations

import json
from dataclasses import replace

from ..errors import DocumentError
from ..passage import Passage
from .markdown import code_fence, parse_markdown


def parse_notebook(text: str, *, source: str, title: str = "", max_chars: int = 1200) -> list[Passage]:
    return [replace(p, line=0) for p in parse_markdown(notebook_markdown(text, source=source), source=source,
                                                       title=title, max_chars=max_chars)]


def notebook_markdown(text: str, *, source: str) -> str:
    """A notebook's cells in order, as one Markdown text: Markdown cells as they are, code cells fenced."""
    try:
        notebook = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise DocumentError(source, f"is not a readable Jupyter notebook (not valid JSON: {exc}); file skipped") \
            from exc
    # nbformat 4 keeps the cells at the top; nbformat 3 in worksheets.
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if cells is None and isinstance(notebook, dict) and isinstance(notebook.get("worksheets"), list):
        cells = [c for sheet in notebook["worksheets"] if isinstance(sheet, dict) for c in sheet.get("cells", [])]
    if not isinstance(cells, list):
        raise DocumentError(source, "is not a Jupyter notebook (no list of cells); file skipped")
    parts = []
    for cell in cells:
        if not isinstance(cell, dict):
            continue
        lines = cell.get("source", cell.get("input", ""))
        body = "".join(lines) if isinstance(lines, list) else str(lines)
        if not body.strip():
            continue
        if cell.get("cell_type") == "markdown":
            parts.append(body)
        elif cell.get("cell_type") == "code":
            fence = code_fence(body)
            parts.append(f"{fence}\n{body}\n{fence}")
    return "\n\n".join(parts)
