"""ECB+ claim-alignment scoring: which sentence pairs a briefing predicts, and the
whole-story baseline that shows what the pairs reward."""

from __future__ import annotations

from newsfuse.evaluate.ecbplus_claims import predicted_pairs, score, whole_story_pairs
from newsfuse.model import Article, Briefing, Claim, SourceRef, Story

A = Article(id="1_1ecb", text="Title\nFirst fact here.\nSecond fact here.\n")
B = Article(id="1_2ecb", text="Title\nThe first fact.\nAnother thing.\n")
ANNOTATED = {("1_1ecb", 1), ("1_1ecb", 2), ("1_2ecb", 1), ("1_2ecb", 2)}


def _ref(article: Article, line: int) -> SourceRef:
    start = sum(len(x) + 1 for x in article.text.split("\n")[:line])
    end = start + len(article.text.split("\n")[line])
    return SourceRef(article=article.id, start=start, end=end, text=article.text[start:end])


def _briefing(*claims: list[SourceRef]) -> Briefing:
    story = Story(
        id="s1",
        title="t",
        articles=[A.id, B.id],
        claims=[
            Claim(id=f"c{n}", text="x", status="corroborated", sources=refs)
            for n, refs in enumerate(claims)
        ],
    )
    return Briefing(articles=[], stories=[story])


def test_pairs_come_from_sentences_of_different_articles_cited_by_one_claim() -> None:
    briefing = _briefing([_ref(A, 1), _ref(B, 1)], [_ref(A, 2)], [_ref(A, 1), _ref(A, 2)])
    assert predicted_pairs(briefing, [A, B], ANNOTATED) == {
        frozenset({("1_1ecb", 1), ("1_2ecb", 1)})
    }


def test_whole_story_baseline_pairs_every_annotated_sentence_across_articles() -> None:
    pairs = whole_story_pairs(_briefing(), ANNOTATED)
    assert len(pairs) == 4
    assert all(len({a for a, _ in pair}) == 2 for pair in pairs)


def test_score_is_precision_recall_and_f1() -> None:
    gold = {frozenset({("a", 1), ("b", 1)}), frozenset({("a", 2), ("b", 2)})}
    predicted = {frozenset({("a", 1), ("b", 1)}), frozenset({("a", 1), ("b", 2)})}
    assert score(predicted, gold) == (0.5, 0.5, 0.5)
    assert score(set(), gold) == (0.0, 0.0, 0.0)
