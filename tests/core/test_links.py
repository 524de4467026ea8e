"""Lesson links without a browser: parsing and validation (playground.links.parse), lesson
links and their QR code, the words in both languages, and every tab's declaration."""

from __future__ import annotations

import random
import string

from playground import i18n, links, linktext
from playground.links import Bool, Choice, Float, Floats, Int, Spec, Text

GAN = Spec("gan", {
    "preset": Choice(("Healthy", "Mode collapse"), slug=True),
    "noise": Float(0, 2, 0.05),
    "seed": Int(0, 2**31 - 1),
    "g_lr": Float(1e-6, 100, text=True),
    "data": Choice(("ring", "grid")),
}, presets=("preset", {"Healthy": {"noise": 0.0, "data": "ring"},
                       "Mode collapse": {"noise": 0.0, "data": "grid", "g_lr": "0.01"}}))
VAE = Spec("vae", {"z": Floats(3, -3, 3, 0.05), "digit": Int(0, 999), "from": Choice(tuple("0123456789"))})
ATT = Spec("attention", {"text": Text(20), "avg": Bool(), "layer": Int(1, 6)})
SPECS = {"gan": GAN, "vae": VAE, "attention": ATT}


def test_the_issue_example_restores_preset_then_overrides():
    link = links.parse("?tab=gan&preset=mode-collapse&noise=0.3&seed=7", SPECS)
    assert link.tab == "gan" and not link.ignored
    assert link.values == {"preset": "Mode collapse", "noise": 0.3, "seed": 7,
                           "data": "grid", "g_lr": "0.01"}   # the preset's other values filled in


def test_values_are_checked_against_each_parameter():
    link = links.parse("tab=gan&noise=2.5&seed=-1&g_lr=abc&data=moon&preset=nope", SPECS)
    assert link.values == {}
    assert sorted(link.ignored) == sorted(["noise=2.5", "seed=-1", "g_lr=abc", "data=moon", "preset=nope"])
    assert links.parse("tab=gan&seed=7.5&noise=nan&g_lr=inf", SPECS).values == {}


def test_floats_keep_their_value_and_the_components_type():
    assert links.parse("tab=gan&noise=0.33", SPECS).values["noise"] == 0.33   # off the step: kept
    assert links.parse("tab=gan&g_lr=0.0030", SPECS).values["g_lr"] == "0.003"
    assert links.parse("tab=vae&z=1,-0.52,3", SPECS).values["z"] == [1.0, -0.52, 3.0]
    assert links.parse("tab=vae&z=1,2", SPECS).ignored == ["z=1,2"]          # one per slider
    assert links.parse("tab=vae&from=3", SPECS).values["from"] == "3"


def test_text_and_bool():
    link = links.parse("tab=attention&text=The%20cat%20sat&avg=1", SPECS)
    assert link.values == {"text": "The cat sat", "avg": True}
    link = links.parse("tab=attention&text=" + "x" * 21 + "&avg=maybe", SPECS)
    assert link.values == {} and len(link.ignored) == 2


def test_lesson_parameters():
    link = links.parse("only=vae&hide=settings,export,bogus&run=1&present=yes&lang=ko", SPECS)
    assert (link.tab, link.only, link.run, link.present, link.lang) == ("vae", True, True, True, "ko")
    assert link.hide == ["settings", "export"] and link.ignored == ["hide=bogus"]
    # only pins the tab: a tab= naming another one is left out
    link = links.parse("tab=gan&only=vae", SPECS)
    assert link.tab == "vae" and link.ignored == ["tab"]


def test_unknown_tab_and_other_tabs_params_are_ignored_not_errors():
    link = links.parse("tab=nosuch&noise=0.3", SPECS, default_tab="vae")
    assert link.tab is None and link.values == {} and link.ignored == ["tab=nosuch", "noise"]
    link = links.parse("tab=vae&noise=0.3&digit=4", SPECS)
    assert link.values == {"digit": 4} and link.ignored == ["noise"]


def test_thirty_garbage_parameters_give_one_short_notice():
    rng = random.Random(0)
    junk = "&".join("".join(rng.choices(string.ascii_letters + "<>\"'%", k=8)) + "=" + str(i) for i in range(30))
    link = links.parse("tab=gan&seed=3&" + junk, SPECS)
    assert link.values == {"seed": 3} and len(link.ignored) == 30
    line = links.notice(link.ignored, linktext.EN["ignored"])
    assert line.count("\n") == 0 and "(+25)" in line and "<" not in line and len(line) < 400


def test_a_name_said_twice_counts_once_and_odd_input_never_raises():
    assert links.parse("tab=gan&seed=1&seed=2", SPECS).values == {"seed": 1}
    for q in [None, "", "?", "&&&", "=", "tab", "%zz=%", "a=b=c", "x" * 100_000, "\x00=\x00", {"tab": "vae"}]:
        links.parse(q, SPECS)


def test_lesson_link_keeps_the_state_and_replaces_the_lesson_parameters():
    url = links.make("http://127.0.0.1:7860/?lang=ko&tab=gan&preset=mode-collapse&hide=intro&run=1",
                     hide=["settings", "export", "nope"], only=True, present=True)
    assert url == ("http://127.0.0.1:7860/?lang=ko&tab=gan&preset=mode-collapse"
                   "&hide=settings,export&only=gan&present=1")
    link = links.parse(url.split("?", 1)[1], SPECS)
    assert link.hide == ["settings", "export"] and link.only and link.present and not link.run
    assert links.make("http://h/?tab=vae&text=a b&c") == "http://h/?tab=vae&text=a%20b&c="


def test_qr_code_is_an_svg_of_the_link_made_here():
    svg = links.qr_svg("http://127.0.0.1:7860/?tab=gan&run=1", "QR")
    assert svg.startswith('<div class="pg-qr" role="img" aria-label="QR">') and "<svg" in svg
    assert "http" not in svg.split("<svg", 1)[1].split(">", 1)[1].replace("http://www.w3.org", "")


def test_words_in_both_languages():
    assert not i18n.problems(linktext, "ko")
    assert set(linktext.EN["sections"]) == set(links.SECTIONS)


def test_every_tab_declares_its_links_with_valid_defaults(monkeypatch):
    """Build the page: each of the six tabs declares links, and its controls' starting
    values are values its own parameters accept (a link to a fresh page round-trips)."""
    monkeypatch.delenv("PLAYGROUND_TOPICS", raising=False)
    from playground.app import build_demo
    demo = build_demo()
    api = {getattr(f, "api_name", None) for f in demo.fns.values()}
    assert {f"{t}_open_link" for t in links.specs()} | {"lesson_link"} <= api   # gradio_client reaches them
    open_gan = next(f.fn for f in demo.fns.values() if getattr(f, "api_name", None) == "gan_open_link")
    out = open_gan("?preset=mode-collapse&noise=0.3&seed=7")
    assert out[0]["preset"] == "Mode collapse" and out[0]["noise"] == 0.3 and out[0]["seed"] == 7
    assert "Mode collapse" in out and 0.3 in out and 7 in out       # the controls' values, in order
    specs = links.specs()
    assert set(specs) == {"lstm", "attention", "pixelcnn", "vae", "gan", "cyclegan"}
    for topic, d in links._declared.items():
        for name, default in d.defaults.items():
            if default == "":
                continue
            query = f"tab={topic}&{name}={default}"
            assert not links.parse(query, specs).ignored, (topic, name, default)
        assert d.main and set(d.spec.params).isdisjoint(links.GLOBAL)
    config = links.page_config()
    assert config["tabs"]["gan"]["preset"]["values"]["mode-collapse"]["g_lr"]
    assert config["space"] is None

    # the VAE tab's first look reads the digit a link names from the page's address: the
    # restore then finds that digit's views drawn (the views are drawn once, not twice)
    open_vae = next(f.fn for f in demo.fns.values() if getattr(f, "api_name", None) == "vae_open")

    def shown(query):
        out = open_vae(False, {}, "3", 0, "8", 0, query)
        return next(v["index"] for v in out if isinstance(v, dict) and "index" in v)

    default = shown("")
    assert shown("?lang=ko&tab=vae&digit=417") == 417 != default
    assert shown("?tab=lstm&digit=417") == shown("?tab=vae&digit=abc") == shown("?digit=5000") == default


def test_space_link_points_to_the_space_page(monkeypatch):
    monkeypatch.setenv("SPACE_ID", "teacher/playground")
    assert links.page_config()["space"] == "https://huggingface.co/spaces/teacher/playground"
