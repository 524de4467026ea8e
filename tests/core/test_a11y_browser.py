"""Every student can use it: axe-core (WCAG 2.2 A and AA rules) on every tab, after its first
use, in both languages: no serious or critical violation. Plus the keyboard: every control
can be reached with Tab and shows where the focus is."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from playground.app import available_topics
from tests.browser import use_tab, wait_language

pytestmark = pytest.mark.browser

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SERIOUS = ("serious", "critical")
axe = Axe()


def audit(page, topic: str) -> list[dict]:
    """axe's violations on the page as it shows `topic` (hidden tabs are not checked)."""
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]})
    return results.response["violations"]


def _summary(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = ["".join(map(str, n["target"])) for n in v["nodes"][:4]]
        lines.append(f"{v['impact']:8} {v['id']} x{len(v['nodes'])}: {v['help']} {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("topic", available_topics())
def test_no_serious_accessibility_violations(en_page, ko_page, lang, topic):
    # both pages asked for by name: the session's pages, which the i18n and links tests then share
    page = {"en": en_page, "ko": ko_page}[lang]
    wait_language(page, lang)
    use_tab(page, topic)
    violations = audit(page, topic)
    serious = [v for v in violations if v["impact"] in SERIOUS]
    print(f"\naxe {topic} ({lang}): {len(serious)} serious/critical rules "
          f"({sum(len(v['nodes']) for v in serious)} elements), {len(violations) - len(serious)} other\n"
          + _summary(violations))
    assert not serious, f"{topic} ({lang}):\n{_summary(serious)}"


# Every control a student can use, and the radio groups (Tab enters a group at its checked
# choice; the arrows move inside it)
CONTROLS = """(root) => {
  const shown = (el) => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})
    && el.getBoundingClientRect().width > 0 && !el.disabled && el.tabIndex >= 0;
  const all = [...document.querySelectorAll(root)].flatMap((r) => [...r.querySelectorAll(
    'button, input, textarea, select, a[href], [role=tab], [tabindex]')]).filter(shown);
  // a name that stays while the control changes (a dropdown opens when focused)
  all.forEach((el, i) => { if (!el.dataset.kbd) el.dataset.kbd = 'c' + i + '-' + el.tagName.toLowerCase(); });
  return all.map((el) => [el.type === 'radio' ? 'radio:' + el.name : el.dataset.kbd,
    el.id || el.getAttribute('aria-label') || el.textContent.trim().slice(0, 40) || el.outerHTML.slice(0, 80)]);
}"""

# Records every element the focus lands on (its control's name, and whether it shows the
# page's focus ring), so that the test reads them once per batch of key presses rather than
# once per press (a round trip to the browser each).
RECORD_FOCUS = """() => {
  window.__kbd = [];
  if (window.__kbdListening) return;
  window.__kbdListening = true;
  document.addEventListener('focusin', (e) => {
    const el = e.target;
    if (!el || el === document.body) return;
    const cs = getComputedStyle(el);
    const ring = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;  // the page's focus ring
    const key = el.type === 'radio' ? 'radio:' + el.name : el.dataset.kbd;
    window.__kbd.push({key: key, ring: ring, html: el.outerHTML.slice(0, 100)});
  }, true);
}"""
TAKE_FOCUSED = "() => window.__kbd.splice(0)"
BATCH = 10   # key presses between two reads


@pytest.mark.parametrize("topic", available_topics())
def test_the_keyboard_reaches_every_control_and_shows_the_focus(en_page, topic):
    page = en_page
    use_tab(page, topic, again=False)  # used already if the axe test ran on this page
    root = f"#page-top, #tab-{topic}"
    described = dict(page.evaluate(CONTROLS, root))
    wanted = set(described)
    page.focus(f"#tab-{topic}-button")
    page.evaluate(RECORD_FOCUS)
    reached, no_ring = set(), []

    def take() -> None:   # what the focus reached since the last read
        for f in page.evaluate(TAKE_FOCUSED):
            reached.add(f["key"])
            if not f["ring"]:
                no_ring.append(f["html"])

    presses = len(wanted) * 2 + 40
    for i in range(presses):
        page.keyboard.press("Tab")
        if (i + 1) % BATCH and i + 1 < presses:   # read every BATCH presses, and after the last
            continue
        take()
        if wanted <= reached:
            break
    missing = wanted - reached
    # the page top comes before the tab: reach it backwards from the tab's button
    page.focus(f"#tab-{topic}-button")
    page.evaluate(TAKE_FOCUSED)
    for _ in range(12):
        page.keyboard.press("Shift+Tab")
    missing -= {f["key"] for f in page.evaluate(TAKE_FOCUSED)}
    assert not missing, f"{topic}: not reachable with Tab: {[described[k] for k in sorted(missing)][:10]}"
    assert not no_ring, f"{topic}: focus not shown on {no_ring[:5]}"


def test_the_language_switch_works_with_the_arrow_keys(open_app):
    page = open_app("en-US")
    wait_language(page, "en")
    page.locator("#lang-switch input[value=en]").focus()
    page.keyboard.press("ArrowLeft")  # the arrows move the choice (한국어 is first)
    wait_language(page, "ko")
    page.keyboard.press("ArrowRight")
    wait_language(page, "en")
