"""Text helpers shared by the parsers and the ranker: cleaning, sentences and word tokens."""

from __future__ import annotations

import re
import unicodedata

_OVERSTRIKE = re.compile(r"[^\n\x08]\x08")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
# The bullets of the Symbol and Wingdings fonts, as text copied or extracted from a Word PDF holds them
# (private-use characters that show as boxes): the bullets they are.
_SYMBOL_BULLETS = {0xF0B7: "•", 0xF0A7: "▪", 0xF0A8: "□", 0xF0D8: "➢", 0xF0FC: "✓"}
# Typeset ligatures ("ﬁ" in "ﬁle", from a PDF or text copied out of one) as the letters they join, so
# that "file" finds the word.
_LIGATURES = {code: unicodedata.normalize("NFKC", chr(code)) for code in range(0xFB00, 0xFB07)}
# The minus sign a typeset manual sets for "-" in its code (bash's "${parameter:−word}"): copied, it would not
# run, and "-word" would not find it.
_CHARACTERS = str.maketrans({**_SYMBOL_BULLETS, **_LIGATURES, 0x2212: "-"})
# Other private-use characters are the glyphs of icon fonts (Font Awesome's link icon after a heading of a
# Read the Docs page), shown as boxes without the font: not text.
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# A sentence ends at . ! ? (and the closing quote or bracket after it, which stays with it) before a capital, digit
# or quote.
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"“‘(]?[A-Z0-9£$])")
WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
# A pasted traceback's stack frames: Python's 'File "app.py", line 3, in main' (the source line and the carets
# indented under it go with it), Java's and JavaScript's 'at com.example.Main.run(Main.java:10)' and
# 'at Object.<anonymous> (/app/index.js:1:2)', and the lines around them that only say where the frames are.
_PYTHON_FRAME = re.compile(r'^(\s*)File "[^"\n]*", line \d+')
_AT_FRAME = re.compile(r"^\s*at\s+\S.*?(?:\((?:[^()\n]*:\d+(?::\d+)?|Native Method|Unknown Source)\)|\s\S*:\d+:\d+)\s*$")
_TRACE_LINE = re.compile(r"^\s*(?:Traceback \(most recent call last\):|\.\.\. \d+ more|"
                         r"\[Previous line repeated \d+ more times?\]|The above exception was the direct cause of "
                         r"the following exception:|During handling of the above exception, another exception "
                         r"occurred:)\s*$")


def clean(text: str, *, keep_indent: bool = False) -> str:
    """Drop control and invisible formatting characters and fold runs of spaces; keeps newlines. With
    `keep_indent` the spaces stay where they are (plain text marks code and answers by indentation)."""
    # A string from JSON or the browser may hold lone UTF-16 surrogates ("\ud800"), which no encoder
    # accepts: a pair is joined into its character and a lone one is dropped.
    text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "ignore")
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").expandtabs(8)
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")  # line and paragraph separators
    # Overstruck letters of nroff's and lynx's output ("P\bPo\bo" for bold, "_\bx" for underlined) read once.
    text = _PRIVATE_USE.sub("", _CONTROL.sub("", _OVERSTRIKE.sub("", text)).translate(_CHARACTERS))
    if not keep_indent:
        return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    # Runs of spaces inside a line stay too: they align code and the columns of plain-text tables.
    return "\n".join(_SPACES.sub(lambda m: " " * len(m.group()), line).rstrip() for line in text.split("\n"))


def sentences(text: str) -> list[str]:
    """Split prose into sentences; a line break always ends a sentence."""
    out: list[str] = []
    for line in text.split("\n"):
        out.extend(s.strip() for s in _SENTENCE_END.split(line) if s.strip())
    return out


# A whole number standing alone: not a part of a version, a date, a time or a range ("3.9.1", "2015-04-22", "10:30",
# "1-3") nor of a word ("sqlite3", "ed25519"); or a code of a few letters and a number ("v7", "N806", "E501"; "uuid.v7"
# a member named by one). A sentence's full stop or comma may follow either.
_NUMBER_OR_CODE = re.compile(r"(?<![\w.,/:-])\d+(?!\w|[.,/:-]\w)|(?<![\w-])[A-Za-z]{1,4}\d+(?!\w|[.,/:-]\w)")
# A date's numbers: a year, and a day beside its month's name ("28 Apr 2022", "July 4, 2020").
_DATE = re.compile(r"\b(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
                   r"(?:\s+\d{1,2}(?:st|nd|rd|th)?\b)?(?:,?\s+\d{4}\b)?|\b(?:19|20)\d\d\b")


def without_dates(text: str) -> str:
    return _DATE.sub(" ", text)


def numbers_and_codes(text: str) -> set[str]:
    """The whole numbers and the codes standing alone in a text ("exit status 28.", "(1299) SQLITE_CONSTRAINT_NOTNULL",
    "uuid v7"), codes in lower case."""
    return {found.lower() for found in _NUMBER_OR_CODE.findall(text)}


def words(text: str) -> list[str]:
    """Lower-case word tokens; inner apostrophes, dots and hyphens stay ("don't", "scikit-learn", "3.5")."""
    return [w.replace("’", "'") for w in WORD.findall(text.lower())]


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def indentation(line: str) -> int:
    """How many spaces a line opens with."""
    return len(line) - len(line.lstrip(" "))


def without_stack_frames(text: str) -> str:
    """A pasted traceback as its messages, without its stack frames: their paths and code hold no words of the
    documents, and they had filled a question up to its length limit before the exception's message came.
    Expects the lines' indentation (`clean(text, keep_indent=True)`)."""
    out: list[str] = []
    frame_indent = None
    for line in text.split("\n"):
        if frame := _PYTHON_FRAME.match(line):
            frame_indent = len(frame.group(1))
            continue
        if frame_indent is not None and line.strip() and len(line) - len(line.lstrip()) > frame_indent:
            continue  # the frame's source line, or the carets under it
        frame_indent = None
        if not (_AT_FRAME.match(line) or _TRACE_LINE.match(line)):
            out.append(line)
    return "\n".join(out)
