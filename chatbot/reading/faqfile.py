"""FAQ files: one question and its answer per row of a CSV, TSV or XLSX table, or per JSON, JSON Lines or
YAML record.

The question and answer columns are found by their header (question/q/query/prompt/title/subject/instruction
and answer/a/response/reply/body/content/text/description/solution/output, also with an affix such as `faq_question`,
`post_title` or `body_html`, or a language suffix such as `q_en`; English is preferred, else
the first), or by their values when the header or the records' keys name them otherwise (a column that mostly
asks, and one of words), or named in corpus.toml's `[faq]` table. A category (section, topic) column is shown as the entry's
section; without one, the other short columns (a product), but not a value every entry shares, an address or a
language code. Records wrapped as Django fixtures, schema.org FAQPage data and chat models' conversations are
read too. HTML and Markdown inside answers become plain text. A table with
no question and answer columns (a price list) is read as a table, one passage per row.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import textwrap
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from ..errors import DocumentError
from ..passage import Passage
from .outline import looks_like_question, table_text

# Several alternate wordings in one CSV cell are separated by this character.
ALTERNATES_SEPARATOR = "|"
# A help centre's or CMS's export names its articles' text "body", "content" or "description" (Zendesk,
# WordPress, Freshdesk); a FAQ kept for training a chat model, in the Alpaca layout, "instruction" and "output".
QUESTION_NAMES = ("question", "questions", "q", "query", "prompt", "title", "subject", "instruction")
ANSWER_NAMES = ("answer", "answers", "a", "response", "reply", "body", "content", "text", "description", "solution",
                "output")
# A column or key named with a prefix ("faq_question", "post_title", "article_body") or a suffix
# ("question_text", "body_html") around one of the names above.
_AFFIXED = re.compile(r"^(?:(?:faq|post|article|item|entry|kb)_)?(.*?)(?:_(?:text|html|plain|md))?$", re.DOTALL)
# Keys that name a group of records (`{"name": "Billing", "questions": [...]}`).
GROUP_NAMES = ("name", "title", "category", "section", "group", "topic", "heading", "label")
# Columns that say which part of a FAQ an entry is in: when a file has one, it alone is the entry's section,
# not its source, maintainer, language or status columns.
SECTION_NAMES = ("category", "categories", "section", "group", "topic", "topics", "heading", "label", "subcategory")
ALTERNATE_NAMES = ("alternates", "alternate_questions", "variants", "paraphrases")
# Who speaks a turn of a chat model's training data: the one who asks, and the one who answers.
_ASKERS = ("human", "user")
_REPLIERS = ("gpt", "assistant", "bot", "model")
PREFERRED_LANGUAGE = "en"
# How deep under keys a JSON file's list of records is looked for.
MAX_JSON_DEPTH = 8
# Metadata longer than this is content, not a label worth showing as a section.
MAX_LABEL_CHARS = 80
_LANGUAGE_SUFFIX = re.compile(r"^(.+?)[_\-.: ]([a-z]{2})$")
# HTML only when it closes a tag or breaks a line: "a <b> c" in plain prose is left alone.
_HTML_TAG = re.compile(r"</(?:a|p|li|ul|ol|b|strong|em|i|u|code|pre|div|span|h[1-6]|td|tr|table|blockquote)>"
                       r"|<br\s*/?>", re.IGNORECASE)
_HTML_BLOCKS = ("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "pre", "blockquote")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]+)\)")
_LIST_ITEM = re.compile(r"^(?:[-*+•]|\d{1,2}[.)])\s")
_MARKER_ONLY = re.compile(r"^(?:[-*+•]|\d{1,2}[.)])$")
_FENCE = re.compile(r"^\s*(?:```|~~~)")
_INDENTED = re.compile(r"^(?: {4}|\t)\s*\S")
_ID_COLUMN = re.compile(r"^(?:id|key|uuid|url|link|slug)$|_id$")
# Values of an export's bookkeeping columns (a flag, a time stamp) that say nothing of what an entry is about.
# An address (a web page's, a file's, an email's) or a language or locale code ("en", "en-us", "pt_BR") is no
# label either.
_NOT_A_LABEL = re.compile(r"^(?:true|false|yes|no|null|none|n/a)$|^\d{4}-\d\d-\d\d[T ]\d"
                          r"|^[a-z][a-z+.-]*://|^www\.|^\S+@\S+\.\w+$|^\S*[/#]\S*$|^\S+\.(?:html?|md|php|aspx?)$"
                          r"|(?-i:^[a-z]{2,3}(?:[-_][a-zA-Z]{2,4})?$)", re.IGNORECASE)
_DATE = re.compile(r"^(?:\d{4}-\d\d-\d\d|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})(?:[T ]\d|$)")
_NAME_THE_COLUMNS = ("name its columns question and answer in a header row, or set question_column and "
                     "answer_column in the [faq] table of corpus.toml")
# How many rows at a table's start may hold its header (a title, a note and blank rows above it).
HEADER_SEARCH_ROWS = 10
# A FAQ whose header names its columns otherwise is told by its rows (_asked_columns): this many at least, and
# in this share of them the question column asks and the answer column holds words.
MIN_ASKED_ROWS = 2
ASKED_SHARE = 0.6
# Excel writes CSV with the list separator of the user's locale: ";" wherever "," is the decimal mark.
_DELIMITERS = (",", ";", "\t", "|")


@dataclass(frozen=True)
class FaqColumns:
    """Column names set in corpus.toml (`[faq] question_column = "..."`); empty means "find it"."""
    question: str = ""
    answer: str = ""


@dataclass(frozen=True)
class _Layout:
    question: int
    answer: int
    alternates: int | None
    labels: tuple[int, ...]  # metadata columns shown as the section
    named: bool = False  # the labels are columns named as the FAQ's parts ("category")


def _normal(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def _find(header: list[str], names: tuple[str, ...], wanted: str) -> int | None:
    """The column named `wanted`, else one of `names`: exact, then with an affix ("post_title"), then
    English-suffixed, then any language suffix."""
    normal = [_normal(h) for h in header]
    if wanted:
        return normal.index(_normal(wanted)) if _normal(wanted) in normal else None
    for forms in (normal, [_AFFIXED.match(h).group(1) for h in normal]):
        for name in names:
            if name in forms:
                return forms.index(name)
    suffixed = [(k, m.group(2)) for k, h in enumerate(normal)
                if (m := _LANGUAGE_SUFFIX.match(h)) and m.group(1) in names]
    for k, language in suffixed:
        if language == PREFERRED_LANGUAGE:
            return k
    return suffixed[0][0] if suffixed else None


def _layout(header: list[str], columns: FaqColumns, rows: Sequence[list] = ()) -> _Layout | None:
    """Where a header row puts the question, the answer, the alternates and the labels; None when it names
    no question and answer columns, and its rows (a sample of them) do not show them either."""
    question = _find(header, QUESTION_NAMES, columns.question)
    answer = _find(header, ANSWER_NAMES, columns.answer)
    if (question is None or answer is None) and columns == FaqColumns():
        question, answer = _asked_columns(header, rows)
    if question is None or answer is None or question == answer:
        return None
    alternates = _find(header, ALTERNATE_NAMES, "")
    normal = [_normal(h) for h in header]
    # The same question or answer in another language is not a label.
    translated = {m.group(1) for h in (normal[question], normal[answer]) if (m := _LANGUAGE_SUFFIX.match(h))}
    labels = [k for k, h in enumerate(normal)
              if k not in (question, answer, alternates) and h and not _ID_COLUMN.search(h)
              and not ((m := _LANGUAGE_SUFFIX.match(h)) and m.group(1) in translated)]
    labels, named = _sections_first(labels, normal)
    return _Layout(question, answer, alternates, tuple(labels), named)


def _asked_columns(header: list[str], rows: Sequence[list]) -> tuple[int | None, int | None]:
    """The question and answer columns of a FAQ whose header names them otherwise ("Solution Title", "Pregunta",
    "Issue"), shown by its rows: the column whose cells mostly ask, and of the others the one with the longest
    text, written in words in most rows (not a number, a date or a flag). A column of numbers beside them makes it
    a table of data ("Is it easy to use? | 60 | 40"), read as one."""
    rows = [[str(cell or "").strip() for cell in row] for row in rows if len(row) == len(header)]
    if len(header) < 2 or len(rows) < MIN_ASKED_ROWS:
        return None, None

    def share(k: int, test) -> float:
        cells = [row[k] for row in rows if row[k]]
        return sum(map(test, cells)) / len(rows) if cells else 0.0

    asking = [share(k, looks_like_question) for k in range(len(header))]
    question = max(range(len(header)), key=asking.__getitem__)
    if asking[question] < ASKED_SHARE:
        return None, None
    data = [k for k in range(len(header)) if not _ID_COLUMN.search(_normal(header[k]))]
    worded = [k for k in data if k != question and asking[k] < ASKED_SHARE and share(k, _worded) >= ASKED_SHARE]
    # A date is an export's bookkeeping ("Last Updated"), not data.
    numbers = [k for k in data if share(k, lambda cell: not any(ch.isalpha() for ch in cell)
                                        and not _DATE.match(cell)) >= ASKED_SHARE]
    if not worded or numbers:
        return None, None
    return question, max(worded, key=lambda k: sum(len(row[k]) for row in rows))


def _worded(cell: str) -> bool:
    """A cell written in words: a sentence or a phrase, not a number, a date, a flag or an address."""
    return len(re.findall(r"[^\W\d_]{2,}", cell)) >= 2 and not _NOT_A_LABEL.match(cell)


def _sections_first(labels: list, names) -> tuple[list, bool]:
    """Of the metadata columns or keys, those named as a FAQ's parts ("category", "topic") when there are any,
    else all of them; and whether they are named so."""
    sections = [k for k in labels if _AFFIXED.match(_normal(str(names[k]))).group(1) in SECTION_NAMES]
    return (sections, True) if sections else (labels, False)


def _section(values: list, question: str, constant: set[int]) -> str:
    """An entry's section: its labels' values, without those every entry has (a maintainer, a language)
    and without a copy of its question."""
    shown = [_label(v) for k, v in enumerate(values) if k not in constant]
    return " / ".join(dict.fromkeys(v for v in shown if v and v != " ".join(str(question).split())))


def _label(value) -> str:
    """A metadata value as a section label, or "" when it is no label: not text, too long, no word in it
    (a number, a date) or a flag or time stamp."""
    if not isinstance(value, str):
        return ""
    value = " ".join(value.split())
    if len(value) > MAX_LABEL_CHARS or not any(ch.isalpha() for ch in value) or _NOT_A_LABEL.match(value):
        return ""
    return value


def answer_text(cell: str) -> str:
    """An answer cell as plain text: HTML tags and Markdown link targets dropped, wrapped lines joined; code
    (a `<pre>`, a fenced block, lines indented after a blank line or a colon) kept a line to a line."""
    if _HTML_TAG.search(cell):
        from bs4 import BeautifulSoup  # only for cells that hold HTML

        soup = BeautifulSoup(cell, "html.parser")
        for tag in soup.find_all("pre"):
            tag.replace_with(f"\n```\n{tag.get_text()}\n```\n")
        # Blocks end their lines, as a browser shows them: "<p>a</p><p>b</p>" had read "ab".
        for tag in soup.find_all("br"):
            tag.replace_with("\n")
        for tag in soup.find_all("li"):
            # A numbered list's steps keep their numbers ("2. Click Reset").
            if tag.parent is not None and tag.parent.name == "ol":
                start = str(tag.parent.get("start", "1"))
                number = len(tag.find_previous_siblings("li")) + (int(start) if start.isdigit() else 1)
                tag.insert(0, f"{number}. ")
            else:
                tag.insert(0, "- ")
        for tag in soup.find_all(_HTML_BLOCKS):
            tag.insert_before("\n")
            tag.insert_after("\n" if tag.name in ("li", "tr") else "\n\n")
        cell = soup.get_text()
    cell = _MD_LINK.sub(r"\1", cell)
    # A line break inside a sentence is a wrap: the lines join. A blank line, a list item or a line after a
    # finished sentence starts a new line; a line of code is one of its own ("pip install x" had run into the
    # sentence after it).
    out: list[str] = []
    joinable = False  # the last line may go on in the next
    code = False  # inside a fenced block
    before = ""  # the line before, as written
    for raw in textwrap.dedent(cell.strip("\n")).rstrip().split("\n"):
        if _FENCE.match(raw):
            code, joinable = not code, False
        elif code or (_INDENTED.match(raw) and (not before.strip() or before.rstrip().endswith(":")
                                                 or _INDENTED.match(before))):
            if raw.strip():
                out.append(raw.rstrip() if code else raw.rstrip()[4 if raw.startswith("    ") else 1:])
            joinable = False
        elif not (line := " ".join(raw.split())):
            joinable = False
        elif joinable and (_MARKER_ONLY.match(out[-1]) or (
                not _LIST_ITEM.match(line + " ") and not out[-1].endswith((".", "!", "?", ":")))):
            out[-1] += " " + line  # a wrapped line, or an item's text after its number ("4." over "<p>To ...")
        else:
            out.append(line)
            joinable = True
        before = raw
    return "\n".join(out)


def _entry(question, answer, alternates, *, source: str, title: str, line: int, section: str = "") -> Passage:
    if not isinstance(question, str) or not question.strip():
        raise DocumentError(source, "the question is missing or empty", line)
    if not isinstance(answer, str) or not answer.strip():
        raise DocumentError(source, "the answer is missing or empty", line)
    if isinstance(alternates, str):
        alternates = [a for a in alternates.split(ALTERNATES_SEPARATOR)]
    if alternates is None:
        alternates = []
    if not isinstance(alternates, list) or not all(isinstance(a, str) for a in alternates):
        raise DocumentError(source, '"alternates" must be a list of strings', line)
    question = " ".join(question.split())
    answer = answer_text(answer)
    if not question or not answer:
        raise DocumentError(source, "the question or the answer holds no text", line)
    return Passage(
        text=f"{question}\n{answer}",
        title=title,
        section=section,
        source=source,
        kind="faq",
        question=question,
        alternates=tuple(" ".join(a.split()) for a in alternates if a.strip()),
        line=line,
    )


def _header(rows: Iterator[tuple[int, list]], columns: FaqColumns, source: str,
            problems: list[DocumentError]) -> tuple[int, list[str], _Layout | None, list[tuple[int, list]]]:
    """The header row among the first rows (its line, its names, the FAQ layout it gives or None) and the
    rows read past it. A sheet often opens with a title and a blank row: the header is the first row that
    names question and answer columns, else the first row as filled as most are."""
    opening: list[tuple[int, list]] = []
    try:
        for line, row in rows:
            opening.append((line, row))
            if len(opening) == HEADER_SEARCH_ROWS:
                break
    except DocumentError as exc:
        problems.append(exc)
    named = [(k, [str(h or "").strip() for h in row]) for k, (_, row) in enumerate(opening)]
    named = [(k, header) for k, header in named if sum(bool(h) for h in header) >= 2]
    if not named:
        if not opening:
            raise DocumentError(source, "the file is empty")
        raise DocumentError(source, f"no header row naming the columns; to read it as a FAQ, {_NAME_THE_COLUMNS}",
                            opening[0][0])
    for k, header in named:
        if layout := _layout(header, columns):
            return opening[k][0], header, layout, opening[k + 1:]
    # The first row as filled as most rows are: a title above it holds less, and a row below it with a comma left
    # unquoted more, which had made that row the header and lost every row above it.
    filled = [sum(bool(h) for h in header) for _, header in named]
    most = Counter(filled).most_common(1)[0][0]
    k, header = next((k, header) for (k, header), count in zip(named, filled) if count >= most)
    return opening[k][0], header, _layout(header, columns, [row for _, row in opening[k + 1:]]), opening[k + 1:]


def parse_rows(rows: Iterable[tuple[int, list[str]]], *, source: str, title: str,
               columns: FaqColumns = FaqColumns()) -> tuple[list[Passage], list[DocumentError]]:
    """Rows of a table, each with its line number, the header first (a title above it is skipped). Rows that
    cannot be read are returned as problems; the other rows still load. A table without question and answer
    columns (a price list, a schedule) is read as a table: each row a passage under the table's header."""
    rows = iter(rows)
    problems: list[DocumentError] = []
    try:
        line, header, layout, opening = _header(rows, columns, source, problems)
    except DocumentError as exc:
        return [], [*problems, exc]
    rows = itertools.chain(opening, rows)
    if layout is None:
        named = sum(any(ch.isalpha() for ch in h) for h in header)
        found = f"no question and answer columns found in the header row {header!r}"
        if columns != FaqColumns() or named < 2:
            return [], [DocumentError(source, f"{found}; to read it as a FAQ, {_NAME_THE_COLUMNS}", line)]
        problems.append(DocumentError(source, f"{found}, so each row is read as a table row under that header. If "
                                      f"it is a FAQ, {_NAME_THE_COLUMNS}", line))
        return [Passage(text=table_text(title, header, [" ".join(cell.split()) for cell in row]), title=title,
                        section="", source=source, kind="table", line=line)
                for line, row in _filled_rows(rows, len(header), source, problems)], problems
    passages = []
    filled = list(_filled_rows(rows, len(header), source, problems))
    # A category column is the section even when every entry is in one category; other metadata is not when
    # it is the same for all (the file's maintainer, its language).
    constant = set() if layout.named else _constant([[row[k] for k in layout.labels] for _, row in filled])
    for line, row in filled:
        section = _section([row[k] for k in layout.labels], row[layout.question], constant)
        try:
            passages.append(_entry(row[layout.question], row[layout.answer],
                                   row[layout.alternates] if layout.alternates is not None else None,
                                   source=source, title=title, line=line, section=section))
        except DocumentError as exc:
            problems.append(DocumentError(source, exc.reason + "; row skipped", line))
    return passages, problems


def _constant(rows: list[list]) -> set[int]:
    """The positions whose value is the same in every row, when there are several rows: a file's maintainer
    or language, which says nothing of an entry."""
    if len(rows) < 2:
        return set()
    return {k for k in range(len(rows[0])) if len({str(row[k]) if k < len(row) else "" for row in rows}) == 1}


def _filled_rows(rows: Iterator[tuple[int, list[str]]], width: int, source: str,
                 problems: list[DocumentError]) -> Iterator[tuple[int, list[str]]]:
    """The rows that hold something, as text; a row of another width is a problem, and so is a file
    that cannot be read further."""
    while True:
        try:
            line, row = next(rows)
        except StopIteration:
            return
        except DocumentError as exc:
            problems.append(exc)
            return
        row = ["" if cell is None else str(cell) for cell in row]
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != width:
            # A quote opened and not closed where its cell ends runs on over the next lines, which are then lost too.
            last = line + sum(cell.rstrip("\n").count("\n") for cell in row)
            run_on = (f"; a quote (\") opened in it is not closed where its cell ends, so lines {line} to {last} "
                      "were read as this row" if last > line else "")
            problems.append(DocumentError(source, f"expected {width} columns, found {len(row)}{run_on}; row skipped",
                                          line))
            continue
        yield line, row


def _csv_rows(text: str, source: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise DocumentError(source, f"not valid CSV ({exc}); the rest of the file is skipped", line) from exc
        yield line, row


def _delimiter(text: str, expected: str) -> str:
    """The separator that splits most of the file's first rows into the same number of columns (two or
    more); `expected` when it does as well as any."""
    def agreeing_rows(delimiter: str) -> int:
        try:
            widths = Counter(len(row) for row in csv.reader(io.StringIO(text[:20_000], newline=""),
                                                              delimiter=delimiter) if len(row) > 1)
        except csv.Error:
            return 0
        return max(widths.values(), default=0)
    return max((expected, *_DELIMITERS), key=agreeing_rows)


def tab_separated_faq(text: str) -> bool:
    """Whether a text file is a sheet saved with tabs between its cells, whose header (among its first lines)
    names question and answer columns."""
    lines = [line for line in text.split("\n")[:HEADER_SEARCH_ROWS] if line.strip()]
    return any("\t" in line and _layout([c.strip().strip('"') for c in line.split("\t")], FaqColumns()) is not None
               for line in lines)


def parse_csv(text: str, *, source: str, title: str, columns: FaqColumns = FaqColumns(),
              delimiter: str = ",") -> tuple[list[Passage], list[DocumentError]]:
    """A CSV or TSV table; a file whose rows `delimiter` does not split is tried with ";", tab and "|"."""
    return parse_rows(_csv_rows(text, source, _delimiter(text, delimiter)), source=source, title=title,
                      columns=columns)


def parse_xlsx(data: bytes, *, source: str, title: str,
               columns: FaqColumns = FaqColumns()) -> tuple[list[Passage], list[DocumentError]]:
    """Every sheet of a workbook whose header row names question and answer columns."""
    import openpyxl  # only for workbooks

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheets = [(sheet.title, list(sheet.iter_rows(values_only=True))) for sheet in book.worksheets]
        finally:
            book.close()
    except Exception as exc:  # noqa: BLE001 - a damaged file fails in openpyxl, zipfile, zlib or the XML parser
        raise DocumentError(source, f"is not a readable Excel workbook ({type(exc).__name__}: {exc}); "
                                    "file skipped") from exc
    return parse_sheets([(name, list(enumerate(rows, start=1))) for name, rows in sheets], source=source, title=title,
                        columns=columns)


def parse_xls(data: bytes, *, source: str, title: str,
              columns: FaqColumns = FaqColumns()) -> tuple[list[Passage], list[DocumentError]]:
    """Every sheet of an Excel 97-2003 workbook (.xls) whose header row names question and answer columns."""
    import xlrd  # only for old workbooks

    try:
        book = xlrd.open_workbook(file_contents=data, logfile=io.StringIO())  # xlrd prints its warnings
        sheets = [(sheet.name, [(r + 1, [_xls_value(cell, book.datemode) for cell in sheet.row(r)])
                                for r in range(sheet.nrows)]) for sheet in book.sheets()]
    except Exception as exc:  # noqa: BLE001 - a damaged file fails in xlrd's own ways
        raise DocumentError(source, f"is not a readable Excel 97-2003 workbook ({type(exc).__name__}: {exc}); "
                                    "file skipped") from exc
    return parse_sheets(sheets, source=source, title=title, columns=columns)


def _xls_value(cell, datemode: int):
    """A cell's value as Excel shows it: a date as a date, a whole number without ".0"."""
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(cell.value, datemode)
        except (ValueError, OverflowError):
            return cell.value
    if cell.ctype == xlrd.XL_CELL_NUMBER and float(cell.value).is_integer():
        return int(cell.value)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return ""
    return cell.value


def parse_sheets(sheets: list[tuple[str, list[tuple[int, Sequence]]]], *, source: str, title: str,
                 columns: FaqColumns = FaqColumns()) -> tuple[list[Passage], list[DocumentError]]:
    """The sheets of a workbook, each its name and its numbered rows; every sheet whose header row names
    question and answer columns gives entries."""
    passages, problems = [], []
    for name, rows in sheets:
        # A sheet's rows end at their last filled cell (a title row after its first): pad them all alike.
        width = max((len(row) for _, row in rows), default=0)
        padded = ((number, ["" if c is None else str(c) for c in row] + [""] * (width - len(row)))
                  for number, row in rows)
        found, bad = parse_rows(padded, source=source, title=title, columns=columns)
        passages += found
        problems += [DocumentError(p.path, f"sheet {name!r}: {p.reason}", p.line) for p in bad]
    return passages, problems


def parse_jsonl(text: str, *, source: str, title: str,
                columns: FaqColumns = FaqColumns()) -> tuple[list[Passage], list[DocumentError]]:
    passages, problems, records = [], [], []
    for line_no, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            records.append((line_no, json.loads(line)))
        except json.JSONDecodeError as exc:
            problems.append(DocumentError(source, f"not valid JSON ({exc.msg}); line skipped", line_no))
        except RecursionError:
            problems.append(DocumentError(source, "nested too deeply to read; line skipped", line_no))
    constant = _constant_keys([record for _, record in records])
    columns = _asked_keys([record for _, record in records], columns)
    for line_no, record in records:
        _add_record(record, passages, problems, source=source, title=title, columns=columns, line=line_no,
                    skipped="line skipped", constant=constant)
    return passages, sorted(problems, key=lambda problem: problem.line)


def parse_json(text: str, *, source: str, title: str,
               columns: FaqColumns = FaqColumns()) -> tuple[list[Passage], list[DocumentError]]:
    """A JSON FAQ export: lists of question and answer records, at the top, under a key (`{"faqs": [...]}`)
    or in named groups (`{"categories": [{"name": "Billing", "questions": [...]}]}`), each record read as
    a JSON Lines record is."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return [], [DocumentError(source, f"not valid JSON ({exc.msg}); file skipped", exc.lineno)]
    except RecursionError:
        return [], [DocumentError(source, "nested too deeply to read; file skipped")]
    return _parse_data(data, source=source, title=title, columns=columns)


def parse_yaml(text: str, *, source: str, title: str,
               columns: FaqColumns = FaqColumns()) -> tuple[list[Passage], list[DocumentError]]:
    """A YAML FAQ file (a static site's `faq.yml`): read as a JSON export is."""
    import yaml  # only when a corpus has YAML

    try:
        # Every value as the text written: a safe loader would turn an answer of "Yes" or "No" into a
        # boolean, and "1.10" into a number.
        data = yaml.load(text, Loader=yaml.BaseLoader)  # noqa: S506 - BaseLoader builds only strings, lists, dicts
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [], [DocumentError(source, f"not valid YAML ({getattr(exc, 'problem', None) or exc}); file skipped",
                                  mark.line + 1 if mark is not None else 0)]
    except RecursionError:
        return [], [DocumentError(source, "nested too deeply to read; file skipped")]
    return _parse_data(data, source=source, title=title, columns=columns)


def _parse_data(data, *, source: str, title: str, columns: FaqColumns) -> tuple[list[Passage], list[DocumentError]]:
    groups = list(_record_lists(data, columns, set()))
    if not groups:
        # Records whose keys name the question and the answer otherwise ({"pregunta": ..., "respuesta": ...}).
        asked = next((found for records in _object_lists(data, set())
                      if (found := _asked_keys(records, columns)) != columns), None)
        if asked is not None:
            columns, groups = asked, list(_record_lists(data, asked, set()))
    if not groups:
        return [], [DocumentError(source, "holds no list of question and answer records (objects with keys such as "
                                  '"question" and "answer", or names set in corpus.toml [faq]); file skipped')]
    passages: list[Passage] = []
    problems: list[DocumentError] = []
    number = 0
    for found, group in groups:
        constant = _constant_keys(found)
        for record in found:
            number += 1
            _add_record(record, passages, problems, source=source, title=title, columns=columns, group=group,
                        skipped=f"record {number} skipped", constant=constant)
    return passages, problems


def _asked_keys(records: list, columns: FaqColumns) -> FaqColumns:
    """The question and answer keys of records that name them otherwise, shown by their values as a table's columns
    are (_asked_columns); `columns` when the records name them, when they are set, or when the values do not show
    them."""
    records = [r for r in map(_unwrapped, records) if isinstance(r, dict)]
    if columns != FaqColumns() or not records or any(_is_record(r, columns) for r in records):
        return columns
    keys = list(records[0])
    rows = [[str(value) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""
             for value in map(record.get, keys)] for record in records]
    question, answer = _asked_columns(keys, rows)
    return columns if question is None or answer is None else FaqColumns(keys[question], keys[answer])


def _object_lists(data, seen: set[int], depth: int = 0) -> Iterator[list]:
    """Every list of objects in the file, outermost first."""
    if depth > MAX_JSON_DEPTH or id(data) in seen:
        return
    seen.add(id(data))
    if isinstance(data, list) and data and all(isinstance(_unwrapped(r), dict) for r in data):
        yield data
    for value in data if isinstance(data, list) else data.values() if isinstance(data, dict) else ():
        yield from _object_lists(value, seen, depth + 1)


def _constant_keys(records: list) -> frozenset[str]:
    """The keys whose value is the same in every record of a list of several (a file's maintainer or language)."""
    records = [r for r in map(_unwrapped, records) if isinstance(r, dict)]
    keys = list(records[0]) if records else []
    return frozenset(keys[k] for k in _constant([[json.dumps(r.get(key), sort_keys=True) for key in keys]
                                                 for r in records]))


def _is_record(value, columns: FaqColumns) -> bool:
    value = _unwrapped(value)
    return (isinstance(value, dict) and _find(list(value), QUESTION_NAMES, columns.question) is not None
            and _find(list(value), ANSWER_NAMES, columns.answer) is not None)


def _unwrapped(value):
    """A record with its question and answer keys brought to its top: a Django fixture keeps them under
    "fields", schema.org's FAQPage data a Question's "name" and its "acceptedAnswer"'s "text", a chat model's
    training data (ShareGPT's "conversations", "messages") a user's turn and the assistant's reply to it."""
    if not isinstance(value, dict):
        return value
    if isinstance(value.get("fields"), dict) and "model" in value:
        return value["fields"]
    answer = value.get("acceptedAnswer")
    answer = answer[0] if isinstance(answer, list) and answer else answer
    if isinstance(answer, dict) and isinstance(answer.get("text"), str) and isinstance(value.get("name"), str):
        return {"question": value["name"], "answer": answer["text"]}
    for turns in value.values():
        if isinstance(turns, list) and len(turns) >= 2 and all(isinstance(turn, dict) for turn in turns):
            said = [(str(turn.get("from") or turn.get("role") or "").lower(), turn.get("value", turn.get("content")))
                    for turn in turns]
            for (who, text), (replier, reply) in zip(said, said[1:]):
                if who in _ASKERS and replier in _REPLIERS and isinstance(text, str) and isinstance(reply, str):
                    return {"question": text, "answer": reply}
    return value


def _record_lists(data, columns: FaqColumns, seen: set[int], depth: int = 0,
                  group: str = "") -> Iterator[tuple[list, str]]:
    """Every list of objects with question and answer keys, in the file's order, each with the name of the
    group it is in ("Billing" in `{"name": "Billing", "questions": [...]}`): exports put their records at
    the top, under a key or two, or in categories. Each list or object is looked at once, however often
    YAML aliases repeat it."""
    if depth > MAX_JSON_DEPTH or id(data) in seen:
        return
    seen.add(id(data))
    if isinstance(data, list):
        if any(_is_record(r, columns) for r in data):
            yield data, group
            return
        for value in data:
            yield from _record_lists(value, columns, seen, depth + 1, group)
    elif isinstance(data, dict):
        named = _find(list(data), GROUP_NAMES, "") if depth else None  # the top object's name is the file's
        name = data[list(data)[named]] if named is not None else ""
        if isinstance(name, str) and 0 < len(" ".join(name.split())) <= MAX_LABEL_CHARS:
            group = " / ".join(filter(None, [group, " ".join(name.split())]))
        for value in data.values():
            yield from _record_lists(value, columns, seen, depth + 1, group)


def _add_record(record, passages: list[Passage], problems: list[DocumentError], *, source: str, title: str,
                columns: FaqColumns, skipped: str, line: int = 0, group: str = "",
                constant: frozenset[str] = frozenset()) -> None:
    """One question and answer record (its alternates and short labels too, under the name of its group) as a
    FAQ entry, or a problem."""
    fixture = isinstance(record, dict) and "model" in record and isinstance(record.get("fields"), dict)
    if fixture and not _is_record(record, columns):
        return  # a Django fixture's other tables (the topics its questions point to)
    record = _unwrapped(record)
    if not isinstance(record, dict):
        problems.append(DocumentError(source, f"each record must be an object with named fields; {skipped}", line))
        return
    keys = list(record)
    q, a = _find(keys, QUESTION_NAMES, columns.question), _find(keys, ANSWER_NAMES, columns.answer)
    if q is None or a is None:
        problems.append(DocumentError(source, 'each record needs a "question" and an "answer" (or keys such as '
                                      f'query/response, or names set in corpus.toml [faq]); {skipped}', line))
        return
    alt = _find(keys, ALTERNATE_NAMES, "")
    others = [k for k in keys if k not in (keys[q], keys[a], keys[alt] if alt is not None else None)
              and not _ID_COLUMN.search(_normal(k)) and not _LANGUAGE_SUFFIX.match(_normal(k))]
    labels, named = _sections_first(others, {k: k for k in keys})
    ignored = set() if named else {k for k, key in enumerate(labels) if key in constant}
    section = " / ".join(filter(None, [group, _section([record[k] for k in labels], record[keys[q]], ignored)]))
    try:
        passages.append(_entry(record[keys[q]], record[keys[a]], record[keys[alt]] if alt is not None else None,
                               source=source, title=title, line=line, section=section))
    except DocumentError as exc:
        problems.append(DocumentError(source, f"{exc.reason}; {skipped}", line))
