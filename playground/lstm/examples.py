"""Example inputs for the tab: each shows something a unit may track.

The code examples stay code in every language; the prose and the non-ASCII example are
words, so they live in text.py (the Korean prose also shows what the ASCII models do
with Hangul).
"""

from playground import i18n
from playground.lstm import text

T = i18n.strings(text)

CODE = '''def quote(name, values=None):
    """Return a line like 'name = [1, (2, 3)]' for the log."""
    if values is None:
        values = {"a": [1, 2, (3, 4)], 'b': "x(y)z"}  # brackets inside strings do not count
    text = ", ".join(f"{key}={value!r}" for key, value in sorted(values.items()))
    return "%s = [%s]" % (name, text)


class Parser(object):
    def __init__(self, source, strict=False):
        self.source = source
        self.pos = 0
        self.errors = []

    def error(self, message):
        raise ValueError('line %d: %s (near %r)' % (self.line(), message, self.source[self.pos:self.pos + 10]))
'''

PROSE = T.ex_prose_text

BRACKETS = '''ab (x (c) ) (hh (e (f g) (h)) z)
(((a) b) ((c (d)) e) f)
xy (a (b (c (d (e (f) g) h) a) b) c) zz
((((((((a))))))))
(a) (b) ((c)) (((d))) ((((e))))
'''  # only the characters of the synthetic bracket language (playground/lstm/data.py)


LONG_LINES = '''    return _Example(source=source, want=want, exc_msg=exc_msg, lineno=lineno, indent=min_indent, options=options)
x = 1
    parser.add_argument("--verbose", "-v", action="store_true", help="print every file name as it is processed")
if a:
    b
        raise TypeError("expected a string or a bytes-like object, got %r instead of it, which is wrong" % (type(value).__name__,))
'''

UNICODE = T.ex_unicode_text

EXAMPLES = {  # key -> (text, the model and the feature that show it best)
    "code": (CODE, "lstm", "in_string"),
    "prose": (PROSE, "lstm", "line_position"),
    "brackets": (BRACKETS, "brackets", "bracket_depth"),
    "long_lines": (LONG_LINES, "lstm", "line_position"),
    "unicode": (UNICODE, "lstm", "in_string"),
}
