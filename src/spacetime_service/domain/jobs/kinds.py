"""The kinds of job the service runs: an allow-list, so that a listing filtered by an unknown kind is
refused (422) like an unknown status, instead of answering an empty page."""

from __future__ import annotations

from enum import StrEnum


class JobKind(StrEnum):
    BULK_UPDATE = "bulk_update"
    PRODUCT_IMPORT = "product_import"
    REPORT = "report"
    TRAIN_MODEL = "train_model"
