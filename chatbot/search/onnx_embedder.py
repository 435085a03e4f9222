"""OnnxEmbedder: the sentence-transformers model run by onnxruntime, so that asking needs no torch.

The model's transformer is exported to ONNX once (this needs torch, like building the index) into a
model cache folder, under a key made of the model's name and its files; after that only onnxruntime,
tokenizers and numpy are imported. Tokenising, pooling and normalising follow the model's own
sentence-transformers configuration (modules.json, sentence_bert_config.json, 1_Pooling/config.json),
so the vectors match the torch model's (cosine >= 0.999; tests/test_onnx_embedder.py checks it).
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import threading
from concurrent.futures import Future
from pathlib import Path

import numpy as np

from ..errors import ModelError
from .embedder import BUNDLED_MODEL, bundled_model_path

# Bump when the export or the pooling changes: a new key, so an old file is never reused.
EXPORT_VERSION = 2
SMALL_FILE = 1 << 20
POOLING_MODES = ("cls_token", "mean_tokens", "max_tokens", "mean_sqrt_len_tokens")
# Newer sentence-transformers (6 here) save one "pooling_mode" by these names instead of pooling_mode_* flags.
POOLING_MODE_NAMES = {"cls": "cls_token", "mean": "mean_tokens", "max": "max_tokens",
                      "mean_sqrt_len_tokens": "mean_sqrt_len_tokens"}


class UnsupportedModelError(ModelError):
    """The model has modules this embedder does not reproduce (a Dense layer, ...): use torch instead."""


def model_key(name: str, path: Path, *, quantized: bool) -> str:
    """Names the exported file: the model's name, its files (the content of the small ones, the size of the
    weights, so that no start reads 90 MB) and the export version. No file time: replicas on other
    machines find the same file."""
    digest = hashlib.sha256(f"{name}\0{EXPORT_VERSION}\0{quantized}".encode())
    for f in sorted(p for p in path.rglob("*") if p.is_file() and ".onnx" not in p.name):
        size = f.stat().st_size
        digest.update(f"{f.relative_to(path).as_posix()}\0{size}\0".encode())
        if size < SMALL_FILE:
            digest.update(f.read_bytes())
    slug = "".join(c if c.isalnum() else "-" for c in name.rsplit("/", 1)[-1])[:40]
    return f"{slug}-{'int8' if quantized else 'fp32'}-{digest.hexdigest()[:12]}"


def _module_class(type_name: str) -> str:
    """The class of a sentence-transformers module: newer sentence-transformers (6 here) save it by its new
    module path ("sentence_transformers.base.modules.transformer.Transformer"), older ones as
    "sentence_transformers.models.Transformer"."""
    if type_name.startswith("sentence_transformers."):
        return type_name.rsplit(".", 1)[-1]
    return type_name


def read_pipeline(path: Path) -> dict:
    """What the sentence-transformers modules of a model folder do, as plain values."""
    try:
        modules = json.loads((path / "modules.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UnsupportedModelError(f"{path} is not a sentence-transformers model folder ({exc}).") from exc
    types = [m["type"] for m in modules]
    kinds = [_module_class(t) for t in types]
    if kinds[:2] != ["Transformer", "Pooling"] or any(k != "Normalize" for k in kinds[2:]):
        raise UnsupportedModelError(f"The model in {path} has modules {types}; only a transformer with pooling "
                                    "(and normalisation) runs on onnxruntime.")
    pooling_dir = path / modules[1]["path"]
    pooling = json.loads((pooling_dir / "config.json").read_text(encoding="utf-8"))
    if "pooling_mode" in pooling:
        named = pooling["pooling_mode"]
        named = [named] if isinstance(named, str) else list(named)
        modes = [POOLING_MODE_NAMES.get(m, m) for m in named]
        if any(m not in POOLING_MODES for m in modes):
            raise UnsupportedModelError(f"The model in {path} pools with {named}; onnxruntime runs "
                                        f"{', '.join(POOLING_MODE_NAMES)}.")
    else:
        modes = [m for m in POOLING_MODES if pooling.get(f"pooling_mode_{m}")]
    if len(modes) != 1:
        raise UnsupportedModelError(f"The model in {path} pools with {modes or 'nothing'}; one mode is supported.")
    config_file = path / "sentence_bert_config.json"
    config = json.loads(config_file.read_text(encoding="utf-8")) if config_file.exists() else {}
    tokenizer_config_file = path / "tokenizer_config.json"
    tokenizer_config = (json.loads(tokenizer_config_file.read_text(encoding="utf-8"))
                        if tokenizer_config_file.exists() else {})
    # sentence-transformers cuts at the smaller of its max_seq_length and the tokenizer's limit.
    limits = [v for v in (config.get("max_seq_length"), tokenizer_config.get("model_max_length"))
              if isinstance(v, int) and 0 < v < 100_000]
    return {"pooling": modes[0], "normalize": "Normalize" in kinds[2:], "max_length": min(limits) if limits else 512,
            "lower_case": bool(config.get("do_lower_case"))}


def export_onnx(path: Path, target: Path, *, quantized: bool) -> None:
    """Write the model's transformer as ONNX to `target`, atomically (a temporary file, then a rename)."""
    import inspect
    import logging
    import warnings

    import torch
    from transformers import AutoModel
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()

    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.partial")
    try:
        # Eager attention exports as plain MatMul/Softmax nodes, which onnxruntime can fuse (fuse_attention).
        transformer = AutoModel.from_pretrained(str(path), attn_implementation="eager").eval()

        # Models without token types (MPNet, RoBERTa-like) take only ids and mask.
        takes_types = "token_type_ids" in inspect.signature(transformer.forward).parameters

        class LastHiddenState(torch.nn.Module):
            def __init__(self):
                super().__init__()
                self.transformer = transformer

            def forward(self, input_ids, attention_mask, token_type_ids=None):
                types = {"token_type_ids": token_type_ids} if token_type_ids is not None else {}
                return self.transformer(input_ids=input_ids, attention_mask=attention_mask,
                                        **types).last_hidden_state

        names = ["input_ids", "attention_mask", "token_type_ids"][: 3 if takes_types else 2]
        sample = (torch.ones((2, 8), dtype=torch.long), torch.ones((2, 8), dtype=torch.long),
                  torch.zeros((2, 8), dtype=torch.long))[: len(names)]
        axes = {name: {0: "batch", 1: "tokens"} for name in [*names, "last_hidden_state"]}
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the tracer's notes on Python branches it freezes for one shape
            torch.onnx.export(LastHiddenState().eval(), sample, str(partial), input_names=names,
                              output_names=["last_hidden_state"], dynamic_axes=axes, opset_version=17,
                              dynamo=False)
        fuse_attention(partial, transformer.config)
        if quantized:
            import onnx
            from onnxruntime.quantization import QuantType, quantize_dynamic

            plain = partial.with_name(partial.name + ".fp32")
            os.replace(partial, plain)
            logging.disable(logging.WARNING)  # its advice to pre-process the graph is noise here
            try:
                # The fused operators are outside the standard domain: their outputs' type is said here.
                quantize_dynamic(str(plain), str(partial), weight_type=QuantType.QInt8,
                                 extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
            finally:
                logging.disable(logging.NOTSET)
                plain.unlink(missing_ok=True)
        with open(partial, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def fuse_attention(model_file: Path, config) -> None:
    """Rewrite a BERT-like graph in place with onnxruntime's fused operators (attention, embedding layer
    norm, GELU): about a tenth faster per question on a CPU. The graph is kept as exported when the
    optimiser fails or the fused graph's output differs from the original's."""
    import onnxruntime
    from onnxruntime.transformers import optimizer

    heads, hidden = getattr(config, "num_attention_heads", 0), getattr(config, "hidden_size", 0)
    fused = model_file.with_name(model_file.name + ".fused")
    try:
        optimizer.optimize_model(str(model_file), model_type="bert", num_heads=heads, hidden_size=hidden,
                                 opt_level=1).save_model_to_file(str(fused))
        # One short and one padded text: the fused attention must honour the attention mask.
        feeds = {"input_ids": np.array([[101, 2054, 2003, 1037, 3231, 102], [101, 7592, 102, 0, 0, 0]]),
                 "attention_mask": np.array([[1, 1, 1, 1, 1, 1], [1, 1, 1, 0, 0, 0]]),
                 "token_type_ids": np.zeros((2, 6), dtype=np.int64)}
        outputs = []
        for candidate in (model_file, fused):
            options = onnxruntime.SessionOptions()
            options.log_severity_level = 3
            session = onnxruntime.InferenceSession(str(candidate), options, providers=["CPUExecutionProvider"])
            hidden_states = session.run(None, {i.name: feeds[i.name] for i in session.get_inputs()})[0]
            outputs.append(hidden_states[feeds["attention_mask"].astype(bool)])
        if np.allclose(outputs[0], outputs[1], atol=1e-3):
            os.replace(fused, model_file)
    except Exception:  # noqa: BLE001 - an architecture the optimiser does not know: the plain graph is right
        pass
    finally:
        fused.unlink(missing_ok=True)


class OnnxEmbedder:
    """`model` is a sentence-transformers folder or hub name (empty: the bundled model); `cache_dir` holds
    the exported file. `quantized` runs the int8 (dynamic quantisation) export instead of float32."""

    batch_size = 64

    def __init__(self, model: str = "", *, cache_dir: str | Path, quantized: bool = False, name: str = ""):
        # The same name as the torch embedder's: both give the same vectors, so an index built by one
        # serves the other. `name` names a model whose folder moves (a tuned model copied into each build).
        self.name = name or model or BUNDLED_MODEL
        self.quantized = quantized
        self._path = Path(model or bundled_model_path())
        self._cache_dir = Path(cache_dir)
        self._session = None
        self._lock = threading.Lock()

    @property
    def onnx_path(self) -> Path:
        return self._cache_dir / model_key(self.name, self._path, quantized=self.quantized) / "model.onnx"

    def load(self) -> "OnnxEmbedder":
        """Export the model if it has not been yet, and start opening it. Raises ModelError when the model
        cannot run here. The session (about half a second for this model) opens in the background, while
        the caller loads the index; the first encode() waits for it."""
        with self._lock:
            if self._session is not None:
                return self
            if not self._path.is_dir():
                raise UnsupportedModelError(f"{self.name!r} is not a local model folder; onnxruntime needs one.")
            pipeline = read_pipeline(self._path)
            import onnxruntime
            from tokenizers import Tokenizer

            target = self.onnx_path
            if not target.exists():
                try:
                    export_onnx(self._path, target, quantized=self.quantized)
                except Exception as exc:
                    raise ModelError(f"Could not export {self.name!r} to ONNX in {target.parent} ({exc}). "
                                     "Run `chatbot build` once where the folder is writable and torch is "
                                     "installed, or set CHATBOT_EMBEDDER=torch.") from exc
            tokenizer = Tokenizer.from_file(str(self._path / "tokenizer.json"))
            tokenizer.enable_truncation(max_length=pipeline["max_length"])
            pad_id = tokenizer.padding["pad_id"] if tokenizer.padding else (tokenizer.token_to_id("[PAD]") or 0)
            tokenizer.enable_padding(pad_id=pad_id)
            options = onnxruntime.SessionOptions()
            options.log_severity_level = 3
            # onnxruntime's worker threads spin while a call runs (fast hand-offs between them) but stop at
            # its end: spinning between calls would take the CPU that answers need.
            options.add_session_config_entry("session.intra_op.allow_spinning", "1")
            options.add_session_config_entry("session.force_spinning_stop", "1")
            self._pipeline = pipeline
            self._tokenizer = tokenizer
            self._session = Future()
            threading.Thread(target=self._open, args=(onnxruntime, target, options, self._session),
                             name="chatbot-onnx-open").start()  # not a daemon: exiting mid-open aborts
        return self

    @staticmethod
    def _open(onnxruntime, target: Path, options, ready: Future) -> None:
        try:
            session = onnxruntime.InferenceSession(str(target), options, providers=["CPUExecutionProvider"])
            ready.set_result((session, {i.name for i in session.get_inputs()}))
        except Exception as exc:  # noqa: BLE001 - handed to encode()
            ready.set_exception(ModelError(f"onnxruntime could not open {target} ({exc}). Delete that folder to "
                                           "export the model again, or set CHATBOT_EMBEDDER=torch."))

    @property
    def dimension(self) -> int:
        return int(self.encode(["dimension"]).shape[1])

    def encode(self, texts: list[str], *, progress: bool = False) -> np.ndarray:
        if self._session is None:
            self.load()
        session, inputs = self._session.result()
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        # Texts of similar length share a batch, so little time goes into padding.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out: list[np.ndarray | None] = [None] * len(texts)
        steps = range(0, len(order), self.batch_size)
        if progress:
            from tqdm import tqdm

            steps = tqdm(steps, desc="Embedding", unit="batch")
        for start in steps:
            chunk = order[start:start + self.batch_size]
            for i, vector in zip(chunk, self._encode_batch(session, inputs, [texts[i] for i in chunk])):
                out[i] = vector
        return np.ascontiguousarray(np.stack(out), dtype=np.float32)

    def _encode_batch(self, session, inputs: set[str], texts: list[str]) -> np.ndarray:
        pipeline = self._pipeline
        if pipeline["lower_case"]:
            texts = [t.lower() for t in texts]
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask,
                 "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64)}
        hidden = session.run(None, {k: v for k, v in feeds.items() if k in inputs})[0]
        weights = mask[:, :, None].astype(np.float32)
        mode = pipeline["pooling"]
        if mode == "cls_token":
            pooled = hidden[:, 0]
        elif mode == "max_tokens":
            pooled = np.where(weights > 0, hidden, -1e9).max(axis=1)
        else:
            counts = np.clip(weights.sum(axis=1), 1e-9, None)
            pooled = (hidden * weights).sum(axis=1) / (counts if mode == "mean_tokens" else np.sqrt(counts))
        if pipeline["normalize"]:
            pooled = pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return pooled
