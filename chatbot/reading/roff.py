"""A manual page's roff source in the man(7) macros (`gzip.1` as a project ships it; `ack.1p` as Pod::Man writes
it): its requests and macros read for the structure they mark, written as the Markdown it stands for, then read
by the Markdown reader; each passage keeps the line of the source it starts at.

".SH" and ".SS" are sections and sub-sections; the NAME section's line is the title (else the page's name from
".TH", "gzip(1)"). ".TP" and ".IP" with a tag are tagged paragraphs: the tag ("-c, --stdout", a ".TQ" line adding to
it) titles its description, as a definition's term does, and a bullet or number tag is a list item; ".RS" and ".RE"
nest them, and a short line of its own right over an ".RS" block is that block's term (DocBook's entries). ".PP",
".sp" and blank lines end paragraphs. No-fill text (".nf", ".EX", Pod::Man's ".Vb") is code, and so is SYNOPSIS; a
tbl(1) table (".TS") is a table, its first row the header. Escapes become the characters they print ("\\-" a hyphen,
"\\(em" a dash), font changes are dropped, and strings defined with ".ds" are expanded. Macros a page defines
(".de") are run with their arguments; conditions take the branch a terminal (nroff) takes, and one that depends on
anything else is false.

BSD's mdoc(7) macros (OpenSSH's and tmux's pages) are read the same way: ".Sh"/".Ss" are sections, a ".Bl" list's
".It" items are tagged paragraphs (a "-tag" list's item titles its description) or list items, "-column" lists are
tables, ".Bd -literal" and ".Dl" are code, and the macros that mark words up (".Fl v" for "-v", ".Xr ssh 1" for
"ssh(1)", ".Op" for "[...]", ".Dq" for quotes) print what they stand for.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import takewhile, zip_longest

from ..passage import Passage
from .manpage import PageNode, render_nodes
from .markdown import escaped, parse_converted

# A line at most this long over an indented block may be its term (term_over_block), unless it holds the end of
# a sentence or ends on a word that a sentence goes on after ("... is", "... or").
_TERM_CHARS = 80
_SENTENCE_BREAK = re.compile(r"[.!?;]\s+[A-Z]")
# A paragraph of nothing but references to other pages ("ftp(1), wget(1)", a SEE ALSO section's list): where to
# read on, as a page's navigation is, no text of its own ("which wget flags mirror a site?" had it as an answer).
_ONLY_REFERENCES = re.compile(r"(?:[\w.:+-]+\(\d\w*\)[,.;]?\s*)+")
_GOES_ON = frozenset("a an the is are was were be as of to for with by and or but nor that which from into than "
                     "its their this these using".split())
# Characters a special-character name ("\(em", "\[bu]") prints; a name not listed prints nothing.
_GLYPHS = {
    "em": "—", "en": "–", "hy": "-", "mi": "-", "bu": "•", "aq": "'", "dq": '"', "lq": "“", "rq": "”", "oq": "‘",
    "cq": "’", "co": "©", "rg": "®", "tm": "™", "de": "°", "mu": "×", "di": "÷", "+-": "±", ">=": "≥", "<=": "≤",
    "!=": "≠", "->": "→", "<-": "←", "ha": "^", "ti": "~", "rs": "\\", "sl": "/", "ba": "|", "or": "|", "at": "@",
    "sh": "#", "Do": "$", "lB": "[", "rB": "]", "lC": "{", "rC": "}", "la": "⟨", "ra": "⟩", "Fo": "«", "Fc": "»",
    "fo": "‹", "fc": "›", "ga": "`", "aa": "´", "ul": "_", "ru": "_", "pc": "·", "sc": "§", "ps": "¶", "ct": "¢",
    "Eu": "€", "Po": "£", "dg": "†", "dd": "‡", "ss": "ß", "12": "½", "14": "¼", "34": "¾", "'e": "é", "`e": "è",
    "'a": "á", ":u": "ü", ":o": "ö", ":a": "ä", "sq": "□", "ci": "○", "eq": "=", "pl": "+", "**": "*", "fm": "′",
}
# An escape: its name, and the argument names that take one: "\f(CW", "\*[name]", "\s-1", "\h'3n'".
_ESCAPE = re.compile(r"""\\(?:
      (?P<glyph>\((?P<g2>..)|\[(?P<gl>[^\]]*)\])
    | (?P<kind>[fFnm*gkMYV])(?:\((?P<a2>..)|\[(?P<al>[^\]]*)\]|(?P<a1>.))
    | s(?:[+-]?\d\d?|[+-]?\(\d\d|\[[^\]]*\]|'[^']*')
    | (?P<quoted>[hvwlLDXobZRSxNHCA])'(?P<arg>[^']*)'
    | (?P<char>.)
)""", re.VERBOSE | re.DOTALL)
# Escapes that print nothing: a zero-width break point, a thin space, hyphenation marks, an italic correction.
_SILENT = set("&|^%:/,)cdupra")
_SPACES = {" ": " ", "~": " ", "0": " ", "t": " "}
_CODE_START, _CODE_END = {"nf", "EX", "Vb"}, {"fi", "EE", "Ve"}
# Font macros: their words in one font, spaced ("B", "I"), or alternating between two fonts, run together ("BR").
_ONE_FONT = {"B", "I", "SM", "SB"}
_ALTERNATING = {"BR", "BI", "IB", "IR", "RB", "RI"}
# A section (.SH) and a sub-section (.SS), as Markdown headings.
_HEADINGS = {"section": "##", "subsection": "###"}
MAX_MACRO_DEPTH = 20

# mdoc(7): macros that mark up the words after them, up to the next such macro; each word printed as it is, or
# as its form here says ("Fl v" is "-v").
_MDOC_WORDS = {"Fl", "Cm", "Ar", "Ic", "Ev", "Dv", "Va", "Pa", "Li", "Em", "Sy", "Ad", "Er", "Fa", "Ft", "Tn", "No",
               "Ms", "Sx", "Cd", "Lb", "Mt", "An", "Xc", "Xo", "Nm", "In", "%A", "%B", "%D", "%I", "%J", "%N", "%O",
               "%P", "%Q", "%R", "%T", "%U", "%V"}
_MDOC_FORMS = {"Fl": "-{}", "In": "<{}>"}
# Macros that enclose the rest of their line.
_MDOC_ENCLOSING = {"Op": "[]", "Oo": "[", "Oc": "]", "Pq": "()", "Po": "(", "Pc": ")", "Bq": "[]", "Bo": "[",
                   "Bc": "]", "Brq": "{}", "Bro": "{", "Brc": "}", "Aq": "<>", "Ao": "<", "Ac": ">", "Dq": "“”",
                   "Do": "“", "Dc": "”", "Qq": '""', "Qo": '"', "Qc": '"', "Sq": "‘’", "So": "‘", "Sc": "’",
                   "Ql": "‘’", "Eo": "", "Ec": ""}
# Names of systems, printed as such.
_MDOC_SYSTEMS = {"Ux": "UNIX", "Bx": "BSD", "Ox": "OpenBSD", "Nx": "NetBSD", "Fx": "FreeBSD", "Dx": "DragonFly",
                 "Bsx": "BSD/OS", "At": "AT&T UNIX"}
_MDOC_MACROS = {*_MDOC_WORDS, *_MDOC_ENCLOSING, *_MDOC_SYSTEMS, "Xr", "Ns", "Ta", "Fn", "Lk", "St", "Pf", "Ap"}
# mdoc's structure macros, and the types of its lists.
_MDOC_REQUESTS = {"Dd", "Dt", "Os", "Sh", "Ss", "Pp", "Lp", "Nd", "Bl", "El", "It", "Bd", "Ed", "Dl", "D1", "Ex", "Rv",
                  "Rs", "Re", "Sm", "Bf", "Ef", "Bk", "Ek", "Ud"}
_MDOC_LISTS = {"tag", "hang", "ohang", "inset", "diag", "bullet", "dash", "hyphen", "item", "enum", "column"}
# Punctuation that closes up to the word before it, and that opens up to the word after it.
_CLOSING, _OPENING = set(".,:;)]?!"), set("([")


def is_man_source(text: str) -> bool:
    """Whether a text is roff source in the man(7) or mdoc(7) macros: a ".TH" or ".Dd" title or a ".SH" or ".Sh"
    section at a line's start."""
    return bool(re.search(r"^\.(?:TH|SH|Dd|Sh)\b", text, re.M))


def parse_roff(text: str, *, source: str, title: str = "", max_chars: int = 1200) -> list[Passage]:
    return parse_converted(roff_markdown(text), source=source, title=title, max_chars=max_chars)


def roff_markdown(text: str) -> list[tuple[int, str]]:
    """The page as Markdown lines, each with the number of the source line it comes from."""
    page = _Page()
    page.run(_joined_lines(text))
    return page.markdown()


def _joined_lines(text: str) -> list[tuple[int, str]]:
    """The source's lines with comments cut and lines that end in "\\" joined to the next one, each with its
    number."""
    out: list[tuple[int, str]] = []
    pending, start = "", 0
    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        line, joins = _without_comment(raw)
        if not pending:
            start = number
        pending += line
        if not joins:
            out.append((start, pending))
            pending = ""
    if pending:
        out.append((start, pending))
    return out


def _without_comment(line: str) -> tuple[str, bool]:
    """The line before a comment (\\" or \\#), and whether it goes on in the next line (a final "\\", or "\\#")."""
    k = 0
    while k < len(line):
        if line[k] == "\\" and k + 1 < len(line):
            if line[k + 1] == '"':
                return line[:k].rstrip(), False
            if line[k + 1] == "#":
                return line[:k], True
            k += 2
            continue
        if line[k] == "\\":
            return line[:k], True  # an escaped line end
        k += 1
    return line, False


def _arguments(text: str) -> list[str]:
    """A request's arguments: words, or "quoted strings" in which "" is a quote."""
    args: list[str] = []
    k = 0
    while k < len(text):
        if text[k] in " \t":
            k += 1
        elif text[k] == '"':
            k += 1
            arg = ""
            while k < len(text):
                if text[k] == '"':
                    if text[k + 1:k + 2] == '"':
                        arg, k = arg + '"', k + 2
                        continue
                    k += 1
                    break
                arg, k = arg + text[k], k + 1
            args.append(arg)
        else:
            end = k
            while end < len(text) and text[end] not in " \t":
                end += 2 if text[end] == "\\" else 1
            args.append(text[k:end])
            k = end
    return args


@dataclass
class _Open:
    """A tagged paragraph still taking text: its node and the ".RS" depth it was opened at."""
    node: PageNode
    depth: int


# The strings the man and mdoc macro packages define (groff_man(7), groff_mdoc(7) "Predefined strings"): file's
# magic(5) writes its operators so ("\*[Gt]", "\*[Lt]", "\*[Am]"), which had been dropped from its examples.
_PREDEFINED_STRINGS = {"Am": "&", "Ba": "|", "Ge": "≥", "Gt": ">", "If": "∞", "Le": "≤", "Lq": "“", "Lt": "<",
                       "Na": "NaN", "Ne": "≠", "Pi": "π", "Pm": "±", "Rq": "”", "q": '"', "lq": "“", "rq": "”",
                       "R": "®", "Tm": "™"}


@dataclass
class _Page:
    """The page as its requests build it, and the state of reading: strings, macros, the paragraph being filled."""
    strings: dict[str, str] = field(default_factory=lambda: dict(_PREDEFINED_STRINGS))
    macros: dict[str, list[str]] = field(default_factory=dict)
    nodes: list[PageNode] = field(default_factory=list)  # the page's, with its "section" and "subsection" nodes
    name: str = ""  # "gzip(1)", from .TH
    words: list[str] = field(default_factory=list)  # the paragraph being filled
    words_line: int = 0
    code: list[str] | None = None  # lines of no-fill text being read, or None
    code_line: int = 0
    table: list[str] | None = None  # lines of a tbl table being read, or None
    table_line: int = 0
    depth: int = 0  # .RS nesting
    open: list[_Open] = field(default_factory=list)  # tagged paragraphs, outermost first
    indented: bool = False  # text goes in the innermost tagged paragraph (after .TP/.IP, until .PP)
    awaits_tag: bool = False  # the next text line is a tag (after .TP)
    tag_line: int = 0
    adds_to_tag: bool = False  # the awaited tag is another name of the open tagged paragraph (.TQ)
    heading: int = 0  # level of a .SH/.SS whose text is on the next line, else 0
    hanging: bool = False  # the paragraph being filled opened with .HP
    section: str = ""
    condition_results: list[bool] = field(default_factory=list)  # of .ie requests, for their .el
    # mdoc(7): the page's name (the first ".Nm"), the open ".Bl" lists' types and item counts, the rows of a
    # "-column" list, and the words of a tag built over lines (".It Xo" ... ".Xc").
    page_name: str = ""
    lists: list[list] = field(default_factory=list)
    column_rows: list[list[str]] = field(default_factory=list)
    tag_words: list[str] | None = None

    # -- reading ---------------------------------------------------------------------------------------------
    def run(self, lines: list[tuple[int, str]], depth: int = 0) -> None:
        k = 0
        while k < len(lines):
            number, line = lines[k]
            k += 1
            if line.startswith((".", "'")):
                name, rest = _request(line[1:])
                if name in ("de", "am", "de1", "ig"):
                    end = (_arguments(rest)[1:2] or [".."])[0] if name != "ig" else ".."
                    end = end if end.startswith(".") else "." + end
                    body = []
                    while k < len(lines) and lines[k][1].strip().replace(" ", "") not in (end, end.replace(".", "'")):
                        body.append(lines[k][1])
                        k += 1
                    k += 1
                    args = _arguments(rest)
                    if name != "ig" and args:
                        self.macros[args[0]] = (self.macros.get(args[0], []) if name == "am" else []) + body
                    continue
                if name in ("if", "ie", "el"):
                    taken, body = self._condition(name, rest)
                    if body.lstrip().startswith("\\{"):
                        block, k = _block(lines, k, number, body.lstrip()[2:])
                        if taken:
                            self.run(block, depth)
                    elif taken and body.strip():
                        self.run([(number, body.lstrip())], depth)
                    continue
                self.request(number, name, rest, depth)
            else:
                self.text(number, line)

    def _condition(self, name: str, rest: str) -> tuple[bool, str]:
        """Whether an .if/.ie/.el request's branch is taken, and the branch."""
        if name == "el":
            return (not self.condition_results.pop() if self.condition_results else False), rest
        rest = rest.lstrip()
        negated = rest.startswith("!")
        rest = rest[1:] if negated else rest
        match = re.match(r"([ntoe])(?![\w(])|\\n(?:\(\.g|\[\.g\])|'([^']*)'([^']*)'", rest)
        if match:
            if match.group(1):
                result = match.group(1) == "n"  # a terminal
            elif match.group(2) is not None:
                result = self.escapes(match.group(2)) == self.escapes(match.group(3))
            else:
                result = True  # \n(.g: groff's own register
            body = rest[match.end():]
        else:
            result, body = False, re.sub(r"^\S+", "", rest)  # a condition on registers nobody set here
        result = result != negated
        if name == "ie":
            self.condition_results.append(result)
        return result, body

    def request(self, number: int, name: str, rest: str, depth: int) -> None:
        args = _arguments(rest)
        hanging, self.hanging = self.hanging, False
        if name in self.macros and depth < MAX_MACRO_DEPTH:
            body = []
            for line in self.macros[name]:
                line = re.sub(r"\\\\\$(\d)", lambda m: args[int(m.group(1)) - 1] if int(m.group(1)) <= len(args)
                              else "", line)
                line = line.replace("\\\\$*", " ".join(args)).replace("\\\\$@", " ".join(f'"{a}"' for a in args))
                body.append((number, line.replace("\\\\", "\\")))
            self.run(body, depth + 1)
            return
        if name == "ds" and args:
            value = (rest.strip().split(None, 1)[1:] or [""])[0]
            self.strings[args[0]] = value[1:] if value.startswith('"') else value
            return
        if name in _MDOC_REQUESTS or name in _MDOC_MACROS:
            self.mdoc(number, name, args)
            return
        if name == "TH":
            self.name_page(args)
            return
        if self.table is not None:
            if name == "TE":
                self.end_table()
            elif name == "T&":
                self.table.append(".T&")  # new format lines follow, which are no data
            return
        if name == "TS":
            self.flush()
            self.table, self.table_line = [], number
            return
        if self.code is not None:
            if name in _CODE_END:
                self.end_code()
            elif name in ("sp", "Sp"):
                self.code.append("")
            elif name in _ONE_FONT | _ALTERNATING:
                self.text(number, self._font_text(name, args))
            return
        if name in ("SH", "SS"):
            self.open_section(number, 2 if name == "SH" else 3, " ".join(self.escapes(a) for a in args))
            return
        if name in ("PP", "P", "LP"):
            self.end_paragraph()
            return
        if name in ("TP", "TQ"):
            self.flush()
            self.adds_to_tag = name == "TQ" or self.tag_still_bare()
            self.awaits_tag, self.tag_line = True, number
            return
        if name == "IP":
            tag = self.escapes(args[0]).strip() if args else ""
            if not tag and hanging:
                # help2man's options: ".HP" / "\fB\-w\fR, \fB\-\-warmup\fR <NUM>" / ".IP" / what it does. The
                # option, a short line alone, is the term of the indented text, not a paragraph apart from it.
                self.term_over_block()
            self.flush()
            if tag and self.tag_still_bare():
                # pod2man's items one after another (".IP Allow" / ".PD 0" / ".IP Deny" / ".PD" / their text): one
                # description of them all, as ".TQ" makes it.
                self.open[-1].node.text += ", " + tag
            elif tag:
                self.open_tag(number, tag)
            elif not self.open:
                self.indented = False
            return
        if name == "HP":
            self.flush()
            self.hanging = True
            return
        if name in ("sp", "Sp", "br"):
            self.flush()
            return
        if name == "RS":
            self.term_over_block()
            self.indent()
            return
        if name == "RE":
            self.outdent()
            return
        if name in _CODE_START:
            self.flush()
            self.code, self.code_line = [], number
            return
        if name in _ONE_FONT | _ALTERNATING:
            if args:
                self.text(number, self._font_text(name, args))
            return
        if name in ("UR", "MT"):
            return  # the link's text follows; its address is not shown when it has one
        if name in ("UE", "ME", "OP", "SY", "YS"):
            if name == "OP" and args:
                self.text(number, "[" + " ".join(args) + "]")
            elif name == "SY" and args:
                self.flush()
                self.text(number, args[0])
            elif args and name in ("UE", "ME"):
                self.text(number, args[0])
            return
        # Any other request or macro lays the page out or indexes it: ignored.

    def name_page(self, args: list[str]) -> None:
        """The page's name and section from its title macro (".TH GZIP 1", ".Dt SSH_CONFIG 5"): "gzip(1)"."""
        if args:
            self.name = f"{self.escapes(args[0]).lower()}({self.escapes(args[1]) if len(args) > 1 else ''})"

    def mdoc(self, number: int, name: str, args: list[str]) -> None:
        """An mdoc(7) macro: the page's structure, or words marked up."""
        if self.table is not None:
            return
        if self.code is not None:
            if name == "Ed":
                self.end_code()
            elif name in _MDOC_MACROS:
                self.code.append(self.mdoc_words([name, *args]))
            return
        if self.tag_words is not None and name in _MDOC_MACROS:
            # A tag over several lines (".It Xo" / ".Fl o Ar option" / ".Xc").
            tokens = [name, *args]
            closes = "Xc" in tokens
            self.tag_words.append(self.mdoc_words(tokens[:tokens.index("Xc")] if closes else tokens))
            if closes:
                tag, self.tag_words = " ".join(w for w in self.tag_words if w), None
                self.open_tag(self.tag_line, tag)
            return
        if name == "Dt":
            self.name_page(args)
        elif name in ("Sh", "Ss"):
            self.lists.clear()
            self.open_section(number, 2 if name == "Sh" else 3, self.mdoc_words(args))
        elif name in ("Pp", "Lp"):
            # A paragraph break; inside a list's item it stays in the item, which ends at the next ".It" or ".El".
            if self.lists:
                self.flush()
            else:
                self.end_paragraph()
        elif name == "Nd":
            self.add_words(number, "— " + self.mdoc_words(args))
        elif name == "Bl":
            self.flush()
            kind = next((a[1:] for a in args if a[1:] in _MDOC_LISTS), "tag")
            self.lists.append([kind, 0])
            self.column_rows = [] if kind == "column" else self.column_rows
            self.indent()
        elif name == "El":
            self.flush()
            kind = self.lists.pop()[0] if self.lists else ""
            if kind == "column" and self.column_rows:
                width = max(map(len, self.column_rows))
                rows = [row + [""] * (width - len(row)) for row in self.column_rows]
                # A column list has no header row: a row of empty cells heads it.
                self._container().append(PageNode("table", number, rows=[[""] * width, *rows]))
                self.column_rows = []
            self.outdent()
        elif name == "It":
            self.flush()
            current = self.lists[-1] if self.lists else ["tag", 0]
            if current[0] == "column":
                cells: list[list[str]] = [[]]
                for arg in args:  # the cells, parted by "Ta" macros
                    if arg == "Ta":
                        cells.append([])
                    else:
                        cells[-1].append(arg)
                self.column_rows.append([self.mdoc_words(cell) for cell in cells])
            elif current[0] in ("bullet", "dash", "hyphen", "item"):
                self.open_tag(number, "•")
            elif current[0] == "enum":
                current[1] += 1
                self.open_tag(number, f"{current[1]}.")
            elif args and args[-1] == "Xo":
                self.tag_words, self.tag_line = [self.mdoc_words(args[:-1])], number
            else:
                tag = self.mdoc_words(args)
                if tag:
                    self.open_tag(number, tag)
                else:
                    self.indented = True
        elif name == "Bd":
            self.flush()
            if "-literal" in args or "-unfilled" in args:
                self.code, self.code_line = [], number
        elif name in ("Ed", "Rs", "Re"):
            self.flush()
        elif name == "Dl":
            self.flush()
            self._container().append(PageNode("code", number, lines=[self.mdoc_words(args)]))
        elif name == "D1":
            self.flush()
            self.add_words(number, self.mdoc_words(args))
            self.flush()
        elif name == "Ex":
            utility = next((self.escapes(a) for a in args if a != "-std"), self.page_name)
            self.add_words(number, f"The {utility} utility exits 0 on success, and >0 if an error occurs.")
        elif name == "Rv":
            function = next((self.escapes(a) for a in args if a != "-std"), self.page_name)
            self.add_words(number, f"The {function}() function returns the value 0 if successful; otherwise the "
                                   "value -1 is returned and the global variable errno is set to indicate the error.")
        elif name in _MDOC_MACROS:
            if name == "Nm" and args and not self.page_name:
                self.page_name = self.escapes(args[0])
            if words := self.mdoc_words([name, *args]):
                self.add_words(number, words)
        # Any other mdoc macro (".Dd", ".Os", ".Sm", ".Bf") dates, spaces or fonts the page: ignored.

    def mdoc_words(self, tokens: list[str]) -> str:
        """The words of an mdoc macro line as the page prints them: "Fl v Ar file" is "-v file", "Op Fl q" is
        "[-q]", "Xr ssh 1" is "ssh(1)", "Dq yes ." is "“yes”."."""
        text, close_up, form = "", False, "{}"

        def add(piece: str, *, joined: bool = False) -> None:
            nonlocal text, close_up
            if not piece:
                return
            spaced = text and not (joined or close_up or text[-1] in _OPENING or (
                len(piece) == 1 and piece in _CLOSING) or piece[0] in ".,:;)]")
            text += (" " if spaced else "") + piece
            close_up = False

        k = 0
        while k < len(tokens):
            token = tokens[k]
            k += 1
            if token not in _MDOC_MACROS:
                word = self.escapes(token)
                add(word if all(c in _CLOSING | _OPENING for c in word) else form.format(word))
                if word and all(c in _OPENING for c in word):
                    close_up = True
                continue
            rest = tokens[k:]
            following = k < len(tokens) and tokens[k] not in _MDOC_MACROS
            if token == "Ns":
                close_up = True
            elif token == "Ap":
                add("'", joined=True)
                close_up = True
            elif token == "Pf" and following:
                add(self.escapes(tokens[k]))
                close_up, k = True, k + 1
            elif token == "Ta":
                add("\t")
            elif token in _MDOC_SYSTEMS:
                add(_MDOC_SYSTEMS[token])
            elif token == "Xr" and following:
                section = tokens[k + 1] if k + 1 < len(tokens) and tokens[k + 1] not in _MDOC_MACROS else ""
                add(f"{self.escapes(tokens[k])}({self.escapes(section)})" if section else self.escapes(tokens[k]))
                k += 2 if section else 1
            elif token == "Fn" and following:
                arguments = list(takewhile(lambda t: t not in _MDOC_MACROS and t not in _CLOSING, tokens[k + 1:]))
                add(f"{self.escapes(tokens[k])}({', '.join(map(self.escapes, arguments))})")
                k += 1 + len(arguments)
            elif token in ("Lk", "St"):
                if following:
                    link = list(takewhile(lambda t: t not in _MDOC_MACROS, tokens[k:]))
                    add(self.escapes(link[1] if token == "Lk" and len(link) > 1 else link[0]))
                    k += len(link)
            elif token in _MDOC_ENCLOSING:
                pair = _MDOC_ENCLOSING[token]
                if len(pair) == 2:
                    # It encloses the rest of the line but the punctuation that ends it: "Op Fl v ." is "[-v]."
                    end = len(rest)
                    while end and all(c in _CLOSING for c in rest[end - 1]):
                        end -= 1
                    add(pair[0] + self.mdoc_words(rest[:end]) + pair[1])
                    for mark in rest[end:]:
                        add(mark)
                    return text
                add(pair, joined=token.endswith("c"))
                close_up = token.endswith("o")
            else:
                form = _MDOC_FORMS.get(token, "{}")
                # A delimiter is no argument: ".Nm ." is the page's name and a full stop (but ".Ar ..." is "...").
                argument = following and self.escapes(tokens[k]) not in _CLOSING
                if token == "Nm" and not argument:
                    add(self.page_name)
                elif token == "Fl" and not argument:
                    add("-")
                elif token == "Ar" and not argument:
                    add("file ...")
        return text

    def add_words(self, number: int, shown: str) -> None:
        """Words of the paragraph being filled (or the tag or heading awaited), escapes already read."""
        if self.heading:
            level, self.heading = self.heading, 0
            self.start_section(number, level, shown)
            return
        if self.awaits_tag:
            self.awaits_tag = False
            if self.adds_to_tag and self.open:
                self.open[-1].node.text += ", " + shown
            else:
                self.open_tag(self.tag_line or number, shown)
            self.adds_to_tag = False
            return
        if not self.words:
            self.words_line = number
        self.words.append(shown)

    @staticmethod
    def _font_text(name: str, args: list[str]) -> str:
        return (" " if name in _ONE_FONT else "").join(args)

    def text(self, number: int, line: str) -> None:
        if self.table is not None:
            self.table.append(line)
            return
        if self.code is not None:
            self.code.append(self.escapes(line).rstrip())
            return
        shown = self.escapes(line).strip()
        if not shown:
            if not line.strip():
                self.flush()  # a blank line ends a paragraph
            elif self.awaits_tag:
                # A tag that prints nothing (".TP" / ".B \\&", as smartd.conf's pages go on with an entry after an
                # example): the text after it goes on in the description of the tag open at this level.
                self.awaits_tag = self.adds_to_tag = False
                self.indented = self.tag_open_here()
            return
        if self.tag_words is not None:
            self.tag_words.append(shown)
            return
        self.add_words(number, shown)

    # -- structure -------------------------------------------------------------------------------------------
    def open_section(self, number: int, level: int, text: str) -> None:
        """A section (level 2) or sub-section (3), titled by `text` or, without it, by the next line."""
        self.flush()
        self.open.clear()
        self.depth, self.indented, self.awaits_tag = 0, False, False
        if text:
            self.start_section(number, level, text)
        else:
            self.heading = level

    def term_over_block(self) -> None:
        """A short line of its own right over an indented block is the block's term, as DocBook's stylesheets write
        every entry (".PP" / "\\fBretain_available\\fR [ true | false ]" / ".RS 4" / its description / ".RE"), and
        ISC's pages their options (".B option domain-search domain-list;" / ".RS"). A line that ends a sentence, or
        leads into the block ("For example:", "The recommended form to use for a coprocess is"), is text."""
        text = " ".join(self.words).strip()
        if self.tag_still_bare():
            return  # the first line of a tag's description (".TP" / "ip route replace" / "change or add new one")
        if (text and len(text) <= _TERM_CHARS and text[-1] not in ".!?:," and not _SENTENCE_BREAK.search(text)
                and text.split()[-1].lower() not in _GOES_ON and not self.awaits_tag):
            self.words = []
            self.open_tag(self.words_line, text)

    def indent(self) -> None:
        """A level deeper (".RS", an mdoc list): text after it goes under the tagged paragraph open above."""
        self.flush()
        self.depth += 1
        self.indented = False

    def outdent(self) -> None:
        """Back a level (".RE", the end of an mdoc list): the tagged paragraphs opened inside are closed."""
        self.flush()
        self.close_open(self.depth)
        self.depth = max(0, self.depth - 1)
        self.indented = self.tag_open_here()

    def tag_open_here(self) -> bool:
        """Whether the innermost open tagged paragraph was opened at this ".RS" depth."""
        return bool(self.open and self.open[-1].depth == self.depth)

    def tag_still_bare(self) -> bool:
        """Whether the text read now would be the first of the description of the tag open at this depth (nothing
        under it yet)."""
        return self.tag_open_here() and self.indented and not self.open[-1].node.children

    def end_paragraph(self) -> None:
        self.flush()
        self.indented, self.awaits_tag = False, False
        self.close_open(self.depth)

    def start_section(self, number: int, level: int, text: str) -> None:
        self.section = text
        self.nodes.append(PageNode("section" if level == 2 else "subsection", number, text=text))

    def open_tag(self, number: int, tag: str) -> None:
        self.close_open(self.depth)
        node = PageNode("term", number, text=tag)
        self._container().append(node)
        self.open.append(_Open(node, self.depth))
        self.indented = True

    def close_open(self, depth: int) -> None:
        """Close the tagged paragraphs opened at ".RS" depth `depth` or deeper."""
        while self.open and self.open[-1].depth >= depth:
            self.open.pop()

    def _container(self) -> list[PageNode]:
        """Where text goes now: in the innermost open tagged paragraph when its description is being read (after
        its tag, or inside an ".RS" under it), else at the section's level."""
        for opened in reversed(self.open):
            if opened.depth < self.depth or (opened.depth == self.depth and self.indented):
                return opened.node.children
        return self.nodes

    def flush(self) -> None:
        if self.words:
            text = " ".join(self.words)
            if _ONLY_REFERENCES.fullmatch(text):
                self.words = []
                return
            kind = "code" if self.section.upper() == "SYNOPSIS" else "paragraph"
            node = PageNode(kind, self.words_line, text=text, lines=[text] if kind == "code" else [])
            self._container().append(node)
            self.words = []

    def end_code(self) -> None:
        lines = self.code or []
        while lines and not lines[-1].strip():
            lines.pop()
        while lines and not lines[0].strip():
            lines.pop(0)
        if lines:
            self._container().append(PageNode("code", self.code_line, lines=lines))
        self.code = None

    def end_table(self) -> None:
        rows = _table_rows(self.table or [], self.escapes)
        if rows and _first_row_is_data(rows):
            rows = [[""] * len(rows[0]), *rows]  # no header row: a row of empty cells heads it, as a column list's
        if rows:
            self._container().append(PageNode("table", self.table_line, rows=rows))
        self.table = None

    # -- text ------------------------------------------------------------------------------------------------
    def escapes(self, text: str, depth: int = 0) -> str:
        """Text with its escapes replaced by what they print."""
        def replace(match: re.Match) -> str:
            if match.group("glyph"):
                name = match.group("g2") or match.group("gl") or ""
                if re.fullmatch(r"u[0-9A-Fa-f]{4,6}", name):
                    return chr(int(name[1:], 16))
                return _GLYPHS.get(name, "")
            kind = match.group("kind")
            if kind == "*":
                name = match.group("a2") or match.group("al") or match.group("a1") or ""
                value = self.strings.get(name, "")
                return self.escapes(value, depth + 1) if depth < MAX_MACRO_DEPTH else ""
            if kind or match.group("quoted") or match.group(0)[1:2] == "s":
                return ""
            char = match.group("char")
            if char in _SPACES:
                return _SPACES[char]
            if char in _SILENT:
                return ""
            return {"e": "\\", "-": "-", "'": "'", "`": "`", ".": "."}.get(char, char)

        return _ESCAPE.sub(replace, text)

    def markdown(self) -> list[tuple[int, str]]:
        self.flush()
        if self.code is not None:
            self.end_code()
        if self.table is not None:
            self.end_table()
        out: list[tuple[int, str]] = []
        titled = False
        k = 0
        while k < len(self.nodes):
            node = self.nodes[k]
            if node.kind not in _HEADINGS:
                body = []
                while k < len(self.nodes) and self.nodes[k].kind not in _HEADINGS:
                    body.append(self.nodes[k])
                    k += 1
                out += render_nodes(body, depth=0)
                continue
            under = self.nodes[k + 1] if k + 1 < len(self.nodes) else None
            if node.text.upper() == "NAME" and not titled and under is not None and under.kind == "paragraph":
                out += [(under.line, "# " + escaped(under.text)), (under.line, "")]
                titled = True
                k += 2
                continue
            out += [(node.line, f"{_HEADINGS[node.kind]} {escaped(node.text)}"), (node.line, "")]
            k += 1
        if not titled and self.name:
            out = [(1, f"# {escaped(self.name)}"), (1, ""), *out]
        return out


def _request(line: str) -> tuple[str, str]:
    """A control line's request or macro name and the rest of the line."""
    match = re.match(r"\s*(\S{1,2}(?=\s|$|\\)|[^\s\\]+)(.*)", line)
    if not match:
        return "", ""
    return match.group(1), match.group(2)


def _block(lines: list[tuple[int, str]], k: int, number: int, first: str) -> tuple[list[tuple[int, str]], int]:
    """The lines of a "\\{ ... \\}" block whose first line's rest is `first`, and where reading goes on after it."""
    block: list[tuple[int, str]] = []
    depth = 1
    text, at = first, number
    while True:
        depth += text.count("\\{") - text.count("\\}")
        if depth <= 0:
            cut = text.rfind("\\}")
            kept = text[:cut]
            if kept.strip() and kept.strip() not in (".", "'br", "'", ".br"):
                block.append((at, kept))
            return block, k
        if text.strip():
            block.append((at, text))
        if k >= len(lines):
            return block, k
        at, text = lines[k]
        k += 1


def _first_row_is_data(rows: list[list[str]]) -> bool:
    """Whether a table's first row is one of its entries, not its header: it leaves empty a column past the first
    that most other rows fill (rtcwake's formats of a time, "YYYYMMDDhhmmss" with no description beside it, over
    "YYYY-MM-DD hh:mm | (seconds will be set to 00)"). A header names every column but the corner over the labels."""
    rest = rows[1:]
    return bool(rest) and any(
        not cell and sum(c < len(row) and bool(row[c]) for row in rest) > len(rest) / 2
        for c, cell in enumerate(rows[0]) if c > 0)


_TEXT_BLOCK = re.compile(r"\0(\d+)\0")  # where a row's "T{ ... T}" cell stands while the row is split


def _table_rows(lines: list[str], escapes: Callable[[str], str]) -> list[list[str]]:
    """A tbl table's rows, each a list of its cells' text: options (up to ";"), then format lines (up to "."),
    then data; ".T&" brings new format lines, "_" and "=" lines are rules, and "T{ ... T}" a cell over lines. A cell
    whose format is "^" holds the text of the cell above it, which spans down into it (systemd's load paths)."""
    tab = "\t"
    k = 0
    if lines and lines[0].rstrip().endswith(";"):
        found = re.search(r"tab\s*\((.)\)", lines[0])
        tab = found.group(1) if found else tab
        k = 1
    formats, k = _table_formats(lines, k)
    rows: list[list[str]] = []
    in_section = 0  # data rows since the format lines that lay them out
    while k < len(lines):
        line = lines[k]
        k += 1
        if line.startswith(".T&"):
            formats, k = _table_formats(lines, k)
            in_section = 0
            continue
        if line.startswith((".", "'")) or line.strip() in ("_", "=", ""):
            continue
        blocks: list[str] = []  # the text of the row's "T{" cells, each held by a mark until the row is split
        while line.rstrip().endswith("T{") and k < len(lines):
            # A cell over several lines, up to a line that opens with "T}". Its text is the cell's, tab characters
            # and all (rtcwake's table, "tab(:)", has a cell "YYYY-MM-DD hh:mm:ss").
            parts = []
            while k < len(lines) and not lines[k].startswith("T}"):
                if not lines[k].startswith((".", "'")):
                    parts.append(lines[k].strip())
                k += 1
            rest = lines[k][2:] if k < len(lines) else ""
            k += 1
            blocks.append(" ".join(parts))
            line = line.rstrip()[:-2] + f"\0{len(blocks) - 1}\0" + rest
        cells = [" ".join(escapes(_TEXT_BLOCK.sub(lambda m: blocks[int(m.group(1))], cell)).split())
                 for cell in line.split(tab)]
        layout = formats[min(in_section, len(formats) - 1)] if formats else []
        in_section += 1
        if rows:
            cells = [rows[-1][c] if not cell and c < len(layout) and layout[c] == "^" and c < len(rows[-1]) else cell
                     for c, cell in enumerate(cells)]
        if rows and _continues_row(rows[-1], cells):
            rows[-1] = [f"{above} {cell}".strip() for above, cell in zip_longest(rows[-1], cells, fillvalue="")]
        elif any(cells):
            rows.append(cells)
    return rows


def _continues_row(above: list[str], cells: list[str]) -> bool:
    """Whether a table's line goes on with the cells of the row above it, as a wrapped cell's next line is
    written (signal(7): "SIGHUP | P1990 | Term | Hangup detected on controlling terminal" over " | | | or death of
    controlling process"; a header's second line): its first cell is empty, half its cells or more are, and each
    of the others goes on with the text above it. A row that only leaves its group's label empty fills more."""
    filled = [c for c, cell in enumerate(cells) if cell]
    return (bool(filled) and not cells[0] and bool(above[0]) and len(filled) <= max(len(cells), len(above)) / 2
            and all(c < len(above) and above[c] and (above[c][-1] not in ".!?" or cells[c][0].islower())
                    for c in filled))


def _table_formats(lines: list[str], k: int) -> tuple[list[list[str]], int]:
    """The format lines of a tbl table from line k (up to the one ending in "."), each as its columns' key letters
    ("lB l ^" → ["l", "l", "^"]), and the line after them."""
    formats = []
    while k < len(lines):
        line = lines[k]
        k += 1
        for row in line.rstrip().rstrip(".").split(","):
            formats.append([spec[0].lower() for spec in row.replace("|", " ").split()])
        if line.rstrip().endswith("."):
            break
    return formats, k
