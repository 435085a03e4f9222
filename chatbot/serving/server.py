"""WebServer: the UI and the REST API on one uvicorn server, in this thread or in the background."""

from __future__ import annotations

import signal
import threading
import time

from ..errors import ChatbotError


class WebServer:
    def __init__(self, app, *, host: str, port: int, blocks=None):
        self.blocks = blocks  # the Gradio app it serves, if any
        import uvicorn

        # No access log: a line per request costs CPU that answers need; a reverse proxy logs requests.
        config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False,
                                backlog=2048, timeout_keep_alive=30)
        self._server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None
        self.url = f"http://{host}:{port}/"

    def run(self) -> None:
        """Serve until interrupted (Ctrl-C, SIGTERM)."""
        stopped = threading.Event()
        threading.Thread(target=self._announce, args=(stopped,), name="chatbot-announce", daemon=True).start()
        # uvicorn stops gracefully on SIGTERM, then raises it again; the default action would end the process
        # before its exit handlers remove the admin page's exports of users' questions. So a SIGTERM ends
        # serving, and the process then exits normally (status 0).
        in_main_thread = threading.current_thread() is threading.main_thread()  # where signals can be handled
        previous = signal.signal(signal.SIGTERM, lambda *_: None) if in_main_thread else None
        try:
            self._server.run()
        except SystemExit:  # uvicorn's way to say it could not start (it has logged why)
            if not self._server.started:
                raise ChatbotError(f"The web server could not listen on {self.url}: the port is in use, or the "
                                   "address is not one of this machine's. Pass another --port or --host.") from None
            raise
        finally:
            stopped.set()
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)

    def _announce(self, stopped: threading.Event) -> None:
        """Say where the server is once it listens: not before, since it may not get to."""
        while not self._server.started:
            if stopped.wait(0.05):
                return
        print(f"Running on {self.url}", flush=True)

    def start(self, timeout: float = 60) -> "WebServer":
        """Serve in a background thread; returns once the server accepts connections."""
        self._thread = threading.Thread(target=self._server.run, name="chatbot-http", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise ChatbotError(f"The web server did not start on {self.url} (is the port in use?).")
            time.sleep(0.05)
        return self

    def close(self) -> None:
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=30)
