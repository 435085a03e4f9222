"""The admin page in a real browser (Debian's Chromium driven by Playwright), with the real model."""

import re
import shutil

import pytest
from playwright.sync_api import expect

from chatbot import Chatbot, Settings
from chatbot.serving.ui import serve

from .conftest import ROOT
from .test_ui import ARTIFACTS, _free_port, ask, browser_type_launch_args, question_box  # noqa: F401 - fixtures

pytestmark = [pytest.mark.integration, pytest.mark.browser]

TOKEN = "admin-token-for-tests"
DECLINED = "Can I prove my ML skills with an exam?"
ENTRY = "Are there any certifications available for Machine Learning Engineers?"


@pytest.fixture(scope="module")
def admin_app(tmp_path_factory):
    """The shipped corpus with an admin token; the shipped index is copied so that nothing is re-embedded."""
    tmp = tmp_path_factory.mktemp("admin-ui")
    shutil.copytree(ROOT / "corpus", tmp / "corpus")
    if (ROOT / "index").exists():
        shutil.copytree(ROOT / "index", tmp / "index")
    settings = Settings(corpus=tmp / "corpus", index_dir=tmp / "index", data_dir=tmp / "data", admin_token=TOKEN)
    bot = Chatbot.load(settings=settings)
    port = _free_port()
    demo = serve(bot, port=port, block=False)
    yield {"url": f"http://127.0.0.1:{port}/", "corpus": tmp / "corpus"}
    demo.close()


def open_admin(page, url, token):
    page.goto(url + "admin")
    page.locator("#admin-token input, #admin-token textarea").first.fill(token)
    page.locator("#admin-show").click()


def test_the_admin_page_refuses_a_wrong_token(page, admin_app):
    open_admin(page, admin_app["url"], "not the token")
    expect(page).to_have_title("Admin · Ask the documents")  # had been the chat's title
    expect(page.locator("#admin-status")).to_contain_text("Wrong or missing admin token", timeout=30_000)
    expect(page.locator("#admin-groups")).to_be_hidden()


def test_a_declined_question_is_listed_and_teaching_it_makes_it_answered(page, admin_app):
    page.goto(admin_app["url"])
    expect(question_box(page)).to_be_editable(timeout=30_000)
    first = ask(page, DECLINED).inner_text()
    assert "I don't know" in first or "I am not sure" in first  # declined, or given only as a lead

    open_admin(page, admin_app["url"], TOKEN)
    expect(page.locator("#admin-groups")).to_contain_text(DECLINED, timeout=30_000)
    expect(page.locator("#admin-status")).to_contain_text("1 open question in 1 group")
    entry = page.locator("#admin-entry input")
    entry.click()
    entry.fill("certifications")
    page.get_by_role("option", name=ENTRY).click()
    expect(page.locator("#admin-question input")).to_have_value(DECLINED)
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 1600})
    page.screenshot(path=str(ARTIFACTS / "admin.png"), full_page=True)
    page.locator("#admin-add-alternate").click()
    expect(page.locator("#admin-teach-result")).to_contain_text("another wording", timeout=120_000)
    expect(page.locator("#admin-groups")).not_to_contain_text(DECLINED, timeout=30_000)
    assert DECLINED in (admin_app["corpus"] / "_learned.jsonl").read_text(encoding="utf-8")

    page.goto(admin_app["url"])
    expect(question_box(page)).to_be_editable(timeout=30_000)
    reply = ask(page, DECLINED).inner_text()
    assert "I don't know" not in reply and f"Q: {ENTRY}" in reply
    assert re.search(r"Confidence: (very likely|likely|possibly)", reply)


def test_on_a_phone_the_table_of_open_questions_keeps_readable_columns_and_scrolls_sideways(page, admin_app):
    question = "Can I pay for a bootcamp with bitcoin?"
    page.goto(admin_app["url"])
    expect(question_box(page)).to_be_editable(timeout=30_000)
    ask(page, question)
    page.set_viewport_size({"width": 390, "height": 844})
    open_admin(page, admin_app["url"], TOKEN)
    expect(page.locator("#admin-groups")).to_contain_text(question, timeout=30_000)
    # Its columns had been shares of the screen: 26 pixels for the count, a letter of a word to a line.
    widths = page.locator("#admin-groups .body-cell").evaluate_all("cells => cells.map(c => c.offsetWidth)")
    assert widths[:4] == [64, 104, 240, 240]
    assert page.locator("#admin-groups .virtual-table-viewport").evaluate("v => v.scrollWidth > v.clientWidth")


def test_a_disliked_answer_is_listed(page, admin_app):
    question = "What tools and frameworks do Machine Learning Engineers use?"
    page.goto(admin_app["url"])
    expect(question_box(page)).to_be_editable(timeout=30_000)
    assert "I don't know" not in ask(page, question).inner_text()
    page.get_by_role("button", name="Dislike").last.click()
    page.get_by_text("your feedback was saved").wait_for(timeout=10_000)
    open_admin(page, admin_app["url"], TOKEN)
    expect(page.locator("#admin-groups")).to_contain_text(question, timeout=30_000)


def test_a_document_uploaded_on_the_page_is_answered_and_a_binary_one_refused(page, admin_app, tmp_path):
    good = tmp_path / "Office hours.md"
    good.write_text("# Office\n\n## Opening hours\n\nThe ML engineering office opens at 7am on Saturdays.\n",
                    encoding="utf-8")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    page.goto(admin_app["url"])
    before = passages_said(page)
    open_admin(page, admin_app["url"], TOKEN)
    expect(page.locator("#admin-status")).to_contain_text("open question", timeout=30_000)
    upload = page.locator("#admin-upload input[type=file]")
    upload.set_input_files(str(binary))
    page.locator("#admin-upload-button").click()
    expect(page.locator("#admin-documents-result")).to_contain_text("binary", timeout=60_000)
    page.locator("#admin-upload button[aria-label='Clear']").click()
    page.locator("#admin-upload input[type=file]").set_input_files(str(good))
    page.locator("#admin-upload-button").click()
    expect(page.locator("#admin-documents-result")).to_contain_text("Added Office-hours.md", timeout=120_000)
    assert (admin_app["corpus"] / "Office-hours.md").exists() and not (admin_app["corpus"] / "photo.txt").exists()
    page.goto(admin_app["url"])
    expect(question_box(page)).to_be_editable(timeout=30_000)
    # The empty chat had gone on with the count the server started with (the page sets it once it has loaded).
    expect(page.get_by_text(re.compile(rf"Answers come from (?!{before} )\d+ passages"))).to_be_visible(timeout=30_000)
    assert passages_said(page) > before
    assert "7am on Saturdays" in ask(page, "When does the ML engineering office open on Saturdays?").inner_text()


def passages_said(page) -> int:
    said = page.get_by_text(re.compile(r"Answers come from \d+ passages"))
    expect(said).to_be_visible(timeout=30_000)
    return int(re.search(r"from (\d+) passages", said.inner_text())[1])


def test_logged_in_the_admin_page_opens_with_the_open_questions(page, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    if (ROOT / "index").exists():
        shutil.copytree(ROOT / "index", tmp_path / "index")
    bot = Chatbot.load(settings=Settings(corpus=corpus, index_dir=tmp_path / "index", data_dir=tmp_path / "data"))
    port = _free_port()
    demo = serve(bot, port=port, block=False, auth="alice:s3cret")
    try:
        url = f"http://127.0.0.1:{port}/"
        page.goto(url)
        page.get_by_label("username").fill("alice")
        page.get_by_label("password").fill("s3cret")
        page.get_by_role("button", name="Login").click()
        ask(page, DECLINED)
        page.goto(url + "admin")
        # No token to type behind a login: the groups show without a click on "Show".
        expect(page.locator("#admin-groups")).to_contain_text(DECLINED, timeout=30_000)
    finally:
        demo.close()


def test_enter_opens_the_page_a_new_entry_clears_its_answer_and_a_click_too_early_says_what_to_pick(page, admin_app):
    question = "Can I pay for an ML bootcamp with a gift card?"
    page.goto(admin_app["url"])
    expect(question_box(page)).to_be_editable(timeout=30_000)
    ask(page, question)
    page.goto(admin_app["url"] + "admin")
    token = page.locator("#admin-token input, #admin-token textarea").first
    token.fill(TOKEN)
    token.press("Enter")  # had done nothing: only "Show" opened the page
    expect(page.locator("#admin-groups")).to_contain_text(question, timeout=30_000)
    # A click with no document picked had said "the request was not understood".
    page.get_by_role("button", name="Delete the document").click()
    expect(page.locator("#admin-documents-result")).to_have_text("Not done: Pick a document first.", timeout=30_000)
    answer = page.get_by_label("Or type an answer for a new FAQ entry with this question")
    answer.fill("No, gift cards are for the shop only.")
    page.locator("#admin-add-entry").click()
    expect(page.locator("#admin-teach-result")).to_contain_text("Added a new FAQ entry", timeout=120_000)
    expect(answer).to_have_value("")  # clicked again, it had made a second entry
    # A document is deleted only once the deletion is confirmed: one click had deleted it.
    learned = admin_app["corpus"] / "_learned.jsonl"
    documents = page.get_by_label("Document", exact=True)
    documents.click()
    page.get_by_role("option", name="_learned.jsonl").click()
    page.get_by_role("button", name="Delete the document").click()
    expect(page.locator("#admin-documents-result")).to_contain_text("Delete _learned.jsonl? It cannot be undone.")
    page.get_by_role("button", name="No, keep it").click()
    expect(page.locator("#admin-documents-result")).to_have_text("Kept.")
    expect(page.locator("#admin-delete-confirm")).to_be_hidden()
    assert learned.exists()
    page.get_by_role("button", name="Delete the document").click()
    page.get_by_role("button", name="Yes, delete it").click()
    expect(page.locator("#admin-documents-result")).to_contain_text("Deleted _learned.jsonl.", timeout=120_000)
    assert not learned.exists()
