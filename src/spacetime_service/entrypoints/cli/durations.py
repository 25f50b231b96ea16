"""Lifetimes on the command line: a whole number and a unit, `90m`, `12h`, `30d`."""

from __future__ import annotations

import re
from datetime import timedelta

import typer

_UNITS = {"m": timedelta(minutes=1), "h": timedelta(hours=1), "d": timedelta(days=1)}
_DURATION = re.compile(r"(?P<count>[1-9][0-9]{0,5})(?P<unit>[mhd])")


def parse_duration(text: str) -> timedelta:
    match = _DURATION.fullmatch(text.strip())
    if match is None:
        raise typer.BadParameter(f"{text!r} is not a lifetime such as 90m, 12h or 30d")
    return int(match["count"]) * _UNITS[match["unit"]]
