"""HTML: structure read from the DOM (BeautifulSoup with lxml), for whole pages and fragments alike.

Headings h1-h6, definition lists (a `<dt>` that asks, or starts with "Q:", is a FAQ question answered by
its `<dd>`), `<details>`/`<summary>`, list items or paragraphs that open with a bold question, list items
titled over paragraphs of their own, rows or blocks the page marks as questions (DocBook's question rows,
`class="faq-question"`), tables and `<pre>` code are kept as what they are; an `<hr>` ends an answer.
Documentation sites' admonitions and tabs are titled as the Markdown reader titles them ("Warning: ...",
"pip: ..."). Navigation, headers, footers, scripts, styles, headings' permalinks ("¶") and lists of links
(tables of contents, "Previous | Next") are dropped. The page's declared charset is honoured. A FAQ that
a script draws, which the saved page holds only in its schema.org FAQPage data, is read from that data.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import replace
from itertools import groupby

from ..passage import Passage
from ..text import clean, word_count
from . import doxygen
from .outline import (LETTER, MAX_QUESTION_WORDS, QUESTION_LABEL, Block, answering, asks_as_a_list, asks_somewhere,
                      build_passages, callout, define, field_text, heading_block, introduces, labels_their_text,
                      last_heading, looks_like_question, names_a_term, names_columns, question_text, spread_cells,
                      take_intro, title_block)

_DROP = ("script", "style", "noscript", "template", "nav", "footer", "aside", "svg", "iframe", "address",
         "head", "button", "select", "textarea", "input", "object")
# An <aside> is a page's side content, but docutils (0.18 and later) writes a document's footnotes, topics and
# admonitions as asides too.
_CONTENT_ASIDE = re.compile(r"^(?:footnote|footnote-list|topic|admonition)$")
# A link to a page around this one, by its text alone.
_NAVIGATION_LINK = re.compile(r"^(?:next|previous|prev|up|top|home|index|contents|back|table of contents|toc|"
                              r"(?:back|return|go) to (?:the )?(?:top|contents))$", re.IGNORECASE)
MAX_NAVIGATION_WORDS = 12
# A page's <header> is furniture; an article's or section's <header> holds its heading.
_CONTENT = ("article", "main", "section")
# The classes docutils and Sphinx give a table of contents (".. contents::"): it repeats the headings.
_CONTENTS_CLASSES = ({"contents", "topic"}, {"contents", "local"})
# id or class names of page furniture (DocBook's "navheader" and "navfooter" too, LuaJIT's "foot") ...
_FURNITURE = re.compile(r"^(?:nav|navbar|navigation|nav(?:header|footer)|(?:side|main|top|sub)?menu\w*|sidebar|"
                        r"footer|foot|header|head|breadcrumbs?|toc|site-?nav|skip|banner|cookie.*|"
                        # Doxygen's title area over every page (the project's name, logo and brief)
                        r"titlearea|"
                        # who wrote the page and when (Confluence's "page-metadata", WordPress's "entry-meta"), and
                        # what Confluence's export adds under a page (its attachments and comments)
                        r"(?:page|entry|post|article)[-_]*meta(?:data)?|pageSection)$"
                        # ... and compound ones ("site-footer", "fixed-sidebar", "breadcrumb-wrapper",
                        # "docs-bottom-navigation", readers' "article-comments" but not TypeDoc's doc comment,
                        # "tsd-comment", "Was this page helpful?" in MkDocs Material's "md-feedback"): a word of
                        # furniture anywhere in the name. Not "header" there, but the page's ("docs-header"): a
                        # card's or an entry's header ("card-header", "entry-header") holds its question or title.
                        r"|(?:^|[-_])(?:sidebar|footer|breadcrumbs?|navbar|navigation|menu|copyright|cookies?|toc|"
                        r"comments|feedback)(?:$|[-_])"
                        r"|^(?:site|page|docs?|global|top|masthead)(?:[-_][a-z]+)*[-_]header$", re.IGNORECASE)
# A layout table's summary that says it is page furniture (DocBook's "Navigation header", its DSSSL's "Footer
# navigation table", the "Canned page header" of fetchmail's pages: "Back to Fetchmail Home Page" and a date).
_FURNITURE_SUMMARY = re.compile(r"\bnavigation\b|\bpage\s+(?:header|footer)\b", re.IGNORECASE)
# A class that says what a container has or lacks ("has-sidebar", "page-with-toc", "no-footer"), which names
# the container by its furniture, not the furniture itself: VitePress's content is in "VPContent has-sidebar".
_STATE = re.compile(r"(?:^|[-_]+)(?:has|with|without|no)[-_]", re.IGNORECASE)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# The spans that hold a heading's section number (docutils' `sectnum`, Sphinx's `section-number`).
_NUMBER_SPAN_CLASSES = ["sectnum", "section-number"]
# The classes of Texinfo's numbered headings, and the number they open with ("1", "2.5", "A.1", "Appendix A").
_TEXINFO_NUMBERED = frozenset({"chapter", "section", "subsection", "subsubsection", "appendix", "appendixsec",
                               "appendixsubsec", "appendixsubsubsec"})
_TEXINFO_NUMBER = re.compile(r"^(?:Appendix\s+)?(?:\d{1,3}|[A-Z])(?:\.\d{1,3})*\s+(?=\S)")
# The classes of a title page's credits, which DocBook writes as headings ('<h3 class="author">Joey Hess</h3>').
_CREDIT = re.compile(r"^(?:author|editor|othercredit|corpauthor)$", re.IGNORECASE)
_NEVER_FURNITURE = ("body", "html", "main", *_HEADINGS, "thead", "tbody", "tfoot", "tr", "th", "td", "caption")
_BLOCKS = {"p", "div", "section", "article", "main", "body", "ul", "ol", "dl", "dt", "dd", "table", "pre",
           "blockquote", "details", "summary", *_HEADINGS, "li", "hr", "center", "figure", "figcaption",
           "aside", "fieldset", "html", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "header", "hgroup",
           "form", "menu", "search", "legend", "button"}
# Class or id words of an element that holds a FAQ question ("faq-question", "faq__q", "question-title"),
# and of one that holds its answer.
_QUESTION_CLASS = re.compile(r"(?:^|[\s_-])(?:question|faq-?q|q)(?:$|[\s_-])", re.IGNORECASE)
_ANSWER_CLASS = re.compile(r"(?:^|[\s_-])(?:answer|faq-?a)(?:$|[\s_-])", re.IGNORECASE)
# Attributes of a button that opens or closes a panel (Bootstrap, ARIA, jQuery UI accordions).
_TOGGLE_ATTRIBUTES = ("aria-expanded", "aria-controls", "data-toggle", "data-bs-toggle", "data-target",
                      "data-bs-target")
# What gives a list item structure of its own, read as such rather than as the item's text.
_STRUCTURE = ("pre", "table", *_HEADINGS, "dl", "details")
# Inline elements that set a title apart from the text under it.
_EMPHASIS = ("b", "strong", "em", "i")
_Q_INSIDE = re.compile(r"\s+Q\s*:\s+")
# Class words of a definition list whose terms are labels: Doxygen's "section note", "params" and "retval",
# Javadoc's "notes", docutils' and Sphinx's "field-list" (a function's "Parameters", "Returns", "Return type").
_LABEL_LIST_CLASS = re.compile(r"^(?:notes?|warning|attention|remark|see|since|return|pre|post|params|tparams|retval|"
                               r"exception|deprecated|invariant|todo|bug|field-list)$", re.IGNORECASE)
_URL = re.compile(r"^(?:[a-z][a-z+.-]*://|www\.)\S+$", re.IGNORECASE)
# Class words of a note, tip or warning set apart from the text (the admonitions of MkDocs, Sphinx and
# Docusaurus, GitHub's alerts, Bootstrap's alerts and panels, Confluence's info macros and panels, Notion's
# callouts, DocBook's "note" or "tip" boxes), and of the title it opens with ("admonition-title",
# "markdown-alert-title", "panel-heading").
_CALLOUT_CLASS = re.compile(r"^(?:admonition|admonitionblock|theme-admonition|markdown-alert|alert|callout|panel"
                            r"|confluence-information-macro|note|tip|caution|warning|important)$", re.IGNORECASE)
_CALLOUT_TITLE_CLASS = re.compile(r"title|heading", re.IGNORECASE)
# The text of a link to its own heading or term: one symbol (Sphinx's and MkDocs' "¶", Node's "#", an icon
# font's glyph), not a word of it.
_PERMALINK = re.compile(r"^[^\w\s]?$")
# Set by _mark_tabs on a tab's panel: the tab's name.
_TAB_TITLE = "data-tab-title"
_TOGGLE_TITLE = "data-toggle-title"  # an accordion's panel: the text of the toggle that opens it
_TOGGLE_LEVEL = "data-toggle-level"  # and the level of the heading the toggle stood in
# A class that names an element as the control of a pair ("expand-control", "faq-toggle"), and the part
# of its partner's class after the same prefix ("expand-content", "faq-answer").
_EXPANDER_CONTROL = re.compile(r"^(.+?)[-_]+(?:control|toggle|trigger|question)$", re.IGNORECASE)
_EXPANDED = "(?:content|body|panel|answer|text)"
# The label of a bar of links ("Jump to:", "See also:") is this many words at most.
BAR_LABEL_WORDS = 4
# What an accordion's toggle is written as: a button, a link, or a block with role="button" or "tab".
_TOGGLE_TAGS = ("a", "button", "div", "span")


def parse_html(data, *, source: str, title: str = "", max_chars: int = 1200) -> list[Passage]:
    """A page's passages; `data` is the page (bytes or text), or a page parsed already (BeautifulSoup)."""
    blocks, page_title = html_blocks(data)
    return build_passages(blocks, source=source, title=title or page_title, max_chars=max_chars)


# A template's tags, which a site generator (Jinja, Django, Liquid) fills in: statements ("{%- block extrahead %}",
# "{% include head.html %}"), and expressions ("{{ content }}") or comments; outside code, where a page that
# teaches templates shows most of them.
_TEMPLATE_STATEMENT = re.compile(r"\{%-?\s*[a-z]+\b[^{}]{0,200}%\}")
_TEMPLATE_OTHER = re.compile(r"\{\{[^{}]{1,200}\}\}|\{#[^#]*#\}")
_CODE_ELEMENT = re.compile(r"<(pre|code|script|style|textarea)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_MARKUP_TAG = re.compile(r"<[^<>]*>")
# A template has a few words of text for each of its tags; a page, hundreds (Jinja's own template guide: 3,000,
# its examples in <cite> outside code).
MAX_TEMPLATE_WORDS_PER_TAG = 20


def is_template(data: bytes | str) -> bool:
    """Whether an HTML file is a site generator's template (Sphinx's `_templates/layout.html`, Jekyll's
    `_layouts/`), not a page: outside code, it holds a template statement and another tag, and few words of
    text for each of them."""
    text = _CODE_ELEMENT.sub(" ", data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data)
    statements = len(_TEMPLATE_STATEMENT.findall(text))
    tags = statements + len(_TEMPLATE_OTHER.findall(text))
    if statements < 1 or tags < 2:
        return False
    words = len(_MARKUP_TAG.sub(" ", _TEMPLATE_OTHER.sub(" ", _TEMPLATE_STATEMENT.sub(" ", text))).split())
    return words < MAX_TEMPLATE_WORDS_PER_TAG * tags


# A page a site keeps where a page used to be (mdBook's, Sphinx's and MkDocs' redirect plugins, Jekyll's
# redirect_from): a refresh that sends the browser on, and a line saying where ("Redirecting to ...").
REDIRECT = "only redirects to another page"
_REFRESH = re.compile(r"<meta\b[^>]*\bhttp-equiv\s*=\s*[\"']?refresh\b[^>]*>", re.IGNORECASE)
_REFRESH_URL = re.compile(r"\bcontent\s*=\s*[\"']?[\d\s.]*[;,]\s*url\s*=\s*[\"']?([^\"'>\s]+)", re.IGNORECASE)
_NOT_SHOWN = re.compile(r"<(head|script|style|noscript|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
# A moved page's stub says where it went in a line or two; a page that also refreshes itself (a status page
# every minute) has its own text.
MAX_REDIRECT_WORDS = 40


def redirect_target(data: bytes | str) -> str:
    """Where a redirect stub sends the reader ("" for a page): a refresh to another address, and few words."""
    text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    refresh = _REFRESH.search(text)
    target = _REFRESH_URL.search(refresh.group(0)) if refresh else None
    if not target:
        return ""
    return target.group(1) if word_count(_MARKUP_TAG.sub(" ", _NOT_SHOWN.sub(" ", text))) <= MAX_REDIRECT_WORDS else ""


def parsed_page(data: bytes | str):
    """A page parsed by BeautifulSoup with lxml; a charset lxml refuses is read as a text file is."""
    from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning  # only when a corpus has HTML

    try:
        with warnings.catch_warnings():
            # XHTML pages (DocBook's, libxml's) are pages: read as HTML on purpose, not a problem to report.
            warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
            return BeautifulSoup(data, "lxml")
    except ValueError:
        # lxml refuses a declared charset it cannot even name (control characters in <meta charset>):
        # read the bytes as UTF-8, else as Windows-1252, as plain text files are read.
        text = data
        if isinstance(data, bytes):
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = data.decode("cp1252", errors="replace")
        return BeautifulSoup(clean(text, keep_indent=True), "lxml")


def html_blocks(data) -> tuple[list[Block], str]:
    """The outline of a page (bytes, text or a BeautifulSoup) and its <title>."""
    soup = parsed_page(data) if isinstance(data, (bytes, str)) else data
    title = " ".join(soup.title.get_text().split()) if soup.title else ""
    structured = _structured_faq(soup)  # before the scripts that hold it are dropped
    _mark_tabs(soup)  # before the tabs' radio buttons and buttons are dropped
    for link in soup.find_all("a", href=re.compile(r"^#")):
        # A link within the page that says nothing, or that it hides from screen readers (makeinfo's "TOC" beside
        # each heading, a link back to the contents), is no text of it.
        if _PERMALINK.match(link.get_text().strip()) or link.get("aria-hidden") == "true":
            link.decompose()
    _drop_language_badges(soup)
    if doxygen.is_doxygen(soup):
        doxygen.rewrite(soup)
    for tag in soup.find_all(_DROP):
        if tag.decomposed:
            continue
        if tag.name == "aside" and any(_CONTENT_ASIDE.match(c) for c in tag.get("class") or ()):
            for label in tag.find_all(class_="label"):  # a footnote's number, a line of its own otherwise
                label.decompose()
        elif not (tag.name == "button" and _is_toggle(tag)):
            tag.decompose()
    for tag in soup.find_all("header"):
        if not tag.decomposed and tag.find_parent(_CONTENT) is None:
            tag.decompose()
    # A name under the title heads nothing: it had been the section of the legal notice after it.
    for tag in soup.find_all(_HEADINGS, class_=_CREDIT):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed or tag.attrs is None:
            continue
        if _is_furniture(tag):
            tag.decompose()
    _mark_toggled_panels(soup)
    _mark_expanders(soup)
    root = soup.find("main") or soup.find(attrs={"role": "main"}) or soup.body or soup
    blocks: list[Block] = []
    _walk(root, blocks)
    # A page whose FAQ the browser draws from a script has it only in its structured data; entries the page
    # shows as text are read from the text.
    shown = " ".join(" ".join(b.text.split()) for b in blocks).lower()
    missing = [(q, a) for q, a in structured if " ".join(q.split()).lower() not in shown]
    if missing:
        entries = [Block("question", " ".join(q.split())) for q, _ in missing]
        answers = [Block("paragraph", a) for _, a in missing]
        blocks = [*(b for pair in zip(entries, answers) for b in pair), Block("break"), *blocks]
    return blocks, title


def _drop_language_badges(soup) -> None:
    """A code block's badge that names its language ("bash" over VitePress's `div.language-bash`): the
    wrapper's class says it, and read as text it opened the code ("bash npm deprecate ...")."""
    for pre in soup.find_all("pre"):
        wrapper = pre.parent
        languages = {c[len("language-"):].lower() for c in (wrapper.get("class") or ()) if c.startswith("language-")}
        if not languages:
            continue
        for child in wrapper.find_all(True, recursive=False):
            if child is not pre and child.get_text().strip().lower() in languages:
                child.decompose()


def _is_furniture(tag) -> bool:
    """Navigation, a page's header or footer, a table of contents: by the element's id, class or role, or a
    table's summary. Only a block can be furniture (mdBook's headings are links of class "header"), and never a
    heading or a table's row or cell (docutils' header cells are of class "head"). An id that spells the element's
    own heading is content: generators make ids of headings ("Copyright Papers", "Configure Pages and Navigation")."""
    if tag.name not in _BLOCKS or tag.name in _NEVER_FURNITURE:
        return False
    if tag.name in ("ul", "ol") and not _links_its_items(tag):
        return False  # contents and menus link their items: HomeBank's steps, in a list of class "toc", are text
    if any(classes <= set(tag.get("class") or ()) for classes in _CONTENTS_CLASSES):
        return True
    if tag.name == "table" and _FURNITURE_SUMMARY.search(tag.get("summary") or ""):
        return True
    names = [_STATE.split(n)[0] for n in (*(tag.get("class") or []), tag.get("role") or "")]
    if any(_FURNITURE.search(n) for n in names if n):
        return True
    identifier = tag.get("id")
    return bool(identifier and _FURNITURE.search(identifier) and not _spells_heading(identifier, tag))


def _links_its_items(listing) -> bool:
    """Whether half or more of a list's items hold a link."""
    items = listing.find_all("li", recursive=False)
    return not items or sum(item.find("a", href=True) is not None for item in items) * 2 >= len(items)


def _spells_heading(identifier: str, tag) -> bool:
    """Whether an element's id is made of the words of its first heading ("Copyright-Papers" of a section
    headed "6.1 Copyright Papers")."""
    heading = tag.find(_HEADINGS)
    if heading is None:
        return False
    words = set(re.findall(r"[^\W_]+", _text(heading).lower()))
    id_words = re.findall(r"[^\W_]+", identifier.lower())
    return len(id_words) > 1 and all(w in words for w in id_words)


def _structured_faq(soup) -> list[tuple[str, str]]:
    """The questions and answers of the page's schema.org FAQPage data (JSON-LD, as sites give search
    engines), in order."""
    import json

    from .faqfile import answer_text

    found: list[tuple[str, str]] = []

    def visit(node, depth: int = 0) -> None:
        if depth > 20:
            return
        if isinstance(node, list):
            for item in node:
                visit(item, depth + 1)
        elif isinstance(node, dict):
            kind = node.get("@type")
            answer = node.get("acceptedAnswer") or node.get("suggestedAnswer")
            answer = answer[0] if isinstance(answer, list) and answer else answer
            if ("Question" in (kind if isinstance(kind, list) else [kind]) and isinstance(node.get("name"), str)
                    and isinstance(answer, dict) and isinstance(answer.get("text"), str)):
                if node["name"].strip() and (text := answer_text(answer["text"])):
                    found.append((node["name"], text))
                return
            for value in node.values():
                visit(value, depth + 1)

    for script in soup.find_all("script", type=re.compile(r"^application/ld\+json", re.IGNORECASE)):
        try:
            visit(json.loads(script.string or ""))
        except (ValueError, RecursionError):
            continue  # a page's broken metadata is not its text
    return found


def _mark_tabs(soup) -> None:
    """Tabs over panels ("pip", "conda"): each panel marked with its tab's name, which then titles it as an
    admonition's title does, and the row of tabs dropped; read as they stand, the names ran together
    ("pipconda") over panels that named nothing. ARIA tabs (Docusaurus, sphinx-tabs: role="tab" and
    role="tabpanel", paired by aria-controls or in order) and radio-button tabs (MkDocs Material,
    sphinx-design: a <label> for each radio button, its panel after it or in a row of panels)."""
    for tablist in soup.find_all(attrs={"role": "tablist"}):
        tabs = tablist.find_all(attrs={"role": "tab"})
        panels, scope = [], tablist.parent
        while scope is not None and not panels and scope is not soup:
            panels, scope = scope.find_all(attrs={"role": "tabpanel"}), scope.parent
        by_id = {panel.get("id"): panel for panel in panels if panel.get("id")}
        pairs = [(tab, by_id[tab.get("aria-controls")]) for tab in tabs if tab.get("aria-controls") in by_id]
        if len(pairs) < len(tabs):
            pairs = list(zip(tabs, panels)) if len(tabs) == len(panels) else []
        if pairs and _name_panels(pairs):
            # The row of tabs goes; in an accordion each tab stands over its panel inside the list, and only
            # the tabs go (the whole list had gone with its panels: Elementor's FAQs gave nothing), each
            # panel the answer to its tab's text.
            inside = any(panel in tablist.descendants for _, panel in pairs)
            for _, panel in pairs if inside else []:
                panel[_TOGGLE_TITLE] = panel.attrs.pop(_TAB_TITLE)  # an accordion's: see _mark_toggled_panels
            for tab in tabs if inside else [tablist]:
                tab.decompose()
    radios = {radio["id"]: radio.get("name") for radio in soup.find_all("input", attrs={"type": "radio", "id": True})}
    labels = [label for label in soup.find_all("label", attrs={"for": True}) if label["for"] in radios]
    for _, group in groupby(labels, key=lambda label: radios[label["for"]]):
        group = list(group)
        panels = [label.find_next_sibling(lambda tag: tag.name not in ("input", "label")) for label in group]
        if None in panels or len({id(panel) for panel in panels}) < len(panels):
            row = group[0].parent.find_next_sibling()
            panels = row.find_all(True, recursive=False) if row is not None else []
        if len(panels) == len(group) and _name_panels(list(zip(group, panels))):
            for label in group:
                label.decompose()


def _mark_toggled_panels(soup) -> None:
    """An accordion's toggles (Bootstrap's, any link or button that names the panel it opens by
    data-target, href="#..." or aria-controls): each panel marked with its toggle's text, which titles it
    (_element), and the toggle dropped. Read as they stand, a toggle link alone was dropped as navigation,
    and a title's section ran on past its panel."""
    for toggle in soup.find_all(_TOGGLE_TAGS):
        if toggle.decomposed:  # inside a toggle dropped before it
            continue
        # Only what says it opens a panel: a link to a section (a heading's permalink) does not.
        expands = toggle.get("aria-expanded") is not None and bool(toggle.get("aria-controls"))
        if toggle.get("aria-haspopup") or not (_collapses(toggle) or expands):
            continue
        target = (toggle.get("data-bs-target") or toggle.get("data-target") or toggle.get("href") or "").strip()
        target = target[1:] if target.startswith("#") else toggle.get("aria-controls", "")
        panel = soup.find(id=target) if target else None
        name = " ".join(toggle.get_text().split())
        if (panel is not None and panel.name in ("div", "section") and name and panel.get(_TOGGLE_TITLE) is None
                and toggle not in panel.descendants and panel not in toggle.parents):
            panel[_TOGGLE_TITLE] = name
            heading = toggle if toggle.name in _HEADINGS else toggle.find_parent(_HEADINGS)
            if heading is not None:  # its level places the entry among the page's headings
                panel[_TOGGLE_LEVEL] = heading.name[1]
            toggle.decompose()


def _mark_expanders(soup) -> None:
    """A control and the content it expands, named as a pair by the page's classes ("expand-control" over
    "expand-content": Confluence's expand macro; "faq-toggle" over "faq-answer"): the content marked with the
    control's text, as an accordion's panel is, and the control dropped. The control alone had been a
    paragraph, or nothing when it held a link."""
    for control in soup.find_all(class_=True):
        if control.decomposed:
            continue
        prefixes = [m.group(1) for c in control.get("class") or () if (m := _EXPANDER_CONTROL.match(c))]
        content = control.find_next_sibling() if prefixes else None
        if content is None or content.name not in ("div", "section") or content.get(_TOGGLE_TITLE) is not None:
            continue
        if any(re.match(rf"{re.escape(p)}[-_]{_EXPANDED}$", c) for p in prefixes for c in content.get("class") or ()):
            name = " ".join(control.get_text().split())
            if name:
                content[_TOGGLE_TITLE] = name
                control.decompose()


def _name_panels(pairs: list) -> bool:
    """Mark each panel with the name of its tab; False (nothing marked) when a tab has no name, or a panel
    is no block of its own (radio buttons in a form, each beside a line of text)."""
    names = [" ".join(tab.get_text().split()) for tab, _ in pairs]
    if not all(names) or any(panel.name not in ("div", "section") for _, panel in pairs):
        return False
    for name, (_, panel) in zip(names, pairs):
        panel[_TAB_TITLE] = name
    return True


def _is_callout(node) -> bool:
    return node.get(_TAB_TITLE) is not None or any(_CALLOUT_CLASS.match(c) for c in node.get("class") or [])


def _callout(node, blocks: list[Block]) -> None:
    """A note, a tip or a tab's panel, read as outline's callout: its title ("Warning", "pip") opens its
    first paragraph, and one titled with a question is a FAQ entry that ends with it."""
    title = node.get(_TAB_TITLE)
    parts = [node]
    if title is None:
        # DocBook's DSSSL stylesheets open a note with an empty paragraph, before its table.
        for empty in [c for c in node.find_all("p", recursive=False) if not _text(c).strip()]:
            empty.extract()
        head = node.find(True, recursive=False)
        title = ""
        if head is not None and any(_CALLOUT_TITLE_CLASS.search(c) for c in head.get("class") or []):
            title = " ".join(_text(head).split())
            head.extract()
        elif head is not None and head.name == "table" and len(_visible_children(node)) == 1:
            # Notes with icons: a layout table of the icon, the title and the text; DocBook's titles are in a
            # header cell (or, by its DSSSL stylesheets, in a row of their own over the text's), AsciiDoc's in the
            # icon's cell (its text, or the icon's name when it shows an image).
            rows = head.find_all("tr")
            title_row = rows[0].find_all(["td", "th"]) if len(rows) >= 2 else []
            label = head.find("th") or head.find("td", class_="icon") or (title_row[0] if len(title_row) == 1 else None)
            name = "" if label is None else " ".join(_text(label).split()) or next(
                (icon.get("alt") or icon.get("title") or "" for icon in label.find_all(["img", "i"])), "")
            if label is not None and len(name.split()) <= 3:
                title = name
                label.extract()
                parts = head.find_all("td")
    content: list[Block] = []
    for part in parts:
        _walk(part, content)
    blocks.extend(callout(title, content))


_SKIPPED_STRINGS = ("Comment", "Doctype", "Declaration", "ProcessingInstruction", "CData")


# A superscript that is an exponent ("31" in 2<sup>31</sup>, "-6" in 10<sup>-6</sup>), not an ordinal's ending
# ("N<sup>th</sup>", "1<sup>st</sup>") nor a trade mark's sign.
_EXPONENT = re.compile(r"^(?!(?:st|nd|rd|th|tm|sm)$)[-−+]?\w{1,4}$", re.IGNORECASE)


def _pieces(node, hidden: frozenset[int] = frozenset(), before: list[str] | None = None) -> list[str]:
    """Visible strings of a node with whitespace folded, and "\n" for each <br>; leaves out the
    descendants whose id() is in `hidden`. An exponent in a superscript reads "2^31", not "231"; `before`: the
    pieces of the text the node follows, which the first superscript may raise."""
    from bs4 import NavigableString

    if isinstance(node, NavigableString):
        return [] if type(node).__name__ in _SKIPPED_STRINGS else [re.sub(r"\s+", " ", str(node))]
    if node.name == "br":
        return ["\n"]
    parts: list[str] = []
    for piece in node.descendants:
        if id(piece) in hidden:
            continue
        if isinstance(piece, NavigableString):
            if type(piece).__name__ not in _SKIPPED_STRINGS:
                text = re.sub(r"\s+", " ", str(piece))
                raised = (parts or before or [""])[-1]
                if piece.parent.name == "sup" and _EXPONENT.match(text.strip()) and raised[-1:].isalnum():
                    text = "^" + text.strip()
                parts.append(text)
        elif piece.name == "br":
            parts.append("\n")
    return parts


def _code_text(node) -> str:
    """A code block's text, line by line. Highlighters write a line's end as <br> (Docusaurus' Prism) or give each
    line a <div> of its own, where the page's source has a newline; read as plain text, its lines ran together
    ('{  "license": "ISC"}')."""
    from bs4 import NavigableString

    out: list[str] = []
    for child in node.children:
        if isinstance(child, NavigableString):
            if type(child).__name__ not in _SKIPPED_STRINGS:
                out.append(str(child))
        elif child.name == "br":
            out.append("\n")
        else:
            text = _code_text(child)
            out.append(text)
            if child.name == "div" and text and not text.endswith("\n"):
                out.append("\n")
    return "".join(out)


def _lines(parts: list[str]) -> str:
    return "\n".join(line for line in (" ".join(raw.split()) for raw in "".join(parts).split("\n")) if line)


def _text(node) -> str:
    """Visible text of an element: spaces folded, <br> kept as a line break."""
    return _lines(_pieces(node))


def _heading_text(node) -> str:
    """A heading's text without the section number its generator marks: docutils' and Sphinx's number spans
    ("<span class="sectnum">1</span>"), and the number Texinfo puts before a numbered chapter's or section's title
    ('<h2 class="chapter">1 What is libffi?</h2>'). People do not ask by number, and "1 What is libffi?" had
    kept it (only a number with a stop, "1." or "2.5", reads as one in any heading)."""
    hidden = frozenset(id(d) for span in node.find_all("span", class_=_NUMBER_SPAN_CLASSES)
                       for d in (span, *span.descendants))
    text = " ".join(_lines(_pieces(node, hidden)).split())
    if _TEXINFO_NUMBERED.intersection(node.get("class") or ()):
        text = _TEXINFO_NUMBER.sub("", text, count=1) or text
    return text


def _marked_question(node) -> bool:
    """Whether the page marks the element as a FAQ question: class="faq-question", or the name of a
    schema.org Question."""
    if _QUESTION_CLASS.search(" ".join(_names(node))):
        return True
    if node.get("itemprop") != "name":
        return False
    scope = node.find_parent(attrs={"itemtype": True})
    return scope is not None and str(scope.get("itemtype")).rstrip("/").endswith("/Question")


def _marked_answer(node) -> bool:
    """Whether the page marks the element as the answer to a FAQ question (class="answer", or a schema.org
    Question's acceptedAnswer)."""
    return bool(_ANSWER_CLASS.search(" ".join(_names(node)))) or node.get("itemprop") in (
        "acceptedAnswer", "suggestedAnswer")


def _marked_entry_question(node) -> str:
    """The text of an element the page marks as a FAQ question with its marked answer right after it (the FAQ
    blocks of WordPress's SEO plugins, schema.org microdata): a question however it is worded ("Is there a
    free trial"); "" for any other."""
    if not _marked_question(node):
        return ""
    following = node.find_next_sibling()
    text = " ".join(_text(node).split())
    return question_text(text) if following is not None and _marked_answer(following) and _entry_title(text) else ""


def _entry_title(text: str) -> bool:
    """Text that can title a FAQ entry the page marks as one, however worded: words, and few of them."""
    return LETTER.search(text) is not None and word_count(text) <= MAX_QUESTION_WORDS


def _names(node) -> list[str]:
    """The id and class names of an element, which say what the page means it for."""
    return [node.get("id") or "", *(node.get("class") or [])]


def _is_toggle(button) -> bool:
    """A button that opens a collapsed panel (an FAQ accordion's question), or one inside a heading:
    its text is what the page says, not a control's label like "Subscribe"."""
    if button.find_parent(_HEADINGS) is not None:
        return True
    classes = " ".join(button.get("class") or []).lower()
    return any(name in button.attrs for name in _TOGGLE_ATTRIBUTES) or any(
        word in classes for word in ("accordion", "collaps", "toggle"))


def _collapses(node) -> bool:
    """An element that opens or closes a collapsed panel, as Bootstrap marks it (data-toggle="collapse")."""
    return "collapse" in (node.get("data-toggle"), node.get("data-bs-toggle"))


def _is_toggle_link(node) -> bool:
    """A link that opens a collapsed panel, not one that goes somewhere or opens a menu."""
    return node.name == "a" and _collapses(node)


def _is_link_list(node) -> bool:
    """A list or paragraph made of nothing but links: a table of contents or "Previous | Next". Not links
    that show their address: those are the text's ("see https://pyserial.readthedocs.io")."""
    links = node.find_all("a", href=True)
    if not links or all(_URL.match(_text(a).strip()) for a in links):
        return False
    text = re.sub(r"[\s|•·»«\[\]()>-]+", "", _text(node))
    linked = re.sub(r"[\s|•·»«\[\]()>-]+", "", "".join(_text(a) for a in links))
    return bool(text) and len(linked) >= len(text)


def _visible_children(node) -> list:
    """An element's children without the whitespace between them."""
    from bs4 import NavigableString

    return [c for c in node.children if not (isinstance(c, NavigableString) and not c.strip())]


def _all_bold(node) -> str:
    """The text of a paragraph set entirely in bold (one <b> or <strong> holding all of it), else ""."""
    from bs4 import NavigableString

    parts = _visible_children(node)
    if len(parts) != 1 or isinstance(parts[0], NavigableString) or parts[0].name not in ("b", "strong"):
        return ""
    return " ".join(_text(parts[0]).split())


def _bold_question(node) -> tuple[str, str]:
    """(question, rest) for an element that opens with a bold question, else ("", "")."""
    from bs4 import NavigableString

    first = next(iter(_visible_children(node)), None)
    if first is None or isinstance(first, NavigableString) or first.name not in ("b", "strong"):
        return "", ""
    question = " ".join(_text(first).split())
    if not (looks_like_question(question) or asks_somewhere(question)):
        return "", ""
    whole = " ".join(_text(node).split())
    rest = whole[whole.find(question) + len(question):].strip() if question in whole else ""
    return question_text(question), rest


def _walk(node, blocks: list[Block]) -> None:
    from bs4 import NavigableString, Tag

    inline: list = []

    def flush() -> None:
        pieces: list[str] = []
        for p in inline:
            pieces += _pieces(p, before=pieces)
        text = _lines(pieces)
        tags = [a for p in inline if isinstance(p, Tag) for a in ([p] if p.name == "a" else p.find_all("a"))]
        anchors = [_text(a) for a in tags]
        if tags and (tags[-1].get("href") or "").startswith("#") and _NAVIGATION_LINK.match(anchors[-1].strip()):
            # A link back to the contents at a paragraph's end (Lynx's guide: "... with Lynx. [ToC]") leads away.
            tail = re.search(r"\s*\[?\s*" + re.escape(anchors[-1].strip()) + r"\s*\]?\s*$", text)
            if tail and tail.start() > 0:
                text, anchors = text[:tail.start()], anchors[:-1]
        links = "".join(anchors)
        # A run of nothing but links is navigation ("Previous | Contents | Next", a logo), unless the links
        # show their addresses. Numbers around the links do not count ("1.1. How do I ...? 1.2. Where ...?" is
        # a contents list).
        only_links = (links and not all(_URL.match(a.strip()) for a in anchors)
                      and _letters(links) >= _letters(text))
        # So is a sentence that only leads to pages around it ("Go to the next section or return to the index.",
        # Doxygen's manual under each page): two links or more, each a neighbouring page's.
        leads_on = (len(anchors) >= 2 and all(_NAVIGATION_LINK.match(a.strip()) for a in anchors)
                    and len(text.split()) <= MAX_NAVIGATION_WORDS)
        inline.clear()
        # Text with no word in it is decoration: an icon ("💡"), a separator ("* * *").
        if re.search(r"\w", text) and not only_links and not leads_on:
            blocks.append(Block("paragraph", text))

    for child in list(node.children):
        if isinstance(child, NavigableString):
            if type(child).__name__ in _SKIPPED_STRINGS:
                continue
            inline.append(child)
            continue
        if not isinstance(child, Tag):
            continue
        if child.name == "blockquote" and _names_only(child.find_previous_sibling(), child):
            continue  # read with the name over it
        if child.name not in _BLOCKS:
            question = _marked_entry_question(child)
            if not question and not _is_toggle_link(child):
                inline.append(child)
                continue
            # An inline question the page marks ("<strong class=faq-question>"), or the link that opens an
            # accordion's panel (its question or title: as a line of links it had been dropped).
            flush()
            text = " ".join(_text(child).split())
            if question or text:
                blocks.append(Block("question", question) if question else title_block(text))
            continue
        flush()
        field, after_field = _field(child), _field(child.find_previous_sibling())
        if field and (after_field or _field(child.find_next_sibling())):
            # Fields written as paragraphs ("<em>Default</em>: 3"), two or more in a row: a field list.
            if after_field and blocks and blocks[-1].kind == "list":
                blocks[-1] = replace(blocks[-1], text=f"{blocks[-1].text}\n- {field}")
            else:
                blocks.append(Block("list", f"- {field}"))
        elif (quote := child.find_next_sibling()) is not None and quote.name == "blockquote" and _names_only(child, quote):
            # A name over an indented block (docutils' and Sphinx's HTML of supervisor's reference pages).
            define(blocks, " ".join(_text(child).split()), lambda: _walk(quote, blocks))
        else:
            _element(child, blocks)
    flush()


def _names_only(node, quote) -> bool:
    """A paragraph that names the <blockquote> under it (see names_a_term); not one that leads into the code the
    quote shows ("With this table, the statement" over SQLite's "INSERT INTO t1 ...")."""
    shows_code = all(getattr(c, "name", None) == "pre" for c in _visible_children(quote))
    return (node is not None and node.name == "p" and not shows_code
            and names_a_term(" ".join(_text(node).split())))


def _field(node) -> str:
    """The text of a paragraph that is a field, its name in italics or bold ("<em>Default</em>: 3"), else ""."""
    from bs4 import NavigableString

    if node is None or node.name != "p":
        return ""
    parts = _visible_children(node)
    if not parts or isinstance(parts[0], NavigableString) or parts[0].name not in ("em", "i", "strong", "b"):
        return ""
    rest = parts[1] if len(parts) > 1 else None
    named = _text(parts[0]).strip().endswith(":") or (
        isinstance(rest, NavigableString) and rest.strip().startswith(":"))
    return field_text(" ".join(_text(node).split()), named=named)


def _element(node, blocks: list[Block]) -> None:
    name = node.name
    if name in ("div", "section", "blockquote", "figure", "aside") and _is_callout(node):
        _callout(node, blocks)
        return
    if (toggled := node.get(_TOGGLE_TITLE)) is not None:
        # An accordion's panel is the answer to its toggle's text, however worded ("Shipping times"), and ends
        # with the panel.
        if _entry_title(toggled):
            blocks.append(Block("question", question_text(toggled), level=int(node.get(_TOGGLE_LEVEL, 0))))
            _walk(node, blocks)
            blocks.append(Block("break"))
        else:
            _walk(node, blocks)
        return
    if question := _marked_entry_question(node):
        blocks.append(Block("question", question))
        return
    if _marked_answer(node) and blocks and blocks[-1].kind == "question":
        # The answer the page marks ends with its element: the text after a FAQ block is not part of it.
        _walk(node, blocks)
        blocks.append(Block("break"))
        return
    if name in ("p", "div", "dt", "button") and _marked_question(node):
        # A block the page itself marks as a question is one, when it reads as one.
        text = " ".join(_text(node).split())
        if looks_like_question(text):
            blocks.append(Block("question", question_text(text)))
            return
    if name in _HEADINGS:
        text = _heading_text(node)
        if text:
            blocks.append(heading_block(text, level=int(name[1])))
    elif name == "pre":
        code = _code_text(node).strip("\n")
        if code.strip():
            blocks.append(Block("code", code))
    elif name == "p":
        if _is_link_list(node):
            return
        question, rest = _bold_question(node)
        if question:
            blocks.append(Block("question", question, title=not rest))
            if rest:
                blocks.append(Block("paragraph", rest))
            return
        bold = _all_bold(node)
        if bold:
            blocks.append(Block("paragraph", bold, title=True))
            return
        _walk(node, blocks)
    elif name in ("ul", "ol"):
        _list(node, blocks)
    elif name == "dl":
        _definitions(node, blocks)
    elif name == "button" or (node.get("role") == "button" and _is_toggle(node)):
        # An accordion's toggle, not inside a heading: the question (or title) of the panel after it. Page
        # builders make it a <div role="button"> around a link (Elementor), which had been dropped as a link.
        text = _text(node).replace("\n", " ")
        if text:
            blocks.append(title_block(text))
    elif name == "details":
        # A collapsible note: its summary titles it as an admonition's title does; one that asks is a FAQ
        # question answered by what the details hold, and by nothing after them.
        summary = node.find("summary")
        title = ""
        if summary is not None:
            title = " ".join(_text(summary).split())
            summary.extract()
        content: list[Block] = []
        _walk(node, content)
        if content:
            blocks.extend(callout(title, content))
        elif title:
            # Nothing inside: in Markdown, the details' text is Markdown between their tags, read after them.
            blocks.append(title_block(title))
    elif name == "table":
        _table(node, blocks)
    elif name == "hr":
        blocks.append(Block("break"))
    else:
        _walk(node, blocks)


def _list(node, blocks: list[Block]) -> None:
    items = node.find_all("li", recursive=False)
    # A list of links after the line that introduces it ("IDEs with a graphical debugger include:") is
    # the text's; without one, it is a table of contents or navigation.
    if not items or (_is_link_list(node) and not introduces(blocks)):
        return
    lines: list[str] = []

    def close() -> None:
        if lines:
            intro = take_intro(blocks)
            blocks.append(Block("list", "\n".join(lines), intro=intro))
            lines.clear()

    if _is_faq_list(items):
        # Passlib's FAQ as pandoc writes it: each item's first paragraph a question (bold in parts, around a
        # name in code), the paragraphs after it its answer.
        for item in items:
            first = _visible_children(item)[0]
            blocks.append(Block("question", question_text(" ".join(_text(first).split()))))
            first.extract()
            _walk(item, blocks)
            blocks.append(Block("break"))
        return
    # A title inside a list item heads that item only: the next item is under the heading before the list.
    outer = last_heading(blocks)
    for item, marker in zip(items, _markers(node, items)):
        question, rest = _bold_question(item)
        if question:
            close()
            blocks.append(Block("question", question))
            if rest:
                # The answer is the rest of the item, and ends with it.
                blocks.extend([Block("paragraph", rest), Block("break")])
            continue
        lead = _item_title(item)
        if lead is not None:
            # "<li><em>Troubles compiling</em><p>Usually...</p><p>Use</p>...</li>": a titled entry, as on
            # libxml's FAQ pages. Its title is its question or heading, not the first words of one long
            # item; its paragraphs stay one text, as the item's, unless they hold structure of their own.
            close()
            title = title_block(" ".join(_text(lead).split()))
            blocks.append(title)
            lead.extract()
            if item.find(_STRUCTURE):
                _walk(item, blocks)
            else:
                blocks.append(Block("paragraph", " ".join(" ".join(_text(c) for c in item.children).split())))
            if title.kind == "heading" and outer is not None:
                blocks.append(outer)
            continue
        if item.find(_STRUCTURE):
            # An item with structure of its own: its text, then that structure.
            close()
            _walk(item, blocks)
            continue
        lines.extend(_item_lines(item, marker, 0))
    close()


def _markers(node, items) -> list[str]:
    """What the browser shows before each item of a list: "-" for a bullet; in an `<ol>`, the item's number,
    counted from the list's `start` or an item's own `value`, as Markdown writes "1.", "2."."""
    if node.name != "ol":
        return ["-"] * len(items)
    markers, number = [], _number(node.get("start"), 1)
    for item in items:
        number = _number(item.get("value"), number)
        markers.append(f"{number}.")
        number += 1
    return markers


def _number(value, default: int) -> int:
    """An `<ol>`'s `start` or an `<li>`'s `value` (numbers only, as browsers read them), else `default`."""
    value = str(value or "").strip()
    return int(value) if re.fullmatch(r"-?\d{1,9}", value) else default


def _is_faq_list(items) -> bool:
    """A list of questions, each item answered in the parts after its first paragraph."""
    from bs4 import NavigableString

    firsts = []
    for item in items:
        children = _visible_children(item)
        if len(children) < 2 or isinstance(children[0], NavigableString) or children[0].name != "p":
            return False
        firsts.append(" ".join(_text(children[0]).split()))
    return asks_as_a_list(firsts)


def _item_title(item):
    """The emphasised lead of a list item that is a title over paragraphs of its own (an `<em>` or `<b>`
    before `<p>`s), else None."""
    from bs4 import NavigableString

    children = _visible_children(item)
    if (len(children) < 2 or isinstance(children[0], NavigableString) or children[0].name not in _EMPHASIS
            or not _text(children[0]).strip()):
        return None
    rest = children[1:]
    # Over a sub-list ("<li><b>Linux</b><ul>..."), the lead is the item's own text, its sub-items under it.
    return children[0] if all(not isinstance(c, NavigableString) and c.name in _BLOCKS and c.name not in ("ul", "ol")
                              for c in rest) else None


def _item_lines(item, marker: str, depth: int) -> list[str]:
    """A list item as lines: its marker ("-", "2.") and own text, then its sub-items indented under it (as
    Markdown writes a nested list), so that an item with a long sub-list can be cut between its sub-items."""
    inner = [n for n in item.find_all(["ul", "ol"]) if n.find_parent("li") is item]
    own = _lines(_pieces(item, frozenset(id(d) for n in inner for d in n.descendants))).replace("\n", " ")
    lines = [f"{'  ' * depth}{marker} {own}"] if own else []
    for sub in inner:
        children = sub.find_all("li", recursive=False)
        for child, inner_marker in zip(children, _markers(sub, children)):
            lines.extend(_item_lines(child, inner_marker, depth + 1))
    return lines


# A definition's term this long or shorter names what the terms of a list inside it are parts of.
PARENT_TERM_CHARS = 60
# The name in a signature: the word before its first parenthesis ("ffi_prep_closure_loc (", "Command.invoke(").
_SIGNATURE_NAME = re.compile(r"([^\W\d][\w.:$]*)\s*\(")


def _definitions(node, blocks: list[Block]) -> None:
    """<dt> terms and questions with their <dd> answers. Unclosed <dt>s that follow each other, or
    "Q:" labels in one <dt>, are several wordings of one question: the first is the question, the
    others its alternates."""
    terms: list[str] = []
    # A term heads its definition only: the next term is under the heading before the list again.
    outer = last_heading(blocks)
    # A list whose terms ask is a FAQ's, its terms worded as statements entries too (Tux Paint's "Tux Paint always
    # saves over my old picture").
    asking_list = any(looks_like_question(t) or asks_somewhere(t) for dt in node.find_all("dt", recursive=False)
                      if (t := _text(dt).replace("\n", " ")))
    for child in node.find_all(["dt", "dd"], recursive=False):
        if child.name == "dt":
            text = _text(child).replace("\n", " ")
            if text:
                terms.append(text)
            continue
        term = None
        if terms:
            asked = any(QUESTION_LABEL.match(t.strip()) or looks_like_question(t) for t in terms)
            if asked:
                wordings = [w for t in terms for piece in _Q_INSIDE.split(t)
                            if (w := QUESTION_LABEL.sub("", piece.strip()))]
                term = Block("question", wordings[0], alternates=tuple(wordings[1:]))
            elif _labels(node, terms) or (answering(blocks) and not asking_list):
                # "Returns:", Doxygen's "Note": a label of the text it stands over, not a section of the page; so is
                # a term of a list inside a FAQ answer that asks nothing (Tux Paint's "macOS" over where drawings
                # are saved there, FFmpeg's codecs over their files), which had ended the answer, an entry of its own.
                content: list[Block] = []
                _walk(child, content)
                blocks.extend(callout(" ".join(terms).rstrip(":"), content))
                terms = []
                continue
            else:
                term = heading_block(" ".join(terms), level=6)
            blocks.append(term)
            terms = []
        start = len(blocks)
        _walk(child, blocks)
        parent = term is not None and term.kind == "heading" and _parent_name(term.text)
        if parent:
            # The terms of a list inside this definition are its parts: "-r" of bash's "read" reads "read › -r",
            # or nothing would say which command's option it is.
            blocks[start:] = [replace(b, text=f"{parent} › {b.text}") if b.kind == "heading" and b.level == 6
                              and b is not term and b.text != parent and len(b.text) <= PARENT_TERM_CHARS
                              else b for b in blocks[start:]]
        if term is not None and term.kind == "heading" and outer is not None:
            blocks.append(outer)
    if terms:
        blocks.append(Block("paragraph", " ".join(terms)))


def _parent_name(term: str) -> str:
    """What a definition's term calls the thing whose parts a list inside it describes: the term, when short;
    a function's name, when the term is its signature ("Function: ffi_status ffi_prep_closure_loc (ffi_closure
    *closure, ...)", whose arguments "closure" and "cif" had been titled by themselves alone); else ""."""
    if len(term) <= PARENT_TERM_CHARS:
        return term
    called = _SIGNATURE_NAME.search(term)
    return called.group(1) if called else ""


def _labels(node, terms: list[str]) -> bool:
    """Whether a definition list's terms label their text: a term that ends with a colon (Javadoc's
    "Returns:", "See Also:") or a list the page marks as notes (Doxygen's `<dl class="section note">`)."""
    return labels_their_text(terms) or any(_LABEL_LIST_CLASS.match(c) for c in node.get("class") or ())


def _table(node, blocks: list[Block]) -> None:
    rows = [tr for tr in node.find_all("tr") if tr.find_parent("table") is node]
    if any(_marked_question(tr) for tr in rows) and any(_marked_answer(tr) for tr in rows):
        # Questions and answers laid out as a table (DocBook's qandaset): each question row is a FAQ
        # question, however it is worded ("Memcheck doesn't report any errors."), with the code it
        # quotes; the rows under it are its answer.
        for tr in rows:
            cells = tr.find_all(["th", "td"], recursive=False)
            if _marked_question(tr):
                code = tr.find_all("pre")
                quoted = frozenset(id(d) for pre in code for d in pre.descendants)
                asked = question_text(" ".join(_lines(_pieces(cell, quoted)) for cell in cells))
                if asked:
                    blocks.append(Block("question", asked))
                    blocks.extend(Block("code", text) for pre in code if (text := pre.get_text().strip("\n")).strip())
                    continue
            for cell in cells:
                _walk(cell, blocks)
        return
    if names := _gallery(rows):
        # People or projects shown by their pictures and names (ESLint's team, each member's avatar over their name,
        # a link to their profile): the names, as a list. Every cell being a link, the table had been dropped as an
        # index, and no passage named the team's members.
        blocks.append(Block("list", "\n".join(f"- {name}" for name in names)))
        return
    if _mostly_links(node, rows):
        return  # an index of terms or a "Jump to: A B C" bar, every entry a link (texinfo, Sphinx's index)
    cells = _grid(rows)
    kinds = [[c.name for c in tr.find_all(["th", "td"], recursive=False)] for tr in rows]
    named_rows = all(k[0] == "th" and "td" in k[1:] for k in kinds if k)
    # Bullets in the cells of rows alike (Sphinx's list tables: a parser's advantages, one per bullet) leave a
    # table of data; in a table of few or unlike rows they are a page's laid-out lists, and in rows each named by a
    # header cell (HomeBank's dialog fields), each field's text, read as it is laid out.
    listed = node.find(["ul", "ol"]) is not None and (named_rows or len(cells) < 3 or len({len(r) for r in cells}) > 1)
    nested = node.find("table") is not None or node.find([*_HEADINGS, "pre"]) or listed
    if nested or len(cells) < 2 or max(len({c for c in r if c}) for r in cells) < 2:
        # A layout table: read what is inside it. One that pairs no two values in any row lays out a text (DocBook
        # sets a quotation between empty margin cells, its attribution in a row of its own).
        for tr in rows:
            for cell in tr.find_all(["th", "td"], recursive=False):
                _walk(cell, blocks)
        return
    caption = node.find("caption")
    caption = " ".join(_text(caption).split()) if caption else ""
    if named_rows:
        # Every row named by its first cell, with no header row (a spec sheet, an info box): each row
        # is a fact of its own, "Storage: 1 TB", not a row under the first row as header.
        facts = [f"- {r[0]}: {' | '.join(c for c in r[1:] if c)}" for r in cells if r and any(r[1:])]
        blocks.append(Block("list", "\n".join(facts), intro=f"{caption}:" if caption else ""))
        return
    # Header rows above the first row with data cells ("Limits" over "Files | Users") make one header.
    heads = next((k for k, kind in enumerate(kinds) if "td" in kind), len(kinds))
    if heads > 1:
        width = max(len(r) for r in cells)
        columns = [" ".join(dict.fromkeys(r[i] for r in cells[:heads] if i < len(r) and r[i])) for i in range(width)]
        cells = [columns, *cells[heads:]]
    blocks.append(Block("table", rows=[r for r in cells if any(r)], caption=caption,
                        headless=not any("th" in kind for kind in kinds) and not _heads_by_markup(rows[0])
                        and not names_columns(cells)))


def _heads_by_markup(row) -> bool:
    """Whether a table's first row of data cells names its columns all the same: in a <thead>, by a class
    ("header", "head"), or with every cell's text in bold, as pages written before <th> do."""
    cells = row.find_all("td", recursive=False)
    return (row.find_parent("thead") is not None
            or any(re.search(r"head", " ".join(tag.get("class") or [])) for tag in [row, *cells])
            or bool(cells) and all(_all_bold(cell) or not _text(cell).strip() for cell in cells))


def _gallery(rows: list) -> list[str]:
    """The names in a table whose every cell is a link holding a picture and a name in words; else []."""
    cells = [cell for tr in rows for cell in tr.find_all(["th", "td"], recursive=False) if _text(cell).strip()]
    links = [cell.find("a", href=True) for cell in cells]
    if not cells or not all(a is not None and a.find("img") is not None for a in links):
        return []
    names = [" ".join(_text(a).split()) for a in links]
    return names if all(names) and all(" ".join(_text(c).split()) == n for c, n in zip(cells, names)) else []


def _mostly_links(table, rows: list) -> bool:
    """Whether four fifths of a table's letters or more are the text of links. In a bar of one row, its label
    aside: "Jump to:" over a short index's few letters (texinfo's) had stayed as a passage."""
    cells = rows[0].find_all(["th", "td"], recursive=False) if len(rows) == 1 else []
    labelled = len(cells) > 1 and len(_text(cells[0]).split()) <= BAR_LABEL_WORDS
    parts = cells[1:] if labelled else [table]
    letters = sum(_letters(_text(part)) for part in parts)
    linked = sum(_letters(_text(a)) for part in parts for a in part.find_all("a", href=True))
    return letters > 0 and linked >= 0.8 * letters


def _letters(text: str) -> int:
    """How many letters a text holds: what link-only tests compare, numbers and punctuation aside."""
    return len(re.sub(r"[\W\d_]+", "", text))


def _grid(rows) -> list[list[str]]:
    """The rows' cells as text, spans filled (`spread_cells`)."""
    return spread_cells([[(_cell_text(cell), _span(cell, "rowspan"), _span(cell, "colspan"))
                          for cell in tr.find_all(["th", "td"], recursive=False)] for tr in rows])


def _cell_text(cell) -> str:
    """A cell's text on one line; a list's items in it parted by semicolons ("Very fast; Lenient"), not run
    together."""
    def outermost(li) -> bool:  # no list item of the cell around it
        around = li.find_parent("li")
        return around is None or any(a is around for a in cell.parents)

    items = [li for li in cell.find_all("li") if outermost(li)]
    if not items:
        return " ".join(_text(cell).split())
    inside = frozenset(id(d) for li in items for d in (li, *li.descendants))
    lead = " ".join(_lines(_pieces(cell, inside)).split())
    return "; ".join([lead] * bool(lead) + [" ".join(_text(li).split()) for li in items])


def _span(cell, name: str) -> int:
    value = str(cell.get(name, "1")).strip()
    return int(value) if value.isdigit() else 1
