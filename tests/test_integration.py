"""The real model, the real FAISS index and the shipped corpus, end to end."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from chatbot import Chatbot, QuestionError, Settings
from chatbot.evaluation import evaluate, load_cases
from chatbot.search.index import POINTER

from .conftest import DEV_SET, FAQ_CSV, ROOT

pytestmark = pytest.mark.integration


def test_salary_question_gets_the_table_row(shipped_bot):
    a = shipped_bot.answer("How much do ML engineers earn in New York?")
    assert a.found and a.confidence > 0.7
    assert a.passages[0].kind == "table" and "New York, NY $115,000" in a.passages[0].text
    assert a.passages[0].title == "Why Machine Learning Engineer"


def test_follow_up_uses_the_conversation(shipped_bot):
    a = shipped_bot.answer("and in London?", history=["How much do ML engineers earn in New York?"])
    assert a.found and "London, UK £60,000" in a.passages[0].text


def test_yes_to_did_you_mean_gets_the_passage_offered(shipped_bot):
    question = "Is machine learning engineering a rewarding career?"
    offered = shipped_bot.answer(question)
    assert offered.found and "Did you mean" in offered.text
    assert offered.suggestions == ["Case study: Successful machine learning engineer careers"]
    a = shipped_bot.answer("yes", history=[question])
    assert a.found and a.passages[0].section == offered.suggestions[0] and "Did you mean" not in a.text


def test_every_heading_offered_leads_to_its_section(shipped_bot):
    from chatbot.chatbot import suggestion_of
    from chatbot.text import words

    # A click on a suggestion asks its text: a heading offered must lead back to a passage under it (two of
    # the 29 had led elsewhere: "The Skills Required" to a table row of skills).
    headings = {suggestion_of(p) for p in shipped_bot.index.passages
                if p.kind == "text" and not p.question and p.section}
    assert len(headings) > 20
    for heading in headings:
        a = shipped_bot.answer(heading, history=["What does a machine learning engineer do?"])
        assert a.found and words(a.passages[0].section) == words(heading), heading


def test_open_questions_on_the_shipped_articles_are_grouped_by_what_they_ask(shipped_bot, tmp_path):
    from chatbot.serving.admin import Admin
    from chatbot.serving.feedback import FeedbackStore
    from chatbot.serving.live import LiveBot

    store = FeedbackStore(tmp_path / "data")
    admin = Admin(LiveBot(shipped_bot), store)
    # Every article is about machine learning engineers: as they come (cosine 0.64), the first two had been one
    # group, with the others. The last three ask about pay.
    for question in ["What does a machine learning engineer do?",
                     "How much does a machine learning engineer earn in Berlin?",
                     "How much do ML engineers make?", "What is the salary of a machine learning engineer?"]:
        store.log_question(question, shipped_bot.answer(question))
        store.set_question_feedback(store.question_rows()[-1]["id"], False)  # disliked: open
    groups = sorted(sorted(g.questions) for g in admin.groups())
    assert groups == [["How much do ML engineers make?", "How much does a machine learning engineer earn in Berlin?",
                       "What is the salary of a machine learning engineer?"],
                      ["What does a machine learning engineer do?"]]


def test_tell_me_more_goes_on_with_the_story(shipped_bot):
    question = "Who is Andrew Ng?"
    assert "co-founded Coursera" in shipped_bot.answer(question).passages[0].text
    more = shipped_bot.answer("tell me more", history=[question])
    assert more.found and more.small_talk == "more" and "Ng's story is a testament" in more.passages[0].text


def test_certified_finds_the_faq_on_certifications(shipped_bot):
    # Snowball stems "certified" and "certifications" apart; the analyzer joins them.
    a = shipped_bot.answer("Can I get certified as a machine learning engineer?")
    assert a.found and a.confidence >= 0.5 and not a.suggestions
    assert a.passages[0].question == "Are there any certifications available for Machine Learning Engineers?"


def test_faq_question_reworded(shipped_bot):
    a = shipped_bot.answer("Which programming languages should I learn to become an ML engineer?")
    assert a.found and a.passages[0].kind == "faq"
    assert a.passages[0].question == "What programming languages should a Machine Learning Engineer be proficient in?"


@pytest.mark.parametrize("question", [
    "What is the average salary of a machine learning engineer in Tokyo?",
    "How many machine learning engineer jobs were there in 2019?",
    "What is the capital of Australia?",
    # Barely similar to any passage (best cosine 0.06): answered before the scorer weighed that.
    "What's the best way to get chewing gum out of hair?",
])
def test_questions_the_corpus_does_not_answer_are_declined(shipped_bot, question):
    a = shipped_bot.answer(question)
    assert not a.found and a.text.startswith("I don't know") and a.passages


def test_a_near_miss_typed_in_lower_case_is_offered_what_is_closest(shipped_bot):
    # "seattle" is in no document and, typed in lower case, not read as a name; the rest of the question is the
    # articles' topic, so the salaries by location are offered, not the questions offered for another topic.
    a = shipped_bot.answer("how much do ml engineers make in seattle")
    assert not a.found and "Closest things I can answer:" in a.text
    assert any("by Location" in s for s in a.suggestions)
    off_topic = shipped_bot.answer("What's the best way to get chewing gum out of hair?")
    assert "Questions I can answer, for example:" in off_topic.text


def test_a_question_in_words_the_documents_lack_is_offered_what_is_close_in_meaning(shipped_bot):
    # No word of "my boss wants a diploma" is the articles', but its meaning is close to their educational
    # requirements: those are offered, not the example questions offered for another topic (bread).
    a = shipped_bot.answer("my boss wants a diploma, is that needed?")
    assert not a.found and "Closest things I can answer:" in a.text
    assert any("Educational Requirements" in s for s in a.suggestions)
    bread = shipped_bot.answer("how do I bake bread")
    assert not bread.found and "Questions I can answer, for example:" in bread.text


def test_a_follow_up_on_another_job_title_gets_its_row(shipped_bot):
    # Joined whole to "How much do ML engineers make?", "what about data scientists?" had been answered, unsure, by
    # the entry on how the two roles differ; the job titles are rows of the same tables.
    for history, follow_up, row in [(["How much do ML engineers make?"], "what about data scientists?",
                                     "Data Scientist $110,000"),
                                    (["How satisfied are ML engineers with their jobs?"], "and data scientists?",
                                     "Data Scientist 80%")]:
        a = shipped_bot.answer(follow_up, history=history)
        assert a.found and a.confidence >= 0.5 and row in a.passages[0].text, (follow_up, a.passages[0].text)


def test_a_follow_up_on_a_city_the_articles_lack_is_not_answered_with_the_city_before(shipped_bot):
    # Asked in lower case, "san francisco" had stayed in the joined question: its row was answered at 0.81.
    history = ["What is the median salary for ML engineers in san francisco?"]
    seattle = shipped_bot.answer("and in seattle?", history=history)
    assert not seattle.found and "san francisco" not in seattle.question.lower()
    new_york = shipped_bot.answer("and in new york?", history=history)
    assert new_york.found and "New York" in new_york.passages[0].text


def test_best_sentence_is_found_inside_a_long_passage(shipped_bot):
    a = shipped_bot.answer("How does machine learning help with cybersecurity?")
    assert "detect threats" in a.sentence and a.sentence in a.passages[0].text


@pytest.mark.skipif(not DEV_SET.exists(), reason="shared/eval/dev.jsonl is not beside the checkout")
def test_dev_set_stays_within_one_case_of_the_targets(shipped_bot):
    # Targets: Hit@1 0.90, Hit@3 0.97 (measured: 0.90, 0.98). One case of slack (0.02) lets another
    # CPU's last float bits flip a near tie without failing the build; a real regression fails.
    summary, _ = evaluate(shipped_bot, load_cases(DEV_SET))
    assert summary["hit_at_1"] >= 0.88
    assert summary["hit_at_3"] >= 0.96
    # Measured 0.80: the learned answerability trades two of dev's out-of-scope questions (the weather in
    # San Francisco, backpropagation in PyTorch) for far fewer false declines on real users' questions.
    assert summary["decline_rate_out_of_scope"] >= 0.7
    assert summary["false_decline_rate"] <= 0.05


def test_a_small_faq_file_with_the_real_model(tmp_path):
    corpus = tmp_path / "docs"
    corpus.mkdir()
    (corpus / "faq.csv").write_text(FAQ_CSV, encoding="utf-8")
    bot = Chatbot.load(settings=Settings(corpus=corpus, index_dir=tmp_path / "index"))
    a = bot.answer("I can't remember my password, what now?")
    assert a.found and a.passages[0].question == "How do I reset my password?"
    a = bot.answer("When are you open on Saturday?")
    assert a.passages[0].question == "What are your opening hours?"
    assert not bot.answer("What is the boiling point of water?").found


def _cli(*args, cwd=ROOT, **kw):
    env = {**os.environ, "CHATBOT_INDEX": kw.pop("index")}
    return subprocess.run([sys.executable, "-m", "chatbot", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def test_cli_build_ask_and_eval(tmp_path):
    index = str(tmp_path / "index")
    built = _cli("build", index=index)
    assert built.returncode == 0 and "Indexed" in built.stdout and "reused" not in built.stdout
    again = _cli("build", index=index)
    assert again.returncode == 0 and "up to date" in again.stdout
    # A damaged index: asking says to run `chatbot build`, and that rebuilds it.
    vectors = Path(index) / (Path(index) / POINTER).read_text().strip() / "vectors.faiss"
    vectors.write_bytes(vectors.read_bytes()[:100])
    broken = _cli("ask", "How much do ML engineers earn?", index=index)
    assert broken.returncode == 2 and "chatbot build" in broken.stderr and "Traceback" not in broken.stderr
    rebuilt = _cli("build", index=index)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "Building a new index" in rebuilt.stderr and "Indexed" in rebuilt.stdout
    asked = _cli("ask", "what about 2017?", "--history", "How many ML engineer jobs were there in 2015?", "--json",
                 index=index)
    assert asked.returncode == 0, asked.stderr
    answer = json.loads(asked.stdout)
    assert answer["found"] and "2017 20,000" in answer["passages"][0]["text"]
    declined = _cli("ask", "Where is the best pizza in Rome?", index=index)
    assert declined.returncode == 1 and "I don't know" in declined.stdout
    empty = _cli("ask", "   ", index=index)
    assert empty.returncode == 2 and "empty" in empty.stderr and "Traceback" not in empty.stderr
    if DEV_SET.exists():
        ev = _cli("eval", str(DEV_SET), "--json", index=index)
        summary = json.loads(ev.stdout)["summary"]
        assert summary["cases"] == 60 and summary["hit_at_1"] >= 0.84


def test_cli_reports_a_missing_corpus_clearly(tmp_path):
    r = _cli("ask", "hello", "--corpus", str(tmp_path / "nope"), index=str(tmp_path / "i"))
    assert r.returncode == 2 and "does not exist" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "i").exists()  # said before the model is exported into the index folder


def test_cli_reports_a_model_it_cannot_load_and_leaves_no_index_folder(tmp_path):
    small, large = tmp_path / "small", tmp_path / "large"  # the large FAQ is one the model is fitted to
    small.mkdir()
    large.mkdir()
    (small / "faq.csv").write_text("Question,Answer\nHow heavy is it?,Two kilos.\n", encoding="utf-8")
    (large / "faq.csv").write_text("Question,Answer\n" + "".join(
        f"How heavy is model {n}?,Model {n} weighs {n} kilos with its battery.\n" for n in range(60)),
        encoding="utf-8")
    for corpus in (small, large):
        index = tmp_path / f"index-{corpus.name}"
        r = _cli("ask", "how heavy", "--corpus", str(corpus), "--model", str(tmp_path / "no-model"),
                 index=str(index))
        assert r.returncode == 2 and "Could not load the" in r.stderr and "Traceback" not in r.stderr
        assert not index.exists()  # had been left empty


def test_a_question_about_a_place_the_documents_name_for_something_else_is_declined(shipped_bot):
    # The salary table names San Francisco: its row had answered these at 0.61 and 0.66.
    for question in ("What time zone is San Francisco in?", "Which airport serves San Francisco?"):
        assert not shipped_bot.answer(question).found, question
    assert shipped_bot.answer("How much do ML engineers earn in San Francisco?").found


def test_a_follow_up_of_words_no_document_uses_is_declined_unless_its_meaning_is_near(shipped_bot):
    # Joined to the question before, "and the flux capacitor?" had been given its answer again, at 0.64.
    before = ["How much do ML engineers earn in New York?"]
    for follow_up in ("and the flux capacitor?", "and pineapples?"):
        a = shipped_bot.answer(follow_up, history=before)
        assert not a.found and a.confidence == 0.0, follow_up
        assert any(s.startswith("Median Salaries of Machine Learning Engineers") for s in a.suggestions)
    london = shipped_bot.answer("and in London?", history=before)
    assert london.passages[0].text.endswith("London, UK £60,000 – £85,000")


@pytest.mark.parametrize("question", ["\ud800", "salary in \udfffNew York\ud83d\ude00?"])
def test_lone_surrogates_reach_the_real_tokenizer_safely(shipped_bot, question):
    try:
        a = shipped_bot.answer(question)
    except QuestionError as exc:  # nothing left once the lone surrogate is dropped
        assert "empty" in str(exc)
    else:
        assert a.text and "\ud800" not in a.question and "\udfff" not in a.question


def test_a_chinese_faq_answers_its_questions_in_other_words(tmp_path):
    # Written without spaces, "运费多少" had been one word that no document uses, and was declined.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    entries = [{"question": "运费是多少？", "answer": "中国的运费是每件 50 元人民币，大约需要两周。"},
               {"question": "How do I reset my password?", "answer": "Click Forgot password on the login page."},
               {"question": "Do you ship to Canada?", "answer": "Yes, shipping to Canada takes 7 to 10 days."}]
    (corpus / "faq.jsonl").write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries),
                                      encoding="utf-8")
    bot = Chatbot.load(settings=Settings(corpus=corpus, index_dir=tmp_path / "index"))
    for question in ["运费多少", "中国的运费多少钱"]:
        a = bot.answer(question)
        assert a.found and a.passages[0].question == "运费是多少？", question
