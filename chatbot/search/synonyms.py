"""Synonyms: abbreviations and variants mapped to the words a corpus's documents use.

They are set per corpus, in its folder's corpus.toml ([synonyms] "SF" = ["San Francisco"]); none are
built in. A list fitted to one corpus misleads another: the shipped articles' "pay" = "salary" read a
billing FAQ's "How do I pay?" as "How do I salary?", a word that FAQ lacks, and the bot declined.
"""

from __future__ import annotations

import re


class Synonyms:
    """Finds the terms of a question that have long forms; matching is case-insensitive on whole words."""

    def __init__(self, table: dict[str, list[str]] | None = None):
        table = {k.lower(): v for k, v in (table or {}).items()}
        self.table = table
        # Longest keys first so "ML engineer" wins over "ML".
        keys = sorted(table, key=len, reverse=True)
        self._pattern = re.compile(r"(?<![\w'’])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w'’])",
                                   re.IGNORECASE) if keys else None

    def expand(self, text: str) -> tuple[str, list[str]]:
        """Return the text with each term replaced by its first long form, and every long form found."""
        if self._pattern is None:
            return text, []
        found: list[str] = []

        def swap(match: re.Match) -> str:
            forms = self.table[match.group(1).lower()]
            found.extend(forms)
            return forms[0]

        return self._pattern.sub(swap, text), found
