"""LiveBot: the Chatbot that the web UI answers with, replaced whole when the corpus changes."""

from __future__ import annotations

import threading
from typing import Callable, TypeVar

from ..chatbot import BuildReport, Chatbot

T = TypeVar("T")


class LiveBot:
    """Holds the current Chatbot. A change to the corpus (made under the lock, one at a time) is followed
    by an incremental rebuild into a new Chatbot, which then replaces the old one in a single assignment:
    each question is answered wholly by the old bot or wholly by the new one, and the next one asked
    after a change sees it."""

    def __init__(self, bot: Chatbot):
        self.current = bot
        self._lock = threading.Lock()

    def change(self, edit: Callable[[], T], undo: Callable[[T], None] | None = None) -> tuple[T, BuildReport]:
        """Run `edit` (which changes the corpus folder), rebuild, and swap the new bot in. When the rebuild
        fails, `undo` gets what `edit` returned, and the old bot stays."""
        with self._lock:
            done = edit()
            old = self.current
            try:
                # Chatbot.load re-embeds only new or changed text: the rest comes from the current build.
                new = Chatbot.load(settings=old.settings, embedder=old.base_embedder)
            except Exception:
                if undo is not None:
                    undo(done)
                raise
            if new.embedder is old.embedder:
                new.encoder = old.encoder  # one batcher for the one model (a model adapted anew has its own)
            new.question_log = old.question_log
            self.current = new
            return done, new.report
