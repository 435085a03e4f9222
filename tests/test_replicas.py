"""Past one machine: two `chatbot serve` replicas behind nginx, sharing one read-only index folder and one
PostgreSQL feedback database, all real and on 127.0.0.1. `make services` installs Debian's postgresql and
nginx; the servers are started here in temporary folders and stopped at the end."""

from __future__ import annotations

import csv
import glob
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pytest

from chatbot.serving.feedback import FeedbackStore

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from concurrency import free_port  # noqa: E402 - shared helper

pytestmark = pytest.mark.integration
QUESTIONS = ["How much do ML engineers earn in New York?", "What skills does an ML engineer need?",
             "How many machine learning engineer jobs were there in 2016?",
             "What are the challenges faced by machine learning engineers?",
             "Is machine learning engineering a rewarding career?", "Where can I buy a bicycle?"]


def _binary(pattern: str) -> str | None:
    found = sorted(glob.glob(pattern))
    return found[-1] if found else None


def _as_postgres_user() -> list[str]:
    """PostgreSQL refuses to run as root: run its commands as the postgres user the package created."""
    if os.geteuid() != 0:
        return []
    return ["runuser", "-u", "postgres", "--"]


@pytest.fixture(scope="module")
def postgres():
    initdb = _binary("/usr/lib/postgresql/*/bin/initdb")
    if initdb is None:
        pytest.skip("PostgreSQL is not installed: run `make services` (apt-get install postgresql)")
    bin_dir = Path(initdb).parent
    folder = Path(tempfile.mkdtemp(prefix="chatbot-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data, port = folder / "data", free_port()
    run_as = _as_postgres_user()
    subprocess.run([*run_as, str(initdb), "-D", str(data), "-U", "chatbot", "--auth=trust", "-E", "UTF8"],
                   check=True, capture_output=True)
    subprocess.run([*run_as, str(bin_dir / "pg_ctl"), "-D", str(data), "-w", "-l", str(folder / "log"), "-o",
                    f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=on", "start"],
                   check=True, capture_output=True)
    try:
        subprocess.run([*run_as, str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "chatbot",
                        "feedback"], check=True, capture_output=True)
        yield f"postgresql://chatbot@127.0.0.1:{port}/feedback"
    finally:
        subprocess.run([*run_as, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                       capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def test_feedback_in_postgresql_has_the_same_table_and_export_as_sqlite(postgres, fake_bot, tmp_path):
    import psycopg

    with psycopg.connect(postgres, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS feedback")
    exports = []
    for store in (FeedbackStore(tmp_path / "sqlite"), FeedbackStore(tmp_path / "unused", postgres)):
        answer = fake_bot.answer("Do you ship abroad?")
        assert store.add(liked=True, question="Do you ship abroad?", history=["hi", "50% off?"], answer=answer) == 1
        assert store.add(liked=False, question="=1+1", history=[], answer=None) == 2
        out = io.StringIO()
        assert store.export_csv(out) == 2
        exports.append(list(csv.reader(io.StringIO(out.getvalue()))))
        store.close()
    sqlite_rows, postgres_rows = exports
    assert not (tmp_path / "unused").exists()
    assert [r[2:] for r in postgres_rows] == [r[2:] for r in sqlite_rows]  # all but the id and the time
    assert postgres_rows[2][3] == "'=1+1"  # a formula stays text in the CSV
    with psycopg.connect(postgres) as conn:
        columns = [r[0] for r in conn.execute("SELECT column_name FROM information_schema.columns "
                                              "WHERE table_name = 'feedback' ORDER BY ordinal_position")]
    assert tuple(columns) == tuple(sqlite_rows[0])


def _snapshot(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*"))}


def _wait(url: str, process: subprocess.Popen, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not come up in {seconds} s")


NGINX_CONF = """
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
daemon off;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    upstream chatbot {{
{servers}
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 1m;
        location / {{
            proxy_pass http://chatbot;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_buffering off;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""


def test_two_replicas_behind_nginx_share_the_index_and_store_every_like_in_postgresql(postgres, shipped_bot,
                                                                                      tmp_path):
    import psycopg

    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if nginx is None:
        pytest.skip("nginx is not installed: run `make services` (apt-get install nginx)")
    # One index folder for both, read-only: loading must not write to it.
    index = tmp_path / "shared-index"
    shutil.copytree(shipped_bot.settings.index_dir, index)
    before = _snapshot(index)
    for path in [index, *index.rglob("*")]:
        path.chmod(path.stat().st_mode & ~0o222)
    ports = [free_port(), free_port()]
    replicas = []
    balancer = None
    try:
        for n, port in enumerate(ports):
            env = {**os.environ, "CHATBOT_INDEX": str(index), "CHATBOT_CORPUS": str(ROOT / "corpus"),
                   "CHATBOT_DATA": str(tmp_path / f"data-{n}"), "CHATBOT_DATABASE_URL": postgres}
            log = open(tmp_path / f"replica-{n}.log", "w")
            replicas.append(subprocess.Popen([sys.executable, "-m", "chatbot", "serve", "--port", str(port)],
                                             cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT))
        for port, process in zip(ports, replicas):
            _wait(f"http://127.0.0.1:{port}/api/health", process)

        conf_dir = tmp_path / "nginx"
        conf_dir.mkdir()
        front = free_port()
        servers = "\n".join(f"        server 127.0.0.1:{p};" for p in ports)
        (conf_dir / "nginx.conf").write_text(NGINX_CONF.format(tmp=conf_dir, servers=servers, port=front))
        balancer = subprocess.Popen([nginx, "-p", str(conf_dir), "-c", str(conf_dir / "nginx.conf")],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        base = f"http://127.0.0.1:{front}"
        _wait(f"{base}/api/health", balancer, 30)

        upstreams, liked = set(), []
        with httpx.Client(timeout=60) as client:
            for round_ in range(3):
                for q in QUESTIONS:
                    question = f"{q} ({round_})" if round_ else q
                    answer = client.post(f"{base}/api/answer", json={"question": question})
                    assert answer.status_code == 200, answer.text
                    upstreams.add(answer.headers["x-upstream"])
                    like = client.post(f"{base}/api/feedback", json={"question": question, "liked": True})
                    assert like.status_code == 201, like.text
                    upstreams.add(like.headers["x-upstream"])
                    liked.append((like.json()["id"], question))
            assert client.get(f"{base}/").status_code == 200  # the UI, through the balancer too
        assert upstreams == {f"127.0.0.1:{p}" for p in ports}  # both replicas answered

        with psycopg.connect(postgres) as conn:
            stored = conn.execute("SELECT id, question, liked FROM feedback").fetchall()
            logged = conn.execute("SELECT question, liked FROM question_log").fetchall()
        assert sorted((i, q, 1) for i, q in liked) == sorted(r for r in stored if r[1] in dict(liked).values())
        # every question, whichever replica answered it, is in the shared question log with its like
        assert sorted((q, 1) for _, q in liked) == sorted(r for r in logged if r[0] in dict(liked).values())
        exported = subprocess.run([sys.executable, "-m", "chatbot", "feedback", "export", "--database", postgres],
                                  cwd=ROOT, capture_output=True, text=True, timeout=120, check=True).stdout
        assert all(q in exported for _, q in liked)
        assert _snapshot(index) == before
    finally:
        if balancer is not None:
            balancer.terminate()
            balancer.wait(timeout=30)
        for process in replicas:
            process.terminate()
        for process in replicas:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        for path in [index, *index.rglob("*")]:
            path.chmod(path.stat().st_mode | 0o200)
