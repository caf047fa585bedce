"""The gazetteer folds its names in bulk: the same forms as folding them one by one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsfuse.nlp.names import fold, fold_many

NAMEISH = st.text(alphabet=st.sampled_from(list("abcXYZ019 -'’.\n\t\r\x0bsS,éİ")), max_size=12)


@given(st.lists(NAMEISH | st.text(max_size=8), max_size=30))
def test_bulk_folding_equals_folding_each_name(names: list[str]) -> None:
    assert fold_many(names) == [fold(n) for n in names]


def test_bulk_folding_of_real_spellings() -> None:
    names = ["St. John's", "  Saint-Denis ", "N'Djamena", "Zürich", "Ho Chi Minh City", ""]
    assert fold_many(names) == [
        "st john",
        "saint denis",
        "n djamena",
        "zurich",
        "ho chi minh city",
        "",
    ]
