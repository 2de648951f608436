"""Text analysis (seolint.text) and keyphrase matching (seolint.keyphrase) on their own, and the
bad input the readability rules must survive: empty pages, no punctuation, all caps, code and
tables, emoji, mixed and unsupported languages, a 100,000-word page, stop-word keyphrases."""

from __future__ import annotations

import time

import pytest

from seolint import keyphrase as kp_mod
from seolint.parse import parse_html
from seolint.testing import builtin_rules, run_page_rule
from seolint.text import analysis, language, syllables
from seolint.text.languages import lang_data, primary
from seolint.text.segment import split_sentences

RULES = builtin_rules()
EN = lang_data("en").abbreviations


def page(body: str, lang: str | None = "en", head: str = "", post: bool = True) -> str:
    attr = f' lang="{lang}"' if lang else ""
    meta = '<meta property="og:type" content="article">' if post else ""
    return (f"<!DOCTYPE html><html{attr}><head><title>T</title>{meta}{head}</head>"
            f"<body><main>{body}</main></body></html>")


# --- sentences ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Dr. Smith ran 3.5 km. Then she rested.", ["Dr. Smith ran 3.5 km.", "Then she rested."]),
    ("It costs $2.50 e.g. in the U.S. Army shop. Fine!", [
        "It costs $2.50 e.g. in the U.S. Army shop.", "Fine!"]),
    ("J. R. R. Tolkien wrote it. See example.com for more.", [
        "J. R. R. Tolkien wrote it.", "See example.com for more."]),
    ("Really? yes. No... but then. And so", ["Really? yes.", "No... but then.", "And so"]),
    ("1. First step is easy. 2. Second one too.", ["1. First step is easy.", "2. Second one too."]),
    ("One clause; another clause.", ["One clause;", "another clause."]),
    ("“Stop!” she said. He stopped.", ["“Stop!” she said.", "He stopped."]),
    ("no punctuation at all here", ["no punctuation at all here"]),
    ("走ります。速いです！", ["走ります。", "速いです！"]),
    ("", []),
])
def test_sentence_splitting(text: str, expected: list[str]) -> None:
    assert split_sentences(text, EN) == expected


def test_sentences_never_cross_blocks_and_headings_are_units() -> None:
    a = analysis(parse_html(page("<h2>A heading without a stop</h2><p>One sentence without a stop"
                                 "</p><ul><li>An item</li><li>Another item.</li></ul>")))
    assert [s.text for s in a.sentences] == [
        "A heading without a stop", "One sentence without a stop", "An item", "Another item."]
    assert [a.units[s.unit].kind for s in a.sentences] == ["heading", "p", "li", "li"]


def test_code_tables_navigation_and_sidebars_are_not_prose() -> None:
    html = ("<!DOCTYPE html><html lang='en'><body><nav><p>Home. About. Contact.</p></nav><main>"
            "<p>Real text here. Two sentences.</p><pre>x = 1. y = 2.</pre>"
            "<table><tr><td>A cell. Another.</td></tr></table></main>"
            "<aside class='sidebar'><p>Popular posts. Read more.</p></aside></body></html>")
    a = analysis(parse_html(html))
    assert [s.text for s in a.sentences] == ["Real text here.", "Two sentences."]
    assert a.words == 5


# --- bad input ---------------------------------------------------------------------------------

def test_empty_page_has_no_measures_and_rules_stay_silent() -> None:
    html = page("")
    a = analysis(parse_html(html))
    assert a.sentences == () and a.words == 0
    assert a.flesch is None and a.grade is None and a.long_share is None
    for code in ("R001", "R002", "R003", "R004", "R005", "R006", "E001", "K009"):
        assert run_page_rule(RULES[code], html) == [], code


def test_all_caps_and_emoji() -> None:
    html = page("<p>RUN BACKWARDS TODAY. IT IS GOOD FOR YOU 🏃‍♀️🔥. TRY IT!</p><p>🎉🎉</p>")
    a = analysis(parse_html(html))
    assert [s.words for s in a.sentences] == [3, 5, 2]
    assert a.flesch is not None and a.flesch > 60


def test_a_language_without_data_is_not_applicable_never_english() -> None:
    html = page("<p>" + "Bieganie tyłem jest bardzo dobre dla kolan i dla równowagi. " * 20
                + "</p>", lang="pl")
    a = analysis(parse_html(html))
    assert a.lang == "pl" and a.flesch is None and a.grade is None
    assert a.passive is None and a.transitions is None
    assert not RULES["R001"].is_applicable(parse_html(html))


def test_language_is_detected_when_undeclared() -> None:
    text = ("Der Flughafen London Heathrow ist der größte Flughafen des Vereinigten Königreichs "
            "und einer der verkehrsreichsten Flughäfen der Welt. Er liegt im Westen von London.")
    p = parse_html(page(f"<p>{text}</p>", lang=None))
    assert language(p) == ("de", "detected")
    assert language(parse_html(page("<p>Too short.</p>", lang=None))) == (None, "unknown")


def test_front_matter_language_wins_and_tags_are_normalised() -> None:
    assert primary("pt-BR") == "pt" and primary("EN_us") == "en" and primary("x-default") is None
    assert primary("") is None and primary("not a tag") is None


def test_mixed_languages_use_the_page_language() -> None:
    # An English post quoting German: English formula, English lists, no crash.
    html = page("<p>Backward running is fun. Rückwärtslaufen macht Spaß, sagen die Deutschen."
                " We agree.</p>")
    a = analysis(parse_html(html))
    assert a.lang == "en" and a.flesch is not None


def test_a_100000_word_page_is_analysed_in_bounded_time() -> None:
    sentence = "Backward running is a fine way to train the legs and the mind. "
    body = "".join(f"<p>{sentence * 10}</p>" for _ in range(770))  # ~100,000 words
    p = parse_html(page(body))
    start = time.perf_counter()
    a = analysis(p)
    assert a.words > 95_000
    assert a.flesch is not None and a.passive_share is not None
    kp = kp_mod.keyphrase(p)
    assert kp is not None and kp_mod.count(p, kp) > 0
    for code in ("R001", "R002", "R003", "R004", "R005", "R006", "E001", "K009"):
        list(RULES[code].check(p, RULES[code].options()))  # type: ignore[misc]
    assert time.perf_counter() - start < 10


def test_a_page_without_any_sentence_punctuation() -> None:
    html = page("<p>" + "word " * 400 + "</p>")
    a = analysis(parse_html(html))
    assert len(a.sentences) == 1 and a.sentences[0].words == 400
    assert [v.message for v in run_page_rule(RULES["R002"], html)][-1].startswith(
        "Sentence of 400 words")


# --- readability -------------------------------------------------------------------------------

def test_graded_texts_come_out_in_order() -> None:
    easy = "The cat sat on the mat. It was a big cat. It ate fish. Then it went to bed."
    middle = ("Regular exercise improves memory and mood, and many people find that a short run "
              "before work helps them concentrate for the rest of the morning.")
    hard = ("Contemporary epidemiological investigations demonstrate that retrograde locomotion "
            "substantially diminishes patellofemoral compressive loading, thereby facilitating "
            "rehabilitation following ligamentous reconstruction.")
    scores = [analysis(parse_html(page(f"<p>{t}</p>"))).flesch for t in (easy, middle, hard)]
    grades = [analysis(parse_html(page(f"<p>{t}</p>"))).grade for t in (easy, middle, hard)]
    assert scores[0] > scores[1] > scores[2]
    assert grades[0] < grades[1] < grades[2]


@pytest.mark.parametrize(("lang", "word", "n"), [
    ("en", "running", 2), ("en", "cardiovascular", 6), ("en", "backwards-running", 4),
    ("ru", "книга", 2), ("es", "poeta", 3), ("es", "ciudad", 2), ("it", "istruzione", 4),
    ("de", "Flughafen", 3), ("fr", "grande", 1), ("nl", "België", 3),
])
def test_syllables(lang: str, word: str, n: int) -> None:
    assert syllables.count(word, lang) == n


def test_each_language_has_its_own_flesch_formula() -> None:
    text = ("<p>Der Hund läuft am Morgen schnell nach Hause, weil es draußen regnet und er "
            "großen Hunger hat.</p>")
    de = analysis(parse_html(page(text, lang="de"))).flesch
    en = analysis(parse_html(page(text, lang="en"))).flesch
    assert de is not None and en is not None and 0 < de < 100 and 0 < en < 100 and de != en


def test_passive_voice_in_english_and_its_exceptions() -> None:
    a = analysis(parse_html(page(
        "<p>The study was conducted in Ohio. The results were quickly published. I got used to "
        "it. She is interested in running. We ran fast.</p>")))
    assert a.passive == (True, True, False, False, False)


def test_transition_words_single_multiword_and_two_part() -> None:
    a = analysis(parse_html(page(
        "<p>However, it works. For example, runners like it. Not only fast but also fun. It is "
        "red.</p>")))
    assert a.transitions == (True, True, True, False)


# --- keyphrase ---------------------------------------------------------------------------------

def test_keyphrase_matching_copes_with_plurals_hyphens_apostrophes_and_order() -> None:
    p = parse_html(page(
        "<p>Backward running is fun. I love backward-running. Runners run backwards daily. "
        "Joost's backward run. Running is good.</p>",
        head='<meta name="keyphrase" content="backward running">'))
    kp = kp_mod.keyphrase(p)
    assert kp is not None and kp.source == "meta" and not kp.inferred
    assert kp_mod.count(p, kp) == 4  # not the last sentence: "backward" is missing there


def test_elided_articles_and_function_words_in_the_keyphrase() -> None:
    p = parse_html(page("<p>Migliora l'istruzione femminile. Barriere all'istruzione femminile."
                        "</p>", lang="it"))
    kp = kp_mod.make("L'istruzione femminile", "cli", "it")
    assert kp.stems == ("istruzion", "femminil")
    assert kp_mod.count(p, kp) == 2


def test_a_keyphrase_of_stop_words_only_gets_a_clear_message() -> None:
    html = page("<p>How to run backwards.</p>", head='<meta name="keyphrase" content="how to">')
    (v,) = run_page_rule(RULES["K010"], html)
    assert v.name == "keyphrase-only-function-words" and "only function words" in v.message
    for code in ("K001", "K002", "K003", "K008", "K009"):
        assert not RULES[code].is_applicable(parse_html(html)), code


def test_keyphrase_sources_in_order() -> None:
    html = page("<p>Backward running. Backward running. Backward running is fun.</p>",
                head='<meta name="keyphrase" content="from meta">')
    p = parse_html(html)
    kp_mod.configure(p, None, (("*page.html", "from config"),))
    assert kp_mod.keyphrase(p).text == "from meta"  # type: ignore[union-attr]
    p = parse_html(html)
    kp_mod.configure(p, "from cli", (("*page.html", "from config"),))
    assert kp_mod.keyphrase(p).source == "cli"  # type: ignore[union-attr]
    p = parse_html(page("<p>Backward running. Backward running. Backward running is fun.</p>"))
    kp_mod.configure(p, None, (("*page.html", "from config"),))
    assert kp_mod.keyphrase(p).source == "config"  # type: ignore[union-attr]


def test_front_matter_keyphrase() -> None:
    from seolint.document import RawDocument
    from seolint.parse import parse

    doc = RawDocument(url="https://x.invalid/a/", path="a.md",
                      body=page("<p>Backward running is fun.</p>").encode(),
                      front_matter={"keywords": ["backward running", "retro"], "lang": "en"})
    p = parse(doc)
    kp = kp_mod.keyphrase(p)
    assert kp is not None and (kp.text, kp.source) == ("backward running", "front-matter")


def test_inferred_keyphrase_prefers_the_distinctive_phrase() -> None:
    body = ("<h1>Backward running for beginners</h1><p>Backward running is easy. Running "
            "backwards builds balance. Forward running is the usual way. Backward running "
            "spares the knees. Retro running is another name for backward running.</p>")
    kp = kp_mod.keyphrase(parse_html(page(body)))
    assert kp is not None and kp.inferred and kp.text == "backward running"
