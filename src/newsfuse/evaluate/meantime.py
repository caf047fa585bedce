"""MEANTIME (English Wikinews, 2004–2011): time expressions on news the rules were not
written for, scored exactly as TimeBank (`timeml`).

MEANTIME annotates each article's title and first five sentences only (one a line; the
second line is the dateline), so predictions past the sixth line are not counted. The
dateline is the document creation time: newsfuse reads it as the article's date, which
the caller gives as `published`, and cleaning removes the line as a byline; its gold
expression is therefore scored apart (the headline figures are over the annotated body),
and the figures with the datelines counted as missed are given beside them.
"""

from __future__ import annotations

from pathlib import Path

from newsfuse.evaluate import Result, timeml

FILE = "meantime-en.jsonl"
ANNOTATED_LINES = 6
"""Title, dateline and the first sentences: what MEANTIME annotates."""
DATELINE = 1
"""Index of the dateline among the lines of `text`."""


CONVENTIONS = (
    "MEANTIME numbers weeks one above ISO-8601 in three of its five week values "
    "(`2008-W42` for the week of 9 October 2008, ISO week 41); newsfuse writes ISO weeks, as "
    "TimeBank does."
)

CHECKS = """### How the time rules were checked (issue 16)

Each rule answers a category of errors seen on one set and stayed only if the other set did
not lose by it (value F1; MEANTIME over the annotated body, datelines apart). No threshold
was fitted. The year chosen for an undated month or day was compared with simpler choices
(always the report's year; the tense alone; the tense only beyond 30 to 180 days): the rule
in place was the best on both sets (139 of 154 TimeBank and 36 of 38 MEANTIME partial dates
before this issue's changes) and stayed.

| change (in the order it went in) | found on | TimeBank | MEANTIME |
|---|---|---|---|
| before (main) | | 0.820 | 0.738 |
| tense read through complements, past perfect looks back ("had been due to expire Friday"); a participle under a modal is not past ("should be completed in October") | TimeBank; MEANTIME | 0.822 | 0.741 |
| "soon" is FUTURE_REF; "the weekend" follows the tense; "the past decade" is P10Y | TimeBank; the issue's newswire list | 0.825 | 0.743 |
| 24-hour clock times with a zone ("18:00 UTC" → `T18:00Z`); counts across "straight", "consecutive", "trading" | MEANTIME | 0.826 | 0.765 |
| anaphoric days ("the next day", "end the day") from the day last named; "the same period last year"; "the first quarter of last year" | MEANTIME | 0.830 | 0.787 |
| "earlier in the week"; attributive "year-end" | the seed reports | 0.830 | 0.787 |
| bare plural durations ("took months"); "the end of the month" | both | 0.830 | 0.789 |
| "the previous Friday", "the following Monday" from the day in discussion | TimeBank | 0.831 | 0.789 |
| a present tense with its own time looks ahead ("the two leaders meet on Monday"), unless the verb is spelt the same in the past ("stocks hurt the index on Friday") | the invented conflict events; TimeBank | 0.831 (+1) | 0.789 |

Tuned on TimeBank and checked on MEANTIME, the TimeBank-found rules moved MEANTIME 0.738 →
0.743; tuned on MEANTIME and checked on TimeBank, the MEANTIME-found rules moved TimeBank
0.825 → 0.830. Over the whole change: TimeBank 0.820 → 0.831 (relaxed span 0.940 → 0.945),
MEANTIME 0.738 → 0.789 (span 0.861 → 0.908). Value accuracy by category, before → after:

| gold category | TimeBank | MEANTIME |
|---|---|---|
| weekday | 0.912 → 0.926 (136) | 0.870 → 0.870 (46) |
| relative day/unit | 0.791 → 0.791 (277) | 0.732 → 0.761 (71) |
| partial date | 0.903 → 0.909 (154) | 0.949 → 0.974 (39) |
| full date | 0.968 → 0.968 (94) | 0.914 → 0.914 (58) |
| quarter/season/fiscal/half | 0.836 → 0.846 (201) | 0.643 → 0.714 (14) |
| decade/century | 0.875 → 0.875 (8) | 1.000 → 0.667 (3) |
| duration | 0.831 → 0.852 (189) | 0.583 → 0.683 (60) |
| set | 0.562 → 0.562 (16) | 0.250 → 0.250 (4) |
| present/past/future ref | 0.800 → 0.831 (130) | 0.533 → 0.567 (30) |
| time of day | 0.667 → 0.714 (21) | 0.118 → 0.706 (17) |
| other | 0.059 → 0.294 (17) | 0.154 → 0.423 (26) |
| with a `mod` | 0.600 → 0.622 (90) | – |

The categories left where they are are mostly annotation practice that the two sets do not
share: TimeBank writes `1989-WXX` for a third of its weeks and anchors "a year earlier" on
the quarter under discussion in earnings reports; MEANTIME marks "annual" and "weekly" as
sets or durations that TimeBank leaves out, and a few of its datelines are a day off the
events ("Wednesday" valued as the Thursday of the report).

### Second pass: rules meant for unseen news (issue 16)

The first pass read 0.820 on TimeBank but 0.732 on held-out AQUAINT. The second pass went
through the wrong values of both sets again, kept only what the TimeML guidelines decide
and no set's own habit (weeks written `WXX`, quarters read into "a year ago" in earnings,
MEANTIME's week numbers and its `FUTURE_REF` for "later"), and counted the documents each
rule fixes: a rule seen in one document only is marked so. No rule lost a single
expression on either set; nothing was fitted.

| change (in the order it went in) | TimeBank | MEANTIME | documents fixed |
|---|---|---|---|
| before (first pass) | 0.831 | 0.789 | |
| a time of day that names no day takes the day its sentence names ("at 10:30 a.m. (0730 GMT) Friday", "at 16:15 UTC, June 1") | 0.831 | 0.795 | MEANTIME 2 |
| a date ending a span ("until mid-November", "through January", "has kept them closed until Friday") is not dated by the tense of the span's start; a date a change is "effective" from lies ahead | 0.835 | 0.801 | TimeBank 4, MEANTIME 1 |
| years and days spelt out ("nineteen ninety-six", "January nineteen ninety-seven", "the year two thousand", "March eighth") | 0.840 | 0.801 | TimeBank 7 (broadcast transcripts) |
| "the following month", "the previous week" count from the month or day in discussion, as "the following year" did | 0.841 | 0.801 | TimeBank 1 (one document only) |

A present modal pointing ahead ("must be signed by Friday", "may resume on Monday") was
tried and dropped: it changed no expression on either set. Value accuracy by category,
before → after this pass (categories not listed did not move):

| gold category | TimeBank | MEANTIME |
|---|---|---|
| weekday | 0.926 → 0.934 (136) | 0.870 → 0.913 (46) |
| relative day/unit | 0.791 → 0.801 (277) | 0.761 → 0.761 (71) |
| partial date | 0.909 → 0.942 (154) | 0.974 → 0.974 (39) |
| quarter/season/fiscal/half | 0.846 → 0.851 (201) | 0.714 → 0.714 (14) |
| time of day | 0.714 → 0.714 (21) | 0.706 → 0.824 (17) |
| other | 0.294 → 0.588 (17) | 0.423 → 0.423 (26) |

### Third pass: newswire of AQUAINT's kind (issue 16)

TimeBank's AP and NYT documents (1998, and two AP of 1990) are the nearest here to the
held-out AQUAINT newswire (AP, NYT, Xinhua, 1998–2000); the source table in the TimeBank
section scores them apart (0.858 before this pass, against 0.831 for the WSJ). Their 31
wrong or missed values were read one by one: 13 are the annotation's own slips (one AP
document's seven weekdays all a week before its "today"; "July last year" valued June;
"Also Sunday" a month back; "last week" in a Sunday report valued as the report's ISO week
where another Sunday report takes the week before; "two weeks ago" a day but "six weeks
ago" a week; "centuries" PXE), 11 are TimeBank habits the guidelines do not settle
("almost two years ago" as P2Y, "recent years" PXY, "a few years ago" 199X, "for some
time" PXM, "at the time" and "previously" PAST_REF, "last February" on March 1 as the
year before), 6 are sets, ages and counted seasons ("Monday and Tuesday nights" as sets,
"the daily tally", "hourly earnings", "8-month-old truce", "the past three summers";
TimeBank annotates 3 of its 22 attributive frequency words) and 1 is a misreading of
ours, fixed below ("the record high set on Aug. 6" read as scheduled, so put ahead). Two
unannotated expressions were misread too and are fixed below ("he one day follow" as a
day-long P1D; "is going to start getting beat up in the spring" as the spring before).
Then newswire-style sentences were written for the
TIMEX3 categories (AP "said Friday", Xinhua "in the first ten months of this year",
reported schedules, holidays, fiscal years, comparatives on "ago") and checked against the
guidelines; each rule below fixes a category they showed, and its cases are in
`tests/test_timex_guidelines.py` (each failed before the rule). No rule lost an expression
on either set; nothing was fitted. Most of the about 300 sentences already came out as the
guidelines write them (weekdays by tense in "said Friday" copy, "last week" and "this
week" as ISO weeks, "recently", "now", "currently", "the past few years", "the 1990s",
"mid-1998", "late Tuesday", "Tuesday night" `TNI`, "early next year", "the coming weeks",
"a year ago", "the same day", "this morning", seasons, "annually", "each year", fiscal
years by number, "the end of this year").

| change (in the order it went in) | TimeBank | MEANTIME | documents fixed |
|---|---|---|---|
| before (second pass) | 0.841 | 0.801 | |
| a date after "since" lies behind whatever the tense ("up 8 percent since year-end", "stable since March") | 0.842 | 0.801 | TimeBank 1 |
| a time of day that names no day, in a sentence that names none ("rose in morning trading"), is on the day last named; it no longer stands as the day in discussion for "later in the day" | 0.843 | 0.806 | TimeBank 1, MEANTIME 1 |
| "one day", "some day" after a modal, a subject or a verb of hoping ("will one day be"), and "someday", are FUTURE_REF, not P1D | 0.843 | 0.806 | TimeBank 1 |
| a bare "fiscal" ("fiscal policy", "fiscal deficit") and "a fiscal year" as a notion are no time; "the 1999 fiscal year", "the 1998 financial year" are that year | 0.844 | 0.806 | TimeBank 1 (a spurious removed) |
| named holidays are the day they fall on (Christmas, New Year's Day, Thanksgiving, Easter by the computus, Memorial Day...), in the year stated or the one distance and tense point to; before a noun ("Christmas sales") a holiday names a season and is left out | 0.844 | 0.806 | none (neither set has a holiday as a day) |
| a comparative on a date counted back takes the point modifiers ("more than a decade ago" BEFORE, "less than a year ago" AFTER) | 0.844 | 0.806 | none (modifiers only) |
| "set" that made something ("the record high set on Aug. 6") looks back; only "set for", "set to" schedule | 0.845 | 0.806 | TimeBank 1 (AP/NYT) |
| "is going to cut jobs on Friday" looks ahead (the "to" hangs on the verb after "going") | 0.845 | 0.806 | none in gold |
| future forms of wire copy: a reported clause with its own present tense ("officials said the talks resume Monday") is not dated by "said"; "are to be held Sunday"; "rescheduled for Friday"; "the deadline is Friday" | 0.845 | 0.806 | none in gold |
| a present passive with a time of its own is scheduled ("the market is closed Monday", "the figures are published in March") | 0.845 | 0.806 | none in gold |

The last three rules and the holidays change no gold expression on either set: they are
checked only by the guideline cases, on forms the two sets happen not to contain (every
weekday in a present reported clause, "is going to", "are to be", and the holidays were
read back as past or not found at all). Over the pass: TimeBank 0.841 → 0.845 (1066 → 1070
right values, 1292 → 1291 predicted; AP/NYT newswire 0.858 → 0.862, WSJ 0.831 → 0.833,
broadcast 0.880 → 0.889), MEANTIME 0.801 → 0.806 (283 → 285). By category, before → after
(categories not listed did not move):

| gold category | TimeBank | MEANTIME |
|---|---|---|
| relative day/unit | 0.801 → 0.805 (277) | 0.761 → 0.761 (71) |
| partial date | 0.942 → 0.948 (154) | 0.974 → 0.974 (39) |
| present/past/future ref | 0.831 → 0.838 (130) | 0.567 → 0.567 (30) |
| time of day | 0.714 → 0.762 (21) | 0.824 → 0.882 (17) |
| other | 0.588 → 0.588 (17) | 0.423 → 0.462 (26) |

Tried and left out: a rate ("four flights a week", "$33 million a year") as a SET rather
than a one-unit DURATION is what the guidelines write, but the value (P1W, P1Y) is the same
either way, TimeBank leaves most rates unannotated, and the change found two more spurious
rates ("per second"), so value F1 fell (0.8426 → 0.8423); it stays out. "Last week" in a
report dated on a Sunday as the week just ending: the two Sunday documents disagree and the
ISO reading wins 3 to 1, so ISO weeks stay. Attributive "recent" and "current" (TimeBank
annotates 4 of 12 and 9 of 16 of those newsfuse finds) are not settled by the guidelines and are left as they
were.

### Fourth pass: times of day, verbs read as nouns, ranges (issue 16)

Three categories of defect named for this pass, then AP and Xinhua sentences of our
own (datelines "BEIJING, Jan. 3 (Xinhua) --", "UNITED NATIONS (AP) _") through the issue's
categories, as the third pass did. Each rule below fixes what the TIMEX3 guidelines decide;
its cases are in `tests/test_timex_guidelines.py` (each failed before the rule; a range
table is new). No rule lost an expression on either set; nothing was fitted.

| change (in the order it went in) | TimeBank | MEANTIME | documents fixed |
|---|---|---|---|
| before (third pass) | 0.845 | 0.806 | |
| a time of day takes the day its sentence names wherever the day stands: a sentence the parser cut after "a.m." ("at 10:40 a.m." / "local time (0740 GMT) yesterday.") is mended first, and a day named on its own wins over one that came with the bracketed GMT time ("at 3:15 a.m. (1915 GMT Monday) on Tuesday"); present verbs the parser took for nouns ("Talks resume Monday", "The Senate votes Tuesday") look ahead; a headline's present ("Clinton signs welfare bill Monday") looks back, its infinitive ("Clinton to visit China Friday") ahead | 0.845 | 0.806 | none in gold |
| ranges, each end a time of its own: "1996-2000", "the 1998-99 season", "the 1997/98 fiscal year", "the January-September period", "Aug. 14-16", "between 60 and 90 days" ("the July-September quarter" is that quarter); "the second half of the 1990s" is no year's half | 0.846 | 0.808 | TimeBank 2, MEANTIME 1 |
| a date something is put off to lies ahead ("postponed to late September", "adjourned until Monday"); "next Jan. 1" is a day; "from Aug. 24 to 28" | 0.846 | 0.808 | none in gold |
| "every two years" a SET P2Y, "every other month" P2M; "the fiscal year ended June 30" P1Y, as "the year ended" | 0.847 | 0.808 | TimeBank 1 |
| halves ("a decade and a half" P15Y, "half a century" P50Y, "half an hour" PT30M); "on Oct. 1 next year" one day | 0.847 | 0.808 | none in gold |
| a present "is" with an adjective holding the time schedules it ("the results are due Thursday") | 0.847 | 0.808 | none in gold |
| a sentence the parser cut twice ("at 10:40 a.m." / "local time (0740 GMT)" / "Friday, killing 12") is mended whole | 0.847 | 0.808 | none in gold |
| "the year before", "the month before" count from the year or month in discussion, as "the previous year" | 0.847 | 0.808 | none in gold |

Before this pass hyphenated years and months were not found at all ("1996-2000" gave
nothing); the two sets hold few of them. Only the second and fourth rows change a gold expression;
the others are checked by the guideline cases alone. Over the pass: TimeBank 0.845 → 0.847 (1070 → 1073 right values,
1291 predicted; relaxed span 0.9487 → 0.9495; AP/NYT newswire 0.862 → 0.862, WSJ 0.833 →
0.836, broadcast 0.889 → 0.894), MEANTIME 0.806 → 0.808 (285 → 286; span 0.911 → 0.912).
By category, before → after (categories not listed did not move):

| gold category | TimeBank | MEANTIME |
|---|---|---|
| quarter/season/fiscal/half | 0.851 → 0.856 (201) | 0.714 → 0.714 (14) |
| duration | 0.852 → 0.862 (189) | 0.683 → 0.700 (60) |

Tried and left out: a count range without "between" ("two to three weeks", "the next 12 to
18 months") as two durations, as MEANTIME annotates "between 60 and 90 days": TimeBank
annotates those two as one expression, and value F1 fell (0.8445 → 0.8443), so only the
"between" form splits. "At the moment", "at this time" as PRESENT_REF and "the weeks
ahead" as FUTURE_REF (HeidelTime's reading): TimeBank leaves the first two unannotated in
all three of its cases and writes the third PXW, so value F1 fell (0.8469 → 0.8455); they
stay out. Checked and already as the guidelines write them: "early Monday"
(START), "late Tuesday" (END), "Tuesday night" `TNI`, "this morning" `TMO`, "tonight",
"the late 1980s" (`198`, END: TIMEX3 has no LATE), "the mid-1990s", "fiscal 1999", "from
1996 to 2000", "between March and May", "late last month", "early this month", "the
previous day", "within days", "for the first time in five years", "two years later" (a
duration, "later" being a signal). Left alone: "the turn of the century" (neither set
annotates it and the guidelines give no value), "earlier in the day" (TimeBank writes
"earlier in the year" as one expression with START, MEANTIME splits "later" from "the day"),
and a Xinhua dateline a day before the document date ("BEIJING, December 31 (Xinhua)" in a
report dated 1 January), which the reference date, not the grammar, would have to follow.

### Fifth pass: narrative anchoring, Xinhua and AP copy (issue 16)

A feature story of our own over three narrative dates (1995, 1996, 1997, reported in
1998), then Xinhua economic and AP sentences, every value checked against the TIMEX3
guidelines: deictic expressions ("this year", "last year", "next month", "now", "today",
"currently") take the document date, anaphoric ones ("that day", "the next day", "the
following week", "that year") the date in discussion. Each rule's cases are in
`tests/test_timex_guidelines.py` (a narrative-anchoring table is new; the anaphoric cases
failed before their rules, the deictic and dateline ones held already and stay as guards).
No rule lost an expression on either set; nothing was fitted.

| change (in the order it went in) | TimeBank | MEANTIME | documents fixed |
|---|---|---|---|
| before (fourth pass) | 0.847 | 0.808 | |
| "that year" was never found (its rule needs the year in discussion, and a candidate was first tried without it and dropped); "that month", "that week" had no rule: all three take the unit of the date in discussion, the report's when none was named; "the next day", "that day" stand before a pronoun subject ("The next day she sold 80") | 0.847 (0.8469 → 0.8473) | 0.808 | TimeBank 1 (wsj_0026 "that year") |
| "a week ago Tuesday", "two weeks ago Sunday", "a week from Friday", "a week ago today": one day, the day named and then the weeks | 0.847 | 0.808 | none in gold |
| "the same period of 1997", "the corresponding period of 1997": the period in discussion in the year named | 0.847 | 0.808 | none in gold |
| "about", "around" before a clock time join it with mod APPROX ("around 7:15 p.m.") | 0.847 (one more `mod` right) | 0.808 | TimeBank 1 (its `mod`) |
| "that night", "that evening": the part of the day in discussion | 0.847 | 0.808 | none in gold |
| "late that year", "the end of that month" take their position; "that decade" | 0.847 | 0.808 | none in gold |

Over the pass: TimeBank 0.847 → 0.847 (1073 → 1074 right values, 1291 → 1292 predicted;
relaxed span 0.9495 → 0.9499; AP/NYT newswire 0.862 → 0.862, WSJ 0.836 → 0.837, broadcast
0.894 → 0.894), MEANTIME 0.808 → 0.808 (286, unchanged). By category: TimeBank relative
day/unit 0.805 → 0.809 (277), with a `mod` 0.633 → 0.644 (90); nothing else moved on
either set. The Xinhua dateline a day before the document date ("BEIJING, December 31
(Xinhua) --" in a report dated 2000-01-01): the dateline itself is 1999-12-31, and it is
the day in discussion for what follows it, as any day named is ("the same day", a clock
time with no day of its own); "today", "yesterday", "this year" stay on the document date,
and no time rule reads the dateline as the reference. Checked and already as the
guidelines write them: "in the first half of this year" (1998-H1), "January-October" (each
end), "by the end of this century" (19 END), "by the year 2000", "over the past five years"
(P5Y), "in recent years" (PAST_REF), "the same period last year", "in the 1990s" (199),
"early next century" (20 START), "late Tuesday night" (TNI END), "early today" (START),
"Tuesday's vote", "Tuesday, Aug. 4", "last Tuesday" in a Thursday report (that week's
Tuesday), "the past 24 hours" (PT24H), "in the next few days" (PXD), "up to five years"
(P5Y EQUAL_OR_LESS), "about 10 years" (P10Y APPROX). Left alone: "annually" stays SET
`XXXX` (TimeBank's one case; MEANTIME writes P1Y for "annual"), "year-on-year" is not
annotated (a comparison, not a time), "the Ninth Five-Year Plan" gives P5Y from a name,
"a week later", "two days earlier" stay durations ("later" a signal, as the fourth pass
found), and "the day before the opening" (a day anchored on an event) is not found.

### Sixth pass: modern web news (issue 16)

Neither set is 2010s web copy, which the held-out TempEval-3 platinum set is (AP, BBC, CNN,
NYT, WSJ online, 2013). Thirty-six web articles of 2010–2016 nobody tuned on were read as a
TIMEX3 annotator would, with the publication date as document date: 15 of BASIL dev (5 each
of Fox News, HuffPost, NYT) and 21 of PolNeAR train (3 each of Breitbart, HuffPost, NYT,
Politico, USA Today, Washington Post, Western Journal; PolNeAR dev untouched). newsfuse found
306 expressions; the read added 15 it missed and left 14 as unsettled by the guidelines
(attributive "current" and "recent", 7; "over the past week" as the week before, 3, which
is how TimeBank values "the past year"; "the coming year"; rates such as "$15 an hour", the
same value as a SET or a DURATION). Of the 307 judged, 262 were right before this pass and
290 after. Errors by category, before → after:

| category | before | after |
|---|---|---|
| a name read as a time (NBC's "Today" show ×6, ABC's "This Week" ×2, a paper's "Daily", an award's "of the Year") | 11 | 0 |
| weekday anchoring (a weekday hanging on "plans for" an event, in a past sentence; a year's "Super Tuesday" as this week's Tuesday; a weekday under "could be"; one under "has invited ... to discuss") | 4 | 3 |
| relative day/unit ("the day" before a weekday valued as another day; "a few weeks back" a duration; "later in the day" on the day of an embedded clause; "that month" after a bare year) | 4 | 2 |
| partial date year (a month "of that year" valued in the report's year) | 1 | 0 |
| duration ("over the next decade" as the 2020s; "a half-century", "decades later" missed; "the early days" of an event) | 4 | 1 |
| set ("every fiscal year", "every single day" missed; an adverb "daily" after its verb) | 3 | 1 |
| `*_REF` ("soon afterward" FUTURE_REF; "current and former" PRESENT_REF) | 2 | 0 |
| `mod` (an amount "over two years", "over 16 years" read MORE_THAN) | 2 | 0 |
| span missed (both ends of a range across two months, a range's end before "on", "early-October"; the first count of "N or M years ago" twice; an attributive "the March ..."; "the same night"; "the day before"; "a ... weekend" wished) | 10 | 6 |
| a holiday as a notion ("celebrate Christmas" as a custom, XXXX-12-25, valued as this December's) | 3 | 3 |
| other spurious (a shop's opening "hours") | 1 | 1 |

Each rule below fixes what the TIMEX3 guidelines decide; its cases, sentences of our own, are
in `tests/test_timex_guidelines.py` (a web-copy table and a table of names and words that
are no time; each failed before its rule, bar three guards). No rule lost an expression
on either set; nothing was fitted.

| change (in the order it went in) | TimeBank | MEANTIME | documents fixed |
|---|---|---|---|
| before (fifth pass) | 0.847 | 0.808 | |
| a time word capitalized within a sentence ("NBC's Today show", "the Daily Caller", "Person of the Year") or a title alone in quotes ("told \u201cToday\u201d") is part of a name, not a time; a title-case headline and a sentence's first word keep theirs | 0.848 (0.8473 → 0.8483; 1292 → 1289 predicted) | 0.808 | TimeBank 3 ("VOA Today", ABC's "This Week" ×2) |
| a named day built on a weekday ("Super Tuesday", "Black Monday") is a DATE without a value, not the nearest weekday; Black Friday, Cyber Monday and US Election Day (the Tuesday after the first Monday in November) are holidays | 0.848 | 0.808 (span 0.9124 kept; dropping the three "Black Monday" spans would have read 0.810 but lost two gold spans) | none (MEANTIME's "Black Monday" is 1987-10-20, which no rule can know) |
| "current and former" is a standing, not PRESENT_REF; "soon afterward" is not FUTURE_REF | 0.848 | 0.808 | none in gold |
| an amount spread "over N years" ("$2 trillion over 10 years") carries no MORE_THAN; "the next decade", "the coming decade" are P10Y, as "the past decade" | 0.848 | 0.808 | none in gold (TimeBank's "used over three years" keeps its MORE_THAN: the rule needs the amount before "over") |
| "October of that year" in the year in discussion; "early-October", "late-June"; "a half-century" P50Y; "every single day", "every fiscal year" SETs; "a few weeks back", "two years back" as "ago"; "Decades later", "Years later" durations | 0.848 | 0.808 | none in gold |
| a range across months ("March 31-April 4"), a range's end before "on", "by", "among"; "the day" before the weekday that dates it ("the day Thursday") is not a second expression; a date hanging on a plan before any verb ("plans for a march on Saturday") lies ahead; "6 p.m. ET", "PT", "CT" join their clock time | 0.848 | 0.808 | none in gold |

Over the pass: TimeBank 0.847 → 0.848 (1074 right values, 1292 → 1289 predicted; relaxed
span 0.9499 → 0.9510; AP/NYT newswire 0.862 → 0.862, WSJ 0.837 → 0.838, broadcast 0.894 →
0.897), MEANTIME 0.808 → 0.808 (286 right, 340 predicted, span 0.912 unchanged). By gold
category nothing moved on either set: the pass removed spurious expressions and found forms
the two sets do not hold. Tried and dropped: a frequency adverb before a preposition
("reported daily to the board", "adjusted quarterly and") as a SET, which the
guidelines would write, found four more on the two sets, none annotated (0.8483 → 0.8477).
Checked and already as the guidelines write them: "on Tuesday" and "Tuesday night" in a
story dated the next day, "this week", "last week", "earlier this year" (START), "in the
coming weeks" (FUTURE_REF), "over the weekend", "the past decade" (P10Y), "in recent days"
(PAST_REF), "in recent months" (PXM, as TimeBank), "since 2008", "for the first time in 20
years" (P20Y), "in 2012's race", "the 2016 election" (2016), "the summer of 2015", "per
year" (SET P1Y), "a decade ago" (200), "two weeks before the convention" (P2W, "before" a
signal), "Thursday's debate", "70-year-old" (no expression), "8 p.m. EST", "Updated 4:52 PM
ET" and "Published: July 13, 2010" (on the document date). Left alone: the three weekday
errors left need the event's own time (a weekday under "could" is as often past, "he could
not be reached Friday"), "later in the day" after a day named in an embedded clause,
a holiday as a notion ("celebrate Christmas"), an attributive "the March ..." (a capitalized "the May" is as
often a name), "24/7" and "the day after the debate" (no value the text gives).

### Seventh pass: a fresh web sample (issue 16)

The sixth pass's 290 of 307 was read on the articles its rules were written from: a fitted
figure. Before any change, a disjoint sample was drawn and read the same way (TIMEX3
guidelines, TempEval-3 conventions, publication date as document date): the 15 BASIL dev
articles the sixth pass did not read (Fox News, HuffPost, NYT; 2011–2019) and 25 PolNeAR
train articles it did not read (4 each of Breitbart, HuffPost, NYT, Politico; 3 each of USA
Today, Washington Post, Western Journal; November 2015 to August 2016, by a stride over each
publisher's articles in date order; PolNeAR dev untouched). newsfuse found 358 expressions;
the read added 10 it missed and left 17 as unsettled by the guidelines (attributive
"current" and "recent", 12; rates such as "$1,179 a month", 4; "the past week", 1), and
counted as neither found nor missed six bare "hours before", "days after" (MEANTIME leaves
"just days after" unannotated). **Of the 351 judged, 305 were right with the code as the
sixth pass left it: 0.869** (BASIL 164 of 187, 0.877; PolNeAR 141 of 164, 0.860). This is
the unbiased figure: against the sixth pass's 262 of 307 before its rules (0.853) and 290
of 307 after (0.945), its web rules carried a point or two to unseen copy, not the nine
points the fitted figure showed. After this pass's rules: 324 of 351 (0.923), itself
fitted to this sample; expect the next unseen sample nearer 0.87–0.88. Errors by category,
before → after:

| category | before | after |
|---|---|---|
| weekday anchoring (an infinitive under "called for", "urged", "asked", "poised"; a verb under "should"; a weekday in a quoted clause the parser split; a present relative clause "who needs a win in Tuesday's primary"; a gerund "pointed to him endorsing her on Thursday") | 9 | 3 |
| a name read as a time (a show "Fox News Sunday" ×3, a film and an ad named for Christmas) | 5 | 0 |
| a deictic word in a quote dated another day ("tomorrow", "this afternoon", "today" said the day before the report) | 4 | 4 |
| generic "today", "tomorrow" (PRESENT_REF, FUTURE_REF: "today's seniors", "tomorrow can be different") | 4 | 4 |
| relative day/unit ("the morning after" an event a week back; a second "the day before" counted from the first; "the day after Christmas" found as Christmas; "the year" of "the third quarter of the year" as the report's) | 4 | 2 |
| other spurious ("current and future retirees", "a quarter of the government", "the morning shows", "images of Christmas gifts") | 4 | 2 |
| time of day (a show's "9 a.m. hour" and "ends at 9 a.m." dated; a midnight deadline "before Christmas" put on Christmas) | 3 | 3 |
| partial date year ("if he won the election on Nov. 8" a year back; "at year's end" told in January as the new year's) | 2 | 0 |
| `mod` ("requests over several weeks" read MORE_THAN) | 1 | 0 |
| span missed ("the foreseeable future", "a long time ago", "another week", "the first hour and a half", "years" of "months or years", "the same day", "closed the week", "the final weekend", both ends of "October-to-December") | 10 | 9 |

Each rule below fixes what the TIMEX3 guidelines decide; its cases, sentences of our own,
are in `tests/test_timex_guidelines.py` (web-copy and no-time tables; each failed before its
rule, bar four guards: "should have voted", "would have resigned", "will hire by the end of
the year", a single "the day before"). No rule lost an expression on TimeBank or MEANTIME;
nothing was fitted.

| change (in the order it went in) | TimeBank | MEANTIME | documents fixed |
|---|---|---|---|
| before (sixth pass) | 0.8483 | 0.8079 | |
| an infinitive under a verb of asking or readiness ("called for him to cancel the Monday summit", "asked the leaders to return on Friday", "poised to take control on Thursday", "there needs to be"), or a verb under "should", "must", "ought" (not perfect: "should have voted on Monday" stays behind), is not yet done: it lies ahead | 0.8483 | 0.8079 | none in gold; web 6 (4 articles) |
| the last word of a title in quotes of several title-case words ("Fox News Sunday", a film or ad named for Christmas) is part of a name | 0.8483 | 0.8079 | none in gold; web 5 (4 articles) |
| "year's end", "the end of the year" told in the past early in a year are the year just ended, as "year-end" was; "the year" a quarter is "of" is that quarter's year | 0.8483 | 0.8079 | none in gold; web 2 |
| "over" before an unstated count is the preposition ("requests over several weeks", "over several years"), not MORE_THAN | 0.8483 (value F1 does not score `mod`; one more gold `mod` matched) | 0.8079 | TimeBank 1 (its `mod`); web 1 |
| a past form after "if" under "would" supposes what is to come ("how ties would fare if he won the election on Nov. 8") | 0.8483 | 0.8079 | none in gold; web 1 |
| "current and future" is a standing, as "current and former" | 0.8483 | 0.8079 | none in gold; web 1 |
| "a quarter of voters" is a fraction, not a quarter of the year | 0.8487 (1289 → 1288 predicted) | 0.8079 (one removed outside the scored lines) | TimeBank 1 (wsj_0768, a spurious removed); web 1 |
| "the day before", "the previous day" look back from the day in discussion and leave it so (two "from $1.11 the day before" in one market report: both the day before the session) | 0.8487 | 0.8079 | none in gold; web 1 |
| "another week", "another year": one-unit durations, as "a week" | 0.8487 | 0.8079 | none in gold; web 1 (a missed span) |

Over the pass: TimeBank 0.8483 → 0.8487 (1074 right, 1289 → 1288 predicted; relaxed span
0.9510 → 0.9514; AP/NYT 0.862, WSJ 0.838, broadcast 0.897, unchanged), MEANTIME 0.8079 →
0.8079 (286 right, 340 predicted, span 0.912). By gold category nothing moved on either set.
Tried and dropped: "the foreseeable future" as FUTURE_REF and "long ago", "a long time
ago" as PAST_REF, which the guidelines would write: TimeBank leaves all three of those it
holds unannotated (0.8483 → 0.8473). Left alone: the quoted-day and generic
"today"/"tomorrow" errors need who spoke when, or a reading of rhetoric, that the grammar
does not give; "the day after Christmas" and "the morning after" an event are days anchored
on an event; bare "hours before", "days after" stay unfound, as MEANTIME leaves them; a
second bare plural of a pair ("months or years") stays out, as TimeBank annotates "recent
weeks and months" as one; a verb of wanting ("wanted to hold the parade on Sunday") and
"agreed to vote on Wednesday" stay with the tense, being as often done as not.

### Eighth pass: a second fresh web sample (issue 16)

The seventh pass's 324 of 351 was fitted to the sample its rules came from. Before any
change, a second disjoint sample was drawn and read the same way (TIMEX3 guidelines,
TempEval-3 conventions, publication date as document date): 40 PolNeAR train articles
neither earlier pass read (6 each of Breitbart, HuffPost, NYT, Politico, USA Today; 5 each
of Washington Post, Western Journal; November 2015 to August 2016, by a stride over each
publisher's articles of 1,200–5,500 characters in date order, stepping past columns,
quizzes and first-person pieces to prefer reports of events, votes and debates; PolNeAR dev
untouched; all 30 BASIL dev articles were read before). newsfuse found 357 expressions; the
read added 6 it missed and left 15 as unsettled by the guidelines (attributive "current"
and "recent", 12; "over the next year", "in the last year" as a stretch or a calendar year,
2; a rate "$250,000 a year", 1), and counted bare "the days after" as neither found nor
missed, as before. **Of the 348 judged, 321 were right with the code as the seventh pass
left it: 0.922** — against the seventh pass's 0.869 on its own unseen sample before its
rules and 0.923 fitted. The two earlier passes' rules carried to copy nobody had read, more
than the seventh pass expected (0.87–0.88); but this sample is PolNeAR only and drawn for
hard news (the seventh pass's PolNeAR part read 0.860), so the two unbiased figures bound
web copy between about 0.87 and 0.92. After this pass's rules: 331 of 348 (0.951), fitted.
Errors by category, before → after:

| category | before | after |
|---|---|---|
| weekday anchoring ("the results of Tuesday's primaries will force", the primaries two days back) | 1 | 1 |
| a name read as a time (a headline's "Breitbart News Daily") | 1 | 1 |
| generic "today" ("today's Washington", "a way that does not exist today") | 3 | 3 |
| a deictic word in a quote dated another day ("tonight" in a Tuesday-night speech, "today" in a Thursday statement) | 2 | 2 |
| partial date or season year ("their February reports" under "must file" as next year's; "a win in November" under a present "is key to scoring" as last November; "since taking over as speaker in the fall" as this fall) | 3 | 2 |
| relative unit ("The next month" after a past September, counted from the report) | 1 | 0 |
| set ("seven days a week" as two durations) | 2 | 2 |
| other spurious ("the past six election cycles", "this fall in prices", "just over a quarter, 26 percent", "move past days of turmoil", a discourse "Now, compare") | 5 | 2 |
| a named day (this year's "Super Tuesday", a DATE without a value) | 1 | 1 |
| time of day ("had a good night Tuesday" as Tuesday night) | 1 | 1 |
| `mod` ("$74 million more than a year ago" read BEFORE) | 1 | 0 |
| span missed ("the weeks ahead", "the days and weeks ahead", "quarter-century", a range's end before a dash "May 13-22 —", "in 1789", an adverb "daily" after its verb) | 6 | 2 |

Each rule below fixes what the TIMEX3 guidelines decide; its cases, sentences of our own,
are in `tests/test_timex_guidelines.py` (web-copy and no-time tables; each failed before its
rule, bar five guards: "months ahead of the vote", "more than a year ago" alone, "this fall
in Ohio", "the fall of the regime", "the next month" ahead). No rule lost an
expression on TimeBank or MEANTIME; nothing was fitted. The sixth and seventh passes' 76
articles read the same 651 expressions before and after.

| change (in the order it went in) | TimeBank | MEANTIME | documents fixed |
|---|---|---|---|
| before (seventh pass) | 0.8487 | 0.8079 | |
| "the weeks ahead", "the days and weeks ahead": a stretch of unstated length (PXW), as TimeBank writes "the weeks ahead" ("the coming weeks" stays FUTURE_REF) | 0.8488 (1074 → 1075 right) | 0.8079 ("The years" read as "The years ahead", unannotated either way) | TimeBank 1 (wsj_0768, a missed span found with its value); web 2 |
| "quarter-century" P25Y, "a quarter hour" PT15M, as "a half-century" | 0.8488 (1289 → 1290 predicted: a "quarter-century low" TimeBank leaves out, where it and MEANTIME annotate 12 of 15 "five-year high"s; AP/NYT 0.862 → 0.860) | 0.8079 | web 1 |
| "the past" before a count of something else ("the past six election cycles") is no PAST_REF; a count of time ("the past three summers") keeps its span | 0.8488 | 0.8079 | none in gold; web 1 |
| "fall" before "in" or "of" and a common noun ("this fall in prices") is a decline, not autumn ("this fall in Ohio" stays) | 0.8488 | 0.8079 | none in gold; web 1 |
| "more than a year ago" after an amount ("$74 million more than a year ago"): the amount is more, no `mod` | 0.8488 | 0.8079 | none in gold; web 1 |
| a date in a gerund after "since" ("popular since taking office in the fall") lies behind | 0.8488 | 0.8079 | none in gold; web 1 |
| "the next month" told in the past counts from the month in discussion, as "the following month"; a day range's end before a dash | 0.8488 | 0.8079 | none in gold; web 2 |
| "hoped to", "hoping to" read as "hope to" (the lemmatizer takes them for "hop"), so "hoped to pass it on Friday" lies ahead | 0.8488 | 0.8079 | none (no set nor sample holds the form with a date) |
| "a quarter" before a percentage ("just over a quarter, 26 percent") is a share, as "a quarter of voters" | 0.8488 | 0.8079 | none in gold; web 1 |

Over the pass: TimeBank 0.8487 → 0.8488 (1074 → 1075 right, 1288 → 1290 predicted; relaxed
span 0.9514 unchanged; AP/NYT 0.862 → 0.860, WSJ 0.838 → 0.839, broadcast 0.897),
MEANTIME 0.8079 → 0.8079 (286 right, 340 predicted, span 0.912). Left alone: "seven days a
week" is one SET with a frequency the JSON contract has no field for; a month's year from a
noun it modifies ("their February reports") or a purpose gerund ("key to winning in
November") has counter-cases as common ("the November election" told in March); the
generic and quoted "today"/"tonight" need who spoke when; "move past days of turmoil", a
discourse "Now," and a headline's "Daily" after a name are single forms; a year before 1800
("in 1789") stays unread, a bare number being as likely.

### The timeline read as a reader (issue 15)

The 30 BASIL dev articles (each event's three fused as one story) and the two seed reports
(`--date 2025-12-21`) were briefed and every timeline entry read, before any change, as a
careful reader would: is it one happening, at the date the text gives it, in a readable
sentence? Missing counts the happenings a reader expects and the timeline left out, as far
as the reading found them. The time values are untouched (TimeBank 0.8488, MEANTIME 0.8079);
the changes are in which date of a sentence is its happening's (`fuse/timeline.py`).

| entries (BASIL dev, 10 events / seeds) | before | after |
|---|---|---|
| right | 65 / 5 | 78 / 5 |
| dated by a time that is not the happening's (an aside, a "since", a quote's words, a year naming a thing) | 20 / 3 | 7 / 1 |
| wrong date | 1 / 0 | 1 / 0 |
| the same happening twice | 5 / 2 | 6 / 3 |
| a future date the text does not put ahead | 0 / 0 | 0 / 0 |
| not a happening (a generic "today", an opinion) | 6 / 0 | 4 / 0 |
| unreadable (a fragment) | 2 / 0 | 0 / 0 |
| all entries | 99 / 10 | 96 / 9 |
| missing | 13 / 0 | 1 / 0 |

What changed: a date inside quoted words, in an aside set off by commas ("Fox, who led the
country from 2000 to 2006, said"), after "since", "following" or "in response to", in a
comparison ("as he did in September"), right after "before" or "after", or a year naming a
thing ("the 2016 election") no longer dates the sentence; a sentence left with no date of
its own stays off the timeline. A time of day gives the day it names ("met on Thursday
evening", eleven of the thirteen missing happenings were dated only so or by a week), a week
within one month gives that month, and a time that opens the sentence ("Last weekend, ...")
dates it unless a date within it is named. An entry cut inside a quotation ('Now," Schumer
tweeted Friday.') is shown from the quotation's opening mark. The Kremlin's Sunday statement
stays once, at 2025-12-21. Left alone: the same happening told twice by one report in
different words ("met Sunday afternoon", "the surprise Sunday afternoon meeting"; Putin's
press conference, Macron's Friday remarks) needs a sameness test within a report that the
reading gives too few cases to fit; restrictive clauses ("bills that won support last
year") and reduced ones ("the conditions he outlined in June 2024") need the parse the
timeline does not see; "has invited them to his office on Friday morning" is valued a week
back by the tense (`nlp/times.py`). Tried and dropped: a quoted "today", "tomorrow" counted
from the day its paragraph gives the saying ("'We vote tomorrow,' she said on Monday")
changed no expression on TimeBank, MEANTIME, the three web samples of the sixth to eighth
passes or BASIL; the quoted deictics those passes logged take their day from an earlier
sentence without a verb of saying."""


def line_starts(text: str) -> list[int]:
    return [0, *(i + 1 for i, ch in enumerate(text) if ch == "\n")]


def split_dateline(row: dict) -> tuple[dict, int]:
    """The row without the dateline's gold expressions, and the offset annotation stops at."""
    starts = [*line_starts(row["text"]), len(row["text"]) + 1]
    lo, hi = starts[DATELINE], starts[DATELINE + 1]
    body = [g for g in row["timexes"] if not lo <= g["start"] < hi]
    end = starts[min(ANNOTATED_LINES, len(starts) - 1)]
    return {**row, "timexes": body}, end


def run(data_dir: Path, limit: int | None) -> Result:
    path = data_dir / FILE
    if not path.exists():
        return Result(name="meantime", skipped=f"{path} is absent")
    rows = timeml.load_rows(path, limit)
    split = [split_dateline(r) for r in rows]
    body_rows = [r for r, _ in split]
    predicted = timeml.analyse(rows)
    counts = timeml.score(body_rows, predicted, [end for _, end in split])
    datelines = sum(len(r["timexes"]) for r in rows) - counts.gold
    result = timeml.report(
        "meantime",
        "MEANTIME (English Wikinews): time expressions on other news",
        f"{len(rows)} articles (Airbus, Apple, General Motors, stock markets; 2004–2011), "
        "title and first sentences annotated; the dateline's expression is scored apart;",
        counts,
        (),
    )
    with_datelines = timeml.metrics(timeml.score(rows, predicted, [end for _, end in split]))
    result.metrics["value_f1_with_datelines"] = with_datelines["value_f1"]
    result.markdown += (
        f"\n\nThe {datelines} datelines (the document date, removed by cleaning as a byline) "
        f"counted as missed: relaxed span F1 {with_datelines['span_f1']:.3f}, value F1 "
        f"{with_datelines['value_f1']:.3f}. {CONVENTIONS}\n\n{CHECKS}"
    )
    return result
