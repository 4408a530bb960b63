"""What every command shares: the index, filter and language options, opening the index, one-line errors."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from policyqa.index import paths

from .cli_text import LANGS, REPORT_TYPES, BilingualChoice, words

EXIT_PARTIAL = 2  # `index`: some files failed, the rest were indexed
EXIT_ERROR = 1
EXIT_USAGE = 2  # what click uses for a bad option


def index_option(f):
    return click.option("--index", "index_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                        help="Index folder (default: a cache folder, built from the bundled seeds on first use).")(f)


def filter_options(f):
    f = click.option("--city", multiple=True, help="Only reports from this city (repeatable).")(f)
    f = click.option("--year", type=int, multiple=True, help="Only reports covering this year (repeatable).")(f)
    f = click.option("--type", "types", multiple=True, type=BilingualChoice(REPORT_TYPES),
                     help="Only reports of this type, in Chinese or English (repeatable).")(f)
    return f


def lang_option(f):
    return click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True,
                        help="Language of the labels and messages (the reports' own text is printed as written).")(f)


def fail(message: str, lang: str, code: int = EXIT_USAGE) -> None:
    """A one-line error in the output's language, without click's English frame around it."""
    click.echo(f"policyqa: {'错误' if lang == 'zh' else 'error'}{words(lang)['colon']}{message}", err=True)
    sys.exit(code)


def open_qa(index_dir: Path | None, quiet: bool = False, retriever: str = "hybrid"):
    """The index a command works on; the default one is built from the bundled seeds the first time, with
    its progress on stderr."""
    from policyqa.qa import PolicyQA

    progress = None  # progress bars (tqdm, and the write side they report on) load only for a first build
    if index_dir is None and not (paths.default_index_dir() / "manifest.json").exists():
        from .progress import TqdmProgress

        click.echo(f"首次使用：正在用内置示例报告建立索引 {paths.default_index_dir()} …", err=True)
        progress = TqdmProgress(not quiet)
    return PolicyQA.open(index_dir, retriever=retriever, progress=progress)


def is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
