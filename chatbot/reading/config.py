"""A configuration file whose comments document its settings (`hostapd.conf`, fail2ban's `jail.conf`, an example
shipped as `mdadm.conf-example`), written as the Markdown it stands for, then read by the Markdown reader; each
passage keeps the line of the file it starts at.

A setting is a line that is not a comment (`interface=wlan0`, `bantime = 10m`, `DEVICE /dev/sda1`), or a comment
that is one commented out (`#bridge=br0`, `# driver=hostap`, `#DEVICE /dev/hd*`). The comment lines right over
settings, up to a blank line, describe them: with them, they are one entry titled by the first setting's name, as
a term titles its definition ("bridge": "In case of atheros and nl80211 driver interfaces ..." and `#bridge=br0`).
A section (`[recidive]`) is a heading, with the comment right over it, which describes it; so is a banner
(`##### IEEE 802.11n related configuration #####`). Other comments are paragraphs, a blank comment line parting
them and two ending what the lines before were about; comment lines laid out as rows ("bit 0 (1) = IEEE 802.11",
"  0 = verbose debugging") are a list, and columns parted by tabs or spaces a table.
"""

from __future__ import annotations

import re

from ..passage import Passage
from ..text import clean
from .markdown import code_fence, escaped, parse_converted, pipe_table
from .plaintext import CELL_GAP

_COMMENT = re.compile(r"^\s*[#;]")
# A section of an INI file: "[recidive]".
_SECTION = re.compile(r"^\s*\[([^\[\]]+)\]\s*(?:[#;].*)?$")
# A banner: a short title between runs of "#", "=", "-" or "*" ("##### hostapd configuration file #####", "# ===
# Logging === ").
_BANNER = re.compile(r"^\s*[#;]+\s*[#=*-]{3,}\s*(?P<title>[^-#=*\s][^#=*]{0,80}?)\s*[#=*-]{3,}\s*$"
                     r"|^\s*#{3,}\s*(?P<open>[^-#=*\s][^#=*]{0,80}?)\s*#*\s*$")
# A rule: a comment of decoration only ("#####", "# ------"); a comment mark alone parts paragraphs instead.
_RULE = re.compile(r"^\s*[#;]+\s*[#=*-]{2,}\s*$|^\s*[#;]{3,}\s*$")
# Rows of as many cells in a row that make a table.
_TABLE_ROWS = 3
_EMPTY_COMMENT = re.compile(r"^\s*[#;]+\s*$")
# A setting's name at the start of a line: "interface=wlan0", "bantime = 10m", "DEVICE /dev/sda1".
_NAME = re.compile(r"^([A-Za-z_][\w.\-/]*)")
# A comment that is a setting commented out: "#bridge=br0", "# driver=hostap", "#SystemMaxUse=" (a name and "="
# with no space round it, and a value or nothing); or, right after the comment mark, "#mode = normal",
# "#DEVICE /dev/hd*".
_COMMENTED = re.compile(r"^\s*[#;]+(?:\s?[A-Za-z_][\w.\-]*=(?:\S|\s*$)|[A-Za-z_][\w.\-]*(?:\s*=\s*|\s+)\S)")
# A comment line laid out as a row: "bit 0 (1) = IEEE 802.11", "0 = verbose debugging", "- item".
_ROW = re.compile(r"^\s*(?:[-*+]\s|\S[^=]{0,30}\s=\s)")
_INDENTED = re.compile(r"^\s{2,}")


def parse_config(text: str, *, source: str, title: str, max_chars: int = 1200) -> list[Passage]:
    return parse_converted(config_markdown(text, title), source=source, title=title, max_chars=max_chars)


def config_markdown(text: str, title: str) -> list[tuple[int, str]]:
    """The file, titled `title` (its name), as Markdown lines, each with the number of the file's line it comes
    from."""
    # A tab parts columns (CELL_GAP) however few spaces it would stand for once expanded (hostapd's "Access
    # Category<TAB>WMM Designation").
    lines = clean(text.lstrip("\ufeff").replace("\t", "  "), keep_indent=True).split("\n")
    # Each entry is under the heading it is in again once it ends, as a term's definition is: the comments after
    # a blank line are not about its setting. The file's name heads what no banner or section does.
    heading = f"# {escaped(title)}"
    out: list[tuple[int, str]] = [(1, heading), (1, "")]
    block: list[tuple[int, str]] = []  # lines since the last blank line, rule or heading
    comment: list[tuple[int, str]] = []  # the last block, when it held comments only: it may describe a section

    def end_block() -> None:
        nonlocal block, comment
        if not block:
            return
        out.extend(_entries(comment, heading))
        comment, block = ([], block) if any(_is_setting(line) for _, line in block) else (block, [])
        out.extend(_entries(block, heading))
        block = []

    for number, line in enumerate(lines, start=1):
        section = _SECTION.match(line)
        banner = None if section or _RULE.match(line) else _BANNER.match(line)
        if section or banner:
            end_block()
            if not section:
                out.extend(_entries(comment, heading))
            heading = (f"## {escaped(banner.group('title') or banner.group('open'))}" if banner
                       else f"### {escaped('[' + section.group(1).strip() + ']')}")
            out.extend([(number, heading), (number, "")])
            if section:
                # The comment over a section describes it (fail2ban's "Jail for more extended banning ..." over
                # "[recidive]"): it goes under the section's heading.
                out.extend(_entries(comment, heading))
            comment = []
        elif not line.strip() or _RULE.match(line) or (
                _EMPTY_COMMENT.match(line) and block and _EMPTY_COMMENT.match(block[-1][1])):
            # A blank line, a rule or two empty comment lines in a row end what the lines before were about.
            end_block()
        else:
            block.append((number, line))
    end_block()
    out.extend(_entries(comment, heading))
    return out


def _is_setting(line: str) -> bool:
    return not _COMMENT.match(line) or _COMMENTED.match(line) is not None


def _entries(block: list[tuple[int, str]], heading: str) -> list[tuple[int, str]]:
    """A block's comments and the settings under them: each run of settings, with the comments right over it, an
    entry titled by its first setting's name, after which `heading` (the one the block is under) is put back;
    comments with no setting under them, paragraphs."""
    out: list[tuple[int, str]] = []
    k = 0
    while k < len(block):
        first = next((j for j in range(k, len(block)) if _is_setting(block[j][1])), len(block))
        # A comment indented after a setting is that setting's remark ("  # (change requires restart)" under
        # postgresql.conf's data_directory), part of the run.
        end = next((j for j in range(first, len(block)) if not _is_setting(block[j][1])
                    and not (block[j][1][:1].isspace() and _COMMENT.match(block[j][1]))), len(block))
        if first < len(block) and (name := _NAME.match(block[first][1].lstrip(" \t#;"))):
            number = block[first][0]
            out.extend([(number, f"###### {escaped(name.group(1))}"), (number, "")])
        out.extend(_comments(block[k:first]))
        if first < end:
            code = [line for _, line in block[first:end]]
            fence = code_fence("\n".join(code))
            out.extend([(block[first][0], fence), *block[first:end], (block[first][0], fence), (block[first][0], "")])
            out.extend([(block[first][0], heading), (block[first][0], "")])
        k = end
    return out


def _comments(block: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Comment lines as paragraphs: a blank comment parts them, and lines laid out as rows ("0 = verbose
    debugging", or indented, or after a line that ends with a colon) are a list's items."""
    out: list[tuple[int, str]] = []
    listing = False
    texts = [re.sub(r"^\s*[#;]+ ?", "", line).rstrip() for _, line in block]
    cells = [CELL_GAP.split(text.strip()) if text.strip() else [] for text in texts]
    k = 0
    while k < len(block):
        number = block[k][0]
        run = k
        while run < len(block) and len(cells[run]) >= 2 and len(cells[run]) == len(cells[k]):
            run += 1
        if run - k >= _TABLE_ROWS:
            # Columns parted by tabs or runs of spaces, as hostapd's "802.1D Tag  802.1D Designation  Access
            # Category" over a row per tag: a table, its first row the header.
            out.extend([(number, ""), *((number, row) for row in pipe_table(cells[k:run], header=True)),
                        (number, "")])
            listing, k = False, run
            continue
        k += 1
        text = texts[k - 1]
        # An indented line is a row under rows or a line that announces them; under prose, it goes on with it
        # ("1. Make sure that your loglevel ..." over "   is not at DEBUG level ...").
        row = bool(text.strip()) and bool(out) and bool(out[-1][1]) and (
            _ROW.match(text) is not None or out[-1][1].endswith(":")
            or (listing and _INDENTED.match(text) is not None))
        if row != listing and text.strip():
            # The list opens under the paragraph that introduces it, and a line of prose after it is a paragraph
            # again, not more of its last item.
            out.append((number, ""))
        listing = row
        out.append((number, f"- {escaped(text.strip())}" if row else escaped(text.strip())))
    return [*out, (block[-1][0], "")] if block else out
