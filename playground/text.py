"""The page's own words (header, intro, language switch, footer); each tab keeps its words
in its text.py."""

EN = {
    "title": "playground: see sequence and generative models work",
    "header": "# playground",
    "intro": (
        "Sequence models and generative models, running live in your browser session. "
        "Every tab is one idea from the course unit: move a control and watch the model answer. "
        "The models are real: trained by this project on real data, or real pretrained networks."
    ),
    "language": "Language",
    # the heading of a notice (Gradio 6.31 writes its kind there, in English, whatever the page's language)
    "toast_kinds": {"warning": "Warning", "error": "Error", "info": "Info", "success": "Success"},
    "tab_broken": "This tab could not be built",
    "weights_problem": "⚠️ This tab's pretrained weights are not usable, so parts of it will not work",
    "error_unexpected": ("Something went wrong ({kind}: {error}). The app is still running: change the "
                         "input and try again."),
    "footer_device": "Device: {name} · CPU threads: {threads} · torch {torch}",
    "footer_source": ("Models and data: see the credits in `assets/CREDITS.md` and "
                      "`pretrained/manifest.json`."),
}

KO = {
    "title": "playground: 시퀀스 모델과 생성 모델이 작동하는 모습 보기",
    "header": "# playground",
    "intro": (
        "시퀀스 모델과 생성 모델이 여러분의 브라우저 세션에서 실시간으로 돌아갑니다. "
        "탭 하나가 수업 단원의 아이디어 하나입니다. 컨트롤을 움직이고 모델이 어떻게 답하는지 보세요. "
        "모델은 모두 진짜입니다. 이 프로젝트가 실제 데이터로 직접 학습시켰거나, 실제로 사전 학습된 신경망입니다."
    ),
    "language": "언어",
    "toast_kinds": {"warning": "경고", "error": "오류", "info": "알림", "success": "완료"},
    "tab_broken": "이 탭을 만들지 못했습니다",
    "weights_problem": "⚠️ 이 탭의 사전 학습 가중치를 쓸 수 없어 일부 기능이 작동하지 않습니다",
    "error_unexpected": "문제가 생겼습니다 ({kind}: {error}). 앱은 계속 실행 중이니 입력을 바꿔 다시 해 보세요.",
    "footer_device": "장치: {name} · CPU 스레드: {threads}개 · torch {torch}",
    "footer_source": "모델과 데이터의 출처: `assets/CREDITS.md`와 `pretrained/manifest.json`을 보세요.",
}
