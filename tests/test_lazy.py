"""seolint._lazy: a deferred module is imported on its first real use, once, and is then the
same module everyone else imports."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_import_statement_does_not_load_but_first_use_does() -> None:
    out = run("""
        import sys
        from seolint import _lazy
        _lazy.defer("json")  # imported already by then? then defer leaves it alone
        _lazy.defer("colorsys")
        import colorsys
        print(_lazy.is_loaded("colorsys"), "hls_to_rgb" in vars(colorsys))
        print(colorsys.rgb_to_hls(1, 0, 0), _lazy.is_loaded("colorsys"))
        import colorsys as again
        print(again is sys.modules["colorsys"], again.rgb_to_hsv is colorsys.rgb_to_hsv)
    """)
    assert out.splitlines() == ["False False", "(0.0, 0.5, 1.0) True", "True True"]


def test_bs4_import_defers_soupsieve_and_select_still_works() -> None:
    out = run("""
        import seolint
        from seolint import _lazy
        from bs4 import BeautifulSoup
        print(_lazy.is_loaded("soupsieve"))
        soup = BeautifulSoup('<p class="a">x</p><p class="b">y</p>', "html.parser")
        print(soup.select_one("p.b").text, _lazy.is_loaded("soupsieve"))
    """)
    assert out.splitlines() == ["False", "y True"]


def test_submodule_import_loads_the_package_first() -> None:
    out = run("""
        import sys
        import seolint
        from seolint import _lazy
        import soupsieve.css_match
        print(_lazy.is_loaded("soupsieve"), hasattr(sys.modules["soupsieve"], "select"))
    """)
    assert out == "True True"


def test_missing_module_is_left_to_the_importer() -> None:
    out = run("""
        from seolint import _lazy
        _lazy.defer("no_such_module_here")
        try:
            import no_such_module_here
        except ImportError:
            print("ImportError")
    """)
    assert out == "ImportError"


def test_threads_racing_to_first_use_load_once() -> None:
    out = run("""
        import threading
        from seolint import _lazy
        _lazy.defer("fractions")
        import fractions
        results, barrier = [], threading.Barrier(8)
        def use():
            barrier.wait()
            results.append(fractions.Fraction(1, 3) + fractions.Fraction(1, 6))
        threads = [threading.Thread(target=use) for _ in range(8)]
        for t in threads: t.start()
        for t in threads: t.join()
        print(len(results), set(map(str, results)))
    """)
    assert out == "8 {'1/2'}"
