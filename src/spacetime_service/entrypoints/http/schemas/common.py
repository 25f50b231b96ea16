"""Bodies that every capability's endpoints share: page links, problem details and the probes' answers;
and the field presets of the wire form (application/encoding/wire.py): money as exact decimal text,
times as UTC ISO 8601 with `Z`."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

MONEY_FIELD = Field(examples=["12.34"], pattern=r"^\d+\.\d{2}$", description="exact amount, two decimals")
TIME_FIELD = Field(examples=["2025-03-01T12:34:56Z"], json_schema_extra={"format": "date-time"})
NEXT_CURSOR_FIELD = Field(description="pass as `cursor` for the next page; null on the last page")


class PageLinks(BaseModel):
    next: str | None = Field(description="relative URL of the next page; null on the last page")


class InvalidParam(BaseModel):
    name: str = Field(description="the parameter, e.g. `limit`")
    in_: str = Field(alias="in", description="`query` or `path`")
    index: int | None = Field(None, description="which value of a repeated parameter, from 0")
    detail: str = Field(description="what is wrong and what would be accepted")


class Problem(BaseModel):
    """RFC 9457 problem details, sent as `application/problem+json`."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(examples=["tag:spacetime-service,2025:problem:invalid-input"])
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[InvalidParam] | None = Field(None, description="each rejected parameter (422 only)")


class Liveness(BaseModel):
    status: str = Field(examples=["alive"])


class Readiness(BaseModel):
    status: str = Field(examples=["ready"])
    checks: dict[str, str] = Field(examples=[{"database": "ok"}])
