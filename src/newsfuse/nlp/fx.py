"""Money converted at the European Central Bank reference rate of the article's date.

The ECB history ships offline with `currencyconverter`. The ECB publishes no rate on
weekends and holidays, so the rate used is that of the nearest earlier publication day
(or the first/last day of the history when the date lies outside it), and that date is
recorded with the conversion so a reader can check it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from currency_converter import CurrencyConverter, RateNotFoundError

from newsfuse import cache

MAX_LOOKBACK_DAYS = 10
"""Longest run of days without a published rate that is bridged backwards."""


@dataclass(frozen=True)
class Conversion:
    usd: float
    eur: float
    rate_date: date


@lru_cache(maxsize=1)
def _converter() -> CurrencyConverter:
    return cache.load_or_build(
        "ecb-rates", cache.key(["CurrencyConverter"], [sys.modules[__name__]]), _read_rates
    )


def _read_rates() -> CurrencyConverter:
    return CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)


def supported(currency: str) -> bool:
    return currency in _converter().currencies


@lru_cache(maxsize=4096)
def _rate_day(currency: str, day: date | None) -> date | None:
    """The publication day whose rate stands for `day` (None: the latest available)."""
    conv = _converter()
    bounds = [conv.bounds[c] for c in {currency, "USD"} if c != "EUR"]
    if not bounds:
        return day or date.today()
    first = max(b.first_date for b in bounds)
    last = min(b.last_date for b in bounds)
    target = min(max(day or last, first), last)
    for back in range(MAX_LOOKBACK_DAYS + 1):
        probe = target - timedelta(days=back)
        if probe < first:
            break
        try:
            conv.convert(1.0, currency, "USD", date=probe)
        except RateNotFoundError:
            continue
        return probe
    return None


def convert(amount: float, currency: str, day: date | None) -> Conversion | None:
    """USD and EUR values of an amount at the ECB rate of `day`; None if unsupported."""
    if not supported(currency):
        return None
    rate_day = _rate_day(currency, day)
    if rate_day is None:
        return None
    conv = _converter()
    return Conversion(
        usd=conv.convert(amount, currency, "USD", date=rate_day),
        eur=conv.convert(amount, currency, "EUR", date=rate_day),
        rate_date=rate_day,
    )
