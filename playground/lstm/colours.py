"""The colours of the coloured text (Karpathy-style): CSS classes, so that each character
carries a short class name instead of its own style (the HTML of 2,000 characters stays small)."""

LEVELS = 10  # steps each way: g0..g10 for gates (green), n10..n1, z, p1..p10 for signed values
GREEN, RED, BLUE = "44,160,44", "214,39,40", "31,119,180"
MAX_ALPHA = 0.85  # strongest background: black text on it stays readable on a projector


def css() -> str:
    rules = [f".lstm-unit-text .g{k}{{background:rgba({GREEN},{MAX_ALPHA * k / LEVELS:.2f})}}"
             for k in range(LEVELS + 1)]
    rules += [f".lstm-unit-text .{prefix}{k}{{background:rgba({rgb},{MAX_ALPHA * k / LEVELS:.2f})}}"
              for k in range(1, LEVELS + 1) for prefix, rgb in (("p", RED), ("n", BLUE))]
    return "\n".join(rules)
