"""BASIL facts: does each claim state one fact, and do its outlets really carry it?

Gold (see ../shared/data/README.md): per event, the sentences of different outlets that
state one fact, the pairs that contradict each other, and the sentences stating the main
event. Headlines (each article's first line) are left out everywhere. A claim source
stands for every gold sentence it overlaps by at least half of the shorter span.

- alignment P/R/F1 over pairs of sentences of different articles: gold pairs lie within
  one fact; predicted pairs are cited together by one claim;
- claim precision: of the claims citing two outlets or more, the share whose every cited
  sentence shares a fact with a sentence of another outlet the claim cites;
- fact recall: the share of facts (those still in two outlets without the headlines)
  that one claim cites from at least two of its outlets;
- conflicts: gold conflicts found (a flagged conflict links claims citing the two
  sentences) and the flagged conflicts (pairs of claims) that match a gold one;
- what happened: the sentences the core claim cites against the `main_event` ones.

The 30 articles are briefed together end to end (clustering included), as the held-out
judge does; a diagnostic row fuses each gold event's articles as one story. The peers
run in the same pass over the gold sentences of each gold event: TF-IDF cosine and
MiniLM cosine between sentences of different outlets (each pair a claim), and one claim
per event citing every sentence.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from newsfuse.evaluate import Result
from newsfuse.fuse import fuse
from newsfuse.fuse.align import SAME_FACT
from newsfuse.ingest.jsonl import article_from_row
from newsfuse.model import Article, Briefing, Story
from newsfuse.nlp.embed import embed
from newsfuse.pipeline import analyze_batch, brief

if TYPE_CHECKING:
    from newsfuse.evaluate.basil_fit import Fitted

FILE = "basil-dev.jsonl"
FACTS = "basil-facts-dev.json"
TFIDF_THRESHOLD = 0.25
"""The README's TF-IDF peer threshold (tuned on dev by the data's curators)."""
MINILM_THRESHOLD = 0.65
TARGETS = {"alignment_f1": 0.50, "claim_precision": 0.75}
"""Issue 15's bars on the held-out events."""
HELD_OUT_PEERS = {"tfidf": (0.39, 0.62), "minilm_f1": 0.32}
"""The README's held-out figures of the peers (F1, claim precision)."""

HISTORY = (
    "How it was chosen, all on these ten events by leaving one event out. Pair features "
    "(average precision of the pair probabilities / best pair F1): MiniLM cosine alone "
    "0.356 / 0.369, TF-IDF cosine 0.437 / 0.435, both 0.487 / 0.484, TF-IDF over word stems "
    "without stop words 0.499, with both leads 0.511, with quoted words, same date and same "
    "amount 0.519 / 0.520, with the position gap 0.531 / 0.533 (the seven shipped). Tried "
    "and left out (each within ±0.01): shared story entities, content-word overlap, the "
    "rarest shared word, shared word bigrams and trigrams, the best cosine of clause-sized "
    "chunks, mutual best match, support through a third outlet, the same speaker. "
    "Grouping, over the held-out probabilities (F1 / claim precision): one group per "
    "sentence by average link 0.36–0.43 / 0.75–0.84; cliques grown greedily from each "
    "sentence 0.47 / 0.74; all maximal cliques 0.490 / 0.737 at a link probability of 0.35 "
    "(0.461 / 0.753 at 0.40, 0.444 / 0.789 at 0.45, 0.418 / 0.814 at 0.50) — shipped at "
    "0.35, nearest both bars; letting a second sentence of one report join a clique raised "
    "F1 by 0.03 but cost 0.10 of claim precision. What happened: the lead clique most "
    "reports state cites 2.7 sentences at precision 0.889 against the annotated main event "
    "(the former core event cited 23 at 0.146); joining the cliques that share one of its "
    "lead sentences cited 4.6 at 0.659, and was left out. Conflicts: the former rules "
    "flagged 26 (2 real); requiring the same fact (probability ≥ 0.35, dates 0.6), values "
    "of one order, one named day each and a word in common around the two values left 1 "
    "flagged, not annotated, and none of the 6 found. Then each rule fixing a category read "
    "from the misses and false flags on these events and on six invented events labelled "
    "with their conflicts and with tempting pairs that are none (tests/conflicts/"
    "reports.json; pairs given the gold events): a date is a period, so 'last week' against "
    "'last month' is found; a sentence denying two verbs ('doesn't have it or hasn't shown "
    "it') contradicts one asserting either, at the claim bar 0.35 (was 0.5 and one negation "
    "only); two sums within 10% that one named actor shares, at 0.35, are one sum reported "
    "two ways ($5.7 against $5.6 billion; an interval that only touches the other is no "
    "agreement); a figure and its double are two figures (a demand and a compromise; the "
    "largest ratio 2 → 1.75 removed 3 false flags at exactly 2, and keeps the bundled "
    "example's toll updated from 14 to 23); "
    "values of a list of three or more (a poll's results), percentages the model does not "
    "link, and dates with one word in common around them (often a name every sentence "
    "carries) are left out (2 false flags). Dev pairs: 3 of 3 flagged real, 3 of 6 found "
    "(the detector compared beyond the model's links, before these rules: 1 of 5, 1); "
    "invented events 17 of 18 real, 17 of 27 found (before: 18 of 22, 18). Still "
    "missed: a House vote on Tuesday against Wednesday that the model scores 0.05–0.11 (a "
    "date rule without the model, named actor and two shared words, kept 27 of 259 "
    "candidate pairs, 1 real), and 15 bills against 'some 16' measures (two nouns). The "
    "six invented events stay out of the alignment fit: with them its leave-one-event-out "
    "F1 fell 0.495 → 0.469. Recall, read from the 338 gold pairs no claim joined: the "
    "model scores 276 of them below 0.2 (the same happening told in other words, a quote "
    "against its paraphrase, few rarer words shared), 50 between 0.2 and 0.35, and 12 "
    "above the claim bar were kept apart: 7 by the rule that two people's statements are "
    "two claims, although 4 were the same words whose attribution resolved to someone "
    "else (a misread 'he', a speaker named sentences before) and 2 one man written "
    "'Benjamin Todd Jealous' and 'Ben Jealous'. Two sentences sharing three quarters of "
    "the shorter one's words are now one statement whoever each report credits (of the 21 "
    "linked pairs that rule kept apart, the 4 gold ones overlap 0.78–1.0, the others at "
    "most 0.55), and a given name of three letters or more that begins another is the same "
    "person under one surname: end to end F1 0.505 → 0.516, claim precision 0.761 → "
    "0.768; leave one event out F1 0.492 → 0.503, claim precision 0.746 → 0.754 (before "
    "main's reading of a scheduled present tense, which moved the parses: 0.507 → 0.519, "
    "0.766 → 0.773; 0.500 → 0.511, 0.753 → 0.760; the same-words rule alone 0.507 / "
    "0.758 out of event). "
    "Tried and left out: the cosine or shared stems "
    "of each sentence with its neighbours (AP 0.527 → 0.543, but no more recall at the "
    "operating precision); whether the two sentences' quotes are credited to different "
    "people as a model feature (AP 0.544, pair F1 0.516, but claims F1 0.511 at claim "
    "precision 0.726, and 0.496 / 0.783 at a link probability of 0.40); a weak link "
    "(0.1–0.35) completing a triangle of two strong ones (the links added 0.33–0.50 "
    "precise); joining to the what-happened claim the lead cliques that differ from it "
    "only by sentences of one report (the seed briefing's Kremlin statement is listed as "
    "c1 and again as c2): on these events 3 of the 4 sentences it added are not the "
    "annotated main event, and the core precision fell 0.926 → 0.839. A shared date weighted "
    "by how few of the story's dated sentences carry it (the story's own day says little): "
    "leave one event out pair AP 0.525 → 0.528, claims F1 0.507 → 0.507, claim precision "
    '0.760 → 0.766, within noise; as a yes/no "a shared date under half of them carry", '
    "0.504 / 0.741. Soft word matching (BERTScore-style: each content word-piece's "
    "MiniLM vector matched to its most similar in the other sentence, IDF-weighted, "
    "the last layer; layers 3 and 4 weaker): pair AP 0.525 → 0.541, best pair F1 0.521 "
    "→ 0.536, but leave one event out claims F1 0.507 → 0.514 at claim precision 0.760 → "
    "0.735, and 0.492 / 0.762 at a link probability of 0.40: no better than the seven "
    "features at either bar. The stems compared without the words of each quote's "
    "attribution (speaker and cue): claims 0.464 / 0.700 (who speaks is evidence). Also "
    "within ±0.005 of pair AP, and left out: products and squares of the seven, sentence "
    "lengths, quotes in both, shared numbers, shared capitalised words, the quoted words "
    "of one found anywhere in the other; a ridge-penalised head over the two sentences' "
    "MiniLM vectors (their product and difference) fell to AP 0.47–0.51. Two direct "
    "quotations without a content word in common kept apart as two statements: leave one "
    "event out 0.501 / 0.759. Claims that differ only by which sentence of one report "
    "they cite, joined when those two sentences are linked (a standfirst and its lead): "
    "194 claims of two outlets or more became 167 and claim precision fell 0.773 → 0.749 "
    "(the seed's standfirst and lead score 0.27, so it would not have joined them there). "
    "The link probability, leave one event out (F1 / claim precision): 0.30 0.516 / 0.689, "
    "0.33 0.516 / 0.734, 0.35 0.507 / 0.760, 0.38 0.483 / 0.768, 0.40 0.481 / 0.779, "
    "0.45 0.452 / 0.792: 0.35 is the only one clearing both bars on these events. A "
    "claim of two sentences held to a higher link than a larger clique (two at 0.40 or "
    "0.38, cliques at 0.30–0.35) moves along the same line: 0.483 / 0.785, 0.497 / 0.757, "
    "0.494 / 0.764, 0.515 / 0.745. Drawing 20 events from these ten's leave-one-out "
    "results (5,000 draws): F1 ≥ 0.50 in 55% of draws, claim precision ≥ 0.75 in 67%, "
    "both in 50%. A stronger sentence model, all-mpnet-base-v2 (the registry's copy, a "
    "zip split over five packages, run through sentence-transformers to measure it): in "
    "MiniLM's place, leave one event out pair AP 0.525 → 0.538, claims 0.526 / 0.701 at "
    "0.30, 0.504 / 0.725 at 0.35, 0.485 / 0.780 at 0.40; beside MiniLM as an eighth "
    "feature, 0.513 / 0.741 at 0.35 and 0.494 / 0.774 at 0.40, with 2 of the 6 conflicts "
    "found rather than 3. The same frontier, for 420 MB of weights and 16 sentences a "
    "second on two cores: not taken. Briefed with 126 PolNeAR train articles of 2015–16 "
    "beside them (86 from the four weeks around the Fox–Trump wall event, 40 drawn at "
    "random), every dev event stays one story of its own three reports, and every figure "
    "above is unchanged (125 stories). The sixth and seventh time passes (issue 16) "
    'corrected dates these reports carry: NBC\'s "Today" show and "Fox News Sunday" are '
    "no longer dates, and a day someone is asked or poised to act on lies ahead. Sentences "
    "that had shared the show's bogus date lost the same-date link: end to end 0.519 / "
    "0.773 → 0.515 / 0.766 (the model refitted on the new parses: quoted words +0.65 → "
    "+0.76, same date +1.46 → +1.42), leave one event out 0.506 / 0.763 → 0.508 / 0.748; "
    "the link probability there, 0.33 0.513 / 0.731, 0.35 0.508 / 0.748, 0.37 0.489 / "
    "0.751, 0.40 0.471 / 0.759: no setting now clears both bars out of event, and 0.35 "
    "stays. Features the issue names, on these parses: the same main verb (the roots' "
    "lemmas), the same subject, both at once, the share of content verbs in common: pair "
    "AP 0.524–0.525 against 0.525, claims at 0.35 0.492–0.508 / 0.736–0.750 against "
    "0.508 / 0.748; left out. A quotation told in several sentences is one statement: "
    "the gold facts pair each of its sentences with each of the other report's, while the "
    "cliques linked them one to one (of the 327 gold pairs no claim joined, 58 held a "
    "sentence of a quotation cut in two). Two claims that cite, in every report, two "
    "sentences of one direct quotation are now one: end to end 0.515 / 0.766 → 0.527 / "
    "0.763, leave one event out 0.508 / 0.748 → 0.520 / 0.740 (at a link probability of "
    "0.36, 0.514 / 0.753). Claim precision falls only because right claims are joined: "
    "151 of 202 claims right before, 142 of 192 after. Merging those sentences into one "
    "unit before alignment raised pair AP 0.525 → 0.537 but cost claim precision (0.670 at "
    "0.35: the unit then cites sentences no other report states), and giving a claim the "
    "other sentences of its quotations without a link in each report fell to 0.474 / 0.573. "
    'A time of day names its day ("met on Sunday afternoon" against "on Thursday '
    "evening\", two meetings one claim had joined): its day now counts as the sentence's "
    "date for the same-date feature, for keeping two days apart and for date conflicts. "
    "Refitted (same date +1.42 → +1.64): pair AP 0.525 → 0.528, end to end 0.527 / 0.763 → "
    "0.530 / 0.766, leave one event out 0.520 / 0.740 → 0.519 / 0.750 (at 0.36, 0.514 / "
    "0.753 → 0.509 / 0.746: within the noise either way, kept as the reading TIMEX3 gives); "
    "conflicts unchanged. The what-happened claim of the fiscal-crisis story no longer "
    "cites HuffPost's lead, which reports the meeting of Thursday evening, four days after "
    "the Sunday meeting the other two report (core precision 0.926 → 0.923, recall 0.658 "
    "→ 0.632): the annotation counts both meetings as the main event, but they are two. A value of a list of three or more of one kind (a poll's "
    "shares) is no longer the same-amount evidence, as the conflicts already read it: "
    "the two polls of the birther story shared one share by chance. Refitted (same amount "
    "+2.07 → +2.58): pair AP 0.528 → 0.531, leave one event out 0.519 / 0.750 → 0.524 / "
    "0.754. Two joins of one quotation that end with the same sentences (every cross pair "
    "linked) are one claim, not two: 191 claims → 186, 0.524 / 0.753. Tried and left out: "
    "the MiniLM cosine of the two sentences' reported contents (their quotes' words) beside "
    "the sentence cosine, or as its difference from it: pair AP 0.527–0.529, claims 0.519 "
    "/ 0.740–0.742."
)
"""The tuning history of the section, in words (figures from .bench scripts, not rerun)."""

Key = tuple[str, str]
"""(article id, gold label such as "B7") of one gold sentence."""
Pair = frozenset[Key]
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


@dataclass
class Gold:
    """The annotation of every event, headlines left out."""

    spans: dict[str, list[tuple[str, int, int]]] = field(default_factory=dict)
    """Article id → (label, start, end) of its gold sentences."""
    event_of: dict[str, str] = field(default_factory=dict)
    """Article id → event."""
    facts: list[tuple[str, set[Key]]] = field(default_factory=list)
    """(event, sentences) of each fact."""
    conflicts: list[tuple[Key, Key]] = field(default_factory=list)
    main_event: set[Key] = field(default_factory=set)

    def facts_of(self) -> dict[Key, set[int]]:
        out: dict[Key, set[int]] = defaultdict(set)
        for n, (_, keys) in enumerate(self.facts):
            for k in keys:
                out[k].add(n)
        return out

    def pairs(self) -> set[Pair]:
        return {p for _, keys in self.facts for p in across(keys)}

    def countable_facts(self) -> list[set[Key]]:
        """Facts still stated by two outlets once headlines are left out."""
        return [keys for _, keys in self.facts if len({k[0] for k in keys}) >= 2]

    def text(self, key: Key, texts: dict[str, str]) -> str:
        span = next(s for s in self.spans[key[0]] if s[0] == key[1])
        return texts[key[0]][span[1] : span[2]]


def across(keys: Iterable[Key]) -> set[Pair]:
    """Pairs of the keys that belong to different articles."""
    return {frozenset((a, b)) for a, b in combinations(sorted(set(keys)), 2) if a[0] != b[0]}


@lru_cache(maxsize=2)
def rows(data_dir: Path) -> tuple[dict[str, object], ...]:
    with (data_dir / FILE).open(encoding="utf-8") as fh:
        return tuple(json.loads(line) for line in fh if line.strip())


def load_gold(data_dir: Path) -> Gold:
    texts = {str(r["id"]): str(r["text"]) for r in rows(data_dir)}
    gold = Gold()
    for event in json.loads((data_dir / FACTS).read_text(encoding="utf-8")):
        letter_of: dict[str, str] = {}
        for art in event["articles"]:
            aid = art["id"]
            letter_of[art["letter"]] = aid
            gold.event_of[aid] = event["event"]
            first_line = texts[aid].find("\n")
            gold.spans[aid] = [
                (s["n"], s["start"], s["end"])
                for s in art["sentences"]
                if first_line < 0 or s["start"] > first_line
            ]
        known = {(aid, s[0]) for aid in letter_of.values() for s in gold.spans[aid]}

        def key(label: str, letter_of: dict[str, str] = letter_of) -> Key:
            return (letter_of[label[0]], label)

        for fact in event["facts"]:
            keys = {key(n) for n in fact["sentences"]} & known
            gold.facts.append((event["event"], keys))
        for c in event["conflicts"]:
            gold.conflicts.append((key(c["a"]), key(c["b"])))
        gold.main_event |= {key(n) for n in event.get("main_event", [])} & known
    return gold


@lru_cache(maxsize=2)
def analysed(data_dir: Path) -> tuple[Article, ...]:
    """The dev rows read as `newsfuse brief FILE` reads them, and analysed."""
    arts = [article_from_row(r, default_id=str(r["id"])) for r in rows(data_dir)]
    return tuple(analyze_batch(arts))


def cited_keys(gold: Gold, article: str, start: int, end: int) -> set[Key]:
    """Gold sentences a source span stands for: overlapping by half the shorter span."""
    return {
        (article, label)
        for label, s, e in gold.spans.get(article, [])
        if overlaps_by_half((start, end), (s, e))
    }


def overlaps_by_half(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two spans overlap by at least half of the shorter (the README's rule)."""
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    return overlap > 0 and overlap >= 0.5 * min(a[1] - a[0], b[1] - b[0])


@dataclass
class Scores:
    """Every figure of one system on the dev events."""

    precision: float
    recall: float
    f1: float
    claim_precision: float
    multi_outlet_claims: int
    fact_recall: float
    conflicts_flagged: int = 0
    conflicts_real: int = 0
    conflicts_found: int = 0
    core_precision: float | None = None
    core_recall: float | None = None
    core_sources: float | None = None


def prf(predicted: set[Pair], gold: set[Pair]) -> tuple[float, float, float]:
    hit = len(predicted & gold)
    p = hit / len(predicted) if predicted else 0.0
    r = hit / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_groups(gold: Gold, groups: Sequence[set[Key]]) -> Scores:
    """Alignment, claim precision and fact recall of claims given as sets of gold keys."""
    predicted: set[Pair] = set()
    for g in groups:
        predicted |= across(g)
    p, r, f = prf(predicted, gold.pairs())
    facts_of = gold.facts_of()
    multi = [g for g in groups if len({k[0] for k in g}) >= 2]
    precise = sum(
        all(any(t[0] != s[0] and facts_of[s] & facts_of[t] for t in g) for s in g) for g in multi
    )
    facts = gold.countable_facts()
    recalled = sum(any(len({k[0] for k in g & keys}) >= 2 for g in groups) for keys in facts)
    return Scores(
        precision=p,
        recall=r,
        f1=f,
        claim_precision=precise / len(multi) if multi else 0.0,
        multi_outlet_claims=len(multi),
        fact_recall=recalled / len(facts) if facts else 0.0,
    )


def score_stories(gold: Gold, stories: Sequence[Story]) -> Scores:
    """Every figure of fused stories: their claims, conflicts and core claims."""
    groups: list[set[Key]] = []
    by_id: dict[str, set[Key]] = {}
    flagged: set[frozenset[str]] = set()
    core_hit = core_cited = core_sources = cores = 0
    for story in stories:
        for claim in story.claims:
            keys: set[Key] = set()
            for src in claim.sources:
                keys |= cited_keys(gold, src.article, src.start, src.end)
            groups.append(keys)
            by_id[claim.id] = keys
            flagged |= {frozenset((claim.id, other)) for other in claim.conflicts_with}
            if claim.core:
                cores += 1
                core_sources += len(claim.sources)
                core_cited += len(keys)
                core_hit += len(keys & gold.main_event)
    scores = score_groups(gold, groups)
    real = 0
    found: set[int] = set()
    for pair in flagged:
        x, y = (by_id[c] for c in sorted(pair))
        matches = {
            n
            for n, (a, b) in enumerate(gold.conflicts)
            if (a in x and b in y) or (a in y and b in x)
        }
        real += bool(matches)
        found |= matches
    scores.conflicts_flagged = len(flagged)
    scores.conflicts_real = real
    scores.conflicts_found = len(found)
    if cores:
        main_in_stories = {k for k in gold.main_event if any(k[0] in s.articles for s in stories)}
        scores.core_precision = core_hit / core_cited if core_cited else 0.0
        scores.core_recall = core_hit / len(main_in_stories) if main_in_stories else 0.0
        scores.core_sources = core_sources / cores
    return scores


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def tfidf_vectors(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised TF-IDF rows (smoothed idf over `texts`, words of two letters or more)."""
    docs = [Counter(_tokens(t)) for t in texts]
    vocab = sorted({w for d in docs for w in d})
    index = {w: i for i, w in enumerate(vocab)}
    df = Counter(w for d in docs for w in d)
    n = len(docs)
    idf = np.array([math.log((1 + n) / (1 + df[w])) + 1 for w in vocab])
    out = np.zeros((n, len(vocab)))
    for i, d in enumerate(docs):
        for w, c in d.items():
            out[i, index[w]] = c * idf[index[w]]
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms == 0, 1, norms)


def peer_groups(gold: Gold, texts: dict[str, str], kind: str, threshold: float) -> list[set[Key]]:
    """Each pair of sentences of different outlets of one event whose cosine reaches
    `threshold` is a claim (`kind` "tfidf" or "minilm")."""
    by_event: dict[str, list[Key]] = defaultdict(list)
    for aid, spans in gold.spans.items():
        by_event[gold.event_of[aid]] += [(aid, s[0]) for s in spans]
    groups: list[set[Key]] = []
    for keys in by_event.values():
        sents = [gold.text(k, texts) for k in keys]
        vecs = tfidf_vectors(sents) if kind == "tfidf" else embed(sents).astype(np.float64)
        sims = vecs @ vecs.T
        for i, j in combinations(range(len(keys)), 2):
            if keys[i][0] != keys[j][0] and sims[i, j] >= threshold:
                groups.append({keys[i], keys[j]})
    return groups


def event_groups(gold: Gold) -> list[set[Key]]:
    """One claim per event citing every sentence."""
    by_event: dict[str, set[Key]] = defaultdict(set)
    for aid, spans in gold.spans.items():
        by_event[gold.event_of[aid]] |= {(aid, s[0]) for s in spans}
    return list(by_event.values())


def by_event(gold: Gold, articles: Sequence[Article]) -> list[Story]:
    """Each gold event's articles fused as one story (the diagnostic: fusion alone)."""
    events: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        events[gold.event_of[a.id]].append(a)
    return [fuse(e, arts) for e, arts in sorted(events.items())]


def run(data_dir: Path, limit: int | None) -> Result:
    if not (data_dir / FILE).exists() or not (data_dir / FACTS).exists():
        return Result(name="basil", skipped=f"{data_dir / FILE} or {FACTS} absent")
    from newsfuse.evaluate.basil_fit import cross_validate

    gold = load_gold(data_dir)
    articles = list(analysed(data_dir))
    briefing = brief(articles)
    fitted = cross_validate(data_dir)
    return report(gold, data_dir, articles, briefing, by_event(gold, articles), fitted)


def report(
    gold: Gold,
    data_dir: Path,
    articles: Sequence[Article],
    briefing: Briefing,
    gold_stories: Sequence[Story],
    fitted: Fitted | None = None,
) -> Result:
    texts = {a.id: a.text for a in articles}
    own = score_stories(gold, briefing.stories)
    given = score_stories(gold, gold_stories)
    tfidf = score_groups(gold, peer_groups(gold, texts, "tfidf", TFIDF_THRESHOLD))
    minilm = score_groups(gold, peer_groups(gold, texts, "minilm", MINILM_THRESHOLD))
    whole = score_groups(gold, event_groups(gold))
    events = len(set(gold.event_of.values()))

    def row(name: str, s: Scores, bold: bool = False) -> str:
        f1 = f"**{s.f1:.3f}**" if bold else f"{s.f1:.3f}"
        conflicts = (
            f"{s.conflicts_real} of {s.conflicts_flagged} real; {s.conflicts_found} of "
            f"{len(gold.conflicts)} found"
            if s.conflicts_flagged or s.core_sources is not None
            else "–"
        )
        return (
            f"| {name} | {s.precision:.3f} | {s.recall:.3f} | {f1} | {s.claim_precision:.3f} "
            f"({s.multi_outlet_claims}) | {s.fact_recall:.3f} | {conflicts} |"
        )

    def core(name: str, s: Scores) -> str:
        if s.core_sources is None:
            return f"| {name} | – | – | – |"
        return f"| {name} | {s.core_precision:.3f} | {s.core_recall:.3f} | {s.core_sources:.1f} |"

    model_lines: list[str] = []
    if fitted:
        pairs_in, pairs_out = fitted.in_sample, fitted.held_out
        model_lines = [
            "",
            f"The alignment model (`newsfuse.fuse.align`, refitted by `python -m "
            f"newsfuse.evaluate.basil_fit`): logistic regression over {fitted.model.describe()}; "
            f"bias {fitted.model.bias:+.2f}; fitted on {fitted.pairs} sentence pairs of the "
            f"{fitted.events} dev events and {fitted.examples} invented, hand-labelled events "
            "(tests/alignment/reports.json). Pairs at the claim threshold "
            f"({SAME_FACT}): in-sample AP {pairs_in['ap']:.3f}, P {pairs_in['precision']:.3f}, "
            f"R {pairs_in['recall']:.3f}, F1 {pairs_in['f1']:.3f}; leave one event out AP "
            f"{pairs_out['ap']:.3f}, P {pairs_out['precision']:.3f}, R "
            f"{pairs_out['recall']:.3f}, F1 {pairs_out['f1']:.3f}.",
        ]
    lines = [
        "## BASIL facts (dev): one claim, one fact",
        "",
        f"{len(articles)} articles of {events} events (Fox News, HuffPost, The New York Times) "
        f"briefed together end to end into {len(briefing.stories)} stories; "
        f"{len(gold.pairs())} gold sentence pairs in {len(gold.countable_facts())} facts, "
        f"{len(gold.conflicts)} annotated conflicts; headlines left out. Claim precision "
        "counts the claims citing two outlets or more (their number in brackets).",
        "",
        "| system | precision | recall | F1 | claim precision | fact recall | conflicts |",
        "|---|---|---|---|---|---|---|",
        row("newsfuse (own stories, end to end)", own, bold=True),
        row("newsfuse given the gold events (diagnostic)", given),
        *(
            [
                row(
                    "newsfuse, leave one event out (gold events, each fused with a model "
                    "fitted without it)",
                    fitted.held_out_claims,
                )
            ]
            if fitted
            else []
        ),
        row(f"TF-IDF cosine ≥ {TFIDF_THRESHOLD} between outlets (gold events; peer)", tfidf),
        row(f"all-MiniLM-L6-v2 cosine ≥ {MINILM_THRESHOLD} between outlets (peer)", minilm),
        row("one claim per event citing every sentence (baseline)", whole),
        *model_lines,
        "",
        f"Held-out (20 events), from the data's README: TF-IDF pairs F1 "
        f"{HELD_OUT_PEERS['tfidf'][0]}, claim precision {HELD_OUT_PEERS['tfidf'][1]}; "
        f"MiniLM F1 {HELD_OUT_PEERS['minilm_f1']}. The issue's bars there: alignment F1 ≥ "
        f"{TARGETS['alignment_f1']}, claim precision ≥ {TARGETS['claim_precision']}, half the "
        "flagged conflicts real, a quarter of the annotated ones found.",
        "",
        "What happened: the core claim's cited gold sentences against the annotated main "
        "event (precision, recall) and its sources per story.",
        "",
        "| system | precision | recall | sources per core claim |",
        "|---|---|---|---|",
        core("newsfuse (own stories)", own),
        core("newsfuse given the gold events", given),
        "",
        HISTORY,
    ]
    return Result(
        name="basil",
        metrics={
            "alignment_precision": own.precision,
            "alignment_recall": own.recall,
            "alignment_f1": own.f1,
            "claim_precision": own.claim_precision,
            "fact_recall": own.fact_recall,
            "conflicts_flagged": float(own.conflicts_flagged),
            "conflicts_real": float(own.conflicts_real),
            "conflicts_found": float(own.conflicts_found),
            "alignment_f1_gold_events": given.f1,
            "tfidf_f1": tfidf.f1,
            "minilm_f1": minilm.f1,
        },
        markdown="\n".join(lines),
    )
