"""The page's own words (header, intro, footer); each tab keeps its words in its text.py."""

EN = {
    "title": "playground: see sequence and generative models work",
    "header": "# playground",
    "intro": (
        "Sequence models and generative models, running live in your browser session. "
        "Every tab is one idea from the course unit: move a control and watch the model answer. "
        "The models are real: trained by this project on real data, or real pretrained networks."
    ),
    "tab_broken": "This tab could not be built",
    "weights_problem": "⚠️ This tab's pretrained weights are not usable, so parts of it will not work",
    "footer_source": "Models and data: see the credits in `assets/CREDITS.md` and `pretrained/manifest.json`.",
}
