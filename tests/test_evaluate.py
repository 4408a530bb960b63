"""The project's metrics on a gold file: answers, citations, and the retriever's own ranking."""
from policyqa.search.evaluate import score
from policyqa.search.records import Answer, Citation

GOLD = [
    {"id": "q1", "question": "咸宁2016年新增几家高企", "answer": ["61家"], "kind": "number",
     "evidence": [{"doc": "a.txt", "text": "新增高新技术企业61家"}]},
    {"id": "q2", "question": "北京2020年新增几家高企", "answer": None, "kind": "unanswerable", "evidence": []},
]


def _citation(doc: str, text: str) -> Citation:
    return Citation(doc, None, None, None, None, "", text, 1.0)


def test_answer_extraction_and_retrieval_are_scored_apart():
    good = _citation("a.txt", "全市新增高新技术企业61家,总数达到152家。")
    other = _citation("a.txt", "技术合同成交额17.58亿元。")
    # the answer's passage comes first in the citations; the retriever had ranked it second
    answers = [Answer(GOLD[0]["question"], "61家", good.text, [good, other]),
               Answer(GOLD[1]["question"], None, None, [other], note="no such city")]
    retrieved = [[(other.doc, other.text), (good.doc, good.text)], [(other.doc, other.text)]]
    summary = score(GOLD, answers, retrieved).summary()
    assert summary["hit@1"] == 1.0 and summary["mrr"] == 1.0 and summary["retrieval-mrr"] == 0.5
    assert summary["answer"] == 1.0 and summary["abstain"] == 1.0 and summary["false-abstain"] == 0.0
    assert "retrieval-mrr" not in score(GOLD, answers).summary()  # not measured without the ranking


def test_a_wrong_answer_and_a_false_abstention_count_against():
    other = _citation("a.txt", "技术合同成交额17.58亿元。")
    wrong = score(GOLD[:1], [Answer(GOLD[0]["question"], "17.58亿元", other.text, [other])]).summary()
    assert wrong["answer"] == 0.0 and wrong["hit@5"] == 0.0
    silent = score(GOLD[:1], [Answer(GOLD[0]["question"], None, None, [])]).summary()
    assert silent["false-abstain"] == 1.0
