"""Places as a hierarchy (province → city → county): each report is filed under the place that issued it,
a question is answered from the asked place's own figure, never a county's for its city nor a city's for
one of its counties, and a place the corpus does not cover is named as missing. All reports are tiny and
written here; the places are real (宜昌市 and its districts, 绍兴市 and its districts, 湖北省, 浙江省)."""
from __future__ import annotations

import pytest

from policyqa.index.gazetteer import lookup
from policyqa.index.metadata import parse_metadata
from policyqa.index.reader import DocInfo
from policyqa.search import places
from policyqa.search.query import ASK_LIST, parse_query
from policyqa.search.synonyms import builtin_groups
from tests.inline_index import build, engine

NOT_FOUND = "语料中没有找到足以支持答案的段落"

# A city bureau's report that never names any of its districts.
YICHANG = ("宜昌市科学技术局2021年工作总结\n\n一、主要成效\n\n"
           "全市新增高新技术企业120家，高新技术企业总数达到800家，技术合同成交额80亿元。\n\n"
           "宜昌市科学技术局\n2022年1月5日\n")
# The same city's report, naming two districts with their own figures.
YICHANG_BY_DISTRICT = ("宜昌市科学技术局2021年工作总结\n\n一、主要成效\n\n全市新增高新技术企业120家。"
                       "其中，夷陵区新增高新技术企业8家，西陵区新增高新技术企业15家。\n\n宜昌市科学技术局\n2022年1月5日\n")
# A district's own report (「我区」), signed by the district.
YILING = ("夷陵区人民政府2021年工作报告\n\n一、主要成效\n\n"
          "我区新增高新技术企业12家，技术合同成交额5亿元。\n\n宜昌市夷陵区人民政府\n2022年1月8日\n")
# A city report without the measure the county report has.
YICHANG_WITHOUT_HQ = ("宜昌市科学技术局2021年工作总结\n\n一、主要成效\n\n全市科技工作取得新进展，技术合同成交额80亿元。\n\n"
                      "宜昌市科学技术局\n2022年1月5日\n")


def _places(question: str) -> list[str]:
    return [p.full_name for p in parse_query(question, builtin_groups()).places]


# -- 1, 2: where a report is filed ------------------------------------------------------------------------

def test_a_county_report_is_filed_under_the_county_and_its_city():
    meta = parse_metadata("夷陵区人民政府工作报告\n\n2021年，我区经济稳中向好，我区新增高新技术企业12家。\n\n"
                          "宜昌市夷陵区人民政府\n2022年1月10日\n", "yiling.txt")
    assert (meta.county, meta.city, meta.province) == ("夷陵区", "宜昌", "湖北")


def test_a_city_bureau_report_is_filed_under_the_city_with_no_county():
    meta = parse_metadata(YICHANG, "yichang.txt")
    assert (meta.county, meta.city, meta.province) == (None, "宜昌", "湖北")


def test_a_province_report_is_filed_under_the_province_with_no_city():
    meta = parse_metadata("浙江省科学技术厅2021年工作总结\n\n全省新增高新技术企业6000家，技术合同成交额1500亿元。\n",
                          "zhejiang.txt")
    assert (meta.province, meta.city, meta.county) == ("浙江", None, None)


@pytest.mark.parametrize("raw, city, county", [
    # the title names the issuer; the body names 北京市 (a full name, which counts double) twice
    ("宜昌市2021年科技工作总结\n\n今年3月，组织企业赴北京市学习考察，走访北京市有关高校。全市新增高新技术企业120家。\n",
     "宜昌", None),
    # no place in the title: the issuer field says whose report it is
    ("标题：2021年科技工作总结\n发布机构：宜昌市科学技术局\n发布日期：2022-01-05\n\n2021年科技工作总结\n\n"
     "组织企业赴北京学习考察，与北京市有关高校开展合作。全市新增高新技术企业120家。\n", "宜昌", None),
    # no place in the title: the signature does
    ("2021年科技工作总结\n\n组织企业赴北京市学习考察。全市新增高新技术企业120家。\n\n宜昌市科学技术局\n2022年1月5日\n",
     "宜昌", None),
    # a district's report that mentions 北京 is still the district's
    ("柯桥区科技局2021年工作总结\n\n组团赴北京学习考察，对接北京市高校。我区新增高新技术企业90家。\n", "绍兴", "柯桥区"),
])
def test_a_passing_mention_of_another_city_does_not_move_the_report(raw, city, county):
    meta = parse_metadata(raw, "report.txt")
    assert (meta.city, meta.county) == (city, county)


# -- 3: a county asked, only its city's report ------------------------------------------------------------

def test_a_county_question_gets_no_figure_from_a_city_report_that_never_names_it(tmp_path):
    with engine(tmp_path, {"yichang.txt": YICHANG}) as qa:
        answer = qa.ask("夷陵区2021年新增高新技术企业多少家")
    assert answer.answer is None
    assert answer.note == NOT_FOUND
    assert answer.citations  # the city's passage is still listed, as context


def test_a_county_question_is_answered_by_the_city_report_sentence_that_names_the_county(tmp_path):
    with engine(tmp_path, {"yichang.txt": YICHANG_BY_DISTRICT}) as qa:
        yiling = qa.ask("夷陵区2021年新增高新技术企业多少家")
        xiling = qa.ask("西陵区2021年新增多少家高新技术企业")
        city = qa.ask("宜昌2021年新增高新技术企业多少家")
    assert yiling.answer == "8家" and "夷陵区" in yiling.quote
    assert xiling.answer == "15家"
    assert city.answer == "120家"  # a district's figure in the city report does not answer for the city


# -- 4: a city asked, with a county report in the index --------------------------------------------------

def test_a_city_question_gets_the_city_figure_not_its_county_figure(tmp_path):
    with engine(tmp_path, {"yichang.txt": YICHANG, "yiling.txt": YILING}) as qa:
        city = qa.ask("宜昌2021年新增高新技术企业多少家")
        money = qa.ask("宜昌市2021年技术合同成交额是多少")
        county = qa.ask("夷陵区2021年新增高新技术企业多少家")
    assert city.answer == "120家"
    assert money.answer == "80亿元"
    assert county.answer == "12家"  # and the county's question gets the county's own figure


def test_a_county_figure_never_answers_for_its_city(tmp_path):
    with engine(tmp_path, {"yiling.txt": YILING}) as qa:
        count = qa.ask("宜昌2021年新增高新技术企业多少家")
        money = qa.ask("宜昌市2021年技术合同成交额是多少")
    assert count.answer is None and count.note
    assert money.answer is None and money.note


def test_a_county_figure_does_not_fill_in_for_a_measure_the_city_report_lacks(tmp_path):
    with engine(tmp_path, {"yichang.txt": YICHANG_WITHOUT_HQ, "yiling.txt": YILING}) as qa:
        answer = qa.ask("宜昌2021年新增几家高新技术企业")
    assert answer.answer is None
    assert answer.note == NOT_FOUND


def test_a_city_figure_never_answers_for_its_province(tmp_path):
    with engine(tmp_path, {"yichang.txt": YICHANG}) as qa:
        answer = qa.ask("湖北2021年新增高新技术企业多少家")
    assert answer.answer is None


def test_a_province_question_is_answered_from_the_province_report(tmp_path):
    province = "浙江省科学技术厅2021年工作总结\n\n一、主要成效\n\n全省新增高新技术企业6000家。\n"
    shaoxing = "绍兴市科学技术局2021年工作总结\n\n一、主要成效\n\n全市新增高新技术企业300家。\n"
    with engine(tmp_path, {"zhejiang.txt": province, "shaoxing.txt": shaoxing}) as qa:
        assert qa.ask("浙江2021年新增高新技术企业多少家").answer == "6000家"
        assert qa.ask("绍兴2021年新增高新技术企业多少家").answer == "300家"


# -- 5: a place the corpus does not cover -----------------------------------------------------------------

@pytest.mark.parametrize("question, named", [
    ("绍兴2021年新增高新技术企业多少家", "绍兴市"),
    ("柯桥区2021年新增高新技术企业多少家", "柯桥区"),
    ("浙江省2021年新增高新技术企业多少家", "浙江省"),
])
def test_a_place_outside_the_corpus_is_named_and_the_closest_passages_are_listed(tmp_path, question, named):
    with engine(tmp_path, {"yichang.txt": YICHANG, "yiling.txt": YILING}) as qa:
        answer = qa.ask(question)
    assert answer.answer is None
    assert named in answer.note
    assert answer.citations  # the closest passages, from the places the corpus does cover


def test_uncovered_lists_only_the_places_nobody_reports_on():
    docs = {1: parse_metadata(YICHANG, "yichang.txt")}
    info = {1: DocInfo(1, "yichang.txt", "/x/yichang.txt", docs[1].title, docs[1].issuer, docs[1].city,
                       docs[1].province, docs[1].date, docs[1].year, None, None, docs[1].type, docs[1].county)}
    yiling, shaoxing = lookup("夷陵区"), lookup("绍兴市")
    assert places.uncovered(info, (yiling, shaoxing)) == [shaoxing]  # a district of a covered city is covered
    assert places.relation(info[1], yiling) == places.PARENT
    assert places.relation(info[1], lookup("宜昌市")) == places.OWN
    assert places.relation(info[1], lookup("湖北省")) == places.INSIDE
    assert places.relation(info[1], shaoxing) is None


# -- 6: a city named with its province --------------------------------------------------------------------

@pytest.mark.parametrize("question", ["浙江绍兴2021年新增高新技术企业多少家", "浙江省绍兴市2021年新增高新技术企业多少家"])
def test_a_city_named_with_its_province_is_the_place_asked(question):
    assert _places(question) == ["绍兴市"]


def test_a_district_named_with_its_city_and_province_is_the_place_asked():
    assert _places("湖北宜昌夷陵区2021年新增多少家高新技术企业") == ["夷陵区"]


def test_two_cities_named_are_both_asked():
    assert _places("绍兴和宜昌2021年新增高新技术企业多少家") == ["绍兴市", "宜昌市"]


def test_a_city_question_with_its_province_is_answered_from_the_city(tmp_path):
    province = "浙江省科学技术厅2021年工作总结\n\n一、主要成效\n\n全省新增高新技术企业6000家。\n"
    shaoxing = "绍兴市科学技术局2021年工作总结\n\n一、主要成效\n\n全市新增高新技术企业300家。\n"
    with engine(tmp_path, {"zhejiang.txt": province, "shaoxing.txt": shaoxing}) as qa:
        assert qa.ask("浙江绍兴2021年新增高新技术企业多少家").answer == "300家"


# -- 7: a county's short name -----------------------------------------------------------------------------

def test_a_county_short_name_is_recognised_when_the_corpus_has_its_report(tmp_path):
    with engine(tmp_path, {"yichang.txt": YICHANG, "yiling.txt": YILING}) as qa:
        assert qa.local_places["夷陵"].full_name == "夷陵区"
        assert "夷陵" in places.corpus_counties(qa.reader.docs)
        parsed = qa.parse("夷陵2021年新增高新技术企业多少家")
        answer = qa.ask("夷陵2021年新增高新技术企业多少家")
    assert [p.full_name for p in parsed.places] == ["夷陵区"]
    assert answer.answer == "12家"  # the district's figure, not the city's 120家


# -- 18: a question across places -------------------------------------------------------------------------

_ROUTINE = ("围绕全年目标任务，扎实推进机关党建和作风建设，落实意识形态工作责任制，开展业务学习十余次，"
            "干部队伍素质不断提高，服务企业水平持续提升，各项制度进一步健全，工作效能明显增强。")
_PLATFORMS = ("持续推进科研平台建设，平台数量稳步增加，科研人员数量持续增长，创新载体数量不断提升，"
              "科研条件不断改善，产学研合作数量明显增加，成果数量和质量同步提升。")
_TALENT = ("深入实施人才引进计划，柔性引进专家团队，组织科技人员下基层服务，开展科普活动周，"
           "科普场馆建设有序推进，公众科学素质稳步提高，科技宣传氛围更加浓厚。")


def _report(issuer: str, sections: list[str]) -> str:
    sections = [f"一、加强机关建设\n\n{_ROUTINE}", f"二、建设科研平台\n\n{_PLATFORMS}", *sections,
                f"七、加强人才工作\n\n{_TALENT}", f"八、优化创新服务\n\n{_ROUTINE}", f"九、深化开放合作\n\n{_PLATFORMS}"]
    return f"{issuer}2021年工作总结\n\n" + "\n\n".join(sections) + "\n"


# 宜昌 and 绍兴 have two strong passages each on the measure, 柯桥区 one buried in routine text, and 夷陵区 none,
# but a passage full of the question's other words (各地, 数量, 如何, 企业): ranked by score alone, 柯桥区 falls
# out of the first five and 夷陵区 comes before it.
ACROSS = {
    "yichang.txt": _report("宜昌市科学技术局", [
        "三、培育创新主体\n\n全市新增高新技术企业120家，高新技术企业数量达到800家，高新技术企业数量增长17%。",
        "四、壮大高新技术企业\n\n实施高新技术企业倍增计划，高新技术企业数量稳步增长，高新技术企业培育库数量扩大。"]),
    "shaoxing.txt": _report("绍兴市科学技术局", [
        "三、培育创新主体\n\n全市高新技术企业数量达到1500家，高新技术企业数量居全省前列，高新技术企业梯队不断壮大。",
        "四、壮大高新技术企业\n\n开展高新技术企业认定服务，高新技术企业数量和质量同步提升。"]),
    "keqiao.txt": _report("柯桥区科学技术局", [f"三、培育创新主体\n\n{_ROUTINE}我区新增高新技术企业60家。{_ROUTINE}"]),
    "yiling.txt": _report("夷陵区科学技术局", [
        "三、推进农业科技\n\n各地农业科技企业数量如何提升？我区农业企业数量、示范基地数量、科技特派员数量均居全市前列，"
        "企业数量如何增加是重点。"]),
}


@pytest.fixture(scope="module")
def across(tmp_path_factory):
    qa = build(tmp_path_factory.mktemp("across"), ACROSS)
    yield qa
    qa.close()


def test_a_question_across_places_has_no_single_answer(across):
    answer = across.ask("各地高新技术企业数量如何")
    assert answer.query.asks == ASK_LIST and answer.query.cross_city
    assert answer.answer is None


def test_each_place_that_reports_the_measure_is_cited_before_one_that_never_mentions_it(across):
    citations = across.ask("各地高新技术企业数量如何").citations
    top = citations[:5]
    first = {}
    for i, c in enumerate(top):
        first.setdefault(c.doc, i)
    for doc in ("yichang.txt", "shaoxing.txt", "keqiao.txt"):  # a county's report is a place of its own
        assert doc in first, [c.doc for c in top]
        assert "高新技术企业" in top[first[doc]].text, (doc, top[first[doc]].text)
    measured = max(first[d] for d in ("yichang.txt", "shaoxing.txt", "keqiao.txt"))
    silent = next((i for i, c in enumerate(citations) if c.doc == "yiling.txt"), len(citations))
    assert silent > measured
