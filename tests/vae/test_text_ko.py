"""The VAE tab's errors in the student's language (the Korean words themselves are checked with
every topic's in tests/core/test_i18n_ko.py)."""

import pytest

from playground.vae import text


def test_input_errors_follow_the_language_in_use(monkeypatch):
    from playground.imaging import InputError
    from playground.vae import views
    for lang, words in (("ko", text.KO), ("en", text.EN)):
        monkeypatch.setenv("PLAYGROUND_LANG", lang)
        with pytest.raises(InputError) as err:
            views.from_user(None, drawing=True)
        assert str(err.value) == words["error_blank_drawing"]
