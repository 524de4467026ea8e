"""Every word the CycleGAN tab shows: `EN`, and `KO` with exactly the same keys."""

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
    "summary_critic": ("Critic {critic} scores your input **{cin:.2f}** and the translation "
                       "**{cout:.2f}**. It was trained towards 1 on real {domain} digits and 0 on "
                       "translations, and the adversarial loss pushed ${G}$ to raise the second "
                       "number towards 1. These are least-squares scores averaged over the critic's "
                       "patches, not probabilities: they can fall below 0 or rise above 1."),
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
        "- **Adversarial, least squares** (as in the reference code): each critic regresses its "
        "scores to $D_B(b) \\to 1$ and $D_B(G(a)) \\to 0$; $G$ learns to make $D_B(G(a)) \\to 1$. "
        "Same for $F$ and $D_A$. No sigmoid: the scores are not probabilities.\n"
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
    # --- words that were written into the code (views.py, tab.py, models.py, model.py) ---------
    "progress_g": "G: translating",
    "progress_f": "F: translating back",
    "heatmap_mean": "{title}: mean {err:.3f}",
    "colorbar_error": "error",
    # hover on a heatmap cell that averages k x k pixels; views.py passes plotly's own %{x},
    # %{y}, %{z:.3f} as x, y, z
    "hover_block": "block of {k}x{k} pixels at ({x}, {y})<br>mean |F(G(x)) − x| = {z}",
    # a user's checkpoint that cannot be used (models.py, model.py)
    "err_user_too_big": "{file} is {mb:.0f} MB; a CycleGAN generator is about 45 MB (limit {limit} MB)",
    "err_user_not_dict": "{file} holds a {kind}, not a state dict",
    "err_user_unusable": "cannot be used as a CycleGAN generator: {reason}",
    "layout_missing": "not a ResNet CycleGAN generator (no {key})",
    "layout_no_blocks": "no residual blocks found (expected keys like model.10.conv_block.1.weight)",
    "layout_block_positions": "unexpected residual block positions {blocks}",
    "layout_unexpected": "unexpected parameter {key} for a ResNet CycleGAN generator",
    "layout_mismatch": "parameters do not fit: missing {missing}, unexpected {unexpected}",
}

# Korean. Terms follow /work/shared/GLOSSARY.ko.md (도메인, 변환, 사이클 일관성 손실, 사이클 오차, 항등 손실,
# 왕복, 역방향 생성기, 판별기 for "critic", 잔차 블록, 전치 합성곱, 인스턴스 정규화, 반사 패딩, 손글씨 /
# 인쇄체, 체크포인트). `summary_critic` states what issue 14 corrects: the least-squares critic's
# number is an unbounded mean over patches, not a probability.
KO = {
    "title": "CycleGAN",
    "intro": (
        "**CycleGAN**은 한 도메인 **A**의 그림을 다른 도메인 **B**로 변환(translation)합니다"
        "(손글씨 → 인쇄체, 평범한 사진 → 옛날 사진). 배울 수 있는 변환 전/후의 짝은 하나도 없습니다. 두 생성기"
        "(generator) $G: A \\to B$와 $F: B \\to A$가 함께 학습하고, 도메인마다 판별기(discriminator)가 하나씩 "
        "있습니다. $D_B$는 *$G(a)$가 진짜 $b$처럼 보이는지*를 묻습니다. 이것만으로는 부족합니다. $G$는 모든 "
        "손글씨 숫자를 똑같은 완벽한 인쇄체 8로 바꾸고도 $D_B$를 속일 수 있습니다. 그래서 왕복(round trip)하면 "
        "그림이 원래대로 돌아와야 합니다. 이것이 **사이클 일관성 손실**(cycle-consistency loss)입니다.\n\n"
        "$$\\mathcal{L}_{cyc} = \\mathbb{E}_a \\lVert F(G(a)) - a \\rVert_1 + "
        "\\mathbb{E}_b \\lVert G(F(b)) - b \\rVert_1$$\n\n"
        "그림을 업로드하고(웹캠으로 찍거나 붙여 넣어도 됩니다) 변환기를 고른 뒤 두 절반을 보세요: 변환 결과, "
        "그리고 되돌아온 그림과 그 과정에서 잃은 것."
    ),
    "input_label": "내 그림 (업로드, 웹캠 또는 붙여넣기)",
    "tab_picture": "그림",
    "tab_draw": "숫자 그리기",
    "draw_label": "숫자 하나를 그리세요",
    "model_label": "변환기",
    "resolution_label": "작업 크기: 짧은 변의 픽셀 수 (사진)",
    "resolution_info": "사진 모델은 256x256 크롭으로 학습했습니다. 크게 하면 더 선명하지만 느립니다"
                       "(512에서는 시간이 약 4배). 가로세로 비율은 항상 유지합니다.",
    "translate": "변환",
    "examples_photos": "예시 사진 (퍼블릭 도메인 / CC0, assets/cyclegan/CREDITS.md 참고)",
    "examples_digits": "예시 숫자 (여기서 학습한 숫자 변환기 쌍용)",
    "seen_label": "신경망이 보는 입력: {x}",
    "output_label": "변환 결과: {G}({x})",
    "back_label": "되돌린 결과: {F}({G}({x}))",
    "heatmap_title": "픽셀별 사이클 오차 |{F}({G}({x})) − {x}|",
    "download": "변환 결과 다운로드 (PNG)",
    "cycle_heading": "### 왕복: A → B → A",
    "cycle_explain": (
        "히트맵은 픽셀마다 $\\lvert F(G(x)) - x \\rvert$를 신경망이 쓰는 $[-1, 1]$ 척도로 보여 줍니다"
        "(0: 정확히 돌아옴, 2: 검정이 흰색으로 돌아옴). 색 채널에 대해서는 평균했습니다. 이 값의 평균이 이 "
        "그림의 사이클 일관성 손실입니다. 마우스를 올리면 값을 볼 수 있습니다. 사이클 오차가 작다고 해서 "
        "$G(x)$가 좋은 변환이라는 증거는 아닙니다. $G$는 $F$에 필요한 정보를 사람이 볼 수 없는 희미한 무늬로 "
        "숨길 수 있습니다. $G(x)$가 진짜처럼 보이게 하는 것은 판별기의 몫입니다."
    ),
    "no_reverse_note": "이 모델에는 돌아오는 길이 없습니다",
    "no_reverse": (
        "**이 모델에는 역방향 생성기가 없습니다.** 그래서 왕복도, 보여 줄 사이클 오차도 없습니다. "
        "vintagify는 $G$(현대 → 빈티지)만 공개하고 $F$는 공개하지 않습니다. 사이클을 보려면 여기서 학습한 "
        "숫자 변환기 쌍을 고르거나(두 방향 모두 제공), CycleGAN의 두 방향을 `pretrained/cyclegan/`에 "
        "넣으세요(아래 *내 체크포인트* 참고)."
    ),
    "empty_note": "그림을 업로드하면 왕복 결과를 볼 수 있습니다",
    "summary_photo": "**{model}** · 작업 크기 {w}x{h} (내 그림: {ow}x{oh}) · G: {tg:.2f}초",
    "summary_shrunk": " · 매우 긴 그림이라, 긴 변이 작업 크기의 {limit}배를 넘지 않도록 짧은 변을 줄였습니다",
    "summary_back": " · F: {tf:.2f}초 · **평균 사이클 오차 {err:.3f}**",
    "summary_digit": ("**{model}** · 그림을 MNIST처럼 28x28 틀에 맞췄습니다 · "
                      "**평균 사이클 오차 {err:.3f}** (두 도메인의 평가용(학습에 쓰지 않은) 숫자 {n:,}개의 평균은 "
                      "{heldout:.3f})"),
    "summary_critic": ("판별기 {critic}의 점수: 입력 **{cin:.2f}**, 변환 결과 **{cout:.2f}**. 이 판별기는 진짜 "
                       "{domain} 숫자에서는 1, 변환 결과에서는 0을 목표로 학습했고, 적대적 손실은 ${G}$가 두 "
                       "번째 값을 1 쪽으로 높이도록 밀었습니다. 이 값들은 확률이 아니라 판별기의 패치별 최소제곱 "
                       "점수를 평균한 것이어서, 0보다 작거나 1보다 클 수 있습니다."),
    "domain_B": "인쇄체", "domain_A": "손글씨",
    "digits_ignore_size": "숫자는 항상 MNIST처럼 28x28 틀에서 처리합니다. 작업 크기는 사진에만 적용됩니다.",
    "model_vintage": "사진 → 빈티지 느낌 (vintagify, 사전 학습된 모델)",
    "model_digits_ab": "손글씨 → 인쇄체 숫자 (G, 여기서 학습)",
    "model_digits_ba": "인쇄체 → 손글씨 숫자 (F, 여기서 학습)",
    "model_user": "내 체크포인트: {name}",
    "source_vintage": ("Yusong Zhao와 Fangyi Wang의 vintagify 0.1.2 (MIT): 참조 구현의 ResNet-9 생성기로, "
                       "현대 사진을 빈티지 느낌으로 바꿉니다. 한 방향만 있습니다."),
    "source_digits": ("여기서 학습했습니다(`python -m playground.train cyclegan_digits`). $G$와 $F$는 MNIST "
                      "손글씨 숫자 8,000개와 33개 글꼴로 찍은 숫자 8,927개로 함께 학습했고, 둘을 짝지은 "
                      "적은 없습니다(글꼴 4개는 평가용으로 따로 두었습니다)."),
    "source_user": "`pretrained/cyclegan/{file}`에서 불러옴.",
    "source_user_pair": "왕복에는 `{other}` 파일을 씁니다.",
    "objective_heading": "전체 목적 함수와 신경망 구조",
    "objective": (
        "$$\\mathcal{L} = \\mathcal{L}_{GAN}(G, D_B) + \\mathcal{L}_{GAN}(F, D_A) + "
        "\\lambda_{cyc}\\,\\mathcal{L}_{cyc}(G, F) + \\lambda_{id}\\,\\lambda_{cyc}\\,\\mathcal{L}_{id}(G, F)$$\n\n"
        "- **적대적 손실, 최소제곱** (참조 코드와 같음): 각 판별기는 점수를 "
        "$D_B(b) \\to 1$, $D_B(G(a)) \\to 0$으로 회귀하도록 배우고, $G$는 $D_B(G(a)) \\to 1$이 되도록 "
        "배웁니다. $F$와 $D_A$도 마찬가지입니다. 시그모이드가 없으므로 점수는 확률이 아닙니다.\n"
        "- **사이클 일관성** $\\lVert F(G(a)) - a \\rVert_1 + \\lVert G(F(b)) - b \\rVert_1$, "
        "가중치 $\\lambda_{cyc} = 10$: 이것이 없으면 $G(a)$를 $a$에 묶어 두는 것이 없습니다.\n"
        "- **항등 손실**(identity loss) $\\lVert G(b) - b \\rVert_1 + \\lVert F(a) - a \\rVert_1$, 가중치 "
        "$\\lambda_{id} = 0.5$: 이미 목표 도메인에 있는 그림은 바뀌지 않고 통과해야 합니다"
        "(색을 지키고, 여기서는 숫자의 위치도 지킵니다).\n\n"
        "**생성기** (ResNet): 7x7 합성곱, 크기를 줄이는 스트라이드 2 합성곱 두 개, 그림에 더할 *변화*를 배우는 "
        "잔차 블록(residual block) "
        "$h + \\mathrm{norm}(\\mathrm{conv}(\\mathrm{relu}(\\mathrm{norm}(\\mathrm{conv}(h)))))$, "
        "크기를 되돌리는 전치 합성곱(transposed convolution) 두 개, 마지막으로 7x7 합성곱과 "
        "$\\tanh$로 $[-1, 1]$. 인스턴스 정규화(instance normalisation: 그림마다 그 그림의 통계를 씀)와 "
        "반사 패딩(reflected borders)을 씁니다. 사진 모델은 채널 64개와 블록 9개(가중치 1,140만 개), "
        "숫자 변환기 쌍은 채널 16개와 블록 4개입니다.\n\n"
        "**판별기** (PatchGAN): 서로 겹치는 패치마다 점수를 매기는 작은 합성곱 신경망입니다(참조 구현에서는 "
        "70x70 픽셀이라 사진 전체보다 질감과 국소적인 형태를 판단합니다. 숫자 판별기는 34x34, 즉 숫자 하나 "
        "전체를 보고 5x5 격자의 점수를 냅니다)."
    ),
    "trained_heading": "학습한 숫자 변환기 쌍: 무엇으로 배웠고, 얼마나 잘 돌아오는가",
    "trained_explain": (
        "왼쪽: 손글씨 숫자 8,000개(도메인 A) 중 일부. 오른쪽: 인쇄체 숫자 8,927개(도메인 B) 중 일부. "
        "학습할 때는 두 더미에서 배치를 각각 따로 뽑으므로, 어떤 인쇄체 숫자가 어떤 손글씨 숫자와 짝인지 "
        "전혀 보지 못합니다. 그 아래는 평가용(학습에 쓰지 않은) 숫자의 왕복입니다: $a$, $G(a)$, $F(G(a))$."
    ),
    "trained_metrics": ("평가용 숫자의 평균 사이클 오차: **{all:.3f}** (A → B → A: {aba:.3f}, "
                        "B → A → B: {bab:.3f}; 평가용 인쇄체 숫자는 이 쌍이 학습에서 한 번도 보지 못한 "
                        "글꼴 4개로 찍었습니다). {kept_verdict} {steps:,} 스텝 학습했습니다. 재현 명령: "
                        "`{command}`."),
    "kept_better": ("$G$는 숫자를 유지할까요? 가장 가까운 인쇄체 학습 숫자의 라벨로 판단하면, 평가용 손글씨 "
                    "숫자의 **{kept:.0%}** 가 $G$를 거친 뒤에도 자기 라벨을 유지합니다. 변환하지 않은 입력은 "
                    "{kept_in:.0%}: 변환하지 않을 때보다 낫습니다."),
    "kept_not_better": ("$G$는 숫자를 유지할까요? 가장 가까운 인쇄체 학습 숫자의 라벨로 판단하면, 평가용 "
                        "손글씨 숫자의 **{kept:.0%}** 가 $G$를 거친 뒤에도 자기 라벨을 유지하고, 변환하지 않은 "
                        "입력은 {kept_in:.0%}입니다. 이 기준으로 보면 $G$는 **변환하지 않을 때보다 숫자의 정체를 "
                        "더 잘 유지하지 않습니다**. 사이클 오차가 작다고 해서 유지한다는 뜻도 아닙니다: $G$가 "
                        "숫자를 바꿔도 $F$가 그 변화를 되돌릴 수 있기 때문입니다."),
    "user_heading": "내 체크포인트",
    "user_explain": (
        "참조 코드(junyanz/pytorch-CycleGAN-and-pix2pix)의 생성기를 `pretrained/cyclegan/`에 넣고 앱을 "
        "다시 시작하면 *변환기* 목록에 나타납니다. 예를 들어 그 저장소의 `download_cyclegan_model.sh`로 받은 "
        "`horse2zebra_pretrained/latest_net_G.pth`, 또는 직접 학습한 `latest_net_G_A.pth`와 "
        "`latest_net_G_B.pth`입니다. 서로 반대 방향인 두 파일(한 폴더 안의 `G_A`와 `G_B`, 또는 "
        "`horse2zebra`와 `zebra2horse`)이 있으면 왕복할 수 있습니다. `.pth` 파일은 "
        "`torch.load(weights_only=True)`로 읽습니다: 텐서만 읽고 코드는 절대 실행하지 않습니다. "
        "지금 찾은 파일: {found}."
    ),
    "user_none": "없음",
    "unknown_model": "알 수 없는 변환기 {key!r}: 페이지를 새로 고치세요(목록은 앱이 시작할 때 읽습니다).",
    "not_a_digit": ("{reason} (숫자 변환기는 MNIST처럼 틀에 맞춘 숫자 하나를 읽습니다. "
                    "사진이라면 사진 변환기를 고르세요.)"),
    "small_image": "이 그림은 {w}x{h} 픽셀뿐입니다. 가로세로 모두 {min} 픽셀 이상인 그림을 쓰세요.",
    # --- words that were written into the code (views.py, tab.py, models.py, model.py) ---------
    "progress_g": "G: 변환 중",
    "progress_f": "F: 되돌리는 중",
    "heatmap_mean": "{title}: 평균 {err:.3f}",
    "colorbar_error": "오차",
    "hover_block": "({x}, {y})의 {k}x{k} 픽셀 블록<br>평균 |F(G(x)) − x| = {z}",
    "err_user_too_big": "파일 {file}의 크기가 {mb:.0f} MB입니다. CycleGAN 생성기는 약 45 MB입니다(한도 {limit} MB).",
    "err_user_not_dict": "파일 {file}에는 state dict가 아니라 {kind} 객체가 들어 있습니다",
    "err_user_unusable": "CycleGAN 생성기로 쓸 수 없습니다: {reason}",
    "layout_missing": "ResNet CycleGAN 생성기가 아닙니다({key} 없음)",
    "layout_no_blocks": "잔차 블록이 없습니다(model.10.conv_block.1.weight 같은 키가 있어야 합니다)",
    "layout_block_positions": "잔차 블록의 위치가 예상과 다릅니다: {blocks}",
    "layout_unexpected": "ResNet CycleGAN 생성기에 없는 파라미터입니다: {key}",
    "layout_mismatch": "파라미터가 맞지 않습니다: 빠진 것 {missing}, 남는 것 {unexpected}",
}
