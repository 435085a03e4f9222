"""Doxygen's HTML (the reference pages of C and C++ libraries, as their -doc packages ship them) rewritten into
the plain HTML the HTML reader knows, by the classes Doxygen gives its parts.

A member's documentation (`h2.memtitle` over `div.memitem`) becomes a term over its definition: its signature,
which Doxygen lays out as a table with a cell per parameter's type and name, one line of code, then its text, so
that the member's description, parameters and return values make one passage while they fit, titled by its name;
the tables of parameters, return values and enumerators (`table.params`, `table.retval`, `table.fieldtable`)
become lists of "name: description", a list of values inside them ("0: Disable inband FEC (default).") items under
them. The summary tables at the top of a page (`table.memberdecls`) repeat the members documented below: only the
members with no documentation of their own below stay, a list item each ("#define JSON_FILE_BUF_SIZE 4096"). Code
fragments (`div.fragment`, a `div.line` per line) become `<pre>`; the tooltips Doxygen writes after them
(`div.ttc`: a member's declaration, "Definition: json_tokener.h:27"), its graphs, "Definition at line 81 of file
ssl_cache.h.", "More..." links and "The documentation for this struct was generated from the following file:" are
dropped. Read as they were, a function's signature was a passage per parameter, its description a passage per
paragraph, and tooltips and each line of an example passages of their own.
"""

from __future__ import annotations

import re

# The classes of Doxygen's tables of parameters, template parameters, return values, enumerators and fields.
_PARAMETER_TABLES = ("params", "tparams", "retval", "exception", "fieldtable")
# What Doxygen adds round the documentation: tooltips after code, graphs ("Include dependency graph for
# json_util.h:", "Collaboration diagram for ...") and where a member is defined ("Definition at line 81 of file
# ssl_cache.h.").
_FURNITURE = ("ttc", "dynheader", "dyncontent", "definition")
_GENERATED_FROM = re.compile(r"^\s*The documentation for this \w+ was generated from the following files?:")


def is_doxygen(soup) -> bool:
    """Whether a page was written by Doxygen: its generator says so, or it has Doxygen's member layout."""
    generator = soup.find("meta", attrs={"name": "generator"})
    if generator is not None and str(generator.get("content", "")).lower().startswith("doxygen"):
        return True
    return soup.find("div", class_="memproto") is not None


def rewrite(soup) -> None:
    """Rewrite a Doxygen page in place (see the module's docstring)."""
    for furniture in soup.find_all(["div", "p"], class_=_FURNITURE):
        furniture.decompose()
    for link in soup.find_all("a"):
        if not link.decomposed and link.get_text().strip() == "More...":
            # The page's brief, repeated as its detailed description opens: its paragraph goes with the link.
            brief = str(link.get("href", "")).endswith("#details") and link.parent.name == "p"
            (link.parent if brief else link).decompose()
    for note in soup.find_all(string=_GENERATED_FROM):
        # "The documentation for this struct was generated from the following file:" over a list of headers.
        listed = note.find_next_sibling("ul")
        if listed is not None:
            listed.decompose()
        note.extract()
    for fragment in soup.find_all("div", class_="fragment"):
        _code(soup, fragment)
    documented = {anchor["id"] for anchor in soup.find_all("a", id=True)
                  if (title := anchor.find_next_sibling(True)) is not None and title.name == "h2"
                  and "memtitle" in (title.get("class") or ())}
    for table in soup.find_all("table", class_="memberdecls"):
        _summary(soup, table, documented)
    for title in soup.find_all("h2", class_="memtitle"):
        _member(soup, title)


def _code(soup, fragment) -> None:
    """A code fragment, a `div.line` per line with its number in `span.lineno`, as a `<pre>`."""
    for number in fragment.find_all("span", class_="lineno"):
        number.decompose()
    lines = fragment.find_all("div", class_="line")
    pre = soup.new_tag("pre")
    pre.string = "\n".join(line.get_text() for line in lines) if lines else fragment.get_text()
    fragment.replace_with(pre)


def _summary(soup, table, documented: set[str]) -> None:
    """A summary table: its groups' headings and descriptions and, as a list, the members not documented
    further down the page, each with its brief description."""
    replacement = []
    items = None
    for row in table.find_all("tr", recursive=False) or table.find_all("tr"):
        classes = " ".join(row.get("class") or ())
        if classes == "heading":
            heading = soup.new_tag("h3")
            heading.string = " ".join(row.get_text().split())
            replacement.append(heading)
            items = None
        elif classes.startswith("memitem:") and classes[len("memitem:"):] not in documented:
            text = _signature([cell.get_text() for cell in row.find_all("td")])
            brief = row.find_next_sibling("tr")
            if brief is not None and " ".join(brief.get("class") or ()).startswith("memdesc:"):
                text += " - " + " ".join(brief.get_text().split())
            if items is None:
                items = soup.new_tag("ul")
                replacement.append(items)
            item = soup.new_tag("li")
            item.string = text
            items.append(item)
        elif not classes.startswith(("memitem:", "memdesc:", "separator:", "inherit")):
            # A group's own description ("These constants comply with the DER encoded ASN.1 type tags.").
            text = soup.new_tag("div")
            for cell in row.find_all("td", recursive=False):
                for child in list(cell.children):
                    text.append(child.extract())
            replacement.append(text)
            items = None
    for element in reversed(replacement):
        table.insert_after(element)
    table.decompose()


def _member(soup, title) -> None:
    """A member's title over its documentation: a term over its signature, in code, and its text."""
    member = title.find_next_sibling(True)
    if member is None or member.name != "div" or "memitem" not in (member.get("class") or ()):
        return
    terms = soup.new_tag("dl")
    term = soup.new_tag("dt")
    term.string = " ".join(title.get_text().split())
    definition = soup.new_tag("dd")
    terms.append(term)
    terms.append(definition)
    prototype = member.find("table", class_="memname")
    if prototype is not None:
        signature = soup.new_tag("pre")
        signature.string = _signature([cell.get_text() for cell in prototype.find_all("td")])
        definition.append(signature)
    documentation = member.find("div", class_="memdoc")
    if documentation is not None:
        for table in documentation.find_all("table", class_=_PARAMETER_TABLES):
            _parameters(soup, table)
        for child in list(documentation.children):
            definition.append(child.extract())
    title.replace_with(terms)
    member.decompose()


def _parameters(soup, table) -> None:
    """A table of parameters or return values as a list of "[in] name: description"; a list of values in a
    description ("0" over "Disable inband FEC (default).") as items under it."""
    items = soup.new_tag("ul")
    for row in table.find_all("tr"):
        if row.find_parent("table") is not table:
            continue
        cells = row.find_all("td", recursive=False)
        if not cells:
            # A table of enumerators or fields is headed by what it lists ("Enumerator"): it introduces the list.
            label = " ".join(row.get_text().split())
            if label and not items.contents:
                intro = soup.new_tag("p")
                intro.string = f"{label}:"
                table.insert_before(intro)
            continue
        *names, description = cells
        for values in description.find_all("dl"):
            _value_list(soup, values)
        item = soup.new_tag("li")
        name = " ".join(" ".join(cell.get_text().split()) for cell in names).strip()
        if name:
            item.append(f"{name}: " if description.get_text().strip() else name)
        for child in list(description.children):
            item.append(child.extract())
        items.append(item)
    table.replace_with(items)


def _value_list(soup, values) -> None:
    """Terms over their definitions inside a parameter's description, as a list of "term: definition"."""
    items = soup.new_tag("ul")
    for term in values.find_all("dt", recursive=False):
        definition = term.find_next_sibling("dd")
        item = soup.new_tag("li")
        text = " ".join(term.get_text().split())
        if definition is not None:
            text += ": " + " ".join(definition.get_text().split())
        item.string = text
        items.append(item)
    values.replace_with(items)


def _signature(cells: list[str]) -> str:
    """A signature's cells on one line: "json_object_to_fd(int fd, struct json_object * obj, int flags)", its
    table's cells of "(" and ")" without the spaces around them."""
    text = ""
    for cell in (" ".join(c.replace("\xa0", " ").split()) for c in cells):
        if not cell:
            continue
        glued = not text or cell in ("(", ")") or cell.startswith(",") or text.endswith("(")
        text += cell if glued else f" {cell}"
    return text
