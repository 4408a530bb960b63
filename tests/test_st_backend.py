"""The sentence-transformers backend with a tiny model built offline inside the test (never a download)."""
import json

import pytest

from policyqa.index.build import index_paths
from policyqa.index.embed import SentenceTransformerEmbedder, load_embedder
from policyqa.index.errors import IndexMismatch, PolicyQAError
from policyqa.qa import PolicyQA
from tests.conftest import SEEDS

st = pytest.importorskip("sentence_transformers", reason="needs the st extra (torch + sentence-transformers)")


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    """A 2-layer BERT with a character vocabulary of the seeds, saved as a sentence-transformers folder."""
    from transformers import BertConfig, BertModel, BertTokenizerFast

    folder = tmp_path_factory.mktemp("tiny-st")
    chars = sorted({ch for p in SEEDS.glob("*.txt") for ch in p.read_text(encoding="utf-8") if not ch.isspace()})
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *chars]
    (folder / "vocab.txt").write_text("\n".join(vocab), encoding="utf-8")
    tokenizer = BertTokenizerFast(vocab_file=str(folder / "vocab.txt"))
    config = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=512)
    transformer_dir = folder / "bert"
    BertModel(config).save_pretrained(transformer_dir)
    tokenizer.save_pretrained(transformer_dir)
    from sentence_transformers import models  # the 3.x–6.x location of the module classes

    word = models.Transformer(str(transformer_dir), max_seq_length=256)
    model = st.SentenceTransformer(modules=[word, models.Pooling(32, pooling_mode="mean")], device="cpu")
    model.save(str(folder / "st"))
    return folder / "st"


def test_a_local_model_folder_indexes_and_searches(tiny_model, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    embedder = load_embedder(str(tiny_model))
    assert isinstance(embedder, SentenceTransformerEmbedder) and embedder.dim == 32
    report = index_paths([SEEDS / "002_526086e3bef35acb.txt"], tmp_path / "idx", embedder)
    assert report.count("added") == 1
    manifest = json.loads((tmp_path / "idx" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["embedding_model"] == str(tiny_model.resolve()) and manifest["dim"] == 32
    engine = PolicyQA(tmp_path / "idx")  # reopens the same model from the manifest
    assert engine.embedder.dim == 32
    answer = engine.ask("天门入库科技型中小企业多少家")
    assert answer.answer == "353家" and "入库科技型中小企业353家" in answer.quote


def test_an_index_of_one_model_refuses_another(tiny_model, tmp_path):
    index_paths([SEEDS / "002_526086e3bef35acb.txt"], tmp_path / "idx", load_embedder(str(tiny_model)))
    with pytest.raises(IndexMismatch, match="re-index"):
        index_paths([SEEDS], tmp_path / "idx", load_embedder(None, purpose="query"))


def test_a_model_that_is_not_there_is_a_clear_error_not_a_download(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(PolicyQAError, match="cannot load embedding model"):
        load_embedder(str(tmp_path / "no-such-model"))
