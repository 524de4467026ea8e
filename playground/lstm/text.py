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
    "note_unknown": ("{n} characters outside the models' alphabet (plain ASCII) are read as the "
                     "unknown symbol {symbol}: {chars}"),
    "note_unknown_1": ("1 character outside the models' alphabet (plain ASCII) is read as the "
                       "unknown symbol {symbol}: {chars}"),

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
        "axes act like switches; forget-gate units in the top left remember for long stretches, and "
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
    "grad_need_two": "The gradient needs at least two characters.",
    "grad_columns": ["model", "10 steps back", "50 back", "200 back", "1000 back"],
    "rnn": "vanilla RNN",
    "lstm": "LSTM",
    "gru": "GRU",

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
}
