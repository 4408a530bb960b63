"""Chunking follows each report's own sections, keeps sentences whole and loses no text."""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from policyqa.index.chunk import DEFAULT_MAX_CHARS, MAX_HEADING_CHARS, chunk_document
from policyqa.index.records import Chunk

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SENTENCE_ENDS = tuple("。；！？;!?")


def assert_exact_cover(text: str, chunks: list[Chunk]) -> None:
    """Offsets slice the text exactly, in order, and every non-space character is in one chunk."""
    assert [c.ordinal for c in chunks] == list(range(len(chunks)))
    pos = 0
    for c in chunks:
        assert text[c.start : c.end] == c.text
        assert c.start >= pos, "chunks overlap or are out of order"
        assert text[pos : c.start].strip() == "", f"text lost before chunk {c.ordinal}"
        pos = c.end
    assert text[pos:].strip() == ""


def find(chunks: list[Chunk], needle: str) -> Chunk:
    found = [c for c in chunks if needle in c.text]
    assert len(found) == 1, f"{needle!r} in {len(found)} chunks"
    return found[0]


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


NESTED = """关于2023年科技工作的总结

今年以来,市科技局紧扣创新驱动发展主题,持续育主体、建平台、强服务。

一、工作开展情况

（一）强化思想作风建设

1.推动干部学习常态化。集中学习了党的二十大报告,有效提升了全体机关干部思想政治水平。

2、抓好机关党支部建设。起草制定了党建工作方案,进一步强化了全面从严治党的制度保障。

(二)构建区域创新体系,创新创业生态持续优化。

1.争创国家高新区。赴科技部汇报天门高新区创建国家高新区有关进展情况,争取科技部支持。

二、下半年工作计划

全力提升科技创新能力建设,切实为群众解忧,为企业纾困,做好各项科技创新工作。"""


def test_numbered_headings_nest_and_title_stays_in_the_intro_chunk():
    chunks = chunk_document(NESTED, "a.txt")
    assert_exact_cover(NESTED, chunks)
    intro = find(chunks, "紧扣创新驱动发展主题")
    assert intro.headings == ()
    assert intro.text.startswith("关于2023年科技工作的总结")
    assert find(chunks, "集中学习了党的二十大报告").headings == (
        "一、工作开展情况",
        "（一）强化思想作风建设",
        "1.推动干部学习常态化",
    )
    assert find(chunks, "起草制定了党建工作方案").headings[-1] == "2、抓好机关党支部建设"
    assert find(chunks, "赴科技部汇报").headings == (
        "一、工作开展情况",
        "(二)构建区域创新体系,创新创业生态持续优化",
        "1.争创国家高新区",
    )
    assert find(chunks, "为企业纾困").headings == ("二、下半年工作计划",)


def test_heading_followed_by_subheading_is_merged_not_a_chunk_of_its_own():
    chunks = chunk_document(NESTED, "a.txt")
    first = find(chunks, "集中学习了党的二十大报告")
    assert first.text.startswith("一、工作开展情况\n\n（一）强化思想作风建设\n\n1.推动干部学习常态化。")
    assert all(c.text.strip() not in ("一、工作开展情况", "（一）强化思想作风建设") for c in chunks)
    # A heading-only section is not merged into a section of another parent.
    text = "标题\n\n引言写了足够长的一段话,说明本报告的背景和主要内容。\n\n一、甲\n\n（一）乙\n\n二、丙。丙节正文有足够多的字,足以独立成为一个段落,并可被检索到。"
    chunks = chunk_document(text, "b.txt")
    assert_exact_cover(text, chunks)
    assert [c.headings for c in chunks] == [(), ("一、甲", "（一）乙"), ("二、丙",)]


def test_tiny_sibling_sections_share_their_parent_path():
    text = "标题\n\n一、目标\n\n1.企业达到240家。\n\n2.平台新增7家。\n\n3.成交额达20亿元。"
    chunks = chunk_document(text, "c.txt", min_chars=30)
    assert_exact_cover(text, chunks)
    assert len(chunks) == 1
    assert chunks[0].headings == ("一、目标",)
    assert chunks[0].text.startswith("标题")


LEAD = """科技创新,撑起绿色崛起

全市科技系统认真贯彻落实全国“科技三会”精神,科技创新工作亮点纷呈。

五大工作亮点

发展高新技术产业。2016年全市新增高新技术企业61家,全市高新技术企业总数达到152家。

完善科技创新体系。全年申报省级以上各类科技项目11项,组织5家企业申报省级工程

技术研究中心。光谷南创业咖啡等3家获批省级众创空间。

四个紧抓不放

履职尽责紧抓不放。市科技局成立了领导小组,组建了工作专班,制定了实施方案。"""


def test_short_heading_lines_and_lead_sentences_make_the_path():
    chunks = chunk_document(LEAD, "d.txt")
    assert_exact_cover(LEAD, chunks)
    assert find(chunks, "新增高新技术企业61家").headings == ("五大工作亮点", "发展高新技术产业")
    assert find(chunks, "成立了领导小组").headings == ("四个紧抓不放", "履职尽责紧抓不放")
    assert find(chunks, "全市科技系统").headings == ()


def test_paragraph_cut_by_a_page_break_is_not_a_lead_heading():
    chunks = chunk_document(LEAD, "d.txt")
    assert find(chunks, "光谷南创业咖啡").headings == ("五大工作亮点", "完善科技创新体系")


def test_portal_leftovers_and_signature_are_not_headings():
    text = (
        "今天是:\n无障碍阅读\n您现在的位置 : 首页 > 规划计划\n\n2019年全市科技工作要点\n\n"
        "一、培育企业技术创新主体。全年申报高新技术企业100家,高新技术企业达到240家。\n\n"
        "咸宁市科学技术局\n\n2019年5月13日\n\n扫一扫在手机上查看当前页面\n\n我要打印 关闭窗口"
    )
    chunks = chunk_document(text, "e.txt")
    assert_exact_cover(text, chunks)
    assert {c.headings for c in chunks} <= {(), ("一、培育企业技术创新主体",)}
    assert find(chunks, "咸宁市科学技术局").headings == ("一、培育企业技术创新主体",)


def test_heading_and_body_in_one_paragraph_and_long_headings_are_trimmed():
    text = (
        "标题\n\n一、组织推动高新技术企业和科技型中小企业“倍增工程”,高新技术企业达620家,"
        "科技型中小企业达到3000家以上。(第16条、高新科)\n\n"
        "一是实施高新技术企业“倍增工程”。目前已申报高新技术企业270家。二是实施科技型中小企业“倍增工程”。"
    )
    (chunk,) = chunk_document(text, "f.txt")
    (heading,) = chunk.headings
    assert len(heading) <= MAX_HEADING_CHARS and heading.endswith("…")
    assert heading.startswith("一、组织推动高新技术企业")
    assert "一是" not in "".join(chunk.headings)


def test_yishi_points_are_not_headings_and_are_preferred_cut_points():
    point = "{}是推进第{}项重点工作。" + "围绕主导产业加强技术研发创新,扩大市场占有率。" * 3
    body = "".join(point.format(n, n) for n in "一二三四五六")
    text = f"标题\n\n（一）深入推进科技创新十大工程。{body}"
    chunks = chunk_document(text, "g.txt", max_chars=200)
    assert_exact_cover(text, chunks)
    assert len(chunks) > 1
    assert all(c.headings == ("（一）深入推进科技创新十大工程",) for c in chunks)
    assert all(re.match("[二三四五六]是", c.text) for c in chunks[1:])


def test_long_section_is_split_only_at_sentence_ends():
    sentences = [f"第{i}句说明了科技创新工作取得的成效,新增平台{i}家" + "。；！？"[i % 4] for i in range(40)]
    text = "标题\n\n一、工作总结\n\n" + "".join(sentences) + "\n\n" + "".join(sentences[:5])
    chunks = chunk_document(text, "h.txt", max_chars=120, min_chars=20)
    assert_exact_cover(text, chunks)
    assert len(chunks) > 5
    for c in chunks:
        assert len(c.text) <= 120
        assert c.text.endswith(SENTENCE_ENDS)
        assert c.headings == ("一、工作总结",)
    assert sum(s in c.text for c in chunks for s in sentences) == len(sentences) + 5


def test_section_tail_is_not_left_as_a_scrap():
    text = "标题\n\n一、工作\n\n" + "全市高新技术产业增加值增速9.9%。" * 5 + "举办培训会一次。"
    chunks = chunk_document(text, "t.txt", max_chars=100, min_chars=20)
    assert_exact_cover(text, chunks)
    assert len(chunks) == 2
    assert all(len(c.text) >= 25 for c in chunks)


def test_sentence_longer_than_a_passage_is_cut_at_its_clause_marks():
    long_sentence = "全市" + "加快高新技术企业培育、" * 30 + "成效显著。"
    text = f"标题\n\n一、工作\n\n开头一句。{long_sentence}结尾一句。"
    chunks = chunk_document(text, "i.txt", max_chars=100, min_chars=5)
    assert_exact_cover(text, chunks)
    assert all(len(c.text) <= 100 for c in chunks)
    # cut after a 、, never inside the words of a clause
    assert all(c.text.endswith(("、", "。")) for c in chunks[:-1] if long_sentence[:20] in text[c.start - 40:c.end])


def test_text_without_any_punctuation_still_makes_passages_of_the_limit():
    text = "标题\n\n" + "高新技术企业培育工作" * 200
    chunks = chunk_document(text, "k.txt", max_chars=450, min_chars=50)
    assert_exact_cover(text, chunks)
    assert len(chunks) >= 4 and all(len(c.text) <= 450 for c in chunks)


def test_ascii_decimal_points_do_not_end_sentences():
    text = "标题\n\n" + "技术合同成交额15.2亿元,同比增长22.8%,得分45.6分。" * 10
    chunks = chunk_document(text, "j.txt", max_chars=60, min_chars=10)
    assert_exact_cover(text, chunks)
    assert all(c.text.endswith("。") for c in chunks)


def test_empty_text_has_no_chunks():
    assert chunk_document("", "k.txt") == []
    assert chunk_document(" \n\n\u3000\n", "k.txt") == []


def test_default_chunk_fits_the_embedding_model():
    # multilingual-e5-small reads 512 tokens, about 1.3 Chinese characters per token.
    assert 200 <= DEFAULT_MAX_CHARS <= 512 * 1.3 - 50


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seeds_are_covered_exactly_and_chunks_fit(prefix: str):
    text = seed(prefix)
    chunks = chunk_document(text, f"{prefix}.txt")
    assert_exact_cover(text, chunks)
    for c in chunks:
        assert len(c.text) <= DEFAULT_MAX_CHARS
        assert all(len(h) <= MAX_HEADING_CHARS for h in c.headings)
        assert not {"无障碍阅读", "天门市科学技术局", "咸宁市科学技术局"} & set(c.headings)


def test_seed_000_unnumbered_and_lead_headings():
    chunks = chunk_document(seed("000"), "000.txt")
    assert find(chunks, "2016年全市新增高新技术企业61家").headings == ("五大工作亮点", "发展高新技术产业")
    assert find(chunks, "全国科普工作先进集体").headings == ("一项国级荣誉",)
    assert find(chunks, "公众满意和基本满意率达到85%").headings == ("四个紧抓不放", "履职尽责紧抓不放")
    assert find(chunks, "光谷南创业咖啡").headings == ("五大工作亮点", "完善科技创新体系")


def test_seed_001_heading_and_body_share_a_paragraph():
    chunks = chunk_document(seed("001"), "001.txt")
    assert find(chunks, "全年申报高新技术企业100家").headings == ("六、培育企业技术创新主体",)
    assert find(chunks, "一是稳妥推进机构改革和职能转变").headings == ("十三、促进科技管理能力现代化",)


def test_seed_002_three_levels():
    chunks = chunk_document(seed("002"), "002.txt")
    assert find(chunks, "已完成技术合同成交额15.2亿元").headings == (
        "一、工作开展情况",
        "(四)推动服务能力升级,创新创业资源加快集聚",
        "1.加速科技成果转化",
    )
    assert find(chunks, "力争全年认定高新技术企业30家").headings == ("二、下半年工作计划", "2.加大创新主体培育力度")


def test_seed_003_summary_and_plan():
    chunks = chunk_document(seed("003"), "003.txt")
    # The intro's 一是…五是 summary comes before the first heading.
    assert find(chunks, "全市新增高新技术企业 29 家").headings == ()
    assert find(chunks, "通过省科技厅新认定 29 家").headings == (
        "一、 2016 年工作总结",
        "(五)着力加快高新技术产业发展",
    )
    assert find(chunks, "2017 年,新增高新技术企业 10 家").headings == (
        "二、 2017 年工作打算",
        "(三)着力实施科技创新主体培育",
    )


def test_seed_004_long_numbered_heading_with_yishi_body():
    chunks = chunk_document(seed("004"), "004.txt")
    (heading,) = find(chunks, "目前已申报高新技术企业270家").headings
    assert heading.startswith("一、组织推动高新技术企业和科技型中小企业")
    (heading,) = find(chunks, "目前完成技术合同成交额229亿元").headings
    assert heading.startswith("三、完成科技成果转化120项")


def test_chunking_is_fast_on_a_large_corpus():
    text = "\n\n".join(seed(p) for p in ("000", "001", "002", "003", "004")) * 40
    started = time.perf_counter()
    chunks = chunk_document(text, "big.txt")
    assert time.perf_counter() - started < 2.0
    assert len(chunks) > 3000
