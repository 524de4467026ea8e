"""One time step of the cell, drawn as SVG with the real numbers of one unit.

The picture follows the equations in model.py: for the LSTM the cell line
c_{t-1} -> (x f_t) -> (+ i_t * g_t) -> c_t runs along the top and
h_t = o_t * tanh(c_t) leaves on the right; each gate is a box coloured by its
value; below the picture the same equations are written out with the numbers
substituted, then the whole vectors (every unit) as coloured strips.

The GRU is PyTorch's, h_t = (1 - z_t) n_t + z_t h_{t-1}: an open update gate z
(green, 1) keeps the old state. The course notes' figure (colah's) has z the other
way round, so the drawing labels z as "keep", draws 1 - z as its own "write" gate,
and a note under the equations says which convention this is.
"""

from __future__ import annotations

import html

import numpy as np

from playground.lstm import model as M

SIG = {"input_gate", "forget_gate", "output_gate", "reset_gate", "update_gate"}
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"


def _fill(v: float, kind: str) -> str:
    if kind == "gate":
        return f"rgba(44,160,44,{0.12 + 0.7 * min(1, max(0, v)):.2f})"
    v = max(-1.0, min(1.0, v))
    return f"rgba(214,39,40,{0.1 + 0.7 * v:.2f})" if v >= 0 else f"rgba(31,119,180,{0.1 - 0.7 * v:.2f})"


def _box(x: float, y: float, title: str, value: float, kind: str = "signed", w: int = 118,
         h: int = 58, note: str = "") -> str:
    """A value box; `note` is a second, smaller line under the title (what an open gate does)."""
    if note:
        h = max(h, 76)
    top = y - 16 if note else y - 7
    return (f'<rect x="{x - w / 2}" y="{y - h / 2}" width="{w}" height="{h}" rx="9" '
            f'fill="{_fill(value, kind)}" stroke="#333" stroke-width="1.5"/>'
            f'<text x="{x}" y="{top}" text-anchor="middle" font-size="15">{title}</text>'
            + (f'<text x="{x}" y="{y + 2}" text-anchor="middle" font-size="12" fill="#222" '
               f'class="box-note">{note}</text>' if note else "")
            + f'<text x="{x}" y="{y + (25 if note else 17)}" text-anchor="middle" font-size="19" '
            f'font-weight="700">{value:+.2f}</text>')


def _op(x: float, y: float, symbol: str) -> str:
    return (f'<circle cx="{x}" cy="{y}" r="16" fill="white" stroke="#333" stroke-width="1.5"/>'
            f'<text x="{x}" y="{y + 6}" text-anchor="middle" font-size="19" font-weight="700">{symbol}</text>')


def _line(*pts: tuple[float, float], arrow: bool = True) -> str:
    d = " ".join(f"{x},{y}" for x, y in pts)
    end = ' marker-end="url(#lstm-arrow)"' if arrow else ""
    return f'<polyline points="{d}" fill="none" stroke="#555" stroke-width="2"{end}/>'


def _label(x: float, y: float, text: str, anchor: str = "middle", size: int = 15) -> str:
    return f'<text x="{x}" y="{y}" text-anchor="{anchor}" font-size="{size}" fill="#222">{text}</text>'


def _svg(body: str, width: int, height: int) -> str:
    return (f'<svg viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px" '
            f'font-family="{FONT}" role="group" xmlns="http://www.w3.org/2000/svg">'
            '<defs><marker id="lstm-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
            'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/>'
            f'</marker></defs>{body}</svg>')


def sub(name: str, t: str = "t") -> str:
    """A variable with a time subscript, as SVG tspans."""
    return f'{name}<tspan baseline-shift="sub" font-size="75%">{t}</tspan>'


def _pre(cell: M.Cell, gate: int, unit: int, x_t: int, h_prev: np.ndarray) -> tuple[float, float]:
    """The two parts of a gate's pre-activation for one unit: W x_t + b, and U h_{t-1}."""
    row = gate * cell.hidden_size + unit
    return (float(cell.W[row, x_t] + cell.b[row]), float(cell.U[row].numpy() @ h_prev))


def _x_label(ch: str) -> str:
    from playground.lstm.views import shown
    return html.escape(repr(shown(ch)) if ch != "\n" else "'\\n' \u23ce")


def step_numbers(rec: dict[str, np.ndarray], kind: str, t: int, unit: int) -> dict[str, float]:
    """The scalars of one unit at step t (the previous step's states are 0 at t = 0)."""
    get = {k: float(v[t, unit]) for k, v in rec.items() if v.ndim == 2}
    get["h_prev"] = float(rec["hidden"][t - 1, unit]) if t > 0 else 0.0
    if kind == "lstm":
        get["c_prev"] = float(rec["cell"][t - 1, unit]) if t > 0 else 0.0
    return get


def cell_diagram(rec: dict[str, np.ndarray], kind: str, cell: M.Cell, text: str, ids: np.ndarray,
                 t: int, unit: int, words: dict[str, str]) -> str:
    """HTML: the diagram for (t, unit), the equations with numbers, and the vector form."""
    t = int(np.clip(t, 0, len(ids) - 1))
    unit = int(np.clip(unit, 0, rec["hidden"].shape[1] - 1))
    n = step_numbers(rec, kind, t, unit)
    h_prev = rec["hidden"][t - 1] if t > 0 else np.zeros(rec["hidden"].shape[1], np.float32)
    x_t = int(ids[t])
    draw = {"lstm": _lstm_svg, "gru": _gru_svg, "rnn": _rnn_svg}[kind]
    svg, equations = draw(n, cell, x_t, h_prev, unit, words)
    head = (f'<div class="lstm-step-head">{words["step"]} <b>t = {t}</b>, {words["reads"]} '
            f'<code>{_x_label(text[t])}</code>; {words["unit"]} <b>{unit}</b> '
            f'{words["of"]} {rec["hidden"].shape[1]}</div>')
    eq = "".join(f"<div>{e}</div>" for e in equations)
    if kind == "gru":  # the notes' figure has z the other way round: say which way this one is
        eq += (f'<div class="lstm-convention" style="font-family:{FONT};font-size:14px;'
               f'line-height:1.6;font-style:normal;color:#333">'
               f'{words["gru_convention"]}</div>')
    return (f'<div class="lstm-diagram">{head}{svg}<div class="lstm-equations">{eq}</div>'
            f'<div class="lstm-vectors-title">{words["vector_form"]}</div>'
            f'{vector_strips(rec, kind, t, unit, words)}</div>')


def _eq(lhs: str, formula: str, parts: str, value: float) -> str:
    return (f'<span class="lhs">{lhs}</span> = {formula} = {parts} = <b>{value:+.3f}</b>')


def _sigma_parts(a: tuple[float, float]) -> str:
    return f"&sigma;({a[0]:+.2f} {a[1]:+.2f})"


def _lstm_svg(n, cell, x_t, h_prev, unit, w):
    i, f, g, o = n["input_gate"], n["forget_gate"], n["candidate"], n["output_gate"]
    c_prev, c, h = n["c_prev"], n["cell"], n["hidden"]
    body = [
        # the cell line along the top: c_{t-1} -> x f -> + i*g -> c_t
        _box(75, 60, sub("c", "t-1"), c_prev), _line((134, 60), (212, 60)), _op(230, 60, "&#215;"),
        _line((246, 60), (392, 60)), _op(410, 60, "+"), _line((426, 60), (716, 60)),
        _box(775, 60, sub("c"), c),
        _label(320, 48, f"f&#183;c = {f * c_prev:+.2f}"), _label(520, 48, f"= {c:+.2f}"),
        # gates in a row, fed by x_t and h_{t-1}
        _box(230, 230, w["box_forget"] + " " + sub("f"), f, "gate"),
        _box(350, 230, w["box_input"] + " " + sub("i"), i, "gate"),
        _box(470, 230, w["box_candidate"] + " " + sub("g"), g),
        _box(590, 230, w["box_output"] + " " + sub("o"), o, "gate"),
        _line((230, 201), (230, 77)),
        _line((350, 201), (350, 160), (396, 150)), _line((470, 201), (470, 160), (424, 150)),
        _op(410, 145, "&#215;"), _line((410, 129), (410, 77)),
        _label(418, 112, f"i&#183;g = {i * g:+.2f}", "start"),
        # output: h_t = o_t * tanh(c_t)
        _line((690, 60), (690, 92)),
        '<rect x="645" y="94" width="90" height="30" rx="6" fill="white" stroke="#333"/>',
        _label(690, 114, f"tanh {np.tanh(c):+.2f}", size=14), _line((690, 124), (690, 159)),
        _op(690, 175, "&#215;"), _line((590, 201), (590, 175), (672, 175)),
        _line((706, 175), (745, 175)), _box(805, 175, sub("h"), h),
        # inputs
        _line((150, 300), (600, 300), arrow=False),
        *[_line((x, 300), (x, 261)) for x in (230, 350, 470, 590)],
        _label(140, 294, f"{sub('x')} = {_x_label(M.VOCAB[x_t])}", "end", 15),
        _label(140, 318, f"{sub('h', 't-1')} ({w['unit']} {unit}: {n['h_prev']:+.2f})", "end", 13),
    ]
    pre = {k: _pre(cell, j, unit, x_t, h_prev) for j, k in enumerate(M.GATES["lstm"])}
    eqs = [
        _eq("f<sub>t</sub>", "&sigma;(W<sub>f</sub>x<sub>t</sub> + b<sub>f</sub> + U<sub>f</sub>h<sub>t-1</sub>)",
            _sigma_parts(pre["forget_gate"]), f),
        _eq("i<sub>t</sub>", "&sigma;(W<sub>i</sub>x<sub>t</sub> + b<sub>i</sub> + U<sub>i</sub>h<sub>t-1</sub>)",
            _sigma_parts(pre["input_gate"]), i),
        _eq("g<sub>t</sub>", "tanh(W<sub>g</sub>x<sub>t</sub> + b<sub>g</sub> + U<sub>g</sub>h<sub>t-1</sub>)",
            f"tanh({pre['candidate'][0]:+.2f} {pre['candidate'][1]:+.2f})", g),
        _eq("o<sub>t</sub>", "&sigma;(W<sub>o</sub>x<sub>t</sub> + b<sub>o</sub> + U<sub>o</sub>h<sub>t-1</sub>)",
            _sigma_parts(pre["output_gate"]), o),
        _eq("c<sub>t</sub>", "f<sub>t</sub>&#183;c<sub>t-1</sub> + i<sub>t</sub>&#183;g<sub>t</sub>",
            f"{f:.2f}&#183;({c_prev:+.2f}) + {i:.2f}&#183;({g:+.2f})", c),
        _eq("h<sub>t</sub>", "o<sub>t</sub>&#183;tanh(c<sub>t</sub>)", f"{o:.2f}&#183;({np.tanh(c):+.2f})", h),
    ]
    return _svg("".join(body), 880, 335), eqs


def _gru_svg(n, cell, x_t, h_prev, unit, w):
    """PyTorch's GRU, h_t = (1 - z) n_t + z h_{t-1}: the update gate z opens the *keep* path
    (h_{t-1} along the top), and 1 - z, drawn as its own 'write' box, opens the candidate's path.
    So green reads right on both: an open z keeps the old state, an open 1 - z writes the new one."""
    r, z, g, h, hp = n["reset_gate"], n["update_gate"], n["candidate"], n["hidden"], n["h_prev"]
    body = [
        # the keep path along the top: h_{t-1} -> x z -> + -> h_t
        _box(75, 60, sub("h", "t-1"), hp), _line((134, 60), (232, 60)), _op(250, 60, "&#215;"),
        _line((266, 60), (572, 60)), _op(590, 60, "+"), _line((606, 60), (716, 60)),
        _box(775, 60, sub("h"), h),
        _label(420, 48, f"z&#183;h = {z * hp:+.2f}"),
        # the gates: z (keep), 1 - z (write), r inside the candidate
        _box(250, 255, w["box_update"] + " " + sub("z"), z, "gate", w=150, note=w["box_update_note"]),
        _box(430, 255, w["box_reset"] + " " + sub("r"), r, "gate"),
        _box(620, 255, w["box_candidate"] + " " + sub("n"), g),
        _line((250, 217), (250, 77)), _line((250, 150), (362, 150)),
        _box(440, 150, w["box_write"] + " 1&#8722;" + sub("z"), 1 - z, "gate", w=150,
             note=w["box_write_note"]),
        _line((515, 150), (572, 150)), _op(590, 150, "&#215;"), _line((620, 226), (620, 175), (602, 162)),
        _line((590, 134), (590, 77)),
        _label(598, 112, f"(1&#8722;z)&#183;n = {(1 - z) * g:+.2f}", "start"),
        _line((489, 255), (558, 255)), _label(524, 245, "r&#183;(Uh+b)", size=13),
        # inputs
        _line((160, 330), (630, 330), arrow=False),
        *[_line((x, 330), (x, y)) for x, y in ((250, 294), (430, 285), (620, 285))],
        _label(150, 324, f"{sub('x')} = {_x_label(M.VOCAB[x_t])}", "end", 15),
        _label(150, 348, f"{sub('h', 't-1')} ({w['unit']} {unit}: {hp:+.2f})", "end", 13),
    ]
    pre = {k: _pre(cell, j, unit, x_t, h_prev) for j, k in enumerate(M.GATES["gru"])}
    b_hn = float(cell.b_hn[unit])
    eqs = [
        _eq("r<sub>t</sub>", "&sigma;(W<sub>r</sub>x<sub>t</sub> + b<sub>r</sub> + U<sub>r</sub>h<sub>t-1</sub>)",
            _sigma_parts(pre["reset_gate"]), r),
        _eq("z<sub>t</sub>", "&sigma;(W<sub>z</sub>x<sub>t</sub> + b<sub>z</sub> + U<sub>z</sub>h<sub>t-1</sub>)",
            _sigma_parts(pre["update_gate"]), z),
        _eq("n<sub>t</sub>", "tanh(W<sub>n</sub>x<sub>t</sub> + b<sub>n</sub> + r<sub>t</sub>&#183;(U<sub>n</sub>h<sub>t-1</sub> + b<sub>hn</sub>))",
            f"tanh({pre['candidate'][0]:+.2f} + {r:.2f}&#183;({pre['candidate'][1] + b_hn:+.2f}))", g),
        _eq("h<sub>t</sub>", "(1 &#8722; z<sub>t</sub>)&#183;n<sub>t</sub> + z<sub>t</sub>&#183;h<sub>t-1</sub>",
            f"{1 - z:.2f}&#183;({g:+.2f}) + {z:.2f}&#183;({hp:+.2f})", h),
    ]
    return _svg("".join(body), 880, 360), eqs


def _rnn_svg(n, cell, x_t, h_prev, unit, w):
    h, hp = n["hidden"], n["h_prev"]
    a = _pre(cell, 0, unit, x_t, h_prev)
    body = [
        '<rect x="20" y="55" width="170" height="44" rx="9" fill="white" stroke="#333"/>',
        _label(105, 83, f"{sub('x')} = {_x_label(M.VOCAB[x_t])}"),
        _box(105, 190, sub("h", "t-1"), hp, w=170),
        _line((190, 77), (312, 125)), _line((190, 190), (312, 145)), _op(330, 135, "+"),
        _label(250, 88, f"Wx+b = {a[0]:+.2f}", size=14), _label(250, 205, f"Uh = {a[1]:+.2f}", size=14),
        _line((346, 135), (452, 135)), _label(400, 125, f"{a[0] + a[1]:+.2f}", size=14),
        '<rect x="455" y="115" width="90" height="40" rx="6" fill="white" stroke="#333"/>',
        _label(500, 141, "tanh"), _line((545, 135), (640, 135)), _box(700, 135, sub("h"), h),
        _label(440, 250, w["rnn_no_gate"], size=14),
    ]
    eqs = [_eq("h<sub>t</sub>", "tanh(W x<sub>t</sub> + b + U h<sub>t-1</sub>)",
               f"tanh({a[0]:+.2f} {a[1]:+.2f})", h)]
    return _svg("".join(body), 880, 280), eqs


def vector_strips(rec: dict[str, np.ndarray], kind: str, t: int, unit: int, words: dict[str, str]) -> str:
    """Every unit of every vector at step t as a row of coloured cells; the chosen unit outlined."""
    H = rec["hidden"].shape[1]
    prev = {"hidden": rec["hidden"][t - 1] if t > 0 else np.zeros(H)}
    rows = [("h_prev", "h<tspan baseline-shift='sub' font-size='75%'>t-1</tspan>", prev["hidden"], "signed")]
    if kind == "lstm":
        c_prev = rec["cell"][t - 1] if t > 0 else np.zeros(H)
        rows = [("c_prev", sub("c", "t-1"), np.tanh(c_prev), "signed")] + rows
    for name in {"lstm": ("forget_gate", "input_gate", "candidate", "output_gate", "cell"),
                 "gru": ("reset_gate", "update_gate", "candidate"), "rnn": ()}[kind]:
        value = np.tanh(rec[name][t]) if name == "cell" else rec[name][t]
        symbol = {"forget_gate": "f", "input_gate": "i", "candidate": "g" if kind == "lstm" else "n",
                  "output_gate": "o", "cell": "c", "reset_gate": "r", "update_gate": "z"}[name]
        rows.append((name, sub(symbol), value, "gate" if name in SIG else "signed"))
    rows.append(("hidden", sub("h"), rec["hidden"][t], "signed"))
    cw = max(2.0, min(6.0, 640 / H))
    width = int(70 + cw * H + 10)
    out = []
    for k, (_, label, values, kind_) in enumerate(rows):
        y = 6 + k * 22
        out.append(_label(60, y + 14, label, "end", 14))
        out.append("".join(f'<rect x="{70 + j * cw:.1f}" y="{y}" width="{cw:.1f}" height="18" '
                           f'fill="{_fill(float(v), kind_)}"/>' for j, v in enumerate(values)))
    x = 70 + unit * cw
    out.append(f'<rect x="{x - 1:.1f}" y="3" width="{cw + 2:.1f}" height="{22 * len(rows) + 2}" '
               f'fill="none" stroke="#111" stroke-width="2"/>')
    note = _label(70, 22 * len(rows) + 22, words["strip_note"]
                  + {"lstm": words["strip_note_cell"], "gru": words["strip_note_gru"]}.get(kind, ""),
                  "start", 12)
    return _svg("".join(out) + note, width, 22 * len(rows) + 30)
