"""GB/T 7714-2015 references for cited passages."""
from dataclasses import dataclass
from datetime import date

from policyqa.cite import reference
from policyqa.search.records import Citation


def citation(**changes) -> Citation:
    fields = dict(doc="2019要点.txt", title="2019年全市科技工作要点", issuer="某某市科学技术局", city="某某",
                  date="2019-05-13", section="一、工作目标", text="全年新增高新技术企业20家。", score=0.5)
    fields.update(changes)
    return Citation(**fields)


def test_a_reference_names_issuer_title_type_and_date_numbered_for_a_list():
    assert reference(citation(), 1) == "[1] 某某市科学技术局. 2019年全市科技工作要点[EB/OL]. (2019-05-13)."
    assert reference(citation()) == "某某市科学技术局. 2019年全市科技工作要点[EB/OL]. (2019-05-13)."


def test_an_unknown_issuer_is_anonymous_not_a_guessed_government():
    ref = reference(citation(issuer=None))
    assert ref.startswith("佚名. 2019年全市科技工作要点")
    assert "某某市人民政府" not in ref and "某某" not in ref.split(".")[0]


def test_a_missing_title_falls_back_to_the_file_name_and_a_missing_date_is_left_out():
    assert reference(citation(title=None, date=None)) == "某某市科学技术局. 2019要点[EB/OL]."


def test_title_brackets_and_end_punctuation_do_not_double_the_separators():
    assert reference(citation(title="《关于印发工作要点的通知》。")) == \
        "某某市科学技术局. 关于印发工作要点的通知[EB/OL]. (2019-05-13)."


def test_the_access_date_follows_in_square_brackets_when_given():
    ref = reference(citation(), 2, accessed=date(2024, 3, 1))
    assert ref == "[2] 某某市科学技术局. 2019年全市科技工作要点[EB/OL]. (2019-05-13)[2024-03-01]."
    assert reference(citation(date=None), accessed=date(2024, 3, 1)).endswith("[EB/OL]. [2024-03-01].")


@dataclass(frozen=True)
class PagedCitation(Citation):
    page: int | None = None


def test_a_pdf_page_is_given_after_the_date():
    assert reference(PagedCitation(**vars(citation()), page=12)).endswith("(2019-05-13): 12.")
    assert reference(PagedCitation(**vars(citation(date=None)), page=3)).endswith("[EB/OL]: 3.")
    assert reference(PagedCitation(**vars(citation()), page=None)).endswith("(2019-05-13).")
