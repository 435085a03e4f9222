"""Analyzer: turns text into the terms keyword matching uses, and fixes typos against the corpus vocabulary."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Mapping

import Stemmer
from bm25s.stopwords import STOPWORDS_EN_PLUS
from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..text import words

# Words that carry the form of a question rather than its topic.
QUESTION_WORDS = {
    "what", "whats", "what's", "which", "who", "whom", "whose", "when", "where", "why", "how", "much", "many",
    "do", "does", "did", "can", "could", "would", "should", "shall", "may", "might", "must", "will", "is",
    "are", "was", "were", "be", "been", "am", "i", "me", "my", "you", "your", "u", "we", "our", "us",
    "tell", "please", "know", "get", "got", "like", "just", "really", "realy", "kind", "kinds", "sort",
    "thing", "things", "stuff", "whatever", "someone", "somebody", "anyone", "something", "there", "here",
    "also", "about", "any", "some", "lot", "lots", "need", "want", "say", "says", "said", "mean", "means",
    "one", "ones", "don't", "doesn't", "can't", "cant", "isn't", "aren't", "it's", "that's", "i'm", "im", "let", "give",
}
STOPWORDS = frozenset(STOPWORDS_EN_PLUS) | QUESTION_WORDS
# A word this common in English (Zipf scale) is taken as spelled right even if the corpus lacks it.
REAL_WORD_ZIPF = 3.0
# A rarer English word ("singling", "replicating") is replaced only by a corpus word at least this much
# more common (2 on the Zipf scale is 100 times): a typo's fix is far more common than the typo, while a
# real word's nearest corpus word ("signing", "replacing") is merely another word.
CORRECTION_MARGIN_ZIPF = 2.0
# Words this long may hold two slips ("visualisaton"); shorter ones one ("salry").
LONG_WORD = 8
# Where a name runs into its number ("covid19", "python3", "ipv6"): split there, so that it matches the
# same name written "COVID-19" or "covid 19".
NAME_NUMBER = re.compile(r"(?<=[a-z])(?=\d)")
# Where a word breaks into the words it joins: a hyphen ("re-infected"), or a dot between letters, as in
# code's dotted names ("os.cpus", "app.route", "Node.js"), which a question names by their last part
# ("cpus"); a number's dot stays ("3.5").
WORD_JOINT = re.compile(r"-|(?<=[a-z])\.(?=[a-z])")
# A command-line option ("-s", "--small") is a name of its own: its words alone are lost ("s" is a stopword)
# or common ("small"), and "what does -s do?" asks about that option. Its case is kept: "-S" is another option.
OPTION = re.compile(r"(?<![\w-])--?[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")
# A version written after its name with a slash ("HTTP/2", "TLS/1.3") is a name of its own too: its number
# alone is found in "Python 3", and "http" and "2" both in a passage on httplib2.
VERSIONED = re.compile(r"\b[A-Za-z]+/\d+(?:\.\d+)*\b")
# Chinese and Japanese are written without spaces: a run of their characters is read as its overlapping pairs
# of characters, as Lucene's CJK analyzer reads it. As one word, "运费多少" shared no term with "运费是多少",
# and a question was answered only as its FAQ entry words it.
CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


# Changed whenever the terms of a text change: a built index holds its passages' terms (its keyword index).
ANALYZER_VERSION = 3

_local = threading.local()


def _cjk_pairs(word: str) -> list[str]:
    """A word with its runs of Chinese or Japanese characters read as pairs of characters (CJK_RUN)."""
    if not CJK_RUN.search(word):
        return [word]
    out: list[str] = []
    for part in re.split(f"({CJK_RUN.pattern})", word):
        if CJK_RUN.fullmatch(part):
            out += [part] if len(part) == 1 else [part[i:i + 2] for i in range(len(part) - 1)]
        elif part:
            out.append(part)
    return out


def _stemmer() -> Stemmer.Stemmer:
    # PyStemmer objects must not be shared between threads: one per thread.
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("english")
    return stemmer


def _same_stem(stem: str) -> str:
    """Snowball's stem of an -ify verb ends in "ifi" ("certified": certifi), that of its -ification noun in "if"
    ("certification": certif): one stem for both, so that "Can I get certified?" finds "certifications"."""
    return stem[:-1] if stem.endswith("ifi") else stem


def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def _drop_clitic(word: str) -> str:
    """ "engineer's" -> "engineer", "they're" -> "they"; "don't" stays (a stopword as it is)."""
    head, _, tail = word.rpartition("'")
    return head if head and tail in ("s", "re", "ll", "ve", "d", "m") else word


# A name: a capitalised word that does not begin a sentence (Mosh, Francisco), or a word with a capital
# inside (PuTTY, NVIDIA, iPhone).
_NAME_WORD = re.compile(r"(?<=[^\s.!?:;\"'(“‘])\s+(?P<capitalised>[A-Z][A-Za-z]*)\b"
                        r"|\b(?P<inner>[A-Za-z][a-z]*[A-Z][A-Za-z]*)\b")


def name_spans(text: str) -> dict[int, str]:
    """The names of a text by where they start (none in a text all in capitals: they cannot be told)."""
    if text.isupper():
        return {}
    return {m.start(group): m.group(group) for m in _NAME_WORD.finditer(text)
            for group in ("capitalised", "inner") if m.group(group)}


def _same_case(word: str, like: str) -> str:
    """`word` in the capitals of `like` ("London" for "Londn", "SALARY" for "SALRY")."""
    if like.isupper() and len(like) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def _by_initial(words: Iterable[str]) -> dict[str, list[str]]:
    """Words grouped by their first letter, each group sorted."""
    groups: dict[str, list[str]] = {}
    for word in sorted(words):
        groups.setdefault(word[0], []).append(word)
    return groups


class Analyzer:
    """Stems terms and corrects misspelt words to words the corpus actually uses."""

    def __init__(self, vocabulary: Mapping[str, int], names: Iterable[str] = ()):
        self.vocabulary = vocabulary
        self._choices = _by_initial(w for w in vocabulary if len(w) >= 3 and w.isalpha())
        # A misspelt name is only ever one of the corpus's names: "Fransisco" is "Francisco", but "Mosh",
        # a name the documents lack, must not become "most", or the near miss loses what gives it away. Nor is a
        # stopword a name, though a document may write it with a capital inside a sentence (PuTTY's FAQ: "Most").
        self._name_choices = _by_initial(w for w in names if len(w) >= 3 and w.isalpha() and w in vocabulary
                                         and w not in STOPWORDS)

    @staticmethod
    def stem(word: str) -> str:
        return _same_stem(_stemmer().stemWord(word))

    def terms(self, text: str) -> list[str]:
        """Stemmed content terms (stopwords and question words removed), in order, with repeats."""
        def stem(words: list[str]) -> list[str]:
            return [_same_stem(w) for w in _stemmer().stemWords(words)]
        parts = (piece for w in words(text) for part in WORD_JOINT.split(_drop_clitic(w))
                 for split in NAME_NUMBER.split(part) for piece in _cjk_pairs(split))
        return (stem([w for w in parts if w and w not in STOPWORDS]) + OPTION.findall(text)
                + [name.lower() for name in VERSIONED.findall(text)])

    def correct(self, text: str) -> str:
        """Replace words that are neither in the corpus nor common English with their nearest corpus word."""
        names = name_spans(text)

        def fix(match: re.Match) -> str:
            word = match.group(0)
            lower = word.lower()
            if (len(lower) < 4 or not lower.isalpha() or lower in self.vocabulary
                    or lower in STOPWORDS or _zipf(lower) >= REAL_WORD_ZIPF):
                return word
            # A slip rarely hits a word's first letter, while a word that differs there is most often another
            # word: "unpaused" is not "paused", nor "helgrind" "valgrind", nor "iterating" "operating".
            choices = (self._name_choices if match.start() in names else self._choices).get(lower[0], ())
            # A typo is a slip or two (transposed letters count as one); among the nearest corpus
            # words, the one the corpus uses most is the likeliest meant ("salry": salary, not salty).
            limit = 1 if len(lower) < LONG_WORD else 2
            found = process.extract(lower, choices, scorer=OSA.distance, score_cutoff=limit, limit=None)
            if not found:
                return word
            nearest = min(distance for _, distance, _ in found)
            best = max(sorted(c for c, distance, _ in found if distance == nearest),
                       key=lambda c: (self.vocabulary[c], _zipf(c)))
            known = _zipf(lower)
            if known > 0 and _zipf(best) - known < CORRECTION_MARGIN_ZIPF:
                return word
            return _same_case(best, word)

        # Only words of letters: letters that run into digits are a name ("bzip2", "PCRE2", "lz4"), not a typo.
        return re.sub(r"(?<![^\W_])[A-Za-z]+(?![^\W_])", fix, text)
