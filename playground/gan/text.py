"""Every word the GAN tab shows: `EN`, and `KO` with exactly the same keys."""

EN = {
    "title": "GAN training",
    "intro": r"""
A **generative adversarial network** learns to *sample*, not to write down a density (an
**implicit model**). A **generator** $G$ turns simple noise $z \sim \mathcal{N}(0, I)$ into points
$x = G(z)$; a **discriminator** $D$ tries to tell them from real data. In the original game
$D(x) \in [0, 1]$ says how sure it is that $x$ is real, and they play

$$\min_G \max_D \; V(D, G) = \mathbb{E}_{x \sim p_\text{data}}[\log D(x)] + \mathbb{E}_{z}[\log(1 - D(G(z)))]$$

For a fixed $G$ the best discriminator is $D^*(x) = \dfrac{p_\text{data}(x)}{p_\text{data}(x) + p_G(x)}$;
with it, $V(D^*, G) = 2\,\mathrm{JSD}(p_\text{data} \,\|\, p_G) - \log 4$, so in this **minimax** game
$G$ minimises the Jensen-Shannon divergence, which is 0 exactly when $p_G = p_\text{data}$.
The tab starts with the **non-saturating** generator loss $-\log D(G(z))$ instead, because the
minimax one barely moves $G$ while $D$ rejects its samples. That is another objective: at $D^*$
its gradient is the gradient of
$\mathrm{KL}(p_G \,\|\, p_\text{data}) - 2\,\mathrm{JSD}(p_\text{data} \,\|\, p_G)$
(Arjovsky & Bottou, 2017), not of the JSD alone, with the same fixed point $p_G = p_\text{data}$. All four losses on offer are explained under the plane. Below, each browser
tab trains its **own** GAN on 2-D points, live.
""",
    "live_heading": "### Train a GAN on 2-D points, live",
    "canvas_label": ("**The plane.** Green dots: real data · purple dots: generated points G(z) · "
                     "background: the discriminator's opinion (how to read it depends on the loss: "
                     "see the colour bar and the line under the plane) · arrows: where G's loss "
                     "pushes each sample."),
    "how_to_read": (
        "**How to read it.** The arrows show $-\\partial L_G / \\partial x$: the direction the "
        "generator's loss pushes each sample (longer = stronger push). The background is the "
        "discriminator's opinion, and what its colours mean depends on the loss (the colour bar and "
        "the line under the plane say it for the loss chosen now). With the two cross-entropy "
        "losses it is $D(x)$, the probability that $x$ is real: green where $D$ says *real*, purple "
        "where it says *fake*, white where it cannot tell ($D = \\tfrac12$). At the game's "
        "equilibrium the purple points sit on the green ones and, for the cross-entropy and "
        "least-squares losses, the background turns white. Hover anywhere for the numbers.\n\n"
        "**The four losses.** $s(x)$ is the discriminator network's raw output, "
        "$D(x) = \\sigma(s(x))$.\n\n"
        "- **Non-saturating** (the default). $D$ maximises "
        "$\\mathbb{E}[\\log D(x)] + \\mathbb{E}[\\log(1 - D(G(z)))]$ (binary cross-entropy: real 1, "
        "fake 0); $G$ minimises $-\\mathbb{E}[\\log D(G(z))]$. Its gradient with respect to the "
        "score, $D(G(z)) - 1$, is largest where $D$ rejects a sample: bad samples get the strongest "
        "push. At the equilibrium ($D = \\tfrac12$ everywhere) the losses are $\\log 4$ (D) and "
        "$\\log 2$ (G).\n"
        "- **Saturating (minimax).** The same $D$; $G$ minimises $\\mathbb{E}[\\log(1 - D(G(z)))]$, "
        "the game itself. Its gradient, $-D(G(z))$, vanishes where $D$ rejects a sample, so a "
        "generator that starts far from the data can stall. Equilibrium: $\\log 4$ and $-\\log 2$.\n"
        "- **Least squares** (LSGAN, Mao et al. 2017). No sigmoid: $D$ regresses its score to 1 on "
        "real and 0 on generated points, $\\min_D \\tfrac12\\mathbb{E}[(s(x) - 1)^2] + "
        "\\tfrac12\\mathbb{E}[s(G(z))^2]$, and $G$ pulls its samples' score towards 1, "
        "$\\min_G \\tfrac12\\mathbb{E}[(s(G(z)) - 1)^2]$. The push, $s - 1$, grows with the distance "
        "from the target instead of saturating. The score is not a probability and can leave "
        "$[0, 1]$ (the map clips it), but the best $D$ is again "
        "$p_\\text{data} / (p_\\text{data} + p_G)$, so $\\tfrac12$ still marks equal densities. "
        "Equilibrium: $\\tfrac14$ and $\\tfrac18$.\n"
        "- **WGAN-GP** (Gulrajani et al. 2017). $D$ is a *critic*, with no sigmoid and no targets: "
        "it minimises $\\mathbb{E}[s(G(z))] - \\mathbb{E}[s(x)] + "
        "\\lambda\\,\\mathbb{E}[(\\lVert \\nabla s(\\hat x) \\rVert - 1)^2]$, where the penalty, at "
        "random points $\\hat x$ between real and generated ones, pulls its slope towards 1 "
        "(gently: $\\lambda = 0.1$ here, 10 in the paper). With the slope held in check, "
        "$\\mathbb{E}[s(x)] - \\mathbb{E}[s(G(z))]$ tracks the Wasserstein-1 (earth mover's) distance "
        "between data and samples, in the critic's own units, and $G$ minimises "
        "$-\\mathbb{E}[s(G(z))]$: it moves its points uphill on the critic's score, a push that "
        "does not fade while they are far from the data. The score has no fixed scale (adding a "
        "constant changes nothing), so the map shows it **rescaled in every frame**, from the "
        "lowest score on the plane (purple) to the highest (green): white is only the middle of "
        "this frame's range, never *cannot tell*, and the map never turns white. At the "
        "equilibrium the critic's loss is about 0 (plus the penalty); $G$'s loss has no fixed value."),
    "train": "▶ Train",
    "pause": "❚❚ Pause",
    "step_d": "Step D",
    "step_g": "Step G",
    "step_both": "Step D + G",
    "reset": "↺ Reset",
    "preset": "Preset",
    "preset_info": "Each preset is a complete setting with a fixed seed: it always tells the same story.",
    "meters_label": "Mode-collapse meters",
    "losses_label": ("**Losses** over training (dotted lines: their values at the game's equilibrium "
                     "for the loss chosen now, as labelled on them)"),
    # the canvas, per loss (keys of toy.LOSSES): colour bar label, its three ticks, and how to read it
    "heat_label": {"non-saturating": "D(x) = P(real)", "saturating": "D(x) = P(real)",
                   "least-squares": "D's score s(x), clipped to 0..1",
                   "wgan-gp": "critic score s(x), rescaled 0..1 every frame"},
    "heat_ticks": {"non-saturating": ["1 real", "½", "0 fake"], "saturating": ["1 real", "½", "0 fake"],
                   "least-squares": ["1 real", "½", "0 fake"],
                   "wgan-gp": ["highest", "middle", "lowest"]},
    "heat_reading": {
        "non-saturating": ("Background: D(x), the discriminator's probability that x is real. Green: "
                           "it says real (1); purple: fake (0); white: it cannot tell (½), as "
                           "everywhere at the equilibrium."),
        "saturating": ("Background: D(x), the discriminator's probability that x is real. Green: it "
                       "says real (1); purple: fake (0); white: it cannot tell (½), as everywhere at "
                       "the equilibrium."),
        "least-squares": ("Background: D's score s(x), trained towards 1 on real and 0 on generated "
                          "points. Not a probability (no sigmoid): it can leave 0..1, and the colours "
                          "clip it. The best D scores p_data / (p_data + p_G), so white (½) marks "
                          "equal densities, as everywhere at the equilibrium."),
        "wgan-gp": ("Background: the critic's score s(x), rescaled in every frame: green = the "
                    "highest score on the plane now, purple = the lowest, white = halfway. The score "
                    "has no fixed scale and no value that means 'cannot tell': only differences "
                    "count, and the colours span purple to green even once G matches the data. G "
                    "moves its points uphill, towards green."),
    },
    "heat_range": " Right now the scores run from {lo:+.2f} (purple) to {hi:+.2f} (green).",
    "legend_real": "real data",
    "legend_fake": "generated G(z)",
    "legend_push": "where G's loss pushes samples",
    "canvas_alt": "The discriminator's opinion as shading, real and generated points, G's gradient arrows",
    # the losses chart: traces, axes, and each loss's dotted equilibrium lines ("" = none)
    "loss_d": "D loss",
    "loss_critic": "critic loss",
    "loss_g": "G loss",
    "loss_axis": "loss",
    "step_axis": "generator step",
    "eq_lines": {"non-saturating": ["D at equilibrium: log 4", "G at equilibrium: log 2"],
                 "saturating": ["D at equilibrium: log 4", "G at equilibrium: −log 2"],
                 "least-squares": ["D at equilibrium: 1/4", "G at equilibrium: 1/8"],
                 "wgan-gp": ["critic at equilibrium: about 0 (+ penalty)", ""]},
    "settings": "Settings",
    "data": "Data",
    "data_choices": {"ring": "Ring of 8", "grid": "Grid of 25", "moons": "Two moons",
                     "spiral": "Spiral", "drawn": "My drawing"},
    "loss": "Loss (the first two differ only in G's loss; the last two change D's too)",
    "loss_choices": {"non-saturating": "non-saturating  −log D(G(z))",
                     "saturating": "saturating (minimax)  log(1 − D(G(z)))",
                     "least-squares": "least squares (LSGAN)  ½(s(G(z)) − 1)²",
                     "wgan-gp": "Wasserstein + gradient penalty (WGAN-GP)  −s(G(z))"},
    "g_layers": "G hidden layers", "g_width": "G neurons per layer",
    "d_layers": "D hidden layers", "d_width": "D neurons per layer",
    "g_opt": "G optimiser", "d_opt": "D optimiser",
    "g_lr": "G learning rate", "d_lr": "D learning rate",
    "d_steps": "D steps per G step",
    "batch": "Batch size",
    "z_dim": "Noise dimension (z)",
    "noise": "Instance noise (std added to real and fake inputs of D)",
    "noise_half_life": "Instance noise half-life (steps; 0 = never decays)",
    "seed": "Seed",
    "field_short": {"data": "data", "loss": "loss", "g_layers": "G layers",
                    "g_width": "G width", "d_layers": "D layers", "d_width": "D width",
                    "g_optimizer": "G optimiser", "d_optimizer": "D optimiser",
                    "g_lr": "G learning rate", "d_lr": "D learning rate", "d_steps": "D steps",
                    "batch": "batch size", "z_dim": "noise dimension", "noise": "instance noise",
                    "noise_half_life": "noise half-life", "seed": "seed"},
    "story_changed": ("*You changed the preset '{name}' ({changed}); pick it again from the list "
                      "to restore it. What it set out to show:*"),
    "live_note": ("Learning rates, loss, optimisers, D steps, batch size and noise apply at once, even "
                  "while training. Data, network sizes, noise dimension and seed start a fresh model."),
    "draw_heading": "Draw your own data",
    "draw_help": ("Paint with the brush (the square is the plane from −3 to 3), then press **Use my "
                  "drawing**: the GAN trains on points scattered along your strokes."),
    "draw_label": "Your data",
    "draw_use": "Use my drawing",
    "export": "Export",
    "export_gif": "Make GIF of this run",
    "export_png": "Save this frame as PNG",
    "export_file": "Download",
    "status_idle": "Ready: press **▶ Train** (or take single steps).",
    "status_running": "Training · {sps:,.0f} steps/s · {fps:.0f} frames/s",
    "status_paused": "Paused at step {step:,}.",
    "status_limit": "Paused after {seconds:.0f} s (each press of Train runs at most that long, so one "
                    "student cannot hold the server). Press **▶ Train** to continue.",
    "covered_label": "{what} covered",
    "hq_label": "good samples (within 3 std of the data)",
    "step_label": "generator steps",
    "hist_label": "Share of samples at each of the {what} (dashed line: a fair share)",
    "mean_d_real": "mean D(real)",
    "mean_d_fake": "mean D(fake)",
    "grad_norm": "mean push on samples |∂L_G/∂x|",
    "msg_start": "Just started: the generator's points have not found the data yet.",
    "msg_healthy": "Healthy: every one of the {what} is covered and most samples land on the data.",
    "msg_collapse": ("Mode collapse: the generator makes only {k} of the {n} {what}. It has found "
                     "a few places the discriminator accepts and puts all its samples there; the "
                     "other {what} are dropped."),
    "msg_bunched": ("Mode collapse: the generator puts all its samples in one small spot (they spread "
                    "only {spread:.0f}% as wide as the data). Whatever z is, G makes nearly the same "
                    "point; watch the spot jump whenever D learns to reject it."),
    "msg_partial": "Covering {k} of {n} {what} so far; keep training or change a setting.",
    "msg_off_data": ("Most samples are still off the data (only {hq:.0f}% land within 3 std of it)."),
    "msg_vanishing": ("The generator is stuck: D rejects its samples (mean D(fake) = {d_fake:.3f}) and "
                      "the saturating loss log(1 − D) is flat there, so the push on the samples has "
                      "vanished. Switch to the non-saturating loss −log D to fix it."),
    "msg_strong_d": ("The discriminator wins every round (mean D(real) = {d_real:.2f}, D(fake) = "
                     "{d_fake:.2f}): its verdict is nearly 0 or 1 everywhere, so it tells G little "
                     "about where the data is. Fewer D steps, a smaller D or instance noise help."),
    "msg_diverged": ("Training blew up at step {step}: the losses became NaN or infinite. The learning "
                     "rates (G {g_lr:g}, D {d_lr:g}) are far too large. The model was reset: lower "
                     "them and press Train."),
    "err_lr": "The {which} learning rate must be a number between {lo:g} and {hi:g} (you gave {value}).",
    "err_engine": "The GAN could not train just now ({reason}). The rest of the app is fine: press Train again.",
    "err_no_frame": "no frame for {seconds:.0f} s",
    "err_preset": "There is no preset called {name!r}.",
    "err_draw_empty": "The drawing is empty: paint some strokes on the square first.",
    "err_draw_few": "Only {n} points in your drawing; paint at least {min} (a few longer strokes).",
    "err_nothing_to_export": "Nothing to export yet: train for a moment first.",
    "diverged_toast": "The losses became NaN/inf; the model was reset. Lower the learning rates.",
    # --- MNIST ---
    "mnist_heading": "### Mode collapse and the DCGAN recipe on images: three DCGANs on the 9,000 training digits",
    "mnist_intro": (
        "Three DCGANs (convolutions, batch norm, ReLU in G, no fully connected layers) were trained "
        "by this repository on the same digits: one with the standard recipe, one with the same recipe "
        "**without batch norm** (in G and in D; nothing else changed, so the recipe is a comparison, "
        "not a list), and one with settings that collapse (G takes 5 fast steps for each slow step of "
        "D). Each panel shows the **same 100 noise vectors** "
        "decoded at one moment of training. A small classifier (held-out accuracy {acc}) names "
        "every sample; its frame has that digit's colour (grey: not sure, under 50%, or not "
        "digit-like at all). A class counts as *covered* when at least 3% of the samples (3 of "
        "100) are confidently that digit."),
    "timeline": "Training moment (drag)",
    "timeline_info": "Snapshot {i} of {n} (each run's training is cut into {n} moments)",
    "snapshot_line": "**{title}** · generator step {step:,} (epoch {epoch:.1f}) · **{covered}**",
    "run_healthy": "Healthy run",
    "run_collapse": "Collapsing run",
    "run_no_bn": "Recipe without batch norm",
    "heldout_line": ("Final generator against the 1,000 test digits: Fréchet distance {fd:.0f} in the "
                     "classifier's features (real training digits: {ref:.1f}; lower is closer)"),
    "classes_covered": "classes covered: {k} of 10",
    "fresh": "Fresh samples from every final generator",
    "fresh_label": "{run}: 100 new samples · classes covered: {k} of 10",
    "fresh_label_empty": "{run}: new samples from its final generator",
    "hist_title": "Which digits it makes",
    # the MNIST class histogram (views.class_histogram); %{x}, %{y} are plotly's, not ours
    "hist_x": "digit the classifier sees (? = not sure)",
    "hist_y": "samples",
    "hist_hover": "%{x}: %{y} samples",
    # the exported PNG/GIF frame's caption (views.render_png)
    "png_caption": "step {step:,} · {what} {k}/{n} · good samples {hq:.0f}%",
    "play_timeline": "▶ Play the timeline",
    # --- words that were written into the code (presets.py, views.py, tab.py) -----------------
    # Preset display names and stories, keyed by the preset's identifier (presets.PRESETS's key,
    # also the dropdown's value and the tests' name: never translated).
    "preset_names": {"Healthy": "Healthy", "Mode collapse": "Mode collapse",
                     "Instance noise rescues it": "Instance noise rescues it",
                     "Saturating loss stalls": "Saturating loss stalls",
                     "Too strong discriminator": "Too strong discriminator"},
    "preset_stories": {
        "Healthy": (
            "The default setting. Within a few thousand steps the purple points spread onto all 8 "
            "green modes and the background fades towards white (D can no longer tell them apart)."),
        "Mode collapse": (
            "D is too good for G: 5 D steps per G step, at 10x G's learning rate. G parks its points "
            "on one or two modes that D cannot yet reject; far from them D's verdict is flat, so "
            "nothing pulls G towards the other modes. Watch the meters: 1-2 of 8 modes."),
        "Instance noise rescues it": (
            "Same start as 'Mode collapse', plus instance noise added to every input of D (real and "
            "fake). D now judges blurred points, so its verdict is smooth over the whole plane and "
            "every generated point feels a pull towards the data: all 8 modes get covered. The "
            "noise halves every 1500 steps, so the points sharpen as training goes on."),
        "Saturating loss stalls": (
            "The minimax generator loss log(1 − D(G(z))), plain SGD for G, a quick D. D rejects G's "
            "first samples at once (D(G(z)) ≈ 0), and exactly there this loss is flat: the arrows "
            "vanish and G never moves. Now switch the loss to non-saturating −log D(G(z)): same "
            "D, same optimiser, and the points start to move."),
        "Too strong discriminator": (
            "D takes 10 steps with a bigger network (3 x 128) and a high learning rate for every "
            "small SGD step of G. D wins nearly every round: mean D(real) stays near 0.9 and "
            "D(fake) near 0.1, its map turns into a sharp cliff around the data, and G's points are "
            "shoved from one mode to the next instead of spreading out."),
    },
    # err_lr's {which} (tab.py passes "generator" / "discriminator")
    "lr_which": {"generator": "generator", "discriminator": "discriminator"},
    # the meters' {what}: Dataset.region_label is "modes" (ring, grid) or "regions" (curves, drawings)
    "region_words": {"modes": "modes", "regions": "regions"},
    "region_one": {"modes": "mode", "regions": "region"},
    "region_bar": "{region} {i}: {share:.0f}% of samples",
    # --- the theory on the plane: D* and the divergences (divergence.py) ---
    "dstar_title": "Optimal discriminator D∗(x) = p_data / (p_data + p_G), from the densities",
    "dstar_alt": ("The optimal discriminator D∗ over the plane, in the same colours as the learned D, "
                  "with the real and generated points; JSD now {jsd:.3f} nats"),
    "dstar_note": {
        "non-saturating": ("p_data is known exactly on this plane; p_G is estimated from {n:,} generated "
                           "points (a Gaussian kernel of bandwidth h = {h:g}, and p_data blurred by the "
                           "same kernel). D∗ is the best any D can do against this G: the closer the "
                           "learned D on the big plane looks to it, the better D has learned. Where "
                           "neither density is, D∗ is ½ (white)."),
        "saturating": ("p_data is known exactly on this plane; p_G is estimated from {n:,} generated "
                       "points (a Gaussian kernel of bandwidth h = {h:g}, and p_data blurred by the same "
                       "kernel). D∗ is the best any D can do against this G: the closer the learned D on "
                       "the big plane looks to it, the better D has learned. Where neither density is, "
                       "D∗ is ½ (white)."),
        "least-squares": ("p_data is known exactly on this plane; p_G is estimated from {n:,} generated "
                          "points (a Gaussian kernel of bandwidth h = {h:g}, and p_data blurred by the "
                          "same kernel). With targets 1 (real) and 0 (fake) the best least-squares score "
                          "is this same D∗: compare it with the big plane. Where neither density is, D∗ "
                          "is ½ (white)."),
        "wgan-gp": ("p_data is known exactly on this plane; p_G is estimated from {n:,} generated points "
                    "(a Gaussian kernel of bandwidth h = {h:g}, and p_data blurred by the same kernel). "
                    "The critic does not aim at D∗: it scores, it does not classify, and its map on the "
                    "big plane is a slope, not this picture. D∗ and the JSD are shown as the yardstick "
                    "of the original game."),
    },
    "jsd_line": "JSD(p_data ‖ p_G) ≈ {jsd:.3f} nats (0: the same density; log 2 ≈ 0.693: no overlap)",
    "tri_line": "Triangular discrimination Δ = Σ (p_data − p_G)² / (p_data + p_G) ≈ {tri:.3f} (0 to 2)",
    "at_optimum_ce": "At D∗, D's loss would be log 4 − 2·JSD = {best:.3f}; the learned D's loss now: {now:.3f}.",
    "at_optimum_ls": "At D∗, D's loss would be 1/4 − Δ/8 = {best:.3f}; the learned D's loss now: {now:.3f}.",
    "at_optimum_wgan": ("The critic's estimate of the Wasserstein distance, E[s(x)] − E[s(G(z))] minus "
                        "the penalty, is now {w:.3f} (the critic loss on the chart, with its sign flipped)."),
    "jsd_trace": "JSD from densities",
    "tri_trace": "Δ from densities",
    "divergence_axis": "divergence (orange)",
}

# Korean. Terms follow /work/shared/GLOSSARY.ko.md (생성기, 판별기, 비포화 손실, 모드 붕괴, 인스턴스
# 노이즈, 학습률, 스텝...). Each value says what the English says (issue 14's corrections included:
# V = 2 JSD - log 4 for the minimax loss only; what the map's colours mean depends on the loss).
KO = {
    "title": "GAN 학습",
    "intro": r"""
**적대적 생성 신경망**(generative adversarial network, GAN)은 밀도를 식으로 적는 대신 *샘플링*하는 법을
배웁니다(**암시적 모델**, implicit model). **생성기**(generator) $G$는 단순한 노이즈 $z \sim \mathcal{N}(0, I)$를
점 $x = G(z)$로 바꾸고, **판별기**(discriminator) $D$는 이 점들을 진짜 데이터와 구별하려 합니다. 원래의 게임에서는
$D(x) \in [0, 1]$가 $x$가 진짜라고 얼마나 확신하는지 나타내고, 둘은 다음 게임을 합니다.

$$\min_G \max_D \; V(D, G) = \mathbb{E}_{x \sim p_\text{data}}[\log D(x)] + \mathbb{E}_{z}[\log(1 - D(G(z)))]$$

$G$가 고정되면 최적 판별기는 $D^*(x) = \dfrac{p_\text{data}(x)}{p_\text{data}(x) + p_G(x)}$이고, 이를 대입하면
$V(D^*, G) = 2\,\mathrm{JSD}(p_\text{data} \,\|\, p_G) - \log 4$입니다. 그러므로 이 **미니맥스**(minimax) 게임에서
$G$는 젠슨-섀넌 발산(Jensen-Shannon divergence, JSD)을 최소화하며, 이 값은 정확히 $p_G = p_\text{data}$일 때 0입니다.
이 탭은 그 대신 **비포화**(non-saturating) 생성기 손실 $-\log D(G(z))$로 시작합니다. 미니맥스 손실로는 $D$가 샘플을
거부하는 동안 $G$가 거의 움직이지 않기 때문입니다. 이것은 다른 목적 함수입니다: $D^*$에서 그 기울기(gradient)는
$\mathrm{KL}(p_G \,\|\, p_\text{data}) - 2\,\mathrm{JSD}(p_\text{data} \,\|\, p_G)$의 기울기이지
(Arjovsky & Bottou, 2017) JSD만의 기울기가 아니며, 고정점은 $p_G = p_\text{data}$로 같습니다. 고를 수 있는 네 가지
손실은 모두 평면 아래에서 설명합니다. 아래에서는 브라우저 탭마다 **자기만의** GAN이 2차원 점으로 실시간 학습합니다.
""",
    "live_heading": "### 2차원 점으로 GAN 실시간 학습하기",
    "canvas_label": ("**평면.** 초록 점: 진짜 데이터 · 보라 점: 생성된 점 G(z) · "
                     "배경: 판별기의 판단(읽는 법은 손실에 따라 다릅니다: 색 막대와 평면 아래의 설명을 "
                     "보세요) · 화살표: G의 손실이 각 샘플을 미는 방향."),
    "how_to_read": (
        "**읽는 법.** 화살표는 $-\\partial L_G / \\partial x$, 즉 생성기의 손실이 각 샘플을 미는 방향입니다"
        "(길수록 세게 밉니다). 배경은 판별기의 판단이고, 그 색이 뜻하는 바는 손실에 따라 다릅니다(지금 고른 "
        "손실에서는 색 막대와 평면 아래의 설명이 알려 줍니다). 두 교차 엔트로피 손실에서 배경은 $D(x)$, 즉 "
        "$x$가 진짜일 확률입니다: $D$가 *진짜*라고 하는 곳은 초록, *가짜*라고 하는 곳은 보라, 구별하지 "
        "못하는 곳($D = \\tfrac12$)은 흰색입니다. 게임이 균형(equilibrium)에 이르면 보라 점이 초록 점 위에 "
        "놓이고, 교차 엔트로피 손실과 최소제곱 손실에서는 배경이 흰색이 됩니다. 아무 곳에나 마우스를 올리면 "
        "값을 볼 수 있습니다.\n\n"
        "**네 가지 손실.** $s(x)$는 판별기 신경망의 원래 출력이고, $D(x) = \\sigma(s(x))$입니다.\n\n"
        "- **비포화 손실**(non-saturating, 기본값). $D$는 "
        "$\\mathbb{E}[\\log D(x)] + \\mathbb{E}[\\log(1 - D(G(z)))]$를 최대화하고(이진 교차 엔트로피: 진짜 1, "
        "가짜 0), $G$는 $-\\mathbb{E}[\\log D(G(z))]$를 최소화합니다. 점수에 대한 그 기울기 "
        "$D(G(z)) - 1$은 $D$가 샘플을 거부하는 곳에서 가장 큽니다: 나쁜 샘플일수록 가장 세게 밀립니다. "
        "균형($D = \\tfrac12$가 모든 곳에서 성립)에서 손실은 $\\log 4$(D)와 $\\log 2$(G)입니다.\n"
        "- **포화 손실(미니맥스).** $D$는 같고, $G$는 게임 그 자체인 $\\mathbb{E}[\\log(1 - D(G(z)))]$를 "
        "최소화합니다. 그 기울기 $-D(G(z))$는 $D$가 샘플을 거부하는 곳에서 사라지므로, 데이터에서 멀리 "
        "떨어져 시작한 생성기는 멈춰 버릴 수 있습니다. 균형: $\\log 4$와 $-\\log 2$.\n"
        "- **최소제곱**(LSGAN, Mao 외 2017). 시그모이드가 없습니다: $D$는 진짜 점의 점수를 1로, 생성된 점의 "
        "점수를 0으로 회귀하고($\\min_D \\tfrac12\\mathbb{E}[(s(x) - 1)^2] + "
        "\\tfrac12\\mathbb{E}[s(G(z))^2]$), $G$는 자기 샘플의 점수를 1 쪽으로 끌어올립니다"
        "($\\min_G \\tfrac12\\mathbb{E}[(s(G(z)) - 1)^2]$). 미는 힘 $s - 1$은 포화되지 않고 목표에서 멀수록 "
        "커집니다. 점수는 확률이 아니어서 $[0, 1]$을 벗어날 수 있지만(지도는 그 범위로 자릅니다), 최적의 "
        "$D$는 이번에도 $p_\\text{data} / (p_\\text{data} + p_G)$이므로 $\\tfrac12$은 여전히 두 밀도가 같은 "
        "곳을 나타냅니다. 균형: $\\tfrac14$와 $\\tfrac18$.\n"
        "- **WGAN-GP**(Gulrajani 외 2017). $D$는 시그모이드도 목표값도 없는 *critic*입니다: "
        "$\\mathbb{E}[s(G(z))] - \\mathbb{E}[s(x)] + "
        "\\lambda\\,\\mathbb{E}[(\\lVert \\nabla s(\\hat x) \\rVert - 1)^2]$를 최소화하는데, 진짜 점과 생성된 "
        "점 사이의 무작위 점 $\\hat x$에서 계산하는 페널티가 점수의 기울기 크기를 1 쪽으로 끌어당깁니다"
        "(약하게: 여기서는 $\\lambda = 0.1$, 논문에서는 10). 기울기가 이렇게 억제되면 "
        "$\\mathbb{E}[s(x)] - \\mathbb{E}[s(G(z))]$는 데이터와 샘플 사이의 Wasserstein-1 거리(earth mover's "
        "distance)를 critic 자신의 단위로 따라갑니다. $G$는 "
        "$-\\mathbb{E}[s(G(z))]$를 최소화합니다: 점수의 오르막 쪽으로 점을 옮기며, 이 힘은 점이 데이터에서 "
        "멀리 있는 동안 약해지지 않습니다. 점수에는 정해진 척도가 없으므로(상수를 더해도 아무것도 달라지지 "
        "않습니다) 지도는 점수를 **프레임마다 다시 맞춰**, 평면에서 가장 낮은 점수(보라)부터 가장 높은 "
        "점수(초록)까지 보여 줍니다: 흰색은 이 프레임 범위의 가운데일 뿐 결코 *구별하지 못함*이 아니며, "
        "지도가 흰색이 되는 일도 없습니다. 균형에서 critic의 손실은 약 0(여기에 페널티가 더해짐)이고, "
        "$G$의 손실에는 정해진 값이 없습니다."),
    "train": "▶ 학습",
    "pause": "❚❚ 일시정지",
    "step_d": "D 한 스텝",
    "step_g": "G 한 스텝",
    "step_both": "D + G 한 스텝",
    "reset": "↺ 초기화",
    "preset": "프리셋",
    "preset_info": "프리셋마다 시드가 고정된 완전한 설정입니다. 언제 실행해도 같은 이야기를 보여 줍니다.",
    "meters_label": "모드 붕괴(mode collapse) 지표",
    "losses_label": ("**손실** 변화 (점선: 지금 고른 손실에서 게임이 균형에 이르렀을 때 각 손실의 값, "
                     "점선 위에 적혀 있습니다)"),
    "heat_label": {"non-saturating": "D(x) = P(진짜)", "saturating": "D(x) = P(진짜)",
                   "least-squares": "D의 점수 s(x), 0..1로 자름",
                   "wgan-gp": "critic 점수 s(x), 프레임마다 0..1로 다시 맞춤"},
    "heat_ticks": {"non-saturating": ["1 진짜", "½", "0 가짜"], "saturating": ["1 진짜", "½", "0 가짜"],
                   "least-squares": ["1 진짜", "½", "0 가짜"],
                   "wgan-gp": ["최고", "중간", "최저"]},
    "heat_reading": {
        "non-saturating": ("배경: D(x), 즉 x가 진짜일 확률에 대한 판별기의 판단. 초록: 진짜라고 봄(1), "
                           "보라: 가짜(0), 흰색: 구별하지 못함(½). 균형에서는 모든 곳이 흰색입니다."),
        "saturating": ("배경: D(x), 즉 x가 진짜일 확률에 대한 판별기의 판단. 초록: 진짜라고 봄(1), "
                       "보라: 가짜(0), 흰색: 구별하지 못함(½). 균형에서는 모든 곳이 흰색입니다."),
        "least-squares": ("배경: 진짜 점에서는 1, 생성된 점에서는 0을 목표로 학습한 D의 점수 s(x). "
                          "시그모이드가 없어 확률이 아니며 0..1을 벗어날 수 있고, 색은 그 범위로 자릅니다. "
                          "최적의 D는 p_data / (p_data + p_G)를 점수로 내므로 흰색(½)은 두 밀도가 같은 "
                          "곳이고, 균형에서는 모든 곳이 흰색입니다."),
        "wgan-gp": ("배경: critic의 점수 s(x)를 프레임마다 다시 맞춘 것. 초록 = 지금 평면에서 가장 높은 "
                    "점수, 보라 = 가장 낮은 점수, 흰색 = 그 중간. 이 점수에는 정해진 척도도, '구별하지 "
                    "못함'을 뜻하는 값도 없습니다: 차이만 의미가 있고, G가 데이터와 같아진 뒤에도 색은 "
                    "보라부터 초록까지 펼쳐집니다. G는 점을 오르막, 즉 초록 쪽으로 옮깁니다."),
    },
    "heat_range": " 지금 점수는 {lo:+.2f}(보라)부터 {hi:+.2f}(초록)까지입니다.",
    "legend_real": "진짜 데이터",
    "legend_fake": "생성된 점 G(z)",
    "legend_push": "G의 손실이 샘플을 미는 방향",
    "canvas_alt": "판별기의 판단을 나타낸 배경색, 진짜 점과 생성된 점, G의 기울기 화살표",
    "loss_d": "D 손실",
    "loss_critic": "critic 손실",
    "loss_g": "G 손실",
    "loss_axis": "손실",
    "step_axis": "생성기 스텝",
    "eq_lines": {"non-saturating": ["균형에서 D: log 4", "균형에서 G: log 2"],
                 "saturating": ["균형에서 D: log 4", "균형에서 G: −log 2"],
                 "least-squares": ["균형에서 D: 1/4", "균형에서 G: 1/8"],
                 "wgan-gp": ["균형에서 critic: 약 0 (+ 페널티)", ""]},
    "settings": "설정",
    "data": "데이터",
    "data_choices": {"ring": "고리 (모드 8개)", "grid": "격자 (모드 25개)", "moons": "두 개의 반달",
                     "spiral": "나선", "drawn": "내 그림"},
    "loss": "손실 (앞의 두 개는 G의 손실만 다르고, 뒤의 두 개는 D의 손실도 바꿉니다)",
    "loss_choices": {"non-saturating": "비포화  −log D(G(z))",
                     "saturating": "포화 (미니맥스)  log(1 − D(G(z)))",
                     "least-squares": "최소제곱 (LSGAN)  ½(s(G(z)) − 1)²",
                     "wgan-gp": "Wasserstein + 기울기 페널티 (WGAN-GP)  −s(G(z))"},
    "g_layers": "G 은닉 레이어 수", "g_width": "G 레이어당 뉴런 수",
    "d_layers": "D 은닉 레이어 수", "d_width": "D 레이어당 뉴런 수",
    "g_opt": "G 옵티마이저", "d_opt": "D 옵티마이저",
    "g_lr": "G 학습률", "d_lr": "D 학습률",
    "d_steps": "G 스텝당 D 스텝 수",
    "batch": "배치 크기",
    "z_dim": "노이즈 차원 (z)",
    "noise": "인스턴스 노이즈 (D의 진짜·가짜 입력에 더하는 표준편차)",
    "noise_half_life": "인스턴스 노이즈 반감기 (스텝, 0 = 줄지 않음)",
    "seed": "시드",
    "field_short": {"data": "데이터", "loss": "손실", "g_layers": "G 레이어 수",
                    "g_width": "G 폭", "d_layers": "D 레이어 수", "d_width": "D 폭",
                    "g_optimizer": "G 옵티마이저", "d_optimizer": "D 옵티마이저",
                    "g_lr": "G 학습률", "d_lr": "D 학습률", "d_steps": "D 스텝 수",
                    "batch": "배치 크기", "z_dim": "노이즈 차원", "noise": "인스턴스 노이즈",
                    "noise_half_life": "노이즈 반감기", "seed": "시드"},
    "story_changed": ("*프리셋 '{name}'의 설정을 바꿨습니다(바꾼 항목: {changed}). 목록에서 다시 고르면 "
                      "원래대로 돌아갑니다. 이 프리셋이 보여 주려던 것:*"),
    "live_note": ("학습률, 손실, 옵티마이저, D 스텝 수, 배치 크기, 노이즈는 학습 중에도 바로 적용됩니다. "
                  "데이터, 신경망 크기, 노이즈 차원, 시드를 바꾸면 새 모델로 다시 시작합니다."),
    "draw_heading": "직접 데이터 그리기",
    "draw_help": ("브러시로 칠한 뒤(정사각형은 −3에서 3까지의 평면입니다) **내 그림 사용**을 누르세요. "
                  "GAN이 그린 획을 따라 흩어진 점으로 학습합니다."),
    "draw_label": "내 데이터",
    "draw_use": "내 그림 사용",
    "export": "내보내기",
    "export_gif": "이번 학습을 GIF로 만들기",
    "export_png": "이 프레임을 PNG로 저장",
    "export_file": "다운로드",
    "status_idle": "준비됨: **▶ 학습**을 누르세요(한 스텝씩 진행해도 됩니다).",
    "status_running": "학습 중 · 초당 {sps:,.0f} 스텝 · 초당 {fps:.0f} 프레임",
    "status_paused": "{step:,} 스텝에서 일시정지됨.",
    "status_limit": "{seconds:.0f}초가 지나 일시정지했습니다(한 학생이 서버를 독차지하지 않도록 학습은 한 번 "
                    "누를 때 이 시간까지만 실행됩니다). 계속하려면 **▶ 학습**을 누르세요.",
    "covered_label": "포착한 {what}",
    "hq_label": "좋은 샘플 (데이터에서 3 표준편차 이내)",
    "step_label": "생성기 스텝",
    "hist_label": "{what}별 샘플 비율 (파선: 고르게 나눴을 때의 몫)",
    "mean_d_real": "평균 D(진짜)",
    "mean_d_fake": "평균 D(가짜)",
    "grad_norm": "샘플을 미는 평균 힘 |∂L_G/∂x|",
    "msg_start": "막 시작했습니다: 생성기의 점들이 아직 데이터를 찾지 못했습니다.",
    "msg_healthy": "정상: {what} 전체를 포착했고 대부분의 샘플이 데이터 위에 있습니다.",
    "msg_collapse": ("모드 붕괴: 생성기가 {what} {n}개 중 {k}개만 만듭니다. 판별기가 받아들이는 곳 몇 군데를 "
                     "찾아 모든 샘플을 거기에 두었고, 나머지 {what}에는 샘플이 없습니다."),
    "msg_bunched": ("모드 붕괴: 생성기가 모든 샘플을 작은 한 곳에 몰아 둡니다(데이터 폭의 {spread:.0f}%만큼만 "
                    "퍼져 있습니다). z가 무엇이든 G는 거의 같은 점을 만듭니다. D가 그곳을 거부하도록 배울 "
                    "때마다 점 무리가 다른 곳으로 뛰어 옮겨 가는 것을 보세요."),
    "msg_partial": "지금까지 {what} {n}개 중 {k}개를 포착했습니다. 계속 학습하거나 설정을 바꿔 보세요.",
    "msg_off_data": ("대부분의 샘플이 아직 데이터 밖에 있습니다(데이터에서 3 표준편차 이내인 샘플은 "
                     "{hq:.0f}%뿐입니다)."),
    "msg_vanishing": ("생성기가 멈췄습니다: D가 샘플을 거부하고(평균 D(가짜) = {d_fake:.3f}) 포화 손실 "
                      "log(1 − D)는 그곳에서 평평해서, 샘플을 미는 힘이 사라졌습니다. 비포화 손실 −log D로 "
                      "바꾸면 해결됩니다."),
    "msg_strong_d": ("판별기가 매번 이깁니다(평균 D(진짜) = {d_real:.2f}, D(가짜) = {d_fake:.2f}). 판정이 거의 "
                     "모든 곳에서 0 아니면 1이라, 데이터가 어디 있는지 G에게 거의 알려 주지 못합니다. D 스텝 "
                     "수를 줄이거나, D를 작게 하거나, 인스턴스 노이즈를 더하면 도움이 됩니다."),
    "msg_diverged": ("{step} 스텝에서 학습이 폭주했습니다: 손실이 NaN 또는 무한대가 되었습니다. 학습률"
                     "(G {g_lr:g}, D {d_lr:g})이 너무 큽니다. 모델을 초기화했으니 학습률을 낮추고 ▶ 학습 버튼을 "
                     "누르세요."),
    "err_lr": "{which} 학습률은 {lo:g}에서 {hi:g} 사이의 숫자여야 합니다(입력한 값: {value}).",
    "err_engine": "지금은 GAN을 학습할 수 없습니다({reason}). 앱의 다른 부분은 괜찮습니다: ▶ 학습을 다시 누르세요.",
    "err_no_frame": "{seconds:.0f}초 동안 프레임이 오지 않음",
    "err_preset": "{name!r}라는 프리셋은 없습니다.",
    "err_draw_empty": "그림이 비어 있습니다: 먼저 정사각형 위에 획을 그리세요.",
    "err_draw_few": "그림에 점이 {n}개뿐입니다. 최소 {min}개가 필요합니다(조금 긴 획을 몇 개 그리세요).",
    "err_nothing_to_export": "아직 내보낼 것이 없습니다: 먼저 잠깐 학습하세요.",
    "diverged_toast": "손실이 NaN/inf가 되어 모델을 초기화했습니다. 학습률을 낮추세요.",
    # --- MNIST ---
    "mnist_heading": "### 이미지에서의 모드 붕괴와 DCGAN의 비결: 학습용 숫자 9,000개로 학습한 DCGAN 세 개",
    "mnist_intro": (
        "이 저장소에서 같은 숫자로 학습한 DCGAN(합성곱, 배치 정규화, G에는 ReLU, 완전 연결 레이어 없음) 세 "
        "개입니다. 하나는 표준 방법으로, 하나는 같은 방법에서 **배치 정규화만 뺀 채로**(G와 D 모두에서 빼고 "
        "나머지는 그대로이므로, 비결을 목록이 아니라 비교로 봅니다), 나머지 하나는 붕괴하는 설정(D가 느린 "
        "스텝을 한 번 밟을 때 G는 빠른 스텝을 5번)으로 학습했습니다. 각 패널은 **같은 노이즈 벡터 100개**를 학습의 한 순간에 생성기로 그린 "
        "것입니다. 작은 분류기(평가용, 즉 학습에 쓰지 않은 숫자에서 정확도 {acc})가 샘플마다 어떤 숫자인지 판정하고, 테두리를 그 숫자의 "
        "색으로 칠합니다(회색: 50% 미만으로 확신이 없거나 숫자처럼 보이지 않음). 샘플의 3% 이상(100개 중 "
        "3개)이 확신 있게 그 숫자로 판정되면 그 클래스를 *포착했다*고 셉니다."),
    "timeline": "학습 순간 (드래그)",
    "timeline_info": "스냅샷 {i} / {n} (각 학습을 {n}개의 순간으로 나눴습니다)",
    "snapshot_line": "**{title}** · 생성기 스텝 {step:,} (에폭 {epoch:.1f}) · **{covered}**",
    "run_healthy": "정상 학습",
    "run_collapse": "붕괴하는 학습",
    "run_no_bn": "배치 정규화 없이 학습",
    "heldout_line": ("최종 생성기를 평가용 숫자 1,000개와 비교: 분류기 특징 공간에서의 프레셰 거리 {fd:.0f} "
                     "(진짜 학습용 숫자: {ref:.1f}, 낮을수록 가까움)"),
    "classes_covered": "포착한 클래스: 10개 중 {k}개",
    "fresh": "모든 최종 생성기에서 새 샘플 뽑기",
    "fresh_label": "{run}: 새 샘플 100개 · 포착한 클래스: 10개 중 {k}개",
    "fresh_label_empty": "{run}: 최종 생성기의 새 샘플",
    "hist_title": "만드는 숫자",
    "hist_x": "분류기가 본 숫자 (? = 확신 없음)",
    "hist_y": "샘플 수",
    "hist_hover": "%{x}: 샘플 %{y}개",
    "png_caption": "스텝 {step:,} · {what} {k}/{n} · 좋은 샘플 {hq:.0f}%",
    "play_timeline": "▶ 타임라인 재생",
    # --- words that were written into the code (presets.py, views.py, tab.py) -----------------
    "preset_names": {"Healthy": "정상 학습", "Mode collapse": "모드 붕괴",
                     "Instance noise rescues it": "인스턴스 노이즈로 살리기",
                     "Saturating loss stalls": "포화 손실로 멈춤",
                     "Too strong discriminator": "너무 강한 판별기"},
    "preset_stories": {
        "Healthy": (
            "기본 설정입니다. 몇천 스텝 안에 보라 점들이 초록 모드(mode) 8개 모두로 퍼지고, 배경은 흰색 쪽으로 "
            "옅어집니다(D가 더는 둘을 구별하지 못합니다)."),
        "Mode collapse": (
            "D가 G보다 너무 강합니다: G 스텝 한 번에 D 스텝 5번, 학습률은 G의 10배입니다. G는 D가 아직 "
            "거부하지 못하는 모드 한두 곳에 점을 몰아 둡니다. 그곳에서 먼 곳에서는 D의 판정이 평평해서, G를 "
            "다른 모드로 끌어당기는 것이 없습니다. 지표를 보세요: 모드 8개 중 1–2개."),
        "Instance noise rescues it": (
            "'모드 붕괴'와 같은 시작에, D의 모든 입력(진짜와 가짜)에 인스턴스 노이즈(instance noise)를 "
            "더합니다. 이제 D는 흐려진 점을 판정하므로 판정이 평면 전체에서 매끄럽고, 생성된 점마다 데이터 "
            "쪽으로 끌리는 힘을 받습니다: 모드 8개를 모두 포착합니다. 노이즈는 1500 스텝마다 절반으로 줄어, "
            "학습이 진행될수록 점들이 또렷해집니다."),
        "Saturating loss stalls": (
            "미니맥스 생성기 손실 log(1 − D(G(z))), G에는 기본 SGD, 빠른 D. D가 G의 첫 샘플을 곧바로 "
            "거부하고(D(G(z)) ≈ 0), 바로 그곳에서 이 손실은 평평합니다: 화살표가 사라지고 G는 전혀 움직이지 "
            "않습니다. 이제 손실을 비포화 −log D(G(z))로 바꿔 보세요: D도 옵티마이저도 그대로인데 점들이 "
            "움직이기 시작합니다."),
        "Too strong discriminator": (
            "G가 작은 SGD 스텝을 한 번 밟을 때마다 D는 더 큰 신경망(3 x 128)과 높은 학습률로 10 스텝을 "
            "밟습니다. D가 거의 매번 이깁니다: 평균 D(진짜)는 0.9 근처, D(가짜)는 0.1 근처에 머물고, D의 "
            "지도는 데이터 둘레의 가파른 절벽이 되며, G의 점들은 퍼지지 못하고 이 모드에서 저 모드로 "
            "떠밀려 다닙니다."),
    },
    "lr_which": {"generator": "생성기", "discriminator": "판별기"},
    "region_words": {"modes": "모드", "regions": "영역"},
    "region_one": {"modes": "모드", "regions": "영역"},
    "region_bar": "{region} {i}: 샘플의 {share:.0f}%",
    "dstar_title": "최적 판별기 D∗(x) = p_data / (p_data + p_G), 밀도로 계산",
    "dstar_alt": ("평면 전체에 걸친 최적 판별기 D∗를 학습된 D와 같은 색으로 그린 그림과 진짜 점, 생성된 점. "
                  "지금 JSD는 {jsd:.3f} nats"),
    "dstar_note": {
        "non-saturating": ("이 평면에서는 p_data를 정확히 압니다. p_G는 생성된 점 {n:,}개로 추정합니다(대역폭 "
                           "h = {h:g}인 가우시안 커널 밀도 추정, p_data도 같은 커널로 흐리게 함). D∗는 지금의 "
                           "G를 상대로 어떤 D든 낼 수 있는 최선입니다. 큰 평면의 학습된 D가 이것과 닮을수록 D가 "
                           "잘 배운 것입니다. 두 밀도가 모두 없는 곳에서 D∗는 ½(흰색)입니다."),
        "saturating": ("이 평면에서는 p_data를 정확히 압니다. p_G는 생성된 점 {n:,}개로 추정합니다(대역폭 "
                       "h = {h:g}인 가우시안 커널 밀도 추정, p_data도 같은 커널로 흐리게 함). D∗는 지금의 G를 "
                       "상대로 어떤 D든 낼 수 있는 최선입니다. 큰 평면의 학습된 D가 이것과 닮을수록 D가 잘 배운 "
                       "것입니다. 두 밀도가 모두 없는 곳에서 D∗는 ½(흰색)입니다."),
        "least-squares": ("이 평면에서는 p_data를 정확히 압니다. p_G는 생성된 점 {n:,}개로 추정합니다(대역폭 "
                          "h = {h:g}인 가우시안 커널 밀도 추정, p_data도 같은 커널로 흐리게 함). 목표값이 "
                          "1(진짜)과 0(가짜)이면 최소제곱 점수의 최적값도 바로 이 D∗입니다: 큰 평면과 비교해 "
                          "보세요. 두 밀도가 모두 없는 곳에서 D∗는 ½(흰색)입니다."),
        "wgan-gp": ("이 평면에서는 p_data를 정확히 압니다. p_G는 생성된 점 {n:,}개로 추정합니다(대역폭 "
                    "h = {h:g}인 가우시안 커널 밀도 추정, p_data도 같은 커널로 흐리게 함). critic은 D∗를 "
                    "목표로 하지 않습니다: 분류하지 않고 점수를 매기므로, 큰 평면의 지도는 이 그림이 아니라 "
                    "비탈입니다. D∗와 JSD는 원래 게임의 잣대로 보여 줍니다."),
    },
    "jsd_line": "JSD(p_data ‖ p_G) ≈ {jsd:.3f} nats (0: 두 밀도가 같음, log 2 ≈ 0.693: 전혀 겹치지 않음)",
    "tri_line": "삼각 판별 거리 Δ = Σ (p_data − p_G)² / (p_data + p_G) ≈ {tri:.3f} (0부터 2까지)",
    "at_optimum_ce": "D∗라면 D의 손실은 log 4 − 2·JSD = {best:.3f}입니다. 지금 학습된 D의 손실: {now:.3f}.",
    "at_optimum_ls": "D∗라면 D의 손실은 1/4 − Δ/8 = {best:.3f}입니다. 지금 학습된 D의 손실: {now:.3f}.",
    "at_optimum_wgan": ("critic이 추정한 Wasserstein 거리, 즉 E[s(x)] − E[s(G(z))]에서 페널티를 뺀 값은 지금 "
                        "{w:.3f}입니다(그래프의 critic 손실에서 부호를 바꾼 값)."),
    "jsd_trace": "밀도로 계산한 JSD",
    "tri_trace": "밀도로 계산한 Δ",
    "divergence_axis": "발산 (주황)",
}
