"""The GAN tab's Korean presets and choice ids (the Korean words themselves are checked with
every topic's in tests/core/test_i18n_ko.py)."""

from playground.gan import presets, text


def test_every_preset_has_a_name_and_a_story_in_both_languages():
    for words in (text.EN, text.KO):
        assert list(words["preset_names"]) == list(presets.PRESETS)
        assert list(words["preset_stories"]) == list(presets.PRESETS)
    assert all(p.story == text.EN["preset_stories"][k] for k, p in presets.PRESETS.items())


def test_choice_ids_are_not_translated():
    """Option ids are what the code compares against: only their labels change (in order)."""
    for key in ("data_choices", "loss_choices", "field_short", "lr_which", "region_words",
                "region_one", "heat_label", "heat_ticks", "heat_reading", "eq_lines"):
        assert list(text.KO[key]) == list(text.EN[key]), key
