"""Markdown: read with a CommonMark parser (markdown-it-py, with pipe tables), not line by line.

YAML front matter is metadata, not text (its title is the page's title); soft-wrapped lines join into
one paragraph; fenced and indented code stays code inside the passage it belongs to; raw HTML blocks are
read by the HTML reader (a `<h3>How do I ...?</h3>` heading, a `<details><summary>` question, a
`<table>`) and inline markup tags are dropped; a list made only of links (a table of contents) is
dropped; a list item that is a bold question ("1. **Why ...?**"), or a question with paragraphs of its
own under it, is a FAQ entry answered by the rest of the item; a paragraph labelled "Q:" is a FAQ
question, answered from its "A:" line or the next paragraph; a rule (`---`) ends an answer; GitHub's
alerts, MkDocs' admonitions and the ":::" callouts of Docusaurus and VitePress keep their title as a
label, or are a FAQ entry when it asks; MkDocs Material's content tabs are read as such notes too. MDX
(Docusaurus' .mdx pages, and its .md pages too) is read without its module lines and comments, and a
heading without its "{#id}". MyST, the Markdown of Sphinx projects, is read as Sphinx shows it: its
directives ("```{note}", ":::{warning}", "```{tab} Unix") as titled notes or code, its roles as their text,
its link targets and comments dropped.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import replace
from functools import partial
from itertools import dropwhile

from ..passage import Passage
from ..text import clean
from .outline import (ANSWER_LABEL, PAGE_LINK, QUESTION_LABEL, Block, answering, build_passages, callout, define_all,
                      drop_introduction, heading_block, introduces, is_question, labelled_question, last_heading,
                      lists_definitions, looks_like_question, named_entry, question_text, take_intro)
from .restructuredtext import (ADMONITIONS, AUTODOC, CODE_DIRECTIVES, CONTAINERS, INLINE, POINTERS, TITLED,
                               VERSION_NOTES, cross_reference_text, glossary_entries, includes_only)

# A heading's own id or attributes, not words of it: "## Setup {#setup}", "## Setup { #setup .wide }".
_HEADING_ID = re.compile(r"\s*\{\s*[:#.][^{}]*\}$")
# A ":::" callout's name and its own title: ":::tip[Title]", "::: details Why ...?", MyST's ":::{note}".
_CONTAINER = re.compile(r"^\s*\{?([A-Za-z][\w:-]*)\}?(\[.*\]|\s.*)?$")
# A MyST directive (Sphinx's Markdown): a fence named in braces, "```{note}", "```{tab} Unix".
_MYST_DIRECTIVE = re.compile(r"^\{([A-Za-z][\w:-]*)\}\s*(.*)$")
# A MyST directive's options, at the top of its content: ":class: tip" lines, or YAML between "---" lines.
_MYST_OPTION = re.compile(r"^\s*:[\w-]+:(?:\s.*)?$")
# Besides the directives the reStructuredText reader knows, MyST's own that are no text of the page.
_MYST_POINTERS = frozenset({*POINTERS, "contents", "include", "image", "figure", "raw", "rubric"})
# The directives this reader knows, whose text is their content or who point elsewhere.
_KNOWN_DIRECTIVES = frozenset({*_MYST_POINTERS, *ADMONITIONS, *TITLED, *CONTAINERS, *INLINE, *CODE_DIRECTIVES,
                               *VERSION_NOTES, "code", "eval-rst", "glossary"})
# A collapsible section's tags, when Markdown sits between them; a summary that only tells the reader what to
# do ("Click to expand", "Show example") is no title.
_DETAILS_OPEN = re.compile(r"<details\b", re.IGNORECASE)
_DETAILS_CLOSE = re.compile(r"</details\s*>", re.IGNORECASE)
_SUMMARY = re.compile(r"<summary\b[^>]*>(.*?)</summary\s*>", re.IGNORECASE | re.DOTALL)
_UI_LABEL = re.compile(r"^(?:click|tap|show|hide|expand|collapse|toggle|view|open|see)\b", re.IGNORECASE)
# MDX's module lines and comments: "import Tabs from '@theme/Tabs';", "export const x = 1;", "{/* ... */}".
_MDX_MODULE_LINE = re.compile(r"""^(?:import\s+(?:[\w*{},\s]+\s+from\s+)?(['"])[^'"]+\1;?"""
                              r"""|export\s+(?:const|let|var|function|default|class|\{).*)\s*$""")
# The start of a module statement, which may run over several lines ("import {", "export const X = (").
_MDX_MODULE_START = re.compile(r"^(?:import\s+[\w*{'\"]|import\s*\{"
                               r"|export\s+(?:const|let|var|function|default|class|\{))")
_MDX_COMMENT = re.compile(r"\{/\*.*?\*/\}", re.DOTALL)
_ASIDE = re.compile(r"<(/?)aside\b([^>]*)>", re.IGNORECASE)
# The template markup of Jekyll and Hugo pages, which the site's build replaces: Liquid's tags ("{% include
# note.html %}", a "{% comment %}" with what it holds) and site variables ("{{ site.baseurl }}"), Hugo's
# shortcodes ("{{< note >}}", "{{% alert %}}") and comments, kramdown's attribute lists ("{: .note}",
# "{:toc}"). A code span keeps what it shows, and "{% raw %}" the text it holds.
_TEMPLATE = re.compile(r"(?P<code>(?P<ticks>`+)[^\n]*?(?P=ticks))"
                       r"|(?s:\{%-?\s*raw\s*-?%\}(?P<raw>.*?)\{%-?\s*endraw\s*-?%\})"
                       r"|(?s:\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\})"
                       r"|(?s:\{\{/\*.*?\*/\}\})"
                       r"|\{\{[<%].*?[>%]\}\}|\{%.*?%\}"
                       r"|\{\{-?\s*\.?(?:site|page|layout|include|paginator|jekyll|Site|Page|Params)\b[^{}\n]*\}\}"
                       r"|\{:[^{}\n]*\}")
# Code that only pulls in another file when the site is built, shown here as nothing: a template's include
# (MkDocs macros' and Jinja's '{% include "../examples/build.yml" %}') or a PyMdown snippet ('--8<-- "setup.py"').
_PULL = r"(?:\{%-?\s*include\b[^%]*%\}|-{2}8<-{2}\s*\S.*)"
_PULLS_IN = re.compile(rf"{_PULL}(?:\s*\n\s*{_PULL})*")
# Template languages, whose code shows an include as an example (Copier's '{% include pathjoin(...) %}').
_TEMPLATE_LANGUAGES = frozenset({"jinja", "jinja2", "j2", "django", "htmldjango", "html+jinja", "liquid", "twig",
                                 "nunjucks", "njk", "markdown", "md"})
# A line that opens or closes a fenced code block (also how plain text tells Markdown saved as .txt), and
# its run of backticks or tildes.
FENCE = re.compile(r"^ {0,3}(?:```|~~~)", re.MULTILINE)
_FENCE_MARKER = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# A line of code that opens with backticks, which could close a fence of as many.
_BACKTICK_FENCE = re.compile(r"^\s*(`{3,})", re.MULTILINE)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
# What would open a Markdown block at a line's start: a heading, a list item, a quote, a definition, a rule, a MyST
# comment ("%C", a manual page's token, had been dropped as one), an admonition ("!!! WARNINGS !!!" in fail2ban's
# jail.conf had been dropped as one) or a collapsible one ("???").
_BLOCK_START = re.compile(r"^(?:[#>:=+*%-]|!!!|\?\?\?)")
_ORDERED_START = re.compile(r"^(\d{1,9})[.)](?:\s|$)")
# A content tab of MkDocs Material: '=== "pip"', '===+ "conda"' (open at first).
_CONTENT_TAB = re.compile(r'^(\s*)===!?\+?\s+"(.*)"\s*$')
# Inline emphasis that sets a question apart from its answer ("**How do I ...?**", "*Why ...?*").
_EMPHASIS = ("strong", "em")
_INLINE_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(\s[^>]*)?/?>$", re.DOTALL)
_ALT = re.compile(r"\balt\s*=\s*([\"'])(.*?)\1", re.IGNORECASE | re.DOTALL)


def parse_markdown(text: str, *, source: str, title: str = "", max_chars: int = 1200) -> list[Passage]:
    return build_passages(markdown_blocks(text, mdx=source.lower().endswith(".mdx")), source=source, title=title,
                          max_chars=max_chars)


def parse_converted(lines: list[tuple[int, str]], *, source: str, title: str = "", max_chars: int = 1200
                    ) -> list[Passage]:
    """Markdown written for another markup (AsciiDoc, Org), each of its lines with the number of the line of
    the document it comes from: read as Markdown, each passage keeping its line in that document."""
    passages = parse_markdown("\n".join(line for _, line in lines), source=source, title=title, max_chars=max_chars)
    return [replace(p, line=lines[p.line - 1][0]) if 0 < p.line <= len(lines) else p for p in passages]


def labelled(lines: list[tuple[int, str]], label: str) -> list[tuple[int, str]]:
    """Converted lines whose first line of text opens with a note's label ("Warning: ..."), as a block marked
    as a note in another markup reads."""
    at = next((n for n, (_, text) in enumerate(lines) if text.strip()), None)
    if at is None:
        return lines
    return [*lines[:at], (lines[at][0], f"{label}: {lines[at][1]}"), *lines[at + 1:]]


def escaped(text: str) -> str:
    """Text as Markdown that shows it as written: its inline markup characters escaped, and one that would open a
    block at the line's start (a heading, a list item, a quote, a definition, a rule)."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    if number := _ORDERED_START.match(text):
        return f"{number.group(1)}\\{text[number.end(1):]}"  # "1\) the subject": a digit takes no escape
    return "\\" + text if _BLOCK_START.match(text) else text


def code_fence(code: str) -> str:
    """A fence for a code block that none of its own lines can close: longer than any run of backticks that
    opens one of them."""
    return "`" * max(3, 1 + max(map(len, _BACKTICK_FENCE.findall(code)), default=0))


def pipe_table(rows: list[list[str]], header: bool) -> list[str]:
    """Rows of cells (all of one width) as a Markdown pipe table; without a header row, its header is made of
    blanks. A "|" in a cell ("ES|QL", "a | b" in a shell command) is escaped, as pipe tables escape it."""
    if not rows:
        return []
    width = len(rows[0])
    rows = [[cell.replace("|", "\\|") for cell in row] for row in (rows if header else [[""] * width, *rows])]
    return [f"| {' | '.join(rows[0])} |", "|" + "---|" * width, *(f"| {' | '.join(row)} |" for row in rows[1:])]


def markdown_blocks(text: str, *, mdx: bool = False) -> list[Block]:
    """The outline of a Markdown text; `mdx`: an MDX page (Markdown with JSX), whose `{/* comments */}`
    are notes for its editors, not text."""
    from markdown_it import MarkdownIt  # only when a corpus has Markdown
    from markdown_it.tree import SyntaxTreeNode

    from mdit_py_plugins.admon import admon_plugin
    from mdit_py_plugins.container import container_plugin
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin
    from mdit_py_plugins.myst_blocks import myst_block_plugin
    from mdit_py_plugins.myst_role import myst_role_plugin

    text = clean(text.expandtabs(4), keep_indent=True)  # Markdown's tab stops are 4 columns
    text = _footnotes(_site_markup(text, mdx=mdx))
    # GitHub's alerts ("> [!NOTE]"), MkDocs' admonitions ("!!! note", "??? question") and the ":::" callouts
    # of Docusaurus and VitePress (":::tip[Title]", "::: details Why ...?") are read as what they are, not
    # as text that opens with their markers.
    parser = MarkdownIt("commonmark", {"alerts": True}).enable("table").use(front_matter_plugin).use(admon_plugin)
    # MyST's roles ("{doc}`install`"), link targets ("(install)=") and comments ("% note") are markup, not text.
    parser.use(myst_role_plugin).use(myst_block_plugin)
    # Definition lists ("Term" over ": its definition"), of Pandoc, PHP Markdown Extra and MkDocs' def_list: read
    # as lines, each term ran into its definition ("How do I reset my password? : Use the link ...").
    parser.use(deflist_plugin)
    parser.use(container_plugin, "callout", validate=lambda params, *_: bool(_CONTAINER.match(params)))
    tree = SyntaxTreeNode(parser.parse(text))
    blocks: list[Block] = []
    if tree.children and tree.children[0].type == "front_matter":
        fields = _metadata(tree.children[0].content)
        if fields is None:
            # Text between two rules at the top of a page, not metadata: read as the page's text.
            tree = SyntaxTreeNode(parser.disable("front_matter").parse(text))
        elif isinstance(title := fields.get("title"), str) and title.strip():
            # Jekyll's, Hugo's or MkDocs' metadata: only its title is for readers, as the page's title.
            blocks.append(heading_block(" ".join(title.split()), level=1, line=1))
    _emit_all([node for node in tree.children if node.type != "front_matter"], blocks)
    return blocks


def _emit_all(nodes, blocks: list[Block]) -> None:
    """Blocks in order; a `<details>` opened in one HTML block and closed in a later one (GitHub's collapsible
    sections) holds the Markdown between them, titled by its summary."""
    k = 0
    while k < len(nodes):
        node = nodes[k]
        if node.type == "html_block" and _details_depth(node.content) > 0:
            end, depth = None, _details_depth(node.content)
            for j in range(k + 1, len(nodes)):  # where it closes, past the sections nested in it
                depth += _details_depth(nodes[j].content) if nodes[j].type == "html_block" else 0
                if depth <= 0:
                    end = j
                    break
            if end is not None:
                _details(node, nodes[k + 1:end], nodes[end], blocks)
                k = end + 1
                continue
        _emit(node, blocks)
        k += 1


def _details_depth(html: str) -> int:
    """How many more collapsible sections an HTML block opens than it closes."""
    return len(_DETAILS_OPEN.findall(html)) - len(_DETAILS_CLOSE.findall(html))


def _details(opening, inner, closing, blocks: list[Block]) -> None:
    """A collapsible section written across Markdown: the summary titles what it holds, as a FAQ question
    when it asks (the entry ends with the section); a label that tells the reader what to do ("Click to
    expand") titles nothing."""
    summary = _SUMMARY.search(opening.content)
    title = " ".join(re.sub(r"<[^>]+>", " ", summary.group(1)).split()) if summary else ""
    if _UI_LABEL.match(title):
        title = ""
    content: list[Block] = []
    _emit_all(inner, content)
    blocks.extend(callout(title, content, line=_line(opening)))
    after = _DETAILS_CLOSE.split(closing.content)[-1]
    if after.strip():
        from .html import html_blocks

        blocks.extend(replace(block, line=_line(closing)) for block in html_blocks(after)[0])


def _metadata(front_matter: str) -> dict | None:
    """The fields of YAML front matter, or None when it is no YAML mapping."""
    import yaml

    try:
        fields = yaml.safe_load(front_matter)
    except yaml.YAMLError:
        return None
    return fields if isinstance(fields, dict) else None


def _line(node) -> int:
    return node.map[0] + 1 if node.map else 0


def inline_text(node) -> str:
    """The text a reader sees: link text without its target, code with its backticks, soft breaks as spaces."""
    return _render(node.children)


def _markup(nodes) -> set[int]:
    """Which inline HTML tags are markup to drop: a tag with attributes (`<a id="x">`, `<span class=...>`),
    or one opened and closed in the same text (`<kbd>C</kbd>`). A lone bare tag is text a writer typed:
    "List<String>", "compare <a> and <b>"."""
    tags = [(k, m) for k, c in enumerate(nodes) if c.type == "html_inline" and (m := _INLINE_TAG.match(c.content))]
    markup = {k for k, m in tags if m.group(3) and m.group(3).strip(" /")}
    opened: dict[str, list[int]] = {}
    for k, m in tags:
        name = m.group(2).lower()
        if not m.group(1):
            opened.setdefault(name, []).append(k)
        elif opened.get(name):
            markup.update((k, opened[name].pop()))
    return markup


# A reference link whose label the page does not define ("[MkDocs][mkdocs]", the definitions kept in a file that
# the site's build appends, as pymdownx.snippets does): the parser leaves it as text, brackets and label too.
# Its text has a word (not a character class, "[0-9a-f][0-9a-f]", nor options, "[--help][--version]"); it is not
# a subscript in code ("a['k'][:7]"); and its label is empty, its text again or a name made for links ("_highlight"),
# not a second group of letters (tar's "[cxt][vf]", a changelog's "[dist][test]").
_UNDEFINED_REFERENCE = re.compile(
    r"(?<![\w\])\['\"])\[(?!-)(?P<text>[^\[\]]*[^\W\d_]{3}[^\[\]]*)\]\[(?P<label>(?i:(?P=text))|_[^\[\]]*|)\]")
# MkDocs Material's icons and emoji by shortcode (":octicons-file-code-24:", ":material-check:"): a picture.
_ICON = re.compile(r":(?:octicons|material|fontawesome|simple)-[a-z0-9-]+:")


def _render(nodes) -> str:
    parts: list[str] = []
    markup = _markup(nodes)
    hidden_until = None  # inside an inline <script> or <style>: nothing shows until it closes
    for k, child in enumerate(nodes):
        if hidden_until is not None:
            if k == hidden_until:
                hidden_until = None
            continue
        if child.type == "text":
            parts.append(_ICON.sub("", _UNDEFINED_REFERENCE.sub(r"\g<text>", child.content)))
        elif child.type == "code_inline":
            parts.append(f"`{child.content}`")
        elif child.type in ("softbreak",):
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "html_inline":
            # Markup tags go (an image leaves its alt text, a <br> a space); other "tags" are text.
            content = child.content
            if re.match(r"<br\b", content, re.IGNORECASE):
                parts.append(" ")
            elif k in markup:
                if re.match(r"<(?:script|style)\b", content, re.IGNORECASE):
                    hidden_until = next((j for j in sorted(markup) if j > k), len(nodes))
                alt = _ALT.search(content) if content[1:4].lower() == "img" else None
                parts.append(alt.group(2) if alt else "")
            elif not content.startswith("<!--"):
                parts.append(content)
        elif child.type == "image":
            parts.append(child.attrs.get("alt", "") or inline_text(child))
        elif child.type == "myst_role":
            parts.append(cross_reference_text(child.content, child.meta.get("name", "")))
        elif child.type == "link" and _only_images(child.children):
            continue  # a badge ("[![build passing](...)](...)"): a picture that links, as the HTML reader drops it
        else:  # link, strong, em, s: their text
            parts.append(inline_text(child))
    return "".join(parts)


def _inline_parts(paragraph) -> list:
    """A paragraph's inline pieces (text, emphasis, links, line breaks), without the spaces between them."""
    return [c for c in paragraph.children[0].children if not (c.type == "text" and not c.content.strip())]


def _line_label(paragraph) -> str:
    """The bold label alone on a paragraph's first line, with text on the lines after it, else ""."""
    parts = _inline_parts(paragraph)
    if len(parts) < 3 or parts[0].type != "strong" or parts[1].type not in ("softbreak", "hardbreak"):
        return ""
    label = " ".join(inline_text(parts[0]).split())
    return label if label and not re.search(r"[.:!?]$", label) else ""


def _only_images(nodes) -> bool:
    """Whether inline content is pictures only (badges, a logo, a demo GIF), links to them and spaces."""
    parts = _filled(nodes, None)
    return bool(parts) and all(c.type == "image" or (c.type == "link" and _only_images(c.children)) for c in parts)


def _pictures_only(cell) -> bool:
    """Whether a table cell holds pictures only, or nothing."""
    return not _text(cell).strip() or bool(cell.children) and _only_images(cell.children[0].children)


def _link_bar(nodes) -> bool:
    """Whether inline content is two links or more with nothing but separators ("|", "·", "•") between them."""
    parts = _filled(nodes, " |·•/-")
    return len(parts) >= 2 and all(c.type == "link" for c in parts)


def _section_pointer(nodes) -> bool:
    """Whether inline content is one link to a section of the same page, and nothing else."""
    parts = _filled(nodes, None)
    return len(parts) == 1 and parts[0].type == "link" and str(parts[0].attrs.get("href", "")).startswith("#")


def _filled(nodes, filler: str | None) -> list:
    """Inline nodes without the text and line breaks between them made only of `filler` (None: whitespace)."""
    return [c for c in nodes if not (c.type in ("text", "softbreak", "hardbreak") and not c.content.strip(filler))]


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
    meaningful = _inline_parts(paragraphs[0])
    return len(meaningful) == 1 and meaningful[0].type == "link" and all(
        _is_link_only(sub) for lst in item.children if lst.type != "paragraph" for sub in lst.children)


def _is_page_reference(item) -> bool:
    """A list item that is nothing but a reference to another page of the same documentation: a MyST `{doc}`
    role, or a link to a document file beside this one ("install.md", "../guide/index.rst")."""
    paragraphs = [c for c in item.children if c.type == "paragraph"]
    if len(paragraphs) != 1 or len(item.children) != 1:
        return False
    parts = _inline_parts(paragraphs[0])
    if len(parts) != 1:
        return False
    part = parts[0]
    if part.type == "myst_role":
        return part.meta.get("name", "") == "doc"
    href = part.attrs.get("href", "") if part.type == "link" else ""
    return bool(PAGE_LINK.match(str(href)))


def _after_strong(paragraph) -> str:
    """The text of a paragraph after its opening bold (or italic) part."""
    inline = paragraph.children[0]
    strong = next(k for k, c in enumerate(inline.children) if c.type in _EMPHASIS)
    return " ".join(_render(inline.children[strong + 1:]).split())


def _lines(paragraph) -> list[str]:
    """A paragraph's lines as written, each as a reader sees it."""
    lines: list[list] = [[]]
    for child in paragraph.children[0].children:
        if child.type in ("softbreak", "hardbreak"):
            lines.append([])
        else:
            lines[-1].append(child)
    return [text for line in lines if (text := " ".join(_render(line).split()))]


def _all_strong(node) -> bool:
    """A paragraph set all in bold."""
    parts = _inline_parts(node) if node.type == "paragraph" else []
    return len(parts) == 1 and parts[0].type == "strong"


def _bold_question(item) -> str:
    """The question of a paragraph, or list item, that opens with a bold (or italic) question
    ("**How do I ...?**"), else ""."""
    first = item if item.type == "paragraph" else (item.children[0] if item.children else None)
    if first is None or first.type != "paragraph":
        return ""
    parts = _inline_parts(first)
    if not parts or parts[0].type not in _EMPHASIS:
        return ""
    question = " ".join(inline_text(parts[0]).split())
    return question_text(question) if looks_like_question(question) else ""


def _emit(node, blocks: list[Block], depth: int = 0) -> None:
    kind = node.type
    if kind == "heading":
        blocks.append(heading_block(_HEADING_ID.sub("", _text(node)), level=int(node.tag[1]), line=_line(node)))
    elif kind == "paragraph":
        if node.children and _only_images(node.children[0].children):
            # A row of badges, a logo or a demo GIF: its alt texts ("Build", "Demo") are not text, and the label
            # that announces it ("**Development branch status:**") says nothing without it.
            if blocks and blocks[-1].kind == "paragraph" and blocks[-1].title and blocks[-1].text.endswith(":"):
                blocks.pop()
            return
        if node.children and _link_bar(node.children[0].children):
            return  # "Website | Rules | Contribute | Twitter": a README's menu, as a page's navigation is
        if node.children and _section_pointer(node.children[0].children):
            # "[Need help debugging your application?](#debugging-your-application)": the section it points to says
            # it; alone, it had been read as a question whose answer was the next paragraph.
            return
        question = _bold_question(node)
        if question:
            # "**How do I ...?** The answer." or the answer on the next line: a FAQ entry.
            rest = _after_strong(node)
            blocks.append(Block("question", question, _line(node), title=not rest))
            if rest:
                blocks.append(Block("paragraph", rest, _line(node)))
            return
        text = _text(node)
        if _all_strong(node):
            blocks.append(Block("paragraph", text, _line(node), title=True))  # a title, maybe an entry's
            return
        if QUESTION_LABEL.match(text):
            text = "\n".join(_lines(node))  # its "A:" label may open a line of its own
        elif label := _line_label(node):
            # "> **Note**" over its text (GitHub's notes before alerts), "**Lifecycle scripts**" over a line:
            # a label, as an admonition's title reads ("Note: The cache ...").
            text = f"{label}: {text[len(label):].strip()}"
        if text:
            blocks.append(Block("paragraph", text, _line(node)))
    elif kind == "fence" and node.info.split()[:1] == ["mdx-code-block"]:
        # Docusaurus' MDX inside a Markdown page: its module lines run the site, the rest is the page's.
        blocks.extend(replace(b, line=_line(node)) for b in markdown_blocks(node.content, mdx=True))
    elif kind == "fence" and (directive := _MYST_DIRECTIVE.match(node.info.strip())):
        _myst_directive(directive.group(1).lower(), directive.group(2), node, blocks)
    elif kind in ("fence", "code_block"):
        code = node.content.rstrip("\n")
        language = (node.info.split() or [""])[0].lower() if kind == "fence" else ""
        if code.strip() and (language in _TEMPLATE_LANGUAGES or not _PULLS_IN.fullmatch(code.strip())):
            blocks.append(Block("code", code, _line(node)))
    elif kind == "html_block":
        _html_block(node, blocks)
    elif kind in ("bullet_list", "ordered_list"):
        _list(node, blocks, depth)
    elif kind == "table":
        rows = []
        for section in node.children:
            for tr in section.children:
                if section.type == "tbody" and all(_pictures_only(cell) for cell in tr.children):
                    continue  # charts laid out side by side in a table: their alt texts are not a row of data
                rows.append([_text(cell) for cell in tr.children])
        if len(rows) >= 2:
            # A header row of blanks (how Markdown writes a table without one) heads nothing: every row is data.
            blank = not any(cell.strip() for cell in rows[0])
            blocks.append(Block("table", line=_line(node), rows=rows[1:] if blank else rows, headless=blank))
    elif kind == "blockquote":
        for child in node.children:
            _emit(child, blocks, depth)
    elif kind == "hr":
        blocks.append(Block("break", line=_line(node)))
    elif kind in ("admonition", "alert", "container_callout"):
        _callout(node, blocks, depth)
    elif kind == "dl":
        _definitions(node, blocks, depth)
    # anything else without text: nothing to keep


def _definitions(node, blocks: list[Block], depth: int) -> None:
    """A definition list: each term (a <dt>) titles the definitions (<dd>s) after it, as in reStructuredText."""
    entries: list[tuple[str, list, int]] = []
    for child in node.children:
        if child.type == "dt":
            entries.append((" ".join(_text(child).split()), [], _line(child)))
        elif entries:
            entries[-1][1].extend(child.children)

    def read(parts: list) -> None:
        for part in parts:
            _emit(part, blocks, depth)

    define_all(blocks, [(term, partial(read, parts), line) for term, parts, line in entries])


def _callout(node, blocks: list[Block], depth: int) -> None:
    """A GitHub alert, MkDocs admonition or ":::" callout, by its title and content."""
    if node.type == "container_callout":
        # ":::note", ":::tip[Custom title]", "::: warning Custom title": titled as the site shows it.
        name, own = _CONTAINER.match(node.info).groups()
        name, own = name.lower(), " ".join((own or "").strip(" []").split())
        if name in _MYST_POINTERS:
            return
        title = "" if name in CONTAINERS else _directive_title(name, own)
    else:
        title = next((_text(c) for c in node.children if c.type.endswith("_title")), "")
    content: list[Block] = []
    for k, child in enumerate(node.children):
        if child.type.endswith("_title"):
            continue
        lines = child.children[0].content.split("\n") if child.type == "paragraph" else []
        if k == 0 and lines and _MYST_OPTION.match(lines[0]):
            # A MyST directive's options (":class: tip") open its first paragraph: the rest is its text.
            rest = "\n".join(dropwhile(_MYST_OPTION.match, lines))
            content.extend(replace(b, line=_line(child)) for b in markdown_blocks(rest))
            continue
        _emit(child, content, depth)
    blocks.extend(callout(title, _boxed(content), line=_line(node)))


def _boxed(content: list[Block]) -> list[Block]:
    """A note's or tab's content, its headings lines of its text: a heading inside a box (the "<h3>" of
    mkdocstrings' rendered "Result" tab) titles nothing past it, where as a heading it had become the section
    of the page's text after the box."""
    return [Block("paragraph", b.text, b.line) if b.kind == "heading" else b for b in content]


def _directive_title(name: str, argument: str) -> str:
    """The label Sphinx shows for a note or directive: its own argument ("Unix" of a tab, a drop-down's
    question), a version note's wording ("New in version 2.1"), else its name ("Note")."""
    if name in VERSION_NOTES:
        return " ".join((VERSION_NOTES[name], argument)).strip()
    return argument or name.capitalize()


def _myst_directive(name: str, argument: str, node, blocks: list[Block]) -> None:
    """A MyST directive ("```{note}", "```{tab} Unix", "```{eval-rst}"), read as Sphinx shows it: a note or
    tab labelled by its title, code as code, reStructuredText as such; a table of contents or an include
    is not text of the page."""
    lines = node.content.rstrip("\n").split("\n")
    if lines and lines[0].strip() == "---":  # options as YAML
        end = next((k for k in range(1, len(lines)) if lines[k].strip() == "---"), 0)
        lines = lines[end + 1:]
    content = "\n".join(dropwhile(_MYST_OPTION.match, lines))
    line, argument = _line(node), " ".join(argument.split())
    if name in _MYST_POINTERS or not content.strip():
        if not content.strip() and argument and name not in _KNOWN_DIRECTIVES:
            # A project's own directive with its argument only (scikit-build-core's "{conftabs} wheel.build-tag 1",
            # shown as a setting in several forms): the argument is all it says. Dropped, the sentence that
            # introduced it ("You can also specify a build tag:") had run on into the next paragraph.
            blocks.append(Block("code", argument, line))
        return
    if name in CODE_DIRECTIVES or name == "code":
        blocks.append(Block("code", content, line))
    elif name == "eval-rst":
        from .restructuredtext import restructuredtext_blocks

        blocks.extend(replace(b, line=line) for b in restructuredtext_blocks(content))
    elif name == "glossary":
        _glossary(content.split("\n"), line, blocks)
    elif name in CONTAINERS or name in INLINE:  # "{only} html", "{tab-set}"; "{seealso}" opens with its argument
        opening = argument if name in INLINE else ""
        blocks.extend(replace(b, line=line) for b in markdown_blocks("\n\n".join(filter(None, (opening, content)))))
    else:
        inner = [replace(b, line=line) for b in markdown_blocks(content)]
        blocks.extend(callout(_directive_title(name, argument), _boxed(inner), line=line))


def _glossary(lines: list[str], line: int, blocks: list[Block]) -> None:
    """A MyST glossary, laid out as Sphinx's: terms one to a line (stacked terms share a definition), each
    definition indented under them, in Markdown. A term titles its definition only, as in a definition list."""

    def read(start: int, end: int) -> None:
        blocks.extend(replace(b, line=line) for b in markdown_blocks(textwrap.dedent("\n".join(lines[start:end]))))

    define_all(blocks, [(", ".join(terms), partial(read, start, end), line)
                        for terms, start, end in glossary_entries(lines)])


def _html_block(node, blocks: list[Block]) -> None:
    """Raw HTML in Markdown (a `<table>`, `<h3>` headings, `<details><summary>` questions) read by the HTML
    reader, as the page would show it."""
    from .html import html_blocks

    # A page's <aside> is a sidebar, but in Markdown it holds the page's own text (Notion exports its
    # callouts so): read as a note.
    content = _ASIDE.sub(lambda m: f"<{m.group(1)}div{m.group(2)}>", node.content)
    blocks.extend(replace(block, line=_line(node)) for block in html_blocks(content)[0])


def _list(node, blocks: list[Block], depth: int) -> None:
    items = node.children
    if items and all(_is_link_only(item) for item in items) and not introduces(blocks):
        # A table of contents repeats the headings below it; links the text introduces ("Key
        # documentation:") are the text's.
        return
    if items and all(_is_page_reference(item) for item in items):
        # A list of the documentation's own pages ("- {doc}`using_black_with_jupyter_notebooks`", "- [Install]
        # (install.md)") points to them, introduced or not: it names a page better than the page itself does,
        # and ranked first for a question the page answers ("does black work on jupyter notebooks").
        drop_introduction(blocks)
        return
    named = [_named_entry(item) for item in items] if depth == 0 else []
    if lists_definitions(blocks, named):
        # Every item names a setting or option in code over what it does ("* **`marker`**: Text to find ..."): each
        # name titles its text.
        define_all(blocks, [(name, partial(_read_entry, item, rest, blocks, depth), _line(item))
                            for item, (name, rest) in zip(items, named)])
        return
    ordered = node.type == "ordered_list"
    # A list inside an item that opens after the item's own text, not after its items: a definition's values
    # ("`origin`: Configures the header. Possible values:" over them), which that text introduces.
    opened = depth > 0 and not (blocks and blocks[-1].kind == "list")
    intro = take_intro(blocks) if depth == 0 or opened else ""
    if depth == 0 and blocks and blocks[-1].kind == "list":
        # A list of its own after the one before ("... are:" between them was taken as this one's intro): its
        # items had joined the list before, and its intro was lost.
        blocks.append(Block("list", "", _line(node), intro=intro))
        intro = ""
    # A heading inside a list item titles that item only: the next item is under the heading before the list.
    outer = last_heading(blocks)
    first = len(blocks)
    for number, item in enumerate(items, start=int(node.attrs.get("start", 1)) if ordered else 1):
        start = len(blocks)
        _item(item, f"{number}." if ordered else "-", blocks, depth, intro)
        intro = ""
        if depth == 0 and outer is not None and any(b.kind == "heading" for b in blocks[start:]):
            blocks.append(replace(outer, line=0))
    if depth > 0:
        # Its items are indented as the items they are under; a list of its own starts at the margin.
        blocks[first:] = [replace(b, text=textwrap.dedent(b.text)) if b.kind == "list" else b for b in blocks[first:]]


def _named_entry(item) -> tuple[str, str] | None:
    """(name, text) of a list item that opens with a name in code, bold or not, then a colon (see named_entry) or a
    line break, with its description after it ("**`marker`**: Text to find ...", "`title`:" over a paragraph); None
    for any other."""
    first = item.children[0] if item.children and item.children[0].type == "paragraph" else None
    if first is None:
        return None
    inline = first.children[0]
    parts = _inline_parts(first)
    if not parts:
        return None
    label = parts[0]
    inner = [c for c in label.children if not (c.type == "text" and not c.content.strip(" :"))] \
        if label.type in _EMPHASIS else [label]
    if len(inner) != 1 or inner[0].type != "code_inline":
        return None
    name = _render(inner)
    after = _render(inline.children[inline.children.index(label) + 1:])
    if label.type in _EMPHASIS:  # "**`marker`:**": the colon inside the bold
        after = _render(label.children).removeprefix(name) + after
    if len(parts) > 1 and parts[1].type in ("softbreak", "hardbreak"):
        entry: tuple[str, str] | None = (name, " ".join(after.split()))  # the name alone on its line
    else:
        entry = named_entry(name, after.strip())
    return entry if entry and (entry[1] or len(item.children) > 1) else None


def _read_entry(item, rest: str, blocks: list[Block], depth: int) -> None:
    """The description of a named entry (see _named_entry): the rest of its first paragraph and its other blocks."""
    if rest:
        blocks.append(Block("paragraph", rest, _line(item)))
    for child in item.children[1:]:
        _emit(child, blocks, depth + 1)


def _item_entry(question: str, answer: str, item, blocks: list[Block], depth: int, title: bool = False) -> None:
    """A FAQ entry written as a list item: its question, then its answer (the rest of its first paragraph
    and its other blocks), which ends with the item. `title`: the question stands alone in bold, as a bold
    paragraph's title does."""
    blocks.append(Block("question", question, _line(item), title=title))
    if answer:
        blocks.append(Block("paragraph", answer, _line(item)))
    for child in item.children[1:]:
        _emit(child, blocks, depth + 1)
    if blocks[-1].kind != "question":  # an answer in a later item ("- **A:** ...") is not cut off
        blocks.append(Block("break"))


def _item(item, marker: str, blocks: list[Block], depth: int, intro: str) -> None:
    question = _bold_question(item) if depth == 0 else ""
    if question:
        answer = _after_strong(item.children[0])
        _item_entry(question, answer, item, blocks, depth, title=not answer)
        return
    if depth == 0 and len(item.children) == 1 and _all_strong(item.children[0]):
        # An item all in bold, its text after the list ("  * **2.1 LUKS Container Setup mini-HOWTO**" over paragraphs
        # indented less, in cryptsetup's FAQ): a title, as a bold paragraph is.
        _emit(item.children[0], blocks, depth)
        return
    first = item.children[0] if item.children and item.children[0].type == "paragraph" else None
    if first is not None and blocks and blocks[-1].kind == "question" and ANSWER_LABEL.match(_text(first)):
        # "- **A:** ..." under "- **Q:** ...?": the answer, not an item of a list, which ends with the item as
        # an entry written as a list item does.
        for child in item.children:
            _emit(child, blocks, depth + 1)
        blocks.append(Block("break"))
        return
    if first is not None and depth == 0:
        asked, answer = labelled_question("\n".join(_lines(first)))
        if not asked and len(item.children) > 1 and is_question(_text(first)) and not answering(blocks):
            # "2. Where are logs stored?" with its answer in paragraphs of the item.
            asked = question_text(_text(first))
        if asked:
            _item_entry(asked, answer, item, blocks, depth)
            return
    lead = "  " * depth + marker + " "
    for k, child in enumerate(item.children):
        if child.type == "paragraph":
            text = _text(child)
            if not text:
                continue
            if not (blocks and blocks[-1].kind == "list"):
                # The list goes on after code or a heading inside an item, as a new block.
                blocks.append(Block("list", "", _line(child), intro=intro))
                intro = ""
            line = (lead if k == 0 else " " * len(lead)) + text.replace("\n", " ")
            text = f"{blocks[-1].text}\n{line}" if blocks[-1].text else line if depth else line.lstrip()
            blocks[-1] = replace(blocks[-1], text=text)
        elif child.type in ("bullet_list", "ordered_list"):
            _list(child, blocks, depth + 1)  # nested items join the list being written
        else:
            _emit(child, blocks, depth + 1)


def _template_text(match: re.Match) -> str:
    """What a reader sees of a site's template markup (see _TEMPLATE): a code span as written, the text of
    a raw block, nothing of a tag (the line count kept)."""
    if match.group("code") is not None:
        return match.group()
    if match.group("raw") is not None:
        return match.group("raw")
    return _blank(match)


def _blank(match: re.Match) -> str:
    """Nothing of a piece of markup but its line breaks, so that the line count is kept."""
    return "\n" * match.group().count("\n")


_FOOTNOTE = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*(.*)$")


def _footnotes(text: str) -> str:
    """Footnotes (GitHub's and MyST's "[^1]" and "[^1]: ...") read where they are referred to: each note at
    the end of the paragraph that first refers to it, in brackets, and the marks dropped. Left as written,
    the marks were words of the sentence and a note was glued to the front of the block after it. A note that
    only a table's rows refer to stays a paragraph where it is written: at the end of a table's last row it was
    a cell past the header's, dropped (Node.js's platform notes). Line numbers are kept."""
    lines = text.split("\n")
    code = _code_lines(lines)
    notes: dict[str, tuple[int, str]] = {}
    k = 0
    while k < len(lines):
        note = None if code[k] else _FOOTNOTE.match(lines[k])
        k += 1
        if note:
            body = [note.group(2).strip()]
            lines[k - 1] = ""
            while k < len(lines) and lines[k].startswith(("  ", "\t")) and lines[k].strip():
                body.append(lines[k].strip())
                lines[k] = ""
                k += 1
            notes[note.group(1)] = (k - len(body), " ".join(part for part in body if part))
    if not notes:
        return text
    mark = re.compile(r"\s*\[\^(" + "|".join(map(re.escape, notes)) + r")\]")
    placed: set[str] = set()
    for k, line in enumerate(lines):
        if code[k] or not mark.search(line):
            continue
        lines[k] = mark.sub("", line)
        if line.lstrip().startswith("|"):
            continue
        named = [m.group(1) for m in mark.finditer(line) if m.group(1) not in placed]
        end = k
        while end + 1 < len(lines) and lines[end + 1].strip() and not code[end + 1]:  # a fence ends it too
            end += 1
        for name in dict.fromkeys(named):
            lines[end] += f" ({notes[name][1]})"
            placed.add(name)
    for name, (where, note) in notes.items():
        if name not in placed:
            lines[where] = note
    return "\n".join(lines)


# PyMdown's generic blocks ("/// details | Why ...?", "/// tab | pip", "/// html | div.result", closed by a "///"
# line; an outer block has more slashes), and the block types that only wrap their content in markup.
_BLOCK_OPEN = re.compile(r"^ {0,3}(/{3,})[ \t]*([A-Za-z][\w-]*)[ \t]*(?:\|[ \t]*(.*?))?[ \t]*$")
_BLOCK_CLOSE = re.compile(r"^ {0,3}(/{3,})[ \t]*$")
_WRAPPING_BLOCKS = frozenset({"html", "define", "caption", "figure-caption", "table-caption"})


def _pymdown_blocks(lines: list[str]) -> dict[int, str]:
    """Lines of PyMdown's blocks rewritten as ":::" callouts, by their index: a block's opening line as a callout
    of its type and title ("::: details Why ...?"), its indented options ("    type: warning") blank, and its
    closing line; a block that only wraps its content in markup (an "html" div, a caption) is its content.
    Only a block that closes is one, and not in code. An outer callout gets more colons than those inside it,
    whatever the slashes: a run of colons at least as long as its own closes a callout."""
    found: dict[int, str] = {}
    open_blocks: list[list] = []  # [line, slashes, type, title, height]
    fence = ""
    for k, line in enumerate(lines):
        fence, is_fence = _fence_after(line, fence)
        if fence or is_fence:
            continue
        if (close := _BLOCK_CLOSE.match(line)) and open_blocks and open_blocks[-1][1] == close.group(1):
            start, _, kind, title, height = open_blocks.pop()
            wraps = kind.lower() in _WRAPPING_BLOCKS
            if open_blocks and not wraps:
                open_blocks[-1][4] = max(open_blocks[-1][4], height + 1)
            elif open_blocks:
                open_blocks[-1][4] = max(open_blocks[-1][4], height)
            colons = ":" * (3 + height)
            found[start] = "" if wraps else f"{colons} {kind} {title}".rstrip()
            found[k] = "" if wraps else colons
            for option in range(start + 1, k):
                if not (lines[option][:1].isspace() and lines[option].strip()):
                    break
                found[option] = ""
        elif block := _BLOCK_OPEN.match(line):
            open_blocks.append([k, block.group(1), block.group(2), " ".join((block.group(3) or "").split()), 0])
    return found


def _site_markup(text: str, *, mdx: bool, included: list[str] | None = None) -> str:
    """Markdown with the markup of documentation sites made plain: without Jekyll's and Hugo's template
    tags, MDX's module lines ("import Tabs from '@theme/Tabs';", which Docusaurus reads in .md pages too)
    and, in an .mdx page, its {/* comments */}, mkdocstrings' directives and pymdownx.snippets' includes (the
    files named are added to `included`); MkDocs Material's content tabs as admonitions. Code blocks are left
    as written, and the line count kept."""
    lines = text.split("\n")
    out: list[str] = []
    prose: list[str] = []  # lines outside code blocks, not yet added

    def flush() -> None:
        chunk = _TEMPLATE.sub(_template_text, "\n".join(prose))
        if mdx:
            chunk = _MDX_COMMENT.sub(_blank, chunk)
        out.extend(chunk.split("\n") if prose else [])
        prose.clear()

    fence = ""  # the run of backticks or tildes that opened the code block we are in
    glossary = 0  # inside a MyST glossary, how many colon fences are open
    statement = 0  # brackets a module statement over several lines leaves open ("import {", "export const X = (")
    references = set(api_references(text))
    block_lines = _pymdown_blocks(lines)
    options = False  # in the indented options of an mkdocstrings directive
    snippet_block = False  # between the "--8<--" lines of a block of files to include
    for k, line in enumerate(lines):
        if k in block_lines:
            prose.append(block_lines[k])
            continue
        if options and line[:1].isspace() and line.strip():
            prose.append("")
            continue
        options = False
        if (snippet := _SNIPPET.match(line)) or snippet_block:
            # Included before the page is read, inside code blocks too (a license shown as code).
            if snippet is None:
                names = [line.strip()] if line.strip() else []
            else:
                names = [snippet["name"].strip()] if snippet["name"] else []
                snippet_block = snippet_block if snippet["name"] else not snippet_block
            if included is not None:
                included.extend(names)
            (out if fence else prose).append("")
            continue
        if statement and not fence:
            # It ends where its brackets close, or at a blank line at the latest: an unclosed bracket in a
            # string must not take the page with it.
            statement = max(statement + _bracket_balance(line), 0) if line.strip() else 0
            prose.append("")
            continue
        if glossary:
            # Its content is Sphinx's layout of terms over indented definitions, not Markdown: as a "```"
            # directive, it reaches _myst_directive whole. Colon fences inside it (a note) close first.
            bare = line.strip()
            if bare.startswith(":::"):
                glossary += 1 if bare.strip(":") else -1
            out.append(line if glossary else "````")
            continue
        fence, is_fence = _fence_after(line, fence)
        if is_fence:
            flush()
            out.append(line)
        elif fence:
            out.append(line)
        elif (reference := _API_REFERENCE.match(line)) and reference.group(1) in references:
            options = True
            prose.append("")
        elif _COLON_GLOSSARY.match(line):
            flush()
            glossary = 1
            out.append("````{glossary}")
        elif tab := _CONTENT_TAB.match(line):
            # MkDocs Material's content tabs ('=== "pip"' over indented content) are parsed as the admonitions
            # they are built like, so that their content is text, not an indented code block.
            prose.append(f'{tab.group(1)}!!! tab "{tab.group(2)}"')
        elif _MDX_MODULE_START.match(line) and (_MDX_MODULE_LINE.match(line) or _bracket_balance(line) > 0):
            statement = max(_bracket_balance(line), 0)  # one line, or the first of several
            prose.append("")
        else:
            prose.append(line)
    flush()
    return "\n".join(out)


# mkdocstrings' directive ("::: humanize.number", or in a heading, "# ::: mkdocstrings", over its indented options),
# which the site's build replaces with the API reference it makes from the code. A single word is one only where no
# ":::" line closes a callout.
_API_REFERENCE = re.compile(r"^ {0,3}(?:#{1,6}[ \t]+)?:::[ \t]+([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)[ \t]*$", re.MULTILINE)
_CALLOUT_CLOSE = re.compile(r"^ {0,3}:{3,}[ \t]*$", re.MULTILINE)


def api_references(text: str) -> list[str]:
    """What mkdocstrings' directives of a Markdown page pull in from the code ("humanize.number")."""
    closes = bool(_CALLOUT_CLOSE.search(text))
    return [name for name in _API_REFERENCE.findall(text) if "." in name or not closes]


# pymdownx.snippets' includes, which the site's build replaces with the files named: a line ('--8<-- "README.md"')
# or a block of names between two "--8<--" lines.
_SNIPPET = re.compile(r"""^\s*-+8<-+\s*(?:(["'])(?P<name>[^"'\n]+)\1)?\s*$""")


def snippets(text: str) -> list[str]:
    """The files a Markdown page includes with pymdownx.snippets (in code blocks too: they are included before
    the page is read)."""
    found: list[str] = []
    _site_markup(text, mdx=False, included=found)
    return found


def pulled_in(text: str) -> str:
    """Why a Markdown page that gives no passages is empty ("" otherwise): mkdocstrings fills it from the code,
    or it only includes other files."""
    names = api_references(text)
    if names:
        return (f"{AUTODOC} (mkdocstrings: {names[0]}), which only the built site has; file skipped. To answer "
                "from it, add the site MkDocs builds (its HTML) to the corpus")
    return includes_only(snippets(text))


# A MyST glossary in a colon fence (":::{glossary}"), whose content the container parser would read as Markdown.
_COLON_GLOSSARY = re.compile(r"^\s{0,3}:{3,}\s*\{glossary\}\s*$")


def _fence_after(line: str, fence: str) -> tuple[str, bool]:
    """The fence open after `line` ("" outside code) when `fence` was open before it, and whether the line
    is a fence. A fence closes only with its own character, as long a run or longer, and nothing after it:
    a page about Markdown shows a "```" block inside a "````" one."""
    marker = _FENCE_MARKER.match(line)
    if marker and (not fence or (marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence)
                                 and not line[marker.end():].strip())):
        return ("" if fence else marker.group(1)), True
    return fence, False


def _code_lines(lines: list[str]) -> list[bool]:
    """For each line, whether it is a code fence or inside a fenced code block: not inside a MyST directive
    whose content is text ("```{note}", "````{glossary}")."""
    fence, text, code = "", False, []
    for line in lines:
        before = fence
        fence, is_fence = _fence_after(line, fence)
        if is_fence and fence:
            directive = _MYST_DIRECTIVE.match(line.strip()[len(fence):].strip())
            text = directive is not None and directive.group(1).lower() not in (*CODE_DIRECTIVES, "code")
        code.append(is_fence or (bool(before) and not text))
    return code


def _bracket_balance(line: str) -> int:
    """Brackets a line of code opens and does not close."""
    return sum(line.count(c) for c in "([{") - sum(line.count(c) for c in ")]}")
