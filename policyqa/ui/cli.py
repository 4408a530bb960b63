"""The `policyqa` command line: a thin layer that turns arguments into library calls and errors into
one-line messages with non-zero exit codes."""
from __future__ import annotations

import atexit
import gc
import json
import os
import sys
from pathlib import Path

import click

from policyqa.index.errors import PolicyQAError
from policyqa.index.chunk import DEFAULT_MAX_CHARS
from policyqa.index.limits import DEFAULT_LIMITS, UPLOAD_MB

from .cli_common import EXIT_ERROR, EXIT_PARTIAL, fail as _fail, filter_options as _filter_options
from .cli_common import index_option as _index_option, is_loopback as _is_loopback, lang_option as _lang_option
from .cli_common import open_qa
from .cli_text import REPORT_TYPES, BilingualChoice, words

# At exit, Python's last garbage collection walks every object a question loaded (gazetteer, jieba's entries,
# the model's tables): ~0.13 s of a one-question process's ~0.2 s shutdown. Nothing is left to clean up by
# then (files written are closed and synced), so the objects are frozen out of that pass; memory goes back to
# the system with the process. Runs last among exit handlers, after those registered later.
atexit.register(gc.freeze)
_OWN_PROCESS = False  # set by `run`: this process is the `policyqa` program, not a caller of `main` (tests, scripts)


def run() -> None:
    """The `policyqa` program (console script, `python -m policyqa`): `main` in a process of its own, which an
    answered `ask` leaves without Python's teardown (`_leave`)."""
    global _OWN_PROCESS
    _OWN_PROCESS = True
    main()


def _leave() -> None:
    """Ends the process now, with exit status 0. Python's teardown after an answer frees one by one every object
    the question loaded (jieba's entries, the gazetteer, the model's session and its threads): 50–100 ms of a
    cold ask here, for memory the system takes back at once. Nothing is left to do: the output is flushed here,
    an export was written and closed, the index was only read."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return  # a closed or broken stream: leave the ordinary way, which reports it
    os._exit(0)


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
@click.option("--export", "export_to", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the answer (every answer with --jsonl) with its quote, source line and GB/T 7714 "
              "reference to a .docx, .xlsx or .csv file (format from the suffix).")
@_lang_option
def ask(question, index_dir, city, year, types, k, as_json, jsonl, export_to, lang):
    """Answer a question with the sentence it comes from and its source."""
    if not question and jsonl is None:
        raise click.UsageError("give a QUESTION, or --jsonl FILE")
    from policyqa.export import ExportError, format_for
    from policyqa.search.records import Filters

    from .cli_text import answer_lines
    from .jsonout import answer_json

    fmt = None
    if export_to is not None:
        try:
            fmt = format_for(str(export_to))  # checked before the question runs
        except ExportError as exc:
            _fail(str(exc), lang)
    qa = open_qa(index_dir, quiet=True)
    filters = Filters.of(city, year, types)
    answers = []
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
            answers.append(qa.ask(line, k=k, filters=filters))
            click.echo(json.dumps(answer_json(answers[-1]), ensure_ascii=False))
    else:
        answers.append(qa.ask(question, k=k, filters=filters))
        if as_json:
            click.echo(json.dumps(answer_json(answers[0]), ensure_ascii=False, indent=2))
        else:
            click.echo("\n".join(answer_lines(answers[0], lang)))
    if fmt is not None:
        _export_answers(answers, export_to, fmt, lang)
    if _OWN_PROCESS:
        _leave()


def _export_answers(answers, path: Path, fmt: str, lang: str) -> None:
    from policyqa.export import export, items_from_answer

    items = [item for answer in answers for item in items_from_answer(answer)]
    w = words(lang)
    if not items:
        _fail(w["no_export"].format(path=path), lang, EXIT_ERROR)
    try:
        path.write_bytes(export(items, fmt, lang=lang))
    except OSError as exc:
        _fail(f"{path}{w['colon']}{exc.strerror or exc}", lang, EXIT_ERROR)
    click.echo(w["exported"].format(n=len(items), path=path), err=True)


@main.command()
@click.argument("query")
@_index_option
@_filter_options
@click.option("-k", default=10, show_default=True, type=click.IntRange(1, 200))
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines, one passage per line.")
@_lang_option
def search(query, index_dir, city, year, types, k, as_json, lang):
    """Ranked passages for a query, with their source lines."""
    from policyqa.search.records import Filters

    from .cli_text import citation_lines
    from .jsonout import citation_json

    qa = open_qa(index_dir, quiet=True)
    results = qa.search(query, k=k, filters=Filters.of(city, year, types))
    if as_json:
        for c in results:
            click.echo(json.dumps(citation_json(c), ensure_ascii=False))
        return
    click.echo("\n".join(citation_lines(results, lang)) if results else words(lang)["no_passages"])


@main.group(invoke_without_command=True)
@_index_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per document.")
@click.pass_context
def docs(ctx, index_dir, as_json):
    """Indexed documents with their detected place, year, issuer, date and type, and where each was read.

    \b
    policyqa docs [--json]                             list them
    policyqa docs set DOC --place 咸宁市 --year 2019    correct a field (kept across re-indexing)
    policyqa docs set DOC --reset                      back to what was detected
    policyqa docs remove DOC...                        remove documents from the index
    """
    ctx.ensure_object(dict)["index_dir"] = index_dir
    if ctx.invoked_subcommand is not None:
        return
    from .docs_view import document_json, document_lines

    qa = open_qa(index_dir, quiet=True)
    for d in qa.documents():
        if as_json:
            click.echo(json.dumps(document_json(d), ensure_ascii=False))
        else:
            click.echo("\n".join(document_lines(d)))


@docs.command("set")
@click.argument("doc")
@_index_option
@click.option("--place", default=None, help="Province, city or county (咸宁市, 通山县, 湖北省), or 'unknown'.")
@click.option("--year", type=int, default=None, help="The year the report covers.")
@click.option("--issuer", default=None, help="The issuing body in full (咸宁市科学技术局).")
@click.option("--date", default=None, help="Publish date, YYYY-MM-DD.")
@click.option("--kind", "--type", "kind", type=BilingualChoice(REPORT_TYPES), default=None,
              help="Report type, in Chinese or English.")
@click.option("--title", default=None)
@click.option("--reset", is_flag=True, help="Drop this document's corrections (or only those of the fields given).")
@click.option("--json", "as_json", is_flag=True, help="Print the corrected document as JSON.")
@click.pass_context
def docs_set(ctx, doc, index_dir, place, year, issuer, date, kind, title, reset, as_json):
    """Correct a document's metadata (DOC: its file name or path)."""
    from .docs_view import document_json, document_lines

    qa = open_qa(index_dir or ctx.obj.get("index_dir"), quiet=True)
    fields = {"place": place, "year": year, "issuer": issuer, "date": date, "type": kind, "title": title}
    given = [k for k, v in fields.items() if v is not None]
    if reset:
        d = qa.uncorrect(doc, given or None)
    elif not given:
        raise click.UsageError("give a field to correct (--place, --year, --issuer, --date, --kind, --title) or --reset")
    else:
        d = qa.correct(doc, **fields)
    click.echo(json.dumps(document_json(d), ensure_ascii=False) if as_json else "\n".join(document_lines(d)))


@docs.command("remove")
@click.argument("names", nargs=-1, required=True, metavar="DOC...")
@_index_option
@click.pass_context
def docs_remove(ctx, names, index_dir):
    """Remove documents from the index (by file name or path)."""
    qa = open_qa(index_dir or ctx.obj.get("index_dir"), quiet=True)
    report = qa.remove(list(names))
    for r in report.results:
        if r.status == "failed":
            click.echo(f"{r.status}: {r.path}: {r.reason}", err=True)
    click.echo(report.summary())
    if report.failed:
        sys.exit(EXIT_PARTIAL)


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
    # A missing default index is built by the page itself, with its progress bar in the browser: the server
    # is up at once instead of refusing connections while the index builds.
    from policyqa.index.paths import default_index_dir

    shown = index_dir if index_dir is not None else default_index_dir()
    if not _is_loopback(host):
        click.echo(f"policyqa: warning: the app listens on {host}:{port} without a login — anyone who can reach it "
                   "can read every indexed document and add files. Put it behind an authenticating proxy, "
                   "or use --host 127.0.0.1.", err=True)
    click.echo(f"policyqa app: http://{'localhost' if _is_loopback(host) else host}:{port}  (index {shown})", err=True)
    # become streamlit: stopping `policyqa ui` stops the server and frees the port
    os.execv(sys.executable, streamlit_command(index_dir, host, port, max_upload_mb))


def streamlit_command(root: Path | None, host: str, port: int, max_upload_mb: int) -> list[str]:
    """The server enforces the upload limit itself: the page's own check only guides the browser. Without
    an index folder the page opens the default index, and builds it on first start with its progress shown."""
    app = Path(__file__).with_name("app.py")
    return [sys.executable, "-m", "streamlit", "run", str(app), "--server.address", host, "--server.port", str(port),
            "--server.maxUploadSize", str(max_upload_mb), "--server.headless", "true",
            # no watching of the package's sources for edits: a user's app never reloads on save
            "--server.fileWatcherType", "none",
            # no developer menu (Rerun, Clear cache …) from the first page on; the page sets it too
            "--client.toolbarMode", "minimal",
            "--browser.gatherUsageStats", "false", *(["--", "--index", str(root)] if root is not None else [])]


def _register() -> None:
    """Commands kept in their own modules (cli.py stays a readable size)."""
    from .cli_compare import compare, facts, similar
    from .cli_serve import serve

    for command in (facts, compare, similar, serve):
        main.add_command(command)


_register()

if __name__ == "__main__":
    main()
