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
        "zero on real digits: the encoder leaves them at the prior for every digit and the decoder "
        "learned to ignore them, so dragging them changes almost nothing. These are **inactive "
        "units**, a partial collapse; **posterior collapse** proper is when it happens to the whole "
        "code, $q_\\phi(z\\mid x) = p(z)$ for every $x$, so that $z$ says nothing about $x$."
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
        "The bars split it per dimension: a dimension with KL near zero has $q=p$ there, so for "
        "this digit it carries no information about $x$ (grey, *unused*). A dimension that stays so "
        "for every digit is an **inactive unit** (a partial collapse); **posterior collapse** is "
        "$q_\\phi(z\\mid x) = p(z)$ for the whole code."
    ),
    "numbers": (
        "**{source}** under the 16-d model ($\\beta=1$)\n\n"
        "| term | nats |\n|---|---:|\n"
        "| reconstruction $\\mathbb{{E}}_q[\\log p(x\\mid z)]$ | {recon:.1f} |\n"
        "| KL term $\\mathrm{{KL}}(q\\,\\|\\,p)$ | {kl:.1f} |\n"
        "| **ELBO** | **{elbo:.1f}** |\n\n"
        "$$\\text{{ELBO}} = {recon:.1f} - {kl:.1f} = {elbo:.1f}\\ \\text{{nats}}$$\n\n"
        "So $\\log p(x) \\ge$ ELBO, about ${elbo:.1f}$ nats here ($p(x) \\gtrsim e^{{{elbo:.0f}}}$). "
        "*About*: the reconstruction term is a Monte Carlo average over a few draws of $z$, and the "
        "bound holds for its expectation, so one estimate can land a little above or below. "
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
        "decodes to plausible digits) and reconstructions get blurrier. The table gives the plain "
        "ELBO ($\\beta=1$, estimated as above) of this digit under each model, so the three can be "
        "compared."
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
    # errors: a drawing or upload that cannot be scored (views.from_user), a map click
    "error_blank_drawing": "The drawing is blank: draw a digit on the canvas first.",
    "error_no_image": "No image yet: upload a picture of a digit.",
    "error_flat_image": ("That image is one flat colour (for example all white): "
                         "there is no digit in it. Upload a picture of a dark digit on "
                         "a light background, or a light one on a dark background."),
    "error_faint": ("After framing, the digit's strokes are too faint to count as ink: "
                    "use thicker, darker strokes."),
    "error_bad_click": "That click could not be read; click inside the map.",
}

# Korean: the course notes' terms (shared/GLOSSARY.ko.md), English in parentheses at a
# term's first use in the tab. Formulas, placeholders and Markdown as in EN.
KO = {
    "title": "VAE",
    "intro": (
        "**변분 오토인코더**(variational autoencoder)는 잠재 변수(latent variable) $z$를 가진 생성 "
        "모델입니다. **인코더** $q_\\phi(z\\mid x)$는 숫자를 $z$ 위의 가우시안 분포(차원마다 "
        "평균 $\\mu$와 표준편차 $\\sigma$)로 바꿉니다. 이 분포는 계산이 불가능한(intractable) 참 사후 "
        "분포(posterior)를 근사합니다(변분 추론). **디코더** "
        "$p_\\theta(x\\mid z)$는 $z$를 다시 숫자로 바꿉니다: 모든 픽셀에 켜질 확률을 줍니다(베르누이 분포). "
        "**사전 분포(prior)** $p(z)=\\mathcal{N}(0, I)$는 생성할 때 샘플을 뽑는 분포입니다. "
        "모델 하나가 생성 모델의 세 가지 목표를 모두 해냅니다: 생성(사전 분포에서 뽑은 $z$를 디코딩), "
        "밀도 추정(ELBO, 즉 증거 하한이 $\\log p(x)$의 하한), 표현 학습(코드 "
        "$\\mu$). 일반 오토인코더에는 샘플을 뽑을 사전 분포가 없으므로 생성 모델이 아닙니다. "
        "여기 있는 모델은 모두 이 프로젝트가 MNIST 숫자 8,000개로 학습했고, 모든 수치의 단위는 "
        "**nats**입니다."
    ),
    # 1. sliders
    "sliders_heading": "### 1. 잠재 변수 슬라이더: 어떤 $z$든 바로 디코딩",
    "sliders_explain": (
        "슬라이더 하나가 16차원 모델($\\beta=1$)의 $z$ 한 차원입니다. 그림은 디코더의 "
        "$p_\\theta(x\\mid z)$, 즉 각 픽셀이 켜질 확률이며 드래그하는 동안 다시 그려집니다. "
        "**무작위 z**는 사전 분포에서 $z\\sim\\mathcal{N}(0,I)$를 뽑습니다: VAE는 이렇게 생성합니다. "
        "**선택한 숫자에서 시작**은 슬라이더를 아래에서 고른 숫자의 $\\mu$로 맞추므로, 실제 숫자에서 "
        "출발해 멀어져 볼 수 있습니다. *미사용*으로 표시된 차원은 실제 숫자에서 KL이 거의 0입니다: "
        "인코더는 어느 숫자에서나 그 차원을 사전 분포 그대로 두고 디코더는 그 차원을 무시하도록 "
        "학습되었으므로, 드래그해도 거의 아무것도 바뀌지 않습니다. 이런 차원이 **비활성 유닛**, "
        "즉 부분적 붕괴입니다. 본래의 **사후 분포 붕괴**(posterior collapse)는 이 일이 코드 전체에 "
        "일어나 모든 $x$에서 $q_\\phi(z\\mid x) = p(z)$가 되는 것으로, 그러면 $z$는 $x$에 대해 아무것도 "
        "알려 주지 않습니다."
    ),
    "slider_label": "z{i}",
    "slider_unused": "z{i} · 미사용",
    "decoded": "디코딩 결과 p(x|z)",
    "random_z": "사전 분포에서 무작위 z",
    "reset_z": "0으로 초기화",
    "from_digit": "선택한 숫자에서 시작",
    # 2. choose a digit, the ELBO
    "elbo_heading": "### 2. 숫자 하나의 ELBO를 항별로 나누기",
    "pick_label": "평가용 숫자를 고르세요 (학습에 쓰지 않은 숫자)",
    "more_digits": "다른 숫자 보기",
    "draw_label": "…또는 직접 그리기",
    "score_drawing": "내 그림 채점",
    "upload_label": "…또는 숫자 그림 업로드",
    "upload_button": "이미지 업로드",
    "scoring_note": (
        "그림은 획을 그을 때마다 채점됩니다(먼저 브러시를 고르세요). "
        "**그림을 채점하는 방법.** 디코더는 베르누이 분포입니다: 각 픽셀이 켜질 확률을 말하므로, "
        "우도(likelihood)는 학습에 쓴 이진화된 숫자처럼 흑백인 숫자에 대해 정의됩니다. 그림이나 사진은 "
        "먼저 MNIST처럼 틀을 맞추고(20×20 상자, 가운데 정렬), 0.5보다 밝은 픽셀은 켜고 나머지는 끕니다. "
        "이 이진 이미지(*채점에 쓴 입력*으로 표시)를 인코딩하고 채점합니다. 평가용 숫자는 이미 이진 이미지입니다."
    ),
    "input_image": "채점에 쓴 입력 x",
    "recon_image": "재구성 (z = μ)",
    "numbers_empty": "숫자를 고르거나 그리거나 업로드하세요: 그 숫자의 ELBO를 보여 줍니다.",
    "elbo_explain": (
        "$$\\text{ELBO}(x)=\\underbrace{\\mathbb{E}_{q_\\phi(z\\mid x)}\\big[\\log p_\\theta(x\\mid z)\\big]}"
        "_{\\text{reconstruction}}-\\underbrace{\\mathrm{KL}\\big(q_\\phi(z\\mid x)\\,\\|\\,p(z)\\big)}"
        "_{\\text{prior fitting}}\\;\\le\\;\\log p(x)$$\n\n"
        "간격은 정확히 $\\log p(x)=\\text{ELBO}+\\mathrm{KL}\\big(q_\\phi(z\\mid x)\\,\\|\\,"
        "p_\\theta(z\\mid x)\\big)$이고, KL은 음수가 되지 않습니다. 재구성 항(reconstruction)은 $q$에서 "
        "뽑은 코드로 $x$를 다시 디코딩해 낼수록 커집니다. 여기서는 $z=\\mu+\\sigma\\epsilon$를 "
        "{samples}번 뽑아 평균 내어 추정합니다. 사전 분포 적합 항(prior fitting)인 두 가우시안 사이의 "
        "KL 발산에는 **닫힌 형태**가 있어서, 사전 분포로 거의 항상 가우시안을 "
        "씁니다: $\\mathrm{KL}=\\sum_j \\tfrac12\\left(\\mu_j^2+\\sigma_j^2-1-\\log\\sigma_j^2\\right)$. "
        "막대는 이를 차원별로 나눈 것입니다: KL이 거의 0인 차원은 그 차원에서 $q=p$이므로, 이 숫자에 "
        "대해서는 $x$에 대한 정보를 담지 않습니다(회색, *미사용*). 모든 숫자에서 그런 차원은 **비활성 "
        "유닛**(부분적 붕괴)이고, **사후 분포 붕괴**는 코드 전체에서 $q_\\phi(z\\mid x) = p(z)$가 되는 "
        "것입니다."
    ),
    "numbers": (
        "**{source}**, 16차원 모델($\\beta=1$)\n\n"
        "| 항 | nats |\n|---|---:|\n"
        "| 재구성 $\\mathbb{{E}}_q[\\log p(x\\mid z)]$ | {recon:.1f} |\n"
        "| KL 항 $\\mathrm{{KL}}(q\\,\\|\\,p)$ | {kl:.1f} |\n"
        "| **ELBO** | **{elbo:.1f}** |\n\n"
        "$$\\text{{ELBO}} = {recon:.1f} - {kl:.1f} = {elbo:.1f}\\ \\text{{nats}}$$\n\n"
        "따라서 $\\log p(x) \\ge$ ELBO이고, 여기서는 약 ${elbo:.1f}$ nats입니다"
        "($p(x) \\gtrsim e^{{{elbo:.0f}}}$). *약*인 이유: 재구성 항은 $z$를 몇 번 뽑아 평균 낸 "
        "몬테카를로 추정값이고 부등식은 그 기댓값에 대해 성립하므로, 추정값 하나는 조금 "
        "위나 아래에 올 수 있습니다. "
        "이 숫자에서는 잠재 차원 {d}개 중 {active}개가 쓰입니다."
    ),
    "source_heldout": "평가용 숫자 #{i} (라벨 {label})",
    "source_drawing": "내 그림",
    "source_upload": "업로드한 그림",
    "kl_title": "잠재 차원별 KL (nats) · 회색 = 미사용 (KL < 0.05)",
    "unused": "미사용",
    # 3. beta
    "beta_heading": "### 3. KL 가중치 세 가지: 같은 숫자를 β = 0.5, 1, 4로",
    "beta_explain": (
        "이 16차원 모델 세 개는 같은 숫자로, 목적 함수 "
        "$-\\mathbb{E}_q[\\log p(x\\mid z)]+\\beta\\,\\mathrm{KL}(q\\,\\|\\,p)$를 줄이도록 학습했습니다"
        "($\\beta=1$이면 보통의 음의 ELBO). $\\beta$가 클수록 코드의 비용이 커집니다: $q(z\\mid x)$가 "
        "사전 분포 쪽으로 당겨지고, 각 차원이 $x$에 대해 담는 정보가 줄어들며(KL 막대가 낮아지고, "
        "$\\beta$가 충분히 크면 차원 전체가 꺼집니다), 잠재 공간이 더 매끄러워지고(더 넓은 "
        "영역이 그럴듯한 숫자로 디코딩됨), 재구성은 더 흐려집니다. 표는 각 모델에서 이 숫자의 보통 "
        "ELBO($\\beta=1$, 위와 같이 추정)를 보여 주므로 세 모델을 비교할 수 있습니다."
    ),
    "beta_image": "β = {beta:g}",
    "beta_table": (
        "| 모델 | 재구성 | KL | ELBO | 사용한 차원 |\n|---|---:|---:|---:|---:|\n{rows}"
    ),
    "beta_row": "| β = {beta:g} | {recon:.1f} | {kl:.1f} | {elbo:.1f} | {active} / {d} |",
    "beta_fig": {"title": "β별 재구성 비용과 KL (nats)",
                 "recon": "재구성 비용 −E[log p(x|z)]", "kl": "KL(q || p)"},
    # 4. reparameterisation
    "reparam_heading": "### 4. 재파라미터화 트릭(reparameterisation trick): z = μ + σ · ε",
    "reparam_explain": (
        "인코더는 코드가 아니라 분포를 출력합니다: 차원마다 평균 $\\mu_j$(점)와 표준편차 $\\sigma_j$(막대). "
        "코드는 $\\epsilon\\sim\\mathcal{N}(0,I)$로 $z=\\mu+\\sigma\\odot\\epsilon$처럼 뽑습니다: "
        "무작위성이 입력으로 들어가므로 학습할 때 기울기가 $\\mu$와 $\\sigma$를 거쳐 흐릅니다. "
        "**ε 다시 뽑기**는 새 $\\epsilon$(빨간 ×)을 뽑아 각 $z$를 디코딩합니다: 모두 입력과 닮았지만 "
        "조금씩 다른 숫자들입니다. 사용되지 않는 차원은 사전 분포에 머뭅니다($\\mu\\approx0$, "
        "$\\sigma\\approx1$): 샘플은 넓게 퍼지지만 그림은 거의 바뀌지 않습니다."
    ),
    "mu_sigma_title": "차원별 q(z|x): μ ± σ와 뽑은 z",
    "mu_sigma_labels": {"mu": "μ ± σ", "z": "뽑은 z", "prior": "사전 분포 ±1"},
    "resample": "ε 다시 뽑기",
    "samples_image": "샘플 8개 z = μ + σ·ε의 디코딩 결과",
    # 5. latent map
    "map_heading": "### 5. 2차원 VAE의 잠재 공간 지도",
    "map_explain": (
        "잠재 차원이 **두 개**뿐인 두 번째 VAE라서 잠재 공간을 그릴 수 있습니다. 점 하나가 평가용 숫자 "
        "하나이며, 그 숫자의 $\\mu$ 위치에 라벨 색으로 찍혀 있습니다(라벨은 학습에 전혀 쓰지 않았습니다). "
        "비슷한 숫자끼리 모이고, 사전 분포가 숫자들을 원점 주위에 모아 둡니다. 지도(또는 격자)의 "
        "**아무 곳이나 클릭**해 그 점을 디코딩하거나 두 슬라이더를 드래그하세요. 격자는 같은 정사각형 "
        "위에 고르게 놓인 $z$를 디코딩한 것입니다: 격자를 가로지르며 한 숫자가 다른 숫자로 바뀌는 모습을 "
        "보세요. 경로는 아래의 보간입니다."
    ),
    "map_title": "μ 위치의 평가용 숫자 (2차원 모델): 아무 곳이나 클릭하세요",
    "manifold_title": "같은 영역을 디코딩한 격자: 아무 곳이나 클릭하세요",
    "map_labels": {"digit": "숫자", "path": "보간", "point": "디코딩한 z"},
    "map_point": "z에서 디코딩한 결과",
    "map_click_hint": "지도를 클릭해 점을 디코딩하세요.",
    "map_clicked": "z = ({x:.2f}, {y:.2f})",
    "z1": "z1", "z2": "z2",
    "interp_heading": "**보간**: 두 숫자의 μ를 잇는 직선을 디코딩",
    "from_class": "시작 숫자", "to_class": "끝 숫자", "example": "예시 #",
    "interp_2d": "2차원 모델 (지도 위의 경로)",
    "interp_16d": "16차원 모델 (β = 1), 같은 두 숫자",
    "weights_missing": "VAE 가중치를 사용할 수 없습니다",
    # errors
    "error_blank_drawing": "그림이 비어 있습니다: 먼저 캔버스에 숫자를 그리세요.",
    "error_no_image": "아직 이미지가 없습니다: 숫자 그림을 업로드하세요.",
    "error_flat_image": ("이미지 전체가 한 가지 색입니다(예: 전부 흰색): 숫자가 없습니다. "
                         "밝은 바탕에 어두운 숫자, 또는 어두운 바탕에 밝은 숫자 그림을 업로드하세요."),
    "error_faint": ("틀을 맞추고 나니 숫자의 획이 너무 옅어서 잉크로 볼 수 없습니다: "
                    "더 굵고 진한 획을 쓰세요."),
    "error_bad_click": "클릭을 읽지 못했습니다. 지도 안을 클릭하세요.",
}
