"""Every word the LSTM gates tab shows (English; a KO dict can follow)."""

EN = {
    "title": "LSTM gates",
    "intro": (
        "A **recurrent network** reads text one character at a time and keeps a hidden state "
        "$h_t$ that summarises everything read so far; from $h_t$ it predicts the next character. "
        "The same weights are used at every step. A **vanilla RNN** overwrites its memory at each step, "
        "$h_t = \\tanh(W x_t + U h_{t-1} + b)$, so what it read long ago fades. An **LSTM** adds a cell "
        "state $c_t$, a conveyor belt that three gates control: the forget gate $f_t$ (what to keep), "
        "the input gate $i_t$ with the candidate $g_t$ (what to write) and the output gate $o_t$ "
        "(what to show): $c_t = f_t \\odot c_{t-1} + i_t \\odot g_t$, $h_t = o_t \\odot \\tanh(c_t)$. "
        "A **GRU** does it with two gates and no separate cell: the reset gate $r_t$ decides how much "
        "of $h_{t-1}$ the candidate $n_t$ may use, and the update gate $z_t$ mixes old and new, "
        "$h_t = (1 - z_t) \\odot n_t + z_t \\odot h_{t-1}$. This is PyTorch's convention, used here "
        "(and Cho et al.'s, 2014): $z_t = 1$ **keeps the old state**. colah's figure in the course notes "
        "writes $h_t = (1 - z_t) \\odot h_{t-1} + z_t \\odot \\tilde h_t$, where $z_t = 1$ writes the new "
        "value: the same cell, with $z_t$ and $1 - z_t$ swapped.\n\n"
        "The three models below were trained by this project on 2.1 MB of Python standard-library "
        "source code (about 129,000 parameters each). Paste code or prose, press **Analyse**, and "
        "watch every gate of every unit open and close."
    ),
    "text_label": "Text (up to 2,000 characters are analysed)",
    "text_placeholder": "Type or paste code or prose here, then press Analyse.",
    "ex_code": "Code: strings and brackets",
    "ex_prose": "Prose",
    "ex_brackets": "Nested brackets",
    "ex_long_lines": "Long and short lines",
    "ex_unicode": "Characters outside ASCII",
    # the texts of two example buttons (the other examples are code: they stay as they are)
    "ex_prose_text": (
        "The long short-term memory network keeps a cell state, a conveyor belt that runs\n"
        "through time. At every character the forget gate decides what to drop, the input\n"
        "gate decides what to write, and the output gate decides what to show. A plain\n"
        "recurrent network has no such belt: its memory fades within a few dozen steps.\n"
        "\"Quotes\", (brackets) and line breaks are what a good cell learns to follow.\n"
    ),
    "ex_unicode_text": ("# Caf\u00e9 menu: cr\u00e8me br\u00fbl\u00e9e, 5\u20ac\n"
                        "print(\"na\u00efve r\u00e9sum\u00e9 \U0001f642\")\tafter a tab\n"),
    "model_label": "Model",
    "model_lstm": "LSTM (128 units)",
    "model_gru": "GRU (152 units)",
    "model_rnn": "Vanilla RNN (274 units)",
    "model_brackets": "LSTM on brackets (16 units, synthetic)",
    "analyse": "Analyse ▶",
    "info_idle": "Press **Analyse** to run the model over the text.",
    "info": ("**{chars:,} characters** read by the {model}: it needed **{bpc} bits per character** "
             "on this text (held-out Python code: {heldout})."),
    "info_brackets": ("**{chars:,} characters** read by the {model}: it needed **{bpc} bits per "
                      "character** on this text (held-out bracket lines: {heldout})."),
    "not_trained": "not measured",
    "err_empty": "The text box is empty: type or paste some text (or pick an example).",
    "err_model": "Unknown model {key!r}; choose one of {keys}.",
    "err_feature": "Unknown feature {feature!r}.",
    "note_cut": "The text has {n:,} characters; only the first {max:,} are analysed.",
    # the models know only newline and printable ASCII (space to ~); data.py / model.encode
    # turn every other character (tab, é, emoji, Hangul) into one id, which the page shows as {symbol}
    "note_unknown": ("{n} characters outside the models' alphabet (newline and printable ASCII, "
                     "space to ~) are all read as one unknown symbol, shown as {symbol}: the model "
                     "cannot tell them apart. They were: {chars}"),
    "note_unknown_1": ("1 character outside the models' alphabet (newline and printable ASCII, "
                       "space to ~) is read as the unknown symbol, shown as {symbol}: {chars}"),

    # gate and state names
    "input_gate": "input gate i",
    "forget_gate": "forget gate f",
    "output_gate": "output gate o",
    "candidate": "candidate g",
    "candidate_gru": "candidate n",
    "cell": "cell state c",
    "hidden": "hidden state h",
    "reset_gate": "reset gate r",
    "update_gate": "update gate z",
    # the GRU's update gate in PyTorch's convention, h_t = (1 - z) n_t + z h_{t-1}: open keeps the old h
    "update_gate_note": " (green, z = 1: keep the old h)",
    "legend_closed": "0 (closed)",
    "legend_open": "1 (open)",
    "legend_update_low": "0 (write the new n)",
    "legend_update_high": "1 (keep the old h)",

    # 1. heatmaps
    "h_gates": "### 1 · Every gate and state, character by character",
    "gates_explain": (
        "Each heatmap has one row per unit and one column per character (read the text along the "
        "bottom). Gates are between 0 (closed, white) and 1 (open, green); candidate, cell and hidden "
        "values are red when positive and blue when negative. For the GRU's update gate $z$, open "
        "(green) means *keep the old state*: $h_t$ then stays $h_{t-1}$, and $1 - z$ is what is written "
        "from the candidate. The black outline is the unit shown in section 2, the orange line the "
        "step shown in section 3. Hover for the numbers."
    ),
    "window_label": "Heatmap window starts at character",
    "sort_label": "Sort the units by how well they follow the feature (section 2), best on top",
    "units_sorted": "units (sorted)",
    "value": "value",
    "cbar_gate": "gate",
    "cbar_cell": "cell",

    # 2. one unit
    "h_unit": "### 2 · One unit as coloured text",
    "unit_explain": (
        "Like Karpathy, Johnson & Fei-Fei (2015): each character's background shows one unit's value "
        "right after reading it. Hover a character to see the value and the model's top guesses for "
        "the next character. **Find units** ranks all units by how well they follow something a "
        "person recognises (correlation $r$ over this text) and shows the best one."
    ),
    "state_label": "Show",
    "unit_label": "Unit",
    "feature_label": "Feature",
    "find": "Find units",
    "feature_in_string": "inside a string",
    "feature_bracket_depth": "bracket depth",
    "feature_line_position": "position in the line",
    "feature_line_start": "line start (newline and indentation)",
    "feature_in_comment": "inside a comment",
    "find_columns": ["rank", "unit", "correlation r"],
    "find_none": "This text has no '{feature}' to follow (it never changes): try a text that has some.",
    "find_best": "Best: **unit {unit}** of the {state}, r = **{r:+.2f}** with '{feature}'.",
    "unit_legend": "{state}, unit {unit}:",
    "unit_trace": "{state}, unit {unit}",
    "tooltip": "{t}: {value:+.2f} | next: {nxt}",
    "step": "step",

    # 3. one step
    "h_step": "### 3 · Inside the cell at one time step",
    "step_explain": (
        "Drag through time. The diagram is the cell's equations with this unit's real numbers "
        "flowing through them; below it the same equations written out, then every unit's values "
        "at this step (the vector form). On the right: what the model expects next."
    ),
    "t_label": "Time step t (character)",
    "reads": "reading",
    "unit": "unit",
    "of": "of",
    "vector_form": "Vector form: all units at this step (chosen unit outlined)",
    "strip_note": "gates: white = 0, green = 1 · others: blue = -1, white = 0, red = +1",
    "strip_note_cell": " (the cell c as tanh c)",
    "strip_note_gru": " (update z: green = keep the old h)",
    "box_forget": "forget",
    "box_input": "input",
    "box_candidate": "cand.",
    "box_output": "output",
    "box_reset": "reset",
    "box_update": "update",
    "box_update_note": "1 = keep old h",
    "box_write": "write",
    "box_write_note": "1 = write new n",
    "gru_convention": (
        "<b>Which way round?</b> This GRU is PyTorch's: h<sub>t</sub> = (1 &#8722; z<sub>t</sub>)&#183;"
        "n<sub>t</sub> + z<sub>t</sub>&#183;h<sub>t-1</sub>, so an open update gate (z<sub>t</sub> = 1, "
        "green) <b>keeps the old state</b> and 1 &#8722; z<sub>t</sub> is the share written from the "
        "candidate (drawn as the <i>write</i> box). colah's figure in the course notes writes "
        "h<sub>t</sub> = (1 &#8722; z<sub>t</sub>)&#183;h<sub>t-1</sub> + z<sub>t</sub>&#183;h&#771;<sub>t</sub>: "
        "there z<sub>t</sub> = 1 writes the new value. Same cell, z and 1 &#8722; z swapped. "
        "The reset gate sits elsewhere too: PyTorch multiplies r<sub>t</sub> with U<sub>n</sub>h<sub>t-1</sub> "
        "+ b<sub>hn</sub>, <i>after</i> the matrix product; colah and Cho et al. (2014) reset the state "
        "before it, tanh(W x<sub>t</sub> + U (r<sub>t</sub>&#183;h<sub>t-1</sub>))."
    ),
    "rnn_no_gate": "No gates: every step squashes the whole memory through tanh.",
    "next_after": "After \u201c{context}\u201d the model expects",
    "next_actual": "what came next: '{char}' (p = {p:.0%}, orange if in the top 5)",

    # 4. saturation
    "h_sat": "### 4 · Gate saturation",
    "sat_explain": (
        "How often is each gate nearly closed (< 0.1) or nearly open (> 0.9)? Left: the share over "
        "all units and characters. Right: one dot per unit (Karpathy et al., Fig. 3): units near the "
        "dotted line (closed + open = 100%) are saturated at almost every step and act like switches; "
        "forget-gate units in the top left remember for long stretches, and "
        "so do GRU update-gate units there (an open $z$ keeps the old state). "
        "For the vanilla RNN: how often $\\tanh$ is squashed past \u00b10.9, where its slope (and the "
        "gradient through it) is below 0.19."
    ),
    "sat_share": "share of all values",
    "sat_units": "per unit",
    "closed": "closed (< 0.1)",
    "open": "open (> 0.9)",
    "between": "in between",
    "below": "below -0.9",
    "above": "above +0.9",

    # 5. gradient
    "h_grad": "### 5 · Gradient flow: how far back can the loss reach?",
    "grad_explain": (
        "The loss at the last character, $L_T = -\\log p(x_{T+1} \\mid x_{\\le T})$, is "
        "back-propagated to every earlier hidden state. The plot shows $\\lVert \\partial L_T / "
        "\\partial h_t \\rVert$ against how many steps back $h_t$ is, for all three models on the "
        "same text, on a log scale. The vanilla RNN's gradient shrinks step after step, roughly "
        "geometrically (vanishing gradients); the LSTM's cell (where the forget gate stays open) and "
        "the GRU's update gate (where it keeps the old state, $z \\approx 1$) let it travel "
        "further. Computed by hand, step by step (the tests check it against autograd). The table: "
        "the share of the last step's gradient that is left 10, 50, 200 and 1000 steps back."
    ),
    "steps_back": "steps back from the last character (T - t)",
    "grad_norm": "|dL_T / dh_t|",
    "grad_hover": "{model}: %{{x}} steps back (step %{{customdata}})",
    "grad_need_two": "The gradient needs at least two characters.",
    "grad_columns": ["model", "10 steps back", "50 back", "200 back", "1000 back"],
    "rnn": "vanilla RNN",
    "lstm": "LSTM",
    "gru": "GRU",

    # 5b. exploding gradients
    "explode_explain": (
        "**Exploding gradients.** The purple line is the same vanilla RNN with its recurrent matrix "
        "multiplied by $s$: $h_t = \\tanh(W x_t + s\\, U h_{t-1} + b)$ ($s = 1$ is the trained "
        "network). Each step back multiplies the gradient by $U^\\top \\mathrm{diag}(1 - h_t^2)$ (times "
        "$s$): when these products shrink, the gradient vanishes; when they grow, it explodes, to "
        "1e+50 and beyond within a few hundred steps, and one gradient step would throw the weights "
        "far away. Move $s$ and watch it cross over. **Gradient clipping** is the cure: when the "
        "whole gradient's norm $\\lVert g \\rVert$ is above a threshold $\\theta$, use "
        "$g \\, \\theta / \\lVert g \\rVert$ instead (same direction, bounded size; these three "
        "models were trained with $\\theta = 1$). It does nothing for a vanishing gradient."
    ),
    "scale_label": "s: the RNN's recurrent matrix U multiplied by",
    "clip_label": "clip the gradient norm at 1",
    "toy_name": "RNN, U × {scale:.2f}",
    "toy_clipped": "RNN, U × {scale:.2f}, clipped at 1",
    "explode_info": "**U × {scale:.2f}**: the whole gradient has norm ‖g‖ = {norm}; {clip}",
    "explode_clip_off": "not clipped (tick the box to clip it at 1).",
    "explode_clip_none": "that is not above 1, so clipping leaves it as it is.",
    "explode_clip_on": ("clipped at 1, every part of it is multiplied by {factor} (the dotted line "
                        "is before clipping): the direction stays, the size is 1."),

    # 6. sampling
    "h_sample": "### 6 · Continue the text",
    "sample_explain": (
        "The model writes on after your text, one character at a time, each drawn from its "
        "prediction $p(x_{t+1} \\mid x_{\\le t})^{1/T}$ (renormalised). Temperature near 0: always "
        "the likeliest character (repetitive); 1: as trained; above 1: wilder."
    ),
    "temperature": "Temperature",
    "length": "Characters to write",
    "seed": "Seed",
    "sample": "Continue ▶",
    "sample_out": "Continuation (written after the end of your text)",
    "empty_sample": "Type some text first: the model continues from it.",
    # 7. equal budgets
    "h_budget": "### 7 · One budget, three sizes: why 128, 152 and 274 units?",
    "budget_explain": (
        "The three code models get the same budget, about 129,000 parameters, so that their "
        "bits per character compare the cells and not their size. A cell with $g$ weight rows "
        "per unit has $g \\cdot (H x + H^2 + 2H)$ parameters: $W$ is $H \\times x$, $U$ is "
        "$H \\times H$, and PyTorch keeps two bias vectors ($b_{ih}$ and $b_{hh}$). Here $x = 97$ "
        "(the one-hot alphabet) and $H$ is the number of units. The LSTM has $g = 4$ rows per unit "
        "($i, f, g, o$), the GRU $g = 3$ ($r, z, n$), the vanilla RNN $g = 1$; the output layer "
        "adds $V H + V$ with $V = 97$. So one unit costs $g (x + H + 2)$: **a GRU unit has 3/4 of an "
        "LSTM unit's weights**, and for the same budget the GRU gets 152 units, the LSTM 128, the "
        "RNN 274. The numbers below are counted in the loaded models (press **Analyse** first)."
    ),
    "budget_columns": ["model", "units H", "cell: g·(Hx + H² + 2H)", "counted",
                       "per unit", "output: V·H + V", "total"],
    # 8. counting models
    "h_markov": "### 8 · Before the RNN: counting models, AR(τ)",
    "markov_explain": (
        "An autoregressive model of order $\\tau$, AR($\\tau$) (a Markov chain of order $\\tau$), predicts "
        "the next character from the last $\\tau$ characters only, $p(x_t \\mid x_{t-\\tau}, \\dots, x_{t-1})$, "
        "estimated by counting how often each character followed each context in the training text "
        "(the same 2.1 MB of Python the networks read). $\\tau = 0$ is the letter frequency. Most "
        "contexts of 5 or 6 characters were seen rarely or never, so the counts are smoothed: add-k, "
        "$(N(h, c) + k) / (N(h) + k V)$, or interpolated with the next lower order (a discount $d$ "
        "taken from every count and handed down); $k$ or $d$ was chosen on the last 10% of the "
        "training text, and the bits per character are measured on the held-out files the networks "
        "are measured on. A longer context helps only while the counts stay dense: after that the "
        "curve turns up. The RNN, GRU and LSTM are latent-variable models: their hidden state $h_t$ "
        "summarises the whole past (an unbounded memory) with 129,000 parameters, where the counts "
        "of order 6 fill half a million cells (hover the points). The table: what each order, and "
        "the network you analysed, predicts after character $t$ of your text."
    ),
    "err_markov": "The counting models' results are missing: run `{command}`.",
    "markov_name": "counting model AR(τ), held-out",
    "markov_hover": "τ = %{x}: %{y:.3f} bits/char<br>%{customdata:,} (context, next) pairs counted",
    "markov_order": "order τ (characters of context)",
    "markov_bpc": "held-out bits per character",
    "markov_row": "AR({tau})",
    "markov_all": "all {n} characters (h_t)",
    "markov_t_label": "Predict after character t (the end of your text at first)",
    "markov_columns": ["model", "context it reads", "1st guess", "2nd", "3rd", "p(what came)"],
}

# Korean: the course notes' terms (/work/shared/GLOSSARY.ko.md), English in parentheses at first use.
KO = {
    "title": "LSTM 게이트",
    "intro": (
        "**순환 신경망**(recurrent network, RNN)은 텍스트를 한 문자씩 읽으면서, 지금까지 읽은 내용을 "
        "요약하는 은닉 상태(hidden state) $h_t$를 유지하고 $h_t$로 다음 문자를 예측합니다. 모든 "
        "시점(time step)에서 같은 가중치를 씁니다. **바닐라 RNN**은 시점마다 기억을 덮어쓰므로 "
        "($h_t = \\tanh(W x_t + U h_{t-1} + b)$) 오래전에 읽은 내용은 흐려집니다. **LSTM**은 셀 "
        "상태(cell state) $c_t$라는 컨베이어 벨트를 더하고, 세 게이트가 이 벨트를 조절합니다: "
        "망각 게이트(forget gate) $f_t$는 무엇을 남기고 버릴지, 입력 게이트(input gate) $i_t$는 후보 "
        "값(candidate) $g_t$와 함께 무엇을 쓸지, 출력 게이트(output gate) $o_t$는 무엇을 내보일지 "
        "정합니다: $c_t = f_t \\odot c_{t-1} + i_t \\odot g_t$, $h_t = o_t \\odot \\tanh(c_t)$. "
        "**GRU**는 게이트 두 개로 같은 일을 하며 따로 셀을 두지 않습니다: 리셋 게이트 $r_t$는 "
        "후보 값 $n_t$가 $h_{t-1}$을 얼마나 쓸지 정하고, 업데이트 게이트 $z_t$는 이전 값과 새 "
        "값을 섞습니다: $h_t = (1 - z_t) \\odot n_t + z_t \\odot h_{t-1}$. 이 앱은 PyTorch의 규약(Cho 외, "
        "2014와 같음)을 따르므로 $z_t = 1$이면 **이전 상태를 유지합니다**. 강의 노트에 실린 colah의 그림은 "
        "$h_t = (1 - z_t) \\odot h_{t-1} + z_t \\odot \\tilde h_t$로 적어서 $z_t = 1$이면 새 값을 씁니다: "
        "같은 셀에서 $z_t$와 $1 - z_t$의 자리만 바뀐 것입니다.\n\n"
        "아래 세 모델은 이 프로젝트가 Python 표준 라이브러리 소스 코드 2.1 MB로 학습시켰습니다(각각 "
        "파라미터 약 129,000개). 코드나 글을 붙여 넣고 **분석**을 누르면, 모든 유닛의 모든 게이트가 "
        "열리고 닫히는 모습을 볼 수 있습니다."
    ),
    "text_label": "텍스트 (앞의 2,000자까지 분석합니다)",
    "text_placeholder": "코드나 글을 입력하거나 붙여 넣은 뒤 분석을 누르세요.",
    "ex_code": "코드: 문자열과 괄호",
    "ex_prose": "산문",
    "ex_brackets": "중첩된 괄호",
    "ex_long_lines": "긴 줄과 짧은 줄",
    "ex_unicode": "ASCII 밖의 문자",
    # The models read ASCII only: the Korean prose is read as unknown symbols between ASCII
    # spaces, punctuation and newlines, which still shows the line-position units (and what
    # the tab does with Hangul). Checked on the shipped LSTM's cell: units 98 and 11 follow the
    # line position with r = -0.69 / -0.69 here (11 and 98: -0.64 / -0.62 on the English prose).
    "ex_prose_text": (
        "LSTM(장단기 메모리) 신경망은 셀 상태라는 컨베이어 벨트를 두고,\n"
        "이 벨트는 시간을 따라 흐릅니다. 문자마다 망각 게이트는 무엇을 버릴지,\n"
        "입력 게이트는 무엇을 쓸지, 출력 게이트는 무엇을 보여 줄지 정합니다.\n"
        "바닐라 RNN에는 이런 벨트가 없어서 기억이 수십 시점 안에 흐려집니다.\n"
        "\"따옴표\", (괄호), 줄바꿈은 좋은 셀이 따라가도록 배우는 것들입니다.\n"
    ),
    "ex_unicode_text": "# 카페 메뉴: crème brûlée, 5€\nprint(\"안녕하세요, 세계 🙂\")\t탭 뒤\n",
    "model_label": "모델",
    "model_lstm": "LSTM (유닛 128개)",
    "model_gru": "GRU (유닛 152개)",
    "model_rnn": "바닐라 RNN (유닛 274개)",
    "model_brackets": "괄호용 LSTM (유닛 16개, 합성 데이터)",
    "analyse": "분석 ▶",
    "info_idle": "먼저 **분석**을 눌러 모델이 텍스트를 읽게 하세요.",
    "info": ("{model}: **{chars:,}자**를 읽었고, 이 텍스트에 **문자당 {bpc} bits**가 필요했습니다 "
             "(학습에 쓰지 않은 평가용 Python 코드에서는 {heldout})."),
    "info_brackets": ("{model}: **{chars:,}자**를 읽었고, 이 텍스트에 **문자당 {bpc} bits**가 "
                      "필요했습니다 (평가용 괄호 줄에서는 {heldout})."),
    "not_trained": "측정 안 됨",
    "err_empty": "텍스트 상자가 비어 있습니다: 텍스트를 입력하거나 붙여 넣으세요(또는 예시를 고르세요).",
    "err_model": "알 수 없는 모델 {key!r}입니다. 다음 중에서 고르세요: {keys}.",
    "err_feature": "알 수 없는 특징 {feature!r}입니다.",
    "note_cut": "텍스트가 {n:,}자입니다. 앞의 {max:,}자만 분석합니다.",
    "note_unknown": ("이 모델들은 줄바꿈과 일반 ASCII 문자(공백부터 ~까지)만 압니다. 그 밖의 문자(한글, "
                     "탭, 이모지 등)는 모두 같은 '알 수 없는 문자' 기호 하나로 읽고 {symbol}로 표시하므로, "
                     "모델은 이 문자들을 서로 구별하지 못합니다. 이 텍스트에는 {n}개: {chars}"),
    "note_unknown_1": ("이 모델들은 줄바꿈과 일반 ASCII 문자(공백부터 ~까지)만 압니다. 그 밖의 문자 "
                       "1개는 '알 수 없는 문자' 기호로 읽고 {symbol}로 표시합니다: {chars}"),

    # gate and state names
    "input_gate": "입력 게이트 i",
    "forget_gate": "망각 게이트 f",
    "output_gate": "출력 게이트 o",
    "candidate": "후보 값 g",
    "candidate_gru": "후보 값 n",
    "cell": "셀 상태 c",
    "hidden": "은닉 상태 h",
    "reset_gate": "리셋 게이트 r",
    "update_gate": "업데이트 게이트 z",
    # the GRU's update gate in PyTorch's convention, h_t = (1 - z) n_t + z h_{t-1}: open keeps the old h
    "update_gate_note": " (초록, z = 1: 이전 h 유지)",
    "legend_closed": "0 (닫힘)",
    "legend_open": "1 (열림)",
    "legend_update_low": "0 (새 n 쓰기)",
    "legend_update_high": "1 (이전 h 유지)",

    # 1. heatmaps
    "h_gates": "### 1 · 문자마다 모든 게이트와 상태",
    "gates_explain": (
        "히트맵마다 유닛 하나가 한 행, 문자 하나가 한 열입니다(텍스트는 아래쪽을 따라 읽으세요). 게이트 "
        "값은 0(닫힘, 흰색)과 1(열림, 초록) 사이이고, 후보 값·셀 상태·은닉 상태는 양수면 빨강, 음수면 "
        "파랑입니다. GRU의 업데이트 게이트 $z$는 열림(초록)이 *이전 상태를 유지한다*는 뜻입니다: 그때 "
        "$h_t$는 $h_{t-1}$ 그대로이고, 후보 값에서 새로 쓰이는 몫은 $1 - z$입니다. 검은 테두리는 2절에서 "
        "보는 유닛, 주황 선은 3절에서 보는 시점입니다. 마우스를 올리면 숫자가 보입니다."
    ),
    "window_label": "히트맵 창의 시작 문자 위치",
    "sort_label": "특징(2절)을 잘 따르는 순서로 유닛 정렬 (가장 잘 따르는 유닛이 맨 위)",
    "units_sorted": "유닛 (정렬됨)",
    "value": "값",
    "cbar_gate": "게이트",
    "cbar_cell": "셀",

    # 2. one unit
    "h_unit": "### 2 · 유닛 하나를 색칠한 텍스트로",
    "unit_explain": (
        "Karpathy, Johnson & Fei-Fei (2015)처럼, 각 문자의 배경색은 그 문자를 읽은 직후 유닛 하나의 "
        "값입니다. 문자에 마우스를 올리면 그 값과, 모델이 다음 문자로 가장 유력하게 보는 후보들이 "
        "보입니다. **유닛 찾기**는 사람이 알아볼 수 있는 특징(feature)을 얼마나 잘 따르는지(이 "
        "텍스트에서의 상관계수 $r$)로 모든 유닛의 순위를 매기고, 가장 잘 따르는 유닛을 보여 줍니다."
    ),
    "state_label": "보기",
    "unit_label": "유닛",
    "feature_label": "특징",
    "find": "유닛 찾기",
    "feature_in_string": "문자열 안",
    "feature_bracket_depth": "괄호 깊이",
    "feature_line_position": "줄 안에서의 위치",
    "feature_line_start": "줄의 시작 (줄바꿈과 들여쓰기)",
    "feature_in_comment": "주석 안",
    "find_columns": ["순위", "유닛", "상관계수 r"],
    "find_none": ("'{feature}' 특징이 이 텍스트에서 전혀 변하지 않아 따라갈 것이 없습니다: "
                  "그런 부분이 있는 텍스트로 해 보세요."),
    "find_best": "최고: {state}의 **유닛 {unit}**, '{feature}' 특징과의 상관계수 r = **{r:+.2f}**.",
    "unit_legend": "{state}, 유닛 {unit}:",
    "unit_trace": "{state}, 유닛 {unit}",
    "tooltip": "{t}: {value:+.2f} | 다음: {nxt}",
    "step": "시점",

    # 3. one step
    "h_step": "### 3 · 한 시점의 셀 내부",
    "step_explain": (
        "시점을 따라 드래그하세요. 그림은 셀의 식이고, 이 유닛의 실제 숫자가 그 안을 흐릅니다. 그 "
        "아래에는 같은 식을 숫자로 풀어 쓰고, 이어서 이 시점의 모든 유닛 값(벡터 형태)을 보여 줍니다. "
        "오른쪽은 모델이 다음에 올 것으로 예상하는 문자입니다."
    ),
    "t_label": "시점 t (문자)",
    "reads": "읽는 문자",
    "unit": "유닛",
    "of": "/",
    "vector_form": "벡터 형태: 이 시점의 모든 유닛 (선택한 유닛은 테두리)",
    "strip_note": "게이트: 흰색 = 0, 초록 = 1 · 나머지: 파랑 = -1, 흰색 = 0, 빨강 = +1",
    "strip_note_cell": " (셀 c는 tanh c로 표시)",
    "strip_note_gru": " (업데이트 z: 초록 = 이전 h 유지)",
    "box_forget": "망각",
    "box_input": "입력",
    "box_candidate": "후보",
    "box_output": "출력",
    "box_reset": "리셋",
    "box_update": "업데이트",
    "box_update_note": "1 = 이전 h 유지",
    "box_write": "쓰기",
    "box_write_note": "1 = 새 n 쓰기",
    "gru_convention": (
        "<b>어느 쪽일까요?</b> 이 GRU는 PyTorch의 식 h<sub>t</sub> = (1 &#8722; z<sub>t</sub>)&#183;"
        "n<sub>t</sub> + z<sub>t</sub>&#183;h<sub>t-1</sub>을 따릅니다. 그래서 열린 업데이트 게이트"
        "(z<sub>t</sub> = 1, 초록)는 <b>이전 상태를 유지하고</b>, 1 &#8722; z<sub>t</sub>가 후보 값에서 새로 "
        "쓰는 몫입니다(<i>쓰기</i> 상자). 강의 노트에 실린 colah의 그림은 "
        "h<sub>t</sub> = (1 &#8722; z<sub>t</sub>)&#183;h<sub>t-1</sub> + z<sub>t</sub>&#183;h&#771;<sub>t</sub>로 "
        "적으므로, 거기서는 z<sub>t</sub> = 1이 새 값을 씁니다. 같은 셀에서 z와 1 &#8722; z의 자리만 바뀐 "
        "것입니다. 리셋 게이트의 자리도 다릅니다: PyTorch는 r<sub>t</sub>를 행렬 곱 <i>다음에</i> "
        "U<sub>n</sub>h<sub>t-1</sub> + b<sub>hn</sub>에 곱하고, colah와 Cho 외(2014)는 그 전에 상태를 "
        "리셋합니다: tanh(W x<sub>t</sub> + U (r<sub>t</sub>&#183;h<sub>t-1</sub>))."
    ),
    "rnn_no_gate": "게이트 없음: 시점마다 기억 전체를 tanh로 압축합니다.",
    "next_after": "“{context}” 다음 문자 예상",
    "next_actual": "실제로 온 문자: '{char}' (p = {p:.0%}, 상위 5개 안이면 주황)",

    # 4. saturation
    "h_sat": "### 4 · 게이트 포화",
    "sat_explain": (
        "각 게이트는 얼마나 자주 거의 닫히거나(< 0.1) 거의 열릴까요(> 0.9)? 이것이 게이트 "
        "포화(saturation)입니다. 왼쪽: 모든 유닛과 문자에 걸친 비율. 오른쪽: 유닛마다 점 하나(Karpathy 외, "
        "그림 3). 점선(닫힘 + 열림 = 100%) 가까이 있는 유닛은 거의 매 시점 포화되어 스위치처럼 동작하고, "
        "왼쪽 위의 망각 게이트 유닛은 긴 구간을 기억합니다. 그곳의 GRU 업데이트 게이트 유닛도 마찬가지입니다"
        "(열린 $z$는 이전 상태를 유지합니다). 바닐라 RNN은 $\\tanh$가 \u00b10.9 너머로 압축되는 빈도를 "
        "셉니다. 그곳에서는 $\\tanh$의 도함수가 0.19보다 작아서, 그 지점을 지나는 기울기(gradient)도 "
        "그만큼 줄어듭니다."
    ),
    "sat_share": "전체 값 중 비율",
    "sat_units": "유닛별",
    "closed": "닫힘 (< 0.1)",
    "open": "열림 (> 0.9)",
    "between": "중간",
    "below": "-0.9 미만",
    "above": "+0.9 초과",

    # 5. gradient
    "h_grad": "### 5 · 기울기 흐름: 손실은 얼마나 먼 과거까지 닿을까요?",
    "grad_explain": (
        "마지막 문자에서의 손실 $L_T = -\\log p(x_{T+1} \\mid x_{\\le T})$를 앞선 모든 은닉 상태로 "
        "역전파합니다. 그래프는 $\\lVert \\partial L_T / \\partial h_t \\rVert$를 $h_t$가 몇 시점 "
        "전인지에 따라, 같은 텍스트에서 세 모델 모두 로그 스케일로 그립니다. 바닐라 RNN의 기울기는 "
        "시점을 거슬러 갈수록 대략 기하급수적으로 줄어듭니다(기울기 소실, vanishing gradient). LSTM의 "
        "셀(망각 게이트가 열려 있는 곳)과 GRU의 업데이트 게이트(이전 상태를 유지하는 곳, $z \\approx 1$)는 "
        "기울기를 더 멀리 보냅니다. 한 시점씩 직접 계산했습니다(테스트가 autograd와 비교해 "
        "확인합니다). 표: 마지막 시점의 기울기 중 10, 50, 200, 1000 시점 전에 남아 있는 비율."
    ),
    "steps_back": "마지막 문자로부터 몇 시점 전인지 (T - t)",
    "grad_norm": "|dL_T / dh_t|",
    "grad_hover": "{model}: %{{x}} 시점 전 (시점 %{{customdata}})",
    "grad_need_two": "기울기를 계산하려면 문자가 두 개 이상 필요합니다.",
    "grad_columns": ["모델", "10 시점 전", "50 시점 전", "200 시점 전", "1000 시점 전"],
    "rnn": "바닐라 RNN",
    "lstm": "LSTM",
    "gru": "GRU",

    # 5b. exploding gradients
    "explode_explain": (
        "**기울기 폭발.** 보라색 선은 같은 바닐라 RNN에서 순환 행렬에 $s$를 곱한 것입니다: "
        "$h_t = \\tanh(W x_t + s\\, U h_{t-1} + b)$ ($s = 1$이 학습된 신경망). 한 시점 거슬러 갈 때마다 "
        "기울기에 $U^\\top \\mathrm{diag}(1 - h_t^2)$($s$배)가 곱해집니다. 이 곱이 작아지면 기울기가 "
        "소실되고, 커지면 폭발해서 몇백 시점 만에 1e+50을 넘습니다. 그런 기울기로 한 번만 내려가도 "
        "가중치가 멀리 날아갑니다. $s$를 움직여 경계를 넘는 순간을 보세요. 해결책은 **기울기 클리핑**"
        "(gradient clipping)입니다: 전체 기울기의 노름 $\\lVert g \\rVert$가 임계값 $\\theta$보다 크면 "
        "$g \\, \\theta / \\lVert g \\rVert$를 대신 씁니다(방향은 같고 크기는 제한됨; 세 모델은 "
        "$\\theta = 1$로 학습했습니다). 소실되는 기울기에는 아무 도움이 되지 않습니다."
    ),
    "scale_label": "s: RNN의 순환 행렬 U에 곱하는 값",
    "clip_label": "기울기 노름을 1에서 클리핑",
    "toy_name": "U × {scale:.2f}인 RNN",
    "toy_clipped": "U × {scale:.2f}인 RNN, 1에서 클리핑",
    "explode_info": "**U × {scale:.2f}**: 전체 기울기의 노름 ‖g‖ = {norm}; {clip}",
    "explode_clip_off": "클리핑하지 않았습니다(상자를 체크하면 1에서 클리핑합니다).",
    "explode_clip_none": "1보다 크지 않으므로 클리핑해도 그대로입니다.",
    "explode_clip_on": ("1에서 클리핑하면 모든 성분에 {factor}이(가) 곱해집니다(점선은 클리핑 전): "
                        "방향은 그대로이고 크기는 1입니다."),

    # 6. sampling
    "h_sample": "### 6 · 텍스트 이어 쓰기",
    "sample_explain": (
        "모델이 여러분의 텍스트 뒤에 한 문자씩 이어 씁니다. 각 문자는 모델의 예측 "
        "$p(x_{t+1} \\mid x_{\\le t})^{1/T}$(합이 1이 되도록 다시 정규화)에서 뽑습니다. 온도(temperature)가 "
        "0에 가까우면 언제나 가장 그럴듯한 문자(반복적), 1이면 학습된 그대로, 1보다 크면 더 제멋대로입니다."
    ),
    "temperature": "온도",
    "length": "쓸 문자 수",
    "seed": "시드",
    "sample": "이어 쓰기 ▶",
    "sample_out": "이어 쓴 텍스트 (여러분의 텍스트 끝 뒤에 씀)",
    "empty_sample": "먼저 텍스트를 입력하세요: 모델은 그 텍스트에 이어서 씁니다.",
    # 7. equal budgets
    "h_budget": "### 7 · 같은 예산, 세 가지 크기: 왜 128, 152, 274개의 유닛일까요?",
    "budget_explain": (
        "세 코드 모델은 같은 예산, 약 129,000개의 파라미터를 받습니다. 그래야 문자당 비트 수가 "
        "크기가 아니라 셀의 차이를 비교합니다. 유닛마다 가중치 행이 $g$개인 셀의 파라미터는 "
        "$g \\cdot (H x + H^2 + 2H)$개입니다: $W$는 $H \\times x$, $U$는 $H \\times H$이고, PyTorch는 "
        "편향 벡터를 두 개($b_{ih}$와 $b_{hh}$) 둡니다. 여기서 $x = 97$(원-핫 문자 집합)이고 $H$는 "
        "유닛 수입니다. LSTM은 유닛마다 $g = 4$개의 행($i, f, g, o$), GRU는 $g = 3$개($r, z, n$), "
        "바닐라 RNN은 $g = 1$개를 가집니다. 출력층이 $V H + V$개를 더합니다($V = 97$). 따라서 유닛 "
        "하나의 비용은 $g (x + H + 2)$입니다: **GRU 유닛의 가중치는 LSTM 유닛의 3/4**이고, 같은 "
        "예산이면 GRU는 152개, LSTM은 128개, RNN은 274개의 유닛을 가집니다. 아래 숫자는 불러온 "
        "모델에서 직접 센 값입니다(먼저 **분석**을 누르세요)."
    ),
    "budget_columns": ["모델", "유닛 수 H", "셀: g·(Hx + H² + 2H)", "직접 센 값",
                       "유닛당", "출력층: V·H + V", "전체"],
    # 8. counting models
    "h_markov": "### 8 · RNN 이전: 세는 모델, AR(τ)",
    "markov_explain": (
        "차수 $\\tau$의 자기회귀 모델 AR($\\tau$)(차수 $\\tau$의 마르코프 연쇄)는 마지막 $\\tau$개의 문자만 "
        "보고 다음 문자를 예측합니다: $p(x_t \\mid x_{t-\\tau}, \\dots, x_{t-1})$. 이 확률은 학습 텍스트"
        "(신경망이 읽은 것과 같은 2.1 MB의 파이썬 코드)에서 각 문맥 뒤에 각 문자가 몇 번 왔는지 세어서 "
        "구합니다. $\\tau = 0$은 문자 빈도입니다. 5~6개 문자로 된 문맥은 대부분 드물게 나오거나 한 번도 "
        "나오지 않으므로 횟수를 평활화합니다: add-k, $(N(h, c) + k) / (N(h) + k V)$, 또는 한 단계 낮은 "
        "차수와의 보간(모든 횟수에서 할인값 $d$를 떼어 낮은 차수에 넘김). $k$나 $d$는 학습 텍스트의 "
        "마지막 10%로 골랐고, 문자당 bits는 신경망을 평가한 것과 같은 평가용 파일에서 쟀습니다. 문맥이 "
        "길수록 좋은 것은 횟수가 충분히 쌓여 있는 동안뿐이고, 그 뒤로는 곡선이 다시 올라갑니다. RNN, "
        "GRU, LSTM은 잠재 변수 모델입니다: 은닉 상태 $h_t$가 129,000개의 파라미터로 과거 전체를 "
        "요약합니다(제한 없는 기억). 차수 6의 횟수표는 50만 칸을 채웁니다(점 위에 마우스를 올려 보세요). "
        "표: 여러분의 텍스트에서 문자 $t$ 다음에 각 차수와 분석한 신경망이 무엇을 예측하는지."
    ),
    "err_markov": "세는 모델의 결과 파일이 없습니다: `{command}`를 실행하세요.",
    "markov_name": "세는 모델 AR(τ), 평가용 텍스트",
    "markov_hover": "τ = %{x}: 문자당 %{y:.3f} bits<br>(문맥, 다음 문자) 쌍 %{customdata:,}개를 셈",
    "markov_order": "차수 τ (문맥의 문자 수)",
    "markov_bpc": "평가용 텍스트의 문자당 bits",
    "markov_row": "AR({tau}) 모델",
    "markov_all": "문자 {n}개 전부 (h_t)",
    "markov_t_label": "문자 t 다음을 예측 (처음에는 텍스트의 끝)",
    "markov_columns": ["모델", "읽는 문맥", "첫째 예측", "둘째", "셋째", "실제 다음 문자의 확률"],
}
