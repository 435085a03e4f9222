"""The REST API: answers as JSON, feedback stored, login or token, errors as JSON with their status."""

import base64
import csv
import io
import re

import pytest
from fastapi.testclient import TestClient

from chatbot.serving.api import MAX_BODY_BYTES, MAX_QUESTION_CHARS, build_api
from chatbot.serving.feedback import FeedbackStore


@pytest.fixture
def store(tmp_path):
    s = FeedbackStore(tmp_path / "feedback")
    yield s
    s.close()


def client(bot, store, **kwargs):
    return TestClient(build_api(bot, store, **kwargs), raise_server_exceptions=False)


def test_an_answer_comes_back_as_the_answers_json(fake_bot, store):
    api = client(fake_bot, store)
    r = api.post("/answer", json={"question": "How do I reset my password?"})
    assert r.status_code == 200
    body = r.json()
    assert body == fake_bot.answer("How do I reset my password?").to_dict()
    assert body["found"] and "Reset password" in body["passages"][0]["text"]


def test_history_makes_a_follow_up(fake_bot, store):
    api = client(fake_bot, store)
    alone = api.post("/answer", json={"question": "and the Pro plan?"}).json()
    follow = api.post("/answer", json={"question": "and the Pro plan?", "history": ["What does the Basic plan cost?"]})
    assert follow.json() == fake_bot.answer("and the Pro plan?", history=["What does the Basic plan cost?"]).to_dict()
    assert follow.json()["question"] != alone["question"]


@pytest.mark.parametrize("body, says", [
    ({"question": "   "}, "The question is empty"),
    ({"question": 12}, "question"),
    ({"text": "hello"}, "question: Field required"),
    ({"question": "x" * (MAX_QUESTION_CHARS + 1)}, "at most"),
    ({"question": "hi", "history": "not a list"}, "history"),
])
def test_a_bad_question_is_a_400_that_says_what_is_wrong(fake_bot, store, body, says):
    r = client(fake_bot, store).post("/answer", json=body)
    assert r.status_code == 400
    assert r.json()["status"] == 400 and says in r.json()["error"]


def test_a_body_that_is_not_json_is_a_400_that_says_so(fake_bot, store):
    api = client(fake_bot, store)
    r = api.post("/answer", content=b"{question", headers={"content-type": "application/json"})
    assert r.status_code == 400 and r.json()["status"] == 400
    assert "not valid JSON" in r.json()["error"] and "at character 1" in r.json()["error"]
    # JSON sent as another content type (curl -d's default is a form) is not read as JSON: the error says how.
    r = api.post("/answer", content=b'{"question": "hi"}',
                 headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 400 and "Content-Type: application/json" in r.json()["error"]
    # Latin-1 where UTF-8 belongs: FastAPI had said only "There was an error parsing the body".
    r = api.post("/answer", content='{"question": "café"}'.encode("latin-1"),
                 headers={"content-type": "application/json"})
    assert r.status_code == 400 and "not UTF-8 text (its byte 18 is not UTF-8)" in r.json()["error"]


def test_a_wrong_method_says_which_one_is_allowed(fake_bot, store):
    r = client(fake_bot, store).get("/answer")
    assert r.status_code == 405 and r.headers["allow"] == "POST" and r.json()["status"] == 405


def test_an_oversized_body_is_refused_with_413(fake_bot, store):
    api = client(fake_bot, store)
    big = b'{"question": "' + b"a" * MAX_BODY_BYTES + b'"}'
    r = api.post("/answer", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413 and "KiB" in r.json()["error"]

    def chunks():  # no Content-Length: counted as it arrives
        yield b'{"question": "'
        for _ in range(MAX_BODY_BYTES // 1024 + 1):
            yield b"a" * 1024
        yield b'"}'

    r = api.post("/answer", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_feedback_is_stored_with_the_answer_that_was_shown(fake_bot, store):
    api = client(fake_bot, store)
    r = api.post("/feedback", json={"question": "Do you ship abroad?", "liked": False, "history": ["hello"]})
    assert r.status_code == 201
    [row] = store.rows()
    assert row["id"] == r.json()["id"] and row["liked"] == 0 and row["question"] == "Do you ship abroad?"
    assert "40 countries" in row["passage"] and row["history"] == '["hello"]'
    assert api.post("/feedback", json={"question": "Do you ship abroad?"}).status_code == 400  # liked is required
    for not_a_yes_or_no in ("yes", 1, "true", None):  # a like is true or false, as a question is text
        r = api.post("/feedback", json={"question": "Do you ship abroad?", "liked": not_a_yes_or_no})
        assert r.status_code == 400 and "liked" in r.json()["error"]
    assert len(store.rows()) == 1
    out = io.StringIO()
    assert store.export_csv(out) == 1
    assert list(csv.reader(io.StringIO(out.getvalue())))[1][3] == "Do you ship abroad?"


def test_feedback_on_a_declined_answer_names_no_passage(fake_bot, store):
    # The person saw "I don't know", not the nearest passage: a dislike is no verdict on that passage.
    declined = fake_bot.answer("Where can I buy a bicycle?")
    assert not declined.found and declined.passages
    api = client(fake_bot, store)
    assert api.post("/feedback", json={"question": "Where can I buy a bicycle?", "liked": False}).status_code == 201
    [row] = store.rows()
    assert row["answer"] == declined.text and row["source"] is None and row["passage"] is None


def test_health_and_the_openapi_page(fake_bot, store):
    api = client(fake_bot, store)
    health = api.get("/health").json()
    assert health["status"] == "ok" and health["passages"] == len(fake_bot.index.passages)
    assert health["feedback"] == "sqlite"
    page = api.get("/docs")
    assert page.status_code == 200
    # Its scripts and styles are served here (the page works offline), not from a CDN.
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', page.text)
    assert len(assets) == 2 and all(not a.startswith("http") for a in assets)
    assert all(api.get(a).status_code == 200 for a in assets)
    paths = api.get("/openapi.json").json()["paths"]
    assert {"/answer", "/feedback", "/health"} <= set(paths)


def test_while_the_index_loads_the_api_says_503(store):
    api = client(lambda: None, store)
    for r in (api.post("/answer", json={"question": "hi"}), api.get("/health")):
        assert r.status_code == 503 and r.json()["status"] == 503 and r.headers["retry-after"]


def test_login_or_token_is_required_when_set(fake_bot, store):
    api = client(fake_bot, store, auth=("alice", "s3cret"), token="t0ken")
    ask = {"question": "What are your opening hours?"}
    assert api.post("/answer", json=ask).status_code == 401
    assert api.post("/answer", json=ask).json()["status"] == 401
    assert api.post("/answer", json=ask, auth=("alice", "nope")).status_code == 401
    assert api.post("/answer", json=ask, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert api.post("/answer", json=ask, headers={"Authorization": "Basic %%%"}).status_code == 401
    assert api.post("/answer", json=ask, auth=("alice", "s3cret")).status_code == 200
    assert api.post("/answer", json=ask, headers={"Authorization": "Bearer t0ken"}).status_code == 200
    basic = base64.b64encode(b"alice:s3cret").decode()
    assert api.get("/health", headers={"Authorization": f"Basic {basic}"}).status_code == 200
    assert api.post("/feedback", json={**ask, "liked": True}).status_code == 401
    assert api.get("/health").status_code == 401
    # Refused before the body is read: a caller not logged in learns nothing of what the API accepts.
    for body in ({"content": b"{not json", "headers": {"Content-Type": "application/json"}}, {"json": {}}):
        refused = api.post("/answer", **body)
        assert refused.status_code == 401 and refused.headers["www-authenticate"] == 'Basic realm="chatbot"'
    assert store.rows() == []
    # Every endpoint is guarded; the page that documents them is not.
    assert api.get("/docs").status_code == api.get("/openapi.json").status_code == 200


def test_the_login_guards_the_api_mounted_under_a_path(fake_bot, store):
    from fastapi import FastAPI

    app = FastAPI()
    app.mount("/api", build_api(fake_bot, store, token="t0ken"))
    api = TestClient(app)
    assert api.post("/api/answer", json={"question": "What are your opening hours?"}).status_code == 401
    assert api.post("/api/answer", json={"question": "What are your opening hours?"},
                    headers={"Authorization": "Bearer t0ken"}).json()["found"]
    assert api.get("/api/docs").status_code == 200


def test_questions_asked_through_the_api_reach_the_question_log_with_their_feedback(fake_bot, store):
    api = client(fake_bot, store, log_questions=True)
    assert api.post("/answer", json={"question": "Where can I buy a bicycle?"}).json()["found"] is False
    api.post("/answer", json={"question": "How do I reset my password?"})
    liked = api.post("/feedback", json={"question": "How do I reset my password?", "liked": False})
    assert liked.status_code == 201
    rows = {r["question"]: r for r in store.question_rows()}
    assert rows.keys() == {"Where can I buy a bicycle?", "How do I reset my password?"}  # feedback logs nothing more
    assert rows["Where can I buy a bicycle?"]["outcome"] == "declined"
    assert rows["How do I reset my password?"]["liked"] == 0
    # the admin page's list: the declined question and the disliked answer
    assert {r["question"] for r in store.unanswered()} == set(rows)


def test_no_to_an_answer_through_the_api_marks_it_disliked_in_the_log(fake_bot, store):
    api = client(fake_bot, store, log_questions=True)
    api.post("/answer", json={"question": "How do I reset my password?"})
    no = api.post("/answer", json={"question": "that's not what I meant", "history": ["How do I reset my password?"]})
    assert no.json()["small_talk"] == "rejected"
    assert [r["question"] for r in store.unanswered()] == ["How do I reset my password?"]


def test_without_the_log_the_api_stores_only_the_feedback(fake_bot, store):
    api = client(fake_bot, store)
    api.post("/answer", json={"question": "Where can I buy a bicycle?"})
    api.post("/feedback", json={"question": "How do I reset my password?", "liked": True})
    assert store.question_rows() == [] and len(store.rows()) == 1
