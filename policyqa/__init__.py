"""policyqa: semantic search and cited question answering over Chinese policy reports.

    from policyqa import PolicyQA
    qa = PolicyQA.open()                 # the default index (built from the bundled seeds on first use)
    answer = qa.ask("咸宁2016年新增几家高企")

The package's folders follow the pipeline: index/ (ingest → clean → metadata → chunk → embed → store),
search/ (query → retrieve → answer), ui/ (command line, web app), bench/ (the benchmark).
"""
from __future__ import annotations

__all__ = ["PolicyQA"]


def __getattr__(name: str):
    # Imported on first use: `policyqa --help` should not pay for numpy, faiss and jieba.
    if name == "PolicyQA":
        from policyqa.qa import PolicyQA

        return PolicyQA
    raise AttributeError(f"module 'policyqa' has no attribute {name!r}")
