"""Session 13: a level written before the counted noun (几家省瞪羚企业); 规上/规模以上企业 make a measure a part; a
round figure a headline passed gives way to the report's exact figure; 金额 says an amount; 年度 opens no place and
得分 names a measure; English value/cultivate; 哪个区 with a district name several cities share, and a city before
its own district; the one name a report gives before 等 and a count; a paragraph opening with the year ahead and 将
states targets; 技术合同成交总额.

The report texts below are invented for these tests (places are real, figures and company names are not)."""
from __future__ import annotations

from tests.inline_index import ask, engine, hit


def _answer(question: str, *hits):
    found = ask(question, *hits)
    return found and found.answer


# --- 1. a level before the counted noun -----------------------------------------------------------------------------

def test_a_level_before_the_counted_noun_counts_that_noun_not_the_verb():
    """「长兴县2025年认定了几家省瞪羚企业」 counts 瞪羚企业 on the province's list (省 says which list): 12家, not the
    2家 the sentence's first 认定 is next to, nor the 6家 潜在独角兽企业."""
    passage = hit("一是认定华森科技、青禾生物2家企业为省独角兽企业，独角兽企业数量实现零的跨越；认定恒远精密、绿洲农业、"
                  "云杉材料等6家省潜在独角兽企业，认定云帆智能、松川材料、明德电子等12家省瞪羚企业，梯队培育成效明显。",
                  year=2025, city="湖州", province="浙江", county="长兴县")
    assert _answer("长兴县2025年认定了几家省瞪羚企业", passage) == "12家"


# --- 2. 规上/规模以上(工业)企业 qualify a measure ------------------------------------------------------------------------

def test_above_designated_size_enterprises_figure_is_a_part_not_the_whole():
    """「规模以上工业企业研发投入强度接近1.8%」 is the part of the economy above designated size; the place's own R&D
    intensity is the society-wide 2.3%. A question naming the qualifier, written either way, gets the part's 1.8%."""
    part = hit("2023年，绵阳市规模以上工业企业研发投入强度接近1.8%，较上年提高0.2个百分点。", year=2023, city="绵阳",
               province="四川")
    whole = hit("全社会研发投入强度由2.1%上升到2.3%，创新能力持续增强。", year=2023, city="绵阳", province="四川",
                doc_id=2)
    assert _answer("绵阳2023年研发经费投入强度是多少", part, whole) == "2.3%"
    assert _answer("绵阳2023年规上工业企业研发投入强度是多少", part, whole) in ("1.8%", "接近1.8%")
    assert _answer("绵阳2023年规模以上工业企业研发投入强度是多少", part, whole) in ("1.8%", "接近1.8%")


def test_a_share_of_above_size_enterprises_still_answers_its_question():
    """Guard (passes before the change too): 「全市210家规上工业企业设立了研发机构，覆盖率达26.5%」 — the question
    names the 规上 enterprises itself, and the coverage is theirs: 26.5%."""
    passage = hit("2023年，全市210家规上工业企业设立了研发机构，覆盖率达26.5%。", year=2023, city="绵阳", province="四川")
    assert _answer("绵阳设立研发机构的规上工业企业覆盖率", passage) == "26.5%"


# --- 3. a headline's round figure passed, the report's exact figure -----------------------------------------------------

def test_the_exact_figure_of_the_report_answers_not_the_round_one_its_headline_passed():
    """「石棉县国家高新技术企业总数首超20家」 says a round mark was passed; the same report says the total reached 23家,
    and that is the total asked for."""
    place = dict(year=2023, city="雅安", province="四川", county="石棉县", doc_id=4)
    headline = hit("石棉县国家高新技术企业总数首超20家", **place)
    body = hit("2023年，石棉县新认定国家高新技术企业6家，全县国家高新技术企业达到23家。", **place)
    assert _answer("石棉县2023年国家高新技术企业总数是多少", headline, body) == "23家"
    assert _answer("石棉县2023年国家高新技术企业总数", headline, body) == "23家"


def test_the_exact_figure_wins_even_from_a_weaker_sentence():
    """「绵阳市科技型中小企业评价入库数突破2000家」 names every word of the question; 「全年累计入库2125家」 names fewer,
    but it is the figure reached: the user gets 2125家, not the mark 2000家 (and not nothing)."""
    report = dict(year=2023, city="绵阳", province="四川", doc_id=3)
    headline = hit("绵阳市科技型中小企业评价入库数突破2000家", **report)
    body = hit("日前，省科技厅公布了第五批科技型中小企业评价入库名单。今年绵阳市科技型中小企业评价入库数量大幅增长，"
               "首次突破2000家，总量居全省第二。全年累计入库2125家，比上年增长31.5%。", **report)
    assert _answer("绵阳2023年科技型中小企业评价入库累计多少家", headline, body) == "2125家"


# --- 4. 金额 ----------------------------------------------------------------------------------------------------------

def test_amount_word_in_a_keyword_query():
    """「泸州 2023 高新技术企业认定奖补资金 兑现金额」: 金额 says an amount is wanted, of the 奖补资金 paid out."""
    passage = hit("2023年，全市共兑现高新技术企业认定奖补资金520万元，惠及企业86家。", year=2023, city="泸州",
                  province="四川")
    assert _answer("泸州 2023 高新技术企业认定奖补资金 兑现金额", passage) == "520万元"


# --- 5. 年度 … 区, 得分 -------------------------------------------------------------------------------------------------

def test_a_year_of_assessment_before_a_zone_name_opens_no_place_and_a_score_is_a_measure():
    """「嘉兴2021年度参评高新区综合评价平均得分」 asks a figure (得分), about 嘉兴; 「度参评高新区」 is no place."""
    passage = hit("2021年度，5家参评高新区综合评价平均得分78.2分，位居全省前列。", year=2022, city="嘉兴",
                  province="浙江")
    assert _answer("嘉兴2021年度参评高新区综合评价平均得分", passage) == "78.2分"


# --- 6. English: value of technology contracts, cultivate ------------------------------------------------------------

ENGLISH = {
    "zunyi.txt": "遵义市2023年科技工作总结\n\n2023年，全市新培育国家高新技术企业45家，高新技术企业总数达到420家。\n",
    "guizhou.txt": "贵州省2023年科技创新工作情况\n\n2023年，全省共登记技术合同1.2万项，技术合同成交额412.6亿元，"
                   "同比增长35%。\n",
}


def test_english_total_value_of_technology_contracts_is_the_turnover(tmp_path):
    """「the total value of technology contracts」 is 技术合同成交额, an amount: 412.6亿元, not the count of contracts."""
    with engine(tmp_path, ENGLISH) as qa:
        assert qa.ask("What was the total value of technology contracts in Guizhou in 2023?").answer == "412.6亿元"


def test_english_cultivate_is_understood(tmp_path):
    """「newly cultivate」 is 新培育: the question is read and answered (45家), not left with an unread word."""
    with engine(tmp_path, ENGLISH) as qa:
        assert qa.ask("How many national high-tech enterprises did Zunyi newly cultivate in 2023?").answer == "45家"


# --- 7. 哪个区 --------------------------------------------------------------------------------------------------------

def test_a_shared_district_name_is_the_one_inside_the_asked_place():
    """江北区 is both 重庆's and 宁波's; a question about 重庆 reads it as 重庆's and names it."""
    passage = hit("江北区在电子信息行业排名第1位；", year=2021, city="重庆", province="重庆")
    assert _answer("重庆哪个区县在电子信息行业排名第1位", passage) == "江北区"


def test_a_city_before_its_own_district_only_locates_it():
    """「福州市鼓楼区跻身前20」 names the district 鼓楼区; 福州市 only says where it is, and is no district."""
    passage = hit("2023年度创新百强区榜单发布，其中福州市鼓楼区跻身前20。", year=2023, city=None, province="福建")
    assert _answer("福建在2023年度创新百强区榜单里排名最靠前的是哪个区", passage) == "鼓楼区"


# --- 8. the one name given before 等 and a count ----------------------------------------------------------------------

def test_the_name_given_before_a_count_answers_which_one_the_report_names():
    """「蜀光智算等30个大模型成功发布」: the one model named is 蜀光智算."""
    passage = hit("2024年，全省人工智能产业加快发展，蜀光智算等30个大模型成功发布，算力规模位居西部前列。", year=2024,
                  city=None, province="四川")
    assert _answer("四川2024年发布的30个大模型里举例提到的是哪个", passage) == "蜀光智算"


def test_the_named_example_is_given_without_the_words_opening_its_clause():
    """「组建了稀土功能材料等4个创新联合体」 names 稀土功能材料 (not 组建了…); 「我省有太原晋阳精工机械有限责任公司等7家
    企业」 names the company (not 我省有…); with two groups in one sentence, each question gets its own group's name."""
    alliances = hit("2023年，全省组建了稀土功能材料等4个创新联合体，培育了滇中精工等10家科技领军企业。", year=2023,
                    city=None, province="云南")
    assert _answer("云南2023年组建的4个创新联合体里举例提到的是哪个", alliances) == "稀土功能材料"
    assert _answer("云南2023年培育的10家科技领军企业里举例提到的是哪家", alliances) == "滇中精工"
    firms = hit("近日，工信部公布了第五批专精特新“小巨人”企业名单，我省有太原晋阳精工机械有限责任公司等7家企业榜上有名。",
                year=2023, city=None, province="山西")
    assert _answer("山西入选第五批专精特新小巨人的7家企业里，报道点名的是哪家", firms) == "太原晋阳精工机械有限责任公司"


# --- 10. a paragraph opening with the year ahead and 将 ---------------------------------------------------------------

PLAN = ("2025年，全省将启动实施人工智能、新材料等重大科技专项10项；实施科技企业梯度培育行动，向国家推荐备案高新技术企业"
        "1500家以上，新增科技型中小企业2000家，争取实现全社会研发投入增长10%以上。")


def test_a_paragraph_opening_with_the_year_ahead_and_will_states_targets():
    """「2025年，全省将启动实施…；…向国家推荐备案高新技术企业1500家以上，…增长10%以上」: 1500家以上 is a target (the
    growth further on in the list reports nothing), so the question about what was actually recommended gets no
    answer and the question about the plan gets 1500家以上."""
    passage = hit(PLAN, year=2025, city=None, province="广西")
    assert _answer("广西2025年实际向国家推荐备案了多少家高新技术企业", passage) is None
    assert _answer("广西2025年计划向国家推荐备案多少家高新技术企业", passage) == "1500家以上"


def test_will_of_an_object_reports_what_was_done():
    """Guard (passes before the change too): 「2022年，我市将科技创新作为…」 — 将 takes an object here; the paragraph
    reports 2022's results, and 150家 answers how many were added."""
    passage = hit("2022年，我市将科技创新作为高质量发展的首要任务，全年新增高新技术企业150家，同比增长25%。", year=2022,
                  city="玉林", province="广西")
    assert _answer("玉林2022年新增高新技术企业多少家", passage) == "150家"


# --- 11. 技术合同成交总额 --------------------------------------------------------------------------------------------------

def test_technology_contract_total_turnover_is_the_turnover():
    """「技术合同成交总额300.5亿元」 is the 技术合同成交额 asked."""
    passage = hit("2023年，全省技术合同成交总额300.5亿元，同比增长22%。", year=2023, city=None, province="甘肃")
    assert _answer("甘肃2023年技术合同成交额是多少", passage) == "300.5亿元"
