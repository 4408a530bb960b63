"""Session 12: a batch named before another figure is that figure's, not the other's; a status verb (认定, 入库 …)
right before the question word counts what the status is granted to; a paragraph turned to 去年 dates its sentences
in a report published the year after; 「Y年以来」 is not the asked year when another year is named; 全称 asks for the
whole 《…》 title; a town opening a sentence speaks for itself, and a county inside a company's name does not make a
figure the county's; a page without commas runs indicators together, and 力争 heading a list governs every item; a
quoted phrase after a verb inside the asked noun is no name; English patent grants and 'for the first time'.

The report texts below are invented for these tests (places are real, figures are not)."""
from __future__ import annotations

import pytest

from policyqa.search.query import parse_query
from policyqa.search.synonyms import builtin_groups
from tests.inline_index import ask, build, engine, hit

REPORTS = {
    "wuhu.txt": "芜湖市2023年科技创新工作总结\n\n"
                "2023年，全市第一批认定高新技术企业215家，有效高新技术企业数达870家，同比增长18%。\n",
    "xuancheng.txt": "宣城市2023年科技型中小企业入库情况\n\n"
                     "日前，第十批科技型中小企业入库名单公布，全市入库企业共计185家。\n",
    "haian.txt": "海安市2023年科技工作总结\n\n"
                 "2023年，海安市科技创新工作取得新成效。今年通过国家高新技术企业46家，同比增长15%。\n",
    "jiangyin.txt": "江阴市推进高质量发展\n\n发布时间:2024-11-14\n\n"
                    "去年，全市年产20万吨新材料项目建成投产。全市新增科技型中小企业728家，新增省级工程技术研究中心12家。\n\n"
                    "今年以来，全市技术合同成交额达到85亿元。\n",
    "zhuji.txt": "诸暨市2009年科技工作通报\n\n"
                 "截至2009年底，全市累计获得国家科技进步奖7项，新增省级高新技术企业研发中心9家。\n",
    "kunshan.txt": "昆山市出台科技创新券管理办法\n\n"
                   "2022年，昆山市出台了《昆山市科技创新券管理办法（试行）》，全年发放创新券3000万元。\n",
    "suqian.txt": "宿迁市2024年科技工作要点\n\n"
                  "2024年，全市科技工作要力争实现全年新增省级研发平台5家、全市高新技术企业达到640家、技术合同成交额突破80亿元。\n",
}

TOWNS = {
    "rugao.txt": "如皋市2023年科技创新工作总结\n\n"
                 "2023年，如皋市技术合同成交额达到42亿元。白蒲镇今年新增高新技术企业10家，其中4家为新认定。\n",
    "nantong.txt": "南通市2023年科技工作总结\n\n2023年，全市技术合同成交额达到300亿元。\n",
}


@pytest.fixture(scope="module")
def qa(tmp_path_factory):
    engine = build(tmp_path_factory.mktemp("session12-answers"), REPORTS)
    yield engine
    engine.close()


@pytest.fixture(scope="module")
def towns(tmp_path_factory):
    engine = build(tmp_path_factory.mktemp("session12-towns"), TOWNS)
    yield engine
    engine.close()


def _answer(question: str, *hits):
    found = ask(question, *hits)
    return found and found.answer


# --- 1. a batch's count and the figure after it ------------------------------------------------------------------

def test_a_batch_named_before_another_figure_does_not_take_that_figure(qa):
    """「第一批认定…215家，有效高新技术企业数达870家」: the batch is 215家's; a user asking how many valid high-tech
    enterprises the city has should get 870家, not be told there is no answer. (The last two asserts are a guard that
    held before the change too: 「第十批入库名单公布，全市入库企业共计185家」 is one batch's count, no total.)"""
    assert qa.ask("芜湖2023年有效高新技术企业有多少家").answer == "870家"
    assert qa.ask("宣城市2023年科技型中小企业总数是多少").answer is None
    assert qa.ask("宣城市2023年第十批入库科技型中小企业多少家").answer == "185家"


# --- 2. a status verb before the question word ----------------------------------------------------------------------

def test_a_status_verb_before_the_question_word_counts_what_it_is_granted_to(qa):
    """「通过国家高新技术企业认定多少家」 counts 高新技术企业 (认定 is the status, not the thing counted): a report
    saying 「今年通过国家高新技术企业46家」 answers it."""
    query = parse_query("海安市2023年通过国家高新技术企业认定多少家", builtin_groups())
    assert any("高新技术企业" in alts for alts in query.focus)
    assert qa.ask("海安市2023年通过国家高新技术企业认定多少家").answer == "46家"


# --- 3. a paragraph turned to the previous year ---------------------------------------------------------------------

def test_a_paragraph_turned_to_last_year_answers_for_that_year(qa):
    """A page published in 2024 whose paragraph opens with 「去年，…」 reports 2023's figures in its later sentences:
    a question about 2023 is answered from them."""
    assert qa.ask("江阴市2023年新增科技型中小企业多少家").answer == "728家"
    assert qa.ask("江阴市2023年新增省级工程技术研究中心多少家").answer == "12家"


# --- 4. 「Y年以来」 is not the asked year when another is named -----------------------------------------------------

def test_the_year_a_span_starts_from_is_not_the_asked_year_when_another_is_named(qa):
    """「2001年以来…（2009年科技工作通报）」 asks about the 2009 report's cumulative figure, so it is answered from the
    2009 report rather than looked for in 2001."""
    question = "诸暨市2001年以来累计获得国家科技进步奖多少项（2009年科技工作通报）"
    assert parse_query(question, builtin_groups()).year == 2009
    assert qa.ask(question).answer == "7项"


# --- 5. 全称 --------------------------------------------------------------------------------------------------------

def test_a_full_name_question_is_answered_with_the_whole_title(qa):
    """「…办法全称是什么」 asks for the measure's whole name, which the report gives in 《…》."""
    assert qa.ask("昆山市2022年出台的创新券管理办法全称是什么").answer == "昆山市科技创新券管理办法（试行）"
    assert qa.ask("昆山2022年出台的管理办法全称是什么").answer == "昆山市科技创新券管理办法（试行）"


# --- 6. a town speaks for itself; a county in a company's name --------------------------------------------------------

def test_a_town_opening_a_sentence_does_not_answer_for_its_county(towns):
    """In a county's report, 「白蒲镇今年新增高新技术企业10家」 is the town's figure: a user asking about the whole
    county must not be given one town's 10家."""
    assert towns.ask("如皋市2023年新增了多少家高新技术企业").answer is None


def test_a_town_opening_a_sentence_still_answers_for_the_town(towns):
    """Guard (passes before the change too): the town's own question is still answered by its sentence."""
    assert towns.ask("白蒲镇2023年新增了多少家高新技术企业").answer == "10家"


def test_a_county_inside_a_company_name_does_not_make_the_figure_the_countys():
    """「如皋市博远纺织科技有限公司等企业…新增高新技术企业8家」 in a town's news filed under the city names 如皋市 only
    as part of a company's name: 8家 is not the county's count."""
    passage = hit("2023年，如皋市博远纺织科技有限公司等企业通过认定，今年新增高新技术企业8家。", year=2023, city="南通",
                  province="江苏")
    assert _answer("如皋市2023年新增高新技术企业多少家", passage) is None
    assert _answer("如皋2023年新增了多少家高新技术企业", passage) is None


# --- 7. a page without commas; 力争 heading a list --------------------------------------------------------------------

def test_a_figure_after_another_named_thing_does_not_answer_for_the_first(qa):
    """A page that lost its commas: 「有效发明专利数3150件国家级孵化器…新增省级重点人才项目入选数16个」 — 16个
    counts talent projects, not valid invention patents."""
    passage = hit("2024年,有效发明专利数3150件国家级孵化器占全市1/4,批发零售业销售额占全市28.5%新增省级重点人才项目"
                  "入选数16个", year=2024, city="盐城", province="江苏")
    assert _answer("盐城市2024年有效发明专利有多少件", passage) != "16个"
    assert _answer("盐城市2024年有效发明专利实际达到多少件", passage) != "16个"


def test_a_list_headed_by_strive_is_no_result(qa):
    """「要力争实现全年新增省级研发平台5家、全市高新技术企业达到640家…」: every item of the list is a target, so
    640家 does not answer what was actually reached."""
    assert qa.ask("宿迁市2024年高新技术企业实际达到多少家").answer is None
    assert qa.ask("宿迁市2024年高新技术企业有多少家").answer is None


# --- 8. a quoted phrase is no name ------------------------------------------------------------------------------------

def test_a_quoted_phrase_after_a_verb_of_the_asked_noun_is_no_honour():
    """「坚持在创新上下“绣花针”的功夫」: 创新 is part of the asked 科技创新荣誉, not a verb the question asks about, so
    the quoted slogan is not offered as the honour won."""
    passage = hit("淮安市坚持在创新上下“绣花针”的功夫，全市首次夺得省级科技创新荣誉。", year=2023, city="淮安",
                  province="江苏")
    assert _answer("淮安市2023年首次夺得的省级科技创新荣誉是什么", passage) != "绣花针"
    passage = hit("2023年，淮安市坚持在创新上下“久久为功”的功夫，全市首次夺得省级科技创新荣誉。", year=2023,
                  city="淮安", province="江苏")
    assert _answer("淮安市2023年首次夺得的省级科技创新荣誉是什么", passage) != "久久为功"


# --- 9. English ---------------------------------------------------------------------------------------------------------

def test_english_invention_patent_grants_are_read():
    """「invention patent grants」 is 发明专利授权: an English question about them is understood, not left unread."""
    query = parse_query("By how much did Kunshan's invention patent grants grow in 2023?", builtin_groups())
    assert any("发明专利授权" in alts for alts in query.terms)
    assert not {"invention", "patent", "grants"} & set(query.unread)


def test_english_for_the_first_time_is_read():
    """「for the first time」 is 首次, a word reports use for a first honour."""
    query = parse_query("What honour did Kunshan win for the first time in 2023?", builtin_groups())
    assert any("首次" in alts for alts in query.terms)
    assert not {"first", "time"} & set(query.unread)


# --- 10. later in the session: 据悉 before a town, a quote's own clause, shares and targets, pointed names, places
# compared without a year ---------------------------------------------------------------------------------------------

def test_a_town_after_a_lead_word_still_speaks_for_itself():
    """「据悉，白蒲镇今年新增高新技术企业10家」 opens with the town all the same: not the county's figure."""
    passage = hit("据悉，白蒲镇今年新增高新技术企业10家，其中4家为新认定。", year=2023, city="南通", province="江苏",
                  county="如皋市")
    assert _answer("如皋市2023年新增了多少家高新技术企业", passage) is None
    assert _answer("白蒲镇2023年新增了多少家高新技术企业", passage) == "10家"


def test_a_quoted_phrase_is_tied_only_to_its_own_clause():
    """「…“绣花针”的功夫，首次夺得省级科技创新荣誉」: the honour is named in the next clause, which does not make the
    slogan its name."""
    passage = hit("全市坚持在创新上下“绣花针”的功夫，首次夺得省级科技创新荣誉。", year=2023, city="淮安", province="江苏")
    assert _answer("淮安市2023年首次夺得的省级科技创新荣誉是什么", passage) is None


def test_a_share_of_the_whole_and_an_expected_figure():
    """「…一般预算收入预期占全市多少」 asks a plan's share: 「全年主要预期目标是：一般预算收入占全市30.5%」 answers it
    (a share, not the amount; 预期 asks for the target)."""
    passage = hit("全年主要预期目标是：一般预算收入占全市30.5%，实际利用外资1亿美元。", year=2024, city="南通",
                  province="江苏", county="海门区")
    assert _answer("海门区2024年一般预算收入预期占全市多少", passage) == "30.5%"
    query = parse_query("海门区2024年一般预算收入预期占全市多少", builtin_groups())
    assert query.asks == "ratio" and query.wants_target


def test_a_company_picked_from_a_list_by_its_business():
    """「…认定的企业中，做纺织科技的那家叫什么」: 那家 asks for a company, and of those listed the one whose name says
    纺织 is it (not the first listed, nor 「为新认定」 read as a name)."""
    passage = hit("2023年，白蒲镇再次通过3家国家高企认定，分别是南通恒泰新材料科技有限公司、如皋市锦华纺织科技有限公司、"
                  "如皋市远帆能源科技有限公司。其中2家企业为新认定。", year=2023, city="南通", province="江苏",
                  county="如皋市")
    assert _answer("白蒲镇2023年通过国家高企认定的企业中，做纺织科技的那家叫什么", passage) == "如皋市锦华纺织科技有限公司"


CROSS = {
    "ningguo2022.txt": "宁国市高新技术企业发展情况\n\n2022年，宁国市高新技术企业总数达到120家，高新技术企业数量稳步增长。\n",
    "ningguo2024.txt": "宁国市2024年科技工作总结\n\n2024年，宁国市高新技术企业总数达到165家。\n",
    "guangde2024.txt": "广德市2024年科技工作总结\n\n2024年，广德市高新技术企业总数达到140家。\n",
}


def test_places_compared_without_a_year_show_their_latest_reports(tmp_path):
    """「宁国和广德的高新技术企业各有多少家」 names no year: each place is shown as it stands, by its latest report
    that gives the figure (宁国's 2024 report, not its 2022 one)."""
    with engine(tmp_path, CROSS) as qa:
        cited = [c.doc for c in qa.ask("宁国和广德的高新技术企业各有多少家").citations]
    assert "guangde2024.txt" in cited[:2]
    assert next(name for name in cited if name.startswith("ningguo")) == "ningguo2024.txt"


NAMED = {
    "hunan.txt": "湖南省2023年高新技术产业发展报告\n\n2023年，全省实现高新技术产业增加值11000亿元。\n",
    "zhuzhou.txt": "株洲市2023年高新技术产业发展情况\n\n2023年，株洲市实现高新技术产业增加值900亿元。\n",
    "hengyang.txt": "衡阳市2023年高新技术产业发展情况\n\n2023年，衡阳市实现高新技术产业增加值700亿元。\n",
    "changde.txt": "常德市2023年高新技术产业发展情况\n\n2023年，常德市实现高新技术产业增加值650亿元。\n",
    "yueyang.txt": "岳阳市2023年高新技术产业发展情况\n\n2023年，岳阳市实现高新技术产业增加值600亿元。\n",
    "wuxue.txt": "武穴市高新技术产业增加值增速超预期\n\n"
                 "核心提示：1-6月，武穴市规模以上高新技术产业完成增加值27.5亿元，同比增长15%。\n",
}


def test_places_named_and_compared_are_each_shown_by_their_own_report(tmp_path):
    """「比较湖南省和武穴市的高新技术产业增加值」 names two places and asks each: both are shown by their own reports'
    figures in the first results, not crowded out by 湖南's cities; and 「…完成增加值27.5亿元」 names the measure though
    a verb stands inside it."""
    query = parse_query("比较湖南省和武穴市的高新技术产业增加值", builtin_groups())
    assert query.cross_city and query.asks == "list"
    with engine(tmp_path, NAMED) as qa:
        result = qa.ask("比较湖南省和武穴市的高新技术产业增加值")
        top = [c.doc for c in result.citations[:2]]
        assert result.answer is None  # a comparison is answered by its passages, not by one figure
        assert qa.ask("武穴市的高新技术产业增加值是多少").answer == "27.5亿元"
    assert sorted(top) == ["hunan.txt", "wuxue.txt"]


def test_english_domain_verbs_and_phrases_are_read():
    """Everyday English for the domain's measures — patents a place holds, the first batch, engineering technology
    research centres, fiscal science spending, researchers, contracts signed — is understood rather than left
    unread (an English question with an unread word gets no answer)."""
    for question in ("How many valid invention patents did Kunshan hold at the end of 2023?",
                     "How many national high-tech enterprises did Wuhu certify in the first batch of 2023?",
                     "How many provincial engineering technology research centers did Haian have in 2023?",
                     "How much fiscal science and technology spending did Haian make in 2023?",
                     "How many researchers did Haian have in 2023?",
                     "How many technology contracts were signed in Haian in 2023?"):
        assert parse_query(question, builtin_groups()).unread == (), question


# --- 11. guards from the review of this session's rules: each case must keep working -------------------------------

def test_last_year_as_a_comparison_base_dates_nothing(tmp_path):
    """Guard: 「比上年同期增长20%」 compares with last year; the sentences after it are this year's, so a question
    about last year is not answered with them."""
    reports = {"jy.txt": "江阴市上半年科技工作\n\n发布时间:2024-07-15\n\n今年以来，全市技术合同成交额达到85亿元，"
                         "比上年同期增长20%。全市新增科技型中小企业300家，新增省级工程技术研究中心9家。\n"}
    with engine(tmp_path, reports) as qa:
        assert qa.ask("江阴市2023年新增省级工程技术研究中心多少家").answer is None


def test_a_comparison_year_in_the_question_is_not_the_asked_year():
    """Guard: 「…与2015年相比如何」 asks about the year before it, not 2015."""
    query = parse_query("宿迁市2020年以来累计新增高新技术企业多少家？与2015年相比如何", builtin_groups())
    assert query.year == 2020


def test_beating_expectations_is_no_target_question():
    """Guard: 「超出预期了吗」 asks for the result; 「预期占全市多少」 asks for the plan's figure."""
    assert not parse_query("宿迁市2023年地区生产总值实际增长多少，超出预期了吗", builtin_groups()).wants_target
    assert parse_query("海门区2024年一般预算收入预期占全市多少", builtin_groups()).wants_target


def test_words_ending_like_towns_are_no_towns():
    """Guard: 「科技下乡活动…」「工业强镇战略…」「科创小镇建设…」「乡镇街道…」 open a county's own sentence; its figure
    is still the county's."""
    for opening in ("科技下乡活动深入开展，", "工业强镇战略深入实施，", "科创小镇建设提速，", "乡镇街道"):
        passage = hit(f"2023年，{opening}新增高新技术企业45家。", year=2023, city="南通", province="江苏",
                      county="如皋市")
        assert _answer("如皋市2023年新增了多少家高新技术企业", passage) == "45家", opening


def test_a_town_after_a_lead_word_answers_its_own_question_with_its_county_named():
    """「如皋市白蒲镇…」 names the county and the town: the town's sentence answers it."""
    passage = hit("据悉，白蒲镇今年新增高新技术企业10家，其中4家为新认定。", year=2023, city="南通", province="江苏",
                  county="如皋市")
    assert _answer("如皋市白蒲镇2023年新增了多少家高新技术企业", passage) == "10家"


def test_obtained_projects_head_no_target_list():
    """Guard: 「全市争取省级以上科技项目35项、新增高新技术企业52家」: 争取 here says what was obtained."""
    passage = hit("2023年，全市争取省级以上科技项目35项、新增高新技术企业52家、技术合同成交额85亿元。", year=2023,
                  city="宿迁", province="江苏")
    assert _answer("宿迁市2023年新增高新技术企业多少家", passage) == "52家"


def test_a_place_before_a_university_it_visits_is_still_named():
    """Guard: 「如皋市组织企业赴清华大学对接」 names 如皋市 itself, not a company of it."""
    passage = hit("2023年，如皋市组织企业赴清华大学对接，新增高新技术企业45家。", year=2023, city="南通",
                  province="江苏")
    assert _answer("如皋市2023年新增高新技术企业多少家", passage) == "45家"


def test_partner_places_do_not_make_a_comparison():
    """Guard: 「宜昌市…分别与武汉、襄阳签订…共多少项」 asks one figure of 宜昌, not a list of places."""
    query = parse_query("宜昌市2023年分别与武汉、襄阳签订科技合作协议共多少项", builtin_groups())
    assert not query.cross_city
