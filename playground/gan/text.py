"""Every word the GAN tab shows (English; a KO dict can follow)."""

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
    "err_preset": "There is no preset called {name!r}.",
    "err_draw_empty": "The drawing is empty: paint some strokes on the square first.",
    "err_draw_few": "Only {n} points in your drawing; paint at least {min} (a few longer strokes).",
    "err_nothing_to_export": "Nothing to export yet: train for a moment first.",
    "diverged_toast": "The losses became NaN/inf; the model was reset. Lower the learning rates.",
    # --- MNIST ---
    "mnist_heading": "### Mode collapse on images: two DCGANs on the 9,000 training digits",
    "mnist_intro": (
        "Two DCGANs (convolutions, batch norm, ReLU in G, no fully connected layers) were trained "
        "by this repository: one with the standard recipe, one with settings that collapse (G takes "
        "5 fast steps for each slow step of D). Each panel shows the **same 100 noise vectors** "
        "decoded at one moment of training. A small classifier (held-out accuracy {acc}) names "
        "every sample; its frame has that digit's colour (grey: not sure, under 50%, or not "
        "digit-like at all). A class counts as *covered* when at least 3% of the samples (3 of "
        "100) are confidently that digit."),
    "timeline": "Training moment (drag)",
    "timeline_info": "Snapshot {i} of {n} (each run's training is cut into {n} moments)",
    "snapshot_line": "**{title}** · generator step {step:,} (epoch {epoch:.1f}) · **{covered}**",
    "run_healthy": "Healthy run",
    "run_collapse": "Collapsing run",
    "classes_covered": "classes covered: {k} of 10",
    "fresh": "Fresh samples from both final generators",
    "fresh_label": "{run}: 100 new samples · classes covered: {k} of 10",
    "fresh_label_empty": "{run}: new samples from its final generator",
    "hist_title": "Which digits it makes",
    "hist_x": "digit the classifier sees (? = not sure)",
    "hist_y": "samples",
    "hist_hover": "%{x}: %{y} samples",
    "png_caption": "step {step:,} · {what} {k}/{n} · good samples {hq:.0f}%",
    "play_timeline": "▶ Play the timeline",
}
