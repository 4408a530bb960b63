"""The HTTP API (`policyqa serve`): the CLI's commands over HTTP, for a bureau's own systems.

A thin layer over PolicyQA: it turns query parameters into the same calls the command line makes and
answers with the same JSON (policyqa/ui/jsonout.py). Errors are JSON too, ``{"error": "…"}`` with a status
code: 400 bad input, 401/403 a missing or wrong token, 404 nothing by that name, 409 another process is
writing the index, 413 an upload over the limit, 500 anything else. Reading needs no token; changing the
index (upload, remove) needs the operator's token, and is refused while none is set.

One PolicyQA serves every request; questions run concurrently on the thread pool. A write builds the
index's next generation with a second PolicyQA and then swaps it in, so a question never reads an index
that is being replaced, and questions keep being answered while an upload is embedded.
"""
from __future__ import annotations

import hmac
import logging
import threading
from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import Depends, FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi_offline import FastAPIOffline
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from policyqa.index.errors import IndexLocked, PolicyQAError
from policyqa.index.limits import UPLOAD_MB
from policyqa.qa import MAX_QUERY_CHARS, PolicyQA
from policyqa.search.compare_request import restrict
from policyqa.search.records import Filters

from . import jsonout
from .cli_text import FIGURE_KINDS, REPORT_TYPES
from .serve_guard import BodyLimit, RequestTooLarge, validation_message

log = logging.getLogger("policyqa.serve")
T = TypeVar("T")
UPLOAD_SESSION = "api"  # uploads land in <index>/uploads/api/: a name uploaded again updates that document
KEPT = ("added", "updated", "unchanged", "renamed")

# Query parameters several endpoints share (module level: FastAPI resolves annotations by name here).
Question = Annotated[str, Query(min_length=1, max_length=4 * MAX_QUERY_CHARS, description="问题或检索词")]
Cities = Annotated[list[str], Query(description="只看这些城市的报告（可重复）")]
Years = Annotated[list[int], Query(description="只看这些年份的报告（可重复）")]
Types = Annotated[list[str], Query(description="报告类型：总结/summary、计划/plan、进展报告/progress、新闻/news")]


class ApiError(Exception):
    """An error a client can act on: its status, a one-line message, and any detail worth returning."""

    def __init__(self, status: int, message: str, **extra) -> None:
        super().__init__(message)
        self.status, self.message, self.extra = status, message, extra


class Engine:
    """The server's open index. Reads take the current PolicyQA; writes run one at a time on a fresh one
    (sharing the loaded query model) that replaces it when done. The replaced one is not closed here: a
    question may still be reading it, and its files close when the last such request lets go of it."""

    def __init__(self, qa: PolicyQA) -> None:
        self._qa = qa
        self._writing = threading.Lock()

    @property
    def qa(self) -> PolicyQA:
        return self._qa

    def write(self, change: Callable[[PolicyQA], T]) -> T:
        with self._writing:
            current = self._qa
            fresh = PolicyQA(current.root, embedder=current.embedder)
            result = change(fresh)
            self._qa = fresh
            return result


def create_app(qa: PolicyQA, token: str | None = None, max_upload_mb: int = UPLOAD_MB) -> FastAPI:
    """The API over an open index. `token` guards the endpoints that change the index."""
    # FastAPIOffline serves the /docs page's scripts itself: the usual CDN is out of reach on many intranets
    app = FastAPIOffline(title="policyqa API", version="1", description=(
        "科技政策报告问答接口：每个答案都带原文句子与出处。JSON 与命令行 `--json` 输出相同；错误为 "
        '`{"error": "…"}`。修改索引（上传、删除）需请求头 `Authorization: Bearer <令牌>`。'))
    engine = Engine(qa)
    app.state.engine = engine
    app.add_middleware(BodyLimit, max_bytes=max_upload_mb * 1024 * 1024)
    _add_error_handlers(app)

    def require_token(request: Request) -> None:
        if not token:
            raise ApiError(403, "这个服务器没有设置令牌，不能通过接口修改索引：启动时用 policyqa serve --token <令牌> "
                                "或环境变量 POLICYQA_TOKEN 设置")
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            raise ApiError(401, "缺少令牌：请在请求头加 Authorization: Bearer <令牌>")
        if not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise ApiError(403, "令牌不正确")

    @app.get("/", summary="接口列表")
    def root() -> dict:
        return {"name": "policyqa", "docs": "/docs", "endpoints": ["/ask", "/search", "/similar", "/compare", "/facts",
                                                                  "/documents"]}

    @app.get("/ask", summary="回答问题：答案、原文句子与出处")
    def ask(q: Question, k: Annotated[int, Query(ge=1, le=100)] = 5, city: Cities = [], year: Years = [],
            type: Types = []) -> dict:
        return jsonout.answer_json(engine.qa.ask(q, k=k, filters=_filters(city, year, type)))

    @app.get("/search", summary="检索相关段落（按相关度排序）")
    def search(q: Question, k: Annotated[int, Query(ge=1, le=200)] = 10, city: Cities = [], year: Years = [],
               type: Types = []) -> list[dict]:
        return [jsonout.citation_json(c) for c in engine.qa.search(q, k=k, filters=_filters(city, year, type))]

    @app.get("/similar", summary="其他城市的相似举措（按城市分组）")
    def similar(q: Annotated[str | None, Query(max_length=4000, description="一段文字")] = None,
                chunk_id: Annotated[int | None, Query(description="或索引中的一个段落（/search 结果的 chunk_id）")] = None,
                exclude_city: str | None = None, n: Annotated[int, Query(ge=1, le=20)] = 3) -> list[dict]:
        current = engine.qa
        if chunk_id is not None:
            if chunk_id not in current.reader.chunk_ids:
                raise ApiError(404, f"索引中没有段落 {chunk_id}")
            groups = current.similar(chunk_id=chunk_id, exclude_city=exclude_city, per_city=n)
        elif q and q.strip():
            groups = current.similar(q, exclude_city=exclude_city, per_city=n)
        else:
            raise ApiError(400, "请给出 q（一段文字）或 chunk_id（一个段落）")
        return [jsonout.group_json(g) for g in groups]

    @app.get("/compare", summary="一个指标的城市 × 年份对比表，每格带原文句子")
    def compare(indicator: Annotated[str, Query(min_length=1, max_length=200,
                                                description="指标名或简称：高企、新增高企、咸宁高企总数")],
                city: Annotated[list[str], Query(description="只看这些城市（可重复）")] = [],
                year: Annotated[list[int], Query(description="只看这些年份（可重复）")] = []) -> dict:
        current = engine.qa
        choice = current.choose_indicator(indicator)
        if choice.indicator is None:
            raise ApiError(404, f"索引中没有与「{indicator}」对应的指标", indicators=current.indicators)
        years = year or ([choice.year] if choice.year else [])
        table = restrict(current.compare(choice.indicator), city or choice.cities, years)
        return jsonout.compare_json(table, choice.alternatives)

    @app.get("/facts", summary="指标表：从报告中提取的数字，每个带原文句子")
    def facts(indicator: str | None = None, city: str | None = None, year: int | None = None,
              kind: Annotated[str | None, Query(description="achieved/完成、target/目标、cumulative/累计、growth/增长")] = None
              ) -> list[dict]:
        current = engine.qa
        name = None
        if indicator:
            name = current.indicator(indicator)
            if name is None:
                raise ApiError(404, f"索引中没有与「{indicator}」对应的指标", indicators=current.indicators)
        found = current.facts(indicator=name, city=city, year=year, kind=_canonical(kind, FIGURE_KINDS, "kind"))
        return [jsonout.fact_json(f) for f, _ in found]

    @app.get("/documents", summary="已索引的文档及其元数据")
    def documents() -> list[dict]:
        return [jsonout.document_json(d) for d in engine.qa.documents()]

    @app.post("/documents", summary="上传文档并加入索引（需要令牌）", dependencies=[Depends(require_token)],
              openapi_extra={"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
                  "type": "object", "properties": {"file": {"type": "array", "items": {
                      "type": "string", "format": "binary"}}}}}}}})
    async def upload(request: Request) -> JSONResponse:
        """Files in the form field `file` (repeat it for several): .txt .pdf .html .docx."""
        files = await _uploaded_files(request)
        outcomes = await run_in_threadpool(engine.write, lambda fresh: fresh.add_uploads(files, session=UPLOAD_SESSION))
        body = {"files": [jsonout.upload_json(o) for o in outcomes], **_size(engine.qa)}
        if not any(o.status in KEPT for o in outcomes):
            raise ApiError(400, "没有文件加入索引（原因见 files）", **body)
        return JSONResponse(body)

    @app.delete("/documents", summary="从索引中删除文档（需要令牌）", dependencies=[Depends(require_token)])
    def remove(name: Annotated[list[str], Query(min_length=1, description="文件名或路径（可重复）")]) -> dict:
        report = engine.write(lambda fresh: fresh.remove(name))
        body = jsonout.report_json(report)
        if not any(r.status == "removed" for r in report.results):
            raise ApiError(404, f"索引中没有这些文档：{'、'.join(name)}", **body)
        return body

    return app


def _filters(cities: list[str], years: list[int], types: list[str]) -> Filters:
    return Filters.of(cities, years, [_canonical(t, REPORT_TYPES, "type") for t in types])


def _canonical(value: str | None, values: dict[str, tuple[str, ...]], name: str) -> str | None:
    """A choice given in Chinese or English, as the library names it."""
    if value is None:
        return None
    for canonical, aliases in values.items():
        if value.strip().lower() in (canonical, *aliases):
            return canonical
    shown = "、".join(f"{c}/{'/'.join(a)}" for c, a in values.items())
    raise ApiError(400, f"参数 {name} 应为 {shown} 之一（收到 {value}）")


async def _uploaded_files(request: Request) -> list[tuple[str, bytes]]:
    try:
        form = await request.form()
    except RequestTooLarge:
        raise
    except Exception as exc:  # a malformed multipart body: the client's fault, said in one line
        raise ApiError(400, f"无法读取上传的表单（{exc.__class__.__name__}）") from None
    try:
        uploads = [v for _, v in form.multi_items() if isinstance(v, UploadFile)]
        if not uploads:
            raise ApiError(400, "请以 multipart/form-data 上传文件，字段名 file（可重复），例如 curl -F file=@报告.pdf")
        return [(u.filename or "upload", await u.read()) for u in uploads]
    finally:
        await form.close()


def _size(qa: PolicyQA) -> dict:
    return {"documents": qa.reader.manifest.documents, "chunks": qa.reader.manifest.chunks}


def _add_error_handlers(app: FastAPI) -> None:
    def error(status: int, message: str, headers: dict | None = None, **extra) -> JSONResponse:
        return JSONResponse({"error": message, **extra}, status_code=status, headers=headers)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError):
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return error(exc.status, exc.message, headers, **exc.extra)

    @app.exception_handler(RequestTooLarge)
    async def too_large(request: Request, exc: RequestTooLarge):
        return error(413, str(exc))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        return error(400, validation_message(exc.errors()))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        if exc.status_code == 404:
            message = f"没有这个地址：{request.url.path}（接口见 /docs）"
        elif exc.status_code == 405:
            message = f"{request.url.path} 不支持 {request.method}（接口见 /docs）"
        else:
            message = str(exc.detail)
        return error(exc.status_code, message, getattr(exc, "headers", None))

    @app.exception_handler(PolicyQAError)
    async def index_error(request: Request, exc: PolicyQAError):
        return error(409 if isinstance(exc, IndexLocked) else 500, str(exc))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception):
        log.exception("policyqa API: %s %s failed", request.method, request.url.path)
        return error(500, f"服务器内部错误（{exc.__class__.__name__}），详情见服务器日志")


def run(qa: PolicyQA, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
        max_upload_mb: int = UPLOAD_MB) -> None:
    """Serve until interrupted. The query engine is loaded first, so the first question is not slow."""
    import uvicorn

    _ = qa.retriever  # loads the query model and the retriever before the port opens
    uvicorn.run(create_app(qa, token, max_upload_mb), host=host, port=port, log_level="info")
