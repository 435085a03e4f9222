"""Synonyms: abbreviations and variants mapped to the words documents tend to use.

Users extend or override them in their corpus folder's corpus.toml ([synonyms] "SF" = ["San Francisco"]).
"""

from __future__ import annotations

import re

DEFAULT_SYNONYMS: dict[str, list[str]] = {
    "ML": ["machine learning"],
    "AI": ["artificial intelligence"],
    "DL": ["deep learning"],
    "NLP": ["natural language processing"],
    "CV": ["computer vision"],
    "DS": ["data science"],
    "MLE": ["machine learning engineer"],
    "SWE": ["software engineer"],
    "SF": ["San Francisco"],
    "NYC": ["New York"],
    "NY": ["New York"],
    "LA": ["Los Angeles"],
    "UK": ["United Kingdom"],
    "US": ["United States"],
    "USA": ["United States"],
    "AWS": ["Amazon Web Services"],
    "GCP": ["Google Cloud"],
    "cert": ["certification"],
    "certs": ["certifications"],
    "stats": ["statistics"],
    "maths": ["mathematics"],
    "math": ["mathematics"],
    "pay": ["salary"],
    "wage": ["salary"],
    "wages": ["salaries"],
    "compensation": ["salary"],
    "earnings": ["salary"],
    "uni": ["university"],
    "grad school": ["advanced degree"],
    "masters": ["master's degree"],
    "bootcamp": ["boot camp"],
    "bootcamps": ["boot camps"],
}


class Synonyms:
    """Finds the terms of a question that have long forms; matching is case-insensitive on whole words."""

    def __init__(self, extra: dict[str, list[str]] | None = None):
        table = {k.lower(): v for k, v in DEFAULT_SYNONYMS.items()}
        table.update({k.lower(): v for k, v in (extra or {}).items()})
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
