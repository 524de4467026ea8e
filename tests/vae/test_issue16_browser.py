"""The VAE tab's views of issue 16 in a real browser, used like a student: the gap between the
ELBO and log p(x) (drag K), the plain autoencoder beside the VAE, the adversarial autoencoder."""

import re

import pytest

from tests.browser import drag_slider, open_tab, screenshot

pytestmark = pytest.mark.browser

GAP = re.compile(r"ELBO\s+(-?\d+\.\d)\s*\+\s*gap\s+(-?\d+\.\d+)\s*=.*?(-?\d+\.\d)\s*nats\s*\(K = (\d+)",
                 re.S)


def _open(page):
    open_tab(page, "VAE")
    page.wait_for_function(
        "document.querySelector('#vae-numbers')?.innerText.includes('Held-out digit')", timeout=120_000)


def _gap(page):
    text = page.locator("#vae-gap-numbers").inner_text()
    m = GAP.search(text)
    assert m, text
    return float(m[1]), float(m[2]), float(m[3]), int(m[4])


def test_the_gap_elbo_plus_kl_is_log_px_and_k_moves_it(app_page):
    page = app_page
    page.set_default_timeout(90_000)
    _open(page)
    page.wait_for_function("document.querySelector('#vae-gap-numbers')?.innerText.includes('K = 1000')")
    elbo, gap, est, k = _gap(page)
    assert k == 1000 and gap > 0 and est == pytest.approx(elbo + gap, abs=0.11)
    page.locator("#vae-gap .waterfalllayer .point").first.wait_for()              # the waterfall is drawn
    testset = page.locator("#vae-gap-testset").inner_text()
    assert "1,000 test digits" in testset, testset

    # drag K down to a few samples: the star and the numbers follow, the ELBO stays
    slider = page.locator("#vae-gap-k")
    slider.scroll_into_view_if_needed()
    drag_slider(page, slider, 0.5, 0.004)
    page.wait_for_function(
        "() => { const m = document.querySelector('#vae-gap-numbers').innerText.match(/K = (\\d+)/);"
        " return m && +m[1] < 20; }")
    elbo2, gap2, est2, k2 = _gap(page)
    assert k2 == int(float(slider.locator("input[type=number]").input_value()))
    assert elbo2 == elbo and 0 <= gap2 < gap and est2 < est
    # a new digit: new numbers, K back to 1000
    page.locator("#vae-gallery .thumbnail-item").nth(3).click()
    page.wait_for_function("document.querySelector('#vae-numbers').innerText.includes('(a 1)')")
    page.wait_for_function("document.querySelector('#vae-gap-numbers')?.innerText.includes('K = 1000')")
    assert _gap(page)[0] != elbo
    page.locator("#vae-gap").scroll_into_view_if_needed()
    screenshot(page, "vae-gap", full_page=False)


def _counts(page, elem_id):
    return [int(v.replace(",", "")) for v in re.findall(r"\d[\d,]*\d|\d", page.locator(f"#{elem_id}").inner_text())]


def test_autoencoder_beside_the_vae_and_the_adversarial_autoencoder(app_page):
    from tests.browser import digest, image_bytes
    page = app_page
    page.set_default_timeout(90_000)
    _open(page)
    # 6. the same z ~ N(0, I) through the VAE and the plain autoencoder, counted
    page.locator("#vae-ae-counts").scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('#vae-ae-counts')?.innerText.includes('1,000')")
    n, vae, ae, thousand, seed, vae_all, ae_all = _counts(page, "vae-ae-counts")
    assert thousand == 1000 and seed == 0
    assert n == 40 and 0 <= ae <= n and 0 <= vae <= n
    assert vae_all > 2 * ae_all             # the manifest's 1,000 samples: the VAE generates, the AE not
    explain = page.locator("#vae-ae-explain").inner_text()
    assert "standard deviation of about" in explain
    before = [digest(image_bytes(page, page.locator(f"#{e} img").first)) for e in ("vae-ae-vae", "vae-ae-ae")]
    page.locator("#vae-ae-new").click()
    page.wait_for_function(
        "old => document.querySelector('#vae-ae-ae img')?.src && "
        "document.querySelector('#vae-ae-ae img').src !== old",
        arg=page.locator("#vae-ae-ae img").first.get_attribute("src"))
    page.wait_for_timeout(300)
    after = [digest(image_bytes(page, page.locator(f"#{e} img").first)) for e in ("vae-ae-vae", "vae-ae-ae")]
    assert after[0] != before[0] and after[1] != before[1]
    assert _counts(page, "vae-ae-counts")[5:] == [vae_all, ae_all]    # the manifest's numbers stay

    # 7. the AAE: its map on the ring beside the 2-d VAE's, samples from the ring
    page.locator("#vae-aae-map").scroll_into_view_if_needed()
    page.locator("#vae-aae-map .scatterlayer .trace").first.wait_for()
    assert page.locator("#vae-aae-map .scatterlayer .trace").count() == 12   # prior, centres, 10 digits
    assert page.locator("#vae-aae-vae-map .scatterlayer .trace").count() == 10
    legend = page.locator("#vae-aae-map .legendtext").all_text_contents()
    assert "ring centres" in legend, legend
    text = page.locator("#vae-aae-explain").inner_text()
    assert "10 Gaussians on a ring" in text and "nats" in text
    shown = _counts(page, "vae-aae-counts")
    src = page.locator("#vae-aae-samples img").first.get_attribute("src")
    page.locator("#vae-aae-new").click()
    page.wait_for_function("old => document.querySelector('#vae-aae-samples img')?.src !== old", arg=src)
    assert len(_counts(page, "vae-aae-counts")) == len(shown) == 2
    screenshot(page, "vae-ae-aae", full_page=False)
