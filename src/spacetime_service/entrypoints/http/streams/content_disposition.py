"""`Content-Disposition` for downloads, as RFC 6266 asks: a quoted ASCII `filename`, plus an RFC 8187
`filename*` when the real name is not plain ASCII. (Starlette builds this header only inside
FileResponse, which serves files from disk, so streams need their own.)"""

from __future__ import annotations

from urllib.parse import quote


def attachment(filename: str) -> str:
    fallback = "".join(
        char if char.isascii() and char.isprintable() and char not in '"\\' else "_" for char in filename
    )
    header = f'attachment; filename="{fallback}"'
    if fallback != filename:
        header += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return header
