"""Every word the Attention tab shows (translatable: add KO = {...} with the same keys)."""

EN = {
    "title": "Attention",
    "intro": (
        "A transformer has **no recurrence**: it looks at all $n$ positions at once. Each token makes a "
        "**query** $q$, a **key** $k$ and a **value** $v$; how much token $i$ attends to token $j$ is "
        "$\\mathrm{softmax}_j\\left(q_i \\cdot k_j / \\sqrt{d_k}\\right)$, and its output is the "
        "weighted sum of the values. Below: a real pretrained model, then a small encoder-decoder "
        "trained by this project that you can watch write its answer."
    ),

    # --- MiniLM -----------------------------------------------------------------------
    "minilm_heading": "## 1. A real pretrained model: all-MiniLM-L6-v2",
    "minilm_about": (
        "A BERT-style encoder: 6 layers × 12 heads, $d_{model} = 384$, so each head works in "
        "$d_k = 384 / 12 = 32$ dimensions. Type any text; the model reads the **tokens** shown below "
        "(word pieces; `##` continues a word; `[CLS]` and `[SEP]` are added at the start and end). "
        "Every head of every layer computes an $n \\times n$ matrix, so the cost grows with $n^2$: "
        "128 tokens make $6 \\times 12 \\times 128^2 \\approx 1.2$ million weights, the model's limit "
        "of 512 tokens almost 19 million."
    ),
    "text_label": "Text",
    "text_placeholder": "Type a sentence, then press Enter or 'Show attention'",
    "show": "Show attention",
    "examples": "Examples",
    "example_texts": [
        "The animal didn't cross the street because it was too tired.",
        "The trophy would not fit in the brown suitcase because it was too big.",
        "She went to the bank to deposit money, then sat on the river bank.",
        "Attention is all you need.",
        "나는 학교에 갑니다. I am going to school 🏫🙂",
    ],
    "tokens_label": "Tokens the model saw (click one to follow it step by step)",
    "tok_word": "word",
    "tok_special": "special",
    "tok_unknown": "unknown to the model",
    "tok_piece": "word piece",
    "layer": "Layer",
    "head": "Head",
    "average_heads": "Average of the 12 heads",
    "hide_special": "Hide [CLS] / [SEP] (renormalise the rest)",
    "heatmap_title": "Layer {layer}, head {head}: who attends to whom",
    "heatmap_title_avg": "Layer {layer}, average of the 12 heads",
    "hidden_suffix": " ([CLS]/[SEP] hidden, rows renormalised)",
    "axis_query": "query token (row i)",
    "axis_key": "key token (column j): looked at",
    "weight": "weight",
    "grid_avg": "avg",
    "hover_key": "key of %{y}<br>dim %{x}: %{z:.3f}<extra></extra>",
    "hover_wv": "w·v of %{y}<br>dim %{x}: %{z:.4f}<extra></extra>",
    "hover_pe": "position %{y}, dim %{x}: %{z:.3f}<extra></extra>",
    "steps_csv_cols": ["score q·k", "scaled", "weight"],
    "hover_cell": "query <b>%{y}</b><br>key <b>%{x}</b><br>weight %{z:.4f}",
    "grid_label": "### All 6 × 12 heads at once: click one to open it below (last column: the layer's average)",
    "grid_note": (
        "Each small square is one head's full attention matrix (rows: queries, columns: keys), "
        "coloured from white (0) to dark blue (that head's largest weight). Many heads put most of "
        "their weight on `[SEP]` or `[CLS]`, a known habit of BERT models: a place to 'park' "
        "attention when a head has nothing to do. Tick *Hide [CLS] / [SEP]* to see the rest."
    ),
    "csv": "⬇ CSV",
    "grid_csv": "⬇ CSV of all 72 heads",
    "grid_csv_file": "All heads as CSV",
    "png_hint": (
        "Every chart downloads as PNG from the camera icon in its top-right toolbar; the **⬇ CSV** "
        "buttons save the numbers behind it."
    ),

    "steps_heading": "### One token, step by step",
    "steps_about": (
        "Pick the query token (or click it above). These are the real numbers of the chosen layer and "
        "head. ① its query meets every key: $s_j = q \\cdot k_j$. ② scaled: $s_j / \\sqrt{d_k}$ with "
        "$\\sqrt{32} \\approx 5.66$, so the scores do not grow with the dimension. ③ plus the mask "
        "($0$ for every real token; $-\\infty$ would hide padding or the future), then softmax: "
        "$w_j = e^{s_j/\\sqrt{d_k}} / \\sum_{j'} e^{s_{j'}/\\sqrt{d_k}}$, which sums to 1. "
        "④ the output is the weighted sum of the values, $z = \\sum_j w_j v_j$. **Multi-head:** the 12 "
        "heads do this side by side with their own $W_Q, W_K, W_V$; their 12 outputs of 32 numbers are "
        "concatenated (384) and mixed by $W_O$."
    ),
    "query_token": "Query token",
    "steps_titles": ["keys k_j (32 numbers each)", "① q · k_j", "② ÷ √d_k = ÷ {sqrt:.2f}",
                     "③ + mask (0), softmax → w_j", "④ w_j · v_j (weighted values)"],
    "steps_title": "Layer {layer}, head {head}: attention of “{token}” (token {index}), step by step",
    "vectors_title": "q of “{token}” and the head's output z = Σ w_j v_j",
    "vectors_rows": ["q (query)", "z (output)"],
    "dims": "dimension (of d_k = 32)",
    "steps_sentence": (
        "**Strongest key: “{key}”.** $q \\cdot k = {score:.2f}$, $\\div \\sqrt{{32}}$ gives "
        "${scaled:.3f}$, and softmax turns it into $w = {weight:.3f}$: {pct:.1f}% of this head's "
        "attention for “{token}”. The weights of all {n} keys sum to ${total:.6f}$, and they match "
        "the model's own attention row to within $10^{{{exponent}}}$."
    ),
    "steps_avg_note": "The step-by-step view follows one head: head {head} (uncheck *Average* to pick another).",

    # notices about the input
    "note_cut": (
        "✂️ The text is {total} tokens long. The model can read 512, but this tab shows at most "
        "{limit} (so every label stays readable and the page stays quick), so it was **cut after "
        "character {char:,}** of {chars:,}: “…{tail}” is the last text read."
    ),
    "note_chars_cut": "✂️ Only the first {limit:,} characters were read (the text has {chars:,}).",
    "note_controls": "🧹 {count} control character(s) (invisible codes such as NUL or escape) were removed.",
    "note_unk": (
        "❓ {count} token(s) became `[UNK]`: the model's 30,522-piece vocabulary has no piece for "
        "{items}. The model sees only “unknown” there."
    ),
    "note_hangul": (
        "🇰🇷 Korean: this tokenizer lower-cases and strips accents by splitting every character into "
        "its parts, so each Hangul syllable became separate jamo letters (ᄋ ##ᅡ ##ᆫ). The model was "
        "trained on English text and knows these only as rare symbols."
    ),
    "empty_text": "The text is empty: type a sentence (or pick an example).",

    # --- our encoder-decoder ----------------------------------------------------------
    "toy_heading": "## 2. Our own encoder-decoder, writing one token at a time",
    "toy_about": (
        "A small transformer trained by this project (2 encoder + 2 decoder layers, 4 heads, "
        "$d_{model} = 64$) on a task where we **know** where it should look. The **encoder** reads "
        "the whole input at once. The **decoder** writes the answer one character at a time; its "
        "**masked self-attention** may only look at what it has already written (cells above the "
        "diagonal are masked: score $-\\infty$, weight exactly 0), and its **cross-attention** "
        "takes queries from the decoder and keys and values from the encoder."
    ),
    "task": "Task",
    "task_names": {"reverse": "Reverse digits (31415 → 51413)"},
    "task_hint": {
        "reverse": "Cross-attention should form an **anti-diagonal**: the t-th output digit reads input digit n−1−t.",
    },
    "toy_input": "Input",
    "generate": "Generate, step by step",
    "random_example": "Random held-out example",
    "use_pe": "Use the positional encoding (untick to see what breaks without it)",
    "step": "Step (tokens written so far)",
    "toy_layer": "Layer",
    "toy_head": "Head",
    "toy_head_avg": "avg",
    "enc_title": "Encoder self-attention (layer {layer}, {head})",
    "dec_title": "Decoder masked self-attention (layer {layer}, {head})",
    "cross_title": "Cross-attention: decoder → encoder (layer {layer}, {head})",
    "head_word": "head {head}",
    "avg_word": "average of heads",
    "masked_hover": "masked (future): score −∞, weight exactly 0",
    "probs_title": "Step {step}: the decoder's next-character probabilities",
    "toy_axis_out": "decoder position (query)",
    "toy_axis_in": "input character (key)",
    "toy_axis_written": "written so far (key)",
    "toy_axis_in_query": "input character (query)",
    "output_line": "**Input** `{source}` → **output so far** `{written}`{cursor}",
    "output_expected": "  ·  expected `{expected}` {mark}",
    "output_done": "✔ right",
    "output_wrong": "✘ wrong",
    "no_pe_note": "⚠️ Positional encoding switched **off**: the model sees the input as a bag of characters.",
    "allowed": {"reverse": "digits 0-9"},
    "start_mark": "START",
    "end_mark": "END",
    "bad_chars": "The input may only contain these characters: {allowed} (found {bad}).",
    "too_long": "The input is {n} characters long; this model was trained on at most {limit}.",
    "empty_toy": "Type an input first (or press 'Random held-out example').",

    "pe_heading": "### Positional encoding: how the model knows the order",
    "pe_about": (
        "Attention itself ignores order: shuffle the input and each token gets the same weights, "
        "just shuffled. So a fixed pattern is **added** to each token's embedding: "
        "$PE_{pos, 2i} = \\sin(pos / 10000^{2i/d})$, $PE_{pos, 2i+1} = \\cos(pos / 10000^{2i/d})$. "
        "Each pair of dimensions is a clock running at its own speed (fast on the left, slow on the "
        "right), so every position gets its own barcode. The embeddings are scaled by $\\sqrt{d} = 8$, "
        "so the table is a small nudge (±1) on numbers of about ±30, and yet it carries all the order "
        "there is: untick *Use the positional encoding* above and generate again, and the model can no "
        "longer tell the first digit from the last."
    ),
    "pe_title": "The sinusoidal table PE (position × dimension)",
    "pe_adds_titles": ["embedding × √d", "+ PE", "= encoder input"],
    "pe_adds_title": "What the positional encoding adds to “{source}”",
    "pe_axis_pos": "position",
    "pe_axis_dim": "dimension",
}
