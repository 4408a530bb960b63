"""The indicator table: which figure belongs to which city, year, indicator and kind."""
import json
import unicodedata
from pathlib import Path

import pytest

from policyqa.index.facts import INDICATORS, extract_facts, normalise_indicator
from policyqa.index.metadata import parse_metadata
from policyqa.index.records import DocMeta, Document

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "../shared/eval/indicators.jsonl"
SUMMARY = dict(city="咸宁", year=2016, type="总结", date="2017-01-10")


def facts_of(text: str, **meta):
    return extract_facts(Document(name="t.txt", path="t.txt", sha256="x", text=text, meta=DocMeta(**meta)))


def rows(facts):
    return [(f.year, f.kind, f.indicator, f.value, f.unit) for f in facts]


def seed(name: str, text: str | None = None) -> Document:
    """A seed with the metadata our parser reads from it (tests/test_metadata.py checks that against gold)."""
    path = ROOT / "seeds" / name
    raw = path.read_text(encoding="utf-8")
    return Document(name=name, path=str(path), sha256="x", text=text or raw, meta=parse_metadata(raw, name))


# --- kinds ------------------------------------------------------------------------------------------
def test_a_work_plan_section_target_counts_as_new_high_tech_firms():
    text = "一、工作开展情况\n入库科技型中小企业353家。\n二、下半年工作计划\n力争全年认定高新技术企业30家。"
    assert rows(facts_of(text, city="天门", year=2023, type="总结")) == [
        (2023, "achieved", "科技型中小企业", 353, "家"),
        (2023, "target", "新增高新技术企业", 30, "家"),
    ]


def test_compound_sentence_gives_each_number_to_the_phrase_before_it():
    text = ("组织申报高新技术企业80家,其中新认定高新技术企业63家,复审高新技术企业17家,"
            "经评审认定2016年全市新增高新技术企业61家,全市高新技术企业总数达到152家。")
    assert rows(facts_of(text, **SUMMARY)) == [
        (2016, "achieved", "申报高新技术企业", 80, "家"),
        (2016, "achieved", "新增高新技术企业", 61, "家"),  # not the 63 of the 其中 breakdown
        (2016, "cumulative", "高新技术企业总数", 152, "家"),
    ]


def test_growth_after_an_amount_is_that_indicators_growth():
    facts = facts_of("采用“免申即享”方式兑现科技奖补资金1930.83万元,同比增长22.8%。", **SUMMARY)
    assert rows(facts) == [(2016, "achieved", "科技奖补资金", 1930.83, "万元"),
                           (2016, "growth", "科技奖补资金", 22.8, "%")]


def test_a_plans_running_total_is_a_target():
    facts = facts_of("全年申报高新技术企业100家,高新技术企业达到240家。", city="咸宁", year=2019, type="计划")
    assert rows(facts) == [(2019, "target", "申报高新技术企业", 100, "家"),
                           (2019, "target", "高新技术企业总数", 240, "家")]


def test_progress_report_task_titles_are_targets_and_its_body_results():
    text = "一、组织推动“倍增工程”,高新技术企业达620家。(第16条、高新科)\n一是目前已申报高新技术企业270家。"
    assert rows(facts_of(text, city="咸宁", year=2024, type="进展报告")) == [
        (2024, "target", "高新技术企业总数", 620, "家"),
        (2024, "achieved", "申报高新技术企业", 270, "家"),
    ]


def test_a_clause_that_leaves_out_its_subject_takes_it_from_the_clause_before():
    text = "全年新增高企45家，总数达到210家。登记技术合同650项,成交额12.5亿元。新增入统单位15个,总数达到166个。"
    assert rows(facts_of(text, **SUMMARY)) == [
        (2016, "achieved", "新增高新技术企业", 45, "家"),
        (2016, "cumulative", "高新技术企业总数", 210, "家"),
        (2016, "achieved", "技术合同成交额", 12.5, "亿元"),
    ]


def test_sums_and_respective_figures_of_listed_indicators_are_not_split_by_guess():
    text = "高新技术企业、科技型中小企业分别达到120家、350家。高新技术企业、科技型中小企业达到500家。"
    assert facts_of(text, **SUMMARY) == []


def test_count_written_before_the_indicator_after_huopi():
    text = "津晶城科技孵化器、咸宁门板创星科技企业孵化器3家获批省级科技企业孵化器。"
    assert rows(facts_of(text, city="咸宁", year=2024, type="进展报告")) == [
        (2024, "achieved", "省级科技企业孵化器", 3, "家")]


def test_accumulated_over_years_is_cumulative_and_five_year_plan_horizons_are_dropped():
    text = "近三年累计新增高新技术企业100家。到“十四五”末,高新技术企业达到500家。"
    assert rows(facts_of(text, **SUMMARY)) == [(2016, "cumulative", "新增高新技术企业", 100, "家")]


# --- normalisation ----------------------------------------------------------------------------------
@pytest.mark.parametrize("phrase", ["技术合同成交额", "技术合同成交总金额", "技术合同认定登记成交额", "技术合同登记成交总额"])
def test_technology_contract_wordings_share_one_indicator(phrase):
    assert normalise_indicator(phrase) == "技术合同成交额"


def test_normalise_indicator_keeps_platform_levels_and_rejects_unknown_phrases():
    assert normalise_indicator("省级工程技术研究中心") == "省级工程技术研究中心"
    assert normalise_indicator("国家级科技企业孵化器") == "国家级科技企业孵化器"
    assert normalise_indicator("高新技术企业总数") == "高新技术企业总数"
    assert normalise_indicator("成交金额") is None and normalise_indicator("高新技术企业培训会") is None
    assert {"新增高新技术企业", "技术合同成交额", "科技型中小企业"} <= INDICATORS.keys()


def test_a_number_after_an_unrelated_phrase_is_not_an_indicator():
    text = "举办高新技术企业培训会3场。全市转化科技成果48项,成交金额1465万元。其中科技型中小企业创新奖1项。"
    assert rows(facts_of(text, **SUMMARY)) == [(2016, "achieved", "科技成果转化", 48, "项")]


# --- years, places, forecasts -----------------------------------------------------------------------
def test_year_comes_from_the_section_heading():
    text = ("一、 2016 年工作总结\n全市新增高新技术企业 29 家。\n"
            "二、 2017 年工作打算\n2017 年,新增高新技术企业 10 家。力争全年新增省级科技型中小企业 30 家。")
    assert rows(facts_of(text, city="商丘", year=2016, type="总结", date="2017-02-09")) == [
        (2016, "achieved", "新增高新技术企业", 29, "家"),
        (2017, "target", "新增高新技术企业", 10, "家"),
        (2017, "target", "科技型中小企业", 30, "家"),
    ]


def test_last_year_in_a_year_end_review_is_the_covered_year_but_in_a_plan_the_year_before():
    review = facts_of("去年,全市高新技术产业增加值98.58亿元。", city="咸宁", year=2016, type="新闻")
    plan = facts_of("去年全市新增高新技术企业50家。今年力争新增高新技术企业60家。", city="咸宁", year=2019, type="计划")
    assert rows(review) == [(2016, "achieved", "高新技术产业增加值", 98.58, "亿元")]
    assert rows(plan) == [(2018, "achieved", "新增高新技术企业", 50, "家"), (2019, "target", "新增高新技术企业", 60, "家")]


def test_comparison_base_year_is_not_the_figures_year():
    facts = facts_of("入库科技型中小企业353家,较去年全年增长30.2%。", city="天门", year=2023, type="总结", date="2023-07-10")
    assert rows(facts) == [(2023, "achieved", "科技型中小企业", 353, "家"), (2023, "growth", "科技型中小企业", 30.2, "%")]


def test_future_years_in_a_summary_are_targets():
    facts = facts_of("到2020年,全市高新技术企业达到300家。", **SUMMARY)
    assert rows(facts) == [(2020, "target", "高新技术企业总数", 300, "家")]


@pytest.mark.parametrize("sentence", ["咸安区新增高新技术企业5家。", "通山县新增高新技术企业5家。", "武汉市技术合同成交额达500亿元。",
                                      "全省新增高新技术企业3000家。", "咸宁高新区新增高新技术企业20家。",
                                      "预计全年新增高新技术企业50家。", "全年将完成高新技术产业增加值98.58亿元。"])
def test_county_zone_province_other_city_and_forecast_figures_are_not_the_citys(sentence):
    assert facts_of(sentence, **SUMMARY) == []


def test_names_in_quotes_do_not_make_a_figure_a_county_one():
    text = "获科技部新认定“柘城县创业服务中心”国家级科技企业孵化器 2 家,全市国家级科技企业孵化器达 4 家。"
    assert rows(facts_of(text, city="商丘", year=2016, type="总结")) == [
        (2016, "achieved", "国家级科技企业孵化器", 2, "家"), (2016, "cumulative", "国家级科技企业孵化器", 4, "家")]


def test_sentence_and_offset_point_into_the_document():
    text = "前言。\n\n  技术合同成交总金额达17.58亿元。"
    (fact,) = facts_of(text, **SUMMARY)
    assert fact.sentence == "技术合同成交总金额达17.58亿元" == text[fact.start : fact.start + len(fact.sentence)]
    assert (fact.city, fact.doc, fact.original) == ("咸宁", "t.txt", "技术合同成交总金额")


# --- the real seeds ---------------------------------------------------------------------------------
def gold_rows():
    if not GOLD.exists():
        pytest.skip(f"gold indicator sample not found at {GOLD}")
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


KEY = ("city", "year", "indicator", "value", "unit", "kind", "doc")


def recovered(gold: dict, facts) -> bool:
    want = tuple(gold[k] for k in KEY)
    return any(tuple(getattr(f, k) for k in KEY) == want and gold["evidence"] in f.sentence for f in facts)


@pytest.mark.parametrize("normalise", [False, True], ids=["raw", "nfkc"])
def test_every_gold_indicator_row_is_recovered_from_the_seeds(normalise):
    gold = gold_rows()
    facts = {}
    for name in {g["doc"]: None for g in gold}:
        doc = seed(name)
        if normalise:  # a cleaner may fold full-width punctuation: the facts must not depend on it
            doc = seed(name, unicodedata.normalize("NFKC", doc.text))
        facts[name] = extract_facts(doc)
    for g in gold:
        g = {**g, "evidence": unicodedata.normalize("NFKC", g["evidence"]) if normalise else g["evidence"]}
        assert recovered(g, facts[g["doc"]]), g


def test_no_plan_figure_of_seed_003_is_labelled_2016_or_achieved():
    doc = seed("003_3835401b833f06bd.txt")
    plan_start = doc.text.index("二、 2017 年工作打算")
    plan = [f for f in extract_facts(doc) if f.start > plan_start]
    assert plan and all(f.year == 2017 and f.kind in ("target", "growth") for f in plan)
    assert all(f.year == 2016 and f.kind != "target" for f in extract_facts(doc) if f.start < plan_start)


def test_a_work_plan_has_no_achieved_figures():
    facts = extract_facts(seed("001_501e42fea5c617f3.txt"))
    assert len(facts) >= 5 and all(f.kind != "achieved" and f.year == 2019 for f in facts)


def test_a_figure_followed_by_its_being_a_target_is_a_target_in_the_table():
    from policyqa.index.facts import extract_facts
    from policyqa.index.records import DocMeta, Document

    text = "《宜昌市高新技术企业培育行动方案》近日出台，提出了2020年全市高新技术企业总数达450家的主要目标。"
    doc = Document("a.txt", "/a.txt", "x", text, DocMeta(title="宜昌新闻", city="宜昌", year=2019))
    kinds = {f.kind for f in extract_facts(doc) if f.value == 450}
    assert kinds == {"target"}


def test_a_growth_rate_set_as_a_target_is_a_target():
    text = "(一)年度总体目标\n高新技术产业增加值增速13%以上，研发投入持续增长。\n(二)主要任务完成情况\n高新技术产业增加值增长9.5%。\n"
    kinds = [(f.kind, f.value) for f in facts_of(text, city="宜昌", year=2025, type="总结")
             if f.indicator == "高新技术产业增加值"]
    assert kinds == [("target", 13.0), ("growth", 9.5)]
