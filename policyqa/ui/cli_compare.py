"""The indicator table, the compare matrix and similar measures at the command line."""
from __future__ import annotations

import json

import click

from .cli_common import fail, index_option, lang_option, open_qa
from .cli_text import FIGURE_KINDS, BilingualChoice, words


@click.command()
@index_option
@click.option("--indicator", default=None, help="Indicator: its table name or the shorthand `ask` understands "
              "(see `policyqa facts` for the list).")
@click.option("--city", default=None)
@click.option("--year", type=int, default=None)
@click.option("--kind", type=BilingualChoice(FIGURE_KINDS), default=None, help="Figure kind, in English or Chinese.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per row.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV with a header row.")
@lang_option
def facts(index_dir, indicator, city, year, kind, as_json, as_csv, lang):
    """The indicator table: figures extracted from every report, each with its sentence."""
    from .cli_text import fact_lines

    qa = open_qa(index_dir, quiet=True)
    if indicator is not None:
        indicator = _known_indicator(qa, indicator, lang)
    found = qa.facts(indicator=indicator, city=city, year=year, kind=kind)
    if as_json or as_csv:
        _print_fact_rows([f for f, _ in found], as_csv)
        return
    source = _fact_sources(qa, found)
    click.echo("\n".join(fact_lines([f for f, _ in found], source, lang)))


def _print_fact_rows(found, as_csv: bool) -> None:
    import csv
    import io

    from .jsonout import fact_json

    rows = [fact_json(f) for f in found]
    if not as_csv:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    fields = ["city", "year", "indicator", "original", "value", "unit", "kind", "doc", "sentence"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    click.echo(out.getvalue(), nl=False)


def _fact_sources(qa, found):
    """fact → the full source line of the passage its sentence is in (title · issuer · date · section)."""
    doc_of = dict(found)
    return lambda fact: qa.fact_citation(doc_of[fact], fact).source_line()


def _known_indicator(qa, name, lang):
    found = qa.indicator(name)
    if found is None:
        w = words(lang)
        fail(w["unknown_indicator"].format(text=name, known=w["list"].join(qa.indicators[:30])), lang)
    return found


@click.command()
@click.argument("indicator")
@index_option
@click.option("--city", multiple=True, help="Only this city's row (repeatable); a city in INDICATOR counts too.")
@click.option("--year", type=int, multiple=True, help="Only this year's column (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="The matrix as one JSON object.")
@click.option("--csv", "as_csv", is_flag=True, help="One CSV row per figure (the columns of `policyqa facts --csv`).")
@lang_option
def compare(indicator, index_dir, city, year, as_json, as_csv, lang):
    """A city × year matrix of one indicator, every cell with its value, kind and citation.

    INDICATOR is the table's name or the shorthand `ask` understands: 高企, 新增高企, 咸宁高企总数, 2016年孵化器.
    """
    from policyqa.search.compare_request import restrict

    from .cli_text import compare_lines
    from .jsonout import compare_json

    qa = open_qa(index_dir, quiet=True)
    w = words(lang)
    choice = qa.choose_indicator(indicator)
    if choice.indicator is None:
        fail(w["unknown_indicator"].format(text=indicator, known=w["list"].join(qa.indicators[:30])), lang)
    if choice.alternatives:
        others = w["list"].join(choice.alternatives)
        click.echo(w["chosen"].format(text=indicator, chosen=choice.indicator, others=others,
                                      example=choice.alternatives[0]), err=True)
    years = year or ((choice.year,) if choice.year else ())
    table = restrict(qa.compare(choice.indicator), city or choice.cities, years)
    if as_json:
        click.echo(json.dumps(compare_json(table, choice.alternatives), ensure_ascii=False, indent=2))
        return
    if as_csv:
        _print_fact_rows([f for cell in table.cells.values() for f in cell.facts], as_csv=True)
        return
    sources = _fact_sources(qa, qa.facts(indicator=choice.indicator))
    click.echo("\n".join(compare_lines(table, sources, lang)))


@click.command()
@click.argument("text")
@index_option
@click.option("--exclude-city", default=None, help="Leave out this city (e.g. the passage's own).")
@click.option("-n", "per_city", default=3, show_default=True, type=click.IntRange(1, 20), help="Passages per city.")
@click.option("--json", "as_json", is_flag=True)
@lang_option
def similar(text, index_dir, exclude_city, per_city, as_json, lang):
    """Passages from other cities describing the same kind of measure, grouped by city."""
    from .cli_text import group_lines
    from .jsonout import group_json

    qa = open_qa(index_dir, quiet=True)
    groups = qa.similar(text, exclude_city=exclude_city, per_city=per_city)
    if as_json:
        for g in groups:
            click.echo(json.dumps(group_json(g), ensure_ascii=False))
        return
    click.echo("\n".join(group_lines(groups, lang)) if groups else words(lang)["no_passages"])
