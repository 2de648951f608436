"""Imported by the analysis pool's fork server, never by anything else.

Importing it loads what nearly every analysis worker needs and would otherwise load for
itself: the CMU Pronouncing Dictionary (English syllables, 18 MB of Python objects) and the
English word lists. Workers fork from the server after this ran, so they share those pages
copy-on-write instead of each holding a private copy (a 10,000-page crawl measured 18 MB less
memory per worker) and skip the 0.1 s load. A site in another language pays 0.1 s once.
"""

from __future__ import annotations

from seolint.text import syllables
from seolint.text.languages import lang_data

syllables.count("preload", "en")  # reads the dictionary into syllables' module-level cache
lang_data("en")
