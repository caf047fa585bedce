"""The data model: what flows between the stages, and the JSON contract it serialises to.

Every piece of text shown to a reader is a span: offsets into the `text` of the article
it came from, plus the characters themselves so that JSON readers need not slice. The JSON
Schema printed by `newsfuse schema` is generated from these classes, so the contract in
`docs/schema.md` and the code cannot drift apart.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

RemovalReason = Literal[
    "legal-notice",
    "unrelated-item",
    "navigation",
    "caption",
    "promo",
    "byline",
    "agency-signoff",
    "over-element-limit",
    "over-token-limit",
]
LIMIT_REASONS: tuple[RemovalReason, ...] = ("over-element-limit", "over-token-limit")
"""Removals that cut off the end of an article at a limit: what follows was not analysed."""
EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "OTHER"]
QuoteKind = Literal["direct", "indirect", "mixed"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
QuantityKind = Literal["money", "count", "percent", "other"]
ClaimStatus = Literal["corroborated", "single-source", "conflicting"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    @classmethod
    def project(cls, source: BaseModel, **extra: Any) -> Self:
        """This model filled from the fields of `source` it shares by name, plus `extra`."""
        theirs = type(source).model_fields
        shared = {name: getattr(source, name) for name in cls.model_fields if name in theirs}
        return cls(**{**shared, **extra})


class Span(_Model):
    """A stretch of an article's `text`: `text[start:end] == self.text`."""

    start: int = Field(ge=0, description="Character offset of the first character.")
    end: int = Field(ge=0, description="Character offset one past the last character.")
    text: str = Field(description="The characters between start and end.")

    @classmethod
    def of(cls, source: str, start: int, end: int, **extra: object) -> Span:
        """Build the span of `source[start:end]` (subclasses pass their own fields)."""
        return cls(start=start, end=end, text=source[start:end], **extra)


class Removed(Span):
    """A segment of the text that is not the article, kept so nothing is silently lost."""

    reason: RemovalReason


class Place(_Model):
    """A place resolved against the offline gazetteer."""

    country: str | None = Field(None, description="ISO 3166-1 alpha-2 code.")
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None


class Entity(_Model):
    """One person, organisation or place, with every mention of it in one article."""

    name: str = Field(description="Canonical name: the fullest proper name used.")
    type: EntityType
    mentions: list[Span] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list, description="Other names used for it.")
    roles: list[str] = Field(
        default_factory=list, description='Titles and roles, e.g. "Kremlin spokesman".'
    )
    place: Place | None = None


class Speaker(Span):
    """The source of a quote as written (a name, a title, a pronoun) and who it is."""

    entity: str | None = Field(None, description="Canonical name of the speaker.")


class Quote(_Model):
    """Something a source said or believes, as reported."""

    speaker: Speaker | None
    cue: Span | None
    content: Span
    kind: QuoteKind
    channel: Span | None = Field(
        None, description='Where it was reported through, e.g. "Russia\'s RIA news agency".'
    )
    statement: bool = Field(
        True,
        description="Something said, written or stood for; false for a belief or perception "
        '("thinks", "wants", "sees") or an inference drawn from a thing ("the data suggest").',
    )


class TimeExpr(Span):
    """A time expression normalised to TimeML against the article's reference date."""

    type: TimeType
    value: str | None = Field(
        None, description="TimeML value (2025-12-19, 2025-07, P3Y, PAST_REF); null if unresolved."
    )
    mod: str | None = Field(None, description="TimeML modifier: START, END, APPROX, BEFORE ...")
    reason: str | None = Field(None, description="Why value is null, when it is.")


class Quantity(Span):
    """An amount: money in an ISO 4217 currency, a count of something, a percentage."""

    kind: QuantityKind
    value: float | None
    unit: str | None = Field(None, description="ISO 4217 code for money; what is counted else.")
    modifier: str | None = Field(None, description='"about", "more than", "at least" ...')
    upper: float | None = Field(None, description="Upper bound when the amount is a range.")
    usd: float | None = Field(None, description="Money converted to USD at the ECB rate.")
    eur: float | None = Field(None, description="Money converted to EUR at the ECB rate.")
    rate_date: str | None = Field(None, description="Date of the ECB rate used.")
    alternates: list[Span] = Field(
        default_factory=list,
        description='Other expressions of the same amount in the text: "($105 billion)".',
    )


class Article(_Model):
    """One report: its text, what was removed from it, and what was found in it."""

    id: str
    text: str = Field(description="The input text, or the text extracted from the HTML.")
    body: str = Field("", description="The text with every removed segment cut out.")
    removed: list[Removed] = Field(default_factory=list)
    title: str | None = None
    outlet: str | None = None
    dateline: str | None = None
    published: str | None = Field(None, description="ISO date or datetime.")
    reference_date: str | None = Field(
        None,
        description="The ISO date relative expressions were resolved against: the "
        "publication date, else the run's --date; null when there was none.",
    )
    url: str | None = None
    path: str | None = Field(None, description="File the article was read from, if any.")
    sentences: list[Span] = Field(default_factory=list, description="Sentences of the body.")
    clause_breaks: list[tuple[int, int]] = Field(
        default_factory=list,
        description="Where a sentence's next statement starts: (end of one clause, start "
        "of the next), offsets into text.",
    )
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    times: list[TimeExpr] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    _lead: Any = PrivateAttr(default=None)
    """Its lead's embedding (`stories.features.lead_vector`) when a worker computed it or the
    store kept it: not part of the JSON, carried with the object between processes."""

    def published_date(self) -> date | None:
        """The publication date, if the article carries a parseable one."""
        return parse_date(self.published)

    def reference(self) -> date | None:
        """The date its times were resolved against (publication, else the run's date)."""
        return parse_date(self.reference_date) or self.published_date()


class SourceRef(_Model):
    """The exact sentence (or part) of one article that carries a line of the briefing."""

    article: str = Field(description="The article's id.")
    start: int
    end: int
    text: str


class Claim(_Model):
    id: str
    text: str
    status: ClaimStatus
    sources: list[SourceRef]
    outlets: list[str] = Field(default_factory=list)
    conflicts_with: list[str] = Field(default_factory=list)
    conflict: str | None = Field(None, description="What the conflict is about, in words.")
    core: bool = Field(
        False,
        description="The story's main event: the claim the leads of the most reports state "
        "together, citing only the sentences that state it.",
    )


class QuoteVariant(_Model):
    text: str
    article: str


class StoryQuote(_Model):
    speaker: str | None
    text: str
    kind: QuoteKind
    sources: list[SourceRef]
    variants: list[QuoteVariant] = Field(default_factory=list)


class StoryQuantity(_Model):
    kind: QuantityKind
    value: float | None
    unit: str | None
    text: str
    article: str
    start: int
    end: int
    usd: float | None = None
    eur: float | None = None


class TimelineEntry(_Model):
    date: str
    text: str
    sources: list[SourceRef]


class StoryEntity(_Model):
    name: str
    type: EntityType
    aliases: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    articles: list[str] = Field(default_factory=list)
    place: Place | None = None


class Story(_Model):
    id: str
    title: str
    articles: list[str]
    claims: list[Claim] = Field(default_factory=list)
    quotes: list[StoryQuote] = Field(default_factory=list)
    quantities: list[StoryQuantity] = Field(default_factory=list)
    timeline: list[TimelineEntry] = Field(default_factory=list)
    entities: list[StoryEntity] = Field(default_factory=list)
    omissions: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Per outlet, the ids of corroborated claims it does not carry.",
    )


class BriefArticle(_Model):
    id: str
    path: str | None
    outlet: str | None
    title: str | None
    published: str | None
    dateline: str | None
    removed: list[Removed]


class Failure(_Model):
    """An input that could not be read; reported, never silently dropped."""

    item: str
    reason: str


class Briefing(_Model):
    articles: list[BriefArticle]
    stories: list[Story]
    failures: list[Failure] = Field(default_factory=list)


class StoryAssignment(_Model):
    """One line of `newsfuse cluster`."""

    id: str
    story: str


def parse_date(value: str | None) -> date | None:
    """Parse an ISO date or datetime string; None when absent or malformed."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
