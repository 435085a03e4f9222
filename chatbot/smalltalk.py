"""Small talk: greetings, thanks, goodbyes, "who are you" and "help" get a short friendly reply and
questions to try, instead of a search of the documents that can only decline. "Yes", "no" and "tell me more"
are replies to what the bot said last (Chatbot answers them in that light); said out of the blue, they get a
reply here.

A message is small talk only when every word of it belongs to a small-talk phrase or is a filler
("there", "so much", "bot"), so "help me install ruby" and "thanks, but how do I cancel?" stay questions.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable, Iterable, Protocol

from rapidfuzz.distance import DamerauLevenshtein

from .answer import Answer
from .passage import Passage
from .rendering import suggestion_line

# Intents and their phrases, as written after normalisation (lower case, letters and digits only).
# When a message holds several ("hi, who are you?"), the first intent of this order wins.
PHRASES: dict[str, tuple[str, ...]] = {
    "identity": ("who are you", "what are you", "who am i talking to", "who am i talking with",
                 "what is this", "whats this", "what is your name", "whats your name", "your name",
                 "are you a bot", "are you a robot", "are you human", "are you a human", "are you real",
                 "are you a person", "who made you", "who built you", "who created you"),
    "help": ("help", "help me", "help please", "i need help", "can you help", "can you help me",
             "could you help me", "how does this work", "how do i use this", "how do i use you",
             "how does it work", "what can you do", "what can i ask", "what can i ask you",
             "what do you know", "what do you know about", "what should i ask", "what questions can i ask",
             "menu", "options", "start", "get started", "commands", "instructions"),
    "goodbye": ("bye", "bye bye", "goodbye", "good bye", "see you", "see ya", "see you later", "cya",
                "later", "good night", "goodnight", "farewell", "have a nice day", "have a good day",
                "take care", "thats all", "that is all", "im done", "i am done", "quit", "exit"),
    "yes": ("yes", "yeah", "yep", "yup", "y", "sure", "yes please", "correct", "right", "exactly", "indeed",
            "of course", "definitely", "absolutely", "that one", "yes that one", "thats it", "that is it",
            "thats right", "that is right", "i did", "yes i did"),
    "no": ("no", "nope", "nah", "n", "no thanks", "no thank you", "not really", "not that", "not that one",
           "wrong", "thats wrong", "that is wrong", "incorrect", "thats not it", "that is not it", "not quite",
           "thats not what i meant", "that is not what i meant", "not what i meant", "not what i asked",
           "thats not what i asked", "wrong answer", "i did not", "i didnt", "no i did not", "no i didnt"),
    "more": ("more", "tell me more", "more please", "go on", "continue", "keep going", "more details",
             "more detail", "more info", "more information", "elaborate", "please elaborate", "can you elaborate",
             "could you elaborate", "explain more", "say more", "and then", "then what", "what else", "whats next"),
    "thanks": ("thanks", "thank you", "thx", "thanx", "ty", "tysm", "cheers", "many thanks", "thanks a lot",
               "appreciate it", "i appreciate it", "much appreciated", "that helps", "that helped",
               "that was helpful", "very helpful", "helpful", "great", "awesome", "perfect", "cool", "nice",
               "good", "excellent", "wonderful", "brilliant", "got it", "ok", "okay", "alright",
               "understood", "makes sense", "that makes sense", "i see"),
    "greeting": ("hi", "hello", "hey", "hiya", "heya", "howdy", "yo", "hallo", "hola", "greetings",
                 "good morning", "good afternoon", "good evening", "good day", "morning", "evening",
                 "sup", "whats up", "what is up", "how are you", "how are you doing", "how r u", "how are u",
                 "hows it going", "how is it going", "how do you do", "nice to meet you", "hi there"),
}
# Words that may stand anywhere around the phrases without making the message a question.
FILLERS = frozenset("there all everyone again so much very a lot bot chatbot assistant friend mate buddy "
                    "oh well and then please pls just for your the now dear sir madam guys folks".split())
REPLIES = {
    "greeting": "Hello! I answer questions from the documents I was given, and say which document each "
                "answer comes from.",
    "thanks": "You're welcome! Ask me anything else about the documents.",
    "goodbye": "Goodbye, and thanks for stopping by. Come back any time.",
    "identity": "I'm a FAQ bot: I answer questions from a set of documents, name the document and section "
                "each answer comes from, say how sure I am, and tell you when the documents don't cover "
                "something.",
    "help": "Ask a question in your own words and I'll answer it from the documents, with the source and "
            "how sure I am. Follow-ups like \"and in London?\" use the conversation.",
    "yes": "Go ahead: ask me a question about the documents, in your own words.",
    "no": "All right. Ask me a question about the documents whenever you like.",
    "more": "Ask me a question first, and I'll tell you what the documents say.",
    # A message with no word of content and nothing before it to read it by ("what?", "why", "??").
    "unclear": "What would you like to know? Ask me a whole question about the documents.",
}
TRY_LINE = "You could ask, for example:"
# A word this many letters long or more may have one slip ("thnaks", "helo there").
FUZZY_MIN_LETTERS = 5
MAX_WORDS = 12

_PHRASE_WORDS = {intent: [tuple(p.split()) for p in phrases] for intent, phrases in PHRASES.items()}
_PHRASE_VOCABULARY = frozenset(w for phrases in _PHRASE_WORDS.values() for p in phrases for w in p)
_VOCABULARY = _PHRASE_VOCABULARY | FILLERS
_REPEATS = re.compile(r"(.)\1+")


def _squeeze(word: str) -> str:
    """One of each run of letters: "hiii" and "heyyy" become "hi" and "hey"."""
    return _REPEATS.sub(r"\1", word)


_SQUEEZED = {_squeeze(w): w for w in sorted(_VOCABULARY, key=len)}


def normalise(message: str) -> list[str]:
    """Lower-case words of a message without accents, punctuation or emoji ("What's up?!" -> what, s, up)."""
    text = unicodedata.normalize("NFKD", message.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"['’]", "", text)  # "what's" -> "whats", "I'm" -> "im"
    return re.findall(r"[a-z0-9]+", text)


def _known(word: str) -> str | None:
    if word in _VOCABULARY:
        return word
    if _squeeze(word) in _SQUEEZED:
        return _SQUEEZED[_squeeze(word)]
    if len(word) >= FUZZY_MIN_LETTERS:
        close = [w for w in _PHRASE_VOCABULARY if len(w) >= FUZZY_MIN_LETTERS - 1
                 and DamerauLevenshtein.distance(word, w, score_cutoff=1) <= 1]
        if len(close) == 1:
            return close[0]
    return None


def intent_of(message: str) -> str | None:
    """The small-talk intent of a message, or None when it asks something (or says anything else)."""
    raw = normalise(message)
    if not raw or len(raw) > MAX_WORDS:
        return None
    words = []
    for word in raw:  # most messages are questions: stop at their first word that is no small talk
        known = _known(word)
        if known is None:
            return None
        words.append(known)
    found: set[str] = set()
    position = 0
    while position < len(words):
        # The longest phrase starting here; a filler only where no phrase starts.
        match = max(((intent, len(p)) for intent, phrases in _PHRASE_WORDS.items() for p in phrases
                     if tuple(words[position:position + len(p)]) == p), key=lambda m: m[1], default=None)
        if match:
            found.add(match[0])
            position += match[1]
        elif words[position] in FILLERS:
            position += 1
        else:
            return None
    return next((intent for intent in PHRASES if intent in found), None)


# Small talk that opens a question ("hi!", "thanks! and ...", "no, ...") or closes it ("... thanks!"); not "how does
# this work?" after what it asks about.
OPENING = frozenset({"greeting", "thanks", "yes", "no"})
CLOSING = frozenset({"thanks", "goodbye"})
# Words that announce a question before it, as written after normalisation ("Quick question: ...", "Q: ...").
LEAD_INS = frozenset({"q", "question", "quick question", "a question", "one question", "another question",
                      "one more question", "i have a question", "quick one", "btw", "by the way"})
# Where a clause ends: a greeting or thanks said before or after a question ends so ("hi!", "hey,", "thanks -").
_CLAUSE_END = re.compile(r"[,.!;:?…]+\s+|\s+[-–—]+\s+")
# Punctuation said more than once ("???", "!!"): it says how keen the asker is, not what they ask.
_REPEATED_MARKS = re.compile(r"([?!])[?!]+")


def without_small_talk(message: str) -> str:
    """The question in a message without the greeting, thanks, reply or lead-in around it ("hi! how much do they
    earn?", "thanks! and in London?", "Quick question: ...", "... earn?? thanks"), and with its marks said once:
    the model reads every word and mark, and "hey," had pulled a question off its answer (confidence 0.60 to
    0.32), "???" onto another. A message that is all small talk ("hi, who are you?") is left as it is, for
    small_talk() to reply to."""
    squeezed = text = _REPEATED_MARKS.sub(r"\1", message)
    if intent_of(text) is not None:
        return text
    while (end := _CLAUSE_END.search(text)) and (intent_of(text[:end.start()]) in OPENING
                                                 or " ".join(normalise(text[:end.start()])) in LEAD_INS):
        text = text[end.end():]
    while (ends := list(_CLAUSE_END.finditer(text))) and intent_of(text[ends[-1].end():]) in CLOSING:
        text = text[:ends[-1].start()] + ("?" if "?" in ends[-1].group() else "")
    # What is left must ask something: "Q - thanks" keeps its words, to be read as it was.
    asks = any(ch.isalnum() for ch in text) and intent_of(text) is None
    return text if asks else squeezed


_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
             "fifth": 5, "5th": 5, "last": -1}
# Words around a pick of the questions offered: "the second one", "number 2", "option 3 please".
_PICK_WORDS = frozenset("the one number no option question link please yes ok okay i mean meant want".split())


def choice_of(message: str) -> int | None:
    """Which of the questions offered a message picks ("2", "the second one", "#3", "last one"), counted from 1
    (-1 for the last), or None when it is not such a pick."""
    picked = None
    for word in normalise(message):
        number = _ORDINALS.get(word, int(word) if word.isdigit() and len(word) == 1 else None)
        if number is not None and picked is None:
            picked = number
        elif word not in _PICK_WORDS:
            return None
    return picked or None


def small_talk(question: str, offer: Callable[[], list[str]]) -> Answer | None:
    """A friendly reply with questions to try when `question` is small talk, else None. `offer` gives the
    questions (called only for small talk)."""
    intent = intent_of(question)
    return None if intent is None else reply(intent, question, offer)


def reply(intent: str, question: str, offer: Callable[[], list[str]]) -> Answer:
    """The reply to a message of this intent (REPLIES), with the questions `offer` gives to try."""
    questions = offer()
    lines = [REPLIES[intent]]
    if questions:
        lines += ["", TRY_LINE, *map(suggestion_line, questions)]
    return Answer(question, False, "\n".join(lines), 0.0, [], "", "", questions, small_talk=intent)


# ---- questions to offer -----------------------------------------------------------------------------

class AskedQuestions(Protocol):
    def most_asked(self, limit: int) -> list[str]: ...


def example_questions(passages: Iterable[Passage], count: int) -> list[str]:
    """FAQ questions of the corpus, spread over its documents."""
    questions = list(dict.fromkeys(p.question for p in passages if p.question))
    if len(questions) <= count:
        return questions
    step = len(questions) / count
    return [questions[int(i * step)] for i in range(count)]


def popular_questions(log: AskedQuestions | None, passages: Iterable[Passage], count: int) -> list[str]:
    """The questions people ask most that the bot answers (from the question log), topped up with
    example questions of the corpus."""
    asked = log.most_asked(count) if log is not None else []
    seen = {q.lower() for q in asked}
    extra = [q for q in example_questions(passages, count + len(asked)) if q.lower() not in seen]
    return (asked + extra)[:count]
