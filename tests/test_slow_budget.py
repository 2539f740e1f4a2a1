"""The slow-test budget of tests/conftest.py: a test over the limit fails unless it is marked slow with a reason."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

INNER_CONFTEST = """
from tests.conftest import (
    pytest_addoption, pytest_collection_modifyitems, pytest_fixture_setup, pytest_runtest_makereport,
)
"""


@pytest.fixture
def budget(pytester: pytest.Pytester) -> pytest.Pytester:
    """A project whose tests run under our budget, lowered to 0.2 s so that the check itself stays fast."""
    pytester.makeconftest(INNER_CONFTEST)
    pytester.makeini("[pytest]\nslow_test_seconds = 0.2\nmarkers =\n    slow(reason): allowed more time\n")
    return pytester


def test_a_test_over_the_budget_fails_and_says_what_to_do(budget: pytest.Pytester) -> None:
    budget.makepyfile("""
        import time
        import pytest

        def test_quick():
            pass

        def test_slow_unmarked():
            time.sleep(0.3)

        @pytest.fixture
        def slow_fixture():
            time.sleep(0.3)

        def test_slow_in_its_own_fixture(slow_fixture):
            pass

        @pytest.mark.slow(reason="sleeps on purpose")
        def test_slow_marked():
            time.sleep(0.3)
    """)
    result = budget.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, failed=2)
    # it sleeps 0.3 s; a busy machine may take a little longer
    result.stdout.fnmatch_lines(["*test_slow_unmarked took 0.? s*mark it @pytest.mark.slow(reason=*"])
    assert "test_slow_in_its_own_fixture took" in result.stdout.str()


def test_a_slow_mark_needs_a_reason(budget: pytest.Pytester) -> None:
    budget.makepyfile("""
        import pytest

        @pytest.mark.slow
        def test_without_reason():
            pass
    """)
    result = budget.runpytest_inprocess("-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*test_without_reason: @pytest.mark.slow needs a reason*"])
