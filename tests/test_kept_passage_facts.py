"""What the answer step and the retriever keep of a passage between questions (its figures, the years its
paragraph and headings speak of, the year its sentences' paragraph sets, whether it plans): kept per text and
per report fields, so a warm process answers as a fresh one does, a corrected report is judged by its new fields,
and the kept facts stay bounded."""
from __future__ import annotations

from policyqa.index.numbers import find_quantities
from policyqa.search import evidence, orgs, places, retrieve
from tests.inline_index import ask, engine, hit

KEPT = [evidence.quantities, evidence._context_year, evidence._years_spoken_of, evidence.figure_year,
        evidence.respectively, orgs.org_spans, places._stems, places._ranked_within, retrieve._passage_years,
        retrieve._mentions_year, retrieve._is_plan, retrieve._squeezed]

REPORTS = {
    "xianning.txt": "咸宁市科学技术局工作总结\n\n一、高新技术企业\n\n全市新增高新技术企业61家，总数达到152家。\n\n"
                    "二、科技特派员\n\n全年选派科技特派员120名，服务乡村企业300家。",
    "yichang.txt": "宜昌市科学技术局2017年工作总结\n\n一、技术合同\n\n2017年技术合同成交额达到35亿元，同比增长12%。\n\n"
                   "二、创新平台\n\n新建省级工程技术研究中心8家，院士专家工作站3家。",
}
QUESTIONS = ["咸宁2016年新增几家高新技术企业", "咸宁2019年新增几家高新技术企业", "宜昌2017年技术合同成交额是多少",
             "宜昌2017年新建几家省级工程技术研究中心", "咸宁选派了多少名科技特派员"]


def _clear() -> None:
    for kept in KEPT:
        kept.cache_clear()


def _answers(qa) -> list[tuple]:
    return [(a.answer, a.quote, a.note, [c.chunk_id for c in a.citations]) for a in map(qa.ask, QUESTIONS)]


def test_a_warm_process_answers_as_a_fresh_one(tmp_path):
    with engine(tmp_path, REPORTS) as qa:
        _clear()
        cold = _answers(qa)
        assert any(kept.cache_info().currsize for kept in KEPT)  # the questions did keep something
        warm = _answers(qa)
        assert warm == cold
        assert cold[2][0] == "35亿元"


def test_the_same_passage_in_a_report_of_another_year_is_judged_by_that_years_report():
    text = "全市新增高新技术企业61家，总数达到152家。"
    for _ in range(2):  # the second time from what the first kept
        assert ask("宜昌2016年新增多少家高新技术企业", hit(text, year=2016)).answer == "61家"
        assert ask("宜昌2016年新增多少家高新技术企业", hit(text, year=2019)) is None


def test_a_corrected_year_is_seen_by_the_next_question(tmp_path):
    with engine(tmp_path, REPORTS) as qa:
        question = "咸宁2016年新增几家高新技术企业"
        qa.correct("xianning.txt", year=2016)
        assert qa.ask(question).answer == "61家"
        qa.correct("xianning.txt", year=2019)  # the same passages, now in a report on another year
        assert qa.ask(question).answer is None
        qa.correct("xianning.txt", year=2016)
        assert qa.ask(question).answer == "61家"


def test_kept_figures_are_the_sentences_figures():
    sentence = "全市新增高新技术企业61家，技术合同成交额35.2亿元，增长12%。"
    assert [(q.raw, q.start, q.end) for q in evidence.quantities(sentence)] == \
        [(q.raw, q.start, q.end) for q in find_quantities(sentence)]


def test_what_is_kept_stays_bounded():
    kept = evidence.quantities
    limit = kept.cache_info().maxsize
    assert limit is not None
    for i in range(limit + 50):
        kept(f"新增高新技术企业{i}家")
    assert kept.cache_info().currsize == limit


def test_a_short_text_is_cut_as_its_pieces_are_and_the_kept_pieces_stay_bounded():
    from policyqa.index import tokenize as tok

    text = "咸宁 2016年新增几家高企 咸宁2016年新增几家高新技术企业 高新技术企业"
    whole = tok._keep(tok._segmenter().ready(text).cut(text, HMM=False))  # jieba on the whole text, nothing kept
    assert tok.tokenize_query(text) == whole and "高新技术企业" in whole
    assert tok.tokenize(text) == tok._keep(tok._segmenter().ready(text).cut_for_search(text))
    assert tok._query_piece.cache_info().maxsize is not None and tok._search_piece.cache_info().maxsize is not None
