"""Running a sentence-transformers folder on plain torch: the same vectors as the library, or a clear refusal."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from policyqa.index.st_folder import UnsupportedFolder, read_config

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
    # version 6 names the pooling mode in one key and keeps the length limit in the tokenizer's config
    _write(folder_files, "1_Pooling/config.json", {"embedding_dimension": 8, "pooling_mode": "mean",
                                                   "include_prompt": True})
    _write(folder_files, "sentence_bert_config.json", {"transformer_task": "feature-extraction"})
    assert read_config(folder_files).max_seq_length == 512  # no limit anywhere: the model's positions
    _write(folder_files, "tokenizer_config.json", {"model_max_length": 256})
    config = read_config(folder_files)
    assert config.max_seq_length == 256 and config.hidden == 8


@pytest.mark.parametrize("name, change, reason", [
    ("config.json", {"model_type": "xlm-roberta"}, "only BERT"),
    ("config.json", {"position_embedding_type": "relative_key"}, "only absolute positions"),
    ("config.json", {"is_decoder": True}, "only encoders"),
    ("config.json", {"hidden_size": 10, "num_attention_heads": 4}, "not a multiple"),
    ("config.json", {"hidden_act": "gelu_new"}, "only exact gelu"),
    ("1_Pooling/config.json", {"pooling_mode_mean_tokens": False, "pooling_mode_cls_token": True}, "mean pooling"),
    ("1_Pooling/config.json", {"include_prompt": False}, "mean pooling over all tokens"),
    ("sentence_bert_config.json", {"do_lower_case": True}, "lower-casing"),
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
    """A random 2-layer BERT saved by sentence-transformers itself, with mean pooling and Normalize.

    Large initial weights push activations out of GELU's linear part (a wrong GELU shows), and a length limit
    of 16 below the 64 positions (a wrongly read limit shows)."""
    st = pytest.importorskip("sentence_transformers", reason="needs torch + sentence-transformers",
                             exc_type=ImportError)
    try:  # their home since sentence-transformers 6; `sentence_transformers.models` before
        from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer
    except ImportError:
        from sentence_transformers.models import Normalize, Pooling, Transformer
    from transformers import BertConfig, BertModel, BertTokenizerFast

    folder = tmp_path_factory.mktemp("tiny-bert")
    chars = sorted({ch for text in TEXTS for ch in text})
    (folder / "vocab.txt").write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *chars]),
                                      encoding="utf-8")
    config = BertConfig(vocab_size=5 + len(chars), hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                        intermediate_size=64, max_position_embeddings=64, pad_token_id=0, initializer_range=1.0)
    BertModel(config).save_pretrained(folder / "bert")
    BertTokenizerFast(vocab_file=str(folder / "vocab.txt")).save_pretrained(folder / "bert")
    word = Transformer(str(folder / "bert"), max_seq_length=16)
    model = st.SentenceTransformer(modules=[word, Pooling(32, pooling_mode="mean"), Normalize()], device="cpu")
    model.save(str(folder / "st"))
    return model, folder / "st"


def test_vectors_equal_the_librarys(tiny_st):
    torch = pytest.importorskip("torch")
    from policyqa.index.st_folder import SentenceTransformerFolder

    library, folder = tiny_st
    ours = SentenceTransformerFolder(folder, dtype=torch.float32)
    assert ours.config.max_seq_length == library.max_seq_length == 16
    expected = library.encode(TEXTS, convert_to_numpy=True)
    ids = library.tokenizer(TEXTS, truncation=True, max_length=16)["input_ids"]  # the longest text is cut
    assert max(map(len, ids)) == 16
    # one batch (the shorter texts padded) and one text at a time give the same vectors
    np.testing.assert_allclose(ours.encode(ids), expected, atol=1e-5)
    np.testing.assert_allclose(np.vstack([ours.encode([seq]) for seq in ids]), expected, atol=1e-5)
    assert ours.encode([]).shape == (0, 32)
    with pytest.raises(ValueError, match="1 to 16 ids"):
        ours.encode([list(range(20))])


def test_damaged_weights_are_refused_naming_the_file(tiny_st, tmp_path):
    pytest.importorskip("torch")
    from policyqa.index.st_folder import SentenceTransformerFolder

    copy = tmp_path / "damaged"
    shutil.copytree(tiny_st[1], copy)
    weights = copy / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:100])  # as a download or copy cut short
    with pytest.raises(UnsupportedFolder, match=r"model\.safetensors: cannot load it"):
        SentenceTransformerFolder(copy)
    weights.unlink()
    with pytest.raises(UnsupportedFolder, match=r"model\.safetensors: cannot load it"):
        SentenceTransformerFolder(copy)
