"""Every word the VAE tab shows (English); a Korean `KO = {...}` can follow."""

EN = {
    "title": "VAE",
    "intro": (
        "A **variational autoencoder** is a generative model with a latent variable $z$. "
        "The **encoder** $q_\\phi(z\\mid x)$ maps a digit to a Gaussian over $z$ (a mean $\\mu$ and a "
        "spread $\\sigma$ per dimension); it approximates the intractable true posterior "
        "(variational inference). The **decoder** $p_\\theta(x\\mid z)$ turns a $z$ back into a digit: "
        "it gives every pixel a probability of being on (Bernoulli). The **prior** $p(z)=\\mathcal{N}(0, I)$ "
        "is what we sample from to generate. One model serves the three goals of a generative model: "
        "generation (decode a $z$ from the prior), density estimation (the ELBO bounds $\\log p(x)$) "
        "and representation learning (the code $\\mu$). A plain autoencoder has no prior to sample "
        "from, so it is not generative. All models here were trained by this project on 8,000 MNIST "
        "digits; every number is in **nats**."
    ),
    # 1. sliders
    "sliders_heading": "### 1. Latent sliders: decode any $z$, live",
    "sliders_explain": (
        "Each slider is one dimension of $z$ in the 16-dimensional model ($\\beta=1$); the picture is "
        "the decoder's $p_\\theta(x\\mid z)$, each pixel's probability of being on, redrawn while you "
        "drag. **Random z** draws $z\\sim\\mathcal{N}(0,I)$ from the prior: that is how a VAE "
        "generates. **Start from the chosen digit** sets the sliders to $\\mu$ of the digit chosen "
        "below, so you can walk away from a real digit. Dimensions marked *unused* have a KL near "
        "zero on real digits: the decoder learned to ignore them (posterior collapse), so dragging "
        "them changes almost nothing."
    ),
    "slider_label": "z{i}",
    "slider_unused": "z{i} · unused",
    "decoded": "Decoded p(x|z)",
    "random_z": "Random z from the prior",
    "reset_z": "Reset to zero",
    "from_digit": "Start from the chosen digit",
    # 2. choose a digit, the ELBO
    "elbo_heading": "### 2. The ELBO of one digit, taken apart",
    "pick_label": "Pick a held-out digit (never seen in training)",
    "more_digits": "Show other digits",
    "draw_label": "…or draw one",
    "score_drawing": "Score my drawing",
    "upload_label": "…or upload a picture of a digit",
    "upload_button": "Upload an image",
    "scoring_note": (
        "A drawing is scored after every stroke (pick the brush first). "
        "**How a drawing is scored.** The decoder is Bernoulli: it says how likely each pixel is to "
        "be on, so the likelihood is defined for black-and-white digits like the binarized ones it "
        "was trained on. A drawing or photo is first framed like MNIST (20×20 box, centred), then "
        "every pixel brighter than 0.5 is switched on and the rest off; that binary image (shown as "
        "*input, as scored*) is what gets encoded and scored. Held-out digits are already binary."
    ),
    "input_image": "Input x, as scored",
    "recon_image": "Reconstruction (z = μ)",
    "numbers_empty": "Pick, draw or upload a digit to see its ELBO.",
    "elbo_explain": (
        "$$\\text{ELBO}(x)=\\underbrace{\\mathbb{E}_{q_\\phi(z\\mid x)}\\big[\\log p_\\theta(x\\mid z)\\big]}"
        "_{\\text{reconstruction}}-\\underbrace{\\mathrm{KL}\\big(q_\\phi(z\\mid x)\\,\\|\\,p(z)\\big)}"
        "_{\\text{prior fitting}}\\;\\le\\;\\log p(x)$$\n\n"
        "The gap is exact: $\\log p(x)=\\text{ELBO}+\\mathrm{KL}\\big(q_\\phi(z\\mid x)\\,\\|\\,"
        "p_\\theta(z\\mid x)\\big)$, and a KL is never negative. The reconstruction term rewards "
        "decoding $x$ back from codes drawn from $q$; it is estimated here by averaging over "
        "{samples} draws $z=\\mu+\\sigma\\epsilon$. The KL term between two Gaussians has a "
        "**closed form**, which is why the prior is almost always Gaussian: "
        "$\\mathrm{KL}=\\sum_j \\tfrac12\\left(\\mu_j^2+\\sigma_j^2-1-\\log\\sigma_j^2\\right)$. "
        "The bars split it per dimension: a dimension with KL near zero has $q=p$ there, "
        "it carries no information about $x$ (**posterior collapse**; grey, *unused*)."
    ),
    "numbers": (
        "**{source}** under the 16-d model ($\\beta=1$)\n\n"
        "| term | nats |\n|---|---:|\n"
        "| reconstruction $\\mathbb{{E}}_q[\\log p(x\\mid z)]$ | {recon:.1f} |\n"
        "| KL term $\\mathrm{{KL}}(q\\,\\|\\,p)$ | {kl:.1f} |\n"
        "| **ELBO** | **{elbo:.1f}** |\n\n"
        "$$\\text{{ELBO}} = {recon:.1f} - {kl:.1f} = {elbo:.1f}\\ \\text{{nats}}$$\n\n"
        "So $\\log p(x) \\ge {elbo:.1f}$ nats ($p(x)\\ge e^{{{elbo:.0f}}}$). "
        "{active} of {d} latent dimensions are in use for this digit."
    ),
    "source_heldout": "Held-out digit #{i} (a {label})",
    "source_drawing": "Your drawing",
    "source_upload": "Your upload",
    "kl_title": "KL per latent dimension (nats) · grey = unused (KL < 0.05)",
    "unused": "unused",
    # 3. beta
    "beta_heading": "### 3. Three KL weights: the same digit through β = 0.5, 1, 4",
    "beta_explain": (
        "These three 16-d models were trained on the same digits with the objective "
        "$-\\mathbb{E}_q[\\log p(x\\mid z)]+\\beta\\,\\mathrm{KL}(q\\,\\|\\,p)$ ($\\beta=1$ is the plain "
        "negative ELBO). A larger $\\beta$ makes codes cost more: $q(z\\mid x)$ is pulled towards the "
        "prior, each dimension carries less information about $x$ (lower KL bars; with a strong "
        "enough $\\beta$ whole dimensions switch off), the latent space gets smoother (more of it "
        "decodes to plausible digits) and reconstructions get blurrier. The table gives the true ELBO "
        "($\\beta=1$) of this digit under each model, so the three can be compared."
    ),
    "beta_image": "β = {beta:g}",
    "beta_table": (
        "| model | reconstruction | KL | ELBO | dims used |\n|---|---:|---:|---:|---:|\n{rows}"
    ),
    "beta_row": "| β = {beta:g} | {recon:.1f} | {kl:.1f} | {elbo:.1f} | {active} / {d} |",
    "beta_fig": {"title": "Reconstruction cost vs KL, per β (nats)",
                 "recon": "reconstruction cost −E[log p(x|z)]", "kl": "KL(q || p)"},
    # 4. reparameterisation
    "reparam_heading": "### 4. The reparameterisation trick: z = μ + σ · ε",
    "reparam_explain": (
        "The encoder does not output a code but a distribution: for each dimension a mean $\\mu_j$ "
        "(dot) and a standard deviation $\\sigma_j$ (bar). A code is drawn as "
        "$z=\\mu+\\sigma\\odot\\epsilon$ with $\\epsilon\\sim\\mathcal{N}(0,I)$: the randomness is an "
        "input, so gradients flow through $\\mu$ and $\\sigma$ during training. **Resample ε** draws "
        "new $\\epsilon$ (red crosses) and decodes each $z$: digits that all look like the input, "
        "with small variations. Unused dimensions sit on the prior ($\\mu\\approx0$, $\\sigma\\approx1$): "
        "their samples spread widely, yet the pictures barely change."
    ),
    "mu_sigma_title": "q(z|x) per dimension: μ ± σ, and the sampled z",
    "mu_sigma_labels": {"mu": "μ ± σ", "z": "sampled z", "prior": "prior ±1"},
    "resample": "Resample ε",
    "samples_image": "Decodes of 8 samples z = μ + σ·ε",
    # 5. latent map
    "map_heading": "### 5. The latent map of a 2-d VAE",
    "map_explain": (
        "A second VAE with only **two** latent dimensions, so its latent space can be drawn. Each "
        "dot is a held-out digit placed at its $\\mu$, coloured by its label (the labels were never "
        "used in training): similar digits land together, and the prior keeps them packed around "
        "the origin. **Click anywhere** on the map (or on the grid) to decode that point, or drag "
        "the two sliders. The grid decodes evenly spaced $z$ over the same square: walk across it "
        "and watch one digit morph into another. The path is the interpolation below."
    ),
    "map_title": "Held-out digits at μ (2-d model): click anywhere",
    "manifold_title": "Decoded grid over the same area: click anywhere",
    "map_labels": {"digit": "digit", "path": "interpolation", "point": "decoded z"},
    "map_point": "Decoded at z",
    "map_click_hint": "Click the map to decode a point.",
    "map_clicked": "z = ({x:.2f}, {y:.2f})",
    "z1": "z1", "z2": "z2",
    "interp_heading": "**Interpolation**: decode the straight line between two digits' μ",
    "from_class": "From a", "to_class": "to a", "example": "example #",
    "interp_2d": "2-d model (the path on the map)",
    "interp_16d": "16-d model (β = 1), same two digits",
    "weights_missing": "The VAE weights are not available",
}
