"""Policy arithmetic, in one place: shares, growth, rounding and the thresholds they meet.

The rules (`zx validate`) and every rendered document (申报书, 推荐表, 汇总表, overview)
compute figures here, so a product share that validate calls "below 5 %" is never
counted among the "5 % or more" products of the 汇总表 of the same run.

A share or growth is computed exactly in decimal arithmetic. A threshold of the policy
("5%以上", 第6条(2)) is met by the exact quotient, never by its printed form: printing rounds
to two decimals half up (四舍五入, as statistical tables print it), so 4.995 % prints as
5.00 % and is still below 5 %. Every caller asks `product_meets_share` with the raw
figures, so validate, the forms and the overview cannot disagree at the line.
"""

from __future__ import annotations

import math
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, InvalidOperation
from decimal import Context as DecimalContext
from typing import Any

PRODUCT_SHARE_MIN_PCT = Decimal(5)  # 第6条(2): 产品产量占国内全行业5%以上
FIGURE_TOLERANCE_PCT = Decimal("0.1")  # declared vs computed percentages, in points (zx's)

_CENT = Decimal("0.01")
# Arithmetic in contexts of their own, never the thread's, and with no traps: an invalid
# result is a NaN, not an exception. _ROUNDING keeps every digit of the largest result a
# finite double can give (1.8e308 × 100 ÷ 5e-324 ≈ 3.6e633, 636 digits once rounded).
_ARITH = DecimalContext(prec=28, rounding=ROUND_HALF_EVEN, traps=[])
_ROUNDING = DecimalContext(prec=1000, rounding=ROUND_HALF_UP, traps=[])


def decimal_of(value: Any) -> Decimal | None:
    """A YAML number as a Decimal (via its shortest repr, so 9.6 stays 9.6), else None."""
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = Decimal(repr(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def round2(value: Decimal | None) -> Decimal | None:
    """Rounded to cents, half up (四舍五入), not to even as Python's round() does."""
    if value is None or not value.is_finite():
        return value
    return value.quantize(_CENT, context=_ROUNDING)


def exact_share_pct(part: Any, whole: Any) -> Decimal | None:
    """part / whole × 100 unrounded (28 significant digits); None when it cannot be
    computed. The figure a threshold is compared with."""
    numerator, denominator = decimal_of(part), decimal_of(whole)
    if numerator is None or not denominator:
        return None
    return _ARITH.divide(_ARITH.multiply(numerator, 100), denominator)


def share_pct(part: Any, whole: Any) -> Decimal | None:
    """part / whole × 100, rounded to 2 decimals for printing and comparing with a declared
    figure; None when it cannot be computed. Never compare it with a threshold."""
    return round2(exact_share_pct(part, whole))


def growth_pct(current: Any, previous: Any) -> Decimal | None:
    """(current − previous) / previous × 100, rounded to 2 decimals."""
    now, before = decimal_of(current), decimal_of(previous)
    if now is None or not before:
        return None
    change = _ARITH.multiply(_ARITH.subtract(now, before), 100)
    return round2(_ARITH.divide(change, before))


def meets_product_share(share: Decimal | None) -> bool:
    """第6条(2) "5%以上": an exact (unrounded) share of 5 % or more."""
    return share is not None and share.is_finite() and share >= PRODUCT_SHARE_MIN_PCT


def product_meets_share(output: Any, national: Any) -> bool:
    """第6条(2): the product's output is 5 % or more of national output, exactly."""
    return meets_product_share(exact_share_pct(output, national))


def shown_share(exact: Decimal) -> str:
    """An exact share as printed: two decimals, or three cut down where two decimals would
    round a share below the 5 % line up to it (4.995 prints 4.995, never 5.00)."""
    printed = round2(exact)
    if printed is None or meets_product_share(exact) or not meets_product_share(printed):
        return f"{printed:.2f}" if printed is not None else "—"
    return f"{exact.quantize(Decimal('0.001'), rounding=ROUND_DOWN, context=_ROUNDING)}"


def rounding_tolerance(declared: Any) -> Decimal:
    """Half a unit of the declared figure's last decimal: 9.6 admits 9.55–9.65, 11 admits
    10.5–11.5; never below half a cent (the precision zx prints)."""
    number = decimal_of(declared)
    if number is None or isinstance(declared, int):
        return Decimal("0.5")
    exponent = number.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return max(Decimal("0.5").scaleb(-decimals), Decimal("0.005"))


def agrees(declared: Any, computed: Decimal | None, tolerance: Decimal) -> bool:
    """The declared figure is the computed one, within `tolerance` points."""
    number = decimal_of(declared)
    if number is None or computed is None or not computed.is_finite():
        return False
    return abs(number - computed) <= tolerance


def not_finite(value: Any) -> bool:
    if isinstance(value, Decimal):
        return not value.is_finite()
    return isinstance(value, float) and not math.isfinite(value)


def normalized(number: Decimal) -> Decimal:
    return number.normalize(context=_ROUNDING)


def integral(number: Decimal) -> bool:
    return number == number.to_integral_value(context=_ROUNDING)
