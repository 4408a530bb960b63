"""`policyqa serve`: the HTTP API (policyqa/ui/serve.py) on uvicorn."""
from __future__ import annotations

import click

from policyqa.index.limits import DEFAULT_LIMITS, UPLOAD_MB

from .cli_common import index_option, is_loopback

TOKEN_ENV = "POLICYQA_TOKEN"


@click.command()
@index_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Reading needs no token: 0.0.0.0 lets anyone who can reach this machine "
              "read every indexed document.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--token", envvar=TOKEN_ENV, default=None, show_envvar=True,
              help="Token that uploads and removals must send (Authorization: Bearer TOKEN). Without one, the "
              "index cannot be changed over HTTP.")
@click.option("--max-upload-mb", type=click.IntRange(1, DEFAULT_LIMITS.file_mb), default=UPLOAD_MB, show_default=True,
              help="Largest upload request; larger ones are refused (413) before they are read.")
def serve(index_dir, host, port, token, max_upload_mb):
    """The HTTP API: /ask /search /similar /compare /facts /documents, OpenAPI docs at /docs."""
    from .cli_common import open_qa
    from .serve import run

    qa = open_qa(index_dir)  # the default index is built now, with its progress, not on the first request
    shown = "localhost" if is_loopback(host) else host
    if not is_loopback(host):
        click.echo(f"policyqa: 警告：接口在 {host}:{port} 上监听；读取无需令牌，能访问这台机器的人都能读到全部已索引文档。"
                   "请放在有身份验证的反向代理之后，或使用 --host 127.0.0.1。", err=True)
    if not token:
        click.echo(f"policyqa: 未设置令牌（--token 或环境变量 {TOKEN_ENV}），上传和删除文档已关闭。", err=True)
    click.echo(f"policyqa 接口：http://{shown}:{port}  文档：http://{shown}:{port}/docs  （索引 {qa.root}）", err=True)
    run(qa, host=host, port=port, token=token or None, max_upload_mb=max_upload_mb)

