"""The text of a product: its sku (category prefix and zero-padded id, so unique), and a name and a
description assembled from its category's words, now and then with a tricky spelling."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from spacetime_service.adapters.demo_data.categories import PROFILES
from spacetime_service.adapters.demo_data.vocabulary import (
    COMMA_NAME_RATE,
    DASHED_NAME_RATE,
    FORMULA_DESCRIPTION_RATE,
    FORMULA_LEADS,
    QUOTED_NAME_RATE,
    VOCABULARIES,
)

if TYPE_CHECKING:
    from spacetime_service.adapters.demo_data.row_hash import Ids, RowHash

_WORDS = 5  # picks per product: brand, adjective, noun, variant, feature


def _picks(hashes: RowHash, ids: Ids) -> list[list[int]]:
    """Per product, one random index per word slot (reduced later modulo the list length)."""
    columns = [
        (hashes.uniform(f"product.word{slot}", ids) * 2**31).astype(np.int64) for slot in range(_WORDS)
    ]
    return np.stack(columns, axis=1).tolist()  # type: ignore[no-any-return]


def skus(ids: Ids, category: npt.NDArray[np.intp]) -> list[str]:
    prefixes = [profile.sku_prefix for profile in PROFILES]
    return [
        f"{prefixes[kind]}-{number:06d}" for kind, number in zip(category.tolist(), ids.tolist(), strict=True)
    ]


def names_and_descriptions(
    ids: Ids, category: npt.NDArray[np.intp], hashes: RowHash
) -> tuple[list[str], list[str]]:
    oddity = hashes.uniform("product.odd_name", ids).tolist()
    lead = hashes.uniform("product.odd_description", ids).tolist()
    names: list[str] = []
    descriptions: list[str] = []
    for kind, picks, odd, leading in zip(category.tolist(), _picks(hashes, ids), oddity, lead, strict=True):
        words = VOCABULARIES[PROFILES[kind].name]
        brand = words.brands[picks[0] % len(words.brands)]
        adjective = words.adjectives[picks[1] % len(words.adjectives)]
        noun = words.nouns[picks[2] % len(words.nouns)]
        variant = words.variants[picks[3] % len(words.variants)]
        feature = words.features[picks[4] % len(words.features)]
        names.append(_name(brand, adjective, noun, variant, odd))
        description = f"{adjective} {noun.lower()} by {brand}, {feature}. Variant: {variant}."
        if leading < FORMULA_DESCRIPTION_RATE:
            description = FORMULA_LEADS[picks[0] % len(FORMULA_LEADS)] + description
        descriptions.append(description)
    return names, descriptions


def _name(brand: str, adjective: str, noun: str, variant: str, odd: float) -> str:
    if odd < QUOTED_NAME_RATE:
        return f'{brand} "{adjective}" {noun} {variant}'
    if odd < QUOTED_NAME_RATE + COMMA_NAME_RATE:
        return f"{brand} {noun}, {adjective}, {variant}"
    if odd < QUOTED_NAME_RATE + COMMA_NAME_RATE + DASHED_NAME_RATE:
        return f"-{adjective}- {brand} {noun}"
    return f"{brand} {adjective} {noun} {variant}"
