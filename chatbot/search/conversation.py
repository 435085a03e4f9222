"""Conversation: reads an elliptical follow-up ("and in London?") in the light of the earlier questions."""

from __future__ import annotations

import re

from ..text import WORD, numbers_and_codes, sentences, words
from .analyzer import STOPWORDS, VERSIONED, Analyzer

_CONNECTOR = re.compile(
    r"^\s*(?:and|but|or|also|plus|so|then|now|what about|how about|what of|same for|same with|"
    r"in|for|at|with|from|about)\b", re.IGNORECASE)
# "... instead?" asks the previous question again of something else ("what if it's running mac os x instead").
_INSTEAD = re.compile(r"\binstead\s*[?.!]*\s*$", re.IGNORECASE)
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
# A command's switch or a format's letter ("-c", "--verbose", "%e"): one of a list of them, as a number is.
_SWITCH = re.compile(r"(?<![\w%-])(?:--?[A-Za-z][\w-]*|%[A-Za-z]\w*)")
# A number given as a bound ("node 18 or newer", "at least 3.8", "v2+", "fail if coverage is below 90%", "files
# over 10 MB"): the question asks what the least or most is, or what happens past it, which a passage with another
# number or none answers ("exit with a status of 2 if the total is less than MIN"). "COVID-20 or higher" is a
# name, not a bound. "More then 9" is how many write "more than 9".
_BOUND = re.compile(r"(?:\bat\s+(?:least|most)|\b(?:minimum|maximum)(?:\s+of)?|\b(?:below|under|over|above|exceed(?:s|ing)?|"
                    r"up\s+to|(?:less|fewer|more|greater|lower|higher|larger|smaller|bigger)\s+th[ae]n)|[<>]=?)\s*\$?"
                    r"(?:v|version\s*)?(?<![\w-])\d[\d,.]*\b"
                    r"|(?<![\w-])\d[\d,.]*\b(?:\+|\s+(?:or|and)\s+(?:newer|later|higher|above|up|greater|more|less|"
                    r"fewer|lower|below|under|older|younger)\b)", re.IGNORECASE)
# A word that holds a number as part of an address, a path or an identifier: an IP address, or letters and
# digits joined by "/", ":", "@", "=" or "_" ("localhost:8000", "python3.11/site-packages", "pid=1234").
_INSTANCE = re.compile(r"\S*\b\d{1,3}(?:\.\d{1,3}){3}\b\S*|(?=\S*[A-Za-z])(?=\S*\d)\S*[/:@=_]\S*")
# A message pasted from a log or a traceback ("[CRITICAL] WORKER TIMEOUT (pid:12)", "OperationalError: no such
# table", "npm ERR! code EACCES"): its numbers are the run's own (a process, a port, a line, a time), and its
# capitalised words the program's ("Internal Server Error"), not names of something the question is about.
_PASTED = re.compile(r"\b(?:Traceback|[A-Z][a-z]+(?:[A-Z][a-z]*)*(?:Error|Exception)\b|(?:Error|Exception):|ERROR\b|"
                     r"CRITICAL\b|FATAL\b|WARN(?:ING)?\b|ERR!)")
# A capitalised word that does not open the sentence, with the capitalised words after it ("San Francisco", "DevOps").
_NAME = re.compile(r"(?<=[\w,] )\b[A-Z][A-Za-z]*[a-z][A-Za-z]*(?:[ -][A-Z][A-Za-z]+)*\b")


_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_COUNT = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10}
# A year named by its distance from the year the conversation is about: "the following year", "the year
# before that", "two years later". "Ago" is left out: it counts from today, not from that year.
_RELATIVE_YEAR = re.compile(
    r"\b(?:the\s+)?(?:(?P<next>following|next|subsequent)\s+year|(?P<prev>previous|preceding|prior)\s+year"
    r"|year\s+(?:(?P<after>after)|(?P<before>before))(?:\s+that)?"
    r"|(?P<count>a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+years?\s+"
    r"(?:(?P<later>later|after(?:\s+that)?|on)|(?P<earlier>earlier|before(?:\s+that)?|prior))\b)",
    re.IGNORECASE)


# A follow-up that only names something after a preposition ("and in seattle?", "what about for fish?"), and the
# punctuation that ends what a preposition names in the previous question.
_PLACE_FOLLOW_UP = re.compile(r"^\s*(?:and|but|or|also|what about|how about|same for|same with)?\s*"
                              r"(?P<preposition>in|on|for|at|from|with|to|into|during)\s+"
                              r"(?P<place>[^\W_][^?.!,;:]{0,60}?)\s*[?.!]*\s*$", re.IGNORECASE)
_ARTICLES = ("the", "a", "an")
_BREAK = re.compile(r"[?.!,;:()]")
_ANAPHOR = re.compile(r"\b(?:one|ones|it|its|that|those|these|them|they|there|this|he|she|his|her)\b", re.IGNORECASE)
# A pronoun that stands for a thing named before: "it", "them" or "they", unless next to a form of "be" ("is it
# possible to...", "it's slow": an "it" that stands for nothing), or "that"/"this" where no noun follows ("turn
# that off", "does this work with cargo?"; not "check that the file exists", "this option").
_STANDS_FOR_EARLIER = re.compile(
    r"(?<!\bis )(?<!\bwas )\b(?:it|them|they)\b(?!\s+(?:is|was)\b|'s\b)"
    r"|\b(?:that|this|those|these)\b(?=\s*(?:[?.!,;]|$)|\s+(?:off|on|up|out|in|into|with|for|to|from|at|by|down|"
    r"away|back|again|work|works|mean|means|happen|happens)\b)", re.IGNORECASE)


def is_follow_up(question: str, content_terms: int) -> bool:
    """A question that leans on the previous one: it opens with a connector, says almost nothing
    itself, asks it of something else "instead", or is short and points back ("Which one does Google offer?", "how
    do I turn that off in gcc 3.4?")."""
    return (bool(_CONNECTOR.match(question) or _INSTEAD.search(question)) or content_terms <= 1
            or (content_terms <= 2 and points_back(question))
            or (content_terms <= 3 and bool(_STANDS_FOR_EARLIER.search(question))))


def points_back(question: str) -> bool:
    """Whether a question names something by a word that stands for what was said before ("they", "that one")."""
    return bool(_ANAPHOR.search(question))


def entities(text: str) -> list[str]:
    """Names and numbers: words that pin a question to one row or one fact. Acronyms are left out:
    people abbreviate freely ("FB", "KB") what documents spell out. A version written after its name with a
    slash ("http/3", "TLS/1.3") is one name: its number alone is found in "Python 3". A number given as a
    bound ("18 or newer") is left out, and so are the numbers of an address, a path or an identifier
    ("192.168.1.5:8000", "/usr/lib/python3.11/"): no document holds them. A message pasted from a log or a
    traceback has none."""
    if _PASTED.search(text):
        return []
    numbers = _NUMBER.findall(_BOUND.sub(" ", _INSTANCE.sub(" ", VERSIONED.sub(" ", text))))
    return _NAME.findall(text) + VERSIONED.findall(text) + numbers


def asking_part(text: str, content_terms) -> str:
    """The sentences of a message that ask, when it tells its setting first and asks after ("Key is in
    ~/.ssh/authorized_keys, permissions on .ssh are 700. Could my home directory's mode matter?"): the names and the
    rarest words of the setting (a Debian box, a mode 644, a NAS) say where the person is, not what they ask about,
    and the passage that answers need not hold them. The whole message when no sentence of it asks, when it is one
    sentence, or when its asking sentences hold fewer than two content terms ("Meaning?" after the exit status it
    means); `content_terms` counts a text's content terms (the analyzer's notion)."""
    parts = sentences(text)
    asking = [p for p in parts if p.rstrip().endswith("?")]
    if len(parts) < 2 or not asking or len(asking) == len(parts):
        return text
    scope = " ".join(asking)
    return scope if content_terms(scope) >= 2 else text


def asked_numbers(text: str) -> set[str]:
    """The whole numbers and codes a question asks by ("curl exit code 6", "error 1299", "N806"): a number given as
    a bound ("more than 9") asks for the least or the most, not for the entry of that number."""
    return numbers_and_codes(_BOUND.sub(" ", text))


def resolve(question: str, history: list[str], content_terms, unknown=lambda text: False,
            rivals=lambda follow_up, previous: lambda word: False) -> str:
    """Rewrite a follow-up as a standalone question by joining it to the previous question.

    Names and numbers of the previous question that the follow-up replaces ("2015" by "2017",
    "San Francisco" by "London") are dropped, so the joined text asks about the new one only; so is what
    it names after a preposition when the follow-up names there what the documents do not know ("and in
    seattle?"), and what names a rival of what the follow-up names ("ML engineers" for "what about data
    scientists?"). `content_terms` counts a text's content terms (the analyzer's notion); `unknown` says whether
    a text holds a word that no document uses; `rivals` gives, for a follow-up and the previous question, a test
    of whether a word names what the previous question picks out beside what the follow-up names (another row
    of a table with a row it names).
    """
    if not history or not is_follow_up(question, content_terms(question)):
        return question
    previous = resolve(history[-1], history[:-1], content_terms, unknown, rivals)
    question = _absolute_years(question, previous)
    previous = _without_replaced_modifiers(previous, question)
    previous = _without_rivals(previous, rivals(question, previous))
    if _NUMBER.search(question):
        previous = _NUMBER.sub("", previous)
    if _SWITCH.search(question):  # "and %M?" after "what does %e mean?" asks about %M alone
        previous = _SWITCH.sub("", previous)
    if _NAME.search(question):
        previous = _NAME.sub("", previous)
    place = _PLACE_FOLLOW_UP.match(question)
    if place and unknown(place["place"]):
        # A place the documents do not know, written in lower case ("and in seattle?"): joined to the previous
        # question, the place it asked about, which they know, would be answered, and surely.
        replaced = _with_place_replaced(previous, place)
        if replaced != previous:  # it asks the follow-up in full: "do you ship to Japan?", not "... and to Japan?"
            return re.sub(r"\s{2,}", " ", replaced).strip()
    previous = re.sub(r"\s{2,}", " ", previous).strip()
    return f"{previous} {question}" if words(previous) else question


def _without_rivals(previous: str, names_rival) -> str:
    """Drop the words of the previous question that name a rival of what the follow-up names: after "How much do
    ML engineers make?", "what about data scientists?" asks about data scientists alone, where the documents
    have a table with a row for each."""
    for word in reversed(list(WORD.finditer(previous))):
        if names_rival(word.group()):
            previous = previous[:word.start()] + previous[word.end():]
    return re.sub(r"\s{2,}", " ", previous)


def _with_place_replaced(previous: str, follow: re.Match) -> str:
    """Put what a follow-up names after a preposition in place of what the previous question names after the same
    one: after "What is the median salary in san francisco?", "and in seattle?" asks about Seattle alone."""
    tokens = list(WORD.finditer(previous))
    lowered = [m.group().lower() for m in tokens]
    for i in reversed(range(len(tokens) - 1)):
        if lowered[i] != follow["preposition"].lower():
            continue
        named = end = i + 1 + (lowered[i + 1] in _ARTICLES)  # where the words it names start ("the UK": "UK")
        while end < len(tokens) and lowered[end] not in STOPWORDS and not _BREAK.search(
                previous[tokens[end - 1].end():tokens[end].start()]):
            end += 1
        if end > named:
            return previous[:tokens[i + 1].start()] + follow["place"] + previous[tokens[end - 1].end():]
    return previous


def _absolute_years(question: str, previous: str) -> str:
    """Name the year a follow-up counts from the previous question's year ("and the year after?" after
    a question on 2022 asks about 2023), so that it reads as "what about 2023?" does."""
    years = set(_YEAR.findall(previous))
    if len(years) != 1:
        return question
    year = int(years.pop())

    def absolute(match: re.Match) -> str:
        if match["count"]:
            step = int(match["count"]) if match["count"].isdigit() else _COUNT[match["count"].lower()]
            return str(year + (step if match["later"] else -step))
        return str(year + (1 if match["next"] or match["after"] else -1))

    return _RELATIVE_YEAR.sub(absolute, question)


def _without_replaced_modifiers(previous: str, question: str) -> str:
    """Drop the words before a noun of the previous question that the follow-up qualifies otherwise:
    after "What do AI engineers earn?", "and for ML engineers?" asks about ML engineers, not both."""
    asked = [m.group().lower() for m in WORD.finditer(question)]
    asked_stems = [Analyzer.stem(w) for w in asked]
    heads = {asked_stems[j] for j in range(1, len(asked))
             if asked[j] not in STOPWORDS and asked[j - 1] not in STOPWORDS}
    if not heads:
        return previous
    tokens = list(WORD.finditer(previous))
    lowered = [m.group().lower() for m in tokens]
    drop: list[tuple[int, int]] = []
    for i, s in enumerate(map(Analyzer.stem, lowered)):
        if s not in heads:
            continue
        start = i
        while start > 0 and lowered[start - 1] not in STOPWORDS and lowered[start - 1] not in asked:
            start -= 1
        if start < i:
            drop.append((tokens[start].start(), tokens[i - 1].end()))
    for begin, end in reversed(drop):
        previous = previous[:begin] + previous[end:]
    # One space where words were dropped: a name after them must still follow "a word and a space" (_NAME).
    return re.sub(r"\s{2,}", " ", previous)
