"""Done when: the same short report as .txt, .docx, .doc, .wps, text PDF, scanned PDF and .ofd gives the same answer
to the same question, the paged ones with their page (and the scan marked as OCR'd). Real model, real OCR."""
import pytest

from policyqa.index import ocr
from policyqa.index.build import ProgressSink, index_paths
from policyqa.index.embed import load_embedder
from policyqa.qa import PolicyQA
from tests.ofd_maker import ofd
from tests.pdf_maker import Page, cjk_font, scanned_pdf, text_pdf
from tests.word97 import word97

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not ocr.available(), reason='the ocr extra is not installed (pip install -e ".[ocr]")'),
    pytest.mark.skipif(cjk_font() is None, reason="no CJK font to draw the scan (apt-get install fonts-noto-cjk)"),
]

# Written for this test; the answer is on the second page of the paged files.
PAGES = [["荆门市科学技术局2021年工作总结", "一、主要成绩", "全市科技创新工作取得新进展。", "入库科技型中小企业300家。"],
         ["二、高新技术产业", "2021年，全市新增高新技术企业152家。", "技术合同成交额达到12.5亿元。"]]
QUESTION = "荆门2021年新增多少家高新技术企业"


class Recorder(ProgressSink):
    def __init__(self) -> None:
        self.events: list[tuple] = []

    def start(self, stage: str, total: int) -> None:
        self.events.append(("start", stage, total))

    def advance(self, n: int = 1) -> None:
        self.events.append(("advance", n))


@pytest.fixture(scope="module")
def report_files(tmp_path_factory):
    import docx

    folder = tmp_path_factory.mktemp("formats")
    lines = [line for page in PAGES for line in page]
    (folder / "report.txt").write_text("\n\n".join(lines), encoding="utf-8")
    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    d.save(folder / "report.docx")
    (folder / "report.doc").write_bytes(word97(lines))
    (folder / "report.wps").write_bytes(word97(lines))
    (folder / "report.pdf").write_bytes(text_pdf([Page(page) for page in PAGES]))
    (folder / "scan.pdf").write_bytes(scanned_pdf(PAGES, cjk_font()))
    (folder / "report.ofd").write_bytes(ofd(PAGES))
    return folder


@pytest.fixture(scope="module")
def embedder():
    return load_embedder(None)


@pytest.mark.parametrize("name, page, ocr_read", [
    ("report.txt", None, False), ("report.docx", None, False), ("report.doc", None, False),
    ("report.wps", None, False), ("report.pdf", 2, False), ("scan.pdf", 2, True), ("report.ofd", 2, False),
])
def test_every_format_gives_the_same_answer_with_its_source(report_files, embedder, tmp_path, name, page, ocr_read):
    progress = Recorder()
    report = index_paths([report_files / name], tmp_path / "idx", embedder, progress=progress)
    assert [r.status for r in report.results] == ["added"], report.results
    qa = PolicyQA(tmp_path / "idx", embedder=embedder)
    answer = qa.ask(QUESTION)
    cited = answer.citations[0]
    assert answer.answer == "152家" and "新增高新技术企业152家" in answer.quote
    assert (cited.page, cited.ocr) == (page, ocr_read)
    expected = " · ".join(["《荆门市科学技术局2021年工作总结》", "二、高新技术产业"]
                          + ([f"第{page}页"] if page else []) + (["OCR识别"] if ocr_read else []))
    assert cited.source_line() == expected
    (document,) = qa.documents()
    assert (document.city, document.year) == ("荆门", 2021)
    if ocr_read:  # the scan's two pages were shown one by one, then reading resumed
        at = progress.events.index(("start", "ocr", 2))
        assert progress.events[at + 1:at + 4] == [("advance", 1), ("advance", 1), ("start", "reading", 1)]
    qa.close()
