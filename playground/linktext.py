"""Words of lesson links, the Copy link button, the lesson builder and presenter mode
(playground/links.py)."""

EN = {
    "copy_link": "Copy link",
    "copied": "Link copied",
    "copy_failed": "Copy this link:",
    "ignored": "This link had settings the page does not know or cannot use, so they were left out: {names}",
    "notice_title": "Link",
    "builder": "Lesson link (for teachers)",
    "builder_help": ("Set up a tab as your class should see it, tick what to hide, then press "
                     "*Make the link*. The students' page opens on this tab with these settings."),
    "hide": "Hide on the students' page",
    "sections": {
        "settings": "settings",
        "export": "export",
        "explain": "explanations",
        "intro": "page intro",
        "draw": "drawing",
    },
    "only": "Show only this tab",
    "run": "Press the tab's main button when the page opens",
    "present": "Presenter mode (large type for a projector)",
    "make": "Make the link",
    "link": "Lesson link",
    "qr": "QR code of the lesson link",
    "qr_empty": "The QR code appears here.",
    "qr_too_long": "This link is too long for a QR code: hide fewer settings or shorten the typed text.",
    "present_toggle": "Presenter mode",
}

KO = {
    "copy_link": "링크 복사",
    "copied": "링크를 복사했습니다",
    "copy_failed": "이 링크를 복사하세요:",
    "ignored": "이 링크에 페이지가 모르거나 쓸 수 없는 설정이 있어 빼고 열었습니다: {names}",
    "notice_title": "링크",
    "builder": "수업 링크 (교사용)",
    "builder_help": ("학생들이 볼 모습대로 탭을 맞춰 두고, 숨길 것을 고른 다음 *링크 만들기*를 누르세요. "
                     "학생 페이지가 이 탭과 이 설정으로 열립니다."),
    "hide": "학생 페이지에서 숨길 것",
    "sections": {
        "settings": "설정",
        "export": "내보내기",
        "explain": "설명",
        "intro": "페이지 소개",
        "draw": "그리기",
    },
    "only": "이 탭만 보이기",
    "run": "페이지가 열리면 탭의 주 버튼 누르기",
    "present": "발표 모드 (프로젝터용 큰 글씨)",
    "make": "링크 만들기",
    "link": "수업 링크",
    "qr": "수업 링크의 QR 코드",
    "qr_empty": "여기에 QR 코드가 나타납니다.",
    "qr_too_long": "링크가 너무 길어 QR 코드로 만들 수 없습니다. 숨길 설정을 줄이거나 입력한 글을 줄이세요.",
    "present_toggle": "발표 모드",
}
