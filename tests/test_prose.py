"""seolint.text.prose: which sentences are prose, and their words (R002, R003 read it)."""

from __future__ import annotations

from seolint.text.prose import prose_words


def test_a_sentence_of_prose_counts_its_words() -> None:
    assert prose_words("Running backwards builds balance and strength.") == 6
    # A list inside a sentence is still the writer's sentence.
    assert prose_words("I packed bread, cheese, apples, water, a map, a torch and a knife for "
                       "the long walk up the hill that we had planned for the whole summer.") == 28


def test_a_list_of_names_is_no_prose() -> None:
    names = ", ".join(["Ahmed Hamdy", "Aitozi", "Aleksandr Pilipenko", "Alexander Fedulov",
                       "Anton Kalashnikov", "Arvid Heise", "Bo Cui", "Brayno", "Carlos Castro"])
    assert prose_words(names) is None
    # The rustup announcement's thanks: a clause, then 27 names (here 18)
    assert prose_words("And thanks to all the rustup contributors: " + names + ", " + names) is None


def test_code_and_tex_written_as_text_are_no_prose() -> None:
    assert prose_words("$ mkdir ~/Downloads/kernel $ cd ~/Downloads/kernel $ sudo dpkg -i "
                       "linux-headers_all.deb") is None
    assert prose_words(r"$$ P(\omega) \propto \frac{\left[\sum_k y_k \cos\omega(t_k - \tau)"
                       r"\right]^2} {\sum_k \cos^2\omega(t_k - \tau)} $$") is None
    assert prose_words("| Caracteres | Tiempo | |---|---| | 4 | 2 segundos | | 5 | 1 minuto |") is None


def test_a_formula_or_a_url_is_one_word() -> None:
    assert prose_words(r"The power is an $O[N\log N]$ computation for any $\omega$.") == 9
    assert prose_words("Retrieved from http://www.google.co.nz/url?sa=t&rct=j&q=&esrc=s&cd=3 "
                       "on 3 May 2014.") == 7
    # Prices are no formula: "$5 and $10" keeps its words.
    assert prose_words("It costs $5 and $10 with the book.") == 8
