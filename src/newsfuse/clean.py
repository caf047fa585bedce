"""Separating the article from what is not the article; finding its outlet and dateline.

Cleaning runs before the spaCy parse, so it works on cheap evidence: the wording of a
paragraph (a legal notice, a "Read more" promo, a byline, a photo credit, a breadcrumb),
the marks wire copy leaves (an agency sign-off such as "(ILKHA)", a dateline such as
"ERBIL (Kurdistan24) —"), and, for items glued after the end of an article, whether they
share its vocabulary. An item past the article's end is dropped only when its words are
not the article's words, so an on-topic closing paragraph stays. Every removed segment
is kept with its offsets and reason; nothing is silently lost.

Cleaning also bounds what the analysis is given: text past MAX_ARTICLE_TOKENS tokens (or
MAX_ARTICLE_CHARS characters) is cut off as one removed segment, so that the parse's memory
and time stay bounded whatever arrives (spaCy needs about 15 KB per token).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice

from spacy.lang.en.stop_words import STOP_WORDS

from newsfuse.model import LIMIT_REASONS, Article, RemovalReason, Removed
from newsfuse.settings import MAX_ARTICLE_CHARS, MAX_ARTICLE_TOKENS

# --- limits -------------------------------------------------------------------------------

LEGAL_MAX_WORDS = 80
"""A legal notice is one short paragraph; longer text that quotes such words is article."""
PROMO_MAX_WORDS = 40
BYLINE_MAX_WORDS = 15
CREDITS_MAX_WORDS = 40
"""'Reporting by ...; Editing by ...' lines and contact lines."""
CAPTION_MAX_WORDS = 40
NAVIGATION_MAX_WORDS = 25
SIGNOFF_LINE_MAX_WORDS = 8
"""'SOURCE: News agencies' lines."""
NEWSLETTER_MAX_WORDS = 25
"""A newsletter pitch is a line or two; a longer paragraph may be about a newsletter."""
PROMO_HEADER_MAX_WORDS = 6
"""A bare promo header ('DON'T MISS') introduces a list of linked headlines."""
HEADLINE_MAX_WORDS = 20
"""A linked headline under a promo header: short and without a closing full stop."""
WRAP_WIDTH = 100
"""Text whose lines all fit this width, with blank lines between blocks, is hard-wrapped:
its paragraphs are the blocks, not the lines."""
DATELINE_SEARCH_UNITS = 5
"""The dateline opens the story: looked for in this many first paragraphs."""

ITEM_MAX_WORDS = 60
"""Only paragraphs this short are judged as possibly unrelated trailing items."""
ITEM_MIN_TERMS = 6
"""Paragraphs with fewer content words are too short to judge by content; they stay."""
CORE_MIN_TERMS = 25
"""An article needs this many content words before items can be judged against it."""
RELATED_AFTER_END = 0.2
"""After an end mark (sign-off, legal notice), an item sharing less than this weighted
share of its content words with the article is unrelated."""
RELATED_NO_MARK = 0.08
"""Without an end mark the bar is lower, and only headlines (no closing full stop) are
judged: the last sentences of a short report often bring in new names and words, so
word overlap alone would cut real article text."""
STEM_CHARS = 5
"""Words are compared by their first characters, a crude stemmer that lets 'Russia' meet
'Russian' and 'talks' meet 'talk' at no cost."""
NAME_WEIGHT = 2.0
"""Capitalised words (names) weigh more than common words in the overlap."""
CUT_AT_LINE_SHARE = 0.8
"""A cut at a limit moves back to a line break when one lies in the last fifth of what
is kept, so that the analysis ends on a whole paragraph."""

KNOWN_AGENCIES = frozenset(
    {"Reuters", "Xinhua", "Bernama", "Yonhap", "Kyodo", "Anadolu", "Interfax", "dpa"}
)
"""Agency names not written in capitals; capitalised tokens (AFP, ILKHA) need no list."""
# fmt: off
NOT_AGENCIES = frozenset(
    {
        "PHOTO", "PHOTOS", "VIDEO", "AUDIO", "UPDATE", "UPDATED", "EXCLUSIVE", "END", "FILE",
        "LAUGHTER", "APPLAUSE", "CROSSTALK", "INAUDIBLE", "SIC", "SOUNDBITE",
    }
)
"""Capitalised tags that close a paragraph (media tags, transcript cues) but name no agency."""

# --- patterns -----------------------------------------------------------------------------

_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"\w+|[^\w\s]|\s{2,}|[^\S ]")
"""What spaCy makes a token of, counted from above: a word, a punctuation mark, a run of
whitespace other than one space (a line break is a token)."""
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)$", re.IGNORECASE)
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")
_MONTHS = frozenset(
    {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "january", "february", "march", "april", "june", "july", "august", "september",
        "october", "november", "december",
    }
)
_DATE_WORDS = _MONTHS | {
    "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "am", "pm", "a", "m", "p", "on", "at",
    "utc", "gmt", "et", "pt", "ct", "edt", "est", "pst", "pdt", "cet", "cest", "bst", "ist",
    "hrs", "last", "updated", "published", "posted",
}
# fmt: on

_LEGAL_START = re.compile(
    r"^(?:(?i:legal\s+(?:warning|notice|disclaimer))\b"
    r"|(?:(?i:copyright)|©|\([cC]\))\s*(?:©|\([cC]\))?\s*(?:\d{4}\b|(?:[A-Z][\w&.'’-]*,?\s+){1,6}(?:19|20)\d\d\b)"
    r"|(?i:all\s+rights\s+reserved))"
)
"""A notice's opening: 'LEGAL WARNING', 'Copyright 2025 ...', '© Valmora Post 2025'."""
_RIGHTS_RESERVED = re.compile(r"all rights (?:are )?reserved", re.IGNORECASE)
_LEGAL_PHRASES = (
    re.compile(
        r"(?:may|must|can) ?not be (?:re)?(?:published|produced|broadcast|rewritten|redistributed|copied|used)",
        re.IGNORECASE,
    ),
    re.compile(
        r"without (?:a |the |prior )?(?:written|express|explicit) (?:permission|consent|contract|authori[sz]ation)",
        re.IGNORECASE,
    ),
    re.compile(r"\bcopyright\b|©", re.IGNORECASE),
)
"""Each may occur in a news sentence; two together, or 'all rights reserved', make a notice."""
_PROMO_HEADER = re.compile(
    r"^(?:read (?:more|also|next)|also read|related(?: (?:articles?|stories|coverage|content|links|news|reading|posts?))?"
    r"|see (?:also|more)|more|also|don'?t miss|recommended(?: (?:for you|stories|reading|articles?))?"
    r"|you (?:may|might) (?:also )?(?:like|enjoy)|most (?:read|popular|viewed|shared)(?: in [\w ]{1,30})?"
    r"|trending(?: now| stories)?|more (?:stories|news) (?:from|on) [\w ]{1,30})\s*[:.…]*$",
    re.IGNORECASE,
)
_PROMO_START = re.compile(
    r"^(?:read (?:more|also|next)\b|also read\b|related(?: (?:articles?|stories|coverage|content|links|news|reading|posts?))?\s*:"
    r"|see (?:also|more)\b|(?:more|also|watch|listen)\s*:|don'?t miss\b|you (?:may|might) (?:also )?(?:like|enjoy)\b"
    r"|(?:sign up|subscribe)\b|follow (?:us|@\w+)\b"
    r"|follow [\w'’ ]{0,30}\bcoverage\b"
    r"|follow [\w'’.]+(?: [\w'’.]+){0,3} on (?:twitter|facebook|instagram|linkedin|youtube|tiktok)\b"
    r"|download (?:our|the) [\w'’ ]{0,30}\bapp\b|(?:join|get) (?:our|the) [\w’'. ]{0,40}\bnewsletters?\b"
    r"|advertisement$|sponsored(?: content)?$|have a (?:news )?tip\?|tell us what you think\b)",
    re.IGNORECASE,
)
_NEWSLETTER = re.compile(r"\bnewsletters?\b", re.IGNORECASE)
_NEWSLETTER_ASK = re.compile(r"\b(?:subscrib\w*|sign up|inbox|delivered)\b", re.IGNORECASE)
_BYLINE_NAME = re.compile(
    r"^(?:by|BY|By)\s+[A-Z][\w.'’\-]+(?:\s+(?:[A-Z][\w.'’\-]+|and|&|van|von|de|da|der|al|bin))*"
    r"(?:\s*(?:,|\||/|–|—|-)\s*[^\n]{0,60})?$"
)
_CREDITS = re.compile(
    r"^\(?(?:(?:with )?(?:additional )?(?:reporting|writing|editing|compiled|edited|written|research|produced)"
    r"(?: and \w+)? by\b|contribut(?:ing|ors?)\s*:)",
    re.IGNORECASE,
)
_CONTACT = re.compile(
    r"\b(?:can|may) be reached at\b|\bcontact (?:him|her|them|the (?:author|writer|reporter))\b"
    r"|^(?:e-?mail|contact)\s*:?\s*\S+@\S+",
    re.IGNORECASE,
)
_STAMP = re.compile(
    r"^(?:updated|published|posted|last (?:updated|modified)|first published)(?:\s+(?:on|at))?\s*:?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[/.]\d{1,2}[/.]\d{2,4}\b")
_CAPTION_START = re.compile(
    r"^(?:photo|photograph|image|picture|video|file photo|pictured|caption|credit|image credit|photo credit"
    r"|photo courtesy)s?\s*(?::|/|\bby\b|\bcourtesy\b)",
    re.IGNORECASE,
)
_CAPTION_CREDIT = re.compile(
    r"(?:©|\b(?:Getty Images|Shutterstock|AP Photo|AFP via Getty|REUTERS/|EPA-EFE)\b|\bphotos? (?:by|courtesy)\b)"
    r"[^.!?()]{0,40}$"
)
"""A credit that closes a caption line; one in parentheses is cut out on its own."""
_NAV_LABEL = re.compile(
    r"^(?:filed under|tags|tagged(?: with)?|categories|category|topics|posted in)\s*:",
    re.IGNORECASE,
)
_NAV_EXACT = re.compile(
    r"(?:share(?: this(?: article| story| page)?)?|share on \w+|tweet|e-?mail|print|comments?|\d+ comments?"
    r"|skip to (?:main )?content|back to top|(?:next|previous) (?:article|story|post)"
    r"|\d+\s*min(?:ute)?s? read)\W*",
    re.IGNORECASE,
)
_CRUMB_SEPARATOR = re.compile(r"\s*(?:[›»>]|\s\|\s)\s*")
_SOURCE_LINE = re.compile(r"^(?:SOURCE|Source)\s*:\s*\S.{0,60}$")

_SIGNOFF = re.compile(r"(?<=[.!?\"”’])\s*\((?P<agency>[^()\n]{2,24})\)\s*$")
_INLINE: tuple[tuple[re.Pattern[str], RemovalReason], ...] = (
    (
        re.compile(
            r"\((?:(?:AP|AFP|Reuters|Getty|File|EPA)\s+)?(?:photo|image|picture|video|photograph|credit)s?\b[^()\n]{0,120}\)",
            re.IGNORECASE,
        ),
        "caption",
    ),
    (
        re.compile(
            r"\((?:additional )?(?:reporting|writing|editing|compiled|research) by [^()\n]{2,300}\)",
            re.IGNORECASE,
        ),
        "byline",
    ),
    (
        re.compile(
            r"(?<=[.!?\"”])[ \t]+Follow (?:him|her|them|us|me|[A-Z]\w+) on (?:Twitter|Facebook|Instagram|X)\b[^\n]*$"
        ),
        "promo",
    ),
)
_DATELINE = re.compile(
    r"^(?P<prefix>[A-Z][^\n()]{1,60}?)\s*(?:\((?P<agency>[^()\n]{2,30})\))?\s*(?P<dash>—|–|--|-|:)\s+[A-Z0-9\"“‘']"
)


@dataclass(frozen=True)
class _Unit:
    """One paragraph of the text: its trimmed extent."""

    start: int
    end: int
    text: str

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.text))


def body_of(text: str, removed: Iterable[Removed]) -> str:
    """`text` with every removed segment cut out."""
    out, pos = [], 0
    for seg in sorted(removed, key=lambda s: s.start):
        out.append(text[pos : seg.start])
        pos = max(pos, seg.end)
    out.append(text[pos:])
    return "".join(out).strip()


def clean(article: Article) -> Article:
    """Find removed segments, outlet and dateline; fill `body`.

    `removed` is computed afresh from `text`, so cleaning twice gives the same result.
    An outlet the input already names (a JSONL field, an HTML site name) is kept.
    """
    text = article.text
    end, limited = _limit_cut(article)
    units = _units(text[:end])
    reasons = _unit_reasons(units)
    inline: list[Removed] = []

    signoff_at, signoff = _signoff(units, reasons)
    agency = None
    if signoff_at is not None and signoff is not None:
        agency = signoff.group("agency").strip()
        start = units[signoff_at].start + signoff.start("agency") - 1
        end = units[signoff_at].start + signoff.end("agency") + 1
        inline.append(Removed.of(text, start, end, reason="agency-signoff"))
    for index in _unrelated(units, reasons, signoff_at, article.title):
        reasons[index] = "unrelated-item"

    for i, unit in enumerate(units):
        if i not in reasons:
            inline.extend(_inline_removals(text, unit))
    removed = [Removed.of(text, units[i].start, units[i].end, reason=r) for i, r in reasons.items()]
    removed = _without_overlaps(removed + inline) + limited

    place, dateline_agency = _dateline(units, reasons)
    outlet = article.outlet or dateline_agency or agency
    return article.model_copy(
        update={
            "removed": removed,
            "body": body_of(text, removed),
            "outlet": outlet,
            "dateline": article.dateline or place,
        }
    )


def token_count(text: str) -> int:
    """Tokens of `text` as spaCy would make them, counted from above (before parsing)."""
    return sum(1 for _ in _TOKEN.finditer(text))


def analysed_end(text: str) -> int:
    """Where the analysis of `text` stops: its end, or the cut that keeps it within
    MAX_ARTICLE_TOKENS tokens and MAX_ARTICLE_CHARS characters."""
    cut = min(len(text), MAX_ARTICLE_CHARS)
    token = next(islice(_TOKEN.finditer(text, 0, cut), MAX_ARTICLE_TOKENS, None), None)
    if token is not None:
        cut = token.start()
    if cut == len(text):
        return cut
    line = text.rfind("\n", int(cut * CUT_AT_LINE_SHARE), cut)
    return line + 1 if line >= 0 else cut


def _limit_cut(article: Article) -> tuple[int, list[Removed]]:
    """Where the analysed text ends, and the removed segments that cut off the rest: those
    the article came with (a page cut at MAX_HTML_ELEMENTS) and one for the tokens past
    MAX_ARTICLE_TOKENS. Cleaning the result again cuts at the same place."""
    text = article.text
    kept = sorted((s for s in article.removed if s.reason in LIMIT_REASONS), key=lambda s: s.start)
    end = kept[0].start if kept else len(text)
    cut = analysed_end(text[:end])
    if cut < end:
        kept.insert(0, Removed.of(text, cut, end, reason="over-token-limit"))
    return cut, kept


# --- paragraphs ---------------------------------------------------------------------------


def _wrapped(lengths: list[int], gap_before: list[bool]) -> bool:
    return any(gap_before[1:]) and not all(gap_before[1:]) and max(lengths) <= WRAP_WIDTH


def is_hard_wrapped(text: str) -> bool:
    """Whether the text's lines are wrapped at a width, its paragraphs blank-line separated."""
    lengths: list[int] = []
    gap_before: list[bool] = []
    blank = False
    for line in text.split("\n"):
        if line.strip():
            lengths.append(len(line.strip()))
            gap_before.append(blank)
            blank = False
        else:
            blank = True
    return bool(lengths) and _wrapped(lengths, gap_before)


def _units(text: str) -> list[_Unit]:
    """Paragraphs: lines, or blank-line separated blocks when the text is hard-wrapped."""
    lines: list[_Unit] = []
    gap_before: list[bool] = []
    pos, blank = 0, False
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + (len(line) - len(line.lstrip()))
            lines.append(_Unit(start, start + len(stripped), stripped))
            gap_before.append(blank)
            blank = False
        else:
            blank = True
        pos += len(line) + 1
    if not _wrapped([len(u.text) for u in lines], gap_before):
        return lines
    units: list[_Unit] = []
    for unit, gap in zip(lines, gap_before, strict=True):
        if units and not gap:
            units[-1] = _Unit(units[-1].start, unit.end, text[units[-1].start : unit.end])
        else:
            units.append(unit)
    return units


def _unit_reasons(units: list[_Unit]) -> dict[int, RemovalReason]:
    """Paragraphs that are boilerplate by their wording, and lists under promo headers."""
    reasons: dict[int, RemovalReason] = {}
    in_promo_list = False
    for i, unit in enumerate(units):
        reason = _reason(unit)
        if reason is None and in_promo_list and _looks_like_headline(unit):
            reason = "promo"
        if reason is not None:
            reasons[i] = reason
        in_promo_list = (reason == "promo") and (
            in_promo_list
            or (unit.words <= PROMO_HEADER_MAX_WORDS and bool(_PROMO_HEADER.match(unit.text)))
        )
    return reasons


def _reason(unit: _Unit) -> RemovalReason | None:
    """Why this paragraph is not article text, judged by its own wording; None if it is."""
    s, n = unit.text, unit.words
    if n == 0:
        return None
    if n <= LEGAL_MAX_WORDS and _is_legal(s):
        return "legal-notice"
    if n <= PROMO_MAX_WORDS and (
        _PROMO_START.match(s)
        or _PROMO_HEADER.match(s)
        or (
            n <= NEWSLETTER_MAX_WORDS
            and _NEWSLETTER.search(s)
            and (_NEWSLETTER_ASK.search(s) or n <= PROMO_HEADER_MAX_WORDS)
        )
    ):
        return "promo"
    if n <= CREDITS_MAX_WORDS and (_CREDITS.match(s) or _CONTACT.search(s)):
        return "byline"
    if n <= BYLINE_MAX_WORDS and (_is_byline(s) or _is_stamp(s)):
        return "byline"
    if n <= CAPTION_MAX_WORDS and (_CAPTION_START.match(s) or _CAPTION_CREDIT.search(s)):
        return "caption"
    if n <= NAVIGATION_MAX_WORDS and (
        _NAV_LABEL.match(s) or _NAV_EXACT.fullmatch(s) or _is_breadcrumb(s)
    ):
        return "navigation"
    if n <= SIGNOFF_LINE_MAX_WORDS and _SOURCE_LINE.match(s):
        return "agency-signoff"
    return None


def _is_legal(s: str) -> bool:
    """A copyright or reuse notice: by its opening words, or by its typical phrases."""
    if _LEGAL_START.match(s) or _RIGHTS_RESERVED.search(s):
        return True
    return sum(1 for phrase in _LEGAL_PHRASES if phrase.search(s)) >= 2


def _is_byline(s: str) -> bool:
    """'By Jane Doe', 'BY JANE DOE | Reuters', '5:45 AM PST 11/19/2019 by Jane Doe'."""
    if _TERMINAL.search(s):
        return False
    if _BYLINE_NAME.match(s):
        return True
    head, sep, tail = s.rpartition(" by ")
    return bool(sep) and _is_datetime(head) and bool(_BYLINE_NAME.match("By " + tail))


def _is_stamp(s: str) -> bool:
    """'Updated at 1:23 p.m.', 'Published: Nov. 18, 2019 09:40 ET', a bare date line."""
    match = _STAMP.match(s)
    if match:
        return _is_datetime(match.group("rest"))
    return _is_datetime(s) and _has_date(s)


def _is_datetime(s: str) -> bool:
    """Nothing but a date or time: digits, month and day names, am/pm, time zones."""
    words = [_ORDINAL.sub("", w) or w for w in _WORD.findall(s)]
    return (
        bool(words)
        and any(w.isdigit() for w in words)
        and all(w.isdigit() or w.casefold() in _DATE_WORDS for w in words)
    )


def _has_date(s: str) -> bool:
    """A calendar date, not just a time or a phone number: a month name or 11/19/2019."""
    return bool(_NUMERIC_DATE.search(s)) or any(w.casefold() in _MONTHS for w in _WORD.findall(s))


def _is_breadcrumb(s: str) -> bool:
    """'Home › News › World': three or more short parts and no sentence."""
    if s.startswith("|") or _TERMINAL.search(s):
        return False
    parts = [p for p in _CRUMB_SEPARATOR.split(s) if p.strip()]
    return len(parts) >= 3 and all(len(_WORD.findall(p)) <= 4 for p in parts)


def _looks_like_headline(unit: _Unit) -> bool:
    """A linked headline in a promo list: short, no closing full stop (or a list bullet)."""
    s = unit.text
    if unit.words > HEADLINE_MAX_WORDS:
        return False
    return s.startswith(("- ", "• ", "* ")) or not _TERMINAL.search(s)


def _inline_removals(text: str, unit: _Unit) -> list[Removed]:
    """Credits and promos inside an article paragraph: '(Photo by ...)', '(Reporting by ...)'."""
    out: list[Removed] = []
    for pattern, reason in _INLINE:
        for match in pattern.finditer(unit.text):
            start, end = unit.start + match.start(), unit.start + match.end()
            while start < end and text[start].isspace():
                start += 1
            out.append(Removed.of(text, start, end, reason=reason))
    return out


def _without_overlaps(removed: list[Removed]) -> list[Removed]:
    """Sorted segments; of two that overlap the earlier (then longer) one wins."""
    out: list[Removed] = []
    for seg in sorted(removed, key=lambda r: (r.start, -r.end)):
        if seg.end > seg.start and (not out or seg.start >= out[-1].end):
            out.append(seg)
    return out


# --- the end of the article ---------------------------------------------------------------


def _signoff(
    units: list[_Unit], reasons: dict[int, RemovalReason]
) -> tuple[int | None, re.Match[str] | None]:
    """The last paragraph that ends with an agency sign-off, and the sign-off's match."""
    for i in range(len(units) - 1, -1, -1):
        if i in reasons:
            continue
        match = _SIGNOFF.search(units[i].text)
        if match and _is_agency(match.group("agency")):
            return i, match
    return None, None


def _is_agency(token: str) -> bool:
    """'ILKHA', 'AFP', 'AP', 'Reuters': a news agency's name, not a parenthetical remark."""
    token = token.strip()
    if token in KNOWN_AGENCIES:
        return True
    if token.rstrip(".") in NOT_AGENCIES or token.endswith("."):
        return False
    letters = [c for c in token if c.isalpha()]
    return (
        2 <= len(letters) <= 12
        and all(c.isupper() for c in letters)
        and bool(re.fullmatch(r"[A-Z0-9&.\-]+(?: [A-Z0-9&.\-]+)?", token))
    )


def _unrelated(
    units: list[_Unit], reasons: dict[int, RemovalReason], signoff_at: int | None, title: str | None
) -> list[int]:
    """Items past the article's end whose words are not the article's words.

    The end is marked by an agency sign-off, else by the first legal notice after some
    article text. Past a mark, each remaining paragraph is judged on its own, so related
    ones stay. With no mark, trailing headlines are judged from the last one back, and
    the first line that is no headline or shares the article's words ends the search.
    """
    kept = [i for i in range(len(units)) if i not in reasons]
    end_mark = signoff_at
    if end_mark is None:
        seen_terms = 0
        for i, unit in enumerate(units):
            if reasons.get(i) == "legal-notice" and seen_terms >= CORE_MIN_TERMS:
                end_mark = i - 1
                break
            if i not in reasons:
                seen_terms += len(_terms(unit.text))
    if end_mark is not None:
        core = _core_terms([units[i] for i in kept if i <= end_mark], title)
        if sum(core.values()) < CORE_MIN_TERMS:
            return []
        return [i for i in kept if i > end_mark and _is_foreign(units[i], core, RELATED_AFTER_END)]
    out: list[int] = []
    for pos in range(len(kept) - 1, 0, -1):
        unit = units[kept[pos]]
        core = _core_terms([units[i] for i in kept[:pos]], title)
        judged = sum(core.values()) >= CORE_MIN_TERMS and _looks_like_headline(unit)
        if not judged or not _is_foreign(unit, core, RELATED_NO_MARK):
            break
        out.append(kept[pos])
    return out


def _terms(text: str) -> list[tuple[str, bool]]:
    """Content words of a text as (stem, is-name) pairs; stop words and numbers left out."""
    out: list[tuple[str, bool]] = []
    for match in re.finditer(r"[^\W\d_][\w'’\-]*", text):
        word = re.sub(r"['’]s?$", "", match.group())
        low = word.casefold()
        if len(low) < 3 or low in STOP_WORDS:
            continue
        stem = low.rstrip("s") if len(low) > 3 else low
        out.append((stem[:STEM_CHARS], word[0].isupper() and match.start() > 0))
    return out


def _core_terms(units: list[_Unit], title: str | None) -> dict[str, int]:
    counts: dict[str, int] = {}
    texts = [u.text for u in units] + ([title] if title else [])
    for text in texts:
        for stem, _ in _terms(text):
            counts[stem] = counts.get(stem, 0) + 1
    return counts


def _is_foreign(unit: _Unit, core: dict[str, int], bar: float) -> bool:
    """True when a short paragraph shares less than `bar` of its (weighted) words with core."""
    if unit.words > ITEM_MAX_WORDS:
        return False
    weights: dict[str, float] = {}
    for stem, is_name in _terms(unit.text):
        weights[stem] = max(weights.get(stem, 0.0), NAME_WEIGHT if is_name else 1.0)
    if len(weights) < ITEM_MIN_TERMS:
        return False
    shared = sum(w for stem, w in weights.items() if stem in core)
    return shared / sum(weights.values()) < bar


# --- dateline -----------------------------------------------------------------------------


def _dateline(
    units: list[_Unit], reasons: dict[int, RemovalReason]
) -> tuple[str | None, str | None]:
    """The dateline's place and agency: 'ERBIL (Kurdistan24) —', 'LONDON, March 3 (AFP) –'."""
    looked = 0
    for i, unit in enumerate(units):
        if i in reasons:
            continue
        looked += 1
        if looked > DATELINE_SEARCH_UNITS:
            break
        match = _DATELINE.match(unit.text)
        if not match or (match.group("agency") is None and match.group("dash") == ":"):
            continue
        parts = [p.strip() for p in match.group("prefix").split(",")]
        place = parts[0]
        if not _is_place(place, capitals=match.group("agency") is None):
            continue
        if not all(_is_place(p, capitals=False) or _is_date(p) for p in parts[1:]):
            continue
        agency = match.group("agency")
        return place, agency.strip() if agency else None
    return None, None


def _is_place(s: str, capitals: bool) -> bool:
    """A place name as datelines write it: capitals ('ERBIL') or, if allowed, Title Case."""
    words = s.split()
    if not 1 <= len(words) <= 4 or _is_date(s):
        return False
    if all(w.isupper() or not any(c.isalpha() for c in w) for w in words):
        return any(c.isalpha() for c in s)
    return not capitals and all(w[0].isupper() for w in words)


def _is_date(s: str) -> bool:
    words = _WORD.findall(s)
    return (
        bool(words)
        and words[0].casefold() in _MONTHS
        and all(w.isdigit() or w.casefold() in _DATE_WORDS for w in words)
    )
