"""Typed errors. Each message says what went wrong and how to fix it; the CLI and the UI show it."""

from __future__ import annotations

from pathlib import Path


class ChatbotError(Exception):
    """Base class of every error this package raises on purpose."""


class SettingsError(ChatbotError, ValueError):
    """A setting (a keyword argument or its CHATBOT_* environment variable) has a value it cannot take."""


class QuestionError(ChatbotError, ValueError):
    """The question cannot be answered as given (empty, or nothing but symbols)."""


class DocumentError(ChatbotError):
    """One document (or one line of it) could not be read. Names the file and, if known, the line."""

    def __init__(self, path: str | Path, reason: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        self.reason = reason
        where = f"{self.path} line {line}" if line else self.path
        super().__init__(f"{where}: {reason}")


class CorpusError(ChatbotError):
    """The corpus folder is missing or holds no document that could be read."""


class IndexCorruptError(ChatbotError):
    """The files of a built index do not match their manifest."""


class ModelError(ChatbotError):
    """The embedding model could not be loaded."""


class BusyError(ChatbotError):
    """Too many questions are waiting; the caller should try again shortly."""


class AdminError(ChatbotError):
    """An admin action (a learned question, an upload, a deletion) cannot be done as asked."""
