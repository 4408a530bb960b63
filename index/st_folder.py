"""A sentence-transformers folder of the BERT → mean pooling → normalize kind, run on plain torch.

Why not `SentenceTransformer(folder)`: importing sentence-transformers (and with it transformers, scikit-learn and
scipy) takes ~9 s on a 2-core machine, more than embedding all five seed reports. The three modules such a folder
declares are ~40 lines of torch, so this reads the same files (`modules.json`, `config.json`,
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


def _json(path: Path) -> dict | list:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UnsupportedFolder(f"{path}: cannot read it ({exc})") from None


def read_config(folder: Path) -> FolderConfig:
    """The folder's settings, after checking that it declares exactly what `SentenceTransformerFolder` runs."""
    modules = _json(folder / "modules.json")
    types = tuple(m.get("type", "").rsplit(".", 1)[-1] for m in modules)
    if types != MODULES:
        raise UnsupportedFolder(f"{folder}: modules {list(types)}; only Transformer → Pooling → Normalize runs here")
    bert = _json(folder / "config.json")
    if bert.get("model_type") != "bert" or bert.get("position_embedding_type", "absolute") != "absolute":
        raise UnsupportedFolder(f"{folder}: model_type {bert.get('model_type')!r}; only BERT with absolute "
                                "positions runs here")
    if bert.get("hidden_act", "gelu") != "gelu":
        raise UnsupportedFolder(f"{folder}: activation {bert.get('hidden_act')!r}; only exact gelu runs here")
    pooling = _json(folder / modules[1]["path"] / "config.json")
    # sentence-transformers ≥ 6 writes "pooling_mode": "mean"; earlier versions one flag per mode
    modes = ({pooling["pooling_mode"]} if "pooling_mode" in pooling else
             {k.removeprefix("pooling_mode_") for k, v in pooling.items() if k.startswith("pooling_mode_") and v})
    if modes not in ({"mean"}, {"mean_tokens"}) or not pooling.get("include_prompt", True):
        raise UnsupportedFolder(f"{folder}: pooling {pooling}; only mean pooling over all tokens runs here")
    st_config = _json(folder / "sentence_bert_config.json")
    if st_config.get("do_lower_case"):
        raise UnsupportedFolder(f"{folder}: do_lower_case is not supported here")
    prompts_file = folder / "config_sentence_transformers.json"
    prompts = _json(prompts_file).get("prompts", {}) if prompts_file.exists() else {}
    max_len = min(int(st_config.get("max_seq_length") or bert["max_position_embeddings"]),
                  int(bert["max_position_embeddings"]))
    return FolderConfig(hidden=bert["hidden_size"], layers=bert["num_hidden_layers"],
                        heads=bert["num_attention_heads"], eps=bert["layer_norm_eps"],
                        pad_id=bert.get("pad_token_id", 0), max_seq_length=max_len, prompts=dict(prompts))


class SentenceTransformerFolder:
    """The folder's model, loaded into torch tensors: `encode(token_ids)` → L2-normalised mean-pooled vectors."""

    def __init__(self, folder: Path, dtype=None) -> None:
        """`dtype`: the encoder's torch dtype (float32 by default). Embedding tables stay float32: a lookup
        costs nothing, and layer normalisation of the sum is then exact."""
        import torch
        from safetensors.torch import load_file

        self.folder = Path(folder)
        self.config = read_config(self.folder)
        self._torch = torch
        self.dtype = dtype or torch.float32
        weights = load_file(str(self.folder / "model.safetensors"))
        weights = {k.removeprefix("bert."): v for k, v in weights.items()}  # some BERT folders prefix their keys
        emb = "embeddings."
        self._word = weights[emb + "word_embeddings.weight"].float()
        self._position = weights[emb + "position_embeddings.weight"].float()
        self._token_type = weights[emb + "token_type_embeddings.weight"][0].float()
        self._emb_norm = (weights[emb + "LayerNorm.weight"].float(), weights[emb + "LayerNorm.bias"].float())
        self._layers = [self._layer(weights, f"encoder.layer.{i}.") for i in range(self.config.layers)]
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
