"""`policyqa compare` and `facts` as a user types them: the shorthand `ask` takes, --city/--year/--csv, tables
aligned on screen, full source lines, one language per output, options in Chinese or English."""
import csv
import io
import json
import re

import pytest
from click.testing import CliRunner
from wcwidth import wcswidth

from policyqa.ui import cli
from tests.api_fixtures import build_index


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    return build_index(tmp_path_factory.mktemp("cli"))


def run(index, *args):
    result = CliRunner().invoke(cli.main, [*args, "--index", str(index)])
    return result


def column_starts(line: str, needles) -> list[int]:
    """The screen column where each needle starts in `line` (CJK characters take two)."""
    return [wcswidth(line[: line.index(n)]) for n in needles]


def test_compare_understands_the_shorthand_and_names_the_other_indicators(index):
    result = run(index, "compare", "高企")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "新增高新技术企业"
    assert "高新技术企业总数" in result.stderr and "policyqa compare" in result.stderr
    rows = {line.split()[0]: line for line in lines[1:4]}
    assert "45家(完成)[1]" in rows["宜昌"] and "50家(目标)[2]" in rows["荆州"]


def test_compare_columns_line_up_by_display_width(index):
    lines = run(index, "compare", "高企").stdout.splitlines()
    header, yichang, jingzhou = lines[1], lines[2], lines[3]
    assert header.split() == ["城市", "2021", "2022"]
    starts = column_starts(header, ["2021", "2022"])
    assert column_starts(yichang, ["45家"]) == starts[:1]
    assert column_starts(jingzhou, ["50家"]) == starts[1:]


def test_compare_footnotes_carry_the_sentence_and_the_full_source_line(index):
    out = run(index, "compare", "高企").stdout
    assert "[1] 宜昌 2021 45家(完成)：「2021年全市新增高新技术企业45家，高新技术企业总数达到300家」" in out
    assert "—— 《宜昌市科技局2021年工作总结》 · 宜昌市科学技术局 · 2022-01-15 · 一、创新主体培育" in out


def test_compare_filters_by_city_and_year_written_or_given(index):
    only_city = run(index, "compare", "荆州新增高企").stdout.splitlines()
    assert only_city[1].split() == ["城市", "2022"] and only_city[2].startswith("荆州") and "宜昌" not in only_city[2:4]
    by_option = run(index, "compare", "高企", "--city", "宜昌", "--json").stdout
    assert json.loads(by_option)["cities"] == ["宜昌"]
    by_year = json.loads(run(index, "compare", "高企", "--year", "2022", "--json").stdout)
    assert by_year["years"] == [2022] and by_year["cities"] == ["荆州"]


def test_compare_csv_has_one_row_per_figure(index):
    rows = list(csv.DictReader(io.StringIO(run(index, "compare", "高企", "--csv").stdout)))
    assert [(r["city"], r["year"], r["value"], r["kind"]) for r in rows] == [
        ("宜昌", "2021", "45.0", "achieved"), ("荆州", "2022", "50.0", "target")]
    assert rows[0]["sentence"].startswith("2021年全市新增高新技术企业45家")


def test_an_unknown_indicator_is_one_chinese_line_listing_the_known_ones(index):
    result = run(index, "compare", "离岸科创园")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.startswith("policyqa: 错误：索引中没有与「离岸科创园」对应的指标") and "新增高新技术企业" in result.stderr


def test_english_output_has_no_chinese_labels(index):
    out = run(index, "compare", "高企", "--lang", "en").stdout
    assert out.splitlines()[1].split() == ["City", "2021", "2022"]
    assert "45家 (achieved)[1]" in out and "50家 (target)[2]" in out
    labels_only = re.sub(r"「[^」]*」|—— .*", "", out)  # the reports' own sentences and titles stay as written
    for label in ("城市", "完成", "目标", "："):
        assert label not in labels_only, label
    zh = re.sub(r"「[^」]*」|—— .*", "", run(index, "compare", "高企").stdout)
    assert "achieved" not in zh and "City" not in zh and ": " not in zh


def test_type_and_kind_take_chinese_or_english_values(index):
    assert run(index, "facts", "--kind", "目标", "--json").stdout == run(index, "facts", "--kind", "target", "--json").stdout
    targets = [json.loads(line) for line in run(index, "facts", "--kind", "目标", "--json").stdout.splitlines()]
    assert targets and {r["kind"] for r in targets} == {"target"}
    bad = run(index, "facts", "--kind", "planned")
    assert bad.exit_code == 2 and "目标" in bad.output and "target" in bad.output


def test_facts_lines_end_with_the_full_source_line(index):
    out = run(index, "facts", "--indicator", "技术合同成交额").stdout
    assert "宜昌 2021 技术合同成交额：12亿元(完成)「全年技术合同成交额12亿元」" in out
    assert "—— 《宜昌市科技局2021年工作总结》 · 宜昌市科学技术局 · 2022-01-15 · 二、成果转化" in out
