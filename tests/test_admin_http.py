"""The admin page's events called straight over HTTP, as a browser (or anyone) can: each checks the token
itself, and the chat logs its questions."""

import json
import socket
import uuid
from pathlib import Path
from contextlib import nullcontext

import httpx
import pytest

from gradio_client import Client

from chatbot import Chatbot, Settings
from chatbot.serving import adminpage
from chatbot.serving.ui import serve

from .conftest import FAQ_CSV, FakeEmbedder

DECLINED = "Can I pay with a gift card?"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, faq_corpus_module):
    tmp = tmp_path_factory.mktemp("admin-http")
    bot = Chatbot.load(settings=Settings(corpus=faq_corpus_module, index_dir=tmp / "index", data_dir=tmp / "data",
                                         admin_token="right-token"), embedder=FakeEmbedder())
    port = _free_port()
    demo = serve(bot, port=port, block=False)
    yield {"base": f"http://127.0.0.1:{port}", "demo": demo, "data": tmp / "data"}
    demo.close()


@pytest.fixture(scope="module")
def faq_corpus_module(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    (corpus / "help.csv").write_text(FAQ_CSV, encoding="utf-8")
    return corpus


def event(demo, name: str) -> int:
    return next(k for k, f in demo.blocks.fns.items() if f.fn is not None and f.fn.__name__ == name)


def call(base: str, fn_index: int, data: list, client: httpx.Client | None = None) -> dict:
    """Join Gradio's queue as the browser does and return the completed message."""
    session = uuid.uuid4().hex
    with nullcontext(client) if client else httpx.Client(timeout=60) as client:
        client.post(f"{base}/gradio_api/queue/join", json={"data": data, "fn_index": fn_index,
                                                             "session_hash": session}).raise_for_status()
        with client.stream("GET", f"{base}/gradio_api/queue/data", params={"session_hash": session}) as stream:
            for line in stream.iter_lines():
                if line.startswith("data:"):
                    message = json.loads(line[5:])
                    if message.get("msg") == "process_completed":
                        return message
    raise AssertionError("no reply")


def test_admin_events_refuse_without_the_token_and_leak_nothing(server):
    Client(server["base"] + "/", analytics_enabled=False, verbose=False).predict(DECLINED, api_name="/chat")
    for token in ["", "wrong-token", None]:
        shown = call(server["base"], event(server["demo"], "show"), [token])["output"]["data"]
        assert "Wrong or missing admin token" in shown[0]
        assert DECLINED not in json.dumps(shown)
        exported = call(server["base"], event(server["demo"], "export"), [token])["output"]["data"]
        assert "Wrong or missing admin token" in exported[0] and DECLINED not in json.dumps(exported)
    shown = call(server["base"], event(server["demo"], "show"), ["right-token"])["output"]["data"]
    assert "1 open question" in shown[0] and DECLINED in json.dumps(shown)


def test_the_chat_logs_questions_and_the_export_has_them(server):
    Client(server["base"] + "/", analytics_enabled=False, verbose=False).predict("Do you ship abroad?",
                                                                                api_name="/chat")
    exported = call(server["base"], event(server["demo"], "export"), ["right-token"])["output"]["data"]
    path = exported[1]["value"]["path"] if "value" in exported[1] else exported[1]["path"]
    text = open(path, encoding="utf-8").read()
    assert "Do you ship abroad?,answered" in text


def test_with_a_login_the_logged_in_user_is_the_admin(tmp_path, faq_corpus_module):
    bot = Chatbot.load(settings=Settings(corpus=faq_corpus_module, index_dir=tmp_path / "index",
                                         data_dir=tmp_path / "data"), embedder=FakeEmbedder())
    port = _free_port()
    demo = serve(bot, port=port, block=False, auth="alice:s3cret")
    base = f"http://127.0.0.1:{port}"
    try:
        show = event(demo, "show")
        with httpx.Client(timeout=60) as client:
            assert client.post(f"{base}/gradio_api/queue/join", json={"data": [""], "fn_index": show,
                                                                       "session_hash": "x"}).status_code == 401
            client.post(f"{base}/login", data={"username": "alice", "password": "s3cret"}).raise_for_status()
            shown = call(base, show, [""], client)["output"]["data"]
        assert "No open questions" in shown[0]
    finally:
        demo.close()


def test_an_export_of_the_log_is_not_kept_once_sent(server, monkeypatch):
    # It holds users' questions; each export had left a folder in /tmp for good.
    Client(server["base"] + "/", analytics_enabled=False, verbose=False).predict("Do you ship abroad?",
                                                                                api_name="/chat")
    export = server["demo"].blocks.fns[event(server["demo"], "export")].fn
    monkeypatch.setattr(adminpage, "EXPORT_KEEP_SECONDS", 0)
    first = Path(export("right-token", None)[1]["value"])
    second = Path(export("right-token", None)[1]["value"])
    assert "Do you ship abroad?" in second.read_text(encoding="utf-8")
    assert not first.exists() and first.parent.parent == second.parent.parent
