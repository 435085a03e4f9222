"""EPUB books (.epub: a manual as Read the Docs and Sphinx publish it, pandoc's and Calibre's exports): the
chapters the book's spine lists, in its reading order, read by the HTML reader as one page, so that a section
that runs over chapters (a FAQ whose every question pandoc puts in a chapter of its own) reads as on the web.
The book's title is its title; its navigation document, title page, cover and index, the chapters it marks
as not in the reading order (linear="no") and what is not a page (styles, images, fonts) are left out. A book
protected with DRM is reported: its chapters cannot be read."""

from __future__ import annotations

import html
import io
import posixpath
import zipfile
from urllib.parse import unquote

from ..errors import DocumentError
from ..passage import Passage
from .html import parse_html, parsed_page

_CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
_OPF = "{http://www.idpf.org/2007/opf}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_PAGES = {"application/xhtml+xml", "text/html"}
_NOT_TEXT = {"titlepage", "cover", "toc", "landmarks", "page-list", "index"}  # epub:type of a book's parts


def parse_epub(data: bytes, *, source: str, title: str = "", max_chars: int = 1200) -> list[Passage]:
    book_title, chapters = _chapters(data, source)
    # One page of the chapters' parsed bodies, moved over as they are: not written out and parsed again.
    page = parsed_page(f"<html><head><title>{html.escape(book_title)}</title></head><body></body></html>")
    for body in chapters:
        # Each chapter's main part (a Sphinx book marks one in every chapter): the page's reader would read
        # the first chapter's alone.
        main = body.find("main") or body.find(attrs={"role": "main"}) or body
        page.body.extend(list(main.contents))
    return parse_html(page, source=source, title=title, max_chars=max_chars)


def _chapters(data: bytes, source: str) -> tuple[str, list]:
    """The book's title and the parsed body of each chapter in reading order."""
    from lxml import etree  # only when a corpus has books

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            names = set(book.namelist())
            if "META-INF/encryption.xml" in names and b"EncryptedData" in book.read("META-INF/encryption.xml"):
                raise DocumentError(source, "is an EPUB book protected with DRM: its chapters cannot be read; "
                                            "file skipped")
            container = etree.fromstring(book.read("META-INF/container.xml"), parser)
            rootfile = container.find(f".//{_CONTAINER}rootfile")
            package_path = rootfile.get("full-path", "") if rootfile is not None else ""
            package = etree.fromstring(book.read(package_path), parser)
            folder = posixpath.dirname(package_path)
            manifest = {item.get("id"): item for item in package.iter(f"{_OPF}item")}
            book_title = " ".join((package.findtext(f".//{_DC}title") or "").split())
            chapters = []
            for itemref in package.iter(f"{_OPF}itemref"):
                item = manifest.get(itemref.get("idref"))
                if item is None or itemref.get("linear") == "no" or item.get("media-type") not in _PAGES or \
                        "nav" in (item.get("properties") or "").split():
                    continue
                path = posixpath.normpath(posixpath.join(folder, unquote(item.get("href", ""))))
                if path not in names:
                    continue
                body = parsed_page(book.read(path)).body
                if body is None:
                    continue
                # The book's title page (its title is the book's), its cover, contents and index are not text.
                for part in body.find_all(attrs={"epub:type": True}):
                    if not part.decomposed and _NOT_TEXT & set(str(part.get("epub:type")).split()):
                        part.decompose()
                chapters.append(body)
        return book_title, chapters
    except DocumentError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged book fails in zipfile, zlib or lxml
        raise DocumentError(source, f"is not a readable EPUB book ({type(exc).__name__}: {exc}); file skipped") \
            from exc
