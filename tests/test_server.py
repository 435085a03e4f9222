"""The web server under load, with a login, and refusing to start on a broken index."""

import json
import os
import shutil
import subprocess
import sys
import threading
import time

import httpx
import psutil
import pytest

from chatbot import Chatbot
from chatbot.search.batcher import EncodeBatcher
from chatbot.cli import _parser
from chatbot.search.index import POINTER
from chatbot.serving.ui import serve

from .conftest import ROOT

pytestmark = pytest.mark.integration
FULL = os.environ.get("CHATBOT_FULL_TESTS") == "1"
sys.path.insert(0, str(ROOT / "benchmarks"))
from concurrency import QUESTIONS, ask as call, free_port as _free_port, run_clients  # noqa: E402 - shared load generator


@pytest.fixture(scope="module")
def server(shipped_bot):
    port = _free_port()
    demo = serve(shipped_bot, port=port, block=False)
    yield f"http://127.0.0.1:{port}"
    demo.close()


def _expected_replies(bot) -> dict[str, str]:
    """The opening of each load question's own answer, as the chat's JSON carries it."""
    return {question: json.dumps(bot.answer(question).text[:60])[1:-1] for question in QUESTIONS}


def test_fifty_clients_get_answers_with_no_errors_and_flat_memory(server, shipped_bot):
    clients, seconds = 50, (60 if FULL else 12)
    expected = _expected_replies(shipped_bot)

    def checked(client, base, question):
        # A reply that is not this question's answer (an error turned into a message, another question's
        # answer) counts as an error.
        reply = call(client, base, question)
        if "busy" not in reply and expected[question] not in reply:
            raise AssertionError(f"{question!r} got {reply[-300:]!r}")
        return reply

    process = psutil.Process()
    run_clients(server, clients, 4, 10_000, ask=checked)  # warm-up
    rss_warm = process.memory_info().rss
    result = run_clients(server, clients, seconds, 100_000, ask=checked)
    rss_end = process.memory_info().rss
    assert result["errors"] == 0
    assert result["requests"] - result["busy_replies"] >= clients
    assert rss_end <= rss_warm * 1.10, f"memory grew from {rss_warm >> 20} MiB to {rss_end >> 20} MiB"


class SlowEmbedder:
    """The real model, made slow enough that 40 questions at once always overflow a queue of two, however
    loaded the machine is (on a busy machine the clients themselves may otherwise arrive one by one)."""

    def __init__(self, embedder):
        self.embedder, self.name = embedder, embedder.name

    def encode(self, texts, **kwargs):
        time.sleep(0.3)
        return self.embedder.encode(texts, **kwargs)


def _serve_with_a_queue_of_two(shipped_bot):
    """A server whose slow model keeps at most two questions waiting, and its port."""
    bot = Chatbot(shipped_bot.settings, shipped_bot.index, shipped_bot.embedder, shipped_bot.synonyms,
                  shipped_bot.report)
    bot.encoder = EncodeBatcher(SlowEmbedder(bot.embedder), max_waiting=2)
    port = _free_port()
    return serve(bot, port=port, block=False), port


def _at_once(request, clients: int = 40) -> None:
    """Runs `request` from `clients` threads at the same time and waits for them."""
    threads = [threading.Thread(target=request) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)


def test_a_full_queue_says_busy_instead_of_growing(shipped_bot):
    demo, port = _serve_with_a_queue_of_two(shipped_bot)
    replies: list[str] = []
    try:
        def one():
            with httpx.Client() as client:
                replies.append(call(client, f"http://127.0.0.1:{port}", QUESTIONS[0]))

        _at_once(one)
    finally:
        demo.close()
    assert len(replies) == 40  # every request got a complete reply
    busy = [r for r in replies if "busy" in r and "try again" in r]
    assert busy and len(busy) < 40
    assert all("New York" in r for r in replies if r not in busy)


def test_the_rest_api_says_busy_with_429_when_the_queue_is_full(shipped_bot):
    server, port = _serve_with_a_queue_of_two(shipped_bot)
    responses: list[httpx.Response] = []
    try:
        def one():
            responses.append(httpx.post(f"http://127.0.0.1:{port}/api/answer", json={"question": QUESTIONS[0]},
                                        timeout=120))

        _at_once(one)
    finally:
        server.close()
    # Checked here, not in the threads: an assertion that fails in a thread does not fail the test.
    statuses = [r.status_code for r in responses]
    assert len(statuses) == 40 and 200 in statuses and 429 in statuses
    for r in responses:
        assert r.status_code == 200 and "New York" in r.json()["text"] or \
            r.status_code == 429 and "busy" in r.json()["error"] and r.headers["retry-after"]


def test_the_ui_login_and_the_api_token_both_guard_the_rest_api(shipped_bot):
    bot = Chatbot(shipped_bot.settings.with_(api_token="t0ken"), shipped_bot.index, shipped_bot.embedder,
                  shipped_bot.synonyms, shipped_bot.report)
    port = _free_port()
    server = serve(bot, port=port, block=False, auth="alice:s3cret")
    base = f"http://127.0.0.1:{port}"
    ask = {"question": "How many ML engineer jobs were there in 2016?"}
    try:
        assert httpx.post(f"{base}/api/answer", json=ask).status_code == 401
        assert httpx.get(f"{base}/api/health").status_code == 401
        by_login = httpx.post(f"{base}/api/answer", json=ask, auth=("alice", "s3cret"))
        by_token = httpx.post(f"{base}/api/answer", json=ask, headers={"Authorization": "Bearer t0ken"})
        assert by_login.status_code == by_token.status_code == 200
        assert "2016 15,000" in by_login.json()["text"] and by_login.json() == by_token.json()
        assert httpx.get(f"{base}/api/docs").status_code == 200
        assert httpx.get(f"{base}/").status_code == 200  # the UI is still there, behind its own login page
    finally:
        server.close()


def test_login_is_required_when_auth_is_set(shipped_bot):
    port = _free_port()
    demo = serve(shipped_bot, port=port, block=False, auth="alice:s3cret")
    base = f"http://127.0.0.1:{port}"
    try:
        assert httpx.post(f"{base}/gradio_api/call/chat", json={"data": ["hi"]}).status_code == 401
        with httpx.Client() as client:
            assert client.post(f"{base}/login", data={"username": "alice", "password": "nope"}).status_code >= 400
            assert client.post(f"{base}/login", data={"username": "alice", "password": "s3cret"}).status_code == 200
            assert "2016 15,000" in call(client, base, "How many ML engineer jobs were there in 2016?")
    finally:
        demo.close()


def test_server_binds_to_localhost_by_default():
    assert _parser().parse_args(["serve"]).host == "127.0.0.1"
    assert serve.__kwdefaults__["host"] == "127.0.0.1"


def test_a_port_it_cannot_listen_on_is_a_message_not_a_hang(capsys):
    import socket

    from chatbot.errors import ChatbotError
    from chatbot.serving.server import WebServer

    # 99999 had printed "Running on" and then hung; a port in use printed "Running on" before failing.
    with pytest.raises(SystemExit):
        _parser().parse_args(["serve", "--port", "99999"])
    assert "give a number from 1 to 65535" in capsys.readouterr().err

    async def app(scope, receive, send):  # a server that cannot start never calls it
        raise AssertionError("served")

    def run(port: int, failures: list) -> None:
        try:
            WebServer(app, host="127.0.0.1", port=port).run()
        except ChatbotError as exc:
            failures.append(exc)

    failures = []
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        # In a thread of its own, as in a process of its own: no event loop of an earlier test is running there.
        server = threading.Thread(target=run, args=(taken.getsockname()[1], failures))
        server.start()
        server.join(timeout=60)
    assert not server.is_alive() and len(failures) == 1 and "Pass another --port" in str(failures[0])
    assert "Running on" not in capsys.readouterr().out


def test_serve_refuses_to_start_on_a_broken_index(shipped_bot, tmp_path):
    index = tmp_path / "index"
    shutil.copytree(shipped_bot.settings.index_dir, index)
    build = index / (index / POINTER).read_text().strip()
    (build / "vectors.faiss").write_bytes(b"garbage")
    env = {**os.environ, "CHATBOT_INDEX": str(index), "CHATBOT_CORPUS": str(ROOT / "corpus")}
    r = subprocess.run([sys.executable, "-m", "chatbot", "serve", "--port", str(_free_port())], env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2
    assert "missing or truncated" in r.stderr and "chatbot build" in r.stderr and "Running on" not in r.stdout


def test_sigterm_stops_serve_cleanly_and_leaves_no_exports_behind(shipped_bot, tmp_path):
    # systemd and docker stop a server with SIGTERM; the admin page's folder of log exports (users'
    # questions) had stayed in /tmp, since the process died before its exit handlers ran.
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    port = _free_port()
    env = {**os.environ, "TMPDIR": str(tmp), "CHATBOT_INDEX": str(shipped_bot.settings.index_dir),
           "CHATBOT_CORPUS": str(ROOT / "corpus"), "CHATBOT_DATA": str(tmp_path / "data")}
    process = subprocess.Popen([sys.executable, "-m", "chatbot", "serve", "--port", str(port)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 180
        while process.poll() is None and time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        assert process.poll() is None, process.stderr.read()
        assert len(list(tmp.glob("chatbot-log-*"))) == 1
        process.terminate()
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert "Running on" in out and "Warning" not in err
    assert list(tmp.glob("chatbot-log-*")) == []
