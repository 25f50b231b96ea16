"""The validation split and the chunk seeds depend on nothing but the seed and stable ids."""

from __future__ import annotations

from hashlib import blake2b

from spacetime_service.domain.ml.split import chunk_seed, is_validation_row, validation_mask


def test_the_split_is_a_pure_function_of_seed_and_id() -> None:
    first = [is_validation_row(row_id, 11, 0.2) for row_id in range(1, 5001)]
    again = [is_validation_row(row_id, 11, 0.2) for row_id in range(1, 5001)]
    other_seed = [is_validation_row(row_id, 12, 0.2) for row_id in range(1, 5001)]
    assert first == again
    assert first != other_seed


def test_the_held_out_share_is_close_to_the_fraction() -> None:
    held_out = sum(is_validation_row(row_id, 3, 0.1) for row_id in range(1, 20_001))
    assert 1_800 < held_out < 2_200


def test_a_larger_fraction_holds_out_a_superset() -> None:
    small = {i for i in range(1, 3000) if is_validation_row(i, 5, 0.1)}
    large = {i for i in range(1, 3000) if is_validation_row(i, 5, 0.3)}
    assert small < large


def test_chunk_seeds_differ_by_epoch_and_chunk_and_fit_in_32_bits() -> None:
    seeds = {chunk_seed(1, epoch, chunk) for epoch in range(3) for chunk in range(100)}
    assert len(seeds) == 300
    assert all(0 <= seed < 2**32 for seed in seeds)
    assert chunk_seed(1, 0, 7) == chunk_seed(1, 0, 7)


def test_the_split_is_the_keyed_blake2b_of_the_id_below_the_fraction() -> None:
    # Pinned to the definition, so that models and checkpoints keep their held-out rows across versions.
    ids = [*range(-50, 50), 2**40, 2**62]
    for seed, fraction in ((0, 0.1), (42, 0.25), (2**40, 0.5)):
        key = seed.to_bytes(8, "big")
        expected = [
            int.from_bytes(blake2b(i.to_bytes(8, "big", signed=True), digest_size=8, key=key).digest(), "big")
            < fraction * 2**64
            for i in ids
        ]
        assert validation_mask(ids, seed, fraction) == expected
