"""clean: the article body, title, date, site and URL, without page chrome.

HTML goes through trafilatura (main text and metadata; htmldate finds the date). Plain text that was
scraped from a page keeps some chrome: donation widgets ("0 $", "2,500 $"), link markers ("LINK",
"Read more"), share/subscribe/donate footers and the title printed twice above the body. Those are
removed by rules on the shape of lines, not by any site's strings. Plain text with none of that comes
back character for character, so that offsets given by the caller still hold.
"""
from __future__ import annotations

import collections
import logging
import re

import trafilatura

from ..article import Article
from ..boilerplate import LineModel
from ..errors import InputError

logger = logging.getLogger(__name__)

# A link marker standing alone, or after a sentence's end on the same line.
_MARKERS = r"(?:LINK|\[LINK\]|\(LINK\)|\[link\]|Read [Mm]ore|READ MORE|Continue [Rr]eading|Click [Hh]ere|Source [Ll]ink)"
_MARKER_LINE = re.compile(rf"^\s*{_MARKERS}\.?\s*$")
_TRAILING_MARKER = re.compile(rf"(?<=[.!?\"”’')\]…])[ \t]+{_MARKERS}\.?(?=[ \t]*\r?$)")
# A link to another story: "Read also: Caesar Act to become law", "ALSO READ | ...", "Related stories:".
_LINK_LINE = re.compile(r"^\s*(?:read (?:also|more)|also read|see also|related(?: stories| articles| posts| news)?|"
                        r"more (?:from|on this)|recommended)\b\s*(?:[:|\-–—]|$|(?=(?-i:[A-Z'\"‘“])))", re.I)
_MAX_LINK_WORDS = 30
_STANDALONE_CHROME = re.compile(r"^\s*(?:advertisement|sponsored content|skip to (?:main )?content)\s*$", re.I)
# Calls to action that end (or open) scraped pages.
_CALL_TO_ACTION = re.compile(
    r"\b(?:donat(?:e|ion|ions)|consider (?:helping|supporting)|support (?:us|our)|help(?:ing)? us\b|"
    r"subscribe|newsletter|sign up|follow us|share (?:this|on)|(?:like|enjoy(?:ed)?) this (?:content|article|story|post)|"
    r"all rights reserved|copyright\b|©|click to (?:share|print|email)|related (?:posts|articles|stories)|"
    r"leave a (?:comment|reply)|tags?:)",
    re.I,
)
_CURRENCY = re.compile(r"[$€£¥₹]")
_LETTER = re.compile(r"[^\W\d_]")
_MAX_CHROME_WORDS = 20
# A line of this many words inside the article's run is one of its paragraphs.
_MIN_PROSE_WORDS = 40
_MAX_TITLE_WORDS = 30
_MIN_TITLE_WORDS = 3
# The title of a scraped page is looked for among this many chrome lines above its article, and
# shares at least this share of its words with the article.
_TITLE_REACH = 12
_TITLE_MIN_SHARED = 0.4
# The line model reads pages of up to this many lines (about 2 s; the scraped dev pages have at most
# 652): a text longer than that is no page a scraper copied, and the model's time grows with it.
_MAX_MODEL_LINES = 20_000
_MIN_OUTSIDE_CHROME = 2
_BRACKETED_NOTE = re.compile(r"^(?:\[[^\[\]]*\]|\([^()]*\))$")
_MAX_NOTE_WORDS = 8
# Inside the prose, a text is a page when this many lines, and this share of its lines, read as
# chrome and end no sentence: more than the subheadings of an article.
_MIN_PAGE_CHROME = 3
_MIN_PAGE_CHROME_SHARE = 0.25
_WORDS = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?。！？…]['\"”’)\]»」』]*$")


class Clean:
    """Fills article.text, title, published, source_name and url from article.input."""

    def __call__(self, article: Article) -> None:
        doc = article.input
        article.title, article.published, article.url = doc.title, doc.published, doc.url
        article.source_name = doc.source_name
        if doc.html is not None:
            self._from_html(article, doc.html)
        else:
            article.text, found_title = clean_text(doc.text or "")
            article.title = article.title or found_title
        article.published = article.published or doc.fetched
        if not article.text.strip():
            raise InputError("no article text was found in the document")

    def _from_html(self, article: Article, html: str) -> None:
        extracted = trafilatura.bare_extraction(
            html, url=article.url, include_comments=False, with_metadata=True
        )
        text = extracted.text if extracted is not None else None
        if not text:
            # trafilatura found no article body: keep whatever visible text the page has; markup too
            # deep for the HTML parser (it stops at a nesting depth) is stripped of its tags instead.
            text = trafilatura.html2txt(html) or _strip_tags(html)
            article.warnings.append("no main article body found in the HTML; all visible text was kept")
        article.text = text
        if extracted is not None:
            article.title = article.title or extracted.title
            article.published = article.published or _iso_day(extracted.date)
            article.source_name = article.source_name or extracted.sitename
            article.url = article.url or extracted.url


def _strip_tags(html: str) -> str:
    text = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", " ", html)
    text = re.sub(r"<[^>]*>", " ", text)
    return " ".join(text.split())


def _iso_day(value: str | None) -> str | None:
    return value[:10] if value and re.match(r"^\d{4}-\d{2}-\d{2}", value) else None


def clean_text(text: str) -> tuple[str, str | None]:
    """Plain text without page chrome, and the title found among its lines (or None)."""
    lines = text.split("\n")
    keep = [_strip_marker(line) for line in lines]
    drop = set(_edge_chrome(keep)) | {i for i, line in enumerate(keep) if _is_chrome_anywhere(line)}
    kept = [i for i in range(len(keep)) if i not in drop]
    title_index, repeats = _title_and_repeats(keep, kept)
    drop |= set(repeats)
    title = keep[title_index].strip() if title_index is not None else None
    page_chrome, page_title = _page_chrome(keep, [i for i in kept if i not in drop])
    if page_chrome:
        # on a page, the headline is the line above the article that shares its words, not
        # whatever line comes first (often the site's name)
        drop |= page_chrome
        title = page_title or title
    if not drop and keep == lines:
        return text, title
    cleaned = _join(keep[i] for i in range(len(keep)) if i not in drop)
    if not cleaned.strip():
        return text, None  # all of it looked like chrome: nothing told chrome from content, keep it all
    return cleaned, title


def _page_chrome(lines: list[str], kept: list[int]) -> tuple[set[int], str | None]:
    """The lines the line model reads as a page's chrome, and the page's title, when the text is a
    scraped page at all (see _is_page): an article's own short lines between paragraphs (a
    subheading, a figure) do not make it one, so that plain text without chrome comes back whole."""
    content = [i for i in kept if lines[i].strip()]
    if not 2 <= len(content) <= _MAX_MODEL_LINES:
        return set(), None
    reading = LineModel.shipped().content([lines[i] for i in content])
    chrome = {i for i, p in zip(content, reading) if p < LineModel.shipped().threshold}
    if len(chrome) == len(content):
        # nothing reads as the article: keep the lines read most like it
        chrome = {i for i, p in zip(content, reading) if p < reading.max() / 2}
    if not _is_page(lines, content, chrome):
        return set(), None
    chrome -= _prose_inside(lines, content, chrome)
    chrome |= {i for i in content if _is_bracketed_note(lines[i])}
    return chrome | _repeated(lines, [i for i in content if i not in chrome]), _page_title(lines, content, chrome)


def _prose_inside(lines: list[str], content: list[int], chrome: set[int]) -> set[int]:
    """Long lines read as chrome that stand between the article's own lines (a long quotation the
    model misreads): a page's chrome surrounds its article, it does not interrupt it with paragraphs."""
    article = [i for i in content if i not in chrome]
    if not article:
        return set()
    return {i for i in chrome if article[0] < i < article[-1] and len(lines[i].split()) >= _MIN_PROSE_WORDS}


def _is_bracketed_note(line: str) -> bool:
    """A short line wholly in brackets that ends no sentence: a page's photo credit or media note
    ("[Photo: Reuters]", "(AP Photo)"), which the line model, reading it among paragraphs, may keep."""
    stripped = line.strip()
    return (bool(_BRACKETED_NOTE.match(stripped)) and len(stripped.split()) <= _MAX_NOTE_WORDS
            and not _SENTENCE_END.search(stripped[1:-1].strip()))


def _repeated(lines: list[str], kept: list[int]) -> set[int]:
    """Kept lines that repeat an earlier kept line: an article does not say a paragraph twice, a page
    that carries its article twice (a teaser above it, a second layout below) does."""
    seen, repeats = set(), set()
    for i in kept:
        key = _norm(lines[i])
        if key in seen:
            repeats.add(i)
        seen.add(key)
    return repeats


def _is_page(lines: list[str], content: list[int], chrome: set[int]) -> bool:
    """Whether chrome was found that no article has: lines read as chrome above the first sentence
    (other than a title line) or below the last one, or many lines read as chrome that end no
    sentence. One such line is not enough: a short text may open with a label or a figure."""
    sentences = [i for i in content if _SENTENCE_END.search(lines[i].strip())]
    if not sentences:
        return False
    outside = [i for i in chrome if i != content[0] and (i < sentences[0] or i > sentences[-1])]
    if len(outside) >= _MIN_OUTSIDE_CHROME:
        return True
    unfinished = [i for i in chrome if not _SENTENCE_END.search(lines[i].strip())]
    return len(unfinished) >= _MIN_PAGE_CHROME and len(unfinished) >= _MIN_PAGE_CHROME_SHARE * len(content)


def _page_title(lines: list[str], content: list[int], chrome: set[int]) -> str | None:
    """The headline among a page's chrome lines above its article: a line shaped like a headline,
    close above the article's first line, whose words the article uses (a site's name or a menu
    item shares few); a line the page repeats (the title tag and the heading) is preferred."""
    body_lines = [i for i in content if i not in chrome]
    if not body_lines:
        return None
    body_words = set(_WORDS.findall(" ".join(lines[i] for i in body_lines).casefold()))
    above = [i for i in content if i < body_lines[0] and i in chrome][-_TITLE_REACH:]
    counts = collections.Counter(_norm(lines[i]) for i in content)
    best, best_score = None, 0.0
    for rank, i in enumerate(reversed(above)):
        if not _looks_like_headline(lines[i]):
            continue
        words = set(_WORDS.findall(lines[i].casefold()))
        shared = len(words & body_words) / len(words)
        score = shared + 0.3 * (counts[_norm(lines[i])] > 1) - 0.02 * rank
        if shared >= _TITLE_MIN_SHARED and score > best_score:
            best, best_score = lines[i].strip(), score
    return best


def _looks_like_headline(line: str) -> bool:
    stripped = line.strip()
    words = stripped.split()
    return (_MIN_TITLE_WORDS <= len(words) <= _MAX_TITLE_WORDS and not stripped.endswith((".", ":", "|"))
            and not stripped[:1].islower() and bool(_LETTER.search(stripped)))


def _strip_marker(line: str) -> str:
    return "" if _MARKER_LINE.match(line) else _TRAILING_MARKER.sub("", line)


def _is_chrome_anywhere(line: str) -> bool:
    """Chrome that no body text looks like: a lone 'Advertisement', a widget amount ('2,500 $'), a link
    to another story ('Read also: ...')."""
    stripped = line.strip()
    if not stripped:
        return False
    if _STANDALONE_CHROME.match(stripped):
        return True
    if _LINK_LINE.match(stripped) and len(stripped.split()) <= _MAX_LINK_WORDS:
        return True
    return not _LETTER.search(stripped) and bool(_CURRENCY.search(stripped))


def _is_edge_chrome(line: str) -> bool:
    """At the head or tail of a page: short calls to action, and lines with no words at all."""
    stripped = line.strip()
    if not _LETTER.search(stripped):
        return True
    return len(stripped.split()) <= _MAX_CHROME_WORDS and bool(_CALL_TO_ACTION.search(stripped))


def _edge_chrome(lines: list[str]) -> list[int]:
    """Indices of chrome lines before the first and after the last line of content."""
    found = []
    for order in (range(len(lines)), range(len(lines) - 1, -1, -1)):
        for i in order:
            if not lines[i].strip():
                continue
            if not _is_edge_chrome(lines[i]):
                break
            found.append(i)
    return found


def _title_and_repeats(lines: list[str], kept: list[int]) -> tuple[int | None, list[int]]:
    """The headline line at the top, and the indices of its repeats right below it."""
    content = [i for i in kept if lines[i].strip()]
    if len(content) < 2:
        return None, []
    first = content[0]
    norm = _norm(lines[first])
    repeats = []
    for i in content[1:]:
        if _norm(lines[i]) != norm:
            break
        repeats.append(i)
    headline = lines[first].strip()
    followed_by_blank = first + 1 < len(lines) and not lines[first + 1].strip()
    looks_like_title = (len(headline.split()) <= _MAX_TITLE_WORDS and not headline.endswith(".")
                        and headline[:1].isupper())
    if looks_like_title and (repeats or followed_by_blank):
        return first, repeats
    return None, []


def _norm(line: str) -> str:
    return " ".join(line.split()).casefold()


def _join(lines) -> str:
    """Join kept lines, folding the runs of blank lines that removed chrome leaves behind."""
    text = "\n".join(lines)
    text = re.sub(r"\n[ \t]*(?:\n[ \t]*){2,}", "\n\n", text)
    return text.strip("\n") + ("\n" if text.endswith("\n") else "")
