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
    "field_click": "Click a pixel in either picture to see what its prediction depends on.",
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
        "**A masked convolution** zeroes the kernel weights at and after the centre pixel "
        "(mask A in the first layer also hides the centre itself; mask B in later layers keeps it, "
        "since those features already only depend on earlier pixels). Stacking masked 3×3 layers "
        "grows the view upward and to the left, but the region **up and to the right** is never "
        "reached: the *blind spot*, earlier pixels the model is allowed to use but cannot see.\n\n"
        "**The Gated PixelCNN** splits the work into a *vertical stack* that sees every row above "
        "(left and right alike) and a *horizontal stack* that sees the current row to the left; "
        "the vertical stack's output is shifted down one row before it is added to the horizontal "
        "one, so the current row never leaks. No blind spot. Each layer is a gated unit "
        "$y = \\tanh(W_f * x + V_f h) \\odot \\sigma(W_g * x + V_g h)$ with the class $h$ added as a bias."
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
        "grow with $n$ at all, yet every pixel may depend on all earlier ones."
    ),
    # errors
    "error_upload_small": "That picture is {w}×{h} pixels: too small to hold a digit (at least 8×8, please).",
    "error_no_upload": "Upload a picture of a digit first.",
    "error_blank": "The drawing is blank: draw a digit first.",
    "error_uniform": ("The picture is all one colour: there is no digit on it. "
                      "Draw or upload a digit, dark on light or light on dark."),
    "error_faint": ("After turning the picture into black-and-white pixels almost nothing is left: "
                    "draw the digit with a thicker or darker stroke."),
}
