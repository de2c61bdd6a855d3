"""clean: page chrome goes, the body stays; plain text without chrome comes back unchanged."""
import pytest

from truce.article import Article
from truce.inputs import InputDoc
from truce.stages.clean import Clean, clean_text

SCRAPE = """0 $

1,000 $

Ministry Says Talks Will Resume Next Week


Ministry Says Talks Will Resume Next Week

The ministry said on Monday that talks would resume. LINK

Negotiators met twice in May.
Read more

Do you like this content? Consider helping us!
Share this: Facebook Twitter
"""


def test_clean_removes_widgets_markers_footers_and_the_repeated_title():
    text, title = clean_text(SCRAPE)
    assert title == "Ministry Says Talks Will Resume Next Week"
    assert text == ("Ministry Says Talks Will Resume Next Week\n\n"
                    "The ministry said on Monday that talks would resume.\n\n"
                    "Negotiators met twice in May.\n")


ARTICLE = """Ceasefire Holds in Northern Province as Talks Resume

The ceasefire between government forces and the rebel coalition held for a third day on Sunday, residents \
and aid workers said, as negotiators prepared to meet again in the capital.

Fighting had displaced more than 40,000 people since March, according to the United Nations, and convoys \
carrying food and medicine reached two besieged towns for the first time in weeks.

What comes next

The talks, mediated by the regional bloc, are expected to address the withdrawal of heavy weapons and the \
release of prisoners held by both sides.

"We are cautiously hopeful," a spokesman for the mediators told reporters. "Both delegations have agreed to \
stay at the table."
"""
PARAGRAPHS = [p for p in ARTICLE.split("\n\n")[1:] if p != "What comes next"]

# The same article as a scraper copies the whole page: a block a line, with the site's chrome around it.
PAGE = "\n".join([
    "Skip to content", "The Valley Courier", "Home", "World", "Politics", "Business", "Sport", "Opinion",
    "Subscribe", "Sign in", "World", "Ceasefire Holds in Northern Province as Talks Resume", "By Maria Lopez",
    "May 2, 2021 | 4 min read", "Share", "Tweet", "Email", PARAGRAPHS[0], PARAGRAPHS[1], "[Photo: Reuters]",
    PARAGRAPHS[2], PARAGRAPHS[3].strip(), "Related", "Floods cut off villages in the south",
    "Markets rally on trade hopes", "Comments (3)", "jsmith", "2 hours ago",
    "Let's hope this one lasts longer than the last one, honestly.", "Reply", "Like 12", "anna_k", "3 hours ago",
    "Good news for once.", "Reply", "Like 4", "About us", "Contact", "Privacy policy", "Terms of use",
    "© 2021 The Valley Courier. All rights reserved.",
])


def test_clean_scraped_page_keeps_the_article_and_finds_its_title_among_the_lines():
    text, title = clean_text(PAGE)
    assert title == "Ceasefire Holds in Northern Province as Talks Resume"
    for paragraph in PARAGRAPHS:
        assert paragraph.strip() in text
    for chrome in ("Subscribe", "Sign in", "4 min read", "[Photo: Reuters]", "jsmith", "hours ago",
                   "lasts longer", "Good news for once", "Privacy policy", "All rights reserved", "Tweet"):
        assert chrome not in text, chrome


@pytest.mark.parametrize("text", [
    ARTICLE,
    ARTICLE.replace("\n\n", "\n"),
    ARTICLE.replace("\n", "\r\n"),
    ARTICLE.split("\n\n", 1)[1],
    "GENEVA (Reuters) - Envoys met on Monday.\r\n\r\nThe meeting lasted three hours, officials said.\r\n",
    "Troops withdrew on Monday.",
    "Headline without chrome\n\nFirst paragraph.\r\nSecond line with $5 in it.\n\n\n\nLast.  ",
    "The price rose to 2,500 $ per tonne, traders said.\nLINKS between the groups were denied.",
    "Prices:\n\n10\n\nThat is all.",
])
def test_clean_returns_plain_text_without_chrome_unchanged(text):
    assert clean_text(text)[0] == text


def test_clean_removes_links_to_other_stories_but_not_sentences_that_open_alike():
    text = ("Troops shelled the town on Monday.\n\nRead also: Caesar Act to become law, with tough sanctions\n\n"
            "ALSO READ | Farmers plan a cycle rally\n\nRelated stories:\n\nRelated to the shelling, "
            "two officers were arrested.\nSee also the report of the mission.")
    assert clean_text(text)[0] == ("Troops shelled the town on Monday.\n\nRelated to the shelling, two officers "
                                   "were arrested.\nSee also the report of the mission.")


def test_clean_keeps_body_lines_that_mention_donations():
    text = ("Aid groups appeal for help\n\nThe agency asked donors to support us in reaching the camps, "
            "an official said.\n\nThe camps hold 40,000 people.")
    assert clean_text(text)[0] == text


def test_clean_html_takes_text_title_date_site_and_url():
    html = """<html><head><title>Truce holds in the north | Daily Wire</title>
    <meta property="og:site_name" content="Daily Wire"><meta name="date" content="2021-05-02">
    <link rel="canonical" href="https://wire.example/truce-holds"></head>
    <body><nav>Home | World | Subscribe</nav><article><h1>Truce holds in the north</h1>
    <p>The truce between the army and the rebels held for a third day on Sunday, residents said.</p>
    <p>Aid convoys reached the city of Mekele for the first time in weeks, according to the United Nations.</p>
    </article><footer>All rights reserved.</footer></body></html>"""
    article = Article(input=InputDoc(id="x", html=html))
    Clean()(article)
    assert "third day on Sunday" in article.text and "Subscribe" not in article.text
    assert article.title.startswith("Truce holds in the north")
    assert article.published == "2021-05-02"
    assert article.source_name == "Daily Wire"
    assert article.url == "https://wire.example/truce-holds"


def test_clean_caller_metadata_wins_over_the_page():
    html = "<html><head><title>Page title</title></head><body><article><p>" + "Body text here. " * 20 + "</p></article></body></html>"
    article = Article(input=InputDoc(id="x", html=html, title="Given", published="2020-01-01"))
    Clean()(article)
    assert (article.title, article.published) == ("Given", "2020-01-01")


@pytest.mark.parametrize("text", ["1 2 3 4 5 6", "!!! ??? ...", "2,500 $"])
def test_clean_never_removes_everything(text):
    assert clean_text(text)[0] == text


def test_clean_html_nested_past_the_parser_limit_keeps_its_text():
    article = Article(input=InputDoc(id="x", html="<div>" * 100_000 + "Troops left the town." + "</div>" * 100_000))
    Clean()(article)
    assert article.text == "Troops left the town."
    assert article.warnings


def test_clean_a_long_page_of_short_runs_takes_seconds_not_minutes():
    # jusText's revision is quadratic in the length of a run of short lines; it runs on blocks
    import time

    page = "\n".join("Home" if i % 3 else f"Talks resumed in the capital on day {i}, officials said." for i in range(15_000))
    started = time.monotonic()
    text, _ = clean_text(page)
    assert time.monotonic() - started < 20
    assert "Home" not in text and text.startswith("Talks resumed in the capital on day 0")


@pytest.mark.parametrize("separator", ["\n", "\n\n"])
def test_clean_short_scraped_report_loses_site_name_reading_time_and_photo_credit(separator):
    page = separator.join(["The Valley Courier", "Live Updates", "Ceasefire Holds in Northern Province as Talks Resume",
                           "5 min read", PARAGRAPHS[0], "[Photo: AFP]", PARAGRAPHS[1], PARAGRAPHS[2],
                           PARAGRAPHS[3].strip()])
    text, title = clean_text(page)
    assert title == "Ceasefire Holds in Northern Province as Talks Resume"
    assert text.split() == separator.join(PARAGRAPHS[:3] + [PARAGRAPHS[3].strip()]).split()


def test_clean_shipped_line_model_matches_the_features_and_says_what_it_was_made_from():
    import json
    from importlib import resources

    from truce.boilerplate import LineModel, page_features, with_neighbours

    weights = json.loads((resources.files("truce") / "resources/clean/line_model.json").read_text())
    assert "sha256(id)" in weights["made_from"]
    features = page_features(PAGE.split("\n"))
    first, second = LineModel.shipped().stages
    assert len(first[2]) == features.shape[1]
    assert len(second[2]) == with_neighbours(features, LineModel._apply(first, features)).shape[1]


def test_a_long_paragraph_read_as_chrome_inside_the_article_is_kept():
    """The line model may misread a long quotation between two paragraphs as chrome; a page's chrome
    surrounds its article, so a paragraph of 40 words or more inside the article's run stays."""
    from truce.stages.clean import _prose_inside

    long_quote = " ".join(["word"] * 45)
    lines = ["Menu | Home", "First paragraph of the story.", long_quote, "Last paragraph of the story.", long_quote]
    content = [0, 1, 2, 3, 4]
    kept = _prose_inside(lines, content, chrome={0, 2, 4})
    assert kept == {2}  # the one between the article's lines; the one after it is a comment's length of chrome
