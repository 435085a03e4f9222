"""Debian changelog: the format of `debian/changelog`, and of `NEWS.Debian` and `changelog.Debian` in
/usr/share/doc (deb-changelog(5)), written as the plain text it stands for.

Each entry opens with its package, version, distributions and urgency ("unbound (1.15.0-5) unstable;
urgency=medium"), holds its changes indented two spaces, and closes with the maintainer's trailer (" -- Michael
Tokarev <mjt@tls.msk.ru> Thu, 28 Apr 2022 11:27:58 +0300"). Read as plain lines, each trailer and the next entry's
first line had made one paragraph ("-- Guillaume Delacour <...> Sun, 12 Jul 2015 14:56:48 +0000 / rsnapshot
(1.3.0-1) unstable; urgency=low"), and no passage said which version its change came in. Here each entry is a title,
"unbound version 1.15.0-5 (28 Apr 2022)", over its changes; the trailer's name and address are dropped.
"""

from __future__ import annotations

import re

# deb-changelog(5): "package (version) distributions; metadata".
_HEADER = re.compile(r"^(?P<package>[a-z0-9][a-z0-9+.-]+) \((?P<version>[^ ()]+)\)(?: [^;]*)?;.*\burgency=", re.I)
_TRAILER = re.compile(r"^ -- .*?>\s+(?:[A-Z][a-z]{2}, +)?(?P<date>\d{1,2} [A-Z][a-z]{2} \d{4})")
# The indent of an entry's changes.
CHANGES_INDENT = 2


def is_debian_changelog(text: str) -> bool:
    """Whether a text is a Debian changelog: its first line opens an entry, and a trailer closes one."""
    lines = text.split("\n")
    first = next((line for line in lines if line.strip()), "")
    return bool(_HEADER.match(first)) and any(_TRAILER.match(line) for line in lines)


def debian_changelog_text(text: str) -> str:
    """The changelog as plain text: each entry a title underlined, over its changes."""
    lines = text.split("\n")
    dates = _entry_dates(lines)
    out: list[str] = []
    for k, line in enumerate(lines):
        under_header = k > 0 and bool(_HEADER.match(lines[k - 1]))
        if header := _HEADER.match(line):
            out.append(f"{header['package']} version {header['version']}" + (f" ({dates[k]})" if k in dates else ""))
        elif under_header and not line.strip():
            out.append("=" * len(out[-1]))  # the title's underline on the blank line under it: lines keep their numbers
        elif under_header:
            out += ["=" * len(out[-1]), _change(line)]
        elif line.startswith(" -- "):
            out.append("")
        else:
            out.append(_change(line))
    return "\n".join(out)


def _change(line: str) -> str:
    return line[CHANGES_INDENT:] if line.startswith(" " * CHANGES_INDENT) else line


def _entry_dates(lines: list[str]) -> dict[int, str]:
    """The date of each entry, from its trailer, by the line of its header."""
    dates: dict[int, str] = {}
    header = None
    for k, line in enumerate(lines):
        if _HEADER.match(line):
            header = k
        elif header is not None and (trailer := _TRAILER.match(line)):
            dates[header] = trailer["date"]
            header = None
    return dates
