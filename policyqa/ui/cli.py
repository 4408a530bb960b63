"""The `policyqa` command line: a thin layer that turns arguments into library calls and errors into
one-line messages with non-zero exit codes."""
from __future__ import annotations

import atexit
import gc
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path

import click

from policyqa.index.errors import PolicyQAError
from policyqa.index import paths
from policyqa.index.chunk import DEFAULT_MAX_CHARS
from policyqa.index.limits import DEFAULT_LIMITS, UPLOAD_MB

EXIT_PARTIAL = 2  # `index`: some files failed, the rest were indexed
EXIT_ERROR = 1

# At exit, Python's last garbage collection walks every object a question loaded (gazetteer, jieba's entries,
# the model's tables): ~0.13 s of a one-question process's ~0.2 s shutdown. Nothing is left to clean up by
# then (files written are closed and synced), so the objects are frozen out of that pass; memory goes back to
# the system with the process. Runs last among exit handlers, after those registered later.
atexit.register(gc.freeze)


def _index_option(f):
    return click.option("--index", "index_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                        help="Index folder (default: a cache folder, built from the bundled seeds on first use).")(f)


def _filter_options(f):
    f = click.option("--city", multiple=True, help="Only reports from this city (repeatable).")(f)
    f = click.option("--year", type=int, multiple=True, help="Only reports covering this year (repeatable).")(f)
    f = click.option("--type", "types", multiple=True, type=click.Choice(["总结", "计划", "进展报告", "新闻"]),
                     help="Only reports of this type (repeatable).")(f)
    return f


class PolicyQACommand(click.Group):
    """Turns library errors into one line on stderr instead of a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except PolicyQAError as exc:
            click.echo(f"policyqa: error: {exc}", err=True)
            sys.exit(EXIT_ERROR)
        except KeyboardInterrupt:
            click.echo("policyqa: interrupted", err=True)
            sys.exit(130)


@click.group(cls=PolicyQACommand, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="policyqa")
def main() -> None:
    """Semantic search and cited answers over Chinese policy reports.

    \b
    policyqa index seeds/ my_reports/        add or update documents
    policyqa ask "咸宁2016年新增几家高企"      a short answer, its sentence and source
    policyqa search "离岸科创中心" -k 10       ranked passages with source lines
    policyqa ui                              the web app
    """


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


@main.command("index")
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path), metavar="PATHS...")
@_index_option
@click.option("--prune", is_flag=True, help="Remove documents whose files no longer exist.")
@click.option("--model", default=None, help="Embedding model: a local sentence-transformers folder or hub name "
              "already cached (default: the bundled multilingual-e5-small).")
@click.option("--chunk-size", type=click.IntRange(100, 4000), default=None,
              help=f"Maximum characters per passage (default {DEFAULT_MAX_CHARS}; changing it re-chunks every "
              "document).")
@click.option("--repair", is_flag=True, help="Rebuild a damaged index (the one a command named) from its database: "
              "vectors, BM25 and manifest; no PATHS.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars.")
def index_cmd(inputs, index_dir, prune, model, chunk_size, repair, quiet):
    """Add or update documents (.txt .pdf .html .docx, or folders of them); --repair a damaged index."""
    from policyqa.qa import PolicyQA

    from .progress import TqdmProgress

    if repair:
        if inputs:
            raise click.UsageError("--repair rebuilds the index as it is: give no PATHS (index them afterwards)")
        report = PolicyQA.repair(index_dir, progress=TqdmProgress(not quiet))
        click.echo(report.summary())
        return
    if not inputs:
        raise click.UsageError("give the files or folders to index (or --repair)")
    report = PolicyQA.index(inputs, index_dir, model=model, prune=prune, max_chars=chunk_size,
                            progress=TqdmProgress(not quiet))
    for r in report.results:
        if r.status in ("failed", "duplicate"):
            click.echo(f"{r.status}: {r.path}: {r.reason}", err=True)
    click.echo(report.summary())
    if report.failed:
        sys.exit(EXIT_PARTIAL)


@main.command()
@click.argument("question", required=False)
@_index_option
@_filter_options
@click.option("-k", default=5, show_default=True, type=click.IntRange(1, 100), help="Passages to cite.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--jsonl", "jsonl", type=click.File("rb"), default=None,
              help="Read questions one per line (UTF-8) from a file ('-' for stdin); print one JSON object per line.")
def ask(question, index_dir, city, year, types, k, as_json, jsonl):
    """Answer a question with the sentence it comes from and its source."""
    if not question and jsonl is None:
        raise click.UsageError("give a QUESTION, or --jsonl FILE")
    from policyqa.search.records import Filters

    qa = open_qa(index_dir, quiet=True)
    filters = Filters.of(city, year, types)
    if jsonl is not None:
        for number, raw in enumerate(jsonl, 1):
            try:
                line = raw.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError as exc:
                # One bad line costs that line only; its output line keeps the others in step with the input.
                reason = f"line {number} is not UTF-8 (byte {exc.object[exc.start]:#04x} at column {exc.start + 1})"
                click.echo(f"policyqa: skipped {reason}", err=True)
                click.echo(json.dumps({"question": raw.decode("utf-8", errors="replace").rstrip("\r\n"),
                                       "answer": None, "citations": [], "error": reason}, ensure_ascii=False))
                continue
            click.echo(json.dumps(qa.ask(line, k=k, filters=filters).to_json(), ensure_ascii=False))
        return
    answer = qa.ask(question, k=k, filters=filters)
    if as_json:
        click.echo(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
        return
    _print_answer(answer)


def _print_answer(answer) -> None:
    if answer.answer:
        click.secho(answer.answer, bold=True)
        click.echo(f"「{answer.quote}」")
        click.echo(f"—— {answer.citations[0].source_line()}  [{answer.citations[0].doc}]")
    else:
        click.secho("未找到答案 (no answer in the corpus)", bold=True)
        if answer.note:
            click.echo(answer.note)
    if answer.citations:
        click.echo("\n相关段落 passages:")
        _print_citations(answer.citations)


def _print_citations(citations) -> None:
    for i, c in enumerate(citations, 1):
        click.echo(f"\n[{i}] {c.source_line()}  ({c.doc}, score {c.score:.4f})")
        click.echo("    " + c.text.replace("\n", "\n    "))


@main.command()
@click.argument("query")
@_index_option
@_filter_options
@click.option("-k", default=10, show_default=True, type=click.IntRange(1, 200))
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines, one passage per line.")
def search(query, index_dir, city, year, types, k, as_json):
    """Ranked passages for a query, with their source lines."""
    from policyqa.search.records import Filters

    qa = open_qa(index_dir, quiet=True)
    results = qa.search(query, k=k, filters=Filters.of(city, year, types))
    if as_json:
        for c in results:
            click.echo(json.dumps(asdict(c), ensure_ascii=False))
        return
    if not results:
        click.echo("没有找到相关段落 (no passages found)")
    _print_citations(results)


@main.command()
@_index_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per document.")
def docs(index_dir, as_json):
    """Indexed documents with their parsed metadata."""
    qa = open_qa(index_dir, quiet=True)
    for d in qa.documents():
        row = {"doc": d.name, "title": d.title, "issuer": d.issuer, "city": d.city, "date": d.date,
               "year": d.year, "doc_number": d.doc_number, "index_number": d.index_number, "type": d.type}
        if as_json:
            click.echo(json.dumps(row, ensure_ascii=False))
        else:
            click.echo(" · ".join(str(v) for v in row.values() if v is not None))


@main.command()
@_index_option
@click.option("--indicator", default=None, help="Normalised indicator name (see `policyqa facts` for the list).")
@click.option("--city", default=None)
@click.option("--year", type=int, default=None)
@click.option("--kind", type=click.Choice(["achieved", "target", "cumulative", "growth"]), default=None)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per row.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV with a header row.")
def facts(index_dir, indicator, city, year, kind, as_json, as_csv):
    """The indicator table: figures extracted from every report, each with its sentence."""
    import csv

    from policyqa.index.facts import format_value
    from policyqa.search.compare import KIND_LABELS, fact_row

    qa = open_qa(index_dir, quiet=True)
    if indicator is not None:
        indicator = _known_indicator(qa, indicator)
    found = qa.facts(indicator=indicator, city=city, year=year, kind=kind)
    rows = [fact_row(f) for f, _ in found]
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif as_csv:
        fields = ["city", "year", "indicator", "original", "value", "unit", "kind", "doc", "sentence"]
        writer = csv.DictWriter(click.get_text_stream("stdout"), fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        for f, _ in found:
            click.echo(f"{f.city or '?'} {f.year or '?'} {f.indicator}: {format_value(f)} "
                       f"({KIND_LABELS.get(f.kind, f.kind)})  「{f.sentence}」 [{f.doc}]")
        if not rows:
            click.echo("没有符合条件的指标 (no matching figures)")


def _known_indicator(qa, name):
    found = qa.indicator(name)
    if found is None:
        known = "、".join(qa.indicators[:30])
        raise click.UsageError(f"unknown indicator '{name}'. Indexed indicators: {known}")
    return found


@main.command()
@click.argument("indicator")
@_index_option
@click.option("--json", "as_json", is_flag=True, help="The matrix as one JSON object.")
def compare(indicator, index_dir, as_json):
    """A city × year matrix of one indicator, every cell with its value, kind and citation."""
    from policyqa.index.facts import format_value
    from policyqa.search.compare import KIND_LABELS

    qa = open_qa(index_dir, quiet=True)
    table = qa.compare(_known_indicator(qa, indicator))
    if as_json:
        click.echo(json.dumps(table.to_json(), ensure_ascii=False, indent=2))
        return
    notes: list[str] = []
    width = max([len(str(y)) for y in table.years] + [4])
    click.secho(f"{table.indicator}", bold=True)
    click.echo("城市".ljust(6) + "".join(str(y).rjust(width + 18) for y in table.years))
    for city in table.cities:
        line = city.ljust(6)
        for year in table.years:
            cell = table.cells.get((city, year))
            text = ""
            if cell:
                parts = []
                for fact in cell.facts:
                    notes.append(f"[{len(notes) + 1}] {city} {year} {format_value(fact)} "
                                 f"({KIND_LABELS.get(fact.kind, fact.kind)}): 「{fact.sentence}」 — {fact.doc}")
                    parts.append(f"{format_value(fact)}({KIND_LABELS.get(fact.kind, fact.kind)})[{len(notes)}]")
                text = " ".join(parts)
            line += text.rjust(width + 18)
        click.echo(line)
    click.echo("")
    for note in notes:
        click.echo(note)


@main.command()
@click.argument("text")
@_index_option
@click.option("--exclude-city", default=None, help="Leave out this city (e.g. the passage's own).")
@click.option("-n", "per_city", default=3, show_default=True, type=click.IntRange(1, 20), help="Passages per city.")
@click.option("--json", "as_json", is_flag=True)
def similar(text, index_dir, exclude_city, per_city, as_json):
    """Passages from other cities describing the same kind of measure, grouped by city."""
    qa = open_qa(index_dir, quiet=True)
    groups = qa.similar(text, exclude_city=exclude_city, per_city=per_city)
    if as_json:
        for g in groups:
            click.echo(json.dumps({"city": g.city, "citations": [asdict(c) for c in g.citations]}, ensure_ascii=False))
        return
    for g in groups:
        click.secho(f"\n== {g.city} ==", bold=True)
        _print_citations(g.citations)


@main.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_index_option
@click.option("-v", "--verbose", is_flag=True, help="One line per question.")
@click.option("--retriever", type=click.Choice(["hybrid", "bm25", "dense"]), default="hybrid", show_default=True,
              help="Measure one retriever alone, to see what fusion adds.")
def eval_cmd(gold, index_dir, verbose, retriever):
    """hit@1, hit@5, MRR, cross-city coverage, answer accuracy and abstention on a gold file."""
    from policyqa.search.evaluate import load_gold, score

    qa = open_qa(index_dir, quiet=True, retriever=retriever)
    questions = load_gold(gold)
    answers = [qa.ask(q["question"], k=10) for q in questions]
    retrieved = [[(c.doc, c.text) for c in a.passages] for a in answers]
    metrics = score(questions, answers, retrieved)
    if verbose:
        for row in metrics.rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    click.echo(" ".join(f"{k}={v}" for k, v in metrics.summary().items()))


@main.command(context_settings={"ignore_unknown_options": True, "help_option_names": []})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def bench(args):
    """Speed and memory benchmark that prints ratios (same as `python -m policyqa.bench`; try `policyqa bench --help`)."""
    from policyqa.bench.run import main as run_bench

    sys.exit(run_bench(list(args)))


@main.command()
@_index_option
@click.option("--port", type=click.IntRange(1, 65535), default=8501, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. The app has no login: 0.0.0.0 lets anyone who can reach this machine read "
              "every indexed document and add files.")
@click.option("--max-upload-mb", type=click.IntRange(1, DEFAULT_LIMITS.file_mb), default=UPLOAD_MB, show_default=True,
              help="Largest upload the server accepts; larger requests are refused before they are read.")
def ui(index_dir, port, host, max_upload_mb):
    """Open the web app on an index (the default index unless --index)."""
    from policyqa.qa import default_index

    from .progress import TqdmProgress

    root = index_dir if index_dir is not None else default_index(TqdmProgress(True))
    if not _is_loopback(host):
        click.echo(f"policyqa: warning: the app listens on {host}:{port} without a login — anyone who can reach it "
                   "can read every indexed document and add files. Put it behind an authenticating proxy, "
                   "or use --host 127.0.0.1.", err=True)
    click.echo(f"policyqa app: http://{'localhost' if _is_loopback(host) else host}:{port}  (index {root})", err=True)
    # become streamlit: stopping `policyqa ui` stops the server and frees the port
    os.execv(sys.executable, streamlit_command(root, host, port, max_upload_mb))


def streamlit_command(root: Path, host: str, port: int, max_upload_mb: int) -> list[str]:
    """The server enforces the upload limit itself: the page's own check only guides the browser."""
    app = Path(__file__).with_name("app.py")
    return [sys.executable, "-m", "streamlit", "run", str(app), "--server.address", host, "--server.port", str(port),
            "--server.maxUploadSize", str(max_upload_mb), "--server.headless", "true",
            "--browser.gatherUsageStats", "false", "--", "--index", str(root)]


def _is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


if __name__ == "__main__":
    main()
