"""Session 11, second step: a report that writes the short form of the measured thing (高企) holds all of the
question's words; 「排名最靠前的企业是哪家」 asks for a company, not a rank, and a public institute is no company; a
county named after its city's figure, in a clause of its own, does not make the figure the county's; patents applied
for are not patents granted."""
from __future__ import annotations

import pytest

from policyqa import lexicon
from policyqa.search.query import parse_query
from policyqa.search.synonyms import builtin_groups
from tests.inline_index import build

REPORTS = {
    "shanxi.txt": "山西省高新技术企业发展情况\n\n"
                  "2021年，全省高企总数达到3500家，同比增长20%。\n\n"
                  "某某能源集团下属高新技术企业40余家，其中5家企业入选全国高新技术企业百强名单。\n",
    "huzhou-ranking.txt": "湖州2家企业入选省高新技术企业百强\n\n"
                          "日前，浙江省科技信息研究院和浙江省科技发展战略研究院联合发布了“2014年全省高新技术企业百强”榜单，湖州2家"
                          "企业榜上有名，分别是浙江甲乙新材料股份有限公司列第48位，浙江丙丁纺织股份有限公司列第80位。\n",
    "weifang.txt": "潍坊市2013年科技工作情况\n\n"
                   "2013年，潍坊市企业知识产权创造能力明显增强，前三季度，共申请发明专利800件、授权发明专利300件，同比增长"
                   "25%、50%，寿光市被认定为国家知识产权强县工程示范县。\n",
}


@pytest.fixture(scope="module")
def qa(tmp_path_factory):
    engine = build(tmp_path_factory.mktemp("session11-answers"), REPORTS)
    yield engine
    engine.close()


def test_a_short_form_holds_every_word_of_the_spelled_out_question(qa):
    # 「全省高企总数达到3500家」 answers as fully as a sentence spelling out 高新技术企业 would
    assert qa.ask("山西省2021年高新技术企业总数是多少").answer == "3500家"
    terms = parse_query("山西省2021年高新技术企业总数是多少", builtin_groups()).terms
    assert all("高企" in alts for alts in terms if alts[0] in ("高新", "技术"))


def test_which_company_ranks_first_is_answered_with_a_company(qa):
    assert parse_query("哪家企业排名第一", builtin_groups()).asks == "entity"
    assert parse_query("湖州在全省排名第几", builtin_groups()).asks == "rank"
    answer = qa.ask("湖州在2014年全省高新技术企业百强中排名最靠前的企业是哪家").answer
    assert answer == "浙江甲乙新材料股份有限公司"


def test_a_county_named_after_its_citys_figure_does_not_own_it(qa):
    assert qa.ask("寿光市2013年前三季度授权发明专利多少件").answer is None
    assert qa.ask("潍坊市2013年前三季度授权发明专利多少件").answer == "300件"


def test_patents_applied_for_do_not_answer_patents_granted(qa):
    assert qa.ask("潍坊市2013年前三季度授权发明专利多少件").answer == "300件"
    assert qa.ask("潍坊市2013年前三季度申请发明专利多少件").answer == "800件"


# --- batches, a zone's and a city's report speaking for the place above, parts of a year in months --------------

MORE = {
    "weihai-zone.txt": "2022年威海经开区科技型中小企业总量突破600家\n\n"
                       "日前，威海市科技局公布2022年第十批暨最后一批入库科技型中小企业名单,,全市入库企业共计300家,。"
                       "其中,威海经开区50家企业入库科技型中小企业,。\n\n"
                       "至此,,2022年威海经开区国家科技型中小企业入库总量达到612家,同比增长15%。\n",
    "putian.txt": "莆田市入选省科技小巨人企业培育名单\n\n"
                  "根据省科技厅通知要求，经各设区市遴选推荐，全省500家企业符合条件，进入“科技小巨人领军企业培育发展库”。"
                  "莆田市上榜的20家企业包括某某科技有限公司等。\n",
    "rizhao.txt": "日照市2012年科技工作会议召开\n\n"
                  "2012年，全市新培育认定高新技术企业4家、民营科技企业2家，总数分别达到了21家和45家。1至9月，全市技术合同成交额"
                  "同比增长18.5%。\n",
}


@pytest.fixture(scope="module")
def more(tmp_path_factory):
    engine = build(tmp_path_factory.mktemp("session11-more"), MORE)
    yield engine
    engine.close()


def test_a_question_about_a_batch_is_answered_by_that_batch_not_the_total(more):
    assert more.ask("威海经开区2022年最后一批科技型中小企业名单中有几家入库").answer == "50家"


def test_a_zones_report_speaks_for_its_city_where_it_says_so(more):
    # 「全市入库企业共计300家」 in a zone's report is 威海's figure; the zone's own figures are not
    assert more.ask("威海市2022年第十批入库科技型中小企业一共多少家").answer == "300家"
    assert more.ask("威海市2022年科技型中小企业入库总量是多少").answer is None


def test_a_citys_report_speaks_for_its_province_where_it_says_so(more):
    # 「全省500家企业符合条件」 in 莆田's report is 福建's figure
    assert more.ask("2016年福建全省共有多少家企业符合条件").answer == "500家"


def test_totals_paired_by_respectively_with_the_items_counted_before(more):
    assert more.ask("日照 2012 高新技术企业总数").answer == "21家"


def test_the_first_three_quarters_are_months_one_to_nine(more):
    assert more.ask("日照 2012年前三季度 技术合同成交额 同比增长百分之多少").answer == "18.5%"


def test_a_zone_asked_long_is_the_zone_filed_short():
    from policyqa.search.places import _asked_zone_doc
    from tests.inline_index import hit

    filed_short = hit("…", city="临沂", province="山东", county="临沂经开区").doc
    assert _asked_zone_doc(filed_short, "临沂经济技术开发区共有几家高新技术企业")
    assert not _asked_zone_doc(filed_short, "临沂高新区共有几家高新技术企业")


def test_years_back_and_a_percentage_asked_are_no_words_a_passage_must_hold():
    query = parse_query("某某区 技术合同交易额 五年来", builtin_groups())
    assert all("五年" not in alts[0] for alts in query.terms)
    query = parse_query("黑龙江2023年高新技术企业增长了百分之多少", builtin_groups())
    assert all("百分" not in alts[0] for alts in query.focus) and query.asks == "ratio"


# --- a year in Chinese numerals, a measure named by its act, names with digits and letters --------------------------

def test_a_year_in_chinese_numerals_is_the_year(more):
    assert parse_query("日照二〇一二年高新技术企业总数", builtin_groups()).year == 2012
    assert more.ask("日照二〇一二年高新技术企业总数").answer == "21家"


def test_a_name_runs_over_digits_and_letters_inside_it():
    from policyqa.search.names import name_candidates

    query = parse_query("展出的世界首款商用深度学习专用处理器叫什么", builtin_groups())
    sentence = "在展区，“世界首款商用深度学习专用处理器——寒武纪1A处理器”“人脸识别天眼系统”等成果亮相。"
    assert "寒武纪1A处理器" in [c[2] for c in name_candidates(query, sentence)]


def test_the_questions_own_description_is_no_name_with_a_de_more():
    from policyqa.search.names import name_candidates

    query = parse_query("开发区即将投入使用的鲁南地区最大软件测试中心叫什么", builtin_groups())
    sentence = "在公共服务平台方面，鲁南地区最大的软件测试中心某某软件评测平台项目即将投入使用。"
    assert "鲁南地区最大的软件测试中心" not in [c[2] for c in name_candidates(query, sentence)]


def test_a_figure_of_another_batch_does_not_answer():
    from policyqa.search.answer import extract_answer
    from tests.inline_index import hit

    passage = hit("上半年，全市11个联盟进入首批省实质性产学研联盟名单，第二批推荐35个省级典型类联盟、18个省级提升类联盟。",
                  year=2022, city="营口", province="辽宁")
    found = extract_answer(parse_query("营口2022年上半年进入首批省实质性产学研联盟名单的联盟有几个", builtin_groups()), [passage])
    assert found is not None and found.answer == "11个"
    second = hit("上半年，全市18个联盟进入第二批省实质性产学研联盟名单。", year=2022, city="营口", province="辽宁")
    assert extract_answer(parse_query("营口2022年上半年进入首批省实质性产学研联盟名单的联盟有几个", builtin_groups()),
                          [second]) is None


# --- what a plan says is no result --------------------------------------------------------------------------------

def test_a_plans_starting_and_reached_figures_answer_no_question_about_the_result():
    from policyqa.search.answer import extract_answer
    from tests.inline_index import hit

    passage = hit("R&D经费支出要由上年的7.95亿元增加至12.51亿元，全年组织科技项目50项。", year=2017, city="曲靖", province="云南")
    assert extract_answer(parse_query("曲靖市2017年R&D经费支出实际达到多少", builtin_groups()), [passage]) is None


def test_a_year_named_only_as_a_plans_horizon_dates_no_result():
    from policyqa.search.answer import extract_answer
    from tests.inline_index import hit

    passage = hit("近两年新增高新技术企业数量超过此前总和，总量达2362家，预计到2025年将突破3500家。", year=2023,
                  city="泉州", province="福建")
    assert extract_answer(parse_query("泉州2025年高新技术企业实际达到了多少家", builtin_groups()), [passage]) is None
    found = extract_answer(parse_query("泉州2023年高新技术企业总量是多少", builtin_groups()), [passage])
    assert found is not None and found.answer == "2362家"


# --- a province's news naming a city, a zone of a county ------------------------------------------------------------

PROVINCE = {
    "hunan-news.txt": "湖南省高新技术企业发展情况\n\n"
                      "2021年，全省高企总数达到1.2万家，同比增长30%。长沙市大力实施科技企业倍增行动，2021年高企数量达到5000家，"
                      "在全省的占比上升到42%。\n",
    "changsha.txt": "长沙市2021年科技工作总结\n\n发布机构：长沙市科学技术局\n\n2021年，全市技术合同成交额达到300亿元。\n",
    "liuyang-zone.txt": "浏阳高新技术产业开发区2021年工作总结\n\n"
                        "浏阳高新技术产业开发区(以下简称浏阳高新区)前身为浏阳工业园。2021年，浏阳高新区高新技术企业达到150家，"
                        "园区工业总产值增长12%。\n",
}


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    engine = build(tmp_path_factory.mktemp("session11-province"), PROVINCE)
    yield engine
    engine.close()


def test_a_provinces_news_answers_for_a_city_it_names(province):
    assert province.ask("长沙2021年高新技术企业有多少家").answer == "5000家"
    assert province.ask("湖南省2021年高新技术企业总数是多少").answer == "1.2万家"


def test_a_zone_of_a_county_answers_for_the_zone_not_the_county(province):
    assert province.ask("浏阳高新区2021年高新技术企业有多少家").answer == "150家"
    assert province.ask("浏阳市2021年高新技术企业有多少家").answer is None


# --- an indicator written around its count (技术合同N项，成交额X亿元), and its parts -----------------------------------

def test_technology_contracts_counted_then_their_turnover():
    from policyqa.search.answer import extract_answer
    from tests.inline_index import hit

    passage = hit("1—6月份，全省技术合同成交总额750.2亿元，同比增长25.6%。其中，吸纳技术合同8024项，成交额428.4亿元；"
                  "全省输出技术合同8512项，成交额321.8亿元。", year=2022, city=None, province="安徽")

    def answer(question):
        found = extract_answer(parse_query(question, builtin_groups()), [passage])
        return found and found.answer

    assert answer("安徽2022年上半年吸纳技术合同成交额是多少") == "428.4亿元"
    assert answer("安徽2022年上半年输出技术合同成交额是多少") == "321.8亿元"
    assert answer("安徽2022年上半年技术合同成交额是多少") == "750.2亿元"


def test_a_progress_reports_opening_dates_its_period_and_each_item_sets_its_own_year():
    from policyqa.search.answer import extract_answer
    from tests.inline_index import hit

    passage = hit("今年1-3季度，全市较好完成了各项指标任务，现将工作进展情况汇报如下：\n\n"
                  "（一）指标完成情况。一是研发活动统计指标。2024年我市全社会研发投入上报数为27.84亿元，同比增长8.7%。"
                  "二是技术合同成交额。完成技术合同成交额34.25亿元，完成全年目标任务73.5%。",
                  ("一、重点工作完成情况",), year=2025, city="黄石", province="湖北")
    assert lexicon.part_of_year("2025年1-3季度") == "前三季度"
    found = extract_answer(parse_query("黄石 2025年1-3季度 技术合同成交额", builtin_groups()), [passage])
    assert found is not None and found.answer == "34.25亿元"


def test_a_question_spelling_out_gdp_is_answered_by_a_report_writing_gdp():
    from policyqa.search.answer import extract_answer
    from tests.inline_index import hit

    passage = hit("全年GDP增长8.7%，首次突破千亿大关，达到1102.3亿元，一般公共预算收入增长1.4%。", year=2021,
                  city="景德镇", province="江西")
    found = extract_answer(parse_query("景德镇2021年地区生产总值是多少", builtin_groups()), [passage])
    assert found is not None and found.answer == "1102.3亿元"


def test_the_base_of_a_share_is_not_whose_figure_it_is():
    from policyqa.search.answer import extract_answer
    from tests.inline_index import hit

    passage = hit("2023年，高新区拥有高新技术企业65户、占全市的40.1%。", year=2023, city="抚顺", province="辽宁",
                  county="抚顺高新区")
    question = "What share of Fushun's high-tech enterprises were in the Fushun High-tech Zone at the end of 2023?"
    found = extract_answer(parse_query(question, builtin_groups()), [passage])
    assert found is not None and found.answer == "40.1%"


def test_a_citys_zone_is_not_inside_the_county_of_the_same_name():
    from policyqa.search.places import INSIDE, relation
    from policyqa.index.gazetteer import lookup
    from tests.inline_index import hit

    zone = hit("…", city="长沙", province="湖南", county="长沙高新区").doc
    assert relation(zone, lookup("长沙县")) is None
    assert relation(hit("…", city="九江", province="江西", county="共青城高新区").doc, lookup("共青城市")) == INSIDE


def test_a_first_batch_of_another_thing_does_not_block_a_total():
    from policyqa.search.answer import extract_answer
    from tests.inline_index import hit

    passage = hit("作为全国首批创新型城市，全市高新技术企业总数达到1000家。", year=2021, city="宜昌")
    found = extract_answer(parse_query("宜昌2021年高新技术企业总数是多少", builtin_groups()), [passage])
    assert found is not None and found.answer == "1000家"


def test_a_period_named_in_another_paragraph_does_not_date_the_figure():
    from policyqa.search.answer import extract_answer
    from tests.inline_index import hit

    passage = hit("上半年，全市技术合同成交额增长20%。\n\n2021年，全市新增高新技术企业120家。", year=2021, city="宜昌")
    assert extract_answer(parse_query("宜昌2021年上半年新增高新技术企业多少家", builtin_groups()), [passage]) is None
