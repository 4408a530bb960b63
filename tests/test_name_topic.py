"""Which-questions: a clause that opens on the question's verb has the sentence's topic as its subject, and a
park (园区) is named by a zone's own noun (高新区, 科技园 …)."""
from __future__ import annotations

from tests.inline_index import ask, hit


def test_the_subject_of_a_chain_of_clauses_answers_for_its_later_verb():
    sent = hit("宜昌高新区签约项目12个，建成中试基地2个，引进生物医药企业5家，在全省开发区考核中排名上升。")
    found = ask("宜昌哪个园区引进了生物医药企业", sent)
    assert found is not None and found.answer == "宜昌高新区"


def test_a_park_named_after_the_verb_in_another_role_is_no_answer():
    sent = hit("宜昌高新区签约项目12个，引进生物医药企业5家，在全省生物医药产业园区评比中排名上升。")
    found = ask("宜昌哪个园区引进了生物医药企业", sent)
    assert found is not None and found.answer == "宜昌高新区"
