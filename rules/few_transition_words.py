"""Too few sentences hold a transition word (under 30 %).

## What it does
Counts the sentences of the main content that hold a transition word or phrase ("however",
"for example", "as a result", "not only ... but also") from the language's list in
`seolint/data/lang/<language>.toml`, and reports texts of more than `min-words` words where
under `min-percent` of the sentences do; under `bad-percent` it is a warning. Languages without
a list are not applicable.

Not in the default selection (select it with `--select R005` or in the config): its measured
precision on the labelled corpus sample (tests/precision, findings judged by reading the page)
is 0 % (0 of 8); the wrong ones were newsletters, release notes and project lists have few
transition words by nature, and adding them would not help.

## Why is this bad?
Transition words tell the reader how one sentence follows from the last: a cause, a contrast,
an example. Without them a text reads as a list of loose statements. Yoast's TransitionWords
assessment wants at least 30 % of sentences to hold one, and marks under 20 % as bad, for texts
over 200 words.

## Example
```html
<html lang="en"><body><main>
<p>Backward running is an old training method. Athletes use it to build balance. It works the
calves and the hamstrings in a new way. It puts less load on the knees. Runners with sore knees
like it. It burns more energy than running forwards at the same pace. You need a flat track. You
need a friend to watch the way. Start with a slow walk. Add short jogs after a week. Keep your
back straight. Take short steps. Land on the balls of your feet. Keep your arms loose. Look over
your shoulder now and then. Stop when you feel dizzy. Drink water. Rest the next day. Try it
twice a week. Track your time. Add a minute each week. Run with music. Enjoy the new view of the
track. Tell your friends about it. Most of them will laugh. Some will join you. Keep going.
Buy light shoes with a firm heel. Wear a cap on sunny days. Carry a small towel. Pick a quiet
hour at the track. Count your steps. Breathe slowly. Smile at the other runners. Write down how
you feel after each session. Share your notes with a coach. Set a goal for the month.</p>
</main></body></html>
```

## Use instead
```html
<html lang="en"><body><main>
<p>Backward running is an old training method. For example, athletes use it to build balance.
It also works the calves and the hamstrings in a new way. Moreover, it puts less load on the
knees, so runners with sore knees like it. However, you need a flat track and a friend to watch
the way. First, start with a slow walk. Then add short jogs after a week. Meanwhile, keep your
back straight and take short steps. In addition, land on the balls of your feet. Finally, stop
when you feel dizzy, because falls are the main risk. As a result, most people find it easy
within a month. Still, rest the next day, since your calves will be sore. In short, try it twice
a week and add a minute each week. Above all, enjoy the new view of the track. Of course, some
friends will laugh. Nevertheless, some will join you, and then the track feels like a club.
Besides, light shoes with a firm heel help, so buy a pair before you start. Similarly, a cap
helps on sunny days. Likewise, pick a quiet hour, because a busy track is risky. Afterwards,
write down how you feel, and then share your notes with a coach. Eventually, set a goal.</p>
</main></body></html>
```

## Options
- `min-percent` (default 30, Yoast TransitionWords' recommended minimum)
- `bad-percent` (default 20, Yoast's "bad" band: below it the finding is a warning)
- `min-words` (default 200: Yoast checks texts over 200 words only)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from seolint.document import FACT_BODY, Page
from seolint.rule import Violation, page_rule
from seolint.text import analysis


@dataclass(frozen=True)
class Options:
    min_percent: float = 30.0  # Yoast TransitionWords: recommended minimum
    bad_percent: float = 20.0  # Yoast: below it, red
    min_words: int = 200  # Yoast: only texts over 200 words

    def __post_init__(self) -> None:
        if self.bad_percent > self.min_percent:
            raise ValueError("'bad-percent' must not be above 'min-percent'")


def _applies(page: Page) -> bool:
    return page.kind in ("post", "page") and analysis(page).data.has_transitions


@page_rule("R005", "few-transition-words", category="readability", severity="info",
           options=Options, applies=_applies, requires=frozenset({FACT_BODY}),
           default_enabled=False)
def check(page: Page, opts: Options) -> Iterator[Violation]:
    text = analysis(page)
    flags = text.transitions
    if not flags or text.words <= opts.min_words:
        return
    with_transition = sum(flags)
    share = 100.0 * with_transition / len(flags)
    if share >= opts.min_percent:
        return
    yield Violation(
        None,
        f"Only {share:.1f}% of sentences hold a transition word ({with_transition} of "
        f"{len(flags)}; recommended at least {opts.min_percent:g}%)",
        fix="Link sentences with words such as \"however\", \"for example\", \"because\" or "
            "\"as a result\"",
        severity="warning" if share < opts.bad_percent else None,
    )
