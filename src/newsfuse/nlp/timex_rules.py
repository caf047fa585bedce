"""The TimeML grammar: regular patterns that find time expressions and say what they mean.

In the spirit of HeidelTime and SUTime: each rule is a compiled pattern over the raw text
plus a handler that turns its match into a TimeML type and value. Finding needs no
reference date; resolving relative expressions does, and a handler that needs one while
none is known raises `Unresolved` so the caller keeps the span with a reason. The
direction of undated references ("on Friday") comes from the caller, which reads tense.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

MIN_YEAR = 1000
MAX_YEAR = 2199
"""Bare four-digit numbers outside this range are not read as years."""

YEAR_LIKE = (1800, 2100)
"""A count in this range before "second"/"quarter" is a year ("the 1988 second quarter")."""

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip
SMALL = {
    "a": 1, "an": 1, "another": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a couple of": 2, "a couple": 2, "couple of": 2, "a dozen": 12, "dozen": 12,
}  # fmt: skip
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
    "4th": 4, "fifth": 5, "5th": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "last": 4,
}  # fmt: skip
FUZZY_COUNTS = ("several", "a few", "few", "many", "some", "numerous", "multiple")
UNIT_CODES = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "weekend": "WE",
    "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE",
    "millennium": "L",
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
    "midday": "MI", "tonight": "NI",
}  # fmt: skip
PRESENT = ("now", "right now", "currently", "current", "nowadays", "at present", "presently",
           "these days", "the present", "today's")  # fmt: skip

FUTURE = ("the future", "the near future", "a later date", "the long term", "the short term",
          "the near term", "as soon as possible", "soon", "very soon", "someday")  # fmt: skip

MOD_PREFIXES = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "less than": "LESS_THAN",
    "under": "LESS_THAN", "more than": "MORE_THAN", "over": "MORE_THAN",
    "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS", "just over": "MORE_THAN", "just under": "LESS_THAN",
}  # fmt: skip
POSITION_MODS = {"early": "START", "earlier": "START", "late": "END", "later": "END",
                 "mid": "MID", "mid-": "MID", "middle": "MID", "beginning": "START",
                 "start": "START", "end": "END"}  # fmt: skip


AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar", "jan", "sep", "dec", "aug"})
MONTH_CUE = re.compile(
    r"\b(in|since|until|by|of|early|late|mid-?|through|till|before|after|from|to|and|"
    r"between|during|on|for)\s*$"
)
"""A bare "May" or "march" is a month only after one of these words."""


SET_ADVERBS = {
    "daily": "XXXX-XX-XX", "nightly": "XXXX-XX-XXTNI", "weekly": "XXXX-WXX",
    "monthly": "XXXX-XX", "annually": "XXXX", "yearly": "XXXX", "hourly": "PT1H",
}  # fmt: skip
"""TimeBank's values for frequency adverbs."""


SEASON_CUE = re.compile(r"\b(in|during|by|until|since|through|over|this)\s*$")
"""A season named without "this/last/next" or a year must follow one of these."""


STEPS = {
    "this": 0, "current": 0, "present": 0, "last": -1, "past": -1, "previous": -1,
    "latest": -1, "next": 1, "coming": 1, "following": 1, "this past": -1, "this coming": 1,
}  # fmt: skip
"""How many units "last week", "next month" move from the reference."""


DECADE_WORDS = {
    "twenties": "2", "thirties": "3", "forties": "4", "fifties": "5", "sixties": "6",
    "seventies": "7", "eighties": "8", "nineties": "9",
}  # fmt: skip


DAY_STEPS = {"next": 1, "following": 1, "after": 1, "previous": -1, "preceding": -1,
             "before": -1}  # fmt: skip
"""How many days "the next day", "the day before" lie from the day in discussion."""


NEAR_TIE_DAYS = 31
"""A bare month about as far behind as ahead is taken in the reference's own year."""
TENSE_DAYS = 90
"""A day-month further than this from the reference lets the tense pick the year."""
ENDED = re.compile(r"\b(ended|ending)\s+$")
"""A period "ended Sept. 30" closed before the report: the date lies behind."""


BARE_PLURAL_OWNER = re.compile(
    r"\b(?:his|her|its|their|our|my|your|these|those|such|what|whose|different|certain|on|"
    r"(?:hundreds|thousands|matter) of|(?:days|weeks|months|years) (?:or|and))\s+$|\d\s*$"
)
"""Words before a bare plural unit that make it a noun phrase of its own, not a duration."""


ATTRIBUTIVE = re.compile(
    r"\s+(?!(?:and|or|to|of|in|on|at|for|from|with|as|when|but|than|the|a|an|is|was|were|"
    r"will|would|be|has|had|have)\b)[a-z]"
)
"""A lowercase word after "year-end" that makes it a modifier ("year-end results")."""


class Unresolved(Exception):
    """A relative expression met without a reference date; carries the type found."""

    def __init__(self, kind: str) -> None:
        super().__init__("no reference date")
        self.kind = kind


@dataclass
class Context:
    """What resolution needs: the reference date, a tense hint and the discourse anchor."""

    ref: date | None
    direction: int = 0
    """-1 past, +1 future, 0 unknown (from the verb governing the expression)."""
    last_quarter: tuple[int, int] | None = None
    """The most recent quarter named in the text, for "a year earlier" in results."""
    last_year: int | None = None
    """The year of the most recent absolute date, for "the following year"."""
    last_day: date | None = None
    """The most recent day-precise date, for "the next day", "the same day"."""
    last_month: tuple[int, int] | None = None
    """The month of the most recent month- or day-precise date, for "the following month"."""
    last_period: str | None = None
    """The most recent month or quarter named ("2009-02", "2009-Q3"), for "the same period
    last year"."""

    def need(self, kind: str) -> date:
        if self.ref is None:
            raise Unresolved(kind)
        return self.ref


@dataclass
class Meaning:
    """A handler's answer: TimeML type, value (None when not determinable) and modifier."""

    type: str
    value: str | None
    mod: str | None = None
    extra: dict[str, object] = field(default_factory=dict)


Handler = Callable[[re.Match[str], Context], Meaning | None]


# ---------------------------------------------------------------- value formatting


def fmt_day(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def fmt_month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def fmt_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def quarter_of(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def shift_quarter(y: int, q: int, n: int) -> tuple[int, int]:
    idx = y * 4 + (q - 1) + n
    return idx // 4, idx % 4 + 1


def add_months(d: date, n: int) -> tuple[int, int]:
    idx = d.year * 12 + d.month - 1 + n
    return idx // 12, idx % 12 + 1


def safe_day(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


# ---------------------------------------------------------------- number reading


def read_number(text: str) -> int | None:
    """An integer from digits or English words ("twenty-five", "a couple of"); None if fuzzy."""
    t = text.lower().strip().replace(",", "")
    if t.isdigit():
        return int(t)
    if t in SMALL:
        return SMALL[t]
    total = 0
    for part in re.split(r"[\s-]+", t):
        if part == "and":
            continue
        if part not in SMALL:
            return None
        value = SMALL[part]
        total = total * value if value == 100 else total + value
    return total or None


def unit_of(word: str) -> str:
    """Canonical singular unit name for "years", "centuries", "two-week"."""
    w = word.lower()
    if w.startswith("centur"):
        return "century"
    if w.startswith("millenni"):
        return "millennium"
    if w.endswith("s") and w[:-1] in UNIT_CODES:
        return w[:-1]
    return w


def duration_value(n: int | None, unit: str, half: bool = False) -> str:
    """TimeML duration: P3Y, PT2H, PXM (unknown count), P2W."""
    code = UNIT_CODES[unit]
    if code == "DE":
        return "PXE" if n is None else f"P{n * 10 + (5 if half else 0)}Y"
    if code == "CE":
        if n is not None and half:
            return f"P{n * 100 + 50}Y"  # "a century and a half"
        return "PXC" if n is None else ("P1C" if n == 1 else f"P{n * 100}Y")
    if code == "WE":
        return f"P{n}WE" if n is not None else "PXWE"
    amount = "X" if n is None else str(n)
    timed = unit in ("second", "minute", "hour")
    if half and n is not None:
        sub = {"hour": "30M", "minute": "30S", "day": "12H", "year": "6M", "month": "15D"}
        if unit in ("hour", "minute"):
            return f"PT{n}{code}{sub[unit]}"
        if unit in sub:
            extra = sub[unit]
            return f"P{n}{code}T{extra}" if unit == "day" else f"P{n}{code}{extra}"
    return f"PT{amount}{code}" if timed else f"P{amount}{code}"


# ---------------------------------------------------------------- pattern pieces

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|"
    r"Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAY = (
    r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon\.|Tues?\.|"
    r"Wed\.|Thu(?:rs)?\.|Fri\.|Sat\.|Sun\.)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[0-9]|2[01])\d\d)"
_UNITS_W = r"one|two|three|four|five|six|seven|eight|nine"
_TEENS_W = r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_YEAR_W = (
    r"(?P<yearw>nineteen[\s-]+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[\s-]+(?:" + _UNITS_W + r"))?|" + _TEENS_W + r")"
    r"|(?<=\bthe year )two[\s-]+thousand(?:[\s-]+(?:and[\s-]+)?(?:"
    + _TEENS_W
    + r"|"
    + _UNITS_W
    + r"))?)"
)
"""A year as a broadcast transcript writes it ("nineteen ninety-six", "the year two
thousand"); "two thousand" alone is a count, so it is a year only after "the year"."""
_DAY_W = (
    r"(?P<dayw>(?:twenty-|thirty-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth)|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|"
    r"eighteenth|nineteenth|twentieth|thirtieth)"
)
"""A day of the month written as an ordinal word ("March eighth")."""
_NUMW = (
    r"(?:\d+(?:\.\d+)?|a couple of|couple of|a dozen|an?|another|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
    r"nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|"
    r"three|four|five|six|seven|eight|nine))?|hundred|a hundred|one hundred|"
    r"several|a few|few|many|some|numerous|multiple)"
)
_UNIT = (
    r"(?P<unit>seconds?|minutes?|hours?|days?|weeks?|weekends?|months?|quarters?|years?|"
    r"decades?|centur(?:y|ies)|millenni(?:um|a))"
)
_PLURAL_UNIT = (
    r"(?P<unit>seconds|minutes|hours|days|weeks|weekends|months|quarters|years|decades|centuries)"
)
_COUNTED = (
    r"(?P<counted>(?:straight|consecutive|successive|trading|business|working|more|additional|extra|"
    r"full)\s+)?"
)
"""Words between a count and its unit that leave the duration as counted: "six straight days"."""
_TZ = (
    r"(?:\s+(?P<tz>EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|CEST|(?-i:ET|CT|PT)|local time|"
    r"(?-i:[A-Z][a-z]+)\s+time(?![\w-])))?"
)
"""A zone after a clock time: an abbreviation, "local time", or a place's time ("Beijing
time"); only GMT and UTC change the value."""
_CLOCK24 = (
    r"(?:(?P<h24>[01]\d|2[0-3]):?(?P<m24>[0-5]\d)\s*(?P<zone>UTC|GMT)|"
    r"(?:(?<=\bat\s)|(?<=\bby\s)|(?<=\buntil\s)|(?<=\bfrom\s)|(?<=\bafter\s)|(?<=\bbefore\s)|"
    r"(?<=\bsince\s)|(?<=\baround\s)|(?<=\bof\s))(?P<h24b>[01]?\d|2[0-3]):(?P<m24b>[0-5]\d)"
    r"(?!\s*(?:[ap]\.?m\b|[ap]\.m\.|%|-|:?\d)))"
)
"""A 24-hour time: with a zone ("18:00 UTC", "0800 GMT"), or after a preposition ("at 14:30")."""
UTC_ZONES = frozenset({"UTC", "GMT"})
"""Zones written as ISO-8601's Z; other zones leave the local time as stated."""
_CLOCK = (
    r"(?P<hour>[01]?\d)(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b|"
    r"a\.m\b|p\.m\b)" + _TZ
)
_REL_DAY = r"(?P<relday>today|tonight|yesterday|tomorrow)"
_PART = r"(?P<part>morning|afternoon|evening|night)"
_B = r"(?<![\w$€£¥-])"
_E = r"(?![\w-])"


_YEAR4 = r"(?:1[89]|2[01])\d\d"
_DAY_RANGE_END = r"[-\u2013][0-3]?\d(?:\s*,?\s*(?P<ryear>" + _YEAR4 + r"))?(?![\w-])"
"""The rest of a day range ("Aug. 14-16, 1998"): its first day takes the year stated after."""
_MONTH_WORD = _MONTH.replace("(?P<month>", "(?:")
_COUNT_W = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|sixty|ninety|hundred)"
)
"""A count that can open a range of counts ("two to three years", "between 60 and 90 days")."""


def grp(m: re.Match[str], name: str) -> str | None:
    """A named group's text, None when the rule lacks the group or it did not take part."""
    return m.groupdict().get(name)


def year_in_words(text: str) -> int:
    """ "nineteen ninety-six" → 1996, "two thousand and one" → 2001."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w != "and"]
    if words[:2] == ["two", "thousand"]:
        return 2000 + (read_number(" ".join(words[2:])) or 0)
    return 1900 + (read_number(" ".join(words[1:])) or 0)


def stated_year(m: re.Match[str]) -> int | None:
    """The year a match states, in digits or in words; None when it states none."""
    if grp(m, "year"):
        return int(m["year"])
    return year_in_words(m["yearw"]) if grp(m, "yearw") else None


def day_number(m: re.Match[str]) -> int:
    """The day of the month a match states, in digits ("8th") or as a word ("eighth")."""
    if grp(m, "day"):
        return int(m["day"])
    word = m["dayw"].lower()
    if word == "thirtieth":
        return 30
    tens, _, unit = word.rpartition("-")
    return {"": 0, "twenty": 20, "thirty": 30}[tens] + ORDINALS[unit]


def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def weekday_number(word: str) -> int:
    return WEEKDAYS[word.lower().rstrip(".")]


def infer_year(ctx: Context, month: int, day: int | None, kind: str, wd: int | None = None) -> int:
    """Year of a month (and day) stated without one: the occurrence nearest the reference.

    A named weekday picks the year whose date falls on it; for a bare month the tense
    may push the choice to the year before or after.
    """
    ref = ctx.need(kind)
    years = (ref.year - 1, ref.year, ref.year + 1)
    if wd is not None and day is not None:
        for y in sorted(years, key=lambda y: abs(y - ref.year)):
            d = safe_day(y, month, day)
            if d is not None and d.weekday() == wd:
                return y

    def distance(y: int) -> int:
        d = safe_day(y, month, min(day or 15, 28)) or date(y, month, 1)
        return abs((d - ref).days)

    year = min(years, key=distance)
    if day is None and year != ref.year and distance(ref.year) - distance(year) < NEAR_TIE_DAYS:
        year = ref.year
    if day is not None and distance(year) > TENSE_DAYS:
        d = safe_day(year, month, min(day, 28)) or date(year, month, 1)
        if ctx.direction < 0 and d > ref:
            year -= 1
        elif ctx.direction > 0 and d < ref:
            year += 1
    if day is None and month != ref.month:
        if ctx.direction < 0 and (year, month) > (ref.year, ref.month):
            year -= 1
        elif ctx.direction > 0 and (year, month) < (ref.year, ref.month):
            year += 1
    return year


def weekday_date(ctx: Context, wd: int, which: str = "") -> date:
    """The date of a named weekday near the reference: the ref itself when it is that day."""
    ref = ctx.need("DATE")
    delta = wd - ref.weekday()
    if which == "next":
        return ref + timedelta(days=(delta % 7) or 7)
    if which == "last":
        return ref - timedelta(days=((-delta) % 7) or 7)
    if which == "this":
        return ref + timedelta(days=delta)
    if delta == 0:
        return ref
    if ctx.direction > 0:
        return ref + timedelta(days=delta % 7)
    return ref - timedelta(days=(-delta) % 7)


# ---------------------------------------------------------------- handlers


def h_iso(m: re.Match[str], ctx: Context) -> Meaning | None:
    d = safe_day(int(grp(m, "y")), int(grp(m, "m")), int(grp(m, "d")))
    return Meaning("DATE", fmt_day(d)) if d else None


def h_slash(m: re.Match[str], ctx: Context) -> Meaning | None:
    y = int(grp(m, "y"))
    if y < 100:
        y += 1900 if y > 30 else 2000
    d = safe_day(y, int(grp(m, "m")), int(grp(m, "d")))
    return Meaning("DATE", fmt_day(d)) if d else None


def h_month_day(m: re.Match[str], ctx: Context) -> Meaning | None:
    month = month_number(grp(m, "month"))
    day = day_number(m)
    if not 1 <= day <= 31:
        return None
    wd = weekday_number(grp(m, "wd")) if grp(m, "wd") else None
    if ENDED.search(m.string[max(0, m.start() - 10) : m.start()]):
        ctx.direction = -1
    if which := (grp(m, "dwhich") or "").lower():  # "next Jan. 1", "last Dec. 31"
        ref = ctx.need("DATE")
        ahead = which.endswith(("next", "coming"))
        ctx.direction = 1 if ahead else -1
        year = ref.year + (1 if ahead else -1)
        if (ahead and (month, day) > (ref.month, ref.day)) or (
            not ahead and (month, day) < (ref.month, ref.day)
        ):
            year = ref.year
        d = safe_day(year, month, day)
        return Meaning("DATE", fmt_day(d)) if d else None
    stated = grp(m, "year") or grp(m, "ryear")
    if drel := (grp(m, "drel") or "").lower():  # "on Oct. 1 next year"
        stated = str(ctx.need("DATE").year + STEPS[drel])
    year = int(stated) if stated else infer_year(ctx, month, day, "DATE", wd)
    d = safe_day(year, month, day)
    if d is None:
        return None
    clock = grp(m, "hour")
    if clock:
        return Meaning("TIME", fmt_day(d) + clock_value(m))
    return Meaning("DATE", fmt_day(d))


def h_month_year(m: re.Match[str], ctx: Context) -> Meaning | None:
    month = month_number(grp(m, "month"))
    which = (grp(m, "which") or "").lower()
    rel_year = (grp(m, "relyear") or "").lower()
    mod = position_mod(grp(m, "pos"))
    if (stated := stated_year(m)) is not None:
        return Meaning("DATE", fmt_month(stated, month), mod)
    word = grp(m, "month")
    if not word[0].isupper():
        return None
    if not (which or rel_year or grp(m, "pos")) and word.lower() in AMBIGUOUS_MONTHS:
        before = m.string[max(0, m.start() - 12) : m.start()].lower()
        if not MONTH_CUE.search(before):
            return None
    ref = ctx.need("DATE")
    if rel_year == "that":  # "in October of that year": the year in discussion
        year = ctx.last_year or ref.year
    elif rel_year:
        year = ref.year + {"this": 0, "last": -1, "next": 1}[rel_year]
    elif which in ("last", "this past"):
        year = ref.year if month < ref.month else ref.year - 1
    elif which in ("next", "this coming"):
        year = ref.year if month > ref.month else ref.year + 1
    elif which == "this":
        year = ref.year
    else:
        year = infer_year(ctx, month, None, "DATE")
    return Meaning("DATE", fmt_month(year, month), mod)


def h_year(m: re.Match[str], ctx: Context) -> Meaning | None:
    year = int(grp(m, "year"))
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    fiscal = grp(m, "fiscal")
    if not fiscal and year < 1800:
        return None
    return Meaning("DATE", f"{year:04d}", position_mod(grp(m, "pos")))


def range_end_year(start: int, end: str) -> int | None:
    """The year that ends a range opened by `start`: "1996-2000", "1998-99", "1993-97",
    "1999-2000"; None when the two do not read as a range (an ISO month "1998-08")."""
    if len(end) == 4:
        year = int(end)
        return year if start < year <= start + 100 else None
    year = start // 100 * 100 + int(end)
    if year <= start:
        year += 100
    return (
        year if year - start <= 10 and (year - start == 1 or year // 100 == start // 100) else None
    )


def h_year_range(m: re.Match[str], ctx: Context) -> Meaning | None:
    """ "in 1996-2000", "the 1998-99 season", "the 1997/98 fiscal year": each end is a year
    of its own, as the TIMEX3 guidelines annotate a range ("from 1996 to 2000")."""
    start = grp(m, "ystart")
    if start is not None:
        end = range_end_year(int(start), m["yend"])
        return None if end is None else Meaning("DATE", start)
    opened = re.search(r"(" + _YEAR4 + r")[-\u2013/]$", m.string[max(0, m.start() - 5) : m.start()])
    if opened is None:
        return None
    end = range_end_year(int(opened.group(1)), m["yend"])
    return None if end is None else Meaning("DATE", f"{end:04d}")


MONTH_RANGE_OPEN = re.compile(r"\b" + _MONTH + r"[-\u2013]$")
DAY_RANGE_OPEN = re.compile(
    r"\b" + _MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:[-\u2013]|\s+(?:to|and|through)\s+)$"
)
QUARTER_MONTHS = {(1, 3): 1, (4, 6): 2, (7, 9): 3, (10, 12): 4}


def month_range_years(ctx: Context, first: int, last: int, stated: str | None) -> tuple[int, int]:
    """The years of a month range's ends: a year stated after the range is the last month's;
    else the first month's is inferred as for a month alone. Across a new year
    ("November-February") the first lies in the year before the last."""
    wraps = int(first > last)
    if stated:
        return int(stated) - wraps, int(stated)
    year = infer_year(ctx, first, None, "DATE")
    return year, year + wraps


def h_month_range(m: re.Match[str], ctx: Context) -> Meaning | None:
    """ "the January-September period", "January-March 1998": each end is a month of its
    own; "the July-September quarter" is that quarter."""
    if grp(m, "month2") is not None:  # the range's first month; the rest is looked ahead at
        first, last = month_number(m["month"]), month_number(m["month2"])
        if grp(m, "quarter"):
            q = QUARTER_MONTHS.get((first, last))
            if q is None:
                return None
            ry, rq = quarter_of(ctx.need("DATE"))
            year = ry - 1 if q > rq and ctx.direction < 0 else ry  # as "the third quarter"
            return Meaning("DATE", f"{year:04d}-Q{q}", extra={"anchor": True})
        year, _ = month_range_years(ctx, first, last, grp(m, "year"))
        return Meaning("DATE", fmt_month(year, first))
    opened = MONTH_RANGE_OPEN.search(m.string[max(0, m.start() - 12) : m.start()])
    if opened is None:
        return None
    first, last = month_number(opened["month"]), month_number(m["month"])
    _, year = month_range_years(ctx, first, last, grp(m, "year"))
    return Meaning("DATE", fmt_month(year, last))


def h_day_range_end(m: re.Match[str], ctx: Context) -> Meaning | None:
    """ "Aug. 14-16": the range's last day, in the month (and year) of its first."""
    opened = DAY_RANGE_OPEN.search(m.string[max(0, m.start() - 24) : m.start()])
    if opened is None:
        return None
    month, first, last = month_number(opened["month"]), int(opened["day"]), int(m["day"])
    if not 1 <= first < last <= 31:
        return None
    year = int(m["year"]) if grp(m, "year") else infer_year(ctx, month, first, "DATE")
    d = safe_day(year, month, last)
    return Meaning("DATE", fmt_day(d)) if d else None


def h_count_range(m: re.Match[str], ctx: Context) -> Meaning | None:
    """ "between 60 and 90 days", "between two to six days": the first count is a duration of
    the unit named after the second, as the second is ("two to three weeks" without
    "between" is left as one expression: TimeBank annotates it so)."""
    n = read_number(m["num"])
    if n is None or YEAR_LIKE[0] <= n <= YEAR_LIKE[1]:
        return None
    return Meaning("DURATION", duration_value(n, unit_of(m["unit"])))


def h_year_words(m: re.Match[str], ctx: Context) -> Meaning | None:
    return Meaning("DATE", f"{year_in_words(m['yearw']):04d}")


def h_century(m: re.Match[str], ctx: Context) -> Meaning | None:
    n = ORDINALS.get(grp(m, "ord").lower())
    if n is None:
        n = int(re.sub(r"\D", "", grp(m, "ord")) or 0) or None
    if n is None:
        return None
    return Meaning("DATE", f"{n - 1:02d}", position_mod(grp(m, "pos")))


FALL_OF_SOMETHING = re.compile(
    r"\s+(?:in|of)\s+(?!(?:that|this|last|next)\b|the\s+year\b)(?:the\s+|its\s+|their\s+|a\s+)?"
    r"[a-z]"
)
"""After "fall", "in" or "of" and a common noun make it a decline ("this fall in prices",
"the fall of the regime"), not the season ("this fall in Ohio", "the fall of 2015")."""


def h_season(m: re.Match[str], ctx: Context) -> Meaning | None:
    code = SEASONS[grp(m, "season").lower()]
    if (
        grp(m, "season").lower() == "fall"
        and stated_year(m) is None
        and FALL_OF_SOMETHING.match(m.string, m.end(), m.end() + 40)
    ):
        return None
    raw_which = (grp(m, "which") or "").lower()
    which = raw_which.replace("the ", "").strip()
    mod = position_mod(grp(m, "pos"))
    stated = stated_year(m)
    if stated is None and raw_which in ("", "the") and not grp(m, "pos"):
        before = m.string[max(0, m.start() - 10) : m.start()].lower()
        if not SEASON_CUE.search(before):
            return None
    if stated is not None:
        return Meaning("DATE", f"{stated:04d}-{code}", mod)
    ref = ctx.need("DATE")
    month = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}[code]
    year = ref.year
    if which in ("last", "past", "this past"):
        year = ref.year if month < ref.month - 2 else ref.year - 1
    elif which == "next":
        year = ref.year if month > ref.month else ref.year + 1
    elif which == "this":
        year = ref.year
    elif ctx.direction < 0 and month > ref.month + 1:
        year -= 1
    return Meaning("DATE", f"{year:04d}-{code}", mod)


FIXED_HOLIDAYS = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "christmas": (12, 25),
    "christmas day": (12, 25), "christmas eve": (12, 24), "boxing day": (12, 26),
    "valentine's day": (2, 14), "halloween": (10, 31), "veterans day": (11, 11),
    "veterans' day": (11, 11), "bastille day": (7, 14), "may day": (5, 1),
    "the fourth of july": (7, 4),
}  # fmt: skip
"""Holidays on a fixed day of the year (a country's Independence Day is left out: each
country has its own)."""
NTH_WEEKDAY_HOLIDAYS = {
    "thanksgiving": (11, 3, 4), "thanksgiving day": (11, 3, 4), "labor day": (9, 0, 1),
    "memorial day": (5, 0, -1), "martin luther king day": (1, 0, 3),
    "martin luther king jr. day": (1, 0, 3), "presidents' day": (2, 0, 3),
    "presidents day": (2, 0, 3), "columbus day": (10, 0, 2),
}  # fmt: skip
"""US holidays on the nth (or, for -1, last) weekday of a month: (month, weekday, n)."""
AFTER_HOLIDAY = {
    "election day": ((11, 0, 1), 1), "black friday": ((11, 3, 4), 1),
    "cyber monday": ((11, 3, 4), 4),
}  # fmt: skip
"""Holidays a number of days after an nth weekday: US Election Day is the Tuesday after
the first Monday in November; Black Friday the day after Thanksgiving."""
EASTER_OFFSETS = {"easter": 0, "easter sunday": 0, "easter monday": 1, "good friday": -2}


def easter(year: int) -> date:
    """Western Easter Sunday (the Gregorian computus, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    shift = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * shift + 114, 31)
    return date(year, month, day + 1)


def holiday_date(name: str, year: int) -> date:
    """The day a named holiday falls on in a year."""
    if name in FIXED_HOLIDAYS:
        return date(year, *FIXED_HOLIDAYS[name])
    if name in EASTER_OFFSETS:
        return easter(year) + timedelta(days=EASTER_OFFSETS[name])
    if name in AFTER_HOLIDAY:
        (month, weekday, n), days = AFTER_HOLIDAY[name]
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1) + days)
    month, weekday, n = NTH_WEEKDAY_HOLIDAYS[name]
    if n < 0:
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


HOLIDAY_PAIR = re.compile(r"^\s+and\s+(?:the\s+)?[A-Z][\w'\u2019]*(?:\s+[A-Z][\w'\u2019]*)*")
"""A second holiday coordinated with the first ("Christmas and New Year sales")."""
HOLIDAY_CUE = re.compile(
    r"\b(?:on|by|before|after|until|till|since|at|over|during|for|of|around|through|from|to|"
    r"into)\s+$",
    re.IGNORECASE,
)
"""A holiday after one of these is the day ("on Christmas Eve killed 20"), whatever follows."""


def h_holiday(m: re.Match[str], ctx: Context) -> Meaning | None:
    """ "Christmas", "Thanksgiving", "Easter 1997": the day, in the year stated, else the
    occurrence nearest the report, the tense deciding when it lies over a season away."""
    after = HOLIDAY_PAIR.sub("", m.string[m.end() : m.end() + 40], count=1)
    governed = HOLIDAY_CUE.search(m.string[max(0, m.start() - 12) : m.start()])
    if not governed and ATTRIBUTIVE.match(after):
        return None  # "Christmas sales", "the Christmas and New Year sales period": a season
    name = re.sub(r"\s+", " ", m["holiday"].lower()).replace("\u2019", "'")
    if (stated := stated_year(m)) is not None:
        return Meaning("DATE", fmt_day(holiday_date(name, stated)))
    ref = ctx.need("DATE")
    days = [holiday_date(name, y) for y in (ref.year - 1, ref.year, ref.year + 1)]
    day = min(days, key=lambda d: abs((d - ref).days))
    if abs((day - ref).days) > TENSE_DAYS and ctx.direction:
        day = (
            max(d for d in days if d <= ref)
            if ctx.direction < 0
            else min(d for d in days if d >= ref)
        )
    return Meaning("DATE", fmt_day(day))


FRACTION = re.compile(r"\b(?:a|one|three)\s+$", re.IGNORECASE)
"""A count before a bare "quarter" makes it a fraction ("a quarter of voters")."""


def h_quarter(m: re.Match[str], ctx: Context) -> Meaning | None:
    """Quarters: "the third quarter", "the year-ago quarter", "the latest quarter"; not a
    fraction ("about a quarter of the staff")."""
    if m.group(0).lower() == "quarter" and FRACTION.search(
        m.string[max(0, m.start() - 6) : m.start()]
    ):
        return None
    word = (grp(m, "qord") or "").lower().rstrip("-")
    q = ORDINALS.get(word) if word != "last" else None
    which = re.sub(r"\s+", " ", (grp(m, "qwhich") or "").lower()).strip()
    if grp(m, "year") and q:
        return Meaning("DATE", f"{m['year']}-Q{q}", extra={"anchor": True})
    ref = ctx.need("DATE")
    rel_year = (grp(m, "qrel1") or grp(m, "qrel2") or "").lower()
    if rel_year and q:
        return Meaning("DATE", f"{ref.year + STEPS[rel_year]:04d}-Q{q}", extra={"anchor": True})
    ry, rq = quarter_of(ref)
    previous = shift_quarter(ry, rq, -1)
    if "year" in which:
        base = ctx.last_quarter or previous
        return Meaning("DATE", f"{base[0] - 1:04d}-Q{q or base[1]}")
    if q:
        y = ry - 1 if q > rq and ctx.direction < 0 else ry
        return Meaning("DATE", f"{y:04d}-Q{q}", extra={"anchor": True})
    if which in ("next", "coming"):
        y, q = shift_quarter(ry, rq, 1)
    elif which in ("current", "this"):
        y, q = ry, rq
    elif which in ("previous", "prior", "past") or word == "last":
        y, q = previous
    else:
        y, q = ctx.last_quarter or previous
    return Meaning("DATE", f"{y:04d}-Q{q}")


def h_period(m: re.Match[str], ctx: Context) -> Meaning | None:
    """ "the year-ago period", "year-earlier", "the latest period": the quarter in discussion,
    or its year-ago twin; the year when no quarter has been named."""
    ref = ctx.need("DATE")
    ago = bool(grp(m, "ago"))
    if ctx.last_quarter is None:
        year = ref.year - 1 if ago else ref.year
        return Meaning("DATE", f"{year:04d}")
    y, q = ctx.last_quarter
    return Meaning("DATE", f"{y - 1 if ago else y:04d}-Q{q}")


def h_the_year(m: re.Match[str], ctx: Context) -> Meaning | None:
    """ "for the year" is the current year; "the year ended March 31" a year-long span."""
    after = m.string[m.end() : m.end() + 10].lower()
    if re.match(r"\s+(ended|ending|to)\b", after):
        return Meaning("DURATION", "P1Y")
    before = m.string[max(0, m.start() - 12) : m.start()].lower()
    if not re.search(r"\b(for|of|in|during|through|throughout)\s+$", before):
        return None
    if PART_OF.search(m.string, max(0, m.start() - 12), m.start()) and ctx.last_quarter:
        return Meaning("DATE", f"{ctx.last_quarter[0]:04d}")  # "the third quarter of the year"
    return Meaning("DATE", f"{ctx.need('DATE').year:04d}")


PART_OF = re.compile(r"\bquarter\s+of\s+$", re.IGNORECASE)
"""A quarter "of the year" just named: that year is the quarter's."""


def h_period_guard(m: re.Match[str], ctx: Context) -> Meaning | None:
    """A bare "latest" or "comparable" is no time expression; with "period" it is."""
    if not grp(m, "ago") and not m.group(0).lower().endswith("period"):
        return None
    return h_period(m, ctx)


def h_while(m: re.Match[str], ctx: Context) -> Meaning | None:
    """ "for a while", "for some time": a duration of unknown length."""
    return Meaning("DURATION", "PXX")


def h_that_year(m: re.Match[str], ctx: Context) -> Meaning | None:
    """ "that year", "that month", "that week", "late that decade": the unit of the date in
    discussion (the last absolute year, the last month or day named), the report's when none
    was named."""
    unit = grp(m, "unit1").lower()
    ref = ctx.need("DATE")
    mod = position_mod(grp(m, "pos"))
    if unit in ("year", "decade"):
        year = ctx.last_year or ref.year
        return Meaning("DATE", f"{year:04d}" if unit == "year" else f"{year // 10:03d}", mod)
    if unit == "month":
        return Meaning("DATE", fmt_month(*(ctx.last_month or (ref.year, ref.month))), mod)
    return Meaning("DATE", fmt_week(ctx.last_day or ref), mod)


def h_day_anaphor(m: re.Match[str], ctx: Context) -> Meaning | None:
    """ "the next day", "the same day", "the day before": the day last named, or the report's."""
    which = (grp(m, "dafter") or grp(m, "dwhich") or "").lower()
    if which.endswith("yesterday"):
        return Meaning("DATE", fmt_day(ctx.need("DATE") - timedelta(days=2)))
    anchor = ctx.last_day or ctx.need("DATE")
    step = DAY_STEPS.get(which.split()[-1] if which else "", 0)
    extra = {LOOKS_BACK: True} if step < 0 else {}
    return Meaning("DATE", fmt_day(anchor + timedelta(days=step)), extra=extra)


LOOKS_BACK = "looks back"
"""Meaning.extra key of "the day before", "the previous day": a look back from the day in
discussion ("rose to $1.12 from $1.11 the day before"), which stays the day in discussion."""


def h_same_period(m: re.Match[str], ctx: Context) -> Meaning | None:
    """ "the same period last year", "the same month a year ago": the period in discussion,
    a year back; the year before the report's when no month or quarter has been named.
    "The same period of 1997" puts the period in the year named."""
    unit = grp(m, "punit").lower()
    ref = ctx.need("DATE")
    named = int(grp(m, "pyear") or 0)
    period = ctx.last_period
    if unit == "quarter" and ctx.last_quarter is not None:
        period = f"{ctx.last_quarter[0]:04d}-Q{ctx.last_quarter[1]}"
    if (
        period is None
        or (unit == "month" and "Q" in period)
        or (unit == "quarter" and "Q" not in period)
    ):
        return Meaning("DATE", f"{named or ref.year - 1:04d}")
    return Meaning("DATE", f"{named or int(period[:4]) - 1:04d}{period[4:]}")


def h_unit_before(m: re.Match[str], ctx: Context) -> Meaning | None:
    """ "after falling the year before", "the month before": the unit before the one in
    discussion, as "the previous year" ("the day before" is `h_day_anaphor`'s)."""
    unit = m["unit1"].lower()
    ref = ctx.need("DATE")
    if unit == "year":
        return Meaning("DATE", f"{(ctx.last_year or ref.year) - 1:04d}")
    if unit == "month":
        month = date(*ctx.last_month, 1) if ctx.last_month else ref
        return Meaning("DATE", fmt_month(*add_months(month, -1)))
    return Meaning("DATE", fmt_week((ctx.last_day or ref) - timedelta(weeks=1)))


def h_decade_word(m: re.Match[str], ctx: Context) -> Meaning | None:
    tens = DECADE_WORDS[grp(m, "decw").lower()]
    return Meaning("DATE", f"19{tens}", position_mod(grp(m, "pos")))


def h_year_period(m: re.Match[str], ctx: Context) -> Meaning | None:
    """ "the 1988 quarter", "the 1989 period": that year's quarter under discussion."""
    year = int(grp(m, "year"))
    word = (grp(m, "qord") or "").lower()
    q = ORDINALS.get(word)
    if q is None and ctx.last_quarter is not None:
        q = ctx.last_quarter[1]
    if q is None:
        return Meaning("DATE", f"{year:04d}")
    return Meaning("DATE", f"{year:04d}-Q{q}")


def position_mod(word: str | None) -> str | None:
    if not word:
        return None
    w = word.lower().strip()
    w = re.sub(r"^the\s+|\s+of$|\s+of the$", "", w).strip()
    return POSITION_MODS.get(w) or POSITION_MODS.get(w.rstrip("-"))


def h_relday(m: re.Match[str], ctx: Context) -> Meaning | None:
    word = grp(m, "relday").lower()
    ref = ctx.need("TIME" if word == "tonight" or grp(m, "part") else "DATE")
    d = ref + timedelta(days={"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word])
    mod = position_mod(grp(m, "pos"))
    part = grp(m, "part")
    if word == "tonight":
        return Meaning("TIME", fmt_day(d) + "TNI", mod)
    if part:
        return Meaning("TIME", fmt_day(d) + "T" + PARTS_OF_DAY[part.lower()], mod)
    return Meaning("DATE", fmt_day(d), mod)


def zone_suffix(m: re.Match[str]) -> str:
    return "Z" if (grp(m, "tz") or grp(m, "zone") or "").upper() in UTC_ZONES else ""


def h_clock24(m: re.Match[str], ctx: Context) -> Meaning | None:
    hour = grp(m, "h24") or grp(m, "h24b")
    minute = grp(m, "m24") or grp(m, "m24b")
    day = anchor_day(m, ctx)
    value = f"{fmt_day(day)}T{int(hour):02d}:{minute}{zone_suffix(m)}"
    return Meaning("TIME", value, extra=dayless(m))


def clock_value(m: re.Match[str]) -> str:
    hour = int(grp(m, "hour"))
    minute = int(grp(m, "minute") or 0)
    ampm = grp(m, "ampm").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    if ampm.startswith("a") and hour == 12:
        hour = 0
    return f"T{hour:02d}:{minute:02d}{zone_suffix(m)}"


def h_clock(m: re.Match[str], ctx: Context) -> Meaning | None:
    if int(grp(m, "hour")) > 12:
        return None
    day = anchor_day(m, ctx)
    mod = MOD_PREFIXES.get((grp(m, "amod") or "").lower())  # "around 7:15 p.m." APPROX
    return Meaning("TIME", fmt_day(day) + clock_value(m), mod, extra=dayless(m))


DAYLESS = "dayless"
"""Meaning.extra key of a time of day that names no day ("at 10:30 a.m.", "in the morning"):
its day is the reference's until the caller finds the day its sentence names."""


def dayless(m: re.Match[str]) -> dict[str, object]:
    """The extra of a clock time: dayless unless a weekday or relative day came with it."""
    groups = m.groupdict()
    return {} if groups.get("wd") or groups.get("wd2") or groups.get("relday") else {DAYLESS: True}


def anchor_day(m: re.Match[str], ctx: Context) -> date:
    """The day a clock time or part of day belongs to: a named weekday, relative day or ref."""
    ref = ctx.need("TIME")
    groups = m.groupdict()
    if groups.get("wd"):
        return weekday_date(ctx, weekday_number(groups["wd"]))
    rel = (groups.get("relday") or "").lower()
    return ref + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(rel, 0))


def h_noon(m: re.Match[str], ctx: Context) -> Meaning | None:
    day = anchor_day(m, ctx)
    word = grp(m, "noon").lower()
    value = fmt_day(day) + ("T12:00" if word == "noon" else "T24:00")
    return Meaning("TIME", value, extra=dayless(m))


def h_part(m: re.Match[str], ctx: Context) -> Meaning | None:
    """Parts of the day: "this morning", "Friday evening", "mid-afternoon yesterday"."""
    part = grp(m, "part").lower()
    which = (grp(m, "which") or grp(m, "relday") or "").lower()
    wd = grp(m, "wd") or grp(m, "wd2")
    if not (which or wd or grp(m, "pos")):
        before = m.string[max(0, m.start() - 5) : m.start()].lower()
        if not re.search(r"\b(the|in|at|on)\s+$", before):
            return None
    ref = ctx.need("TIME")
    if wd:
        day = weekday_date(ctx, weekday_number(wd))
    elif which == "last" and part in ("night", "evening"):
        day = ref - timedelta(days=1)
    elif which == "that":  # "that night": the evening of the day in discussion
        day = ctx.last_day or ref
    else:
        day = ref + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(which, 0))
    value = fmt_day(day) + "T" + PARTS_OF_DAY[part]
    extra: dict[str, object] = {} if which or wd else {DAYLESS: True}
    return Meaning("TIME", value, position_mod(grp(m, "pos")), extra=extra)


def h_weekday(m: re.Match[str], ctx: Context) -> Meaning | None:
    which = (
        (grp(m, "which") or "").lower().replace("this past", "last").replace("this coming", "next")
    )
    wd = weekday_number(grp(m, "wd"))
    if which.startswith("the "):  # "the previous Friday": counted from the day in discussion
        anchor = ctx.last_day or ctx.need("DATE")
        step = 1 if which.endswith("following") else -1
        day = anchor + timedelta(days=step)
        while day.weekday() != wd:
            day += timedelta(days=step)
        return Meaning("DATE", fmt_day(day), position_mod(grp(m, "pos")))
    day = weekday_date(ctx, wd, which.strip())
    mod = position_mod(grp(m, "pos"))
    return Meaning("DATE", fmt_day(day), mod)


def h_weeks_from_day(m: re.Match[str], ctx: Context) -> Meaning | None:
    """ "a week ago Tuesday", "two weeks from Friday", "a week ago today": the day named,
    then that many weeks back or on from it (the Tuesday before last, not a week and a day)."""
    weeks = read_number(grp(m, "wnum")) or 1
    ahead = grp(m, "wdir").lower() == "from"
    if grp(m, "wd"):
        day = weekday_date(
            Context(ref=ctx.need("DATE"), direction=1 if ahead else -1),
            weekday_number(grp(m, "wd")),
        )
    else:
        day = ctx.need("DATE")
    return Meaning("DATE", fmt_day(day + timedelta(weeks=weeks if ahead else -weeks)))


def h_this_unit(m: re.Match[str], ctx: Context) -> Meaning | None:
    """this/last/next/the past/the coming week, month, year, weekend, decade."""
    raw = re.sub(r"\s+", " ", (grp(m, "which") or "").lower())
    which = re.sub(r"^the\b", "", raw).strip()
    unit = grp(m, "unit1").lower()
    mod = position_mod(grp(m, "pos"))
    ref = ctx.need("DATE")
    step = STEPS.get(which, 0)
    if unit == "decade" and which in ("past", "last", "next", "coming") and raw.startswith("the"):
        return Meaning("DURATION", duration_value(1, unit), mod)  # the ten years to now
    if raw == "the next" and ctx.direction < 0 and unit in ("month", "week", "year"):
        which = "following"  # "The next month, he sued": told in the past, as "the following"
    if which in ("following", "previous") and unit == "year" and ctx.last_year is not None:
        return Meaning("DATE", f"{ctx.last_year + step:04d}", mod)
    if which in ("following", "previous") and unit in ("month", "week"):
        # "The following month" counts from the month or day in discussion, not the report's.
        if unit == "month" and ctx.last_month is not None:
            return Meaning("DATE", fmt_month(*add_months(date(*ctx.last_month, 1), step)), mod)
        ref = ctx.last_day or ref
    if unit == "weekend":
        if which == "" and ref.weekday() < 5:
            step = 0 if ctx.direction > 0 else -1
        return Meaning("DATE", fmt_week(ref + timedelta(weeks=step)) + "-WE", mod)
    if unit == "week":
        return Meaning("DATE", fmt_week(ref + timedelta(weeks=step)), mod)
    if unit == "month":
        return Meaning("DATE", fmt_month(*add_months(ref, step)), mod)
    if unit == "decade":
        return Meaning("DATE", f"{(ref.year // 10 + step):03d}", mod)
    if unit == "century":
        return Meaning("DATE", f"{(ref.year // 100 + step):02d}", mod)
    return Meaning("DATE", f"{ref.year + step:04d}", mod)


def h_fuzzy_this(m: re.Match[str], ctx: Context) -> Meaning | None:
    """earlier this week / later this month / early next year: the unit with a modifier."""
    meaning = h_this_unit(m, ctx)
    if meaning is not None:
        meaning.mod = position_mod(grp(m, "pos") or grp(m, "pos2")) or meaning.mod
    return meaning


POINT_MODS = {
    -1: {"more than": "BEFORE", "over": "BEFORE", "just over": "BEFORE", "less than": "AFTER",
         "under": "AFTER", "just under": "AFTER", "at least": "ON_OR_BEFORE",
         "no more than": "ON_OR_AFTER", "at most": "ON_OR_AFTER"},
    1: {"more than": "AFTER", "over": "AFTER", "just over": "AFTER", "less than": "BEFORE",
        "under": "BEFORE", "just under": "BEFORE", "at least": "ON_OR_AFTER",
        "no more than": "ON_OR_BEFORE", "at most": "ON_OR_BEFORE"},
}  # fmt: skip
"""A comparative on a point counted back or ahead says on which side of it the time lies
("more than a decade ago" BEFORE, "less than a year ago" AFTER, as the TIMEX3 guidelines
write them); on a duration it bounds the length (MOD_PREFIXES)."""


AMOUNT_BEFORE = re.compile(r"(?:\d|\b(?:million|billion|trillion|thousand|percent))\W*\s$", re.I)
"""An amount just before: spread across "over N years" ("185,000 over two years", "to 69
over 16 years"), where "over" is the preposition, not "more than" as in "for over 20 years"
(so it is before an unstated count, "over several weeks"); or compared in "more than a year
ago" ("$5 million more than a year ago"), where the amount is more, not the time."""


def h_ago(m: re.Match[str], ctx: Context) -> Meaning | None:
    """N units ago / from now (and "a year earlier"): a date at the unit's granularity."""
    n = read_number(grp(m, "num"))
    unit = unit_of(grp(m, "unit"))
    direction = grp(m, "dir").lower()
    if direction == "earlier" and unit != "year":
        return None
    sign = 1 if direction in ("from now", "hence") else -1
    amod = re.sub(r"\s+", " ", (grp(m, "amod") or "").lower())
    mod = POINT_MODS[sign].get(amod) or MOD_PREFIXES.get(amod)
    if amod in ("more than", "less than") and AMOUNT_BEFORE.search(
        m.string[max(0, m.start() - 16) : m.start()]
    ):
        mod = None  # "$5 million more than a year ago": the amount is more, not the time
    ref = ctx.need("DATE")
    if n is None:
        return Meaning("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod)
    if unit == "year" and n == 1 and ctx.last_quarter is not None:
        y, q = ctx.last_quarter
        return Meaning("DATE", f"{y - 1:04d}-Q{q}", mod)
    return Meaning("DATE", shifted(ref, unit, sign * n), mod)


def shifted(ref: date, unit: str, n: int) -> str:
    """The reference moved by n units, written at that unit's granularity."""
    if unit == "day":
        return fmt_day(ref + timedelta(days=n))
    if unit in ("week", "weekend"):
        return fmt_week(ref + timedelta(weeks=n))
    if unit == "month":
        return fmt_month(*add_months(ref, n))
    if unit == "quarter":
        y, q = shift_quarter(*quarter_of(ref), n)
        return f"{y:04d}-Q{q}"
    if unit == "decade":
        return f"{(ref.year + 10 * n) // 10:03d}"
    if unit in ("century", "millennium"):
        return f"{(ref.year + 100 * n) // 100:02d}"
    if unit in ("hour", "minute", "second"):
        return fmt_day(ref)
    return f"{ref.year + n:04d}"


SOMEDAY_CUE = re.compile(
    r"\b(?:(?:will|would|could|might|may|can|shall|should|must|that|he|she|they|we|I|you)|"
    r"(?:hopes?|hoped|hoping|wants?|wanted|dreams?|dreamed|wish(?:es|ed)?|aims?|plans?)\s+to)"
    r"\s+$",
    re.IGNORECASE,
)
"""Words before "one day" or "some day" that make it "at some time ahead" ("will one day
be", "hopes to one day fly", "he one day follow"), not a day-long stretch."""


QUARTER_SHARE = re.compile(
    r"\s+of\b|\s*[,(\u2014-]\s*(?:about\s+|some\s+)?\d+(?:\.\d+)?\s*(?:percent|%)"
)
"""After "a quarter", "of" or a percentage make it a share ("a quarter of voters", "just over
a quarter, 26 percent, backed him"), not three months."""


def h_duration(m: re.Match[str], ctx: Context) -> Meaning | None:
    num = grp(m, "num")
    if (
        num
        and num.lower() in ("one", "some")
        and m.group(0).lower() == f"{num.lower()} day"
        and SOMEDAY_CUE.search(m.string[max(0, m.start() - 16) : m.start()])
    ):
        return Meaning("DATE", "FUTURE_REF")
    n = read_number(num) if num else 1
    if num and num.lower().rstrip() in FUZZY_COUNTS:
        n = None
    if num and ("." in num or (n is not None and YEAR_LIKE[0] <= n <= YEAR_LIKE[1])):
        return None
    unit = unit_of(grp(m, "unit"))
    if unit == "weekend" or (unit == "second" and n == 1 and not (num or "").isdigit()):
        return None
    counted = grp(m, "counted")
    if unit == "quarter" and not counted and QUARTER_SHARE.match(m.string, m.end(), m.end() + 20):
        return None
    half = bool(grp(m, "half") or grp(m, "half2"))
    mod = MOD_PREFIXES.get((grp(m, "amod") or "").lower())
    if (grp(m, "amod") or "").lower() == "over" and (
        n is None or AMOUNT_BEFORE.search(m.string[max(0, m.start() - 16) : m.start()])
    ):
        mod = None  # "$2 trillion over 10 years", "requests over several weeks": the span
    if (grp(m, "orso") or "").strip():
        mod = "APPROX"
    return Meaning("DURATION", duration_value(n, unit, half), mod)


QUARTER_UNITS = {"hour": "PT15M", "century": "P25Y"}
"""A quarter of a unit ("a quarter-century" P25Y, "a quarter hour" PT15M)."""


def h_quarter_unit(m: re.Match[str], ctx: Context) -> Meaning | None:
    mod = MOD_PREFIXES.get(re.sub(r"\s+", " ", (grp(m, "amod") or "").lower()))
    return Meaning("DURATION", QUARTER_UNITS[unit_of(m["unit"])], mod)


HALF_UNITS = {
    "hour": "PT30M", "minute": "PT30S", "day": "PT12H", "year": "P6M", "decade": "P5Y",
    "century": "P50Y",
}  # fmt: skip
"""Half of a unit, written in the next smaller unit ("half a century" P50Y)."""


def h_half_unit(m: re.Match[str], ctx: Context) -> Meaning | None:
    """ "half a century", "half an hour": a duration of half the unit."""
    mod = MOD_PREFIXES.get(re.sub(r"\s+", " ", (grp(m, "amod") or "").lower()))
    return Meaning("DURATION", HALF_UNITS[unit_of(m["unit"])], mod)


def h_fuzzy_plural(m: re.Match[str], ctx: Context) -> Meaning | None:
    unit = unit_of(grp(m, "unit"))
    lead = (grp(m, "lead") or "").lower()
    if lead in ("recent", "past") and unit in ("year", "day"):
        return Meaning("DATE", "PAST_REF")
    if "coming" in lead or "future" in lead:
        return Meaning("DATE", "FUTURE_REF")
    return Meaning("DURATION", duration_value(None, unit))


def h_ref(m: re.Match[str], ctx: Context) -> Meaning | None:
    word = re.sub(r"\s+", " ", grp(m, "ref").lower())
    if word in PRESENT:
        return Meaning("DATE", "PRESENT_REF")
    if word in FUTURE:
        return Meaning("DATE", "FUTURE_REF")
    return Meaning("DATE", "PAST_REF")  # recently, lately, the past, recent


def h_set(m: re.Match[str], ctx: Context) -> Meaning | None:
    groups = m.groupdict()
    if groups.get("adverb"):
        word = groups["adverb"].lower()
        if word == "quarterly":
            return Meaning("DURATION", "P3M")
        return Meaning("SET", SET_ADVERBS[word])
    if groups.get("wd"):
        return Meaning("SET", f"XXXX-WXX-{weekday_number(groups['wd']) + 1}")
    if groups.get("month"):
        return Meaning("SET", f"XXXX-{month_number(groups['month']):02d}")
    unit = unit_of(groups["unit"])
    if unit == "weekend":
        return Meaning("SET", "XXXX-WXX-WE")
    # "every other month" recurs each two months, "every five years" each five.
    n = 2 if groups.get("other") else read_number(groups.get("snum") or "1")
    plural = groups["unit"].lower().endswith("s")
    if n is None or (not groups.get("other") and (n > 1) != plural):
        return None  # "every days", "every two year"
    return Meaning("SET", duration_value(n, unit))


FISCAL_CUE = re.compile(r"\b(?:in|for|during|through|throughout|of|by|into)\s+$", re.IGNORECASE)
"""Before a bare "fiscal year": the year in discussion ("earnings for fiscal year"), not
the notion ("changed from a fiscal year to a calendar year")."""


def h_fiscal_year(m: re.Match[str], ctx: Context) -> Meaning | None:
    """ "the current fiscal year", "the 1999 fiscal year", "last fiscal"; a bare "fiscal"
    ("fiscal policy", "fiscal deficit") is no time."""
    if re.match(r"\s+(?:ended|ending)\b", m.string[m.end() : m.end() + 10]):
        return Meaning("DURATION", "P1Y")  # "the fiscal year ended June 30", as "the year ended"
    if grp(m, "fy"):
        return Meaning("DATE", m["fy"])
    raw_which = (grp(m, "which") or "").lower()
    if not raw_which and (
        not m.group(0).lower().endswith("year")
        or not FISCAL_CUE.search(m.string[max(0, m.start() - 12) : m.start()])
    ):
        return None
    if raw_which == "the" and not m.group(0).lower().endswith("year"):
        return None
    which = raw_which.replace("the ", "").strip()
    ref = ctx.need("DATE")
    step = (
        -1
        if which in ("last", "previous", "past", "latest")
        else (1 if which in ("next", "coming") else 0)
    )
    return Meaning("DATE", f"{ref.year + step:04d}")


def h_year_end(m: re.Match[str], ctx: Context) -> Meaning | None:
    """ "year-end" is the last day of the year; "the end of the year" the year's end."""
    if grp(m, "year"):
        return Meaning("DATE", f"{m['year']}-12-31")
    ref = ctx.need("DATE")
    year = ref.year - 1 if ctx.direction < 0 and ref.month < 12 else ref.year
    if ATTRIBUTIVE.match(m.string, m.end()):
        return Meaning("DATE", f"{ref.year:04d}", "END")  # "a year-end press conference"
    if "-" not in m.group(0):
        return Meaning("DATE", f"{year:04d}", "END")  # "had $38 million at year's end" in January
    return Meaning("DATE", f"{year:04d}-12-31")


def h_decade(m: re.Match[str], ctx: Context) -> Meaning | None:
    digits = grp(m, "dec") or grp(m, "dec2")
    start = m.string[m.start() : m.end()]
    full = re.search(r"(1[0-9]|20)\d0", start)
    if full:
        digits = full.group(0)
    if len(digits) == 2:
        digits = ("19" if int(digits) > 20 else "20") + digits
    return Meaning("DATE", digits[:3], position_mod(grp(m, "pos")))


def h_qcode(m: re.Match[str], ctx: Context) -> Meaning | None:
    q = grp(m, "qnum") or grp(m, "qnum2")
    y = grp(m, "year") or grp(m, "y2")
    return Meaning("DATE", f"{y}-Q{q}")


def h_half(m: re.Match[str], ctx: Context) -> Meaning | None:
    h = 1 if grp(m, "hord").lower() == "first" else 2
    if re.match(r"\s+of\b", m.string[m.end() : m.end() + 4]):
        return None  # "the second half of the 1990s", "of the season": not a year's half
    if grp(m, "year"):
        return Meaning("DATE", f"{m['year']}-H{h}")
    ref = ctx.need("DATE")
    step = STEPS.get((grp(m, "hrel") or "this").lower(), 0)
    return Meaning("DATE", f"{ref.year + step:04d}-H{h}")


def h_this_unit_guard(m: re.Match[str], ctx: Context) -> Meaning | None:
    which = (grp(m, "which") or "").lower()
    if which == "the":
        unit = grp(m, "unit1").lower()
        if unit != "weekend":
            return None
    if which == "current" and grp(m, "unit1").lower() != "year":
        return None
    return h_this_unit(m, ctx)


def h_fuzzy_plural_guard(m: re.Match[str], ctx: Context) -> Meaning | None:
    """A bare plural ("took months", "for years") is a duration of unstated length, unless a
    possessive or determiner makes it a noun of its own ("his days as mayor")."""
    lead = (grp(m, "lead") or "").lower()
    unit = unit_of(grp(m, "unit"))
    if not lead:
        before = m.string[max(0, m.start() - 12) : m.start()].lower()
        after = m.string[m.end() : m.end() + 8].lower()
        if (
            unit in ("second", "quarter", "weekend")
            or BARE_PLURAL_OWNER.search(before)
            or re.match(r"[\s-]+old\b|'", after)
        ):
            return None
        return Meaning("DURATION", duration_value(None, unit))
    if lead == "the" and grp(m, "ahead"):
        return Meaning("DURATION", duration_value(None, unit))  # "in the weeks ahead": PXW
    if lead == "the" and unit not in ("year", "decade"):
        return None
    if lead == "the":
        return Meaning("DURATION", duration_value(None, unit))
    return h_fuzzy_plural(m, ctx)


STANDING_PAIR = re.compile(r"\s+(?:and|or)\s+(?:former|future|past|prospective)\b", re.I)
"""A second standing after "current" ("current and future retirees"): who they are, no time."""


PAST_COUNT = re.compile(
    r"\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozen|few|several|couple)\s+"
    r"(?!(?:of\s+)?(?:seconds|minutes|hours|days|weeks|weekends|months|quarters|years|decades|"
    r"centuries|springs|summers|autumns|falls|winters|seasons)\b)",
    re.IGNORECASE,
)
"""A count of something other than time after "the past" makes it a modifier ("the past six
election cycles", "the past three presidents"): no PAST_REF. A count of time ("the past
three summers") is one time expression, of which "the past" is part."""


def h_ref_guard(m: re.Match[str], ctx: Context) -> Meaning | None:
    word = grp(m, "ref").lower()
    if word == "the past" and PAST_COUNT.match(m.string, m.end(), m.end() + 40):
        return None
    if word in ("current", "recent"):
        after = m.string[m.end() : m.end() + 20]
        if not re.match(r"\s+[a-z]", after) or STANDING_PAIR.match(after):
            return None  # "current and former aides", "current and future retirees": a standing
        if re.search(
            r"\bformer\s+(?:and|or)\s+$", m.string[max(0, m.start() - 12) : m.start()], re.I
        ):
            return None
    return h_ref(m, ctx)


NAMED_DAY = "a named day whose date the text does not give"


def h_named_day(m: re.Match[str], ctx: Context) -> Meaning | None:
    """ "Super Tuesday", "Black Monday": a day known by name, a DATE whose value the text
    does not give (the weekday nearest the report is not it)."""
    return Meaning("DATE", None, extra={"reason": NAMED_DAY})


def h_set_guard(m: re.Match[str], ctx: Context) -> Meaning | None:
    head = m.group(0).lower()
    if head.startswith("a ") or head.startswith("per "):
        before = m.string[max(0, m.start() - 25) : m.start()]
        if not re.search(
            r"(\d|million|billion|percent|%|times|once|twice|cents?|dollars?)\W*$",
            before,
            re.IGNORECASE,
        ):
            return None
    if grp(m, "month") and head.startswith(("a ", "per ")):
        return None
    if grp(m, "adverb") and re.match(r"\s+[a-z]", m.string[m.end() : m.end() + 3]):
        return None
    return h_set(m, ctx)


# ---------------------------------------------------------------- names, not times

COMMON_TIME_WORDS = frozenset({
    "today", "tonight", "tomorrow", "yesterday", "now", "this", "that", "next", "last", "past",
    "week", "weekend", "month", "year", "decade", "night", "morning", "evening",
    "afternoon", "daily", "weekly", "monthly", "yearly", "nightly",
})  # fmt: skip
"""Time words written in lower case within a sentence: capitalized there, they are part of
a name ("NBC's Today show", "ABC's This Week", "the Daily Caller", "Man of the Year")."""
_OPEN_QUOTE = "\"\u201c'\u2018"
_CLOSE_QUOTE = re.compile("[,.!?]?[\"\u201d'\u2019]")


HEADLINE_CHARS = 300
"""The longest line read as a headline; a longer one is prose (and is never scanned whole
for each time word in it)."""


def _title_case_line(text: str, start: int) -> bool:
    """Whether the line holding `start` is a headline in title case: every word capitalized
    but the short function words."""
    line_start = text.rfind("\n", max(0, start - HEADLINE_CHARS), start) + 1
    line_end = text.find("\n", start, start + HEADLINE_CHARS)
    if line_end < 0:
        line_end = len(text)
    if line_end - line_start > HEADLINE_CHARS or (line_start == 0 and start > HEADLINE_CHARS):
        return False
    line = text[line_start:line_end]
    words = [w for w in re.findall(r"[A-Za-z][\w'\u2019]*", line) if w.lower() not in TITLE_LOWER]
    return len(words) >= 3 and all(w[0].isupper() for w in words)


TITLE_LOWER = frozenset({
    "a", "an", "the", "and", "or", "but", "nor", "for", "of", "in", "on", "at", "to", "by",
    "as", "up", "via", "vs", "from", "with", "into", "over",
})  # fmt: skip
"""Words a title-case headline may leave in lower case."""


def in_a_name(text: str, start: int, end: int) -> bool:
    """Whether the expression at text[start:end] is (part of) a name rather than a time, as
    the TIMEX3 guidelines leave names out: a title in quotes ("Today", "This Week"), a time
    word capitalized within a sentence, outside a title-case headline ("NBC's Today show",
    "Yale Daily News", "Person of the Year")."""
    words = re.findall(r"[A-Za-z]+", text[start:end])
    if not words:
        return False
    common = [w for w in words if w.lower() in COMMON_TIME_WORDS]
    if not common or not all(w[0].isupper() for w in common):
        return False
    before = text[max(0, start - 3) : start].rstrip(" ")
    if (
        before[-1:]
        and before[-1] in _OPEN_QUOTE
        and all(w[0].isupper() for w in words)
        and _CLOSE_QUOTE.match(text, end)
    ):
        return True  # a title in quotes: told "Today."
    inside = [i for i, w in enumerate(words) if w.lower() in COMMON_TIME_WORDS]
    if inside == [0] and _sentence_start(text, start):
        return False  # "Today, the House votes": capitalized as a sentence's first word
    return not _title_case_line(text, start)


_TITLE_OPEN = '"\u201c\u2018'
_TITLE_WORD = re.compile(r"[A-Z][\w.&'\u2019-]*$")


def ends_a_quoted_title(text: str, start: int, end: int) -> bool:
    """Whether the expression closes a title in quotes of several words, each in title case
    ("Fox News Sunday", "A Very Merry Christmas"): the last word of a show's, a film's or an
    ad's name, which TIMEX3 leaves out, whatever the word (a weekday, a holiday)."""
    if not _CLOSE_QUOTE.match(text, end):
        return False
    head = text[max(0, start - TITLE_REACH) : start]
    opened = max(head.rfind(q) for q in _TITLE_OPEN)
    if opened < 0:
        return False
    words = head[opened + 1 :].split()
    return bool(words) and all(_TITLE_WORD.match(w) or w in TITLE_LOWER for w in words)


TITLE_REACH = 60
"""How far back (characters) the opening quote of a title is looked for."""


def _sentence_start(text: str, start: int) -> bool:
    """Whether `start` opens a sentence, a line or a quotation (where any word is capitalized)."""
    before = text[max(0, start - 4) : start].rstrip(" \t")
    return not before or not (before[-1].isalnum() or before[-1] in ",&")


# ---------------------------------------------------------------- the rule table

_POS = (
    r"(?:(?P<pos>early-?|late-?|mid-?|the (?:beginning|start|end|middle) of|(?:the )?end of)\s*)?"
)
_AMOD = (
    r"(?:(?P<amod>about|around|approximately|roughly|some|nearly|almost|less than|"
    r"more than|(?:just\s+)?(?:over|under)(?!\s+the\b)|at least|at most|no more than|"
    r"up to)\s+)?"
)

# fmt: off
RULES: list[tuple[re.Pattern[str], Handler]] = [
    (re.compile(_B + r"(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)" + _E), h_iso),
    (re.compile(_B + r"(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>\d\d(?:\d\d)?)" + _E), h_slash),
    (re.compile(
        _B + r"(?:(?:" + _CLOCK + r")(?:\s*,)?\s+)?(?:" + _WEEKDAY + r"\s*,?\s+)?"
        r"(?:(?P<dwhich>(?i:next|last|this coming|this past))\s+|the\s+)?"
        + _MONTH + r"\s+(?:" + _DAY + r"|" + _DAY_W + r")(?:(?:\s*,?\s*" + _YEAR
        + r"|\s+(?P<drel>(?i:next|last|this))\s+(?i:year))?" + _E
        + r"|(?=" + _DAY_RANGE_END + r")|(?=[-\u2013]" + _MONTH_WORD + r"\s+[0-3]?\d(?![\w-])))"
    ), h_month_day),
    (re.compile(  # "March 31-April 4": the range's second end, a day of its own
        r"(?<=\d[-\u2013])" + _MONTH + r"\s+" + _DAY + r"(?:\s*,?\s*" + _YEAR + r")?" + _E
    ), h_month_day),
    (re.compile(
        _B + r"(?:" + _WEEKDAY + r"\s*,?\s+)?(?:the\s+)?" + _DAY + r"\s+(?:of\s+)?" + _MONTH
        + r"(?:\s*,?\s*" + _YEAR + r")?" + _E
    ), h_month_day),
    (re.compile(_B + r"(?P<ystart>" + _YEAR4 + r")(?=[-\u2013/](?P<yend>" + _YEAR4 + r"|\d\d)"
                + _E + r")"), h_year_range),
    (re.compile(r"(?<=\d\d\d\d[-\u2013/])(?P<yend>" + _YEAR4 + r"|\d\d)" + _E), h_year_range),
    (re.compile(
        _B + r"(?:the\s+)?" + _MONTH + r"(?=[-\u2013]" + _MONTH.replace("<month>", "<month2>")
        + r"(?:(?P<quarter>\s+quarter)|\s*,?\s*(?P<year>" + _YEAR4 + r"))?" + _E + r")"),
     h_month_range),
    (re.compile(
        _B + r"(?:the\s+)?" + _MONTH + r"[-\u2013]" + _MONTH.replace("<month>", "<month2>")
        + r"(?P<quarter>\s+quarter)" + _E), h_month_range),
    (re.compile(r"(?<=[a-z.][-\u2013])" + _MONTH + r"(?:\s*,?\s*(?P<year>" + _YEAR4 + r"))?"
                + _E), h_month_range),
    (re.compile(r"(?:(?<=\d[-\u2013])|(?<=\d to )|(?<=\d and )|(?<=\d through ))"
                r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*,?\s*(?P<year>" + _YEAR4 + r"))?" + _E
                + r"(?=\s*(?:[,.;:)\u2014]|\s[-\u2013]\s|$)|\s+(?:in|at|and|when|while|with|after|before|that|"
                r"the|to|as|for|under|during|on|by|among)\b)"), h_day_range_end),
    (re.compile(
        r"(?<=\bbetween )(?P<num>" + _COUNT_W + r")(?=\s*(?:-|\u2013|to|and)\s*" + _COUNT_W + r"[\s-]+"
        + _COUNTED + _UNIT + _E + r"(?![\s-]+old\b)(?!\s+(?:ago|earlier|from now|hence|later)\b))",
        re.IGNORECASE), h_count_range),
    (re.compile(
        _B + r"(?:(?P<which>this past|this coming|this|last|next)\s+)?" + _POS + _MONTH
        + r"(?:\s*,?\s*(?:of\s+)?(?:" + _YEAR + r"|" + _YEAR_W + r")"
        + r"|\s+(?:of\s+)?(?P<relyear>this|last|next|that)\s+year)?" + _E, re.IGNORECASE), h_month_year),
    (re.compile(_B + r"(?:the\s+year\s+)?" + _YEAR_W + _E
                + r"(?!\s+(?:years?|months?|weeks?|days?|hours?|minutes?|percent)\b)",
                re.IGNORECASE), h_year_words),
    (re.compile(
        _B + r"(?:(?P<pos>early|late|mid-?|the (?:beginning|start|end|middle) of|(?:the )?end of)"
        r"\s*)?(?:(?P<fiscal>fiscal(?: year)?|FY|calendar(?: year)?)\s*|the\s+year\s+)?" + _YEAR
        + r"(?![.,]\d)(?!\s*(?:%|percent|per cent))" + _E, re.IGNORECASE), h_year),
    (re.compile(_B + r"(?:the\s+)?" + _POS + r"(?:(?:19|20)?(?P<dec>\d0)|'(?P<dec2>\d0))'?s" + _E,
                re.IGNORECASE), h_decade),
    (re.compile(_B + r"(?:the\s+)?" + _POS + r"(?P<ord>\w+(?:-\w+)?)\s+century" + _E,
                re.IGNORECASE), h_century),
    (re.compile(
        _B + r"(?P<which>this past|this coming|the past|this|last|next|the|past)?\s*" + _POS
        + r"(?P<season>spring|summer|fall|autumn|winter)(?:\s*(?:of\s+)?(?:" + _YEAR + r"|"
        + _YEAR_W + r"))?" + _E,
        re.IGNORECASE), h_season),
    (re.compile(
        _B + r"(?P<holiday>New Year['\u2019]s (?:Day|Eve)|Christmas(?: Day| Eve)?|Boxing Day|"
        r"Valentine['\u2019]s Day|Halloween|Veterans['\u2019]? Day|Bastille Day|May Day|"
        r"the Fourth of July|Thanksgiving(?: Day)?|Labor Day|Memorial Day|"
        r"Martin Luther King(?: Jr\.)? Day|Presidents['\u2019]? Day|Columbus Day|"
        r"Easter(?: Sunday| Monday)?|Good Friday|Election Day|Black Friday|Cyber Monday)(?:\s*,?\s*(?:of\s+)?" + _YEAR + r")?" + _E
        + r"(?!\s+(?:Island|Rising|Offensive|Rebellion)\b)"), h_holiday),
    (re.compile(
        _B + r"(?:(?P<qrel1>last|this|next)\s+year's\s+)?"
        r"(?:the\s+)?(?P<qwhich>(?:comparable\s+)?(?:year-earlier|year-ago|year earlier|"
        r"latest|current|last|next|previous|prior|coming|this|same)\s+)?(?:fiscal[\s-]+)?"
        r"(?P<qord>first|second|third|fourth|1st|2nd|3rd|4th|last)?[\s-]*(?:fiscal[\s-]+)?"
        r"(?<![a-z])quarter(?:\s*(?:of\s+)?(?:fiscal\s+)?" + _YEAR
        + r"|\s+of\s+(?P<qrel2>last|this|next)\s+year)?" + _E
        + r"(?!\s+(?:of\s+)?(?:a|the)\s+(?:century|mile))", re.IGNORECASE), h_quarter),
    (re.compile(
        _B + r"the\s+" + _YEAR + r"\s+(?:(?P<qord>first|second|third|fourth)[\s-]+)?"
        r"(?:fiscal\s+)?(?:quarter|period)" + _E, re.IGNORECASE), h_year_period),
    (re.compile(
        _B + r"(?:the\s+)?(?:(?:comparable|corresponding|same)\s+)?(?:(?P<ago>year-earlier|"
        r"year-ago)|latest|comparable|corresponding)(?:\s+period)?(?!\s+(?:nine|six|three)\s+months)"
        + _E, re.IGNORECASE), h_period_guard),
    (re.compile(_B + r"the\s+(?:full\s+|entire\s+|whole\s+)?year" + _E
                + r"(?!\s+(?:ago|earlier|before|later|old))", re.IGNORECASE), h_the_year),
    (re.compile(_B + _POS + r"that\s+(?P<unit1>year|month|week|decade)" + _E, re.IGNORECASE),
     h_that_year),
    (re.compile(
        _B + r"the\s+(?:same|comparable|corresponding)\s+(?P<punit>period|month|quarter)\s+"
        r"(?:of\s+)?(?:the\s+)?(?:last\s+year|previous\s+year|prior\s+year|a\s+year\s+(?:ago|earlier)|"
        + _YEAR.replace("<year>", "<pyear>") + r")"
        + _E, re.IGNORECASE), h_same_period),
    (re.compile(
        _B + r"(?<!\bend of )(?P<dwhich>the\s+(?:next|following|previous|preceding|same|very)|that(?:\s+same)?"
        r"|the)\s+day(?:\s+(?P<dafter>before\s+yesterday|before|after)(?=\s*[,.;]))?" + _E
        + r"(?!\s+(?:of|when|that|which|in|to|and|or|'s|after|before)\b)(?!')"
        r"(?!\s+" + _WEEKDAY.replace("<wd>", "<wdx>") + r")"
        r"(?!(?<=\bthe\sday)\s+(?:he|she|they|it|we|I)\b)",
        re.IGNORECASE), h_day_anaphor),
    (re.compile(_B + r"the\s+(?P<unit1>week|month|year)\s+before(?=\s*(?:[,.;:)]|$))",
                re.IGNORECASE), h_unit_before),
    (re.compile(r"(?<=\bfor )(?:a\s+(?:long\s+|short\s+)?while|some\s+time|a\s+long\s+time)"
                + _E, re.IGNORECASE), h_while),
    (re.compile(_B + r"the\s+" + _POS.replace("(?:the )?", "") + r"(?P<decw>twenties|thirties|"
                r"forties|fifties|sixties|seventies|eighties|nineties)" + _E, re.IGNORECASE),
     h_decade_word),
    (re.compile(_B + r"(?P<qnum>[1-4])Q\s*" + _YEAR + r"|" + r"Q(?P<qnum2>[1-4])\s+" + r"(?P<y2>"
                r"(?:19|20)\d\d)" + _E), h_qcode),
    (re.compile(
        _B + r"(?:the\s+)?(?P<hord>first|second|last|latter)\s+half(?:\s+of\s+(?:the\s+year|"
        + _YEAR + r"|(?P<hrel>this|last|next)\s+year))?" + _E, re.IGNORECASE), h_half),
    (re.compile(
        _B + _POS + r"(?:" + _REL_DAY + r")(?:\s+" + _PART + r")?" + _E, re.IGNORECASE),
     h_relday),
    (re.compile(_B + r"(?:(?P<amod>about|around|approximately|roughly)\s+)?(?:" + _CLOCK
                + r")(?:\s*,?\s*(?:on\s+)?(?:" + _WEEKDAY + r"|"
                + _REL_DAY + r"))?" + _E.replace("-", "") , re.IGNORECASE), h_clock),
    (re.compile(_B + _CLOCK24 + r"(?:\s*,?\s*(?:on\s+)?(?:" + _WEEKDAY + r"|" + _REL_DAY
                + r"))?" + _E, re.IGNORECASE), h_clock24),
    (re.compile(_B + r"(?P<noon>noon|midnight)(?:\s+(?:on\s+)?(?:" + _WEEKDAY + r"|" + _REL_DAY
                + r"))?" + _E, re.IGNORECASE), h_noon),
    (re.compile(
        _B + _POS + r"(?:(?P<which>this|that|last|yesterday|tomorrow)\s+|" + _WEEKDAY + r"\s+)?"
        + r"(?P<part>morning|afternoon|evening|night)(?:\s+(?:" + _WEEKDAY.replace("<wd>", "<wd2>")
        + r"|(?P<relday>yesterday|today|tomorrow)))?" + _E, re.IGNORECASE), h_part),
    (re.compile(
        _B + r"(?i:(?P<wnum>a|one|two|three)\s+weeks?\s+(?P<wdir>ago|from)\s+)(?:" + _WEEKDAY
        + r"|(?i:today))" + _E), h_weeks_from_day),
    (re.compile(
        _B + r"(?i:(?P<pos>early|late|earlier|later)\s+(?:on\s+)?)?(?i:(?P<which>this past|"
        r"this coming|this|last|next|coming|the previous|the preceding|the following)\s+)?"
        + _WEEKDAY + r"(?![\w-])(?!,?\s+"
        + r"(?:the\s+)?" + r"(?:January|February|March|April|May|June|July|August|September|"
        r"October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b)"
        r"(?!\s+[0-3]?\d(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Z])"), h_weekday),
    (re.compile(
        _B + r"(?P<pos>earlier|later|early|late|the end of|the beginning of|the start of|"
        r"the middle of|mid-?)\s*(?P<which>this|last|next|the past|the coming)\s+"
        r"(?P<unit1>week|weekend|month|year|decade|century)" + _E, re.IGNORECASE), h_fuzzy_this),
    (re.compile(
        _B + r"(?:(?P<pos>earlier|later|early|late)\s+in|(?P<pos2>(?:the\s+)?(?:end|beginning|start|"
        r"middle)\s+of))\s+(?P<which>the)\s+(?P<unit1>week|month|year)" + _E, re.IGNORECASE),
     h_fuzzy_this),
    (re.compile(
        _B + r"(?P<which>this past|this coming|this|last|next|the past|the next|the coming|the current|"
        r"the latest|the previous|the following|the|current)\s+(?P<unit1>week|weekend|month|"
        r"year|decade|century)" + _E + r"(?!\s+(?:ago|earlier|before|later|old))",
        re.IGNORECASE), h_this_unit_guard),
    (re.compile(
        _B + r"(?:(?P<which>the current|the latest|the last|the next|the previous|the past|"
        r"last|next|this|current|the)\s+)?(?:(?P<fy>(?:19|20)\d\d)\s+)?"
        r"(?:fiscal(?:\s+year)?|financial\s+year)" + _E + r"(?!\s*(?:19|20)\d\d)",
        re.IGNORECASE), h_fiscal_year),
    (re.compile(_B + r"(?:(?:the\s+)?year[\s-]end|year's end|the end of the year)"
                r"(?:\s+" + _YEAR + r")?" + _E, re.IGNORECASE), h_year_end),
    (re.compile(
        _B + _AMOD + r"(?P<num>" + _NUMW + r")\s+" + _UNIT
        + r"(?:\s+or so)?\s+(?P<dir>ago|earlier|from now|hence|back(?!\s+(?:to|in|on|from|then)\b))" + _E,
        re.IGNORECASE), h_ago),
    (re.compile(
        _B + _AMOD + r"(?:the\s+)?(?:(?:past|last|next|first|coming|previous|following|"
        r"latest|remaining|final|initial|year-earlier|year-ago)\s+)?(?P<num>" + _NUMW + r")(?P<half>\s+1/2|\s+and\s+a\s+half)?[\s-]+"
        + _COUNTED + _UNIT + r"(?P<half2>\s+and\s+a\s+half)?(?P<orso>\s+or\s+so)?(?:[\s-]+long)?"
        + _E
        + r"(?![\s-]+old\b)",
        re.IGNORECASE), h_duration),
    (re.compile(_B + _AMOD + r"(?:half\s+an?\s+|(?:an?\s+)?half-)(?P<unit>hour|minute|day|year|decade|century)" + _E,
                re.IGNORECASE), h_half_unit),
    (re.compile(_B + _AMOD + r"(?:an?\s+)?quarter[\s-](?P<unit>hour|century)" + _E, re.IGNORECASE),
     h_quarter_unit),
    (re.compile(
        _B + r"(?:(?P<lead>recent|the past|the last|the next|the coming|coming|past|the|future|"
        r"the first|the early)\s+)?(?:(?:few|several|many)\s+)?" + _PLURAL_UNIT
        + r"(?:(?:\s+(?:and|or)\s+(?:days|weeks|months|years))?\s+(?P<ahead>ahead)(?!\s+of\b))?"
        + _E + r"(?!\s+(?:ago|before|old))", re.IGNORECASE),
     h_fuzzy_plural_guard),
    (re.compile(
        _B + r"(?P<ref>right now|now|currently|nowadays|at present|presently|these days|"
        r"the present|recently|more recently|lately|in the past|the past|the near future|"
        r"someday|(?<!\bas )(?:very\s+)?soon(?!-|\s+(?:after|afterwards?|before|thereafter|as|enough)\b)|"
        r"the future|recent|current|a later date|the near term|the short term|the long term|"
        r"as soon as possible)" + _E
        + r"(?!\s+of\b)", re.IGNORECASE), h_ref_guard),
    (re.compile(
        _B + r"(?:(?:every(?:\s+single)?|each|per|a)\s+(?:(?<=every )fiscal\s+|(?P<other>other)\s+|(?<=every )(?P<snum>two|three|four|"
        r"five|six|seven|eight|nine|ten|twelve|\d+)\s+)?(?:(?P<unit>seconds?|minutes?|hours?|"
        r"days?|weeks?|weekends?|months?|quarters?|years?)|" + _WEEKDAY + r"|" + _MONTH + r")|"
        r"(?P<adverb>daily|weekly|monthly|quarterly|annually|yearly|hourly|nightly))" + _E,
        re.IGNORECASE), h_set_guard),
    (re.compile(r"\b(?:Super|Black|Cyber|Ash|Holy|Bloody|Palm|Maundy|Shrove)\s+" + _WEEKDAY
                + _E), h_named_day),
]
# fmt: on


_DIGIT_KEYS = tuple("0123456789")
_MONTH_KEYS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_UNIT_KEYS = ("second", "minute", "hour", "day", "week", "month", "quarter", "year", "decade",
              "centur", "millenni")  # fmt: skip
_CALENDAR_KEYS = ("week", "month", "year", "decade", "century")
_HOLIDAY_KEYS = ("new year", "christmas", "boxing", "valentine", "halloween", "veteran",
                 "bastille", "may day", "fourth of july", "thanksgiving", "labor day",
                 "memorial", "luther", "presidents", "columbus", "easter", "good friday",
                 "election day", "black friday", "cyber monday")  # fmt: skip
RULE_KEYS: dict[Handler, tuple[str, ...]] = {
    h_iso: ("-",),
    h_slash: ("/",),
    h_month_day: _MONTH_KEYS,
    h_year_range: _DIGIT_KEYS,
    h_month_range: _MONTH_KEYS,
    h_day_range_end: _DIGIT_KEYS,
    h_count_range: (
        *_DIGIT_KEYS,
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "fifteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "ninety",
        "hundred",
    ),
    h_month_year: _MONTH_KEYS,
    h_year_words: ("nineteen", "thousand"),
    h_year: ("1", "2"),
    h_decade: ("0s", "0'", "0\u2019"),
    h_century: ("century",),
    h_season: ("spring", "summer", "fall", "autumn", "winter"),
    h_holiday: _HOLIDAY_KEYS,
    h_quarter: ("quarter",),
    h_year_period: ("quarter", "period"),
    h_period_guard: ("year-", "latest", "comparable", "corresponding"),
    h_the_year: ("year",),
    h_that_year: ("year", "month", "week", "decade"),
    h_same_period: ("same", "comparable", "corresponding"),
    h_day_anaphor: ("day",),
    h_while: ("while", "time"),
    h_decade_word: ("ties",),
    h_qcode: ("q",),
    h_half: ("half",),
    h_relday: ("today", "tonight", "yesterday", "tomorrow"),
    h_clock: ("am", "a.m", "pm", "p.m"),
    h_clock24: (":", "utc", "gmt"),
    h_noon: ("noon", "midnight"),
    h_part: ("morning", "afternoon", "evening", "night"),
    h_weekday: ("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
    h_weeks_from_day: ("week",),
    h_fuzzy_this: _CALENDAR_KEYS,
    h_this_unit_guard: _CALENDAR_KEYS,
    h_fiscal_year: ("fiscal", "financial"),
    h_year_end: ("year",),
    h_ago: ("ago", "earlier", "now", "hence", "back"),
    h_duration: _UNIT_KEYS,
    h_fuzzy_plural_guard: _UNIT_KEYS,
    h_half_unit: ("half",),
    h_quarter_unit: ("quarter",),
    h_unit_before: ("before",),
    h_named_day: ("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
}
"""Words (lowercase) one of which a text must hold for a rule to be worth running: most
rules are skipped on most texts, which keeps the grammar cheap beside the parse."""
