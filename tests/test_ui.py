"""The web UI in a real browser (Debian's Chromium driven by Playwright) and through gradio_client."""

import os
import re
import shutil
import socket
import sqlite3
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from chatbot import Chatbot, Settings
from chatbot.serving.ui import serve

from .conftest import ROOT

pytestmark = [pytest.mark.integration, pytest.mark.browser]

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
UNSAFE_DOC = """Security notes

Rendering

Document text is shown as text. This line contains <script>window.__pwned = 1</script> and <b>bold markup</b>, which the reader sees literally.
"""

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI needs /usr/bin/chromium for the browser tests: run `make test`, which installs it")
    pytest.skip("Debian's chromium is not installed (make test installs it)", allow_module_level=True)


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {"executable_path": str(CHROMIUM), "headless": True,
            "args": ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync"]}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """The shipped corpus plus one document full of markup, served on a free port."""
    tmp = tmp_path_factory.mktemp("ui")
    corpus = tmp / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    (corpus / "security-notes.txt").write_text(UNSAFE_DOC, encoding="utf-8")
    bot = Chatbot.load(settings=Settings(corpus=corpus, index_dir=tmp / "index", data_dir=tmp / "data"))
    port = _free_port()
    demo = serve(bot, port=port, block=False)
    yield {"url": f"http://127.0.0.1:{port}/", "bot": bot, "db": tmp / "data" / "feedback.sqlite3"}
    demo.close()


@pytest.fixture
def chat(page, app):
    page.goto(app["url"])
    expect(question_box(page)).to_be_editable(timeout=30_000)
    return page


def question_box(page):
    return page.locator("textarea").first


def wait_for_reply(page, before: int):
    """Wait until a new bot message is there and the question box is usable again (the reply is complete)."""
    page.wait_for_function(f"document.querySelectorAll('[data-testid=\"bot\"]').length > {before}", timeout=30_000)
    expect(question_box(page)).to_be_editable(timeout=30_000)
    return bot_messages(page).last


def ask(page, question: str):
    before = bot_messages(page).count()
    box = question_box(page)
    expect(box).to_be_editable(timeout=30_000)
    box.fill(question)
    box.press("Enter")
    return wait_for_reply(page, before)


def bot_messages(page):
    return page.locator('[data-testid="bot"]')


def test_a_question_shows_the_right_passage_and_its_source(chat):
    reply = ask(chat, "How much do ML engineers earn in New York?")
    text = reply.inner_text()
    assert "New York, NY $115,000" in text
    assert "Why Machine Learning Engineer" in text and "Future Outlook and Salary" in text
    assert re.search(r"Confidence: (very likely|likely)", text)
    assert reply.locator("table").count() == 1  # a table row is shown as a small table


def test_follow_up_uses_the_conversation(chat):
    chat.set_viewport_size({"width": 1280, "height": 1900})  # tall enough for the whole conversation
    ask(chat, "How much do ML engineers earn in New York?")
    reply = ask(chat, "and in London?")
    assert "London, UK £60,000" in reply.inner_text()
    reply = ask(chat, "How does machine learning help with cybersecurity?")
    assert "detect threats" in reply.locator("strong").inner_text()  # the answering sentence stands out
    ARTIFACTS.mkdir(exist_ok=True)
    chat.screenshot(path=str(ARTIFACTS / "conversation.png"), full_page=True)


def test_yes_to_did_you_mean_asks_the_question_offered(chat, app):
    question = "Is machine learning engineering a rewarding career?"
    offered = app["bot"].answer(question).suggestions
    assert len(offered) == 1 and "Did you mean" in ask(chat, question).inner_text()
    reply = ask(chat, "yes").inner_text()
    shown = app["bot"].answer(offered[0]).passages[0]
    assert f"Source: {shown.title} › {shown.section}" in reply and "Did you mean" not in reply


def test_clicking_an_example_asks_it(chat, app):
    examples = [p.question for p in app["bot"].index.passages if p.question]
    button = chat.get_by_text(re.compile("|".join(map(re.escape, examples)))).first
    button.wait_for(state="visible")
    label = button.inner_text().strip()
    button.click()
    reply = wait_for_reply(chat, 0)
    assert chat.locator('[data-testid="user"]').last.inner_text().strip() == label  # the example was asked
    assert f"Q: {label}" in reply.inner_text()  # and answered by its own FAQ entry


def test_out_of_scope_is_declined_with_clickable_suggestions(chat, app):
    reply = ask(chat, "What is the average salary of a machine learning engineer in Berlin?")
    assert "I don't know" in reply.inner_text()
    options = chat.locator("button.option, .options button, [data-testid='option']")
    if options.count() == 0:  # fall back to any button holding a suggested question
        options = chat.get_by_role("button", name=re.compile("Salar|Salary|salary"))
    assert options.count() >= 1
    before = bot_messages(chat).count()
    suggestion = options.first.inner_text().strip()
    # Offered once, as buttons: the text's list of them (for the API and the terminal) had shown them twice.
    assert chat.get_by_text(suggestion, exact=True).count() == 1
    # Every button has a name a screen reader can say: Gradio's "share" (to Hugging Face Spaces) and the send
    # button had none.
    unnamed = [b for b in chat.locator("button:visible").all()
               if not (b.get_attribute("aria-label") or b.inner_text()).strip()]
    assert unnamed == [] and chat.get_by_role("button", name="Ask").count() == 1
    options.first.click()
    reply = wait_for_reply(chat, before).inner_text()
    assert chat.locator('[data-testid="user"]').last.inner_text().strip() == suggestion
    shown = app["bot"].answer(suggestion).passages[0]
    assert "Source:" in reply and shown.text.split("\n")[0][:40] in reply


def test_like_is_stored_with_question_passage_and_time(chat, app):
    ask(chat, "What percentage of machine learning engineers are women?")
    chat.get_by_role("button", name="Like").last.click()
    chat.get_by_text("your feedback was saved").wait_for(timeout=10_000)
    rows = sqlite3.connect(app["db"]).execute(
        "SELECT liked, question, passage, created_at FROM feedback ORDER BY id DESC LIMIT 1").fetchall()
    liked, question, passage, created = rows[0]
    assert liked == 1 and question == "What percentage of machine learning engineers are women?"
    assert "Machine Learning Engineer 30%" in passage and created.startswith("20")


def test_a_like_clicked_again_is_taken_back_and_a_dislike_replaces_it(chat, app):
    # Clicking "Like" again to take it back had stored a dislike beside the like.
    question = "Which company offers the Data Science Certification?"
    ask(chat, question)
    db = sqlite3.connect(app["db"])
    feedback = lambda: db.execute("SELECT liked FROM feedback WHERE question = ? ORDER BY id", (question,)).fetchall()  # noqa: E731
    logged = lambda: db.execute("SELECT liked FROM question_log WHERE question = ?", (question,)).fetchall()  # noqa: E731
    like = chat.get_by_role("button", name="Like").last
    like.click()
    chat.get_by_text("your feedback was saved").last.wait_for(timeout=10_000)
    assert feedback() == [(1,)] and logged() == [(1,)]
    chat.get_by_role("button", name="Liked").last.click()
    chat.get_by_text("Your feedback was taken back").wait_for(timeout=10_000)
    assert feedback() == [] and logged() == [(None,)]
    chat.get_by_role("button", name="Like").last.click()
    expect(chat.get_by_role("button", name="Liked").last).to_be_visible()
    _eventually(lambda: feedback() == [(1,)])
    chat.get_by_role("button", name="Dislike").last.click()
    _eventually(lambda: feedback() == [(0,)] and logged() == [(0,)])


def _eventually(check, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "not done in time"
        time.sleep(0.1)


def test_no_typed_after_an_answer_is_a_dislike_in_the_question_log(chat, app):
    question = "What is the average salary of a data scientist?"
    ask(chat, question)
    assert "Sorry, that was not it" in ask(chat, "no, that's not it").inner_text()
    liked = sqlite3.connect(app["db"]).execute(
        "SELECT liked FROM question_log WHERE question = ? ORDER BY id DESC LIMIT 1", (question,)).fetchall()
    assert liked == [(0,)]


def test_markup_in_documents_is_shown_as_text_and_never_runs(chat):
    reply = ask(chat, "What does the security note say about rendering document text?")
    text = reply.inner_text()
    assert "<script>window.__pwned = 1</script>" in text and "<b>bold markup</b>" in text
    assert chat.evaluate("window.__pwned") is None
    assert reply.locator("script").count() == 0 and reply.locator("b").count() == 0


def test_api_endpoint_works_from_gradio_client(app):
    from gradio_client import Client

    client = Client(app["url"], analytics_enabled=False, verbose=False)
    first = client.predict("How many machine learning engineer jobs were there in 2016?", api_name="/chat")
    assert "2016 15,000" in str(first)
    follow = client.predict("what about 2017?", api_name="/chat")  # one client keeps one conversation
    assert "2017 20,000" in str(follow)
    fresh = Client(app["url"], analytics_enabled=False, verbose=False)
    assert "I don't know" in str(fresh.predict("Who won the 1998 football world cup?", api_name="/chat"))


def test_what_people_type_is_shown_as_text(chat):
    typed = '<b>bold</b> <img src=x onerror="window.__typed=1"> **stars** salary?'
    ask(chat, typed)
    mine = chat.locator('[data-testid="user"]').last
    assert mine.inner_text().strip() == typed
    assert mine.locator("b, img, strong").count() == 0
    assert chat.evaluate("window.__typed") is None
    # An apostrophe had shown as "&#x27;", and a web address with the backslashes that escaped its "." and "_",
    # in its text and in its link; a link written as HTML had run on into the markup after its address.
    typed = "What's on https://example.com/a_b.html? And <a href=\"https://evil.example\">this</a>"
    ask(chat, typed)
    mine = chat.locator('[data-testid="user"]').last
    assert mine.inner_text().strip() == typed
    assert [a.get_attribute("href") for a in mine.locator("a").all()] == ["https://example.com/a_b.html",
                                                                         "https://evil.example"]


def test_every_font_the_page_loads_draws_every_letter(page, app):
    from io import BytesIO
    from string import ascii_letters

    from fontTools.ttLib import TTFont

    fonts = []
    page.on("response", lambda r: r.url.endswith(".woff2") and r.ok and fonts.append(r))
    page.goto(app["url"])
    expect(question_box(page)).to_be_editable(timeout=30_000)
    page.evaluate("document.fonts.ready.then(() => true)")
    assert fonts, "the page loaded no font"
    for font in fonts:
        # Headings and buttons had mixed two faces: Gradio's SemiBold file holds "A" and "B" and no other letter.
        drawn = {chr(c) for c in TTFont(BytesIO(font.body())).getBestCmap()}
        assert set(ascii_letters) <= drawn, font.url
