"""A sentence-transformers folder of the BERT → mean pooling → normalize kind, run on plain torch.

Why not `SentenceTransformer(folder)`: importing sentence-transformers (and with it transformers, scikit-learn and
scipy) takes ~9 s on a 2-core machine, more than embedding all five seed reports. The three modules such a folder
declares are ~60 lines of torch, so this reads the same files (`modules.json`, `config.json`,
`model.safetensors`, `1_Pooling/config.json`, `sentence_bert_config.json`) and computes the same vectors
(against the library: `tests/test_st_folder.py` on a small random BERT, `tests/test_e5_convert.py` on the seeds,
cosine ≥ 0.9999) after importing only torch, safetensors and tokenizers. Any other kind of folder is refused
with the reason.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import PolicyQAError

MODULES = ("Transformer", "Pooling", "Normalize")  # class names; their import path moved between versions


class UnsupportedFolder(PolicyQAError):
    """The folder is not a BERT encoder with mean pooling and normalisation."""


@dataclass(frozen=True)
class FolderConfig:
    hidden: int
    layers: int
    heads: int
    eps: float
    pad_id: int
    max_seq_length: int
    prompts: dict[str, str]


def _json(path: Path, kind: type = dict) -> dict | list:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UnsupportedFolder(f"{path}: cannot read it ({exc})") from None
    if not isinstance(data, kind):
        raise UnsupportedFolder(f"{path}: expected a JSON {kind.__name__}")
    return data


def _pooling_modes(pooling: dict) -> set[str]:
    # sentence-transformers ≥ 6 writes "pooling_mode": "mean" (or a list); earlier versions one flag per mode
    if "pooling_mode" in pooling:
        mode = pooling["pooling_mode"]
        return {str(m) for m in mode} if isinstance(mode, list) else {str(mode)}
    return {k.removeprefix("pooling_mode_").removesuffix("_tokens")
            for k, v in pooling.items() if k.startswith("pooling_mode_") and v}


def read_config(folder: Path) -> FolderConfig:
    """The folder's settings, after checking that it declares exactly what `SentenceTransformerFolder` runs."""
    modules_file = folder / "modules.json"
    modules = _json(modules_file, list)
    types = tuple(str(m.get("type", "")).rsplit(".", 1)[-1] if isinstance(m, dict) else "?" for m in modules)
    if types != MODULES:
        raise UnsupportedFolder(f"{modules_file}: modules {list(types)}; only Transformer → Pooling → Normalize "
                                "runs here")
    if modules[0].get("path", ""):
        raise UnsupportedFolder(f"{modules_file}: the Transformer lives in {modules[0]['path']}/; only folders "
                                "with the model at the top run here")
    bert_file = folder / "config.json"
    bert = _json(bert_file)
    if bert.get("model_type") != "bert":
        raise UnsupportedFolder(f"{bert_file}: model_type {bert.get('model_type')!r}; only BERT runs here")
    if bert.get("position_embedding_type", "absolute") != "absolute":
        raise UnsupportedFolder(f"{bert_file}: position_embedding_type {bert['position_embedding_type']!r}; only "
                                "absolute positions run here")
    if bert.get("hidden_act", "gelu") != "gelu":
        raise UnsupportedFolder(f"{bert_file}: hidden_act {bert.get('hidden_act')!r}; only exact gelu runs here")
    if bert.get("is_decoder") or bert.get("add_cross_attention"):
        raise UnsupportedFolder(f"{bert_file}: a decoder; only encoders run here")
    # transformers' BertConfig defaults stand in for keys a config leaves out
    hidden, heads = int(bert.get("hidden_size", 768)), int(bert.get("num_attention_heads", 12))
    if hidden % heads:
        raise UnsupportedFolder(f"{bert_file}: hidden_size {hidden} is not a multiple of {heads} heads")
    pooling_file = folder / str(modules[1].get("path", "1_Pooling")) / "config.json"
    pooling = _json(pooling_file)
    modes = _pooling_modes(pooling)
    if modes != {"mean"} or not pooling.get("include_prompt", True):
        raise UnsupportedFolder(f"{pooling_file}: pooling {sorted(modes)}, include_prompt "
                                f"{pooling.get('include_prompt', True)}; only mean pooling over all tokens runs here")
    st_file = folder / "sentence_bert_config.json"
    st_config = _json(st_file)
    if st_config.get("do_lower_case") or st_config.get("processing_kwargs"):
        raise UnsupportedFolder(f"{st_file}: lower-casing or processing options are not supported here")
    if st_config.get("modality_config", {}).get("text", {}).get("method_output_name", "last_hidden_state") \
            != "last_hidden_state":
        raise UnsupportedFolder(f"{st_file}: only the last hidden state is pooled here")
    prompts_file = folder / "config_sentence_transformers.json"
    prompts = _json(prompts_file).get("prompts", {}) if prompts_file.exists() else {}
    # sentence-transformers ≥ 6 keeps the length limit in the tokenizer's config, earlier versions in its own
    tokenizer_file = folder / "tokenizer_config.json"
    tokenizer = _json(tokenizer_file) if tokenizer_file.exists() else {}
    positions = int(bert.get("max_position_embeddings", 512))
    max_len = min(int(st_config.get("max_seq_length") or tokenizer.get("model_max_length") or positions), positions)
    return FolderConfig(hidden=hidden, layers=int(bert.get("num_hidden_layers", 12)), heads=heads,
                        eps=float(bert.get("layer_norm_eps", 1e-12)), pad_id=int(bert.get("pad_token_id") or 0),
                        max_seq_length=max_len, prompts=dict(prompts))


class SentenceTransformerFolder:
    """The folder's model, loaded into torch tensors: `encode(token_ids)` → L2-normalised mean-pooled vectors."""

    def __init__(self, folder: Path, dtype=None) -> None:
        """`dtype`: the encoder's torch dtype (float32 by default). Embedding tables stay float32: a lookup
        costs nothing, and the embeddings' layer normalisation then runs at full precision."""
        import torch
        from safetensors.torch import load_file

        folder = Path(folder)
        self.config = read_config(folder)
        self._torch = torch
        self.dtype = dtype or torch.float32
        weights_file = folder / "model.safetensors"
        try:
            weights = load_file(str(weights_file))
            emb = "embeddings."
            self._word = weights[emb + "word_embeddings.weight"].float()
            self._position = weights[emb + "position_embeddings.weight"].float()
            self._token_type = weights[emb + "token_type_embeddings.weight"][0].float()
            self._emb_norm = (weights[emb + "LayerNorm.weight"].float(), weights[emb + "LayerNorm.bias"].float())
            self._layers = [self._layer(weights, f"encoder.layer.{i}.") for i in range(self.config.layers)]
        except KeyError as exc:
            raise UnsupportedFolder(f"{weights_file}: no tensor {exc}; not a BertModel's weights") from None
        except Exception as exc:  # missing, truncated, or not safetensors at all: the library's errors vary
            raise UnsupportedFolder(f"{weights_file}: cannot load it ({exc})") from None
        self.dim = self.config.hidden

    def _layer(self, weights: dict, prefix: str) -> dict:
        def pair(name: str):
            return (weights[f"{prefix}{name}.weight"].to(self.dtype), weights[f"{prefix}{name}.bias"].to(self.dtype))

        # query, key and value as one matrix: one matmul instead of three
        qkv = [pair(f"attention.self.{part}") for part in ("query", "key", "value")]
        return {
            "qkv": (self._torch.cat([w for w, _ in qkv]), self._torch.cat([b for _, b in qkv])),
            "attn_out": pair("attention.output.dense"), "attn_norm": pair("attention.output.LayerNorm"),
            "ffn_in": pair("intermediate.dense"), "ffn_out": pair("output.dense"),
            "ffn_norm": pair("output.LayerNorm"),
        }

    def encode(self, token_ids: Sequence[Sequence[int]]) -> np.ndarray:
        """One batch of token-id lists (prompt and special tokens included, at most max_seq_length each)."""
        if not token_ids:
            return np.empty((0, self.dim), dtype=np.float32)
        if not all(0 < len(seq) <= self.config.max_seq_length for seq in token_ids):
            raise ValueError(f"each token list must hold 1 to {self.config.max_seq_length} ids")
        torch = self._torch
        F = torch.nn.functional
        n, longest = len(token_ids), max(map(len, token_ids))
        ids = torch.full((n, longest), self.config.pad_id, dtype=torch.long)
        mask = torch.zeros((n, longest), dtype=torch.bool)
        for row, seq in enumerate(token_ids):
            ids[row, :len(seq)] = torch.as_tensor(seq, dtype=torch.long)
            mask[row, :len(seq)] = True
        d, heads, eps = self.config.hidden, self.config.heads, self.config.eps
        with torch.inference_mode():
            x = self._word[ids] + self._position[:longest] + self._token_type
            x = F.layer_norm(x, (d,), *self._emb_norm, eps).to(self.dtype)
            # padding never attends or is attended to: -inf on its keys
            attn_mask = torch.zeros((n, 1, 1, longest), dtype=self.dtype).masked_fill(~mask[:, None, None, :],
                                                                                    float("-inf"))
            for layer in self._layers:
                q, k, v = (t.view(n, longest, heads, d // heads).transpose(1, 2)
                           for t in F.linear(x, *layer["qkv"]).split(d, dim=-1))
                attended = F.scaled_dot_product_attention(q, k, v, attn_mask=attn_mask)
                attended = F.linear(attended.transpose(1, 2).reshape(n, longest, d), *layer["attn_out"])
                x = F.layer_norm(attended + x, (d,), *layer["attn_norm"], eps)
                hidden = F.gelu(F.linear(x, *layer["ffn_in"]))
                x = F.layer_norm(F.linear(hidden, *layer["ffn_out"]) + x, (d,), *layer["ffn_norm"], eps)
            weights = mask.unsqueeze(-1).float()
            pooled = (x.float() * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1.0)
            # normalised in float32: in bfloat16 norms come out ~2e-3 off
            return F.normalize(pooled, dim=-1).numpy()
