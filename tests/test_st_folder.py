"""Running a sentence-transformers folder on plain torch: the same vectors as the library, or a clear refusal."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from index.st_folder import UnsupportedFolder, read_config

TEXTS = ["咸宁市2016年新增高新技术企业61家", "天门入库科技型中小企业353家", "科技", "商丘市实施春晓行动，引进人才团队"]


def _write(folder: Path, name: str, data) -> None:
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture
def folder_files(tmp_path) -> Path:
    """The JSON files of a BERT → mean pooling → normalize folder (no weights: enough for `read_config`)."""
    _write(tmp_path, "modules.json", [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}])
    _write(tmp_path, "config.json", {"model_type": "bert", "hidden_size": 8, "num_hidden_layers": 1,
                                     "num_attention_heads": 2, "layer_norm_eps": 1e-12, "pad_token_id": 1,
                                     "max_position_embeddings": 512, "hidden_act": "gelu"})
    _write(tmp_path, "1_Pooling/config.json", {"word_embedding_dimension": 8, "pooling_mode_mean_tokens": True,
                                               "pooling_mode_cls_token": False, "include_prompt": True})
    _write(tmp_path, "sentence_bert_config.json", {"max_seq_length": 256, "do_lower_case": False})
    _write(tmp_path, "config_sentence_transformers.json", {"prompts": {"query": "query: ", "passage": "passage: "}})
    return tmp_path


def test_read_config_of_a_supported_folder(folder_files):
    config = read_config(folder_files)
    assert (config.hidden, config.layers, config.heads, config.pad_id) == (8, 1, 2, 1)
    assert config.max_seq_length == 256 and config.prompts == {"query": "query: ", "passage": "passage: "}


def test_read_config_of_the_sentence_transformers_6_layout(folder_files):
    # version 6 names the pooling mode in one key and leaves the length to the model's positions
    _write(folder_files, "1_Pooling/config.json", {"embedding_dimension": 8, "pooling_mode": "mean",
                                                   "include_prompt": True})
    _write(folder_files, "sentence_bert_config.json", {"transformer_task": "feature-extraction"})
    config = read_config(folder_files)
    assert config.max_seq_length == 512 and config.hidden == 8


@pytest.mark.parametrize("name, change, reason", [
    ("config.json", {"model_type": "xlm-roberta"}, "only BERT"),
    ("config.json", {"position_embedding_type": "relative_key"}, "only BERT with absolute positions"),
    ("config.json", {"hidden_act": "gelu_new"}, "only exact gelu"),
    ("1_Pooling/config.json", {"pooling_mode_mean_tokens": False, "pooling_mode_cls_token": True}, "mean pooling"),
    ("1_Pooling/config.json", {"include_prompt": False}, "mean pooling over all tokens"),
    ("sentence_bert_config.json", {"do_lower_case": True}, "do_lower_case"),
])
def test_other_folders_are_refused_with_the_reason(folder_files, name, change, reason):
    data = json.loads((folder_files / name).read_text(encoding="utf-8"))
    _write(folder_files, name, {**data, **change})
    with pytest.raises(UnsupportedFolder, match=reason):
        read_config(folder_files)


def test_a_folder_without_normalize_is_refused(folder_files):
    modules = json.loads((folder_files / "modules.json").read_text(encoding="utf-8"))[:2]
    _write(folder_files, "modules.json", modules)
    with pytest.raises(UnsupportedFolder, match="Transformer → Pooling → Normalize"):
        read_config(folder_files)


def test_a_missing_file_names_the_file(folder_files):
    (folder_files / "config.json").unlink()
    with pytest.raises(UnsupportedFolder, match=r"config\.json: cannot read it"):
        read_config(folder_files)


# --- against the sentence-transformers library ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def tiny_st(tmp_path_factory):
    """A random 2-layer BERT saved by sentence-transformers itself, with mean pooling and Normalize."""
    st = pytest.importorskip("sentence_transformers", reason="needs torch + sentence-transformers",
                             exc_type=ImportError)
    from sentence_transformers import models
    from transformers import BertConfig, BertModel, BertTokenizerFast

    folder = tmp_path_factory.mktemp("tiny-bert")
    chars = sorted({ch for text in TEXTS for ch in text})
    (folder / "vocab.txt").write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *chars]),
                                      encoding="utf-8")
    config = BertConfig(vocab_size=5 + len(chars), hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                        intermediate_size=64, max_position_embeddings=64, pad_token_id=0)
    BertModel(config).save_pretrained(folder / "bert")
    BertTokenizerFast(vocab_file=str(folder / "vocab.txt")).save_pretrained(folder / "bert")
    word = models.Transformer(str(folder / "bert"), max_seq_length=64)
    model = st.SentenceTransformer(modules=[word, models.Pooling(32, pooling_mode="mean"), models.Normalize()],
                                   device="cpu")
    model.save(str(folder / "st"))
    return model, folder / "st"


def test_vectors_equal_the_librarys(tiny_st):
    torch = pytest.importorskip("torch")
    from index.st_folder import SentenceTransformerFolder

    library, folder = tiny_st
    expected = library.encode(TEXTS, convert_to_numpy=True)
    ids = library.tokenizer(TEXTS)["input_ids"]
    ours = SentenceTransformerFolder(folder, dtype=torch.float32)
    # one batch (the shorter texts padded) and one text at a time give the same vectors
    np.testing.assert_allclose(ours.encode(ids), expected, atol=1e-5)
    np.testing.assert_allclose(np.vstack([ours.encode([seq]) for seq in ids]), expected, atol=1e-5)


def test_weights_prefixed_with_bert_load_too(tiny_st, tmp_path):
    torch = pytest.importorskip("torch")
    from safetensors.torch import load_file, save_file

    from index.st_folder import SentenceTransformerFolder

    library, folder = tiny_st
    copy = tmp_path / "prefixed"
    shutil.copytree(folder, copy)
    weights = load_file(str(copy / "model.safetensors"))
    save_file({f"bert.{k}": v for k, v in weights.items()}, str(copy / "model.safetensors"))
    ids = library.tokenizer(TEXTS[:1])["input_ids"]
    np.testing.assert_allclose(SentenceTransformerFolder(copy, dtype=torch.float32).encode(ids),
                               library.encode(TEXTS[:1]), atol=1e-5)
