"""TIMEX3 values by category, written from the TimeML guidelines, independent of any corpus.

Every case is a sentence written for this table, a reference date (the document creation
time) and the expression's expected type, value and modifier as the TimeML annotation
guidelines (v1.2.1, TIMEX3; ISO-TimeML) give them: ISO-8601 calendar values at the
granularity the text states (a day, an ISO week, a month, a year, a quarter `-Q3`, a half
`-H2`, a season `-SU`, a decade `199`, a century `19`), durations `PnU`/`PTnU` with `X` for
an unstated count, sets with `XXXX` for the repeated slot, the `*_REF` values for
indefinite present, past and future, and `mod` for "early" (START), "mid" (MID), "late"
and "the end of" (END), "about" (APPROX), "more than" (MORE_THAN), "nearly" (LESS_THAN),
"at least" (EQUAL_OR_MORE). An undated weekday or month takes the occurrence the tense of
its verb points to: the most recent one in past-tense copy, the next one for the future.

The expression is looked up by overlap with the quoted text (TempEval's relaxed match), so
the table checks values, not exact extents.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import pytest

from newsfuse import nlp
from newsfuse.model import TimeExpr
from newsfuse.nlp.times import extract_times

WED = date(1998, 8, 12)
"""A Wednesday in ISO week 33."""
OCT = date(1998, 10, 20)
"""Weeks after the third quarter closed."""
JAN = date(1999, 1, 20)
DEC = date(1998, 12, 1)


class Case(NamedTuple):
    text: str
    ref: date
    expr: str
    type: str
    value: str
    mod: str | None = None


WEEKDAYS_AND_RELATIVE_DAYS = [
    Case("The embassy was bombed on Friday.", WED, "Friday", "DATE", "1998-08-07"),
    Case("Officials said Tuesday that the suspect had fled.", WED, "Tuesday", "DATE",
         "1998-08-11"),
    Case("The court ruled Wednesday that the law stands.", WED, "Wednesday", "DATE",
         "1998-08-12"),
    Case("The ministers will meet on Friday.", WED, "Friday", "DATE", "1998-08-14"),
    # The present of a scheduled event looks ahead; a present spelt as its past does not.
    Case("The two leaders meet on Monday in Geneva.", WED, "Monday", "DATE", "1998-08-17"),
    Case("They will sign it when they meet on Monday.", WED, "Monday", "DATE", "1998-08-17"),
    Case("The final vote is on Friday.", WED, "Friday", "DATE", "1998-08-14"),
    Case("Losses hurt the index on Monday.", WED, "Monday", "DATE", "1998-08-10"),
    Case("Monday's attack is the worst this year.", WED, "Monday", "DATE", "1998-08-10"),
    Case("The vote is scheduled for Sunday.", WED, "Sunday", "DATE", "1998-08-16"),
    Case("The hearing was set for Friday.", WED, "Friday", "DATE", "1998-08-14"),
    Case("The company is going to cut jobs on Friday.", WED, "Friday", "DATE", "1998-08-14"),
    Case("Elections are to be held Sunday.", WED, "Sunday", "DATE", "1998-08-16"),
    Case("The flight was canceled and rescheduled for Friday.", WED, "Friday", "DATE",
         "1998-08-14"),
    Case("The deadline is Friday, the ministry said.", WED, "Friday", "DATE", "1998-08-14"),
    # A present "is" with an adjective that holds the time ("due", "open") schedules it.
    Case("The results are due Thursday.", WED, "Thursday", "DATE", "1998-08-13"),
    Case("The report is due out Friday.", WED, "Friday", "DATE", "1998-08-14"),
    Case("The payment was due Friday.", WED, "Friday", "DATE", "1998-08-07"),
    # A date something is put off to is the new date, ahead whatever the tense.
    Case("The vote was delayed until Friday.", WED, "Friday", "DATE", "1998-08-14"),
    Case("The court adjourned the trial until Monday.", WED, "Monday", "DATE", "1998-08-17"),
    Case("The vote was delayed on Monday.", WED, "Monday", "DATE", "1998-08-10"),
    # A reported clause with a present tense of its own is not dated by the "said" above it.
    Case("Officials said the talks resume Monday.", WED, "Monday", "DATE", "1998-08-17"),
    Case("Police said the suspect appears in court Thursday.", WED, "Thursday", "DATE",
         "1998-08-13"),
    Case("He said the vote is on Friday.", WED, "Friday", "DATE", "1998-08-14"),
    # A present passive with a time of its own is scheduled too.
    Case("The market is closed Monday for a holiday.", WED, "Monday", "DATE", "1998-08-17"),
    Case("The government is going to announce the plan Monday.", WED, "Monday", "DATE",
         "1998-08-17"),
    # A present verb the parser took for a noun ("talks resume", "the Senate votes").
    Case("Talks resume Monday in Geneva.", WED, "Monday", "DATE", "1998-08-17"),
    Case("The Senate votes Tuesday on the bill.", WED, "Tuesday", "DATE", "1998-08-18"),
    Case("Schools reopen Monday after the strike.", WED, "Monday", "DATE", "1998-08-17"),
    Case("Peace talks resume Monday, officials said.", WED, "Monday", "DATE", "1998-08-17"),
    Case("Stocks rose Friday on rate hopes.", WED, "Friday", "DATE", "1998-08-07"),
    # A headline's present reports what happened; its future is "to".
    Case("Clinton signs welfare bill Monday\nWASHINGTON (AP) _ The president signed it.", WED,
         "Monday", "DATE", "1998-08-10"),
    Case("Clinton to visit China Friday\nWASHINGTON (AP) _ The trip was announced.", WED,
         "Friday", "DATE", "1998-08-14"),
    Case("He is expected to arrive in Nairobi on Thursday.", WED, "Thursday", "DATE",
         "1998-08-13"),
    Case("He said the report would be published on Friday.", WED, "Friday", "DATE",
         "1998-08-14"),
    Case("The minister said he had met the envoy on Monday.", WED, "Monday", "DATE",
         "1998-08-10"),
    Case("The exchange has kept trading suspended until Friday.", WED, "Friday", "DATE",
         "1998-08-14"),
    Case("The talks collapsed last Friday.", WED, "last Friday", "DATE", "1998-08-07"),
    Case("Shares fell on Aug. 3 after a rally the previous Friday.", WED,
         "the previous Friday", "DATE", "1998-07-31"),
    Case("The president will travel next Monday.", WED, "next Monday", "DATE", "1998-08-17"),
    Case("Prices fell sharply today.", WED, "today", "DATE", "1998-08-12"),
    Case("Police arrested two men yesterday.", WED, "yesterday", "DATE", "1998-08-11"),
    Case("The results will be announced tomorrow.", WED, "tomorrow", "DATE", "1998-08-13"),
    Case("Fighting broke out again last week.", WED, "last week", "DATE", "1998-W32"),
    Case("The envoy arrives in Cairo this week.", WED, "this week", "DATE", "1998-W33"),
    Case("Talks resume next week.", WED, "next week", "DATE", "1998-W34"),
    Case("Exports rose 4 percent last month.", WED, "last month", "DATE", "1998-07"),
    Case("The plant will close next month.", WED, "next month", "DATE", "1998-09"),
    Case("Inflation has eased this year.", WED, "this year", "DATE", "1998"),
    Case("Profits doubled last year.", WED, "last year", "DATE", "1997"),
    Case("Elections are due next year.", WED, "next year", "DATE", "1999"),
    Case("The minister resigned earlier this month.", WED, "earlier this month", "DATE",
         "1998-08", "START"),
    Case("Sales slumped earlier this year.", WED, "earlier this year", "DATE", "1998", "START"),
    Case("The company was founded two years ago.", WED, "two years ago", "DATE", "1996"),
    Case("The ceasefire began three days ago.", WED, "three days ago", "DATE", "1998-08-09"),
    Case("The treaty was signed a year ago.", WED, "a year ago", "DATE", "1997"),
    Case("She left the country a week ago.", WED, "a week ago", "DATE", "1998-W32"),
    Case("The accord was signed about two years ago.", WED, "about two years ago", "DATE",
         "1996", "APPROX"),
    Case("Macron made overtures earlier in the week.", WED, "earlier in the week", "DATE",
         "1998-W33", "START"),
    Case("The court will rule by the end of the month.", WED, "the end of the month", "DATE",
         "1998-08", "END"),
    Case("Shares rose over the weekend.", WED, "the weekend", "DATE", "1998-W32-WE"),
    Case("The blast hit on Aug. 7. The next day, rescuers found more bodies.", WED,
         "The next day", "DATE", "1998-08-08"),
    Case("He was arrested on Monday and released the following day.", WED,
         "the following day", "DATE", "1998-08-11"),
    Case("The Dow rose 2 percent to end the day at 9,000.", WED, "the day", "DATE",
         "1998-08-12"),
    Case("Sales fell in July, compared with the same month a year ago.", WED,
         "the same month a year ago", "DATE", "1997-07"),
    # "The following month" counts from the month or day in discussion.
    Case("The firm was sold in March 1997. The following month, its chief resigned.", WED,
         "The following month", "DATE", "1997-04"),
    Case("The accord was signed on May 4. The previous month, fighting had flared.", WED,
         "The previous month", "DATE", "1998-04"),
    Case("The blast hit on Aug. 3, 1996, and the following week the army withdrew.", WED,
         "the following week", "DATE", "1996-W32"),
    # Xinhua's "the same period of 1997": the period in discussion, in the year named.
    Case("Exports rose 12 percent over the corresponding period of 1997.", WED,
         "the corresponding period", "DATE", "1997"),
    Case("Exports rose in the first quarter, against the same period of 1997.", WED,
         "the same period", "DATE", "1997-Q1"),
    Case("Exports rose 12 percent in June over the same month of 1996.", WED,
         "the same month", "DATE", "1996-06"),
    # "the year before" counts from the year in discussion, as "the previous year" does.
    Case("Output rose 5 percent in 1997, after falling the year before.", WED,
         "the year before", "DATE", "1996"),
    Case("Exports rose in March, after a drop the month before.", WED, "the month before",
         "DATE", "1998-02"),
    # AP's "a week ago Tuesday" is the Tuesday before last: the day, then the weeks.
    Case("The suspect was arrested a week ago Tuesday.", WED, "a week ago Tuesday", "DATE",
         "1998-08-04"),
    Case("The plant closed two weeks ago Sunday.", WED, "two weeks ago Sunday", "DATE",
         "1998-07-26"),
    Case("The vote will be held a week from Friday.", WED, "a week from Friday", "DATE",
         "1998-08-21"),
    Case("He arrived a week ago today.", WED, "a week ago today", "DATE", "1998-08-05"),
    # "since" starts a stretch that reaches the report: it looks back whatever the tense.
    Case("Stocks are 12 percent higher since Monday, dealers say.", OCT, "Monday", "DATE",
         "1998-10-19"),
]  # fmt: skip

PARTIAL_DATES = [
    Case("The visit was postponed to late September.", WED, "late September", "DATE",
         "1998-09", "END"),
    Case("The rebels seized the town in July.", WED, "July", "DATE", "1998-07"),
    Case("Parliament was dissolved in March.", WED, "March", "DATE", "1998-03"),
    Case("Elections will be held in November.", WED, "November", "DATE", "1998-11"),
    Case("The attack took place in December.", date(1998, 1, 20), "December", "DATE",
         "1997-12"),
    Case("The new law takes effect in January.", date(1998, 11, 20), "January", "DATE",
         "1999-01"),
    Case("The deal should be completed in October.", date(2009, 6, 5), "October", "DATE",
         "2009-10"),
    Case("The annual figures are published in March.", JAN, "March", "DATE", "1999-03"),
    Case("The bank collapsed on March 11.", WED, "March 11", "DATE", "1998-03-11"),
    Case("The fire started on Aug. 3.", WED, "Aug. 3", "DATE", "1998-08-03"),
    Case("The ban expires on Aug. 31.", WED, "Aug. 31", "DATE", "1998-08-31"),
    Case("The strike began on Dec. 28.", date(1999, 1, 5), "Dec. 28", "DATE", "1998-12-28"),
    Case("The summit will open on Jan. 4.", date(1998, 12, 20), "Jan. 4", "DATE",
         "1999-01-04"),
    Case("Earnings for the quarter ended Sept. 30 fell.", OCT, "Sept. 30", "DATE",
         "1998-09-30"),
    # "set" that made a record, not one that scheduled an event, looks back.
    Case("The Dow closed 70 points below the record high set on Aug. 6.", date(1998, 2, 6),
         "Aug. 6", "DATE", "1997-08-06"),
    Case("The offensive began in early July.", WED, "early July", "DATE", "1998-07", "START"),
    Case("A vote is planned for mid-September.", WED, "mid-September", "DATE", "1998-09",
         "MID"),
    # The end of a span ("until", "through") is not dated by the tense of its start; a date
    # a change is "effective" from is the one ahead.
    Case("Regulators gave the company until mid-November.", OCT, "mid-November", "DATE",
         "1998-11", "MID"),
    Case("The banks extended the credit line through January.", OCT, "January", "DATE",
         "1999-01"),
    Case("The bank named a new chairman, effective Feb. 1.", OCT, "Feb. 1", "DATE",
         "1999-02-01"),
    Case("The union signed a wage pact effective June 1.", OCT, "June 1", "DATE",
         "1999-06-01"),
    Case("Xinhua says the price of rice is stable since March.", OCT, "March", "DATE",
         "1998-03"),
    Case("Rainfall is below normal since the end of November.", OCT, "the end of November",
         "DATE", "1997-11", "END"),
]  # fmt: skip

FULL_DATES = [
    # "next"/"last" before a month and day: that day's next or last occurrence.
    Case("The new law will take effect next Jan. 1.", WED, "next Jan. 1", "DATE",
         "1999-01-01"),
    Case("The tax break expired last Sept. 30.", WED, "last Sept. 30", "DATE", "1997-09-30"),
    Case("The 50th anniversary falls on Oct. 1 next year.", WED, "Oct. 1 next year", "DATE",
         "1999-10-01"),
    Case("The bombings of Aug. 7, 1998 killed 224 people.", WED, "Aug. 7, 1998", "DATE",
         "1998-08-07"),
    Case("It was signed on 7 August 1998.", WED, "7 August 1998", "DATE", "1998-08-07"),
    Case("The project began in August 1997.", WED, "August 1997", "DATE", "1997-08"),
    Case("The plant opened in 1996.", WED, "1996", "DATE", "1996"),
    Case("Beijing will host the games in the year 2008.", WED, "the year 2008", "DATE",
         "2008"),
    Case("Iraq invaded Kuwait on Thursday, Aug. 2, 1990.", WED, "Aug. 2, 1990", "DATE",
         "1990-08-02"),
    Case("The filing is dated 1998-07-30.", WED, "1998-07-30", "DATE", "1998-07-30"),
    # Years and days as broadcast transcripts spell them.
    Case("The dam was finished in nineteen eighty-six.", WED, "nineteen eighty-six", "DATE",
         "1986"),
    Case("A nineteen ninety-one law banned the trade.", WED, "nineteen ninety-one", "DATE",
         "1991"),
    Case("Talks resumed in January nineteen ninety-seven.", WED,
         "January nineteen ninety-seven", "DATE", "1997-01"),
    Case("Oil was cheap in the winter of nineteen ninety-four.", WED,
         "the winter of nineteen ninety-four", "DATE", "1994-WI"),
    Case("The plan runs to the year two thousand.", WED, "the year two thousand", "DATE",
         "2000"),
    Case("The rally took place on March eighth.", WED, "March eighth", "DATE", "1998-03-08"),
]  # fmt: skip

DURATIONS = [
    # Halves: of a count ("a decade and a half") and alone ("half a century").
    Case("He served as mayor for a decade and a half.", WED, "a decade and a half",
         "DURATION", "P15Y"),
    Case("The country has been independent for half a century.", WED, "half a century",
         "DURATION", "P50Y"),
    Case("The meeting lasted half an hour.", WED, "half an hour", "DURATION", "PT30M"),
    Case("The war lasted three years.", WED, "three years", "DURATION", "P3Y"),
    Case("The meeting lasted two hours.", WED, "two hours", "DURATION", "PT2H"),
    Case("Rescuers worked for 36 hours.", WED, "36 hours", "DURATION", "PT36H"),
    Case("The hearing took 30 minutes.", WED, "30 minutes", "DURATION", "PT30M"),
    Case("Talks dragged on for several months.", WED, "several months", "DURATION", "PXM"),
    Case("The strike lasted a few days.", WED, "a few days", "DURATION", "PXD"),
    Case("He served 18 months in prison.", WED, "18 months", "DURATION", "P18M"),
    Case("The vote came after a week of talks.", WED, "a week", "DURATION", "P1W"),
    Case("Prices have doubled over the past two decades.", WED, "the past two decades",
         "DURATION", "P20Y"),
    Case("Unemployment has fallen in the past five years.", WED, "the past five years",
         "DURATION", "P5Y"),
    Case("Exports will grow over the next two weeks.", WED, "the next two weeks", "DURATION",
         "P2W"),
    Case("Trade has grown fast in the past decade.", WED, "the past decade", "DURATION",
         "P10Y"),
    Case("The company lost money for a decade.", WED, "a decade", "DURATION", "P10Y"),
    Case("He signed a six-month contract.", WED, "six-month", "DURATION", "P6M"),
    Case("The agency began a 90-day review.", WED, "90-day", "DURATION", "P90D"),
    Case("The dispute has lasted more than two years.", WED, "more than two years",
         "DURATION", "P2Y", "MORE_THAN"),
    Case("The siege lasted nearly four months.", WED, "nearly four months", "DURATION",
         "P4M", "LESS_THAN"),
    Case("He was held for about three hours.", WED, "about three hours", "DURATION", "PT3H",
         "APPROX"),
    Case("The ban will last at least 20 years.", WED, "at least 20 years", "DURATION", "P20Y",
         "EQUAL_OR_MORE"),
    Case("Shares fell for six straight days.", WED, "six straight days", "DURATION", "P6D"),
    Case("Japan shrank for two consecutive quarters.", WED, "two consecutive quarters",
         "DURATION", "P2Q"),
    Case("It took months to rebuild the bridge.", WED, "months", "DURATION", "PXM"),
    Case("Police arrived within hours.", WED, "hours", "DURATION", "PTXH"),
]  # fmt: skip

SETS = [
    # A count or "other" in a set is its period: each two years, each two months.
    Case("The forum is held once every two years.", WED, "every two years", "SET", "P2Y"),
    Case("The talks have been held every other month.", WED, "every other month", "SET",
         "P2M"),
    Case("The board meets every Monday.", WED, "every Monday", "SET", "XXXX-WXX-1"),
    Case("The paper is published daily.", WED, "daily", "SET", "XXXX-XX-XX"),
    Case("The figures are released weekly.", WED, "weekly", "SET", "XXXX-WXX"),
    Case("The magazine appears monthly.", WED, "monthly", "SET", "XXXX-XX"),
    Case("Dues are paid annually.", WED, "annually", "SET", "XXXX"),
    Case("The committee meets each month.", WED, "each month", "SET", "P1M"),
    Case("Inspections take place every year.", WED, "every year", "SET", "P1Y"),
    Case("Trains leave every hour.", WED, "every hour", "SET", "PT1H"),
    Case("The festival is held every July.", WED, "every July", "SET", "XXXX-07"),
]  # fmt: skip

REFS = [
    Case("Prices are now lower than in spring.", WED, "now", "DATE", "PRESENT_REF"),
    Case("The company is currently negotiating.", WED, "currently", "DATE", "PRESENT_REF"),
    Case("Nowadays few people write letters.", WED, "Nowadays", "DATE", "PRESENT_REF"),
    Case("The firm recently opened an office.", WED, "recently", "DATE", "PAST_REF"),
    Case("Such attacks were rare in the past.", WED, "the past", "DATE", "PAST_REF"),
    Case("Talks will resume in the future.", WED, "the future", "DATE", "FUTURE_REF"),
    Case("A plan will be ready in the near future.", WED, "the near future", "DATE",
         "FUTURE_REF"),
    Case("The government will soon announce a plan.", WED, "soon", "DATE", "FUTURE_REF"),
    # "one day" as "at some time ahead" is an indefinite future, not a day-long stretch.
    Case("Officials hope the exiles will one day return home.", WED, "one day", "DATE",
         "FUTURE_REF"),
    Case("The astronaut hopes to one day fly to Mars.", WED, "one day", "DATE", "FUTURE_REF"),
    Case("Someday the border will reopen, the mayor said.", WED, "Someday", "DATE",
         "FUTURE_REF"),
    Case("The strike lasted one day.", WED, "one day", "DURATION", "P1D"),
]  # fmt: skip

PERIODS = [
    # "the fiscal year ended June 30" is a year-long stretch, as "the year ended" is.
    Case("The company reported a profit for the fiscal year ended June 30.", WED,
         "the fiscal year", "DURATION", "P1Y"),
    Case("Profits rose in the third quarter.", OCT, "the third quarter", "DATE", "1998-Q3"),
    Case("Sales fell in the fourth quarter.", JAN, "the fourth quarter", "DATE", "1998-Q4"),
    Case("Output will rise in the first quarter of 1999.", WED, "the first quarter of 1999",
         "DATE", "1999-Q1"),
    Case("Growth slowed this quarter.", WED, "this quarter", "DATE", "1998-Q3"),
    Case("Profit in the third quarter rose 5% from a year earlier.", OCT, "a year earlier",
         "DATE", "1997-Q3"),
    Case("Earnings improved in the second half of 1997.", WED, "the second half of 1997",
         "DATE", "1997-H2"),
    Case("The merger closed in the first half.", WED, "the first half", "DATE", "1998-H1"),
    Case("Exports rose 9 percent in the first half of this year.", WED,
         "the first half of this year", "DATE", "1998-H1"),
    Case("The plant will open in the spring of 1999.", WED, "the spring of 1999", "DATE",
         "1999-SP"),
    Case("Drought hit the region last summer.", DEC, "last summer", "DATE", "1998-SU"),
    Case("The budget for fiscal 1999 was cut.", WED, "fiscal 1999", "DATE", "1999"),
    Case("The budget for the 1999 fiscal year was approved.", WED, "fiscal year", "DATE",
         "1999"),
    Case("Revenue rose 8 percent in the 1998 financial year.", DEC, "financial year", "DATE",
         "1998"),
    Case("The party was founded in the 1990s.", date(2000, 1, 4), "the 1990s", "DATE", "199"),
    Case("Rock music changed in the '60s.", WED, "the '60s", "DATE", "196"),
    Case("Prices collapsed in the mid-1980s.", WED, "the mid-1980s", "DATE", "198", "MID"),
    Case("The boom of the early 1990s faded.", WED, "the early 1990s", "DATE", "199",
         "START"),
    Case("It was the bloodiest war of the 20th century.", WED, "the 20th century", "DATE",
         "19"),
]  # fmt: skip

TIMES_OF_DAY = [
    Case("The blast occurred at 10:30 a.m.", WED, "10:30 a.m.", "TIME", "1998-08-12T10:30"),
    Case("The shooting happened at 5 p.m. yesterday.", WED, "5 p.m. yesterday", "TIME",
         "1998-08-11T17:00"),
    Case("Troops entered the city at noon.", WED, "noon", "TIME", "1998-08-12T12:00"),
    Case("The quake struck at 14:30 GMT.", WED, "14:30 GMT", "TIME", "1998-08-12T14:30Z"),
    Case("Rebels attacked the town Saturday night.", WED, "Saturday night", "TIME",
         "1998-08-08TNI"),
    Case("He was seen on Tuesday evening.", WED, "Tuesday evening", "TIME", "1998-08-11TEV"),
    Case("The announcement came this morning.", WED, "this morning", "TIME",
         "1998-08-12TMO"),
    Case("He will speak tonight.", WED, "tonight", "TIME", "1998-08-12TNI"),
    Case("Trading halted at 0800 UTC Monday.", WED, "0800 UTC Monday", "TIME",
         "1998-08-10T08:00Z"),
    Case("The session ended at 14:30.", WED, "14:30", "TIME", "1998-08-12T14:30"),
    # A time that names no day is on the day its sentence names, not the report's.
    Case("The truck exploded at 10:40 a.m. (0740 GMT) on Friday.", WED, "10:40 a.m.", "TIME",
         "1998-08-07T10:40"),
    Case("The truck exploded at 10:40 a.m. (0740 GMT) on Friday.", WED, "0740 GMT", "TIME",
         "1998-08-07T07:40Z"),
    Case("The jet took off on Monday from Toulouse at 08:15 UTC.", WED, "08:15 UTC", "TIME",
         "1998-08-10T08:15Z"),
    Case("At a briefing at 16:00 UTC, Aug. 3, the mayor spoke.", WED, "16:00 UTC", "TIME",
         "1998-08-03T16:00Z"),
    Case("The curfew began on Aug. 9 at midnight.", WED, "midnight", "TIME",
         "1998-08-09T24:00"),
    Case("Rebels shelled the port on Sunday, and in the evening the navy answered.", WED,
         "the evening", "TIME", "1998-08-09TEV"),
    # In a sentence that names no day, the day last named before it.
    Case("Rebels attacked the village on Sunday. In the evening, troops arrived.", WED,
         "the evening", "TIME", "1998-08-09TEV"),
    Case("The central bank acted on Monday. Shares rose in morning trading but fell later "
         "in the day.", WED, "morning", "TIME", "1998-08-10TMO"),
    Case("The central bank acted on Monday. Shares rose in morning trading but fell later "
         "in the day.", WED, "the day", "DATE", "1998-08-10"),
    # The day the sentence names, wherever it stands, even when the parser cuts the
    # sentence after "a.m."; a day given with the bracketed GMT time is that time's own.
    Case("The blast occurred at 10:40 a.m. local time (0740 GMT) yesterday.",
         date(1998, 8, 9), "10:40 a.m. local time", "TIME", "1998-08-08T10:40"),
    Case("The bomb exploded at 10:40 a.m. local time (0740 GMT) Friday, killing 12.", WED,
         "10:40 a.m. local time", "TIME", "1998-08-07T10:40"),
    Case("The plane crashed at 8:30 p.m. Beijing time (1230 GMT) Sunday.", WED,
         "8:30 p.m. Beijing time", "TIME", "1998-08-09T20:30"),
    Case("The quake struck at 3:15 a.m. (1915 GMT Monday) on Tuesday.", WED, "3:15 a.m.",
         "TIME", "1998-08-11T03:15"),
    Case("The president spoke on Tuesday at 9 p.m. (0100 GMT Wednesday).", WED, "9 p.m.",
         "TIME", "1998-08-11T21:00"),
]  # fmt: skip

MODIFIERS = [
    # "about", "around" before a clock time belong to it, as before a duration (APPROX).
    Case("The bomb went off at about 11 p.m. Saturday.", WED, "11 p.m.", "TIME",
         "1998-08-08T23:00", "APPROX"),
    Case("Police arrived around 7:15 p.m.", WED, "7:15", "TIME", "1998-08-12T19:15",
         "APPROX"),
    Case("Construction began in early 1997.", WED, "early 1997", "DATE", "1997", "START"),
    Case("The plant will close in late 1999.", WED, "late 1999", "DATE", "1999", "END"),
    Case("Shares peaked in mid-1997.", WED, "mid-1997", "DATE", "1997", "MID"),
    Case("The work will be done by the end of the year.", WED, "the end of the year", "DATE",
         "1998", "END"),
    Case("The accord was reached at the end of 1997.", WED, "the end of 1997", "DATE",
         "1997", "END"),
    Case("A new plant opens early next year.", WED, "early next year", "DATE", "1999",
         "START"),
    # On a point counted back, a comparative says on which side of it the time lies.
    Case("The crisis began more than a decade ago.", WED, "more than a decade ago", "DATE",
         "198", "BEFORE"),
    Case("The party was founded less than a year ago.", WED, "less than a year ago", "DATE",
         "1997", "AFTER"),
    Case("Profits slumped late last year.", WED, "late last year", "DATE", "1997", "END"),
    Case("He spoke at his annual year-end press conference.", WED, "year-end", "DATE", "1998",
         "END"),
    Case("The index is up 8 percent since year-end.", OCT, "year-end", "DATE", "1997-12-31"),
]  # fmt: skip

HOLIDAYS = [
    # A named holiday is the day it falls on, in the year the tense and distance point to.
    Case("Shops were busy ahead of Christmas.", date(1998, 12, 20), "Christmas", "DATE",
         "1998-12-25"),
    Case("The ceasefire began on New Year's Day.", date(1999, 1, 3), "New Year's Day", "DATE",
         "1999-01-01"),
    Case("The bombing on Christmas Eve killed 20 people.", WED, "Christmas Eve", "DATE",
         "1997-12-24"),
    Case("Troops will be home by Christmas.", WED, "Christmas", "DATE", "1998-12-25"),
    Case("Families gathered for Thanksgiving.", date(1998, 11, 30), "Thanksgiving", "DATE",
         "1998-11-26"),
    Case("The pope will say Mass on Easter Sunday.", date(1999, 3, 20), "Easter Sunday",
         "DATE", "1999-04-04"),
    Case("Exports rose before Christmas 1997.", WED, "Christmas 1997", "DATE", "1997-12-25"),
    Case("The attack came on Memorial Day.", date(1998, 6, 1), "Memorial Day", "DATE",
         "1998-05-25"),
]  # fmt: skip

RANGES = [
    # Each end of a range is a time of its own, as in "from 1996 to 2000" and "between
    # March and May", whether a hyphen or a slash joins them.
    Case("Output grew 5 percent a year in 1996-2000.", WED, "1996", "DATE", "1996"),
    Case("Output grew 5 percent a year in 1996-2000.", WED, "2000", "DATE", "2000"),
    Case("He played in the 1998-99 season.", WED, "-99", "DATE", "1999"),
    Case("Imports fell in the 1997/98 fiscal year.", WED, "/98", "DATE", "1998"),
    Case("Exports rose 8 percent in the January-September period.", OCT, "January", "DATE",
         "1998-01"),
    Case("Exports rose 8 percent in the January-September period.", OCT, "September", "DATE",
         "1998-09"),
    Case("Sales should rise in the October-December quarter.", WED, "October-December",
         "DATE", "1998-Q4"),
    Case("The festival runs Aug. 14-16 in Edinburgh.", WED, "-16", "DATE", "1998-08-16"),
    Case("The process would take between 60 and 90 days.", WED, "60", "DURATION", "P60D"),
    Case("The meeting will be held from Aug. 24 to 28.", WED, "28", "DATE", "1998-08-28"),
    Case("The fair runs Sept. 1 through 5, organizers said.", WED, "5", "DATE", "1998-09-05"),
    # A half of something other than a year is not the year's half.
    Case("Prices rose in the second half of the 1990s.", WED, "the second half of the 1990s",
         "DATE", "199"),
]  # fmt: skip

STORY = (
    "NEW YORK -- Maria Lopez opened her first bakery in Queens on March 3, 1995. That day she "
    "sold 40 loaves. The next day she sold 80, and that week the line went around the block. "
    "In June 1996 she opened a second shop. That month her husband quit his job, and the "
    "following month they hired two bakers. That year the business made its first profit. "
    "On Oct. 8, 1997, a fire closed the first shop. The same day, neighbors offered their "
    "ovens. The following week the shop reopened. This year she expects to open a third "
    "shop. Last year sales rose 20 percent. Next month she will travel to Paris. Now she "
    "employs 30 people. Today the bakery is a landmark, and she currently sells 2,000 loaves."
)
"""A feature story over several narrative dates: the anaphoric expressions take the date
in discussion, the deictic ones the report's (TIMEX3 guidelines, anchorTimeID)."""
XINHUA_DAY_BEFORE = (
    "BEIJING, December 31 (Xinhua) -- Exports rose 8 percent, officials said. The same "
    "day, imports fell. The ministry said today that the figures were released yesterday."
)
"""A Xinhua dateline a day before the document date (2000-01-01): the dateline is the day
in discussion, "today" and "yesterday" stay on the document date."""
JAN1 = date(2000, 1, 1)

NARRATIVE = [
    Case(STORY, WED, "March 3, 1995", "DATE", "1995-03-03"),
    Case(STORY, WED, "That day", "DATE", "1995-03-03"),
    Case(STORY, WED, "The next day", "DATE", "1995-03-04"),
    Case(STORY, WED, "that week", "DATE", "1995-W09"),
    Case(STORY, WED, "That month", "DATE", "1996-06"),
    Case(STORY, WED, "following month", "DATE", "1996-07"),
    Case(STORY, WED, "That year", "DATE", "1996"),
    Case(STORY, WED, "The same day", "DATE", "1997-10-08"),
    Case(STORY, WED, "The following week", "DATE", "1997-W42"),
    Case(STORY, WED, "This year", "DATE", "1998"),
    Case(STORY, WED, "Last year", "DATE", "1997"),
    Case(STORY, WED, "Next month", "DATE", "1998-09"),
    Case(STORY, WED, "Now", "DATE", "PRESENT_REF"),
    Case(STORY, WED, "Today", "DATE", "1998-08-12"),
    Case(STORY, WED, "currently", "DATE", "PRESENT_REF"),
    Case("On June 5, 1996, the plant closed. That night the workers marched.", WED,
         "That night", "TIME", "1996-06-05TNI"),
    Case("The blast hit on Aug. 3, 1996. That evening the army withdrew.", WED,
         "That evening", "TIME", "1996-08-03TEV"),
    Case("The firm was founded in 1985. By the end of that decade it had 5,000 staff.", WED,
         "that decade", "DATE", "198", "END"),
    Case("She opened a bakery on March 3, 1995. Late that year she opened another.", WED,
         "that year", "DATE", "1995", "END"),
    Case("On June 5, 1996, the plant closed. The next day he resigned.", WED, "The next day",
         "DATE", "1996-06-06"),
    Case(XINHUA_DAY_BEFORE, JAN1, "December 31", "DATE", "1999-12-31"),
    Case(XINHUA_DAY_BEFORE, JAN1, "today", "DATE", "2000-01-01"),
    Case(XINHUA_DAY_BEFORE, JAN1, "same day", "DATE", "1999-12-31"),
    Case(XINHUA_DAY_BEFORE, JAN1, "yesterday", "DATE", "1999-12-31"),
]  # fmt: skip

ELECTION_YEAR = date(2016, 3, 9)
"""A Wednesday of an election year's primary season, for web-copy forms."""

WEB_COPY = [
    # "over" before a span an amount is spread across is the preposition, not "more than".
    Case("The bill trims $3 trillion from deficits over the next decade.", ELECTION_YEAR,
         "the next decade", "DURATION", "P10Y"),
    Case("The fund will award grants of 40,000 over three years.", ELECTION_YEAR, "three years",
         "DURATION", "P3Y"),
    Case("She has coached the team for over 12 years.", ELECTION_YEAR, "12 years",
         "DURATION", "P12Y", "MORE_THAN"),
    # A month "of that year" lies in the year in discussion.
    Case("The governor took office in March 2011 and vetoed the bill in May of that year.",
         ELECTION_YEAR, "May of that year", "DATE", "2011-05"),
    Case("An early-June survey had put him ahead.", ELECTION_YEAR, "early-June", "DATE",
         "2015-06", "START"),
    Case("The town marked a half-century of self-rule.", ELECTION_YEAR, "half-century",
         "DURATION", "P50Y"),
    Case("Volunteers knock on doors every single day.", ELECTION_YEAR, "every single day",
         "SET", "P1D"),
    Case("The agency every fiscal year reports its caseload.", ELECTION_YEAR,
         "every fiscal year", "SET", "P1Y"),
    Case("Years later, the mill reopened.", ELECTION_YEAR, "Years", "DURATION", "PXY"),
    Case("She moved to the capital a few weeks back.", ELECTION_YEAR, "a few weeks back",
         "DATE", "PAST_REF"),
    Case("He first ran for the seat two years back.", ELECTION_YEAR, "two years back", "DATE",
         "2014"),
    # A date hanging on a plan is when the plan is carried out.
    Case("The rally drew crowds, along with plans for a march on Saturday.", ELECTION_YEAR,
         "Saturday", "DATE", "2016-03-12"),
    # US Election Day: the Tuesday after the first Monday in November.
    Case("Ballots will be counted on Election Day.", ELECTION_YEAR, "Election Day", "DATE",
         "2016-11-08"),
    Case("He conceded on Election Day 2012.", ELECTION_YEAR, "Election Day 2012", "DATE",
         "2012-11-06"),
    Case("Shoppers queued on Black Friday.", ELECTION_YEAR, "Black Friday", "DATE",
         "2015-11-27"),
    # A range across two months: each end a day of its own.
    Case("The poll was taken Feb. 27-March 2.", ELECTION_YEAR, "Feb. 27", "DATE", "2016-02-27"),
    Case("The poll was taken Feb. 27-March 2.", ELECTION_YEAR, "March 2", "DATE", "2016-03-02"),
    Case("The survey was conducted Feb. 24 to 28 on landlines.", ELECTION_YEAR, "28", "DATE",
         "2016-02-28"),
    Case("Polls in the state close at 7 p.m. ET.", ELECTION_YEAR, "7 p.m.", "TIME",
         "2016-03-09T19:00"),
    # A title-case headline capitalizes every word: its times stay times.
    Case("Protesters Target Senator At Tonight's Rally", ELECTION_YEAR, "Tonight", "TIME",
         "2016-03-09TNI"),
    Case("Today, the House votes on the bill.", ELECTION_YEAR, "Today", "DATE", "2016-03-09"),
    # What one is asked, urged or poised to do, or should do, is not yet done: ahead.
    Case("Democrats called for the president to cancel the Monday summit.", ELECTION_YEAR,
         "Monday", "DATE", "2016-03-14"),
    Case("She urged him to raise the matter at Monday's meeting.", ELECTION_YEAR, "Monday",
         "DATE", "2016-03-14"),
    Case("Democrats, poised to take control of the chamber on Thursday, refused to yield.",
         ELECTION_YEAR, "Thursday", "DATE", "2016-03-10"),
    Case("The president asked the leaders to come back on Friday.", ELECTION_YEAR, "Friday",
         "DATE", "2016-03-11"),
    Case("Republicans avoided saying whether he should skip Monday's meeting.", ELECTION_YEAR,
         "Monday", "DATE", "2016-03-14"),
    Case("He wrote that the talks on Monday should not go ahead.", ELECTION_YEAR, "Monday",
         "DATE", "2016-03-14"),
    Case("He should have voted on Monday.", ELECTION_YEAR, "Monday", "DATE", "2016-03-07"),
    # A year's end told in the past early in January is the year just ended; "the year" a
    # quarter is "of" is that quarter's year.
    Case("The campaign had $9 million left at year's end, its filing showed.", JAN,
         "year's end", "DATE", "1998", "END"),
    Case("The firm will hire more staff by the end of the year.", JAN, "the end of the year",
         "DATE", "1999", "END"),
    Case("Sales fell in the third quarter of the year, the company said.", JAN, "the year",
         "DATE", "1998"),
    # "another" counts one more unit.
    Case("The two sides wasted another week.", ELECTION_YEAR, "another week", "DURATION",
         "P1W"),
    Case("The loan bought the mill another year.", ELECTION_YEAR, "another year", "DURATION",
         "P1Y"),
    # A look back from the day in discussion leaves it the day in discussion.
    Case("Stocks closed higher on Friday. The euro rose to $1.12 from $1.11 the day before, "
         "and the pound rose to $1.32 from $1.31 the previous day.", ELECTION_YEAR,
         "the previous day", "DATE", "2016-03-03"),
    Case("Stocks closed higher on Friday. The euro rose to $1.12 from $1.11 the day before.",
         ELECTION_YEAR, "the day before", "DATE", "2016-03-03"),
    # "over" before an unstated count is the preposition, not "more than".
    Case("Despite requests over several weeks, the office has not replied.", ELECTION_YEAR,
         "several weeks", "DURATION", "PXW"),
    Case("Prices have risen over many years.", ELECTION_YEAR, "many years", "DURATION",
         "PXY"),
    # A past form after "if" under "would" supposes what is still to come.
    Case("He was asked how trade would fare if he won the election on Nov. 8.", ELECTION_YEAR,
         "Nov. 8", "DATE", "2016-11-08"),
    Case("She said she would resign if the board voted against her on Friday.",
         ELECTION_YEAR, "Friday", "DATE", "2016-03-11"),
    Case("He would have resigned if the board had voted on Friday.", ELECTION_YEAR,
         "Friday", "DATE", "2016-03-04"),
    # "the weeks ahead", "the days and weeks ahead": a stretch of unstated length, as TimeBank
    # writes "the weeks ahead" (PXW; "the coming weeks" stays FUTURE_REF).
    Case("The caucus will pick a leader in the weeks ahead.", ELECTION_YEAR,
         "the weeks ahead", "DURATION", "PXW"),
    Case("Aides will tour the state in the days and weeks ahead.", ELECTION_YEAR,
         "the days and weeks ahead", "DURATION", "PXD"),
    Case("She booked the hall months ahead of the vote.", ELECTION_YEAR, "months",
         "DURATION", "PXM"),
    # A quarter of a unit, as "a half-century".
    Case("His quarter-century on the bench ends this spring.", ELECTION_YEAR,
         "quarter-century", "DURATION", "P25Y"),
    Case("The speech lasted a quarter hour.", ELECTION_YEAR, "a quarter hour", "DURATION",
         "PT15M"),
    # "more than" after an amount compares the amount, not the time.
    Case("Donations reached $9 million, $2 million more than a year ago.", ELECTION_YEAR,
         "a year ago", "DATE", "2015"),
    Case("The plant closed more than a year ago.", ELECTION_YEAR, "a year ago", "DATE",
         "2015", "BEFORE"),
    # A date in a gerund after "since" is when the stretch began: behind the report.
    Case("The mayor has stayed popular since taking office in the fall.", ELECTION_YEAR,
         "the fall", "DATE", "2015-FA"),
    Case("The governor will campaign this fall in Ohio.", ELECTION_YEAR, "this fall", "DATE",
         "2016-FA"),
    # "the next month" told in the past counts from the month in discussion, as "the following".
    Case("The council voted in September. The next month, a former aide sued.", ELECTION_YEAR,
         "The next month", "DATE", "2015-10"),
    Case("The agency will report in the next month.", ELECTION_YEAR, "the next month", "DATE",
         "2016-04"),
    # "hoped to" reads as "hope to" (the lemmatizer takes "hoped" for "hop"): it lies ahead.
    Case("Leaders hoped to pass the bill on Friday.", ELECTION_YEAR, "Friday", "DATE",
         "2016-03-11"),
    Case("Leaders are hoping to pass the bill on Friday.", ELECTION_YEAR, "Friday", "DATE",
         "2016-03-11"),
    # A day range's end before a dash.
    Case("The survey ran Feb. 2-9 \u2014 a week of calls.", ELECTION_YEAR, "9", "DATE",
         "2016-02-09"),
]  # fmt: skip

NOT_TIMES = [
    ("He told NBC's Today show that he would run.", "Today"),
    ('The senator told "Today" on Monday that he would run.', "Today"),
    ("She told ABC's This Week that she would not run.", "This Week"),
    ("The story ran in the Yale Daily News.", "Daily"),
    ("The magazine named her Person of the Year.", "Year"),
    ("Current and former aides testified.", "Current"),
    ("Former and current staff signed the letter.", "current"),
    ("The cuts would fall on current and future retirees.", "current"),
    ("Nearly a quarter of voters were undecided.", "quarter"),
    ("About a quarter of the agencies closed.", "quarter"),
    ("Just under a quarter, 24 percent, said they were undecided.", "quarter"),
    ("Roughly a quarter (27 percent) backed the plan.", "quarter"),
    ("Soon afterward, the senator left.", "Soon"),
    ("Aides spent the day Monday drafting a reply.", "the day"),
    ('The senator said on "Fox News Sunday" that he would vote no.', "Sunday"),
    ("Titled \u201cA Very Merry Christmas,\u201d the ad ran statewide.", "Christmas"),
    ("He starred in \u201cHow the Grinch Stole Christmas,\u201d among others.", "Christmas"),
    ("The party has lost four of the past six elections.", "the past"),
    ("Each of the past three governors vetoed it.", "the past"),
    ("Traders blamed this fall in demand for the loss.", "fall"),
    ("The fall of the regime surprised the envoys.", "fall"),
]
"""Names and words that are no time expression (TIMEX3 leaves names out): a show, paper or
award named with a time word, the last word of a title in quotes, a standing ("current and
former", "current and future"), a fraction ("a quarter of voters"), "soon" before
"afterward", "the day" before the weekday that dates it, "the past" before a count of
something else ("the past six elections"), and "fall" as a decline ("this fall in demand")."""

TABLE = {
    "weekday and relative day": WEEKDAYS_AND_RELATIVE_DAYS,
    "partial date": PARTIAL_DATES,
    "full date": FULL_DATES,
    "duration": DURATIONS,
    "set": SETS,
    "present/past/future ref": REFS,
    "quarter/season/fiscal/half/decade": PERIODS,
    "time of day": TIMES_OF_DAY,
    "holiday": HOLIDAYS,
    "modifier": MODIFIERS,
    "range": RANGES,
    "narrative anchoring": NARRATIVE,
    "web copy": WEB_COPY,
}
CASES = [pytest.param(c, id=f"{name}: {c.expr}") for name, cases in TABLE.items() for c in cases]


def found_at(case: Case) -> TimeExpr | None:
    """The expression found over the first occurrence of `case.expr`, if any."""
    start = case.text.index(case.expr)
    end = start + len(case.expr)
    for t in extract_times(nlp.load()(case.text), case.ref):
        if t.start < end and start < t.end:
            return t
    return None


@pytest.mark.parametrize("case", CASES)
def test_timex3_value(case: Case) -> None:
    got = found_at(case)
    assert got is not None, f"{case.expr!r} not found in {case.text!r}"
    assert (got.type, got.value, got.mod) == (case.type, case.value, case.mod), got


def test_every_category_has_several_cases() -> None:
    assert all(len(cases) >= 5 for cases in TABLE.values())


@pytest.mark.parametrize(("text", "expr"), NOT_TIMES)
def test_no_timex(text: str, expr: str) -> None:
    start = text.index(expr)
    end = start + len(expr)
    found = extract_times(nlp.load()(text), ELECTION_YEAR)
    assert not [t for t in found if t.start < end and start < t.end], found


def test_named_day_is_a_date_without_a_value() -> None:
    """ "Super Tuesday" is a day known by name: a DATE (TimeML annotates it), but not the
    Tuesday nearest the report, and the text does not give its date."""
    text = "He swept the South on Super Tuesday."
    (found,) = extract_times(nlp.load()(text), ELECTION_YEAR)
    assert (found.text, found.type, found.value) == ("Super Tuesday", "DATE", None)
    assert found.reason


def test_us_zone_joins_its_clock_time() -> None:
    """ "7 p.m. ET": the zone is part of the expression, as "7 p.m. EST" is."""
    text = "Polls in the state close at 7 p.m. ET, and counting starts at once."
    (found,) = extract_times(nlp.load()(text), ELECTION_YEAR)
    assert found.text == "7 p.m. ET"
