"""A product's `ETag` and the `If-Match` that names it (RFC 9110 sections 8.8.3 and 13.1.1).

The tag is the product's version in quotes: strong, since it names one exact state. `If-Match`
compares strongly: a weak tag never matches, `*` matches any current product, and a list matches when
any of its tags does. The router compares against the product as just read, then hands the matched
version to the change, which applies only if the product is still in that state.
"""

from __future__ import annotations

import re

from spacetime_service.domain.catalog_edits import product_version
from spacetime_service.domain.products import Product

_STRONG_TAG = re.compile(r'(W/)?"([\x21\x23-\x7e\x80-\xff]*)"')


def etag_of(product: Product) -> str:
    return f'"{product_version(product)}"'


def if_match_holds(header: str, product: Product) -> bool:
    if header.strip(" \t") == "*":
        return True
    current = product_version(product)
    return any(weak == "" and opaque == current for weak, opaque in _STRONG_TAG.findall(header))
