"""Answer extraction on small inline passages (no index, no model)."""
from policyqa.index.reader import DocInfo
from policyqa.index.records import Chunk
from policyqa.search.answer import extract_answer
from policyqa.search.query import parse_query
from policyqa.search.records import Hit
from policyqa.search.synonyms import builtin_groups


def hit(text, headings=(), year=2016, city="咸宁", date=None, doc_id=1):
    doc = DocInfo(doc_id, f"{doc_id}.txt", f"/x/{doc_id}.txt", "标题", "市科技局", city, "湖北", date, year,
                  None, None, "总结")
    return Hit(doc_id * 100, Chunk(doc.name, 0, text, 0, len(text), tuple(headings)), doc, 1.0)


def ask(question, *hits):
    return extract_answer(parse_query(question, builtin_groups()), list(hits))


def test_the_figure_of_the_asked_indicator_is_picked_from_a_sentence_of_many():
    text = ("组织申报高新技术企业80家,其中新认定高新技术企业63家,复审高新技术企业17家,"
            "经评审认定2016年全市新增高新技术企业61家,全市高新技术企业总数达到152家。")
    assert ask("咸宁2016年新增几家高企", hit(text)).answer == "61家"
    total = ask("2016年咸宁全市高新技术企业总数达到多少家", hit(text))
    assert total.answer == "152家" and total.quote == text


def test_units_follow_the_question():
    text = "技术合同成交总金额达17.58亿元,全市转化科技成果48项,高新技术产业增加值占GDP比重达到8.9%。"
    assert ask("技术合同成交总金额是多少", hit(text)).answer == "17.58亿元"
    assert ask("转化科技成果多少项", hit(text)).answer == "48项"
    assert ask("高新技术产业增加值占GDP比重是多少", hit(text)).answer == "8.9%"


def test_spaces_inside_a_figure_are_removed_from_the_short_answer_but_kept_in_the_quote():
    text = "五是创新能力大幅提升。全市新增高新技术企业 29 家,为历年最多。"
    found = ask("商丘2016年新增高新技术企业多少家", hit(text, city="商丘"))
    assert found.answer == "29家" and "29 家" in found.quote


def test_a_rank_question_gets_the_position():
    text = "天门高新区在2022年度省级高新区创新驱动发展综合评价中排名第6。"
    assert ask("天门高新区在省级高新区综合评价中排名第几", hit(text, city="天门")).answer == "第6"


def test_quoted_names_answer_what_questions_but_not_the_names_the_question_uses():
    text = "2016年12月,市科技局被科技部、中央宣传部、中国科协联合授予“全国科普工作先进集体”,全省仅3家单位获此荣誉。"
    assert ask("咸宁市科技局2016年被授予什么国家级荣誉", hit(text)).answer == "全国科普工作先进集体"
    text = "维达力科技股份有限公司成功入选“独角兽”企业,26家企业入选瞪羚企业。"
    assert ask("咸宁哪家企业入选独角兽企业", hit(text)).answer == "维达力科技股份有限公司"


def test_the_name_next_to_the_asked_noun_wins_over_a_document_title_about_the_subject():
    text = ("坚持“研发在武汉,生产在天门”创新发展模式,积极融入武汉都市圈。"
            "出台了《天门(武汉)离岸科技创新中心入驻管理办法》,运营公司已签订入驻协议。")
    found = ask("天门(武汉)离岸科技创新中心采用什么发展模式", hit(text, headings=("3.加快离岸科创中心建设",), city="天门"))
    assert found.answer == "研发在武汉,生产在天门"


def test_a_figure_explicitly_about_another_year_is_not_taken():
    text = "2015年全市新增高新技术企业40家。"
    assert ask("咸宁2016年新增几家高企", hit(text, year=2015)) is None


def test_weak_evidence_gives_no_answer():
    text = "举办支部主题党日活动12期,把党的建设向基层延伸。"
    assert ask("咸宁2016年新增几家高企", hit(text)) is None


def test_an_achieved_question_prefers_the_result_over_the_target_in_the_heading():
    target = hit("三、完成科技成果转化120项、技术合同登记成交总额200亿元以上。",
                 headings=("三、完成科技成果转化120项、技术合同登记成交总额200亿元以上",), year=2024)
    done = hit("一是开展转化对接,目前完成成果转化95项。", year=2024, doc_id=2)
    assert ask("咸宁2024年目前完成科技成果转化多少项", target, done).answer == "95项"


def test_cross_city_questions_have_no_single_answer():
    assert ask("各地是如何建设离岸科创中心的", hit("天门(武汉)离岸科技创新中心空间载体建设基本完成。")) is None


def test_a_time_word_before_the_question_word_is_not_what_is_measured():
    text = "一季度完成高新技术产业增加值11.86亿元,新增入统单位15个,总数达到166个。"
    for question in ("天门入统单位总数现在有多少个", "天门入统单位总数目前有多少个"):
        assert ask(question, hit(text, city="天门", year=2023)).answer == "166个", question


def test_a_part_year_figure_does_not_answer_for_the_whole_year():
    text = "一季度完成高新技术产业增加值11.86亿元,新增入统单位15个。"
    passage = hit(text, city="天门", year=2023)
    assert ask("天门2023年全年高新技术产业增加值是多少", passage) is None
    assert ask("天门2023年一季度高新技术产业增加值是多少", passage).answer == "11.86亿元"
    assert ask("天门2023年上半年高新技术产业增加值是多少", passage) is None
    # 「较去年全年」 is the base of a comparison, not the period asked about
    growth = hit("入库科技型中小企业353家,较去年全年增长30.2%一季度完成高新技术产业增加值11.86亿元。", city="天门", year=2023)
    assert ask("天门入库科小数量较去年全年增长多少", growth).answer == "30.2%"


def test_a_range_of_years_names_every_year_in_it():
    text = ("召开了全市科技大会,出台了《咸宁市加快构建以“用”为导向的科技创新体系三年行动方案(2024—2026年)》。")
    answer = ask("咸宁2024年全市科技大会出台的三年行动方案叫什么", hit(text, year=2024))
    assert answer is not None and "科技创新体系三年行动方案" in answer.answer


def test_a_question_ending_in_its_question_word_asks_for_the_noun_before_it():
    text = ("加强与省科技厅沟通,积极推进咸宁杨畈农业高新技术示范区创建工作。继续做好“科技特派员”、“三区”人才选派工作。")
    answer = ask("咸宁19年科技工作要点里推进创建的农业高新技术示范区是哪个", hit(text, year=2019))
    assert answer is not None and "杨畈农业高新技术示范区" in answer.answer


def test_a_place_between_question_word_and_noun_is_not_the_asked_noun():
    text = "维达力科技股份有限公司成功入选“独角兽”企业,26家企业入选瞪羚企业。金盛兰入选全省百强高新技术企业。"
    for question in ("哪家咸宁企业入选了全省百强高新技术企业", "哪家咸寧企業入選了全省百強高新技術企業"):
        answer = ask(question, hit(text, year=2024))
        assert answer is not None and answer.answer == "金盛兰", question


def test_a_count_of_another_kind_of_thing_is_not_the_answer():
    text = "举办高新技术企业培训会3场,参会企业200余家。"
    wrong_kind = ask("天门新增高新技术企业多少家", hit(text, city="天门"))
    assert wrong_kind is None or wrong_kind.answer != "3场"
    assert ask("天门举办高新技术企业培训会多少场", hit(text, city="天门")).answer == "3场"


def test_a_report_on_another_year_that_never_names_the_asked_year_holds_no_answer():
    plan = hit("力争全年认定高新技术企业30家。", city="天门", year=2023, date="2023-07-10")
    assert ask("天门2022年新增高新技术企业多少家", plan) is None
    assert ask("天门2023年计划认定高新技术企业多少家", plan).answer == "30家"


def test_the_measured_thing_is_named_whole_or_word_by_word_but_not_by_a_piece():
    other = hit("入库科技型中小企业353家,较去年全年增长30.2%。", city="天门", year=2023, date="2023-07-10")
    assert ask("天门2023年新增高新技术企业多少家", other) is None  # 企业 alone is not 高新技术企业
    quoted = hit("争取“科技扶贫专项”资金120万元,支持南三县发展特色产业。", year=2016)
    assert ask("咸宁2016年争取的科技扶贫专项资金是多少", quoted).answer == "120万元"
