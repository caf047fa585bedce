"""Every safety limit in one place (as trafilatura keeps its "safety checks")."""

MAX_DOCUMENT_BYTES = 8 * 1024 * 1024
"""A single .txt/.html document, a JSONL row or a downloaded page larger than this is refused."""

BINARY_SNIFF_BYTES = 8192
"""How much of a file is read to decide whether it is binary."""

HTTP_TIMEOUT_S = 15.0
"""Connect/read timeout for a URL or a feed."""

HTTP_MAX_REDIRECTS = 5
"""Redirects followed before a URL is refused."""

HTTP_USER_AGENT = "newsfuse/0.1 (+https://github.com/newsfuse/newsfuse)"

MAX_FEED_ENTRIES = 500
"""Entries read from one feed."""

SUPPORTED_SUFFIXES = (
    ".txt",
    ".text",
    ".html",
    ".htm",
    ".xhtml",
    ".jsonl",
    ".ndjson",
    ".rss",
    ".atom",
    ".xml",
)
"""What a directory walk picks up (each may also end in .gz)."""
