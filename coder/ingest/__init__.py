"""Reading input articles: .txt files, JSON Lines (plain or gzip), directories, URLs and stdin."""
from coder.ingest.boilerplate import boilerplate_spans, classify_line
from coder.ingest.dates import parse_header_date, parse_published
from coder.ingest.read import read_inputs
from coder.ingest.txt import parse_txt

__all__ = ["boilerplate_spans", "classify_line", "parse_header_date", "parse_published", "parse_txt",
           "read_inputs"]
