"""Every word the "Pixel by pixel" tab shows (English; a KO = {...} dict may follow)."""

EN = {
    "title": "Pixel by pixel",
    "intro": (
        "An **autoregressive model** writes the probability of a whole image as a product of one "
        "small prediction per pixel, in a fixed order (here raster order: row by row, left to right):\n\n"
        "$$p(x) = \\prod_{i=1}^{784} p(x_i \\mid x_1, \\dots, x_{i-1}) = \\prod_i p(x_i \\mid x_{<i})$$\n\n"
        "Each pixel is black or white, so each factor is one number, "
        "$p(x_i = 1 \\mid x_{<i}) = \\sigma(\\text{logit}_i)$, as in NADE. The network here is a "
        "**Gated PixelCNN** trained by this project on 8,000 binarized MNIST digits: masked "
        "convolutions make sure that the prediction for pixel $i$ never sees pixel $i$ or any later one."
    ),
    # sub-tabs
    "tab_generate": "Generate",
    "tab_complete": "Complete",
    "tab_likelihood": "Likelihood",
    "tab_field": "Receptive field",
    "tab_count": "Counting parameters",
    # generate
    "class_label": "Digit to draw (the class the model is conditioned on)",
    "any_class": "any digit (no label)",
    "temperature": "Temperature T: p = σ(logit / T)",
    "temp_x": "p from the model",
    "temp_y": "p used (T = {t:.2f})",
    "temp_hover": "model %{x:.2f} → used %{y:.2f}",
    "samples": "Samples drawn side by side",
    "seed": "Seed (same seed, same digit)",
    "new_seed": "New seed",
    "speed": "Speed",
    "speed_watch": "Watch each pixel (12 pixels/s)",
    "speed_fast": "Fast (120 pixels/s)",
    "speed_max": "As fast as possible",
    "generate": "Generate",
    "stop": "Stop",
    "alt_digit": "the digit so far",
    "alt_probs": "probability map",
    "ink": "ink",
    "paper": "paper",
    "legend_digit": "Left: the digit so far (grey: not drawn yet; amber box: the pixel being decided).",
    "legend_probs": "Right: the probability of ink p(xᵢ = 1 | x<ᵢ) the model gave each pixel:",
    "status_running": "Deciding pixel {i} of {total} (row {row}, column {col})",
    "status_done": ("Done: {n} pixels in {seconds:.2f} s, of which {compute:.2f} s computing "
                    "(the rest is the chosen speed's pauses and drawing frames)."),
    "status_idle": "Press Generate: 784 pixels will be decided one after the other.",
    "generate_explain": (
        "**Sampling is sequential.** Pixel $i$ is drawn from $\\text{Bernoulli}(p_i)$ with "
        "$p_i = p(x_i = 1 \\mid x_{<i})$, and only then can pixel $i+1$ be predicted: 784 steps "
        "for one 28×28 digit, while *training* computes all 784 predictions at once (every "
        "$x_{<i}$ is known then). The probability map shows how sure the model was at each "
        "step: most paper pixels are near 0 (dark), stroke pixels near 1 (yellow), and the "
        "interesting decisions, where a stroke begins or ends, lie in between.\n\n"
        "**Temperature** divides the logit: $T < 1$ pushes every $p_i$ towards 0 or 1 (cleaner, "
        "less varied digits), $T > 1$ towards 0.5 (noisier). **Class**: the network adds a "
        "learned vector for the chosen digit to every layer; *any digit* uses the extra "
        "\"no label\" class it was also trained with.\n\n"
        "*Speed trick:* naively each step runs the whole network (784 full passes). The gated "
        "network's vertical stack only looks at rows above, so it runs once per row (28 times); "
        "per pixel only the horizontal stack's newest column is computed."
    ),
    # complete
    "source": "Digit to complete",
    "source_heldout": "A held-out digit",
    "source_drawing": "My drawing",
    "heldout_index": "Held-out digit number (0-999, never seen in training)",
    "random_digit": "Random held-out digit",
    "draw_here": "Draw a digit (for 'My drawing')",
    "heldout_note": "Held-out digit #{index} (a {label}). ",
    "hide_rows": "Rows to hide (from the bottom)",
    "completions": "Completions side by side",
    "complete_class": "Class of the completions",
    "guess_class": "guess it from the visible rows",
    "completion_as": "Completion {b}: a {y}",
    "posterior_note": "Visible rows suggest p(y | visible): {top}.",
    "complete": "Complete",
    "original": "Given",
    "completion": "Completion",
    "complete_hint": ("{visible} rows visible, {hidden} hidden (greyed, below the dashed line). "
                      "Press Complete: the model draws the hidden rows pixel by pixel."),
    "complete_explain": (
        "**Completion is sampling with the first pixels given.** The visible rows are copied "
        "in as $x_{<i}$ and never changed; sampling starts at the first hidden pixel. Each "
        "completion uses different random numbers, so the same top half can become different "
        "digits: the model's uncertainty made visible. Hide more rows to give it less to go on; "
        "pick a class to steer it (a top half of a 7 asked to become a 9...).\n\n"
        "*Guess it from the visible rows* first asks the class-conditional model which digit the "
        "visible pixels suggest, $p(y \\mid x_{\\text{visible}}) \\propto p(y)\\, "
        "p(x_{\\text{visible}} \\mid y)$ (Bayes' rule; causality makes "
        "$p(x_{\\text{visible}} \\mid y)$ one forward pass), draws a class from it for each "
        "completion, then completes as that class."
    ),
    # likelihood
    "draw_tab": "Draw",
    "upload_tab": "Upload",
    "heldout_tab": "Held-out digit",
    "draw_score": "Draw a digit",
    "score": "Score my drawing",
    "upload_label": "Upload a picture of one digit (PNG or JPEG)",
    "score_upload": "Score the upload",
    "score_heldout": "Score this digit",
    "case_yours": "your digit",
    "case_upside_down": "upside down",
    "case_scribble": "a scribble",
    "case_scrambled": "same ink, scrambled",
    "nll_axis": "−log p(x)  (nats, lower = more probable)",
    "nll_bar_title": "How probable is each image under the model?",
    "typical_band": "real held-out digits (green: 5th-95th percentile, dotted: median)",
    "nats": "nats",
    "bar_text": "{nats:.0f} nats · {bpd:.3f} bits/dim",
    "heat_title": "Cost of each pixel, −log p(xᵢ | x<ᵢ): where the surprises are",
    "heat_hover": "row %{y}, column %{x}<br>pixel: %{customdata[0]:.0f} (1 = ink)<br>"
                  "p(this value | earlier pixels) = %{customdata[1]:.3f}<br>cost −log p = %{z:.2f} nats",
    "class_title": "Which digit is it? p(y | x) = p(x | y) p(y) / p(x)",
    "class_axis": "class y",
    "class_hover": "y = %{x}: p(y | x) = %{y:.3f}",
    "gallery": "What the model sees (binarized, 28×28)",
    "gallery_caption": "{name}: {nats:.0f} nats",
    "score_summary": (
        "<div class='pix-score'><div><span class='pix-big'>{nll:.1f}</span> nats</div>"
        "<div><span class='pix-big'>{bpd:.3f}</span> bits per pixel</div>"
        "<div>p(x) = e<sup>−{nll:.1f}</sup> ≈ 10<sup>−{log10:.1f}</sup></div></div>"
        "<p>{verdict}</p>"),
    "verdict_typical": "That is in the range of real held-out digits: the model finds it a plausible digit.",
    "verdict_unlikely": ("That is less probable than 95% of real held-out digits: unusual for the model "
                         "(an odd style, or not a digit at all). This is how a density model detects anomalies."),
    "verdict_likely": "That is more probable than most held-out digits: a very typical, simple digit.",
    "verdict_unknown": "",
    "likelihood_explain": (
        "**An explicit density model gives every image a probability**: "
        "$\\log p(x) = \\sum_i \\log p(x_i \\mid x_{<i})$, one forward pass for all 784 terms. "
        "The negative log-likelihood is in *nats* (natural log); divided by $784 \\ln 2$ it is "
        "*bits per pixel* (bits/dim). The heat map shows each pixel's cost "
        "$-\\log p(x_i \\mid x_{<i})$: surprises (a stroke where the model expected paper) are red.\n\n"
        "The network is class-conditional, so the density of an unlabelled digit is the average "
        "over the ten classes, $p(x) = \\frac{1}{10}\\sum_y p(x \\mid y)$, still a product of "
        "per-pixel conditionals (each pixel's term weighs the classes by how well they explained "
        "the pixels before it). The same ten passes give $p(y \\mid x)$ by Bayes' rule: a density "
        "model is also a classifier.\n\n"
        "Your drawing is framed like MNIST (20×20 box, centred by mass) and then **binarized** "
        "(grey ≥ 0.5 → ink), because this model only knows black and white pixels. "
        "The same ink upside down, a scribble, or scrambled pixels cost far more nats: a model of "
        "$p(x)$ can flag inputs that do not look like its training data (anomaly detection). "
        "A caveat worth testing: simple images with little ink can score well without looking "
        "like a digit, because most of their pixels are easy to predict."
    ),
    # receptive field
    "field_digit": "Held-out digit shown under the fields",
    "field_click": "Click a pixel in any of the pictures to see what its prediction depends on.",
    "field_plain": "Plain PixelCNN (masked 3×3 convolutions)",
    "field_gated": "Gated PixelCNN (vertical + horizontal stacks)",
    "field_row": "Row",
    "field_col": "Column",
    "field_summary": (
        "<b>Pixel {i}</b> (row {row}, column {col}): {earlier} earlier pixels.<br>"
        "<b>Plain</b>: its prediction depends on {plain_seen} of them; "
        "<span style='color:#2563eb'><b>{plain_blind} earlier pixels inside its reach are invisible</b></span> (the blind spot).<br>"
        "<b>Gated</b>: depends on {gated_seen} of them; {gated_blind} blind pixels.<br>"
        "Later pixels influencing it: plain {plain_future}, gated {gated_future} (always 0: causal)."),
    "field_legend": ("Red: how strongly the prediction for the boxed pixel changes with each input "
                     "pixel, |∂ logit_i / ∂ x_j| (log scale, from backpropagation through the trained "
                     "network). Blue: the blind spot. Hatched grey: pixel i and later ones, which the "
                     "prediction must not see."),
    "field_explain": (
        "**A masked convolution** zeroes the kernel weights that come after the centre pixel in "
        "raster order: the rest of the centre row and every row below. **Mask B**, in the later "
        "layers, keeps the centre itself, since the features there already depend only on earlier "
        "pixels; **mask A**, in the first layer, zeroes the centre too, so pixel $i$ never sees its "
        "own value. Each masked 3×3 layer reaches one row further up and one column further left, "
        "and also one column further right in the row above, so the stacked view grows up, to the "
        "left, and up and to the right along the diagonal. What it never reaches is the wedge of "
        "earlier pixels beyond that diagonal, further right in the rows above: the *blind spot*, "
        "pixels the model is allowed to use but cannot see.\n\n"
        "**The Gated PixelCNN** splits the work into a *vertical stack* that sees every row above "
        "(left and right alike) and a *horizontal stack* that sees the current row to the left; "
        "the vertical stack's output is shifted down one row before it is added to the horizontal "
        "one, so the current row never leaks. No blind spot. Each layer is a gated unit "
        "$y = \\tanh(W_f * x + V_f h) \\odot \\sigma(W_g * x + V_g h)$ with the class $h$ added as a bias."
    ),
    # receptive field: PixelRNN's two LSTM layers (pixelrnn.py)
    "field_row_lstm": "Row LSTM (PixelRNN; small layer, random weights)",
    "field_diagonal": "Diagonal BiLSTM (PixelRNN; small layer, random weights)",
    "field_summary_rnn": (
        "<br><b>Row LSTM</b>: depends on {row_seen} of them, a triangle above; "
        "{row_missed} earlier pixels beside it are never seen.<br>"
        "<b>Diagonal BiLSTM</b>: depends on {diag_seen} of them; {diag_missed} never seen.<br>"
        "Later pixels influencing the LSTM layers: {future} (causal)."),
    "field_rnn_explain": (
        "**PixelRNN's two LSTM layers**, drawn the same way: small layers with random weights "
        "(the shape of the dependency comes from the wiring, not from training), "
        "$|\\partial\\, \\text{logit}_i / \\partial x_j|$ by backpropagation. "
        "The **Row LSTM** processes the image a row at a time: a row's LSTM state comes from a "
        "1×3 convolution of the row above's state, so each row further up adds one pixel on each "
        "side: a *triangle* above the pixel. Earlier pixels beside the triangle are never seen. "
        "The **Diagonal BiLSTM** shifts row $r$ by $r$ pixels (skewing), so each column becomes a "
        "diagonal, and each state then comes from its left and upper neighbours: one direction "
        "sees everything above and to the left; a second LSTM sweeps from the right, its output "
        "shifted down a row so that it adds only rows above. Together they see every earlier "
        "pixel, at the price of a sequential sweep the PixelCNN's convolutions do not need."
    ),
    # parameter counting
    "count_n": "n, the number of binary pixels",
    "count_title": "Numbers needed to describe p(x₁, …, xₙ) for n binary pixels (log scale)",
    "count_x": "n (pixels)",
    "count_y": "numbers (parameters)",
    "count_joint": "full joint = chain rule alone: 2ⁿ − 1",
    "count_chain": "chain rule, no assumption: 2ⁿ − 1",
    "count_independent": "independent pixels: n",
    "count_markov": "Markov chain (each pixel given the previous one): 2n − 1",
    "count_logistic": "each p(xᵢ | x<ᵢ) a logistic regression: n(n+1)/2",
    "count_gated": "this Gated PixelCNN (shared weights, any n)",
    "count_plain": "the plain PixelCNN",
    "count_table": (
        "| model of $p(x_1,\\dots,x_n)$ | numbers for n = {n} |\n|---|---|\n"
        "| full joint table | {joint} |\n"
        "| chain rule $\\prod_i p(x_i \\mid x_{{<i}})$, each factor a full table | {chain} |\n"
        "| independent pixels $\\prod_i p(x_i)$ | {independent} |\n"
        "| Markov $p(x_1)\\prod_i p(x_i \\mid x_{{i-1}})$ | {markov} |\n"
        "| logistic regression per pixel (FVSBN; NADE shares its weights further) | {logistic} |\n"
        "{models}"),
    "count_model_row": "| {label} | {count} |\n",
    "count_explain": (
        "A table of $p(x)$ over $n$ binary pixels needs one number per configuration: "
        "$2^n - 1$ (the last is fixed, they sum to 1). The **chain rule alone changes nothing**: "
        "$p(x_i \\mid x_{<i})$ needs one number per setting of the $i-1$ earlier pixels, "
        "$1 + 2 + 4 + \\dots + 2^{n-1} = 2^n - 1$. **Independence** ($n$ numbers) is cheap but "
        "cannot draw a stroke; a **Markov** assumption ($2n-1$) remembers only the previous pixel. "
        "**Conditional independence is the lever**; neural autoregressive models pull a second "
        "one: they *share* parameters, computing every $p(x_i \\mid x_{<i})$ with one network. A "
        "convolution's weights are the same at every position, so the PixelCNN's count does not "
        "grow with $n$ at all. The price: each prediction depends only on the earlier pixels "
        "within the stacked kernels' reach (10 to 12 rows up for the networks here), not on all "
        "of them as the chain rule allows (NADE, or the Diagonal BiLSTM of PixelRNN, reaches them all)."
    ),
    # NADE (nade.py): generate and score beside the PixelCNNs
    "gen_model": "Model",
    "gen_model_gated": "Gated PixelCNN (class-conditional)",
    "gen_model_nade": "NADE (one shared hidden layer, no class)",
    "nade_no_class": "NADE has no class input: it draws any digit.",
    "model_gated": "Gated PixelCNN",
    "model_plain": "plain PixelCNN",
    "model_nade": "NADE",
    "model_title": "{label}: {nats:.0f} nats<br>(test mean {mean:.1f})",
    "models_title": "The same digit under three models: cost of each pixel −log p(xᵢ | x<ᵢ)",
    "nade_explain": (
        "**NADE** (neural autoregressive distribution estimator) uses the same chain rule and the "
        "same raster order, but every conditional comes from **one shared hidden layer**:\n\n"
        "$$h_i = \\sigma(c + W_{:,<i}\\, x_{<i}), \\qquad p(x_i = 1 \\mid x_{<i}) = \\sigma(b_i + V_i \\cdot h_i)$$\n\n"
        "$W$ and $c$ are shared by all 784 conditionals, so going from pixel $i$ to pixel $i+1$ adds "
        "one column to a running sum, $a_{i+1} = a_i + W_{:,i}\\, x_i$: all 784 conditionals cost "
        "$O(nH)$ instead of $O(n^2H)$ for 784 separate networks. Unlike the PixelCNNs' stacked "
        "kernels, every $h_i$ sees *all* earlier pixels. This NADE has $H = 500$ hidden units and was "
        "trained by this project on the same 8,000 binarized digits (best epoch on the validation "
        "digits). The published NADE reaches 88.3 nats with 50,000 training digits; the test means "
        "above are measured on the 1,000 test digits that no training or selection read. "
        "Choose NADE under *Generate* to watch it draw pixel by pixel."
    ),
    # continuous pixels (continuous.py)
    "tab_continuous": "Continuous pixels",
    "cont_k": "K, the number of logistics in the mixture",
    "cont_left": "Context: the grey level of the pixel to the left, xᵢ₋₁ (0 paper … 255 ink)",
    "cont_title": "p(xᵢ | left neighbour {lo}–{hi}) over the 256 grey levels (log scale)",
    "cont_bernoulli_title": "Bernoulli: 1 parameter, p(ink) = {p:.3f}; it can only say 0 or 255",
    "cont_softmax_title": "256-way softmax: 255 parameters; held-out {bits:.2f} bits per value",
    "cont_mixture_title": "mixture of K = {k} logistics: 3K = {n} parameters; held-out {bits:.2f} bits per value",
    "cont_data": "training pixels",
    "cont_mixture_name": "mixture",
    "cont_x": "grey level of xᵢ (0 = paper, 255 = ink)",
    "cont_hover_data": "value %{x}: %{y:.2e} of the training pixels",
    "cont_hover_model": "value %{x}: p = %{y:.2e}",
    "cont_table": (
        "| model of one pixel, left neighbour {lo}–{hi} ({n:,} training pixels) | parameters | "
        "held-out bits per value |\n|---|---|---|\n"
        "| Bernoulli, p(ink) = {p:.3f} | 1 | ∞: a grey value has probability 0 |\n"
        "| 256-way softmax | 255 | {soft_bits:.3f} |\n"
        "| mixture of K = {k} logistics | 3K = {mix_n} | {mix_bits:.3f} |\n"),
    "cont_explain": (
        "**A binary pixel needs one number**, $p(x_i = 1 \\mid x_{<i})$: a Bernoulli. A grey pixel "
        "has 256 values. PixelRNN and PixelCNN on 8-bit images predict a **256-way softmax**: 255 "
        "free numbers per pixel, any shape, but values 127 and 128 are unrelated to the model, and "
        "the network has to output 256 logits per colour channel. PixelCNN++ instead predicts a "
        "**mixture of K logistics**, $p(x) = \\sum_k \\pi_k\\, \\text{logistic}(x; \\mu_k, s_k)$, "
        "*discretized*: value $v$ gets the mixture's mass between $v - 0.5$ and $v + 0.5$, and the "
        "ends take the tails, so pure paper (0) and pure ink (255) stay cheap. $3K$ numbers "
        "($\\pi_k$, $\\mu_k$, $s_k$), and nearby values get nearby probabilities. A mixture of "
        "Gaussians works the same way.\n\n"
        "Here every model is fitted by maximum likelihood to the real grey pixels of the 8,000 "
        "training digits, grouped by one piece of context, the grey level of the pixel to the left "
        "(what an autoregressive model would condition on). The held-out cost is measured on the "
        "1,000 test digits, in bits per pixel value (a uniform guess costs 8). Move the context: "
        "after paper almost everything is paper, after ink most pixels are ink. Move K: a few "
        "logistics already come close to the 255-parameter softmax, which has so many training "
        "pixels here that it can afford its 255 numbers."
    ),
    # errors
    "error_upload_small": "That picture is {w}×{h} pixels: too small to hold a digit (at least 8×8, please).",
    "error_no_upload": "Upload a picture of a digit first.",
    "error_blank": "The drawing is blank: draw a digit first.",
    "error_uniform": ("The picture is all one colour: there is no digit on it. "
                      "Draw or upload a digit, dark on light or light on dark."),
    "error_faint": ("After turning the picture into black-and-white pixels almost nothing is left: "
                    "draw the digit with a thicker or darker stroke."),
    # worker.py, when a sampler process dies without answering
    "error_sampler_ended": "the sampler process ended without a result (exit code {code})",
}

# Korean: the course notes' terms (shared/GLOSSARY.ko.md), English in parentheses at a
# term's first use in each sub-tab. Formulas, placeholders and HTML as in EN.
KO = {
    "title": "픽셀 단위로",
    "intro": (
        "**자기회귀 모델**(autoregressive model)은 이미지 전체의 확률을 픽셀마다 하나씩 내는 작은 "
        "예측들의 곱으로 씁니다. 픽셀의 순서는 고정되어 있으며, 여기서는 한 행씩 왼쪽에서 오른쪽으로 "
        "가는 래스터 순서(raster order)입니다.\n\n"
        "$$p(x) = \\prod_{i=1}^{784} p(x_i \\mid x_1, \\dots, x_{i-1}) = \\prod_i p(x_i \\mid x_{<i})$$\n\n"
        "각 픽셀은 검은색 아니면 흰색이므로, NADE에서처럼 인수 하나가 숫자 하나입니다: "
        "$p(x_i = 1 \\mid x_{<i}) = \\sigma(\\text{logit}_i)$. 여기 있는 신경망은 이 프로젝트가 "
        "이진화된 MNIST 숫자 8,000개로 학습한 **Gated PixelCNN**입니다. 마스크 합성곱(masked "
        "convolution) 덕분에 픽셀 $i$에 대한 예측은 픽셀 $i$도, 그 뒤의 어떤 픽셀도 보지 않습니다."
    ),
    # sub-tabs
    "tab_generate": "생성",
    "tab_complete": "완성",
    "tab_likelihood": "우도",
    "tab_field": "수용 영역",
    "tab_count": "파라미터 세기",
    # generate
    "class_label": "그릴 숫자 (모델에 조건으로 주는 클래스)",
    "any_class": "아무 숫자 (라벨 없음)",
    "temperature": "온도(temperature) T: p = σ(logit / T)",
    "temp_x": "모델이 준 p",
    "temp_y": "사용하는 p (T = {t:.2f})",
    "temp_hover": "모델 %{x:.2f} → 사용 %{y:.2f}",
    "samples": "나란히 뽑을 샘플 수",
    "seed": "시드 (같은 시드면 같은 숫자)",
    "new_seed": "새 시드",
    "speed": "속도",
    "speed_watch": "픽셀마다 보기 (초당 12픽셀)",
    "speed_fast": "빠르게 (초당 120픽셀)",
    "speed_max": "최대한 빠르게",
    "generate": "생성",
    "stop": "중지",
    "alt_digit": "지금까지 그린 숫자",
    "alt_probs": "확률 지도",
    "ink": "잉크",
    "paper": "종이",
    "legend_digit": "왼쪽: 지금까지 그린 숫자 (회색: 아직 안 그린 픽셀, 주황색 상자: 지금 정하는 픽셀).",
    "legend_probs": "오른쪽: 모델이 각 픽셀에 준 잉크 확률 p(xᵢ = 1 | x<ᵢ):",
    "status_running": "픽셀 {total}개 중 {i}번 픽셀을 정하는 중 (행 {row}, 열 {col})",
    "status_done": ("완료: 픽셀 {n}개에 {seconds:.2f}초, 그중 계산은 {compute:.2f}초 "
                    "(나머지는 고른 속도에 따른 대기와 프레임 그리기입니다)."),
    "status_idle": "생성을 누르세요: 픽셀 784개를 하나씩 차례로 정합니다.",
    "generate_explain": (
        "**샘플링은 순차적입니다.** 픽셀 $i$는 $p_i = p(x_i = 1 \\mid x_{<i})$인 베르누이 분포 "
        "$\\text{Bernoulli}(p_i)$에서 뽑고, 그다음에야 픽셀 $i+1$을 예측할 수 있습니다. 28×28 숫자 "
        "하나에 784단계가 걸리지만, *학습*할 때는 784개 예측을 한 번에 계산합니다(그때는 모든 "
        "$x_{<i}$를 알고 있으니까요). 확률 지도는 각 단계에서 모델이 얼마나 확신했는지 보여 줍니다. "
        "종이 픽셀은 대부분 0 근처(어두운 색), 획 픽셀은 1 근처(노란색)이고, 획이 시작하거나 끝나는 "
        "흥미로운 결정은 그 사이에 있습니다.\n\n"
        "**온도**는 로짓(logit)을 나눕니다. $T < 1$이면 모든 $p_i$가 0이나 1 쪽으로 밀리고(더 깔끔하고 "
        "덜 다양한 숫자), $T > 1$이면 0.5 쪽으로 밀립니다(더 지저분한 숫자). **클래스**: 신경망은 "
        "고른 숫자에 대해 학습한 벡터를 모든 레이어에 더합니다. *아무 숫자*는 학습 때 함께 쓴 추가 "
        "클래스 \"라벨 없음\"을 씁니다.\n\n"
        "*속도 요령:* 단순하게 하면 단계마다 신경망 전체를 실행합니다(순전파 784번). Gated PixelCNN의 "
        "수직 스택은 위쪽 행만 보므로 행마다 한 번(28번)만 실행하고, 픽셀마다 "
        "수평 스택의 가장 새로운 열만 계산합니다."
    ),
    # complete
    "source": "완성할 숫자",
    "source_heldout": "평가용 숫자",
    "source_drawing": "내 그림",
    "heldout_index": "평가용 숫자 번호 (0-999, 학습에 쓰지 않은 숫자)",
    "random_digit": "무작위 평가용 숫자",
    "draw_here": "숫자를 그리세요 ('내 그림'용)",
    "heldout_note": "평가용 숫자 #{index} (라벨 {label}). ",
    "hide_rows": "가릴 행 수 (아래부터)",
    "completions": "나란히 만들 완성 개수",
    "complete_class": "완성할 클래스",
    "guess_class": "보이는 행에서 추측",
    "completion_as": "완성 {b}: {y}",
    "posterior_note": "보이는 행이 가리키는 클래스 p(y | 보이는 행): {top}.",
    "complete": "완성",
    "original": "주어진 숫자",
    "completion": "완성",
    "complete_hint": ("{visible}행은 보이고 {hidden}행은 가려져 있습니다 (점선 아래 회색). "
                      "완성을 누르면 모델이 가려진 행을 픽셀 단위로 그립니다."),
    "complete_explain": (
        "**완성(completion)은 앞쪽 픽셀이 주어진 상태에서 하는 샘플링입니다.** 보이는 행은 $x_{<i}$로 "
        "그대로 복사되고 바뀌지 않으며, 샘플링은 가려진 첫 픽셀에서 시작합니다. 완성마다 다른 난수를 "
        "쓰므로 같은 위쪽 절반이 서로 다른 숫자가 될 수 있습니다: 모델의 불확실성이 눈에 보이는 것입니다. "
        "행을 더 가리면 모델이 참고할 정보가 줄어듭니다. 클래스를 골라 방향을 정할 수도 있습니다"
        "(7의 위쪽 절반을 9로 만들라고 하면...).\n\n"
        "*보이는 행에서 추측*은 먼저 클래스 조건부(class-conditional) 모델에게 보이는 픽셀이 어떤 숫자를 "
        "가리키는지 묻습니다: $p(y \\mid x_{\\text{visible}}) \\propto p(y)\\, "
        "p(x_{\\text{visible}} \\mid y)$ (베이즈 정리. 모델이 인과적(causal)이라 뒤의 픽셀을 보지 않으므로 "
        "$p(x_{\\text{visible}} \\mid y)$는 순전파 한 번이면 됩니다). 완성마다 이 분포에서 클래스를 "
        "하나 뽑은 다음 그 클래스로 완성합니다."
    ),
    # likelihood
    "draw_tab": "그리기",
    "upload_tab": "업로드",
    "heldout_tab": "평가용 숫자",
    "draw_score": "숫자를 그리세요",
    "score": "내 그림 채점",
    "upload_label": "숫자 하나가 있는 그림을 업로드하세요 (PNG 또는 JPEG)",
    "score_upload": "업로드한 그림 채점",
    "score_heldout": "이 숫자 채점",
    "case_yours": "입력한 숫자",
    "case_upside_down": "거꾸로 뒤집은 숫자",
    "case_scribble": "낙서",
    "case_scrambled": "같은 잉크, 뒤섞음",
    "nll_axis": "−log p(x)  (nats, 낮을수록 확률이 높음)",
    "nll_bar_title": "모델이 보기에 각 이미지의 확률은 얼마나 될까요?",
    "typical_band": "실제 평가용 숫자 (초록: 5-95 백분위, 점선: 중앙값)",
    "nats": "nats",
    "bar_text": "{nats:.0f} nats · {bpd:.3f} bits/dim",
    "heat_title": "픽셀마다의 비용 −log p(xᵢ | x<ᵢ): 모델이 놀란 곳",
    "heat_hover": "행 %{y}, 열 %{x}<br>픽셀: %{customdata[0]:.0f} (1 = 잉크)<br>"
                  "p(이 값 | 앞의 픽셀) = %{customdata[1]:.3f}<br>비용 −log p = %{z:.2f} nats",
    "class_title": "어떤 숫자일까요? p(y | x) = p(x | y) p(y) / p(x)",
    "class_axis": "클래스 y",
    "class_hover": "y = %{x}: p(y | x) = %{y:.3f}",
    "gallery": "모델이 보는 이미지 (이진화, 28×28)",
    "gallery_caption": "{name}: {nats:.0f} nats",
    "score_summary": (
        "<div class='pix-score'><div><span class='pix-big'>{nll:.1f}</span> nats</div>"
        "<div><span class='pix-big'>{bpd:.3f}</span> 픽셀당 bits</div>"
        "<div>p(x) = e<sup>−{nll:.1f}</sup> ≈ 10<sup>−{log10:.1f}</sup></div></div>"
        "<p>{verdict}</p>"),
    "verdict_typical": "실제 평가용 숫자의 범위 안입니다: 모델은 그럴듯한 숫자로 봅니다.",
    "verdict_unlikely": ("실제 평가용 숫자의 95%보다 확률이 낮습니다: 모델에게는 드문 입력입니다"
                         "(특이한 필체이거나 아예 숫자가 아닌 것). 밀도 모델은 이렇게 이상을 탐지합니다."),
    "verdict_likely": "대부분의 평가용 숫자보다 확률이 높습니다: 아주 전형적이고 단순한 숫자입니다.",
    "verdict_unknown": "",
    "likelihood_explain": (
        "**명시적 밀도 모델(explicit density model)은 모든 이미지에 확률을 줍니다**: "
        "$\\log p(x) = \\sum_i \\log p(x_i \\mid x_{<i})$, 784개 항 모두가 순전파 한 번에 나옵니다. "
        "음의 로그 우도(negative log-likelihood)의 단위는 *nats*(자연로그)이고, $784 \\ln 2$로 나누면 "
        "*픽셀당 bits*(bits/dim)입니다. 히트맵은 픽셀마다의 비용 $-\\log p(x_i \\mid x_{<i})$를 "
        "보여 줍니다: 놀라운 픽셀(모델은 종이를 예상했는데 획이 있는 곳)은 빨간색입니다.\n\n"
        "이 신경망은 클래스 조건부 모델이므로, 라벨 없는 숫자의 밀도는 열 클래스의 평균 "
        "$p(x) = \\frac{1}{10}\\sum_y p(x \\mid y)$입니다. 이것도 여전히 픽셀별 조건부 분포의 곱입니다"
        "(각 픽셀의 항은 앞의 픽셀들을 얼마나 잘 설명했는지에 따라 클래스에 가중치를 줍니다). 같은 열 번의 "
        "계산으로 베이즈 정리에 따라 $p(y \\mid x)$도 나옵니다: 밀도 모델은 분류기이기도 합니다.\n\n"
        "그린 숫자는 MNIST처럼 틀을 맞춘 다음(20×20 상자, 무게중심으로 가운데 정렬) **이진화**합니다"
        "(회색 ≥ 0.5 → 잉크). 이 모델은 검은 픽셀과 흰 픽셀만 알기 때문입니다. "
        "같은 잉크를 거꾸로 뒤집거나, 낙서하거나, 픽셀을 뒤섞으면 훨씬 많은 nats가 듭니다: "
        "$p(x)$의 모델은 학습 데이터와 닮지 않은 입력을 가려낼 수 있습니다(이상 탐지, anomaly detection). "
        "직접 확인해 볼 만한 주의점: 잉크가 적은 단순한 이미지는 숫자처럼 보이지 않아도 점수가 좋을 수 "
        "있습니다. 픽셀 대부분을 예측하기 쉽기 때문입니다."
    ),
    # receptive field
    "field_digit": "수용 영역 아래에 보여 줄 평가용 숫자",
    "field_click": "네 그림 중 어디에서든 픽셀을 클릭하세요: 그 픽셀의 예측이 어떤 픽셀에 의존하는지 보여 줍니다.",
    "field_plain": "일반 PixelCNN (마스크 3×3 합성곱)",
    "field_gated": "Gated PixelCNN (수직 + 수평 스택)",
    "field_row": "행",
    "field_col": "열",
    "field_summary": (
        "<b>픽셀 {i}</b> (행 {row}, 열 {col}): 앞선 픽셀 {earlier}개.<br>"
        "<b>일반 PixelCNN</b>: 예측이 그중 {plain_seen}개에 의존합니다. "
        "<span style='color:#2563eb'><b>닿는 범위 안의 앞선 픽셀 {plain_blind}개가 보이지 않습니다</b></span>: "
        "맹점(blind spot)입니다.<br>"
        "<b>Gated PixelCNN</b>: 그중 {gated_seen}개에 의존합니다. 맹점 픽셀 {gated_blind}개.<br>"
        "예측에 영향을 주는 뒤의 픽셀: 일반 {plain_future}개, Gated {gated_future}개 (항상 0: 인과적)."),
    "field_legend": ("빨간색: 각 입력 픽셀이 바뀔 때 상자 친 픽셀의 예측이 얼마나 크게 바뀌는지, "
                     "|∂ logit_i / ∂ x_j| (로그 스케일, 학습된 신경망을 거슬러 역전파로 계산). "
                     "파란색: 맹점. 빗금 친 회색: 픽셀 i와 그 뒤의 픽셀, 즉 예측이 보면 안 되는 픽셀."),
    "field_explain": (
        "**마스크 합성곱**(masked convolution)은 래스터 순서로 중심 픽셀 *뒤에* 오는 커널 가중치, 즉 "
        "중심 행의 나머지와 그 아래의 모든 행을 0으로 만듭니다. 뒤쪽 레이어의 **마스크 B**는 중심 자체를 "
        "남기고(그곳의 특징은 이미 앞선 픽셀에만 의존하므로), 첫 레이어의 **마스크 A**는 중심까지 0으로 "
        "만들어 픽셀 $i$가 자기 값을 보지 못하게 합니다. 마스크 3×3 레이어 하나는 한 행 더 위와 한 열 더 "
        "왼쪽에 닿고, 바로 위 행에서는 한 열 더 오른쪽에도 닿습니다. 그래서 쌓인 레이어가 보는 범위(수용 "
        "영역, receptive field)는 위쪽, 왼쪽, 그리고 대각선을 따라 오른쪽 위로 넓어집니다. 끝내 닿지 못하는 "
        "곳은 그 대각선 너머, 위쪽 행들에서 더 오른쪽에 있는 앞선 픽셀들의 쐐기 모양 영역입니다: 이것이 "
        "*맹점*(blind spot), 즉 모델이 써도 되지만 보지 못하는 픽셀들입니다.\n\n"
        "**Gated PixelCNN**은 일을 둘로 나눕니다: 위쪽의 모든 행을 (왼쪽과 오른쪽 모두) 보는 "
        "*수직 스택*(vertical stack)과 현재 행의 왼쪽을 보는 *수평 스택*(horizontal stack)입니다. "
        "수직 스택의 출력은 한 행 아래로 밀린 다음 수평 스택에 더해지므로 현재 행이 새어 들어가지 않습니다. "
        "맹점이 없습니다. 각 레이어는 게이트 유닛 "
        "$y = \\tanh(W_f * x + V_f h) \\odot \\sigma(W_g * x + V_g h)$이고, 클래스 $h$는 편향(bias)으로 더해집니다."
    ),
    # receptive field: PixelRNN's two LSTM layers (pixelrnn.py)
    "field_row_lstm": "Row LSTM (PixelRNN, 작은 레이어, 무작위 가중치)",
    "field_diagonal": "Diagonal BiLSTM (PixelRNN, 작은 레이어, 무작위 가중치)",
    "field_summary_rnn": (
        "<br><b>Row LSTM</b>: 그중 {row_seen}개에 의존합니다. 위쪽의 삼각형입니다. "
        "그 옆의 앞선 픽셀 {row_missed}개는 전혀 보지 못합니다.<br>"
        "<b>Diagonal BiLSTM</b>: 그중 {diag_seen}개에 의존합니다. 보지 못하는 픽셀 {diag_missed}개.<br>"
        "LSTM 레이어의 예측에 영향을 주는 뒤의 픽셀: {future}개 (인과적)."),
    "field_rnn_explain": (
        "**PixelRNN의 두 LSTM 레이어**도 같은 방법으로 그렸습니다. 무작위 가중치를 가진 작은 레이어이고"
        "(의존하는 모양은 학습이 아니라 연결 구조에서 나옵니다), "
        "$|\\partial\\, \\text{logit}_i / \\partial x_j|$를 역전파로 계산했습니다. "
        "**Row LSTM**은 이미지를 한 행씩 처리합니다. 한 행의 LSTM 상태는 위 행 상태의 1×3 합성곱에서 "
        "오므로, 한 행 위로 갈 때마다 양쪽으로 한 픽셀씩 넓어집니다: 픽셀 위쪽의 *삼각형*입니다. "
        "삼각형 옆의 앞선 픽셀은 전혀 보지 못합니다. "
        "**Diagonal BiLSTM**은 행 $r$을 $r$픽셀만큼 밀어서(스큐, skewing) 각 열이 대각선이 되게 하고, "
        "각 상태가 왼쪽과 위쪽 이웃에서 오게 합니다. 한 방향은 위쪽과 왼쪽을 모두 봅니다. 두 번째 LSTM은 "
        "오른쪽에서부터 훑고, 그 출력을 한 행 아래로 밀어서 위쪽 행만 더하게 합니다. 둘을 합치면 앞선 "
        "픽셀을 모두 봅니다. 대신 PixelCNN의 합성곱에는 필요 없는 순차적인 훑기가 필요합니다."
    ),
    # parameter counting
    "count_n": "n, 이진 픽셀의 개수",
    "count_title": "이진 픽셀 n개의 p(x₁, …, xₙ)를 나타내는 데 필요한 수 (로그 스케일)",
    "count_x": "n (픽셀 수)",
    "count_y": "필요한 수 (파라미터)",
    "count_joint": "전체 결합 분포 = 연쇄법칙만 적용: 2ⁿ − 1",
    "count_chain": "연쇄법칙, 가정 없음: 2ⁿ − 1",
    "count_independent": "독립인 픽셀: n",
    "count_markov": "마르코프 연쇄 (각 픽셀이 바로 앞 픽셀에만 의존): 2n − 1",
    "count_logistic": "각 p(xᵢ | x<ᵢ)가 로지스틱 회귀: n(n+1)/2",
    "count_gated": "이 Gated PixelCNN (가중치 공유, n과 무관)",
    "count_plain": "일반 PixelCNN",
    "count_table": (
        "| $p(x_1,\\dots,x_n)$의 모델 | n = {n}일 때 필요한 수 |\n|---|---|\n"
        "| 전체 결합 분포 표 | {joint} |\n"
        "| 연쇄법칙 $\\prod_i p(x_i \\mid x_{{<i}})$, 인수마다 전체 표 | {chain} |\n"
        "| 독립인 픽셀 $\\prod_i p(x_i)$ | {independent} |\n"
        "| 마르코프 $p(x_1)\\prod_i p(x_i \\mid x_{{i-1}})$ | {markov} |\n"
        "| 픽셀마다 로지스틱 회귀 (FVSBN; NADE는 가중치를 더 공유합니다) | {logistic} |\n"
        "{models}"),
    "count_model_row": "| {label} | {count} |\n",
    "count_explain": (
        "이진 픽셀 $n$개에 대한 $p(x)$를 표로 적으려면 가능한 픽셀 값 조합마다 숫자가 하나씩 필요합니다: "
        "$2^n - 1$개(합이 1이므로 마지막 하나는 정해집니다). **연쇄법칙(chain rule)만으로는 아무것도 "
        "줄지 않습니다**: $p(x_i \\mid x_{<i})$는 앞선 픽셀 $i-1$개의 값 조합마다 숫자가 하나씩 필요해서 "
        "$1 + 2 + 4 + \\dots + 2^{n-1} = 2^n - 1$입니다. **독립**($n$개)은 싸지만 획을 그릴 수 없고, "
        "**마르코프 가정(Markov assumption)**($2n-1$개)은 바로 앞 픽셀만 기억합니다. "
        "**조건부 독립(conditional independence)이 핵심 수단**이고, 신경망 자기회귀 모델은 수단을 "
        "하나 더 씁니다: 모든 $p(x_i \\mid x_{<i})$를 신경망 하나로 계산해 파라미터를 *공유*합니다. "
        "합성곱의 가중치는 모든 위치에서 같으므로 PixelCNN의 파라미터 수는 $n$이 커져도 전혀 늘지 "
        "않습니다. 그 대가로 각 예측은 쌓인 커널이 닿는 범위 안의 앞선 픽셀(여기 신경망들에서는 10~12행 "
        "위까지)에만 의존하고, 연쇄법칙이 허용하는 앞선 픽셀 전부에 의존하지는 못합니다(NADE나 PixelRNN의 "
        "Diagonal BiLSTM은 전부에 닿습니다)."
    ),
    # NADE (nade.py): generate and score beside the PixelCNNs
    "gen_model": "모델",
    "gen_model_gated": "Gated PixelCNN (클래스 조건부)",
    "gen_model_nade": "NADE (공유된 은닉층 하나, 클래스 없음)",
    "nade_no_class": "NADE에는 클래스 입력이 없습니다: 아무 숫자나 그립니다.",
    "model_gated": "Gated PixelCNN",
    "model_plain": "일반 PixelCNN",
    "model_nade": "NADE",
    "model_title": "{label}: {nats:.0f} nats<br>(테스트 평균 {mean:.1f})",
    "models_title": "같은 숫자, 세 모델: 픽셀마다의 비용 −log p(xᵢ | x<ᵢ)",
    "nade_explain": (
        "**NADE**(neural autoregressive distribution estimator)는 같은 연쇄법칙과 같은 래스터 순서를 "
        "쓰지만, 모든 조건부 확률을 **공유된 은닉층 하나**에서 얻습니다:\n\n"
        "$$h_i = \\sigma(c + W_{:,<i}\\, x_{<i}), \\qquad p(x_i = 1 \\mid x_{<i}) = \\sigma(b_i + V_i \\cdot h_i)$$\n\n"
        "$W$와 $c$는 조건부 확률 784개가 모두 함께 쓰므로(가중치 공유), 픽셀 $i$에서 픽셀 $i+1$로 갈 때 "
        "누적합에 열 하나만 더하면 됩니다: $a_{i+1} = a_i + W_{:,i}\\, x_i$. 그래서 조건부 확률 784개의 "
        "비용이 신경망 784개를 따로 둘 때의 $O(n^2H)$가 아니라 $O(nH)$입니다. PixelCNN의 쌓인 커널과 달리 "
        "모든 $h_i$가 앞의 픽셀을 *전부* 봅니다. 이 NADE는 은닉 유닛이 $H = 500$개이고, 이 프로젝트가 "
        "같은 이진화 숫자 8,000개로 학습했습니다(검증용 숫자로 가장 좋은 에폭을 골랐습니다). 논문의 NADE는 "
        "학습용 숫자 50,000개로 88.3 nats에 이릅니다. 위의 테스트 평균은 학습에도 선택에도 쓰지 않은 "
        "테스트용 숫자 1,000개에서 잰 값입니다. *생성*에서 NADE를 고르면 픽셀 단위로 그리는 모습을 볼 수 있습니다."
    ),
    # continuous pixels (continuous.py)
    "tab_continuous": "연속 픽셀",
    "cont_k": "K, 혼합에 쓰는 로지스틱 분포의 개수",
    "cont_left": "맥락: 왼쪽 픽셀 xᵢ₋₁의 회색 값 (0 종이 … 255 잉크)",
    "cont_title": "왼쪽 이웃이 {lo}–{hi}일 때 256개 회색 값에 대한 p(xᵢ | 왼쪽 이웃) (로그 스케일)",
    "cont_bernoulli_title": "베르누이 분포: 파라미터 1개, p(잉크) = {p:.3f}. 0이나 255만 말할 수 있습니다",
    "cont_softmax_title": "256갈래 소프트맥스: 파라미터 255개. 평가 데이터에서 값 하나에 {bits:.2f}비트",
    "cont_mixture_title": "로지스틱 K = {k}개의 혼합: 파라미터 3K = {n}개. 평가 데이터에서 값 하나에 {bits:.2f}비트",
    "cont_data": "학습용 픽셀",
    "cont_mixture_name": "혼합",
    "cont_x": "xᵢ의 회색 값 (0 = 종이, 255 = 잉크)",
    "cont_hover_data": "값 %{x}: 학습용 픽셀의 %{y:.2e}",
    "cont_hover_model": "값 %{x}: p = %{y:.2e}",
    "cont_table": (
        "| 픽셀 하나의 모델, 왼쪽 이웃 {lo}–{hi} (학습용 픽셀 {n:,}개) | 파라미터 | "
        "평가 데이터에서 값 하나당 비트 |\n|---|---|---|\n"
        "| 베르누이 분포, p(잉크) = {p:.3f} | 1 | ∞: 회색 값의 확률이 0입니다 |\n"
        "| 256갈래 소프트맥스 | 255 | {soft_bits:.3f} |\n"
        "| 로지스틱 K = {k}개의 혼합 | 3K = {mix_n} | {mix_bits:.3f} |\n"),
    "cont_explain": (
        "**이진 픽셀에는 숫자 하나면 됩니다**: $p(x_i = 1 \\mid x_{<i})$, 베르누이 분포입니다. 회색 픽셀은 "
        "값이 256가지입니다. 8비트 이미지의 PixelRNN과 PixelCNN은 **256갈래 소프트맥스**를 예측합니다: "
        "픽셀마다 자유로운 숫자 255개로 어떤 모양이든 되지만, 모델에게 값 127과 128은 서로 아무 관계가 "
        "없고, 신경망은 색 채널마다 로짓 256개를 내야 합니다. PixelCNN++는 대신 **로지스틱 분포 K개의 "
        "혼합**을 예측합니다: $p(x) = \\sum_k \\pi_k\\, \\text{logistic}(x; \\mu_k, s_k)$를 "
        "*이산화*해서, 값 $v$는 $v - 0.5$와 $v + 0.5$ 사이의 혼합 확률 질량을 받고 양 끝은 꼬리를 모두 "
        "가져갑니다. 그래서 순수한 종이(0)와 순수한 잉크(255)는 계속 싸게 표현됩니다. 숫자는 $3K$개"
        "($\\pi_k$, $\\mu_k$, $s_k$)이고, 가까운 값은 비슷한 확률을 받습니다. 가우시안 혼합도 같은 "
        "방식으로 쓸 수 있습니다.\n\n"
        "여기서는 모든 모델을 학습용 숫자 8,000개의 실제 회색 픽셀에 최대 우도로 맞췄고, 픽셀을 맥락 "
        "하나, 곧 왼쪽 픽셀의 회색 값으로 묶었습니다(자기회귀 모델이 조건으로 삼을 정보입니다). 평가 "
        "비용은 테스트용 숫자 1,000개에서 픽셀 값 하나당 비트로 잽니다(균등하게 찍으면 8비트). 맥락을 "
        "움직여 보세요: 종이 다음에는 거의 모두 종이이고, 잉크 다음에는 대부분 잉크입니다. K를 움직여 "
        "보세요: 로지스틱 몇 개만으로도 파라미터 255개짜리 소프트맥스에 가까워집니다. 여기서는 학습용 "
        "픽셀이 아주 많아서 소프트맥스가 숫자 255개를 감당할 수 있습니다."
    ),
    # errors
    "error_upload_small": "그림이 {w}×{h} 픽셀이라 숫자를 담기에는 너무 작습니다 (최소 8×8이어야 합니다).",
    "error_no_upload": "먼저 숫자 그림을 업로드하세요.",
    "error_blank": "그림이 비어 있습니다: 먼저 숫자를 그리세요.",
    "error_uniform": ("그림 전체가 한 가지 색이라 숫자가 없습니다. "
                      "밝은 바탕에 어두운 숫자나 어두운 바탕에 밝은 숫자를 그리거나 업로드하세요."),
    "error_faint": ("그림을 흑백 픽셀로 바꾸고 나니 거의 아무것도 남지 않았습니다: "
                    "더 굵거나 진한 획으로 숫자를 그리세요."),
    "error_sampler_ended": "샘플링 프로세스가 결과 없이 끝났습니다 (종료 코드 {code})",
}
