"""Event dates from the phrases news uses ("on Wednesday", "last week", "before the March 5 ceasefire").

find_dates() locates the phrases in a sentence (compiled regexes from patterns.yaml, microseconds
per sentence); resolve() turns one into an ACLED-style date interval relative to the publication
date; publication_default() is the fallback when a sentence gives no date; parse_date_line() reads
the publication date from an article's header lines. See README.md in this folder for the rules.
"""
from coder.dates.dateline import parse_date_line
from coder.dates.find import find_dates
from coder.dates.lexicon import DatePatternError
from coder.dates.model import DateMention, ResolvedDate
from coder.dates.resolve import publication_default, resolve

__all__ = [
    "DateMention", "ResolvedDate", "DatePatternError",
    "find_dates", "resolve", "publication_default", "parse_date_line",
]
