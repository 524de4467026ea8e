"""Every word the CycleGAN tab shows (English; a Korean dictionary can follow as KO)."""

EN = {
    "title": "CycleGAN",
    "intro": (
        "**CycleGAN** translates pictures from one domain **A** to another domain **B** "
        "(handwriting → type, an ordinary photo → an old one) without a single before/after pair "
        "to learn from. Two generators learn together, $G: A \\to B$ and $F: B \\to A$, and one "
        "discriminator per domain: $D_B$ asks *does $G(a)$ look like a real $b$?* That alone is not "
        "enough: $G$ could turn every handwritten digit into the same perfect typeset 8 and still "
        "fool $D_B$. So a round trip must bring the picture back, the **cycle-consistency loss**\n\n"
        "$$\\mathcal{L}_{cyc} = \\mathbb{E}_a \\lVert F(G(a)) - a \\rVert_1 + "
        "\\mathbb{E}_b \\lVert G(F(b)) - b \\rVert_1$$\n\n"
        "Upload a picture (or take one with the webcam, or paste one), pick a translator, and see "
        "both halves: the translation, and the way back with what it lost."
    ),
    "input_label": "Your picture (upload, webcam or paste)",
    "tab_picture": "A picture",
    "tab_draw": "Draw a digit",
    "draw_label": "Draw one digit",
    "model_label": "Translator",
    "resolution_label": "Working size: shorter side in pixels (photos)",
    "resolution_info": "The photo models were trained on 256x256 crops. Larger is sharper but slower "
                       "(about 4x the time at 512). The aspect ratio is always kept.",
    "translate": "Translate",
    "examples_photos": "Example photos (public domain / CC0, see assets/cyclegan/CREDITS.md)",
    "examples_digits": "Example digits (for the trained pair)",
    "seen_label": "What the network sees: {x}",
    "output_label": "Translation: {G}({x})",
    "back_label": "Back again: {F}({G}({x}))",
    "heatmap_title": "Cycle error |{F}({G}({x})) − {x}| per pixel",
    "download": "Download the translation (PNG)",
    "cycle_heading": "### There and back again: A → B → A",
    "cycle_explain": (
        "The heatmap shows, pixel by pixel, $\\lvert F(G(x)) - x \\rvert$ on the $[-1, 1]$ scale the "
        "networks work in (0: came back exactly; 2: black came back white), averaged over the colour "
        "channels. Its mean is this picture's cycle-consistency loss. Hover to read a value. "
        "A small cycle error does not prove that $G(x)$ is a good translation: $G$ may hide what "
        "$F$ needs in faint patterns a person cannot see; keeping $G(x)$ looking real is the "
        "discriminator's job."
    ),
    "no_reverse_note": "No way back for this model",
    "no_reverse": (
        "**No reverse generator ships with this model**, so there is no round trip and no cycle "
        "error to show. vintagify publishes only $G$ (modern → vintage), not $F$. To see the cycle, "
        "choose the digit pair trained here (both directions ship), or place both directions of a "
        "CycleGAN in `pretrained/cyclegan/` (see *Your own checkpoints* below)."
    ),
    "empty_note": "Upload a picture to see its round trip",
    "summary_photo": "**{model}** · working size {w}x{h} (your picture: {ow}x{oh}) · G: {tg:.2f} s",
    "summary_shrunk": " · a very long picture: the shorter side was reduced so the longer stays within {limit}x",
    "summary_back": " · F: {tf:.2f} s · **mean cycle error {err:.3f}**",
    "summary_digit": ("**{model}** · your picture was framed like MNIST (28x28) · "
                      "**mean cycle error {err:.3f}** (the {n:,} held-out digits of both domains "
                      "average {heldout:.3f})"),
    "summary_critic": ("Critic {critic} (1: looks like a real {domain} digit, 0: looks fake) scores "
                       "your input **{cin:.2f}** and the translation **{cout:.2f}**: the adversarial "
                       "loss pushed ${G}$ to raise the second number."),
    "domain_B": "typeset", "domain_A": "handwritten",
    "digits_ignore_size": "Digits always work at 28x28, framed like MNIST: the working size applies to photos.",
    "model_vintage": "Photo → vintage look (vintagify, pretrained)",
    "model_digits_ab": "Handwritten → typeset digit (G, trained here)",
    "model_digits_ba": "Typeset → handwritten digit (F, trained here)",
    "model_user": "Your checkpoint: {name}",
    "source_vintage": ("vintagify 0.1.2 by Yusong Zhao and Fangyi Wang (MIT): the reference ResNet-9 "
                       "generator, modern photos → vintage look. One direction only."),
    "source_digits": ("Trained here (`python -m playground.train cyclegan_digits`): $G$ and $F$ learned "
                      "together from 8,000 handwritten MNIST digits and 8,927 digits set in 33 fonts, "
                      "never paired (4 more fonts are kept for testing)."),
    "source_user": "From `pretrained/cyclegan/{file}`.",
    "source_user_pair": "Round trip through `{other}`.",
    "objective_heading": "The full objective, and the networks",
    "objective": (
        "$$\\mathcal{L} = \\mathcal{L}_{GAN}(G, D_B) + \\mathcal{L}_{GAN}(F, D_A) + "
        "\\lambda_{cyc}\\,\\mathcal{L}_{cyc}(G, F) + \\lambda_{id}\\,\\lambda_{cyc}\\,\\mathcal{L}_{id}(G, F)$$\n\n"
        "- **Adversarial, least squares** (as in the reference code): each critic learns "
        "$D_B(b) \\to 1$ and $D_B(G(a)) \\to 0$; $G$ learns to make $D_B(G(a)) \\to 1$. Same for "
        "$F$ and $D_A$.\n"
        "- **Cycle consistency** $\\lVert F(G(a)) - a \\rVert_1 + \\lVert G(F(b)) - b \\rVert_1$, "
        "weight $\\lambda_{cyc} = 10$: without it nothing ties $G(a)$ to $a$.\n"
        "- **Identity** $\\lVert G(b) - b \\rVert_1 + \\lVert F(a) - a \\rVert_1$, weight "
        "$\\lambda_{id} = 0.5$: a picture already in the target domain should pass unchanged "
        "(it keeps colours and, here, the digit's position).\n\n"
        "**Generator** (ResNet): a 7x7 convolution, two stride-2 convolutions down, residual blocks "
        "$h + \\mathrm{norm}(\\mathrm{conv}(\\mathrm{relu}(\\mathrm{norm}(\\mathrm{conv}(h)))))$ that "
        "learn a *change* to the picture, two transposed convolutions up, a 7x7 convolution and "
        "$\\tanh$ to $[-1, 1]$. Instance normalisation (each picture's own statistics) and "
        "reflected borders. The photo model has 64 channels and 9 blocks (11.4 million weights); "
        "the digit pair 16 channels and 4 blocks.\n\n"
        "**Discriminator** (PatchGAN): a small convolutional network that scores every overlapping "
        "patch (70x70 pixels in the reference, so it judges texture and local shape rather than "
        "the whole photo; the digits' critic sees 34x34, a whole digit, and gives a 5x5 grid of scores)."
    ),
    "trained_heading": "The trained pair: what it learned from, and how well it comes back",
    "trained_explain": (
        "Left: a few of the 8,000 handwritten digits (domain A). Right: a few of the 8,927 typeset "
        "digits (domain B). The trainer draws a batch from each pile independently: it never "
        "sees which typeset digit goes with which handwritten one. Below them, held-out digits "
        "going there and back: $a$, $G(a)$, $F(G(a))$."
    ),
    "trained_metrics": ("Held-out mean cycle error: **{all:.3f}** (A → B → A: {aba:.3f}, "
                        "B → A → B: {bab:.3f}; the held-out typeset digits are set in 4 fonts the pair "
                        "never trained on). {kept_verdict} Trained {steps:,} steps; reproduce with "
                        "`{command}`."),
    "kept_better": ("Does $G$ keep the digit? Judged by the label of the nearest typeset training "
                    "digit, **{kept:.0%}** of held-out handwritten digits keep theirs after $G$, against "
                    "{kept_in:.0%} untranslated: better than not translating at all."),
    "kept_not_better": ("Does $G$ keep the digit? Judged by the label of the nearest typeset training "
                        "digit, **{kept:.0%}** of held-out handwritten digits keep theirs after $G$, and "
                        "{kept_in:.0%} untranslated: by this measure $G$ keeps a digit's identity **no "
                        "better than not translating at all**. A small cycle error does not show it "
                        "either: $F$ can undo a change of digit that $G$ made."),
    "user_heading": "Your own checkpoints",
    "user_explain": (
        "Place a generator of the reference code (junyanz/pytorch-CycleGAN-and-pix2pix) in "
        "`pretrained/cyclegan/` and restart the app: it appears in the *Translator* list. For "
        "example `horse2zebra_pretrained/latest_net_G.pth` from its "
        "`download_cyclegan_model.sh`, or `latest_net_G_A.pth` and `latest_net_G_B.pth` from your "
        "own training. Two files that go opposite ways (`G_A` and `G_B` in one folder, or "
        "`horse2zebra` and `zebra2horse`) give the round trip. `.pth` files are read with "
        "`torch.load(weights_only=True)`: tensors only, never code. Found now: {found}."
    ),
    "user_none": "none",
    "unknown_model": "Unknown translator {key!r}: reload the page (the list is read when the app starts).",
    "not_a_digit": ("{reason} (The digit translators read one digit, framed like MNIST; "
                    "for a photo, choose the photo translator.)"),
    "small_image": "That image is only {w}x{h} pixels; please use one at least {min} pixels on each side.",
}
