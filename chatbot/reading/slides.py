"""PowerPoint slides (.pptx): read with python-pptx, and split as a word processor's files are
(reading/office.py). Each slide's title is a heading (a title slide's, the deck's title), its text boxes,
tables and speaker notes what follows it, in reading order (top to bottom, then left to right). The
paragraphs of a body placeholder are bullets at their level, as PowerPoint shows them, unless a paragraph
turns its bullet off; in a text box, only a paragraph given a bullet is one."""

from __future__ import annotations

import io

from ..errors import DocumentError
from ..passage import Passage
from .office import Paragraph, Table, links_only, office_blocks
from .outline import build_passages, spread_cells

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def parse_pptx(data: bytes, *, source: str, title: str = "", max_chars: int = 1200) -> list[Passage]:
    return build_passages(office_blocks(_parts(data, source)), source=source, title=title, max_chars=max_chars)


def _parts(data: bytes, source: str) -> list[Paragraph | Table]:
    import pptx  # only when a corpus has slides

    try:
        deck = pptx.Presentation(io.BytesIO(data))
        parts: list[Paragraph | Table] = []
        for slide in deck.slides:
            parts += _slide(slide)
        return parts
    except Exception as exc:  # noqa: BLE001 - a damaged file fails in python-pptx, zipfile, zlib or lxml
        raise DocumentError(source, f"is not a readable PowerPoint .pptx file ({type(exc).__name__}: {exc}); "
                                    "file skipped") from exc


def _slide(slide) -> list[Paragraph | Table]:
    from pptx.enum.shapes import PP_PLACEHOLDER

    parts: list[Paragraph | Table] = []
    # A title slide's subtitle is a line of text under the deck's title, not a section.
    heading = {PP_PLACEHOLDER.TITLE: "Heading 1", PP_PLACEHOLDER.CENTER_TITLE: "Title"}
    # The slide number, date and footer repeat on every slide; they are not its text.
    furniture = {PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.HEADER}
    for shape in sorted(_shapes(slide.shapes), key=_reading_order):
        kind = shape.placeholder_format.type if shape.is_placeholder else None
        if kind in furniture:
            continue
        if getattr(shape, "has_table", False):
            # A merged cell fills the cells it spans, which hold no text of their own.
            parts.append(spread_cells([[(" ".join(cell.text.split()), cell.span_height, cell.span_width)
                                        for cell in row.cells if not cell.is_spanned] for row in shape.table.rows]))
        elif shape.has_text_frame:
            bulleted = kind in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
            parts += [_paragraph(p, heading.get(kind, ""), bulleted) for p in shape.text_frame.paragraphs]
    if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
        parts += [_paragraph(p, "", False) for p in slide.notes_slide.notes_text_frame.paragraphs]
    return parts


def _shapes(shapes):
    """The shapes of a slide, those inside groups too."""
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from _shapes(shape.shapes)
        else:
            yield shape


def _reading_order(shape) -> tuple[int, int]:
    return (shape.top or 0, shape.left or 0)


def _paragraph(paragraph, style: str, bulleted: bool) -> Paragraph:
    """One paragraph of a text frame; in a body placeholder, a bullet unless it turns its bullet off."""
    properties = paragraph._p.pPr
    marks = {child.tag for child in properties} if properties is not None else set()
    if f"{_A}buNone" in marks:
        bulleted = False
    elif marks & {f"{_A}buChar", f"{_A}buAutoNum"}:
        bulleted = True
    text = paragraph.text.replace("\v", "\n")  # python-pptx writes a line break as a vertical tab
    runs = [run for run in paragraph.runs if run.text.strip()]
    # A link is set on each of its runs: the runs of one address in a row are one link.
    links: list[str] = []
    previous = None
    for run in paragraph.runs:
        address = run.hyperlink.address
        if address and address == previous:
            links[-1] += run.text
        elif address:
            links.append(run.text)
        previous = address
    return Paragraph(style, text, paragraph.level if bulleted else None,
                     bool(runs) and all(run.font.bold for run in runs), links_only(links, text))
