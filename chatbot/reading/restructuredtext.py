"""reStructuredText: read with docutils. Sections, definition lists, literal blocks and tables keep
their meaning; a section title or definition term that asks something is a FAQ question. Sphinx's
directives are read as Sphinx shows them (descriptions under their signature, version notes, tabs,
drop-downs), not dropped as plain docutils would; so are roles and directives it does not know (an
extension's, a project's own): their text is kept, a cross-reference shown as its title."""

from __future__ import annotations

import ast
import functools
import re
import textwrap
from collections.abc import Iterator
from itertools import takewhile

from ..errors import DocumentError
from ..passage import Passage
from ..text import clean, word_count
from .html import MAX_REDIRECT_WORDS
from .outline import (FIELD_WORDS, PAGE_LINK, Block, asks_as_a_list, build_passages, callout, define_all,
                      drop_introduction, field_text, heading_block, introduces, labels_their_text, last_heading,
                      lists_definitions, named_entry, names_a_term, question_text, spread_cells, take_intro,
                      title_block)

# A cross-reference with a title of its own: "the canvas guide <guide-canvas>".
_TITLED_TARGET = re.compile(r"^(.+?)\s*<([^<>]+)>$", re.S)
# A Python object's dotted name, shortened ("~pkg.mod.Name") or relative (".Name") as Sphinx reads them, or
# relative to an application ("~@current_task", as Celery's documentation writes its app's attributes).
_PYTHON_NAME = re.compile(r"~?[.@]?[A-Za-z_][\w.]*")
# docutils' admonitions: a note, tip or warning set apart from the text ("admonition" has a title of its own).
ADMONITIONS = frozenset({"admonition", "attention", "caution", "danger", "error", "hint", "important", "note", "tip",
                          "warning"})
_SKIP = ("target", "comment", "substitution_definition", "system_message", "pending", "raw", "footnote",
         "citation", "docinfo", "problematic")
# Boxes set apart from the text, under a title of their own, read as admonitions are.
_ASIDES = frozenset({"topic", "sidebar"})


def parse_restructuredtext(text: str, *, source: str, title: str = "", max_chars: int = 1200) -> list[Passage]:
    return build_passages(restructuredtext_blocks(text, source=source), source=source, title=title, max_chars=max_chars)


# Why a page of a documentation project gives no text: its text is pulled in from the code when the site is
# built (Sphinx's autodoc, mkdocstrings).
AUTODOC = "holds only an API reference made from the code"
_PULLED_IN = re.compile(r"^\s*\.\.\s+(?:(?:py|c|cpp|js):)?(include|auto\w+)::\s*(\S*)", re.MULTILINE)


def pulled_in(text: str) -> str:
    """Why a reStructuredText page that gives no passages is empty, when its text is pulled in from elsewhere
    as Sphinx builds it ("" otherwise): an autodoc directive (an API reference made from the code's
    docstrings), or an include of another file."""
    found = _PULLED_IN.findall(text)
    code = [target for name, target in found if name != "include"]
    if code:
        return (f"{AUTODOC} (Sphinx's autodoc: {code[0]}), which only the built site has; file skipped. To answer "
                "from it, add the site Sphinx builds (its HTML) to the corpus")
    return includes_only([target for name, target in found if name == "include"])


# pip's moved pages: "This page has moved", with a refresh in the page's metadata (".. meta::" over
# ":http-equiv=refresh: 3; url=../../cli/pip_show/").
_META_REFRESH = re.compile(r"^[ \t]+:http-equiv=refresh:[ \t]*[\d.]*[ \t]*[;,][ \t]*url[ \t]*=[ \t]*(\S+)[ \t]*$",
                           re.IGNORECASE | re.MULTILINE)


def redirect_target(text: str) -> str:
    """Where a moved page's stub sends the reader ("" for a page): a refresh to another address in its metadata,
    and few words besides."""
    refresh = _META_REFRESH.search(text)
    if not refresh or word_count(_META_REFRESH.sub(" ", text)) > MAX_REDIRECT_WORDS:
        return ""
    return refresh.group(1)


def includes_only(included: list[str]) -> str:
    """Why a page that gives no passages is empty when it only includes other files ("" when it includes none)."""
    if not included:
        return ""
    return f"only includes {', '.join(included[:3])}; file skipped. An included file in the corpus is read on its own"


# Sphinx's and its common extensions' directives whose content is text to read (plain docutils drops the
# content of a directive it does not know). Their argument is a title (a drop-down's question, a tab's
# name), text that opens the content ("see also" notes), or neither (an "only" condition).
TITLED = ("dropdown", "tab", "group-tab", "code-tab", "tab-item", "card", "grid-item-card")
INLINE = ("seealso", "todo", "centered", "hlist")
CONTAINERS = ("only", "tabs", "tab-set", "grid", "grid-item")
# Containers that take no argument: their content may start on the line after them (Cython's ".. tabs::" right
# over ".. group-tab:: Pure Python"), which as an argument would be lost with the label it gives.
_BARE_CONTAINERS = ("tabs", "tab-set", "grid-item")
# Version notes, worded as Sphinx shows them ("Changed in version 2.1: ...").
VERSION_NOTES = {"versionadded": "New in version", "versionchanged": "Changed in version",
                 "deprecated": "Deprecated since version", "versionremoved": "Removed in version"}
# Descriptions of a function, class, option...: the signature heads the description, as on the page.
# Plain docutils has a "class" directive of its own (a class name for the next element, with no content):
# only a "class" with content is a description.
_OBJECTS = ("function", "class", "method", "staticmethod", "classmethod", "attribute", "property", "data",
            "exception", "decorator", "option", "envvar", "describe", "object", "type", "macro",
            "member", "var", "struct", "enum")
_DOMAINS = ("py", "js", "c", "cpp", "rst", "std")
# Directives that only point elsewhere, set context or pull code from other files: nothing to read here.
POINTERS = ("toctree", "index", "autosummary", "automodule", "autoclass", "autofunction", "automethod",
            "autoattribute", "autodata", "autoexception", "literalinclude", "highlight", "currentmodule",
            "module", "default-domain", "sectionauthor", "codeauthor", "moduleauthor", "program",
            "tabularcolumns", "graphviz", "digraph", "graph", "inheritance-diagram", "mermaid", "uml", "plantuml",
            "plot")
# A column's name is at most this many words ("SQLA 1.4 Time (secs)").
COLUMN_NAME_WORDS = 5
# sphinx.ext.doctest's setup and cleanup, and code with an option that hides it (IPython's ":suppress:",
# jupyter-sphinx's ":hide-code:"), run when the docs are built but are not shown: pymongo's "from pymongo import
# MongoClient" had been a passage of its own, xarray's "import numpy as np" part of its glossary's introduction.
HIDDEN_CODE_DIRECTIVES = frozenset({"testsetup", "testcleanup"})
HIDING_OPTIONS = frozenset({"suppress", "hide-code"})
# sphinx.ext.doctest's and notebook extensions' directives hold code and its output, shown as code.
CODE_DIRECTIVES = ("code-block", "sourcecode", "testcode", "testoutput", "testsetup", "testcleanup", "doctest",
                   "ipython", "jupyter-execute", "code-cell", "prompt")


# A line of code rather than prose: a decorator, a prompt or a comment opens it, a keyword of the common
# languages opens it, or it ends in what ends no sentence (a bracket, an "=", a ";", a ":" after a bracket).
_CODE_LINE = re.compile(
    r"^\s*(?:[@$>#]|(?:def|class|import|from|return|if|for|while|with|try|except|const|let|var|function)\b)"
    r"|[(\[{=;,]\s*$|[)\]}]:?\s*$|^\s*[)\]}]")


def _is_code(lines) -> bool:
    """Whether a directive's content is code: Python that does something, or most of its lines read as code and few
    end as sentences."""
    lines = [line for line in lines if line.strip()]
    code = sum(bool(_CODE_LINE.search(line)) for line in lines)
    prose = sum(line.rstrip().endswith((".", "!", "?")) for line in lines)
    return bool(lines) and (code >= 0.5 * len(lines) and prose <= 0.2 * len(lines) or _is_python(lines))


def _is_python(lines: list[str]) -> bool:
    """Whether the lines are a Python program that does something (a call, a definition, an assignment, an import),
    though its docstrings and strings read as prose (Click's examples: a command whose docstring is its help). A
    sentence is no Python; a word alone would be, but does nothing."""
    try:
        tree = ast.parse(textwrap.dedent("\n".join(lines)))
    except (SyntaxError, ValueError):
        return False
    return any(not isinstance(statement, ast.Expr) or isinstance(statement.value, (ast.Call, ast.Await))
               for statement in tree.body)


def _name_words(name: str) -> str:
    """The words of a label or file name ("asyncio install" of "asyncio_install", "exit codes" of "exit-codes")."""
    return " ".join(re.split(r"[_\-]+", name)).strip()


# An intersphinx target opens with the name of the project whose inventory holds it: "django:django.test.TestCase",
# "~django:django.test.TestCase", "django:assertions" show as Sphinx shows the target without it.
_INVENTORY = re.compile(r"^~?([A-Za-z][\w-]*:)(?=[~.\w-])")
# Roles whose text is shown as written (a file name, a sample, keys), not a cross-reference.
_LITERAL_ROLES = frozenset({"file", "samp", "kbd", "code", "literal", "math", "guilabel", "menuselection", "command",
                            "program", "regexp", "abbr", "dfn", "mimetype", "makevar", "manpage"})


def cross_reference_text(text: str, role: str = "") -> str:
    """What Sphinx shows for an interpreted text (:ref:, :class:, an extension's role): its title when it
    has one ("canvas guide" of "canvas guide <guide-canvas>"), else its target, "~" keeping the last dotted
    part ("~celery.result.AsyncResult", "~.Flask.route": "AsyncResult", "route") and the ".", "@" and "!"
    prefixes dropped. Sphinx shows the title of a page (:doc:) or section (:ref:) this page cannot see: the
    words of its name stand for it ("deploying" of "/deploying/index", "exit codes" of "exit-codes")."""
    titled = _TITLED_TARGET.match(text)
    if titled:
        return titled.group(1)
    target = text.removeprefix("!")
    if role not in _LITERAL_ROLES and (inventory := _INVENTORY.match(target)):
        target = target[:inventory.start(1)] + target[inventory.end():]
    if role == "doc":
        parts = [part for part in re.split(r"[/:]", target) if part and part != "index"]
        return _name_words(parts[-1]) if parts else target
    if role in ("ref", "numref"):
        return _name_words(target)
    if _PYTHON_NAME.fullmatch(target):  # not a path: ":file:`~/.bashrc`" stays as written
        target = target.rsplit(".", 1)[-1] if target.startswith("~") else target.lstrip(".")
        target = target.lstrip("~@")
    return target


@functools.cache  # the directives and roles are registered with docutils once
def _setup() -> None:
    from collections import defaultdict

    from docutils import nodes, utils
    from docutils.parsers.rst import Directive, directives, roles
    from docutils.parsers.rst.directives.body import CodeBlock

    # Extensions' options vary: take them all (an empty option table would read them as the argument).
    any_option = defaultdict(lambda: directives.unchanged, {"class": directives.class_option})

    class Container(Directive):
        has_content = True
        optional_arguments = 1
        final_argument_whitespace = True
        option_spec = any_option

        def run(self):
            node = self._content()
            argument = " ".join(" ".join(self.arguments).split())
            if argument and self.name in INLINE:
                node.insert(0, self._paragraph(argument))
            if self.name == "seealso" and self._references_only(node):
                # Links to other sections and pages only, shown by their titles, which this page cannot see:
                # read as the words of their labels, they were a passage of nonsense ("pooling toplevel
                # connections toplevel") that ranked for what the pages they name are about. HTML's link-only
                # lists go too.
                return []
            elif argument and self.name in TITLED:
                node["title"] = argument  # read as an admonition is: see _node
            return [node]

        def _content(self):
            """The directive's content, parsed as body text."""
            node = nodes.container()
            node.line = self.lineno
            self.state.nested_parse(self.content, self.content_offset, node)
            return node

        @staticmethod
        def _references_only(node) -> bool:
            """Whether every word of a node is in a link named in words or a reference to a section or page
            (:ref:, :doc:): not a name in code (:class:`.Session`), nor an address shown as it is."""
            def referred(text) -> bool:
                return any((isinstance(a, nodes.reference) and a.get("refuri") != a.astext())
                           or (isinstance(a, nodes.literal) and a.get("role") in ("ref", "doc", "numref"))
                           for a in _ancestors(text, node))

            words = [t for t in node.findall(nodes.Text) if any(c.isalnum() for c in t.astext())
                     and not any(isinstance(a, nodes.system_message) for a in _ancestors(t, node))]
            return bool(words) and all(map(referred, words))

        def _paragraph(self, text: str):
            """A paragraph of the directive's own text, its inline markup (roles, literals) read."""
            inline, _ = self.state.inline_text(text, self.lineno)
            return nodes.paragraph(text, "", *inline)

        @staticmethod
        def _entry(label: str, node):
            """The content as the definition of `label` (a signature, a setting's name): read as a term over its
            definition, it is an entry of a reference, and the text after it is under the heading again."""
            body = nodes.definition()
            body.extend(node.children)
            item = nodes.definition_list_item()
            item += [nodes.term(label, label), body]
            entries = nodes.definition_list()
            entries += item
            return entries

        @staticmethod
        def _labelled(node, label: str, alone):
            """The content with `label` opening its first paragraph ("Changed in version 3.0: ..."), or, when
            it opens with no paragraph, with the paragraph `alone` before it."""
            first = node.children[0] if node.children else None
            if isinstance(first, nodes.paragraph):
                first.insert(0, nodes.Text(f"{label}: "))
            else:
                node.insert(0, alone)
            return node

    class VersionNote(Container):
        required_arguments, optional_arguments = 1, 1  # the version, then maybe the note itself

        def run(self):
            node = self._content()
            label = f"{VERSION_NOTES[self.name]} {self.arguments[0]}"
            note = " ".join(" ".join(self.arguments[1:]).split())
            if note:
                node.insert(0, self._paragraph(f"{label}: {note}"))
                return [node]
            return [self._labelled(node, label, nodes.paragraph(text=f"{label}."))]

    class Description(Container):
        def run(self):
            if self.name == "class" and not self.content:
                return []
            node = self._content()
            signature = " ".join(" ".join(self.arguments).split())
            return [self._entry(signature, node)] if signature else [node]

    class Pointer(Container):
        def run(self):
            return []

    class Glossary(Container):
        """Sphinx's glossary: a definition list whose terms may stack, one to a line, over one definition
        ("source directory" over "root"), which docutils would read as one term of them all. Read as a
        definition list of terms joined by commas ("source directory, root"), so that they title it."""

        def run(self):
            node = nodes.definition_list()
            for terms, start, end in glossary_entries(list(self.content)):
                definition = self.content[start:end]
                definition.disconnect()  # dedented on its own, not in the directive's lines
                definition.trim_left(min(len(x) - len(x.lstrip()) for x in definition if x.strip()))
                item = nodes.definition_list_item()
                inline, _ = self.state.inline_text(", ".join(terms), self.lineno)
                body = nodes.definition()
                self.state.nested_parse(definition, self.content_offset + start, body)
                item += [nodes.term("", "", *inline), body]
                node += item
            return [node]

    class Unknown(Container):
        """A directive of an extension this reader does not know ("confval", "setting", "django-admin"): its
        content is read, as the definition of its argument when it has one, instead of dropped as plain docutils
        would."""

        def run(self):
            if not self.content:
                return []
            if _is_code(self.content):
                # Click's "click:example", a project's own "runblock": code, which read as text would be
                # broken into scraps, and its lines taken for headings and terms.
                code = "\n".join(self.content)
                return [nodes.literal_block(code, code)]
            node = self._content()
            argument = " ".join(" ".join(self.arguments).split())
            return [self._entry(argument, node) if argument else node]

    def cross_reference(name, rawtext, text, lineno, inliner, options=None, content=None):
        text = utils.unescape(text)
        node = nodes.literal(rawtext, cross_reference_text(text, "" if name == "ref" else name), role=name)
        if name == "ref" and not _TITLED_TARGET.match(text):
            node["label"] = text.lower()  # shown as the title of the section it names: see _titled_references
        return [node], []

    # Sphinx and its extensions define many more directives and roles than docutils knows, and projects add
    # their own; docutils would drop the text of each or show it as raw markup. docutils looks both up
    # through these two functions, so an unknown name falls back to reading the text.
    find_directive, find_role = directives.directive, roles.role

    def directive_or_unknown(name, language, document):
        found, messages = find_directive(name, language, document)
        return found or Unknown, messages

    def role_or_cross_reference(name, language, lineno, reporter):
        found, messages = find_role(name, language, lineno, reporter)
        return found or cross_reference, messages

    directives.directive, roles.role = directive_or_unknown, role_or_cross_reference

    class Code(CodeBlock):
        """Sphinx's code-block and its kin, whatever their options (":caption:", ":emphasize-lines:",
        ":linenos:"): docutils' own takes three and drops a block with any other. The caption names the code
        (Flask's tutorial: "``flaskr/db.py``") and is read before it, as Sphinx shows it."""

        option_spec = any_option

        def run(self):
            if self.name in HIDDEN_CODE_DIRECTIVES or HIDING_OPTIONS & self.options.keys():
                return []  # code the page does not show: a doctest's setup, IPython's ":suppress:"
            caption = self.options.pop("caption", "")
            self.options = {k: v for k, v in self.options.items() if k in CodeBlock.option_spec}
            code = super().run()
            if not caption:
                return code
            inline, _ = self.state.inline_text(caption, self.lineno)
            return [nodes.paragraph(caption, "", *inline), *code]

    def title_reference(name, rawtext, text, lineno, inliner, options=None, content=None):
        # The default role, which Sphinx projects set to a cross-reference ("`load <Schema.load>`"), shows
        # its title; any other text as written ("`localhost:7900`", "`wrote <bytecode path>`": a target names
        # no words; "`<module-name>:<attribute-name>`": a title holds no placeholder).
        text = utils.unescape(text)
        titled = _TITLED_TARGET.match(text)
        shown = (titled.group(1) if titled and not re.search(r"\s", titled.group(2)) and "<" not in titled.group(1)
                 else text)
        return [nodes.title_reference(rawtext, shown)], []

    roles.register_canonical_role("title-reference", title_reference)
    for name in CODE_DIRECTIVES:
        directives.register_directive(name, Code)
    class BareContainer(Container):
        optional_arguments = 0

    for name in (*TITLED, *INLINE, *CONTAINERS):
        directives.register_directive(name, BareContainer if name in _BARE_CONTAINERS else Container)
    for name in VERSION_NOTES:
        directives.register_directive(name, VersionNote)
    directives.register_directive("glossary", Glossary)
    for name in _OBJECTS:
        for full in (name, *(f"{domain}:{name}" for domain in _DOMAINS)):
            directives.register_directive(full, Description)
    for name in POINTERS:
        for full in (name, *(f"{domain}:{name}" for domain in _DOMAINS)):
            directives.register_directive(full, Pointer)


def _names_columns(cells) -> bool:
    """Whether a table's row reads as the names of its columns: each cell a few words that open in capitals, with
    no comma and no end of a sentence."""
    cells = [cell for cell in cells if cell]
    return bool(cells) and all(cell[0].isupper() and "," not in cell and cell[-1] not in ".!?:"
                               and len(cell.split()) <= COLUMN_NAME_WORDS for cell in cells)


def glossary_entries(lines: list[str]) -> list[tuple[list[str], int, int]]:
    """(terms, first line, end) of the definition of each entry of a Sphinx glossary's content: the lines at
    the content's own indent are terms, one to a line, the more indented ones under them their definition."""
    def indent(line: str) -> int:
        return len(line) - len(line.lstrip())

    base = min((indent(line) for line in lines if line.strip()), default=0)
    entries: list[tuple[list[str], int, int]] = []
    terms: list[str] = []
    k = 0
    while k < len(lines):
        if not lines[k].strip():
            k += 1
        elif indent(lines[k]) == base:
            terms.append(" ".join(lines[k].split()))
            k += 1
        else:
            end = k
            while end < len(lines) and (not lines[end].strip() or indent(lines[end]) > base):
                end += 1
            entries.append((terms, k, end))
            terms, k = [], end
    return entries


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
    _titled_references(tree)
    _inline_footnotes(tree)
    blocks: list[Block] = []
    _walk(tree, blocks, 0)
    return blocks


def _ancestors(node, root) -> Iterator:
    """A docutils node's ancestors up to `root`, not including it."""
    parent = node.parent
    while parent is not None and parent is not root:
        yield parent
        parent = parent.parent


def _titled_references(tree) -> None:
    """A :ref: to a section of the same page shows that section's title, as Sphinx shows it; one to another
    page's, its label's words ("asyncio install" of "asyncio_install"), as near as this page can tell."""
    from docutils import nodes

    for node in tree.findall(nodes.literal):
        if not node.get("label"):
            continue
        target = tree.ids.get(tree.nameids.get(node["label"]) or "")
        if isinstance(target, nodes.section) and target.children and target[0].tagname == "title":
            node.children = [nodes.Text(_flat(target[0]))]
        else:
            node.children = [nodes.Text(_name_words(node.astext()))]


def _inline_footnotes(tree) -> None:
    """A footnote's mark shows its note in parentheses, as Markdown's do ("January, February ... (localization
    support for parsing and formatting)"): the notes themselves are skipped, and the mark alone ("1") had read as
    a word of the text."""
    from docutils import nodes

    for mark in list(tree.findall(nodes.footnote_reference)):
        note = tree.ids.get(mark.get("refid") or "")
        text = " ".join(_flat(child) for child in note.children
                        if child.tagname not in ("label", "system_message")) if note else ""
        mark.parent.replace(mark, nodes.Text(f" ({text})" if text else ""))


def _line(node) -> int:
    """The source line a node starts at; a node docutils leaves without one (a code block in a tab) is at its
    container's."""
    while node is not None and not node.line:
        node = node.parent
    return node.line if node is not None else 0


def _flat(node) -> str:
    """A node's text on one line, without the parser's messages that docutils leaves in it (a table cell holding
    "??" gets one about a possible title)."""
    def message(n) -> bool:
        return n.tagname == "system_message"

    if next(node.findall(message, include_self=False), None) is not None:
        node = node.deepcopy()
        for found in list(node.findall(message, include_self=False)):
            found.parent.remove(found)
    return " ".join(node.astext().split())


def _picture(node) -> bool:
    """An image, or a link made of images only (a badge)."""
    return node.tagname == "image" or (node.tagname == "reference" and bool(node.children)
                                       and all(c.tagname == "image" for c in node.children))


# Text beside a row of badges that only remarks on them: "|README-Hits| (Since 19 May 2016)".
_REMARK = re.compile(r"\s*\(.*\)\s*", re.S)


def _pictures_only(node) -> bool:
    """A paragraph, a line or a table cell that shows pictures only (a logo, a row of badges), maybe with a remark on
    them in parentheses: their alt texts ("Logo", "Build-Status"), by default the names of their substitutions, are
    not text. Inside a sentence ("run the |notebook-demo|") the name stands for a word."""
    if node.tagname == "entry":  # a table cell: its paragraphs
        return bool(node.children) and all(_pictures_only(c) for c in node.children)
    parts = [c for c in node.children if c.tagname not in _SKIP and (c.tagname != "#text" or c.astext().strip())]
    return any(map(_picture, parts)) and all(
        _picture(c) or (c.tagname == "#text" and _REMARK.fullmatch(c.astext())) for c in parts)


def _lines_of_pictures(node) -> bool:
    """A line block whose lines show pictures only (psutil's README opens with three lines of badges)."""
    lines = [line for line in node.findall(lambda n: n.tagname == "line") if line.children]
    return bool(lines) and all(map(_pictures_only, lines))


def _logos(table) -> bool:
    """A table of logos (tqdm's sponsors: "|OpenAI|" over "OpenAI"): pictures head its columns, where a table of data
    names them."""
    first = next(table.findall(lambda n: n.tagname == "row"), None)
    return first is not None and any(_pictures_only(entry) for entry in first.children)


def _drop_lead_in(node, blocks: list[Block]) -> None:
    """Take off what introduced a block the reader drops (pictures, a list of links), which has nothing left to lead
    into: a paragraph set in bold over it (tqdm's "**Featured Sponsors**" over its sponsors' logos), or the sentence
    ending with a colon before it ("There are other places where tqdm may be downloaded:" over a badge)."""
    siblings = [c for c in node.parent.children if c.tagname not in _SKIP] if node.parent is not None else []
    at = next((k for k, c in enumerate(siblings) if c is node), 0)
    before = siblings[at - 1] if at else None
    if before is None or before.tagname != "paragraph" or not blocks or blocks[-1].kind != "paragraph" \
            or blocks[-1].line != _line(before):
        return
    parts = [c for c in before.children if c.tagname != "#text" or c.astext().strip()]
    if len(parts) == 1 and parts[0].tagname == "strong":
        blocks.pop()
    else:
        drop_introduction(blocks)


def _walk(node, blocks: list[Block], depth: int) -> None:
    children = list(node.children)
    fields = [_field(child) for child in children]
    # A name over an indented block (supervisor's ``startretries`` over what it does, its default and version;
    # "Web Server" over what it is): a definition written without a definition list (docutils reads a blank line
    # between them as a paragraph and a block quote).
    names = [k + 1 < len(children) and children[k + 1].tagname == "block_quote" and _names_only(child)
             for k, child in enumerate(children)]
    for k, child in enumerate(children):
        if k and names[k - 1]:
            continue  # read with the name over it
        if fields[k] and (k and fields[k - 1] or k + 1 < len(children) and fields[k + 1]):
            # Fields written as paragraphs ("*Default*: 3", "*Required*: No."), two or more in a row: a field
            # list, as Sphinx would show one.
            if not (k and fields[k - 1]):
                run = takewhile(bool, fields[k:])
                blocks.append(Block("list", "\n".join(f"- {field}" for field in run), _line(child)))
        elif names[k]:
            if not (k >= 2 and names[k - 2]):
                # The names over blocks in a row are one list of terms, read together: names over values
                # (Pyramid's "docs/" over "3.6MB") are one list under what introduces them (define_all).
                run = list(takewhile(lambda j: names[j], range(k, len(children), 2)))
                define_all(blocks, [(_flat(children[j]), functools.partial(_walk, children[j + 1], blocks, depth),
                                     _line(children[j])) for j in run])
        else:
            _node(child, blocks, depth)


def _field(node) -> str:
    """The text of a paragraph that is a field, its name set in italics or bold ("*Default*: 3"), else ""."""
    from docutils import nodes

    if node.tagname != "paragraph" or not node.children or node[0].tagname not in ("emphasis", "strong"):
        return ""
    rest = node[1] if len(node.children) > 1 else None
    named = node[0].astext().endswith(":") or (isinstance(rest, nodes.Text) and rest.astext().startswith(":"))
    return field_text(_flat(node), named=named)


def _names_only(node) -> bool:
    """A paragraph that names the indented block under it (see names_a_term)."""
    return node.tagname == "paragraph" and names_a_term(_flat(node))


def _node(node, blocks: list[Block], depth: int) -> None:
    kind = node.tagname
    if kind in _SKIP:
        return
    if kind == "section":
        _walk(node, blocks, depth + 1)
    elif kind in ("title", "rubric"):
        # A rubric is a heading inside its section's text, below the section's title (borg's "Finding defective
        # hardware" inside an answer), not one more section beside it.
        level = max(depth, 1) + (kind == "rubric")
        blocks.append(heading_block(_flat(node), level=level, line=_line(node)))
    elif kind in ("paragraph", "line_block", "table") and (
            _pictures_only(node) if kind == "paragraph" else _lines_of_pictures(node) if kind == "line_block"
            else _logos(node)):
        # A logo, rows of badges, a table of logos: no text, and neither is what introduced them.
        _drop_lead_in(node, blocks)
    elif kind == "paragraph":
        text = _flat(node)
        if text:
            blocks.append(Block("paragraph", text, _line(node)))
    elif kind in ("literal_block", "doctest_block", "line_block"):
        code = node.astext().rstrip()
        if code.strip():
            blocks.append(Block("code", code, _line(node)))
    elif kind in ("bullet_list", "enumerated_list"):
        if all(_is_page_reference(item) for item in node.children):
            # A list of the documentation's own pages ("- :doc:`install`") points to them, introduced or not, as
            # a toctree does (see the Markdown reader).
            drop_introduction(blocks)
            return
        if all(_is_link_only(item) for item in node.children) and not introduces(blocks):
            # psutil's "Quick links": a list of links only, a table of contents of elsewhere, names places and says
            # nothing of them (see the Markdown reader). Links the text introduces ("Key documentation:") are the
            # text's.
            _drop_lead_in(node, blocks)
            return
        named = [_named_entry(item) for item in node.children]
        if lists_definitions(blocks, named):
            # Every item names an option or setting in code over what it does ("* ``--dist load`` **(default)**:
            # Sends pending tests ..."): a definition list written as a list, as in the Markdown reader.
            define_all(blocks, [(term, functools.partial(_read_entry, item, text, blocks, depth), _line(item))
                                for item, (term, text) in zip(node.children, named)])
            return
        if _is_faq_list(node):
            # Passlib's FAQ: "* **How do I decrypt the hashes generated by Passlib?**" over its answer, an item
            # each. (Only the first paragraph of an item that asks, in Markdown; here the list must be a FAQ's.)
            for item in node.children:
                blocks.append(Block("question", question_text(_flat(item.children[0])), _line(item)))
                for child in item.children[1:]:
                    _node(child, blocks, depth)
                blocks.append(Block("break"))
            return
        lines: list[str] = []
        _items(node, lines, 0)
        intro = take_intro(blocks)
        if lines:
            blocks.append(Block("list", "\n".join(lines), _line(node), intro=intro))
    elif kind == "definition_list":
        # A term heads its definition only: the next term is under the heading before the list again.
        outer = last_heading(blocks)
        labels = labels_their_text([_flat(c) for item in node.children for c in item.children if c.tagname == "term"])
        asked = False  # whether the last term asks
        for item in node.children:
            term = next((c for c in item.children if c.tagname == "term"), None)
            definition = next((c for c in item.children if c.tagname == "definition"), None)
            if labels and term is not None and definition is not None:
                # Terms that end with a colon label their text ("Short answer:", "Long answer:" under a
                # question of python-ldap's FAQ), as the HTML reader reads them: not sections of the page.
                content: list[Block] = []
                _walk(definition, content, depth)
                if not content:
                    # Read alone, what it labels said nothing: links, which a list of links only is (numpydoc's "We
                    # mostly follow the standard Python style conventions as described here:" over the PEPs, a line
                    # over its list that docutils reads as a term). The term introduces them: they are its text.
                    lead = Block("paragraph", _flat(term), _line(term))
                    content = [lead]
                    _walk(definition, content, depth)
                    blocks.extend(content if content != [lead] else [])
                    continue
                blocks.extend(callout(_flat(term).rstrip(":"), content, line=_line(term)))
                continue
            titled = title_block(_term_text(item), line=_line(term)) if term is not None else None
            if titled is not None:
                blocks.append(titled)
            if definition is not None:
                _walk(definition, blocks, depth)
            if titled is not None and titled.kind == "heading" and outer is not None:
                blocks.append(outer)
            asked = titled is not None and titled.kind == "question"
        if asked:
            # A term that asks is answered by its definition: the text after the list is not part of that answer.
            blocks.append(Block("break"))
    elif kind == "option_list":
        # A command's options ("--benchmark-json PATH" over what it does), as Sphinx shows them: each option's forms
        # title its description, as a definition list's terms do. Read as the text under them, the options' names
        # had been lost.
        define_all(blocks, [(_option_forms(item), functools.partial(_walk, description, blocks, depth), _line(item))
                            for item in node.children
                            for description in item.children if description.tagname == "description"])
    elif kind == "field_list":
        # Fields in the text ("Pool support: all"), as Sphinx shows them; the document's own (":orphan:",
        # ":tocdepth:") are its docinfo, skipped.
        fields = [(name, body, text) for name, body in (field.children for field in node.children)
                  if (text := _flat(body))]
        if fields and sum(_describes(text) for _, _, text in fields) * 2 > len(fields):
            # Fields that mostly describe what they name are terms over their definitions, as pylint's messages
            # (":unused-import (W0611): *Unused %s*" over what it means): listed, ten of them made one passage
            # that said a little of each.
            define_all(blocks, [(_flat(name), functools.partial(_walk, body, blocks, depth), _line(name))
                                for name, body, _ in fields])
        elif fields:
            blocks.append(Block("list", "\n".join(f"- {_flat(name)}: {text}" for name, _, text in fields),
                                _line(node)))
    elif kind == "table":
        # A grid table's cell spanning rows or columns (docutils' morerows, morecols) fills each of them.
        rows = spread_cells([[(_flat(entry), entry.get("morerows", 0) + 1, entry.get("morecols", 0) + 1)
                              for entry in row.children] for row in node.findall(lambda n: n.tagname == "row")])
        # A table with no header row (h5py's file modes, a simple table between two rules only: "r | Readonly, file
        # must exist") is all data, unless its first row reads as names all the same: many write their header row
        # without the rule that marks it ("Variable | Template | Result").
        headless = not any(child.tagname == "thead" for group in node.children if group.tagname == "tgroup"
                           for child in group.children) and bool(rows) and not _names_columns(rows[0])
        if len(rows) >= (1 if headless else 2):
            blocks.append(Block("table", line=_line(node), rows=rows, headless=headless))
    elif kind == "topic" and "contents" in node.get("classes", ()):
        return  # a table of contents (".. contents::") repeats the headings that follow
    elif kind in ADMONITIONS or kind in _ASIDES or (kind == "container" and node.get("title")):
        # "Warning: ...", as Sphinx titles it; a generic admonition, a tab or a card by its own title ("pip:
        # ...", "Linux: ..."), as MkDocs' tabs are read. A drop-down titled with a question is a FAQ entry
        # that ends with it.
        title = node.get("title") or next((_flat(c) for c in node.children if c.tagname == "title"), "") or \
            kind.capitalize()
        content: list[Block] = []
        for child in node.children:
            if child.tagname != "title":
                _node(child, content, depth)
        blocks.extend(callout(title, content, line=_line(node)))
    else:  # block quotes, containers: their content
        _walk(node, blocks, depth)


def _describes(text: str) -> bool:
    """Whether a field's value describes what the field names, longer than a value ("all", "1.2", "a path")."""
    return word_count(text) > FIELD_WORDS


def _is_page_reference(item) -> bool:
    """A list item that is nothing but a reference to another page of the same documentation: a `:doc:` role,
    or a link to a document file beside this one ("install.rst", "../guide/index.html")."""
    children = [c for c in item.children if c.tagname not in _SKIP]
    if len(children) != 1 or children[0].tagname != "paragraph":
        return False
    parts = [c for c in children[0].children if c.tagname not in _SKIP and (c.tagname != "#text" or c.astext().strip())]
    if len(parts) != 1 or parts[0].tagname == "#text":
        return False
    return parts[0].get("role") == "doc" or (
        parts[0].tagname == "reference" and PAGE_LINK.match(parts[0].get("refuri", "")) is not None)


def _is_link_only(item) -> bool:
    """A list item that is nothing but a link named in words (its own list, if any, made of such items too). A
    link that shows its address ("googleapis-auth@google.com", a URL written out) gives that address as text."""
    children = [c for c in item.children if c.tagname not in _SKIP]
    if not children or children[0].tagname != "paragraph" or any(
            c.tagname not in ("bullet_list", "enumerated_list") for c in children[1:]):
        return False
    parts = [c for c in children[0].children if c.tagname not in _SKIP and (c.tagname != "#text" or c.astext().strip())]
    if len(parts) != 1 or parts[0].tagname != "reference" or _picture(parts[0]):
        return False
    shown = parts[0].astext()
    return parts[0].get("refuri", "") not in (shown, f"mailto:{shown}") and all(
        _is_link_only(sub) for inner in children[1:] for sub in inner.children)


def _is_faq_list(node) -> bool:
    """A list of questions, each item answered in the parts after its first paragraph (psycopg2's checklist
    of questions inside an answer, "Have you googled for your error message?", answers none of them)."""
    items = node.children
    shaped = all(len(item.children) > 1 and item.children[0].tagname == "paragraph" for item in items)
    return shaped and asks_as_a_list([_flat(item.children[0]) for item in items])


def _items(node, lines: list[str], depth: int) -> None:
    """A list's items, one per line, indented by depth; a numbered list keeps its numbers ("2. Next ..."), as
    a step is named by them."""
    start = node.get("start", 1) if node.tagname == "enumerated_list" else 0
    alpha = node.get("enumtype", "") in ("loweralpha", "upperalpha")
    for number, item in enumerate(node.children, start=start):
        marker = "- " if not start else f"{chr(ord('a') + number - 1) if alpha and number <= 26 else number}. "
        first = True
        for child in item.children:
            if child.tagname in ("bullet_list", "enumerated_list"):
                _items(child, lines, depth + 1)
            elif child.tagname not in _SKIP:
                for text in filter(None, _item_texts(child)):
                    lines.append(("  " * depth + marker if first else "  " * (depth + 1)) + text)
                    first = False


def _item_texts(node) -> list[str]:
    """The lines a part of a list item gives: code keeps its lines (a command each), prose is one line;
    a container (a tab) gives its parts'."""
    if node.tagname in ("literal_block", "doctest_block"):
        # Code keeps its indentation relative to its first line (a function's body stays under it).
        return [line.rstrip() for line in textwrap.dedent(node.astext()).split("\n") if line.strip()]
    if node.tagname == "container":
        return [text for child in node.children if child.tagname not in _SKIP for text in _item_texts(child)]
    if node.tagname == "paragraph" and _pictures_only(node):
        return []
    if node.tagname == "definition_list":
        # A parameter each, as numpydoc lists them ("* iterable : iterable, optional" over what it is): a line
        # each, its term set apart from its definition, which had run together ("iterable iterable, optional
        # Iterable to decorate").
        return [_defined(item) for item in node.children]
    return [_flat(node)]


def _named_entry(item) -> tuple[str, str] | None:
    """(name, text) of a list item that opens with a name in code, bold or not, then a colon (see named_entry) and
    what it names; None for any other."""
    children = [c for c in item.children if c.tagname not in _SKIP]
    if not children or children[0].tagname != "paragraph":
        return None
    first = children[0]
    parts = [c for c in first.children if c.tagname not in _SKIP and (c.tagname != "#text" or c.astext().strip())]
    if not parts:
        return None
    label = parts[0]
    code = label.children[0] if label.tagname == "strong" and len(label.children) == 1 else label
    if code.tagname != "literal":
        return None
    after = "".join(c.astext() for c in first.children[first.children.index(label) + 1:])
    entry = named_entry(code.astext(), after.strip())
    return entry if entry and (entry[1] or len(children) > 1) else None


def _read_entry(item, text: str, blocks: list[Block], depth: int) -> None:
    """The description of a named entry (see _named_entry): the rest of its first paragraph and its other blocks."""
    if text:
        blocks.append(Block("paragraph", text, _line(item)))
    for child in [c for c in item.children if c.tagname not in _SKIP][1:]:
        _node(child, blocks, depth)


def _option_forms(item) -> str:
    """An option list item's forms as the reader sees them: "-h, --help", "--benchmark-json PATH", "--dist=MODE"."""
    group = next((c for c in item.children if c.tagname == "option_group"), None)
    # An option's argument reads with its delimiter ("=MODE", " PATH").
    return ", ".join(option.astext() for option in (group.children if group is not None else ()))


def _term_text(item) -> str:
    """A definition list item's term, with its classifiers in parentheses after it, as Sphinx shows them:
    "iterable (iterable, optional)" of numpydoc's "iterable : iterable, optional"."""
    term = " ".join(_flat(c) for c in item.children if c.tagname == "term")
    classifiers = [_flat(c) for c in item.children if c.tagname == "classifier"]
    return f"{term} ({', '.join(classifiers)})" if classifiers and not _wrapped(item) else term


def _wrapped(item) -> bool:
    """Whether a definition list item is a wrapped line that docutils read as a term and its classifier: its
    definition opens in lower case, going on from the line above (CMake's "Default : ``<name>.rpm`` with spaces"
    over "replaced by '-'")."""
    definition = next((c for c in item.children if c.tagname == "definition"), None)
    opening = _flat(definition)[:1] if definition is not None else ""
    return opening.islower() and any(c.tagname == "classifier" for c in item.children)


def _defined(item) -> str:
    """A definition list item on one line: its term, a colon (unless the term ends with a mark of its own),
    then its definition."""
    term = _term_text(item)
    definition = " ".join(_flat(c) for c in item.children if c.tagname == "definition")
    if _wrapped(item):
        classifiers = " : ".join(_flat(c) for c in item.children if c.tagname == "classifier")
        definition = f"{classifiers} {definition}"
    if not definition:
        return term
    return f"{term} {definition}" if term.endswith((":", "?", ".", "!")) else f"{term}: {definition}"
