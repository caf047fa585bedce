"""Reading amounts as written in news: numbers, scale words and currencies.

Pure text, no parse: "$105 billion", "€90bn", "90 billion euros", "US$1.2m", "3,500",
"twenty-five". Each reading also says how precisely the number was stated ("105 billion"
is good to half a billion), which is what lets two reports' figures be compared fairly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ROUND_DIGITS = 4
"""Trailing zeros read as rounding only from four digits on ("3,500" ±50, "90" ±0.5)."""
ROUNDING_CAP = 0.025
"""A round figure is read as rounded to at most this share of itself ("4,000" ±100)."""

SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "millions": 1e6, "mn": 1e6, "mln": 1e6,
    "m": 1e6, "billion": 1e9, "billions": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9,
    "trillion": 1e12, "tn": 1e12, "trn": 1e12, "tr": 1e12,
}  # fmt: skip
WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
MULTIPLIERS = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9}
SYMBOLS = {
    "us$": "USD", "u.s.$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY",
    "c$": "CAD", "a$": "AUD", "nz$": "NZD", "hk$": "HKD", "s$": "SGD", "₹": "INR",
    "₽": "RUB", "₺": "TRY", "r$": "BRL", "₩": "KRW", "₪": "ILS", "fr.": "CHF",
}  # fmt: skip
CODES = frozenset({
    "USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "NZD", "CNY", "RMB", "HKD", "SGD", "INR",
    "RUB", "TRY", "BRL", "KRW", "ILS", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "ZAR",
    "MXN", "UAH", "SAR", "AED", "IRR", "EGP", "NGN", "KES", "PKR", "IDR", "THB", "MYR",
    "PHP", "RON", "BGN", "ISK",
})  # fmt: skip
CURRENCY_WORDS = {
    "dollar": "USD", "us dollar": "USD", "u.s. dollar": "USD", "american dollar": "USD",
    "canadian dollar": "CAD", "australian dollar": "AUD", "new zealand dollar": "NZD",
    "hong kong dollar": "HKD", "singapore dollar": "SGD", "euro": "EUR", "pound": "GBP",
    "pound sterling": "GBP", "british pound": "GBP", "sterling": "GBP", "yen": "JPY",
    "japanese yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "swiss franc": "CHF",
    "franc": "CHF", "ruble": "RUB", "rouble": "RUB", "russian ruble": "RUB", "lira": "TRY",
    "turkish lira": "TRY", "rupee": "INR", "indian rupee": "INR", "hryvnia": "UAH",
    "won": "KRW", "shekel": "ILS", "real": "BRL", "rand": "ZAR", "peso": "MXN",
    "zloty": "PLN", "krona": "SEK", "krone": "NOK", "riyal": "SAR", "dirham": "AED",
    "rial": "IRR",
}  # fmt: skip

_SYMBOL_RE = "|".join(re.escape(s) for s in sorted(SYMBOLS, key=len, reverse=True))
_CODE_RE = "|".join(sorted(CODES))
_WORD_CUR_RE = "|".join(
    re.escape(w).replace(r"\ ", r"\s+") + ("(?:s|es)?" if not w.endswith(("yen", "yuan", "won",
    "rand", "renminbi", "sterling")) else "")
    for w in sorted(CURRENCY_WORDS, key=len, reverse=True)
)  # fmt: skip
SCALE_RE = r"(?:thousand|millions?|billions?|trillion|mln|bln|mn|bn|trn|tn|k|m|b)"
WORDNUM_RE = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|"
    r"four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a dozen|"
    r"dozens|a hundred|hundreds|a thousand|thousands)"
    r"(?:\s+(?:hundred|thousand|million|billion)(?:\s+and\s+\w+)?)?"
)
NUMBER_RE = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
"""Digits with thousands separators and decimals: 3,500 / 1.5 / 105."""
QUOTE_CUT = r"(?:[\"”](?=\s*(?:thousand|million|billion|trillion)\b))?"
"""A closing quote inside an amount ("we're asking for $5.6” billion", a quotation cut
before the scale word): the scale still belongs to the number."""
AMOUNT_RE = (
    r"(?P<num>" + NUMBER_RE + r")(?:\s*" + QUOTE_CUT + r"\s*(?P<scale>" + SCALE_RE + r")\b)?"
)
MONEY_RE = re.compile(
    r"(?<![\w.])(?:(?P<sym>(?i:"
    + _SYMBOL_RE
    + r"))|(?P<pcode>"
    + _CODE_RE
    + r")\s?)\s*"
    + AMOUNT_RE.replace("<num>", "<pnum>").replace("<scale>", "<pscale>")
    + r"(?![\d])"
    r"|(?<![\w.$€£¥])"
    + AMOUNT_RE
    + r"\s*(?:(?P<scode>"
    + _CODE_RE
    + r")\b|(?P<cword>(?i:"
    + _WORD_CUR_RE
    + r"))\b)",
)
"""Money with the currency before ("$105 billion", "EUR 90bn") or after ("90 billion euros")."""


@dataclass(frozen=True)
class Reading:
    """A number as stated: its value and the half-unit of its last stated digit."""

    value: float
    precision: float


def parse_number(num: str, scale: str | None = None) -> Reading | None:
    """Read "3,500", "1.5" + "billion", "twenty-five"; None when it is not a number."""
    raw = num.strip().lower().replace(",", "")
    factor = SCALES.get((scale or "").lower(), 1.0)
    if re.fullmatch(r"\d*\.?\d+", raw):
        value = float(raw)
        if "." in raw:
            step = 10.0 ** -len(raw.split(".")[1])
        elif len(raw) >= ROUND_DIGITS:
            stripped = raw.rstrip("0") or "0"
            step = min(10.0 ** (len(raw) - len(stripped)), value * ROUNDING_CAP * 2) or 1.0
        else:
            step = 1.0
        return Reading(value * factor, step * factor / 2)
    words = parse_words(raw)
    if words is None:
        return None
    return Reading(words * factor, factor / 2 if words < 100 else words * factor * 0.05)


def parse_words(text: str) -> float | None:
    """English number words: "twenty-five", "three hundred", "a dozen", "two million"."""
    total = 0.0
    current = 0.0
    seen = False
    for part in re.split(r"[\s-]+", text.lower().strip()):
        if part in ("and", "a", "an"):
            if part != "and":
                current = current or 1
            continue
        if part in WORD_NUMBERS:
            current += WORD_NUMBERS[part]
            seen = True
        elif part in MULTIPLIERS:
            factor = MULTIPLIERS[part]
            current = (current or 1) * factor
            if factor >= 1000:
                total += current
                current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


def currency_of(symbol: str | None, code: str | None, word: str | None) -> str | None:
    """ISO 4217 code from "$", "US$", "EUR", "euros", "Swiss francs"."""
    if symbol:
        return SYMBOLS.get(symbol.lower())
    if code:
        return "CNY" if code.upper() == "RMB" else code.upper()
    if word:
        key = re.sub(r"\s+", " ", word.lower())
        if key in CURRENCY_WORDS:
            return CURRENCY_WORDS[key]
        for suffix in ("es", "s"):
            if key.endswith(suffix) and key[: -len(suffix)] in CURRENCY_WORDS:
                return CURRENCY_WORDS[key[: -len(suffix)]]
    return None
