"""Traditional → simplified, one for one: texts OpenCC would leave alone skip its slow matching, others do not."""
import pytest

from policyqa import lexicon
from policyqa.lexicon import simplified


def opencc_itself(text: str) -> str:
    converter, _ = lexicon._t2s()
    converted = converter.convert(text)
    return converted if len(converted) == len(text) else text


@pytest.mark.parametrize("text", [
    "咸寧市科學技術局發佈報告",  # single characters
    "專家反覆論證後確定方案",  # 反覆 → 反复: a phrase entry changes 覆
    "全市实现科技服务全覆盖",  # 覆 alone is left as it is
    "新增高新技术企业61家，总数达到152家。",
    "乾隆年间的乾燥气候",  # a character the phrase entries treat in context
    "Hong Kong 香港科技園 2023年",
    "",
])
def test_same_as_opencc(text):
    assert simplified(text) == opencc_itself(text)


def test_traditional_text_is_converted_and_keeps_its_length():
    assert simplified("咸寧市新增高新技術企業") == "咸宁市新增高新技术企业"
    assert simplified("反覆推敲") == "反复推敲"


def test_a_simplified_text_is_returned_without_matching(monkeypatch):
    converter, changes = lexicon._t2s()
    calls = []
    monkeypatch.setattr(converter, "convert", lambda text: calls.append(text) or text)
    assert simplified("全市实现科技服务全覆盖，新增企业61家") == "全市实现科技服务全覆盖，新增企业61家"
    assert calls == []
    simplified("科學")
    assert calls == ["科學"]
