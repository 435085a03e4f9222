"""The ONNX embedder: the same vectors as the torch model, asking without torch, and a clean fallback."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from chatbot import Settings
from chatbot.errors import ModelError
from chatbot.search.embedder import SentenceTransformerEmbedder, load_embedder
from chatbot.search.onnx_embedder import (OnnxEmbedder, UnsupportedModelError, fuse_attention, model_key,
                                          read_pipeline)

from .conftest import DEV_SET, ROOT

FALLBACK_QUESTIONS = ["How much do ML engineers earn in New York?", "and in London?", "ml engneer salry??",
                      "Where can I buy a bicycle?", "word " * 400]


def sentence_transformers_folder(path, modules, pooling=None, **config):
    path.mkdir(parents=True, exist_ok=True)
    (path / "modules.json").write_text(json.dumps(
        [{"idx": i, "name": str(i), "path": p, "type": f"sentence_transformers.models.{t}"}
         for i, (t, p) in enumerate(modules)]))
    (path / "1_Pooling").mkdir(exist_ok=True)
    (path / "1_Pooling" / "config.json").write_text(json.dumps(pooling or {"pooling_mode_mean_tokens": True}))
    (path / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 256, **config}))
    return path


def test_the_pipeline_is_read_from_the_models_own_configuration(tmp_path):
    plain = sentence_transformers_folder(tmp_path / "a", [("Transformer", ""), ("Pooling", "1_Pooling"),
                                                          ("Normalize", "2_Normalize")])
    (plain / "tokenizer_config.json").write_text(json.dumps({"model_max_length": 128}))
    assert read_pipeline(plain) == {"pooling": "mean_tokens", "normalize": True, "max_length": 128,
                                    "lower_case": False}
    cls = sentence_transformers_folder(tmp_path / "b", [("Transformer", ""), ("Pooling", "1_Pooling")],
                                       {"pooling_mode_cls_token": True}, do_lower_case=True)
    assert read_pipeline(cls) == {"pooling": "cls_token", "normalize": False, "max_length": 256, "lower_case": True}


def test_a_model_saved_by_newer_sentence_transformers_is_read_as_the_same_pipeline(tmp_path):
    # sentence-transformers 6 names a module by its new module path, pools by one "pooling_mode" and leaves
    # the length to the tokenizer; such a model (a user's own fine-tuned one) had fallen back to torch.
    new = tmp_path / "new"
    (new / "1_Pooling").mkdir(parents=True)
    (new / "modules.json").write_text(json.dumps([
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.base.modules.transformer.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling",
         "type": "sentence_transformers.sentence_transformer.modules.pooling.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.base.modules.normalize.Normalize"}]))
    (new / "1_Pooling" / "config.json").write_text(json.dumps(
        {"embedding_dimension": 384, "pooling_mode": "mean", "include_prompt": True}))
    (new / "sentence_bert_config.json").write_text(json.dumps({"transformer_task": "feature-extraction"}))
    (new / "tokenizer_config.json").write_text(json.dumps({"model_max_length": 256}))
    assert read_pipeline(new) == {"pooling": "mean_tokens", "normalize": True, "max_length": 256, "lower_case": False}
    (new / "1_Pooling" / "config.json").write_text(json.dumps({"pooling_mode": ["cls"]}))
    assert read_pipeline(new)["pooling"] == "cls_token"
    (new / "1_Pooling" / "config.json").write_text(json.dumps({"pooling_mode": "lasttoken"}))
    with pytest.raises(UnsupportedModelError, match="lasttoken"):
        read_pipeline(new)


@pytest.mark.integration
def test_the_bundled_model_saved_by_the_installed_sentence_transformers_runs_on_onnxruntime(tmp_path):
    from sentence_transformers import SentenceTransformer

    from chatbot.search.embedder import bundled_model_path

    SentenceTransformer(bundled_model_path(), device="cpu").save(str(tmp_path / "saved"))
    assert read_pipeline(tmp_path / "saved") == read_pipeline(Path(bundled_model_path()))


def test_a_model_with_layers_onnx_does_not_reproduce_is_refused_and_falls_back_to_torch(tmp_path):
    dense = sentence_transformers_folder(tmp_path / "dense", [("Transformer", ""), ("Pooling", "1_Pooling"),
                                                              ("Dense", "2_Dense")])
    with pytest.raises(UnsupportedModelError, match="Dense"):
        read_pipeline(dense)
    settings = Settings(model=str(dense), index_dir=tmp_path / "index")
    embedder = load_embedder(settings)  # the torch embedder loads its model only when it first encodes
    assert isinstance(embedder, SentenceTransformerEmbedder)
    assert isinstance(load_embedder(settings.with_(embedder="torch", model="")), SentenceTransformerEmbedder)


def test_the_export_key_changes_with_the_model_files_and_the_quantisation(tmp_path):
    model = sentence_transformers_folder(tmp_path / "m", [("Transformer", ""), ("Pooling", "1_Pooling")])
    first = model_key("m", model, quantized=False)
    assert model_key("m", model, quantized=True) != first
    (model / "config.json").write_text("{}")
    assert model_key("m", model, quantized=False) not in (first, model_key("m", model, quantized=True))


def test_a_graph_the_optimiser_cannot_fuse_is_kept_as_exported(tmp_path):
    graph = tmp_path / "model.onnx"
    graph.write_bytes(b"not a graph onnxruntime can read")

    class Config:
        num_attention_heads, hidden_size = 12, 384

    fuse_attention(graph, Config())
    assert graph.read_bytes() == b"not a graph onnxruntime can read"
    assert [p.name for p in tmp_path.iterdir()] == ["model.onnx"]


@pytest.mark.integration
def test_onnx_vectors_match_the_torch_model_on_the_eval_questions(tmp_path):
    questions = ([json.loads(line)["question"] for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line]
                 if DEV_SET.exists() else []) + FALLBACK_QUESTIONS
    onnx = OnnxEmbedder(cache_dir=tmp_path / "models").load()
    assert onnx.onnx_path.is_file()
    assert [p.name for p in onnx.onnx_path.parent.iterdir()] == ["model.onnx"]  # no partial file left behind
    import onnx as onnx_format

    operators = {node.op_type for node in onnx_format.load(str(onnx.onnx_path)).graph.node}
    assert {"Attention", "EmbedLayerNormalization"} <= operators  # the faster fused graph, checked below
    torch_vectors = SentenceTransformerEmbedder().encode(questions)
    onnx_vectors = onnx.encode(questions)
    assert onnx_vectors.shape == torch_vectors.shape and onnx_vectors.dtype == np.float32
    cosines = (torch_vectors * onnx_vectors).sum(axis=1)
    assert cosines.min() >= 0.999, f"lowest cosine {cosines.min():.5f}"
    # one at a time (as the server does when questions arrive alone) gives the same vectors as a batch
    assert np.allclose(onnx.encode(questions[:1])[0], onnx_vectors[0], atol=1e-5)


@pytest.mark.integration
def test_asking_imports_neither_torch_nor_sentence_transformers_nor_gradio(shipped_bot):
    settings = shipped_bot.settings
    code = ("import sys\nfrom chatbot.cli import main\n"
            f"code = main(['ask', 'How much do ML engineers earn in New York?', '--corpus', {str(settings.corpus)!r}, "
            f"'--index', {str(settings.index_dir)!r}])\n"
            "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'torch', 'sentence_transformers', 'gradio', "
            "'transformers'})\nprint('HEAVY', heavy)\nsys.exit(code)\n")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "New York" in r.stdout
    assert "HEAVY []" in r.stdout


@pytest.mark.integration
def test_a_model_cache_that_cannot_be_written_falls_back_to_torch(tmp_path, caplog):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    embedder = load_embedder(Settings(index_dir=tmp_path, model_cache=str(blocked / "models")))
    assert isinstance(embedder, SentenceTransformerEmbedder)
    assert "Using sentence-transformers" in caplog.text and "Could not export" in caplog.text
    with pytest.raises(ModelError, match="Could not export"):
        OnnxEmbedder(cache_dir=blocked / "models").load()
