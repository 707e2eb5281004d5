"""The registries apps fill when they start: what a second declaration of a key means, and order."""

import pytest

from accord.registry import Registry


def test_replace_keeps_the_later_declaration_in_the_first_place():
    providers = Registry("provider", on_repeat="replace")
    providers.add("a", 1)
    providers.add("b", 2)
    providers.add("a", 3)
    assert list(providers) == [3, 2]
    assert providers["a"] == 3
    assert providers.get("missing") is None


def test_keep_ignores_a_repeat_of_ready():
    panels = Registry("panel", on_repeat="keep")
    panels.add("x", "first")
    panels.add("x", "second")
    assert list(panels) == ["first"]
    assert "x" in panels


def test_refuse_says_which_key_was_declared_twice_but_allows_the_same_again():
    kinds = Registry("evidence kind", on_repeat="refuse")
    kinds.add("budget", ("budget", 1))
    kinds.add("budget", ("budget", 1))  # ready() run again: the same declaration
    with pytest.raises(ValueError, match="two evidence kinds are declared as 'budget'"):
        kinds.add("budget", ("budget", 2))


def test_order_first_then_the_order_of_declaration():
    panels = Registry("panel")
    panels.add("late", "late", order=20)
    panels.add("early", "early", order=10)
    panels.add("also-early", "also-early", order=10)
    assert list(panels) == ["early", "also-early", "late"]
    assert panels.sorted_by(str) == ["also-early", "early", "late"]
