"""The CycleGAN tab's Korean hover template (the Korean words themselves are checked with every
topic's in tests/core/test_i18n_ko.py)."""

from playground.cyclegan import text


def test_the_hover_template_keeps_plotlys_own_fields():
    hover = text.KO["hover_block"].format(k=4, x="%{x}", y="%{y}", z="%{z:.3f}")
    assert all(f in hover for f in ("%{x}", "%{y}", "%{z:.3f}", "4x4"))
