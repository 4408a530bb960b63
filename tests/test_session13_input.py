"""Session 13, last: full-width digits and letters in a question; a city's bureau at the top of a county's news.

The report texts below are invented for these tests (places are real, figures are not)."""
from __future__ import annotations

from policyqa.index.metadata import parse_metadata
from tests.inline_index import engine


REPORT = {"zhanjiang_2021_kjj.txt": "湛江市科学技术局2021年1-8月工作进展\n\n2021年1-8月，全市新增科技型中小企业入库350家，"
                                   "高新技术企业总数达到862家，全社会R&D经费投入12.5亿元。全年计划入库科技型中小企业500家以上。\n"}


def test_full_width_digits_and_letters_read_as_ascii(tmp_path):
    """Chinese input methods type 「２０２１年」 and 「Ｒ＆Ｄ」 in full width: the question is the same one, and gets the
    same answer as its ASCII spelling."""
    with engine(tmp_path, REPORT) as qa:
        for question, answer in (("湛江２０２１年１-８月新增科技型中小企业入库多少家", "350家"),
                                 ("湛江 ２０２１年１-８月 高新技术企业总数", "862家"),
                                 ("湛江２０２１年１－８月全社会Ｒ＆Ｄ经费投入多少", "12.5亿元")):
            assert qa.ask(question).answer == answer, question


NEWS = ("近日，徐州市科技局对2023年度市级工程技术研究中心进行了认定，丰县共有12家企业的研发中心入围，居各县区之首。\n\n"
        "今年以来，丰县科技局围绕产业发展，推进企业研发机构建设，丰县规上工业企业研发机构覆盖率达到60%。")


def test_a_city_bureau_at_the_top_of_a_county_news_item_files_it_under_the_county():
    """The city's bureau acts in the first sentence, but the item is about 丰县: named more often than its city, and
    with a bureau of its own — its figures must answer 丰县's questions, not 徐州's."""
    meta = parse_metadata(NEWS, "feng_news.txt")
    assert meta.county == "丰县" and meta.city == "徐州"


def test_a_city_report_naming_a_county_once_stays_the_citys():
    """Guard: 「徐州市科技局…全市…丰县…」 — the city speaks for itself and names one county in passing."""
    text = ("徐州市科技局召开2023年科技工作会议。会议指出，全市高新技术企业达到1200家，丰县、沛县等地创新活力增强，"
            "徐州市科技局将继续推进科技创新。")
    meta = parse_metadata(text, "xuzhou_news.txt")
    assert meta.county is None and meta.city == "徐州"
