"""Issue 14, the writer's view of one post: its metrics in the terminal, the line of each long
or passive sentence under R002/R004, and pages without findings under --verbose."""

from __future__ import annotations

import json
import re
from pathlib import Path

from .conftest import invoke

# Six paragraphs of one long passive sentence each (lines 6, 8, ... 16), then short active ones.
LONG = ("The old track behind the school was repaired by the town council last spring after "
        "years of complaints from runners and walkers number {n}.")
SHORT = "I run there each morning. Try it."
POST = ("---\ntitle: \"Running backwards on the old school track: a beginner's notes\"\n"
        "description: \"What I learnt from six weeks of running backwards on the rebuilt "
        "school track, and how to start safely.\"\n---\n\n"
        + "\n\n".join([LONG.format(n=n) for n in range(6)] + [SHORT] * 4) + "\n")
SENTENCE_LINES = [6, 8, 10, 12, 14, 16]


def _post(tmp_path: Path) -> Path:
    posts = tmp_path / "content" / "posts"
    posts.mkdir(parents=True)
    (posts / "my-draft.md").write_text(POST)
    for n in SENTENCE_LINES:  # the fixture is what the test says it is
        assert POST.splitlines()[n - 1].startswith("The old track")
    return posts / "my-draft.md"


def test_one_post_shows_every_metric(tmp_path: Path) -> None:
    _post(tmp_path)
    args = ["check", "content/posts/my-draft.md", "-k", "running backwards"]
    _, out, _ = invoke(args, tmp_path)
    _, data, _ = invoke([*args, "--format", "json"], tmp_path)
    m = json.loads(data)["pages"][0]["metrics"]
    head = out.split("  content/posts/my-draft.md", 1)[0]  # the lines above the findings
    expected = [f"{m['words']} words", f"{max(1, round(m['reading_time_minutes']))} min read",
                f"reading ease {m['reading_ease']:g} (en)", f"grade {m['grade']:g}",
                f"long sentences {m['long_sentences_pct']:g}%", f"passive {m['passive_pct']:g}%",
                f"transition words {m['transition_pct']:g}%",
                'keyphrase "running backwards" (from cli)', f"found {m['keyphrase_count']}x",
                f"density {m['keyphrase_density']:g}%"]
    for piece in expected:
        assert piece in head, (piece, head)
    assert m["long_sentences_pct"] > 25 and m["passive_pct"] > 10  # R002 and R004 fire


def test_long_and_passive_sentences_are_named_by_line(tmp_path: Path) -> None:
    _post(tmp_path)
    _, out, _ = invoke(["check", "content/posts/my-draft.md", "--select", "R002,R004"],
                       tmp_path)
    sentence = re.compile(r"^      content/posts/my-draft\.md:(\d+)  (\d+) words  \"(.*)\"$")
    blocks = re.split(r"  content/posts/my-draft\.md (?:warning|info) ", out)[1:]
    assert [b.split(" ", 1)[0] for b in blocks] == ["R002", "R004"]
    for block in blocks:
        lines = [sentence.match(ln) for ln in block.splitlines()]
        shown = [x for x in lines if x]
        assert [int(x.group(1)) for x in shown] == SENTENCE_LINES[:3]
        assert all(int(x.group(2)) == 24 and x.group(3).startswith("The old track")
                   for x in shown)
        assert "      and 3 more (--verbose lists them all)" in block
    _, out, _ = invoke(["check", "content/posts/my-draft.md", "--select", "R002,R004",
                        "--verbose"], tmp_path)
    for block in re.split(r"  content/posts/my-draft\.md (?:warning|info) ", out)[1:]:
        lines = [int(x.group(1)) for x in map(sentence.match, block.splitlines()) if x]
        assert lines == SENTENCE_LINES and "more (--verbose" not in block


def test_verbose_lists_pages_without_findings_with_their_score(tmp_path: Path) -> None:
    _post(tmp_path)
    (tmp_path / "content" / "posts" / "fine.md").write_text(
        "---\ntitle: \"A fine post about running backwards safely on a track\"\n---\n\n"
        "I run backwards. It is fun.\n")
    args = ["check", "content", "--select", "R002"]
    _, out, _ = invoke(args, tmp_path)
    assert "fine.md" not in out  # without --verbose only pages with findings are listed
    _, out, _ = invoke([*args, "--verbose"], tmp_path)
    _, data, _ = invoke([*args, "--format", "json"], tmp_path)
    fine = next(p for p in json.loads(data)["pages"] if p["path"].endswith("fine.md"))
    block = out.split("content/posts/fine.md", 1)[1].split("\n\n", 1)[0]
    assert out.count("content/posts/fine.md") == 1
    assert f"{fine['score']:g}/100" in block.splitlines()[0] and "no findings" in block
    assert "words" in block and "reading ease" in block  # its metrics too
