"""The question log, the admin actions (auth, teaching, uploads, deletions) and small talk, with the FakeEmbedder."""

import csv
import io
import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from chatbot import Chatbot, Settings
from chatbot.errors import AdminError, QuestionError, SettingsError
from chatbot.reading.learned import LEARNED_FILE, LearnedFaq, learned_name
from chatbot.reading.upload import safe_name, supported_suffixes
from chatbot.serving.admin import Admin, group_vectors
from chatbot.serving.feedback import FeedbackStore
from chatbot.serving.live import LiveBot
from chatbot.smalltalk import choice_of, intent_of, without_small_talk

from .conftest import FakeEmbedder

DECLINED = "Can I pay with a gift card?"


@pytest.fixture
def admin(fake_bot, tmp_path):
    bot = Chatbot.load(settings=fake_bot.settings.with_(admin_token="s3cret-token"), embedder=fake_bot.embedder)
    store = FeedbackStore(tmp_path / "data", retention_days=30)
    bot.question_log = store
    return Admin(LiveBot(bot), store)


def ask(admin, question):
    a = admin.live.current.answer(question)
    admin.store.log_question(question, a)
    return a


# ---- the question log -------------------------------------------------------------------------------

def test_log_keeps_question_outcome_passage_and_feedback(admin):
    answered = ask(admin, "How do I reset my password?")
    declined = ask(admin, DECLINED)
    assert answered.found and not declined.found
    ask(admin, "hello")
    rows = admin.store.question_rows()
    assert [r["outcome"] for r in rows] == ["answered", "declined", "small talk"]
    assert rows[0]["source"] == "help.csv" and "Reset password" in rows[0]["passage"]
    assert rows[1]["passage"] is None and rows[1]["liked"] is None
    admin.store.set_question_feedback(rows[0]["id"], False)
    assert [r["question"] for r in admin.store.unanswered()] == [DECLINED, "How do I reset my password?"]
    assert set(rows[0]) == {"id", "asked_at", "question", "outcome", "confidence", "source", "section", "passage",
                            "liked", "resolved_at"}  # nothing about who asked


def test_old_questions_are_pruned_and_days_are_counted(tmp_path, fake_bot):
    store = FeedbackStore(tmp_path / "d")
    now = datetime(2026, 11, 22, 12, tzinfo=timezone.utc)
    a = fake_bot.answer("How do I reset my password?")
    d = fake_bot.answer(DECLINED)
    store.log_question("old", a, when=now - timedelta(days=10))
    store.log_question("q1", a, when=now - timedelta(days=1))
    liked = store.log_question("q2", a, when=now)
    store.log_question("q3", d, when=now + timedelta(seconds=1))
    store.set_question_feedback(liked, False)
    days = store.daily_counts(3, now=now)
    assert [x["day"] for x in days] == ["2026-11-20", "2026-11-21", "2026-11-22"]
    assert days[1] == {"day": "2026-11-21", "answered": 1, "declined": 0, "disliked": 0}
    assert days[2] == {"day": "2026-11-22", "answered": 1, "declined": 1, "disliked": 1}
    assert store.prune_questions(7, now=now) == 1
    assert [r["question"] for r in store.question_rows()] == ["q1", "q2", "q3"]
    pruning = FeedbackStore(tmp_path / "p", retention_days=7)  # prunes as it logs
    pruning.log_question("too old", a, when=datetime.now(timezone.utc) - timedelta(days=8))
    pruning.log_question("recent", a)
    assert [r["question"] for r in pruning.question_rows()] == ["recent"]


def test_most_asked_needs_several_askers_and_falls_back_to_examples(admin):
    for _ in range(3):
        ask(admin, "What are your opening hours?")
    ask(admin, "Do you ship abroad?")  # asked once: private to whoever asked it
    offered = admin.live.current.offered_questions(3)
    assert offered[0] == "What are your opening hours?"
    assert "Do you ship abroad?" not in offered[:1] and len(offered) == 3
    assert admin.store.most_asked(5) == ["What are your opening hours?"]


def test_the_most_asked_questions_are_counted_once_a_minute_not_on_every_question(admin, monkeypatch):
    from chatbot.serving import feedback

    for _ in range(3):
        ask(admin, "What are your opening hours?")
    assert admin.store.most_asked(5) == ["What are your opening hours?"]
    for _ in range(4):
        ask(admin, "How do I reset my password?")
    assert admin.store.most_asked(5) == ["What are your opening hours?"]  # the count of a moment ago
    monkeypatch.setattr(feedback, "MOST_ASKED_TTL", 0.0)
    assert admin.store.most_asked(5) == ["How do I reset my password?", "What are your opening hours?"]


def test_log_export_is_csv_with_formulas_quoted(admin):
    ask(admin, "=HYPERLINK(\"x\") password reset?")
    out = io.StringIO()
    assert admin.store.export_questions_csv(out) == 1
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0][:4] == ["id", "asked_at", "question", "outcome"]
    assert rows[1][2].startswith("'=HYPERLINK")


# ---- who may use the admin page -----------------------------------------------------------------------

def test_admin_actions_need_the_token_or_a_login(admin, fake_bot):
    with pytest.raises(AdminError, match="token"):
        admin.authorize(None, None)
    with pytest.raises(AdminError, match="token"):
        admin.authorize("wrong", None)
    admin.authorize("s3cret-token", None)
    closed = Admin(LiveBot(fake_bot), admin.store)  # no token, no login: the page is off
    assert not closed.enabled
    with pytest.raises(AdminError, match="--auth"):
        closed.authorize("", None)
    with pytest.raises(AdminError):
        closed.authorize("", "alice")  # a user name only counts when the server asks for a login
    Admin(LiveBot(fake_bot), admin.store, login_required=True).authorize(None, "alice")


# ---- teaching the bot -------------------------------------------------------------------------------

def test_declined_questions_are_grouped_by_meaning_with_the_closest_entries(admin):
    for q in ["Can I pay with a gift card?", "can i pay with a gift card", "Pay by gift card?",
              "Where is your shop located?"]:
        ask(admin, q)
    groups = admin.groups()
    assert sum(g.count for g in groups) == 4
    gift = next(g for g in groups if "Pay by gift card?" in g.questions)
    assert gift.count == 3
    assert {q.lower().rstrip("?") for q in gift.questions} == {"can i pay with a gift card", "pay by gift card"}
    assert all(c in admin.faq_entries() for c in gift.closest) and gift.closest
    assert group_vectors(FakeEmbedder().encode(["one"])) == [0]


def test_what_all_passages_share_is_taken_off_before_grouping():
    shared = np.zeros(8, dtype=np.float32)
    shared[0] = 1.0
    one, other = shared.copy(), shared.copy()
    one[1], other[2] = 0.3, 0.3  # the same topic, each asking its own thing
    vectors = np.stack([one, other]) / np.linalg.norm(one)
    assert len(set(group_vectors(vectors))) == 1
    assert len(set(group_vectors(vectors, shared=shared))) == 2


def test_the_passage_mean_is_the_mean_of_the_whole_passage_views_read_in_blocks(fake_bot, monkeypatch):
    from chatbot.search import index as index_module

    index = fake_bot.index
    whole = index.vectors.reconstruct_n(0, index.vectors.ntotal)[index.view_kind == index_module.VIEW_PASSAGE]
    monkeypatch.setattr(index_module, "MEAN_BLOCK", 3)
    assert len(whole) == len(index.passages)
    assert np.allclose(index.passage_mean, whole.mean(axis=0), atol=1e-6)


def test_an_alternate_makes_the_declined_question_answered_and_embeds_only_it(admin):
    assert not ask(admin, DECLINED).found
    encoded = admin.live.current.embedder.texts_encoded
    report = admin.add_alternate(DECLINED, "Do you ship abroad?")
    assert report.rebuilt and report.embedded == 1
    assert admin.live.current.embedder.texts_encoded == encoded + 1
    a = admin.live.current.answer(DECLINED)
    assert a.found and a.passages[0].question == "Do you ship abroad?"
    assert admin.store.unanswered() == []  # dealt with
    record = json.loads((admin.settings.corpus / LEARNED_FILE).read_text().splitlines()[0])
    assert record["question"] == "Do you ship abroad?" and record["alternates"] == [DECLINED]
    # The entry is not duplicated: the learned record lends its wording to the entry of help.csv.
    entries = [p for p in admin.live.current.index.passages if p.question == "Do you ship abroad?"]
    assert [p.source for p in entries] == ["help.csv"] and DECLINED in entries[0].alternates
    with pytest.raises(AdminError, match="already"):
        admin.add_alternate(DECLINED, "Do you ship abroad?")
    with pytest.raises(AdminError, match="no FAQ entry"):
        admin.add_alternate("x", "Not an entry?")
    with pytest.raises(AdminError, match="empty"):
        admin.add_alternate("  \x00 ", "Do you ship abroad?")


def test_a_new_entry_is_answered_next(admin):
    report = admin.add_entry("Can I pay with a gift card?", "Yes, gift cards work at checkout.")
    assert report.embedded >= 1
    a = admin.live.current.answer("Can I pay with a gift card?")
    assert a.found and "gift cards work at checkout" in a.text
    with pytest.raises(AdminError, match="answer is empty"):
        admin.add_entry("Another question?", "   ")
    with pytest.raises(AdminError, match="under"):
        admin.add_entry("x" * 600, "answer")


def test_learned_file_path_can_be_set_in_corpus_toml(tmp_path):
    (tmp_path / "corpus.toml").write_text('[learned]\nfile = "faq/learned.jsonl"\n')
    assert learned_name(tmp_path) == "faq/learned.jsonl"
    (tmp_path / "corpus.toml").write_text('[learned]\nfile = "../outside.jsonl"\n')
    with pytest.raises(Exception, match="inside the corpus"):
        learned_name(tmp_path)


# ---- documents --------------------------------------------------------------------------------------

def test_upload_is_indexed_and_can_be_deleted(admin):
    name, passages, report = admin.upload("Gift Cards (2026).md",
                                          b"# Payments\n\n## Gift cards\n\nGift cards can pay for any order.\n")
    assert name == "Gift-Cards-2026.md" and passages >= 1 and report.rebuilt
    assert name in admin.documents()
    assert "Gift cards can pay" in admin.live.current.answer("Can gift cards pay for an order?").text
    admin.delete(name)
    assert name not in admin.documents()
    assert not any(p.source == name for p in admin.live.current.index.passages)
    assert not any(p.name.startswith(".") for p in admin.settings.corpus.iterdir())


@pytest.mark.parametrize("name, data, message", [
    ("../x.md", b"# Hi\n\ntext here.\n", "path"),
    ("..", b"text", "path"),
    ("sub/x.md", b"text", "path"),
    (".hidden.md", b"text", "hidden"),
    ("tool.exe", b"MZ\x00\x00", "cannot be read"),
    ("big.md", b"a" * 2_000_001, "limit"),
    ("binary.txt", bytes(range(256)) * 20, "binary"),
    ("empty.md", b"  \n", "empty"),
    ("help.csv", b"question,answer\nA?,b\n", "already has"),
    ("404.md", b"# Page Not Found\n\nThe page is gone.\n", "would not be read"),
])
def test_bad_uploads_are_refused_with_a_reason(admin, name, data, message):
    before = sorted(p.name for p in admin.settings.corpus.rglob("*"))
    admin.live.current = Chatbot.load(settings=admin.settings.with_(max_upload_bytes=2_000_000),
                                      embedder=admin.live.current.embedder)
    with pytest.raises(AdminError, match=message):
        admin.upload(name, data)
    assert sorted(p.name for p in admin.settings.corpus.rglob("*")) == before


def test_deleting_needs_a_listed_name_and_keeps_the_last_document(admin):
    with pytest.raises(AdminError, match="no document"):
        admin.delete("../corpus/help.csv")
    with pytest.raises(AdminError, match="no document"):
        admin.delete("corpus.toml")
    admin.delete("guide.md")
    with pytest.raises(AdminError, match="only document"):
        admin.delete("help.csv")
    assert admin.documents() == ["help.csv"]


def test_safe_names_and_supported_suffixes_come_from_the_corpus_module():
    assert safe_name("Café menu.md") == "Cafe-menu.md"
    assert set(supported_suffixes()) >= {".md", ".csv", ".jsonl", ".txt", ".html"}
    with pytest.raises(AdminError):
        safe_name("..\\x.md")


# ---- small talk -------------------------------------------------------------------------------------

@pytest.mark.parametrize("message, intent", [
    ("hi", "greeting"), ("Hello there!", "greeting"), ("heyyy 👋", "greeting"), ("Good morning", "greeting"),
    ("how are you?", "greeting"), ("thanks!", "thanks"), ("Thank you so much", "thanks"), ("thnaks", "thanks"),
    ("bye", "goodbye"), ("see you later", "goodbye"), ("thanks, bye", "goodbye"), ("who are you?", "identity"),
    ("hi, who are you?", "identity"), ("what can you do?", "help"), ("HELP!!", "help"), ("Yes please!", "yes"),
    ("yep", "yes"), ("that's it", "yes"), ("nope", "no"), ("No thanks", "no"), ("that's not what I meant", "no"),
    ("tell me more", "more"), ("Go on...", "more"), ("can you elaborate?", "more"),
])
def test_small_talk_is_recognised(message, intent):
    assert intent_of(message) == intent


@pytest.mark.parametrize("message", [
    "help me install ruby", "thanks, but how do I cancel?", "hi, how do I reset my password?",
    "Who are you hiring?", "what is machine learning", "where", "good salary?", "Is there help for new users?",
    "what is this company", "ok so what about London?", "is that right for me?", "yes or no: can I return it?",
    "no refund?", "tell me more about refunds", "more than 30 days?",
])
def test_questions_are_not_small_talk(message):
    assert intent_of(message) is None


def test_small_talk_gets_a_friendly_reply_with_questions_to_try(fake_bot):
    a = fake_bot.answer("Hello!")
    assert a.small_talk == "greeting" and not a.found and a.passages == []
    assert "I don't know" not in a.text and "Hello" in a.text
    assert a.suggestions and all(q in a.text for q in a.suggestions)
    assert fake_bot.answer("thanks, but how do I reset my password?").small_talk == ""
    with pytest.raises(QuestionError):
        fake_bot.answer("\ud800")


def test_small_talk_around_a_question_is_not_read_as_part_of_it(fake_bot):
    # The model reads every word and mark: "hey," had taken a question's confidence from 0.60 to 0.32 on the
    # shipped articles, and "???" had given another passage.
    plain = fake_bot.answer("How do I reset my password?")
    for message in ("Hi! How do I reset my password?", "hey, how do I reset my password???",
                    "How do I reset my password? Thanks!", "ok - how do I reset my password?",
                    "Quick question: how do I reset my password?"):
        a = fake_bot.answer(message)
        assert (a.question.lower(), a.confidence, a.passages[0].text) == (
            plain.question.lower(), plain.confidence, plain.passages[0].text), message
    # What asks about what went before is kept, and so is a message that is all small talk.
    assert without_small_talk("Gmail groups my mails, how does this work?") == "Gmail groups my mails, how does this work?"
    assert fake_bot.answer("Hi, who are you?").small_talk == "identity"
    assert without_small_talk("thanks! and on weekends?") == "and on weekends?"
    assert without_small_talk("Q - thanks") == "Q - thanks"  # nothing would be left to ask


def test_a_message_with_no_word_of_content_asks_for_a_question(fake_bot):
    # The passage nearest to "what?" had been shown as an unsure lead.
    for message in ("what?", "why", "???", "and?"):
        a = fake_bot.answer(message)
        assert a.small_talk == "unclear" and not a.found and a.passages == [] and a.suggestions, message
        assert "Ask me a whole question" in a.text
    # After a question, it is a follow-up; a name or an acronym that reads as a stopword is a question.
    assert not fake_bot.answer("why?", history=["How can I reset my password?"]).small_talk
    assert not fake_bot.answer("What is IT?").small_talk


@pytest.fixture
def near_tie_bot(faq_corpus, tmp_path, fake_embedder):
    """The test FAQ with a second entry on resetting, so that a vague question gets "Did you mean ...?"."""
    with (faq_corpus / "help.csv").open("a", encoding="utf-8") as f:
        f.write('How do I reset my PIN?,"Open Settings, choose Security and click Reset PIN.",\n')
    return Chatbot.load(settings=Settings(corpus=faq_corpus, index_dir=tmp_path / "index"), embedder=fake_embedder)


def test_yes_to_did_you_mean_asks_the_question_offered(near_tie_bot):
    vague = "How do I reset it?"
    offered = near_tie_bot.answer(vague)
    assert offered.found and offered.confidence >= 0.5 and len(offered.suggestions) == 1
    assert "Did you mean" in offered.text
    for reply in ("yes", "Yes please!", "yep"):
        a = near_tie_bot.answer(reply, history=[vague])
        # As if the offered question had been clicked: the same answer, under that question.
        assert a == near_tie_bot.answer(offered.suggestions[0], history=[vague])
        assert a.found and a.question == offered.suggestions[0] and a.small_talk == ""
    # "No, not that one": the answer shown stands.
    a = near_tie_bot.answer("no", history=[vague])
    assert a.small_talk == "no" and a.text.startswith("All right.") and not a.suggestions


def test_no_to_an_answer_offers_the_next_leads(near_tie_bot):
    question = "How do I reset my password?"
    shown = near_tie_bot.answer(question)
    assert shown.found and shown.passages[0].question == question
    a = near_tie_bot.answer("no, that's not what I meant", history=[question])
    assert a.small_talk == "rejected" and not a.found and a.passages == []
    assert a.suggestions and question not in a.suggestions
    assert a.suggestions == [p.question for p in shown.passages[1:3] if p.question]
    assert all(s in a.text for s in a.suggestions) and "Ask in other words" in a.text


def test_no_to_an_answer_counts_as_a_dislike_in_the_question_log(admin):
    from chatbot.serving.feedback import log_asked

    bot, store = admin.live.current, admin.store
    question = "How do I reset my password?"
    log_asked(store, bot, question, [], bot.answer(question))
    assert store.unanswered() == []  # answered, and sure
    no = bot.answer("nope", history=[question])
    log_asked(store, bot, "nope", [question], no)
    assert [r["question"] for r in store.unanswered()] == [question]  # now open on the admin page
    rows = store.question_rows()
    assert [(r["question"], r["outcome"], r["liked"]) for r in rows] == [
        (question, "answered", 0), ("nope", "small talk", None)]
    # "No" to a decline agrees with it: no answer was rejected.
    log_asked(store, bot, DECLINED, [], bot.answer(DECLINED))
    log_asked(store, bot, "no", [DECLINED], bot.answer("no", history=[DECLINED]))
    assert [r["liked"] for r in store.question_rows()[2:]] == [None, None]


def test_yes_to_several_questions_offered_asks_which(fake_bot):
    declined = fake_bot.answer(DECLINED)
    assert not declined.found and len(declined.suggestions) > 1
    a = fake_bot.answer("yes", history=[DECLINED])
    assert a.small_talk == "yes" and not a.found and "Which one?" in a.text
    assert a.suggestions == declined.suggestions
    no = fake_bot.answer("no", history=[DECLINED])
    assert no.suggestions == declined.suggestions and no.text.startswith("Then try asking in other words")
    more = fake_bot.answer("tell me more", history=[DECLINED])  # more of nothing: not "then", as if it agreed
    assert more.suggestions == declined.suggestions and more.text.startswith("I have nothing on that.")


@pytest.mark.parametrize("message, picked", [
    ("2", 2), ("the second one", 2), ("#3", 3), ("option 1 please", 1), ("3rd", 3), ("the last one", -1),
    ("2017", None), ("one", None), ("the one about refunds", None), ("second hand", None), ("2 3", None),
])
def test_picks_of_the_questions_offered_are_recognised(message, picked):
    assert choice_of(message) == picked


def test_a_pick_asks_that_question_offered(fake_bot):
    declined = fake_bot.answer(DECLINED)
    assert len(declined.suggestions) == 3
    for message, position in (("the second one", 1), ("3", 2), ("last one", 2)):
        a = fake_bot.answer(message, history=[DECLINED])
        assert a == fake_bot.answer(declined.suggestions[position], history=[DECLINED])
        assert a.found and a.question == declined.suggestions[position]
    # The questions a greeting offers can be picked too; a pick past the end is read as a question.
    greeting = fake_bot.answer("hello")
    assert fake_bot.answer("1", history=["hello"]).question == greeting.suggestions[0]
    assert fake_bot.answer("5", history=[DECLINED]).small_talk == ""


def test_small_talk_and_replies_are_left_out_of_a_follow_ups_context(fake_bot):
    question = "What are your opening hours?"
    plain = fake_bot.answer("and on weekends?", history=[question])
    assert plain.question == "What are your opening hours? and on weekends?"
    for between in ("thanks", "yes", "ok great", "the second one"):
        assert fake_bot.answer("and on weekends?", history=[question, between]) == plain


def test_tell_me_more_shows_the_next_paragraph_under_the_heading(faq_corpus, tmp_path, fake_embedder):
    (faq_corpus / "delivery.md").write_text(
        "# Delivery\n\n## Parcels\n\nParcels leave the warehouse within two working days.\n\n"
        "| Carrier | Days |\n|---|---|\n| Post | 3 |\n\nEach parcel gets a tracking number by email.\n\n"
        "## Letters\n\nLetters go by first-class post.\n", encoding="utf-8")
    bot = Chatbot.load(settings=Settings(corpus=faq_corpus, index_dir=tmp_path / "index"), embedder=fake_embedder)
    question = "When do parcels leave the warehouse?"
    first = bot.answer(question)
    assert first.found and "within two working days" in first.passages[0].text
    more = bot.answer("tell me more", history=[question])
    # The next paragraph under "Parcels": past the table, not into "Letters".
    assert more.found and more.small_talk == "more" and more.confidence == first.confidence
    assert "tracking number" in more.passages[0].text and "Source: Delivery › Parcels" in more.text
    done = bot.answer("more", history=[question, "tell me more"])
    assert not done.found and done.text.startswith("That is all I found on it")
    assert bot.answer("go on", history=[question, "tell me more", "more"]).text == done.text
    # After a FAQ entry there is nothing more to it: the next leads are offered.
    faq = bot.answer("more", history=["How do I reset my password?"])
    assert not faq.found and faq.small_talk == "more" and faq.suggestions
    assert all(s in faq.text for s in faq.suggestions)
    alone = bot.answer("tell me more")
    assert alone.small_talk == "more" and "Ask me a question first" in alone.text


def test_a_long_run_of_replies_is_answered(fake_bot):
    a = fake_bot.answer("yes", history=[DECLINED] + ["yes"] * 2000)
    assert a.small_talk == "yes" and not a.found


def test_yes_and_no_without_an_offer_are_small_talk(fake_bot):
    sure = "How do I reset my password?"
    assert fake_bot.answer(sure).found and not fake_bot.answer(sure).suggestions
    assert fake_bot.answer("yes", history=[sure]).text.startswith("Good.")
    for reply, history in (("yes", []), ("no", []), ("yes", ["hello"])):
        a = fake_bot.answer(reply, history=history)
        assert a.small_talk == reply and not a.found and a.suggestions and "I don't know" not in a.text


# ---- command line -----------------------------------------------------------------------------------

def test_cli_log_export_and_no_log(admin, tmp_path, capsys):
    from chatbot.cli import _parser, main

    ask(admin, DECLINED)
    out = tmp_path / "log.csv"
    assert main(["log", "export", "-o", str(out), "--data", str(tmp_path / "data")]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["question"], r["outcome"]) for r in rows] == [(DECLINED, "declined")]
    assert "Wrote 1 logged questions" in capsys.readouterr().err
    # A file it cannot write is a message, not a traceback.
    assert main(["log", "export", "-o", str(tmp_path / "missing" / "log.csv"), "--data", str(tmp_path / "data")]) == 2
    assert "Cannot write" in capsys.readouterr().err
    # A folder the server never wrote to had given an empty export, read as "nothing logged yet".
    assert main(["log", "export", "--data", str(tmp_path / "dta")]) == 2
    assert f"There is no feedback database in {tmp_path / 'dta'}" in capsys.readouterr().err
    assert _parser().parse_args(["serve", "--no-log"]).log is False
    assert _parser().parse_args(["serve"]).log is True


def test_log_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("CHATBOT_LOG_DAYS", "7")
    monkeypatch.setenv("CHATBOT_ADMIN_TOKEN", "t0ken")
    settings = Settings.from_env(log_questions=False)
    assert settings.log_retention_days == 7 and settings.admin_token == "t0ken" and not settings.log_questions
    assert "t0ken" not in repr(settings)
    with pytest.raises(ValueError):
        Settings(log_retention_days=0)


def test_an_empty_folder_setting_is_refused_and_an_empty_variable_is_unset(monkeypatch, capsys):
    from chatbot.cli import main

    # Path("") is the working directory: the index would be built of whatever is there.
    for name in ("corpus", "index_dir", "data_dir"):
        with pytest.raises(SettingsError, match=f"{name} is empty"):
            Settings(**{name: ""})
    assert main(["ask", "hi", "--corpus", ""]) == 2
    assert "corpus is empty" in capsys.readouterr().err
    for variable in ("CHATBOT_CORPUS", "CHATBOT_INDEX", "CHATBOT_DATA", "CHATBOT_MODEL", "CHATBOT_MODEL_CACHE"):
        monkeypatch.setenv(variable, "")  # "CHATBOT_INDEX=" in an env file
    assert Settings.from_env() == Settings()


ANY_TEXT = st.text(st.one_of(st.characters(), st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF,
                                                              exclude_categories=[])), max_size=80)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=ANY_TEXT)
@example(name="\x80.0")  # its stem folds to nothing in ASCII: it had become the suffix, "0"
def test_any_upload_name_is_made_safe_or_refused(name):
    try:
        safe = safe_name(name)
    except AdminError as exc:
        assert str(exc)
        return
    # A plain name (no path, not hidden) that keeps the suffix the reader is chosen by.
    assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", safe) and Path(safe).name == safe
    suffix = re.search(r"\.([A-Za-z0-9]+)$", name.strip())
    assert not suffix or safe.endswith("." + suffix.group(1).lower())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question=ANY_TEXT, answer=ANY_TEXT)
def test_any_learned_text_is_stored_as_valid_json_or_refused(tmp_path_factory, question, answer):
    root = tmp_path_factory.mktemp("learned")
    learned = LearnedFaq(root)
    try:
        learned.add_entry(question, answer)
    except AdminError as exc:
        assert str(exc)
        assert not learned.path.exists()
        return
    record = json.loads(learned.path.read_text(encoding="utf-8"))
    assert record["question"].strip() and record["answer"].strip()
