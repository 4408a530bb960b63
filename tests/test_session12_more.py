"""Session 12, more: 分别 with both starting and reached figures; a batch's count and its part (其中) are no
question's answer unless it asks that batch (a breakdown in brackets aside); a keyword query's remark in brackets;
多大 as a question word; a share clause opening with 占; 这次 asks what one round added; a site's own name or slogan
is no headline, and a county named mostly inside a city's list of companies does not file the page under the county.

The report texts below are invented for these tests (places are real, figures are not)."""
from __future__ import annotations

from policyqa.index.metadata import parse_metadata
from tests.inline_index import ask, hit


def _answer(question: str, *hits):
    found = ask(question, *hits)
    return found and found.answer


# --- 1. 分别从…、…增加到…、… ----------------------------------------------------------------------------------------

def test_respectively_from_starting_figures_to_reached_figures():
    """「高新技术企业、专精特新企业数量已分别从800家、50家增加到1500家、260家」: each item reached its own figure in the
    second half; the starting figures (800家, 50家) answer nothing a user asks about now."""
    passage = hit("2023年，全市高新技术企业、专精特新企业数量已分别从800家、50家增加到1500家、260家，创新主体不断壮大。",
                  year=2023, city="绍兴", province="浙江")
    assert _answer("绍兴市2023年专精特新企业现在有多少家", passage) == "260家"
    assert _answer("绍兴市2023年高新技术企业数量达到了多少家", passage) == "1500家"


# --- 2. a batch's count, and a part of it ------------------------------------------------------------------------------

BATCH = "近日，第八批入库科技型中小企业名单公布，全区共入库科技型中小企业300家，其中我市有60家入库。"
YEAR = "2022年，柳州市全年科技型中小企业入库数量达到420家，占全区总数的26.5%，同比增长80%。"


def test_the_years_count_not_a_batchs_nor_its_part_answers_the_years_question():
    """「柳州2022年科技型中小企业入库数量」 asks the year's count: 420家 from the year's report. The batch report's
    300家 (the whole region's eighth batch) and 60家 (the city's part of that batch) are not it, so on the batch
    report alone the user gets no answer rather than a wrong one."""
    batch = hit(BATCH, year=2022, city="柳州", province="广西")
    year = hit(YEAR, year=2022, city="柳州", province="广西", doc_id=2)
    assert _answer("柳州2022年科技型中小企业入库数量", batch, year) == "420家"
    assert _answer("柳州2022年科技型中小企业入库数量", batch) is None
    assert _answer("柳州市2022年科技型中小企业入库多少家", batch) is None
    assert _answer("柳州市2022年科技型中小企业总数是多少", batch) is None  # not the batch's part, 60家


def test_a_breakdown_in_brackets_does_not_make_a_total_a_batchs():
    """Guard (passes before the change too): 「新认定高企219家（第一批208家已公布，第二批11家处于公示阶段）」 — the
    batches in brackets split the year's total; 219家 still answers how many were newly recognised."""
    passage = hit("2023年，全市新认定高企219家（第一批208家已公布，第二批11家处于公示阶段），高企总数稳步增长。",
                  year=2023, city="桂林", province="广西")
    assert _answer("桂林市2023年新认定高新技术企业多少家", passage) == "219家"


# --- 3. a keyword query's remark in brackets -----------------------------------------------------------------------------

def test_a_remark_in_brackets_is_not_what_a_keyword_query_measures():
    """「江西省级重点实验室数量(2023年两会时)」: the bracket says when, the query measures 省级重点实验室."""
    passage = hit("截至目前，全省拥有省级重点实验室300个、工程技术研究中心400个。", year=2023, city=None,
                  province="江西")
    assert _answer("江西省级重点实验室数量(2023年两会时)", passage) == "300个"
    assert _answer("江西省级重点实验室数量（2023年两会时）", passage) == "300个"


# --- 4. 多大 --------------------------------------------------------------------------------------------------------------

def test_how_large_is_a_question_word():
    """「赣州高新区批准面积多大」 asks the approved area: 多大 is the question word, 面积 the thing measured."""
    passage = hit("2023年，赣州高新区批准面积达69.5平方公里，实现营业收入500亿元。", year=2023, city="赣州",
                  province="江西")
    assert _answer("赣州高新区批准面积多大", passage) == "69.5平方公里"


# --- 5. a share clause opening with 占 ------------------------------------------------------------------------------------

def test_a_share_clause_continues_the_clause_before_it():
    """「入库数量达到420家，占全区总数的26.5%，同比增长80%」: the share is of the count named before it, so the
    question about that share gets 26.5% (not the growth, not nothing)."""
    passage = hit(YEAR, year=2022, city="柳州", province="广西")
    assert _answer("柳州2022年科技型中小企业入库数占全区总数的比例", passage) == "26.5%"


# --- 6. 这次 ---------------------------------------------------------------------------------------------------------------

def test_this_time_asks_what_the_round_added_not_the_total():
    """「这次有多少家企业被认定为…」 asks what the round the report names added (30家); the running total (150家)
    answers the question about the cumulative number."""
    passage = hit("近日，省科技厅公示了第二批省级科技创新型企业名单，我市30家企业被认定为省级科技创新型企业，"
                  "我市省级科技创新型企业累计达到150家。", year=2023, city="宜春", province="江西")
    assert _answer("宜春这次有多少家企业被认定为江西省级科技创新型企业", passage) == "30家"
    assert _answer("宜春本次有多少家企业被认定为省级科技创新型企业", passage) == "30家"
    assert _answer("宜春省级科技创新型企业累计数量", passage) == "150家"


# --- 7. metadata: a site's own name, a city's list of companies ------------------------------------------------------------

def test_a_news_sites_slogan_is_no_headline_nor_its_place_the_pages():
    """A page reposted by 「河南热线」 about 合肥: its title is the headline below the site's slogan, and it is filed
    under 合肥, not 河南."""
    meta = parse_metadata("河南热线 - 河南地区最专业的新闻资讯网站!\n\n合肥市高新技术企业突破8000家\n\n"
                          "2023-12-20 来源: 合肥日报\n\n记者从合肥市科技局获悉，今年合肥市新增高新技术企业1500家，"
                          "合肥市高新技术企业总数突破8000家。\n", "page.txt")
    assert meta.title == "合肥市高新技术企业突破8000家"
    assert (meta.province, meta.city) == ("安徽", "合肥")


def test_a_job_sites_name_is_no_headline_nor_its_place_the_pages():
    """「麻城人才網(編輯整理) 麻城求職網 麻城招聘網」 names the site that reposted a 株洲 story: the story's headline is the
    title and 株洲 the place, not 麻城."""
    meta = parse_metadata("麻城人才網(編輯整理) 麻城求職網 麻城招聘網\n\n株洲市科技型中小企業評價入庫數量創新高\n\n"
                          "今年以來，株洲市科技型中小企業評價入庫達1200家，株洲市研發投入持續增長。\n", "page.txt")
    assert "麻城" not in meta.title and "株洲" in meta.title
    assert (meta.province, meta.city, meta.county) == ("湖南", "株洲", None)


def test_a_county_named_mostly_in_a_citys_list_of_companies_files_the_page_under_the_city():
    """「我市…武山县恒达机械有限公司、武山县宏盛食品有限公司…」: 天水 speaks as 我市 and lists its companies, most of them
    from 武山县; the page is the city's report, not the county's."""
    meta = parse_metadata("我市5家企业入选省级科技创新型企业\n\n近日，甘肃省科技厅公示了2023年省级科技创新型企业名单，"
                          "天水市共有5家企业入选，分别是武山县恒达机械有限公司、武山县宏盛食品有限公司、"
                          "武山县绿源农业科技有限公司、武山县金鼎建材有限公司、武山县昌盛药业有限公司。"
                          "其中武山县入选数量居全市首位。天水市科技局表示，我市将持续加大科技型企业培育力度。\n",
                          "page.txt")
    assert (meta.province, meta.city, meta.county) == ("甘肃", "天水", None)


def test_this_round_without_a_batch_number():
    """「这次有多少家企业被认定为…」 on a report naming its round without a number: the round's 30家, not the total."""
    passage = hit("近日，省科技厅公示了2023年省级科技创新型企业名单，我市30家企业被认定为省级科技创新型企业，"
                  "我市省级科技创新型企业累计达到150家。", year=2023, city="宜春", province="江西")
    assert ask("宜春这次有多少家企业被认定为省级科技创新型企业", passage).answer == "30家"


def test_a_place_right_after_a_year_is_found():
    """「2016年长沙市…」「去年长沙…」: 年 ends a date there and forms no word with the place's first character (年长), so
    a question written year first asks about 长沙 as one written place first does; 「青年长期…」 names no place."""
    from policyqa.index.gazetteer import find_places
    assert [p.full_name for p in find_places("2016年长沙市高新技术产业利润总额")] == ["长沙市"]
    assert [p.full_name for p in find_places("去年长春新增高新技术企业")] == ["长春市"]
    assert find_places("青年长期扎根基层") == []
    passage = hit("2016年，全市高新技术产业完成利润总额448亿元，同比下降8.2%。", year=2016, city="长沙", province="湖南")
    assert ask("2016年长沙市高新技术产业利润总额", passage).answer == "448亿元"


def test_review_guards_for_the_later_rules():
    """Guards from the second review: each case must keep working. A county whose name is a word after a year
    (「2023年老城区改造」) is no place; 「众多…几家」 keeps its question word; 这次 does not take another thing's passed
    count, nor one of two rounds; 「本次统计」 asks no round; a batch label in brackets belongs to its own figure; a
    headline ending in 网 is a headline."""
    from policyqa.index.gazetteer import find_places
    assert find_places("2023年老城区改造工作总结") == []
    y = dict(year=2023, city="宜昌", province="湖北")

    def answer(question, text):
        found = ask(question, hit(text, **y))
        return found and found.answer

    assert answer("宜昌市众多高新技术企业中研发投入超亿元的有几家",
                  "全市高新技术企业达到520家，其中研发投入超亿元的企业有12家。") == "12家"
    assert answer("这次宜昌市有多少家企业被认定为高新技术企业",
                  "2023年，全市高新技术企业达到520家，通过省级专精特新企业认定36家。") is None
    assert answer("这次有多少家企业被认定为高新技术企业",
                  "2023年第一批认定高新技术企业50家，第二批认定高新技术企业80家。") is None
    assert answer("本次统计宜昌市高新技术企业有多少家", "2023年，全市高新技术企业达到520家。") == "520家"
    assert answer("宜昌市科技型中小企业入库总数多少家",
                  "2023年，全市科技型中小企业入库219家（为第五批入库名单数），累计入库1200家。") == "1200家"
    meta = parse_metadata("襄阳织密民生保障网\n\n2023年，襄阳市新增高新技术企业100家。", "x.txt")
    assert meta.title == "襄阳织密民生保障网" and meta.city == "襄阳"
