"""What the API refuses before it does any work: request bodies over the upload limit (413, before they are
held), and parameters that fail validation (400, said in one Chinese sentence instead of pydantic's list)."""
from __future__ import annotations

import json
from collections.abc import Sequence


class RequestTooLarge(Exception):
    """A request body passed the upload limit while it was being read."""


def _too_large_message(max_bytes: int) -> str:
    return f"上传内容超过 {max_bytes // (1024 * 1024)} MB 的限制（policyqa serve --max-upload-mb 可调整）"


# How much of an unread body is read and thrown away before an answer goes out. Clients (httpx, requests,
# browsers) send the whole body before they read the answer; a server that answers early (413 over the limit, 401
# without a token, 400) and closes with the body unread resets the connection, and the client reports "connection
# reset" instead of the answer and its message. Past this much the connection is closed anyway: a client sending
# that far over the limit gets the reset.
DRAIN_BYTES = 64 * 1024 * 1024


async def _drain(receive, budget: int = DRAIN_BYTES) -> None:
    """Reads the rest of a request body and keeps none of it."""
    while budget > 0:
        message = await receive()
        if message["type"] != "http.request":
            return
        budget -= len(message.get("body", b""))
        if not message.get("more_body", False):
            return


class BodyLimit:
    """ASGI middleware: a body whose declared length passes the limit is refused without being kept; one without
    a declared length (chunked) is counted as it arrives and refused when it passes. No answer goes out before the
    body has been read (what the app did not read is dropped, see DRAIN_BYTES), so the client gets to read it."""

    def __init__(self, app, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await _drain(receive)
            body = json.dumps({"error": _too_large_message(self.max_bytes)}, ensure_ascii=False).encode()
            await send({"type": "http.response.start", "status": 413, "headers": [
                (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                (b"connection", b"close")]})
            await send({"type": "http.response.body", "body": body})
            return None
        seen, read_whole = 0, False

        async def counted():
            nonlocal seen, read_whole
            message = await receive()
            read_whole = message["type"] != "http.request" or not message.get("more_body", False)
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise RequestTooLarge(_too_large_message(self.max_bytes))  # turned into 413 by the app
            return message

        async def answered(message):
            nonlocal read_whole
            if message["type"] == "http.response.start" and not read_whole:
                read_whole = True
                await _drain(receive)  # what it reads is dropped, not held
            await send(message)

        return await self.app(scope, counted, answered)


_MESSAGES = {
    "missing": "缺少参数 {name}",
    "int_parsing": "参数 {name} 应为整数",
    "int_type": "参数 {name} 应为整数",
    "greater_than_equal": "参数 {name} 不能小于 {ge}",
    "less_than_equal": "参数 {name} 不能大于 {le}",
    "string_too_short": "参数 {name} 不能为空",
    "too_short": "参数 {name} 不能为空",
    "string_too_long": "参数 {name} 过长（最多 {max_length} 字）",
}


def validation_message(errors: Sequence[dict]) -> str:
    """One sentence for every parameter that failed validation."""
    parts = []
    for e in errors:
        loc = [str(p) for p in e.get("loc", ()) if p not in ("query", "body", "path", "header")]
        name = loc[0] if loc else "?"
        template = _MESSAGES.get(e.get("type", ""), "参数 {name} 无效")
        try:
            parts.append(template.format(name=name, **(e.get("ctx") or {})))
        except (KeyError, IndexError):
            parts.append(f"参数 {name} 无效")
    return "；".join(dict.fromkeys(parts)) or "请求无效"
