"""model/policy.py function by function, at the edges a mutation run found untested:
non-numbers, zero denominators, half-up rounding, tolerances at their bound."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zxcli.model.policy import (
    agrees,
    decimal_of,
    growth_pct,
    integral,
    meets_product_share,
    normalized,
    not_finite,
    round2,
    rounding_tolerance,
    share_pct,
)

D = Decimal


@pytest.mark.parametrize(
    "value, expected",
    [
        (9.6, D("9.6")),
        (3, D(3)),
        (D("1.50"), D("1.50")),
        (0.1, D("0.1")),
        (True, None),
        ("5", None),
        (None, None),
        (D("Infinity"), None),
        (D("NaN"), None),
        (float("inf"), None),
        (float("nan"), None),
    ],
)
def test_decimal_of(value: object, expected: Decimal | None) -> None:
    assert decimal_of(value) == expected or (expected is None and decimal_of(value) is None)


@pytest.mark.parametrize(
    "value, expected",
    [
        (D("0.005"), D("0.01")),
        (D("2.675"), D("2.68")),
        (D("2.665"), D("2.67")),
        (D("-0.005"), D("-0.01")),
        (D("4.994"), D("4.99")),
        (D(7), D("7.00")),
    ],
)
def test_round2_rounds_half_up_to_cents(value: Decimal, expected: Decimal) -> None:
    assert round2(value) == expected
    assert str(round2(value)) == str(expected)


def test_round2_passes_none_and_non_finite_through() -> None:
    assert round2(None) is None
    assert round2(D("Infinity")) == D("Infinity")


@pytest.mark.parametrize(
    "part, whole, expected",
    [
        (1, 3, D("33.33")),
        (2, 3, D("66.67")),
        (0, 5, D("0.00")),
        (5, 100, D("5.00")),
        (1, 0, None),
        (None, 5, None),
        (1, None, None),
        ("1", 5, None),
    ],
)
def test_share_pct(part: object, whole: object, expected: Decimal | None) -> None:
    assert share_pct(part, whole) == expected


@pytest.mark.parametrize(
    "current, previous, expected",
    [
        (110, 100, D("10.00")),
        (90, 100, D("-10.00")),
        (100, 100, D("0.00")),
        (1, 3, D("-66.67")),
        (5, 0, None),
        (None, 5, None),
        (5, "x", None),
    ],
)
def test_growth_pct(current: object, previous: object, expected: Decimal | None) -> None:
    assert growth_pct(current, previous) == expected


@pytest.mark.parametrize(
    "share, meets",
    [
        (None, False),
        (D("4.99"), False),
        (D("5.00"), True),
        (D("5"), True),
        (D("22.86"), True),
    ],
)
def test_meets_product_share_at_the_five_percent_line(share: Decimal | None, meets: bool) -> None:
    assert meets_product_share(share) is meets


@pytest.mark.parametrize(
    "declared, tolerance",
    [
        (9.6, D("0.05")),
        (11, D("0.5")),
        (22.86, D("0.005")),
        (1.234, D("0.005")),
        (D("12.5"), D("0.05")),
        ("x", D("0.5")),
        (None, D("0.5")),
        (100.0, D("0.05")),  # 100.0 declares a decimal
        (D("11"), D("0.5")),
        (1e20, D("0.5")),
        (D("1E+3"), D("0.5")),  # no decimals
    ],
)
def test_rounding_tolerance(declared: object, tolerance: Decimal) -> None:
    assert rounding_tolerance(declared) == tolerance


@pytest.mark.parametrize(
    "declared, computed, tolerance, expected",
    [
        (9.6, D("9.65"), D("0.05"), True),  # at the bound: agrees
        (9.6, D("9.55"), D("0.05"), True),
        (9.6, D("9.66"), D("0.05"), False),
        (9.6, D("9.54"), D("0.05"), False),
        ("9.6", D("9.6"), D("0.05"), False),  # not a number
        (9.6, None, D("0.05"), False),
        (9.6, D("NaN"), D("0.05"), False),
    ],
)
def test_agrees_within_the_tolerance(
    declared: object, computed: Decimal | None, tolerance: Decimal, expected: bool
) -> None:
    assert agrees(declared, computed, tolerance) is expected


@pytest.mark.parametrize(
    "value, expected",
    [
        (D("Infinity"), True),
        (D("NaN"), True),
        (D(1), False),
        (float("inf"), True),
        (float("nan"), True),
        (1.5, False),
        (3, False),
        ("inf", False),
    ],
)
def test_not_finite(value: object, expected: bool) -> None:
    assert not_finite(value) is expected


def test_normalized_and_integral() -> None:
    assert str(normalized(D("5.000"))) == "5"
    assert str(normalized(D("1.50"))) == "1.5"
    assert integral(D("5.00")) and integral(D(0))
    assert not integral(D("5.01"))
