"""Example inputs for the tab: each shows something a unit may track."""

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

PROSE = '''The long short-term memory network keeps a cell state, a conveyor belt that runs
through time. At every character the forget gate decides what to drop, the input
gate decides what to write, and the output gate decides what to show. A plain
recurrent network has no such belt: its memory fades within a few dozen steps.
"Quotes", (brackets) and line breaks are what a good cell learns to follow.
'''

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

UNICODE = '''# Café menu: crème brûlée, 5€
print("naïve résumé 🙂")\tafter a tab
'''

EXAMPLES = {  # key -> (text, the model and the feature that show it best)
    "code": (CODE, "lstm", "in_string"),
    "prose": (PROSE, "lstm", "line_position"),
    "brackets": (BRACKETS, "brackets", "bracket_depth"),
    "long_lines": (LONG_LINES, "lstm", "line_position"),
    "unicode": (UNICODE, "lstm", "in_string"),
}
